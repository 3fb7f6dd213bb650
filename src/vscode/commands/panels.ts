/**
 * Open Table Details and Browse Items: from a table or index node, a panel, or the palette; Run Item
 * Query (Ctrl+Enter in the item browser): runs the active item browser's form. Thin.
 */
import * as vscode from 'vscode';
import { openItemBrowser, openPanels, openTableDetails } from '../panels/panels';
import { ItemsPanel } from '../panels/itemsPanel';
import type { PanelServices } from '../panels/services';
import type { Services } from '../services';
import { registerCommand } from './register';
import { panelTarget, resolveTableRef } from './tableRef';

export function registerPanelCommands(context: vscode.ExtensionContext, services: Services, panels: PanelServices): vscode.Disposable[] {
  return [
    registerCommand(services.log, 'dynamodbDesigner.openTableDetails', { doing: 'Opening table details' }, async (_run, argument?: unknown) => {
      const ref = await resolveTableRef(services, services.prompts, argument, 'Open Table Details');
      if (ref) { await openTableDetails(context, panels, panelTarget({ ...ref, indexName: undefined })); }
    }),
    registerCommand(services.log, 'dynamodbDesigner.browseItems', { doing: 'Opening the item browser' }, async (_run, argument?: unknown) => {
      const ref = await resolveTableRef(services, services.prompts, argument, 'Browse Items');
      if (ref) { await openItemBrowser(context, panels, panelTarget(ref)); }
    }),
    vscode.commands.registerCommand('dynamodbDesigner.runItemQuery', () => {
      const active = [...openPanels.values()].find(p => p instanceof ItemsPanel && p.panel.active);
      if (active) { active.notify('run', {}); } else { void vscode.window.showInformationMessage('Run Item Query runs the query of the item browser in front: open one with Browse Items.'); }
    }),
  ];
}
