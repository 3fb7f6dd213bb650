/** What the e2e test files share: the extension's API and waiting for a condition. */
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';

export const EXTENSION_ID = 'dynamodb-designer.dynamodb-designer';

/** The activated extension's API. */
export async function api(): Promise<ExtensionApi> {
  return vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)!.activate();
}

/** Polls `probe` until it gives a value (not undefined or false), or fails naming `what`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, ms = 20000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) { return value; }
    if (Date.now() > end) { throw new Error(`timed out waiting for ${what}`); }
    await new Promise(r => setTimeout(r, 100));
  }
}
