/**
 * activate(): builds the services, registers everything in context.subscriptions, nothing else.
 */
import * as vscode from 'vscode';
import { ExplorerProvider } from './vscode/explorer/provider';
import { createLog } from './vscode/platform/log';

export interface ExtensionApi {
  readonly explorer: ExplorerProvider;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const log = createLog();
  context.subscriptions.push(log);
  log.info(`DynamoDB Designer ${context.extension.packageJSON.version as string} activating`);

  const explorer = new ExplorerProvider();
  context.subscriptions.push(
    explorer,
    vscode.window.createTreeView('dynamodbDesigner.explorer', { treeDataProvider: explorer, showCollapseAll: true }),
    vscode.commands.registerCommand('dynamodbDesigner.refreshExplorer', () => explorer.refresh()),
    vscode.commands.registerCommand('dynamodbDesigner.showLog', () => log.show()),
  );
  return { explorer };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
