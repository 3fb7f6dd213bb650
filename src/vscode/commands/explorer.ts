/** Explorer commands: refresh, load more, filter, copy name/ARN, seed the demo tables. Thin. */
import * as vscode from 'vscode';
import { LOCAL_CONNECTION_ID } from '../../dynamo/connections';
import { seedLine } from '../../dynamo/seed';
import type { ExplorerProvider } from '../explorer/provider';
import { ConnectionNode, ExplorerNode, RegionNode, TableNode } from '../explorer/nodes';
import type { Services } from '../services';
import { reportError } from '../platform/errors';
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
    vscode.commands.registerCommand('dynamodbDesigner.refreshExplorer', () => explorer.refresh()),
    vscode.commands.registerCommand('dynamodbDesigner.refreshNode', (node?: ExplorerNode) => explorer.refresh(node)),
    vscode.commands.registerCommand('dynamodbDesigner.loadMoreTables', async (node: RegionNode) => {
      try { await node.loadMore(); } catch (error) { reportError(log, `Listing more tables in ${node.region}`, error); }
    }),
    vscode.commands.registerCommand('dynamodbDesigner.filterTables', async () => {
      const value = await vscode.window.showInputBox({
        title: 'Filter tables',
        prompt: 'Show only tables whose name contains this text (case-insensitive). Empty shows all.',
        value: readSettings().filterTables,
      });
      if (value !== undefined) { await updateSetting('filterTables', value.trim()); }
    }),
    vscode.commands.registerCommand('dynamodbDesigner.clearFilter', () => updateSetting('filterTables', '')),
    vscode.workspace.onDidChangeConfiguration(e => {
      if (e.affectsConfiguration('dynamodbDesigner.filterTables')) { showFilter(); void explorer.refilter(); }
    }),
    vscode.commands.registerCommand('dynamodbDesigner.copyTableName', async (node?: TableNode) => {
      if (!(node instanceof TableNode)) { return; }
      await vscode.env.clipboard.writeText(node.name);
      vscode.window.setStatusBarMessage(`Copied "${node.name}"`, 3000);
    }),
    vscode.commands.registerCommand('dynamodbDesigner.copyTableArn', async (node?: TableNode) => {
      if (!(node instanceof TableNode)) { return; }
      try {
        const arn = node.table?.arn ?? (await services.describeTable(node.connection.id, node.region, node.name)).arn;
        if (!arn) { void vscode.window.showWarningMessage(`The server gave no ARN for ${node.name}.`); return; }
        await vscode.env.clipboard.writeText(arn);
        vscode.window.setStatusBarMessage(`Copied ${arn}`, 3000);
      } catch (error) { reportError(log, `Copying the ARN of ${node.name}`, error); }
    }),
    vscode.commands.registerCommand('dynamodbDesigner.seedDemoTables', async (node?: ConnectionNode | RegionNode) => {
      const connectionId = node instanceof ConnectionNode || node instanceof RegionNode ? node.connection.id : LOCAL_CONNECTION_ID;
      const region = node instanceof RegionNode ? node.region : (await services.connection(connectionId)).regions[0];
      try {
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
      } catch (error) {
        reportError(log, 'Seeding demo tables', error);
        return undefined;
      }
    }),
  ];
}
