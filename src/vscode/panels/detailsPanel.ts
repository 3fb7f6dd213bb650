/** The table details panel's host: reads the table (describeTable), copies, opens the item browser. */
import * as vscode from 'vscode';
import type { DetailsData, PanelTarget } from '../../../webview/protocol';
import { describeTable } from '../../dynamo/tables';
import { SERVER_LIMITATIONS } from '../../dynamo/local';
import { LOCAL_CONNECTION_ID } from '../../dynamo/connections';
import { PanelHost } from './host';
import type { Handlers } from './host';
import type { PanelServices } from './services';

export class DetailsPanel extends PanelHost {
  protected readonly handlers: Handlers = {
    'details.load': (_params, signal) => this.load(signal),
    'details.browse': async ({ index }) => {
      await this.openBrowser(index === undefined ? this.target : { ...this.target, indexName: index });
      return null;
    },
    'details.exportConfig': async () => {
      if (!this.services.exportAsConfig) { throw new Error('export as config is not available yet'); }
      await this.services.exportAsConfig(this.target);
      return null;
    },
  };

  constructor(
    panel: vscode.WebviewPanel, context: vscode.ExtensionContext, services: PanelServices, target: PanelTarget,
    private readonly openBrowser: (target: PanelTarget) => Promise<void>,
  ) {
    super('details', panel, context, services, target);
  }

  private async load(signal: AbortSignal): Promise<DetailsData> {
    const client = await this.services.client(this.target.connectionId, this.target.region);
    const table = await describeTable(client, this.target.tableName, { signal });
    const limitations = this.target.connectionId === LOCAL_CONNECTION_ID ? SERVER_LIMITATIONS.dynalite.map(l => ({ ...l })) : [];
    return { target: this.target, table, limitations, fetchedAt: new Date().toISOString(), canExportConfig: this.services.exportAsConfig !== undefined };
  }

  /** Reads the table again and shows it (after a change applied elsewhere). */
  refresh(): void {
    this.notify('refresh', {});
  }
}
