/** The DynamoDB explorer: connections -> regions -> tables -> indexes. */
import * as vscode from 'vscode';

export class ExplorerProvider implements vscode.TreeDataProvider<vscode.TreeItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.TreeItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  getTreeItem(element: vscode.TreeItem): vscode.TreeItem { return element; }

  getChildren(): vscode.TreeItem[] { return []; }

  refresh(): void { this.changed.fire(undefined); }

  dispose(): void { this.changed.dispose(); }
}
