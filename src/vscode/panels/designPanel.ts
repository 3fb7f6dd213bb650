/**
 * The design view's host: the entity map, facets, access patterns with costs and sample items of
 * one table (a config's, drawn again when the config changes; or a live table's indexes), with
 * Export as Markdown and Generate Data-Access Code.
 */
import * as vscode from 'vscode';
import type { PanelTarget } from '../../../webview/protocol';
import type { Designs } from '../design/designs';
import { PanelHost } from './host';
import type { Handlers } from './host';
import type { PanelServices } from './services';

export class DesignPanel extends PanelHost {
  protected readonly handlers: Handlers = {
    'design.load': async (_params, signal) => (await this.designs.load(this.target, signal)).data,
    'design.exportMarkdown': async () => { await this.designs.exportMarkdown(this.target); return null; },
    'design.generateCode': async ({ language }) => { await this.designs.generateCode(this.target, language); return null; },
  };

  constructor(
    panel: vscode.WebviewPanel, context: vscode.ExtensionContext, services: PanelServices, target: PanelTarget,
    private readonly designs: Designs,
    /** Fires with a document's URI after it was analyzed again (the config changed). */
    onDidAnalyze?: vscode.Event<vscode.Uri>,
  ) {
    super('design', panel, context, services, target);
    const config = target.configUri;
    if (config !== undefined && onDidAnalyze) {
      const subscription = onDidAnalyze(uri => { if (uri.toString() === config) { this.notify('refresh', {}); } });
      panel.onDidDispose(() => subscription.dispose());
    }
  }
}
