/** Explorer commands: refresh, load more, filter, copy name/ARN, seed the demo tables. Thin. */
import * as vscode from 'vscode';
import { LOCAL_CONNECTION_ID } from '../../dynamo/connections';
import { seedLine } from '../../dynamo/seed';
import type { ExplorerProvider } from '../explorer/provider';
import { ConnectionNode, ExplorerNode, RegionNode, TableNode } from '../explorer/nodes';
import type { Services } from '../services';
import { registerCommand } from './register';
import { readSettings, updateSetting } from '../platform/settings';

export function registerExplorerCommands(services: Services, explorer: ExplorerProvider, view: vscode.TreeView<ExplorerNode>): vscode.Disposable[] {
  const log = services.log;
  const showFilter = () => {
    const filter = readSettings().filterTables.trim();
    view.description = filter ? `filter: ${filter}` : undefined;
    void vscode.commands.executeCommand('setContext', 'dynamodbDesigner.filtered', Boolean(filter));
  };
  showFilter();

  return [
    registerCommand(log, 'dynamodbDesigner.refreshExplorer', { doing: 'Refreshing the explorer' }, () => explorer.refresh()),
    registerCommand(log, 'dynamodbDesigner.refreshNode', { doing: 'Refreshing' }, (_run, node?: ExplorerNode) => explorer.refresh(node)),
    registerCommand(log, 'dynamodbDesigner.loadMoreTables', { doing: 'Listing more tables' }, async (run, node: RegionNode) => {
      run.doing = `Listing more tables in ${node.region}`;
      await node.loadMore();
    }),
    registerCommand(log, 'dynamodbDesigner.filterTables', { doing: 'Filtering tables' }, async () => {
      const value = await vscode.window.showInputBox({
        title: 'Filter tables',
        prompt: 'Show only tables whose name contains this text (case-insensitive). Empty shows all.',
        value: readSettings().filterTables,
      });
      if (value !== undefined) { await updateSetting('filterTables', value.trim()); }
    }),
    registerCommand(log, 'dynamodbDesigner.clearFilter', { doing: 'Clearing the filter' }, () => updateSetting('filterTables', '')),
    vscode.workspace.onDidChangeConfiguration(e => {
      if (e.affectsConfiguration('dynamodbDesigner.filterTables')) { showFilter(); void explorer.refilter(); }
    }),
    registerCommand(log, 'dynamodbDesigner.copyTableName', { doing: 'Copying the table name' }, async (_run, node?: TableNode) => {
      if (!(node instanceof TableNode)) { return; }
      await vscode.env.clipboard.writeText(node.name);
      vscode.window.setStatusBarMessage(`Copied "${node.name}"`, 3000);
    }),
    registerCommand(log, 'dynamodbDesigner.copyTableArn', { doing: 'Copying the ARN' }, async (run, node?: TableNode) => {
      if (!(node instanceof TableNode)) { return; }
      run.doing = `Copying the ARN of ${node.name}`;
      const arn = node.table?.arn ?? (await services.describeTable(node.connection.id, node.region, node.name)).arn;
      if (!arn) { void vscode.window.showWarningMessage(`The server gave no ARN for ${node.name}.`); return; }
      await vscode.env.clipboard.writeText(arn);
      vscode.window.setStatusBarMessage(`Copied ${arn}`, 3000);
    }),
    registerCommand(log, 'dynamodbDesigner.seedDemoTables', { doing: 'Seeding demo tables' }, async (_run, node?: ConnectionNode | RegionNode) => {
      const connectionId = node instanceof ConnectionNode || node instanceof RegionNode ? node.connection.id : LOCAL_CONNECTION_ID;
      const region = node instanceof RegionNode ? node.region : (await services.connection(connectionId)).regions[0];
      const seeded = await vscode.window.withProgress({
        location: vscode.ProgressLocation.Notification, title: 'Seeding demo tables', cancellable: true,
      }, (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        return services.seedDemoTables(connectionId, region, message => progress.report({ message }), abort.signal);
      });
      const written = seeded.reduce((n, t) => n + t.itemsWritten, 0);
      log.info(`seeded ${seeded.map(seedLine).join(', ')}`);
      explorer.refresh();
      void vscode.window.showInformationMessage(`Demo tables ready: ${seeded.map(t => t.name).join(', ')} (${written} items written).`);
      return seeded;
    }),
  ];
}
