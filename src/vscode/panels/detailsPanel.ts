/** The table details panel's host: reads the table (describeTable), copies, opens the item browser. */
import * as vscode from 'vscode';
import type { CountOutcome, DetailsData, PanelTarget } from '../../../webview/protocol';
import { describeTable } from '../../dynamo/tables';
import { countItems, itemCountSource } from '../../dynamo/count';
import { isAbortError } from '../../dynamo/errors';
import { SERVER_LIMITATIONS } from '../../plan/steps';
import { LOCAL_CONNECTION_ID, targetLocationLabel } from '../../dynamo/connections';
import { PanelHost } from './host';
import type { Handlers } from './host';
import type { PanelServices } from './services';

export class DetailsPanel extends PanelHost {
  protected readonly handlers: Handlers = {
    'details.load': (_params, signal) => this.load(signal),
    'details.target': async () => this.target,
    'details.count': ({ index }, signal) => this.count(index, signal),
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
    return {
      target: this.target, location: targetLocationLabel(this.target), table, limitations, fetchedAt: new Date().toISOString(), canExportConfig: this.services.exportAsConfig !== undefined,
      itemCounts: itemCountSource(this.target.connectionId),
    };
  }

  /** The count being made: `details.stopCount` stops it (closing the panel aborts it too). */
  private counting: AbortController | undefined;

  /** Counts the items with a Scan (Select COUNT), progress to the webview; a stop is not an error. */
  private async count(index: string | undefined, signal: AbortSignal): Promise<CountOutcome> {
    this.counting?.abort();
    const stop = new AbortController();
    this.counting = stop;
    const both = AbortSignal.any([signal, stop.signal]);
    try {
      const client = await this.services.client(this.target.connectionId, this.target.region);
      const result = await countItems(client, this.target.tableName, { ...(index ? { index } : {}), signal: both, onProgress: p => this.notify('progress', p) });
      this.services.log.info(`counted ${result.count} items in ${this.target.tableName}${index ? ` (index ${index})` : ''} with ${result.requests} scan requests`);
      return { done: true, ...result, ...(index ? { index } : {}) };
    } catch (error) {
      if (isAbortError(error) && stop.signal.aborted && !signal.aborted) { return { done: false, reason: 'cancelled' }; }
      throw error;
    } finally {
      if (this.counting === stop) { this.counting = undefined; }
    }
  }

  protected override onNotification(method: string): void {
    if (method === 'details.stopCount') { this.counting?.abort(); }
  }

  /** Reads the table again and shows it (after a change applied elsewhere). */
  refresh(): void {
    this.notify('refresh', {});
  }
}
