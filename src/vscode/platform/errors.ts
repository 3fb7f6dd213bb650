/** Turning errors into words for the user; a user's cancel is not an error. */
import * as vscode from 'vscode';
import { describeAwsError, redact } from '../../dynamo/errors';
import type { Log } from './log';

/** A problem the person can fix (not a failure of ours): shown as is, with an optional action. */
export class UserError extends Error {
  constructor(message: string, readonly action?: { readonly title: string; readonly command: string }) {
    super(message);
    this.name = 'UserError';
  }
}

export function isCancellation(error: unknown): boolean {
  if (error instanceof vscode.CancellationError) { return true; }
  const name = (error as { name?: string } | undefined)?.name;
  return name === 'AbortError' || name === 'Canceled';
}

/**
 * A one-line message in the words of dynamo/errors.ts `describeAwsError` (so the explorer, the
 * panels and the CLI say the same), with its code, never a stack or a secret.
 */
export function describeError(error: unknown): string {
  if (error instanceof UserError) { return redact(error.message.split('\n')[0]); }
  if (error instanceof Error) {
    const described = describeAwsError(error);
    const code = described.code !== 'Error' ? described.code : undefined;
    const message = described.message.split('\n')[0];
    return redact(code && !message.includes(code) ? `${message} (${code})` : message);
  }
  return redact(String(error));
}

/** Logs the error with context and shows it, unless it is a cancellation. */
export function reportError(log: Log, context: string, error: unknown): void {
  if (isCancellation(error)) { log.info(`${context}: cancelled`); return; }
  if (error instanceof UserError) {
    log.warn(`${context}: ${error.message}`);
    const action = error.action;
    void vscode.window.showWarningMessage(redact(error.message), ...(action ? [action.title] : [])).then(choice => {
      if (action && choice === action.title) { void vscode.commands.executeCommand(action.command); }
    });
    return;
  }
  const message = `${context}: ${describeError(error)}`;
  log.error(message);
  void vscode.window.showErrorMessage(message, 'Show Log').then(choice => { if (choice) { log.show(true); } });
}
