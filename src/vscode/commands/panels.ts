/** Open Table Details and Browse Items: from a table or index node, a panel, or the palette. Thin. */
import * as vscode from 'vscode';
import { openItemBrowser, openTableDetails } from '../panels/panels';
import type { PanelServices } from '../panels/services';
import { reportError } from '../platform/errors';
import type { Services } from '../services';
import { panelTarget, resolveTableRef } from './tableRef';

export function registerPanelCommands(context: vscode.ExtensionContext, services: Services, panels: PanelServices): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('dynamodbDesigner.openTableDetails', async (argument?: unknown) => {
      try {
        const ref = await resolveTableRef(services, services.prompts, argument, 'Open Table Details');
        if (ref) { await openTableDetails(context, panels, panelTarget({ ...ref, indexName: undefined })); }
      } catch (error) { reportError(services.log, 'Opening table details', error); }
    }),
    vscode.commands.registerCommand('dynamodbDesigner.browseItems', async (argument?: unknown) => {
      try {
        const ref = await resolveTableRef(services, services.prompts, argument, 'Browse Items');
        if (ref) { await openItemBrowser(context, panels, panelTarget(ref)); }
      } catch (error) { reportError(services.log, 'Opening the item browser', error); }
    }),
  ];
}
