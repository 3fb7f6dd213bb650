/**
 * Errors in words for a panel: the message and the code (the AWS error code when AWS answered),
 * never a stack or a secret. Pure (no vscode import).
 */
import type { ErrorInfo } from '../../../webview/protocol';
import { describeAwsError, redact } from '../../dynamo/errors';
import { ItemConflictError } from '../../dynamo/items';
import { RequestError } from '../../items/expressions';
import { ItemParseError } from '../../items/itemJson';

/** A refusal of the panel host itself (a stale page, an item no longer on the page). */
export class PanelError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'PanelError';
  }
}

export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof PanelError) { return { code: error.code, message: error.message }; }
  if (error instanceof ItemConflictError) { return { code: `ItemConflict:${error.reason}`, message: error.message }; }
  if (error instanceof RequestError) { return { code: 'InvalidRequest', message: error.message }; }
  if (error instanceof ItemParseError) { return { code: 'InvalidItem', message: error.message }; }
  const described = describeAwsError(error);
  return { code: described.code, message: redact(described.message) };
}
