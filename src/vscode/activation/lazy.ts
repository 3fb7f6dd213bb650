/**
 * Stand-ins the entry registers at activation so that every contribution works before the bundle
 * that implements it is loaded: a tree data provider that loads on the first request and then
 * forwards, and one handler per contributed command that loads and re-runs the command once the
 * real handler is registered. vscode only, nothing heavy: part of the entry bundle.
 */
import * as vscode from 'vscode';

/** Forwards to the provider `load` returns, called on the first request. */
export class LazyTreeDataProvider implements vscode.TreeDataProvider<unknown>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<unknown>();
  readonly onDidChangeTreeData = this.emitter.event;
  private real: vscode.TreeDataProvider<unknown> | undefined;
  private forwarding: vscode.Disposable | undefined;

  constructor(private readonly load: () => vscode.TreeDataProvider<unknown>) {}

  private provider(): vscode.TreeDataProvider<unknown> {
    if (!this.real) {
      const real = this.load();
      this.real = real;
      this.forwarding = real.onDidChangeTreeData?.(element => this.emitter.fire(element));
    }
    return this.real;
  }

  getTreeItem(element: unknown): vscode.TreeItem | Thenable<vscode.TreeItem> { return this.provider().getTreeItem(element); }
  getChildren(element?: unknown): vscode.ProviderResult<unknown[]> { return this.provider().getChildren(element); }
  getParent(element: unknown): vscode.ProviderResult<unknown> { return this.provider().getParent?.(element); }

  resolveTreeItem(item: vscode.TreeItem, element: unknown, token: vscode.CancellationToken): vscode.ProviderResult<vscode.TreeItem> {
    const real = this.provider();
    return real.resolveTreeItem ? real.resolveTreeItem(item, element, token) : item;
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.emitter.dispose();
  }
}

/**
 * Registers a stand-in for each command id: on first use it calls `load` (which disposes the
 * stand-ins via the returned disposable and registers the real handlers), then runs the command
 * again with the same arguments, now reaching the real handler.
 */
export function registerCommandStandIns(ids: readonly string[], load: () => void): vscode.Disposable {
  const standIns = ids.map(id => vscode.commands.registerCommand(id, (...args: unknown[]) => {
    load();
    return vscode.commands.executeCommand(id, ...args);
  }));
  return { dispose: () => standIns.forEach(s => s.dispose()) };
}

/** The ids of the commands package.json contributes. */
export function contributedCommands(extension: vscode.Extension<unknown>): string[] {
  const contributes = (extension.packageJSON as { contributes?: { commands?: { command: string }[] } }).contributes;
  return (contributes?.commands ?? []).map(c => c.command);
}

const PANEL_VIEW_TYPES = ['dynamodbDesigner.tableDetails', 'dynamodbDesigner.itemBrowser', 'dynamodbDesigner.designView'];
const AWS_SCHEMES = new Set(['dynamodb-item', 'dynamodb-plan']);
/** PartiQL files and saved queries: their CodeLenses, completion and hover are in the AWS bundle. */
const AWS_FILES = /\.(partiql|dynamodb-query\.json)$/;

/**
 * Whether a tab needs the AWS bundle: a details or item browser panel (restored after a window
 * reload through its serializer), an item being edited or a plan document (their schemes'
 * providers), a PartiQL file or a saved query.
 */
export function isAwsTab(tab: vscode.Tab): boolean {
  const input = tab.input;
  if (input instanceof vscode.TabInputWebview) { return PANEL_VIEW_TYPES.some(t => input.viewType === t || input.viewType.endsWith(`-${t}`)); }
  if (input instanceof vscode.TabInputText) { return AWS_SCHEMES.has(input.uri.scheme) || AWS_FILES.test(input.uri.path); }
  if (input instanceof vscode.TabInputTextDiff) { return AWS_SCHEMES.has(input.modified.scheme) || AWS_SCHEMES.has(input.original.scheme); }
  return false;
}

/** Calls `load` now if a tab of ours is open, else when one opens. */
export function watchAwsTabs(load: () => void): vscode.Disposable {
  const open = (): boolean => vscode.window.tabGroups.all.some(group => group.tabs.some(isAwsTab));
  if (open()) { load(); return { dispose: () => undefined }; }
  return vscode.window.tabGroups.onDidChangeTabs(event => { if (event.opened.some(isAwsTab)) { load(); } });
}
