/**
 * Entry points for the lead: open the details panel or the item browser of a table (re-opening
 * focuses the panel already open), and register what must exist from activation: the webview
 * panel serializers (panels come back after a window reload) and the `dynamodb-item:` file
 * system for editing items.
 *
 * package.json needs: activationEvents `onWebviewPanel:dynamodbDesigner.tableDetails`,
 * `onWebviewPanel:dynamodbDesigner.itemBrowser`, `onWebviewPanel:dynamodbDesigner.designView`,
 * `onFileSystem:dynamodb-item`.
 */
import * as vscode from 'vscode';
import type { PanelKind, PanelTarget } from '../../../webview/protocol';
import { parsePanelState, VIEW_TYPES } from '../../../webview/protocol';
import { createPanel, findPanel, openPanels } from './host';
import type { PanelHost } from './host';
import { DesignPanel } from './designPanel';
import { DetailsPanel } from './detailsPanel';
import { ItemsPanel } from './itemsPanel';
import { ItemDocuments, ITEM_SCHEME } from './itemDocuments';
import type { PanelServices } from './services';

export type { PanelServices, PanelSettings, PanelTarget } from './services';
export { findPanel, openPanels } from './host';

interface Registration {
  readonly documents: ItemDocuments;
  readonly services: PanelServices;
}

let registration: Registration | undefined;

/**
 * Registers the serializers and the item file system (call once from activate; every
 * registration goes into context.subscriptions). Idempotent.
 */
export function registerPanels(context: vscode.ExtensionContext, services: PanelServices): void {
  if (registration) { return; }
  const documents = new ItemDocuments(services, context.workspaceState);
  registration = { documents, services };
  context.subscriptions.push(
    documents,
    vscode.workspace.registerFileSystemProvider(ITEM_SCHEME, documents, { isCaseSensitive: true }),
    documents.onDidSave(({ target }) => {
      const panel = findPanel('items', target);
      if (panel instanceof ItemsPanel) { void panel.pageChanged(); }
    }),
    ...(['details', 'items', 'design'] as const).map(kind => vscode.window.registerWebviewPanelSerializer(VIEW_TYPES[kind], {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => {
        const parsed = parsePanelState(state);
        if (!parsed.ok || parsed.value.kind !== kind) {
          services.log.warn(`cannot restore a ${kind} panel: ${parsed.ok ? 'wrong kind' : parsed.reason}`);
          panel.dispose();
          return;
        }
        adopt(context, kind, panel, parsed.value.target);
      },
    })),
    { dispose: () => { for (const panel of [...openPanels.values()]) { panel.dispose(); } registration = undefined; } },
  );
}

function adopt(context: vscode.ExtensionContext, kind: PanelKind, panel: vscode.WebviewPanel, target: PanelTarget): PanelHost {
  const { documents, services } = registration!;
  switch (kind) {
    case 'details': return new DetailsPanel(panel, context, services, target, t => openItemBrowser(context, services, t));
    case 'items': return new ItemsPanel(panel, context, services, target, documents);
    case 'design':
      if (!services.designs) { throw new Error('the design view is not available'); }
      return new DesignPanel(panel, context, services, target, services.designs, services.onDidAnalyze);
  }
}

async function open(context: vscode.ExtensionContext, services: PanelServices, kind: PanelKind, target: PanelTarget): Promise<PanelHost> {
  registerPanels(context, services);
  const existing = findPanel(kind, target);
  if (existing) {
    existing.reveal();
    // Browsing an index of a table whose item browser is open switches it to that index.
    if (existing instanceof ItemsPanel && target.indexName !== undefined) { existing.browse(target.indexName); }
    return existing;
  }
  return adopt(context, kind, createPanel(context, kind, target), target);
}

/** Opens (or focuses) the details panel of a table. */
export async function openTableDetails(context: vscode.ExtensionContext, services: PanelServices, target: PanelTarget): Promise<void> {
  await open(context, services, 'details', target);
}

/** Opens (or focuses) the item browser of a table; `target.indexName` preselects an index. */
export async function openItemBrowser(context: vscode.ExtensionContext, services: PanelServices, target: PanelTarget): Promise<void> {
  await open(context, services, 'items', target);
}

/** Opens (or focuses) the design view of a table: a config's (`target.configUri`) or a live one. */
export async function openDesignView(context: vscode.ExtensionContext, services: PanelServices, target: PanelTarget): Promise<void> {
  await open(context, services, 'design', target);
}

/** Tells an open details panel to read its table again (after apply, for instance). */
export function refreshTableDetails(target: PanelTarget): void {
  const panel = findPanel('details', target);
  if (panel instanceof DetailsPanel) { panel.refresh(); }
}
