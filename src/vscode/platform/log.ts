/** The extension's output channel ("DynamoDB Designer", a log channel with levels). */
import * as vscode from 'vscode';

export type Log = vscode.LogOutputChannel;

export function createLog(): Log {
  return vscode.window.createOutputChannel('DynamoDB Designer', { log: true });
}
