/**
 * The item browser's host: reads pages with the Pager (exact next/previous), converts them for
 * the grid, opens items in editor documents, deletes with a modal confirmation naming the key,
 * and exports with a save dialog and a cancellable progress notification (streaming to disk).
 */
import * as vscode from 'vscode';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { JsonAttributeValue, JsonItem, QueryTarget } from '../../model/items';
import { attributeOf, setAttribute, targetsOf } from '../../model/items';
import type { LiveTable } from '../../model/live';
import type { DeleteAllOutcome, DeleteOutcome, ExportOutcome, ItemQuery, ItemsInit, PageView, PanelTarget } from '../../../webview/protocol';
import { deleteItem, getItem, Pager } from '../../dynamo/items';
import { StatementPager } from '../../dynamo/partiql';
import { keyOf, keyText } from '../../items/keys';
import { describeTable } from '../../dynamo/tables';
import { exportPage, exportResult } from '../../dynamo/itemExport';
import { exportTable } from '../../dynamo/tableExport';
import { readInput } from '../../items/expressions';
import { confirmAndDeleteMatching } from '../commands/deleteMatching';
import { isAbortError } from '../../dynamo/errors';
import { targetLocationLabel } from '../../dynamo/connections';
import { PanelHost } from './host';
import type { Handlers } from './host';
import { PanelError } from './errorInfo';
import { findItem, itemView, sameKey, toItemRequest, toPageView } from '../../items/pageView';
import type { ItemDocuments } from './itemDocuments';
import type { PanelServices } from './services';

export class ItemsPanel extends PanelHost {
  private table: LiveTable | undefined;
  private targets: QueryTarget[] = [];
  private pager: Pager | StatementPager | undefined;
  /** A query started by the host (runQuery): init waits for its first page, so it shows that page. */
  private pending: Promise<unknown> | undefined;
  private query: ItemQuery | undefined;
  private stop: AbortController | undefined;
  private describing: Promise<void> | undefined;

  protected readonly handlers: Handlers = {
    'items.init': (_p, signal) => this.init(signal),
    'items.run': async ({ query, starts, initial }, signal) => {
      await this.describe(signal);
      const resume = starts && starts.length > 1 ? starts.map(k => k ?? undefined) : undefined;
      const view = await this.read(signal, () => ({ pager: this.pagerOf(query), query, step: p => (resume ? p.resume(resume, this.fetchOptions(signal)) : p.first(this.fetchOptions(signal))) }));
      // What the person ran (not the panel's own first read, nor a page brought back after a reload).
      if (!initial && !resume) { this.services.history?.record(this.target, query); }
      return view;
    },
    'items.next': ({ fromPage, after }, signal) => this.read(signal, () => {
      const pager = this.current(fromPage);
      if (!sameKey(pager.page?.lastEvaluatedKey, after)) { throw new PanelError('StalePage', 'the page shown is not the one read last; read it again'); }
      return { pager, query: this.query!, step: p => p.next(this.fetchOptions(signal)) };
    }),
    'items.previous': ({ fromPage }, signal) => this.read(signal, () => ({ pager: this.current(fromPage), query: this.query!, step: p => p.previous(this.fetchOptions(signal)) })),
    'items.reload': (_p, signal) => this.reload(signal),
    'items.open': async ({ key }, signal) => {
      const { item, note } = await this.wholeItem(key, signal);
      return { ...itemView(item, this.keyNames()), ...(note ? { note } : {}) };
    },
    'items.edit': async ({ key }) => {
      this.itemOnPage(key);
      await this.documents.openExisting(this.target, this.liveTable().keySchema, keyOf(key, this.keyNames()), { beside: true });
      return null;
    },
    'items.duplicate': async ({ key }, signal) => {
      const { item } = await this.wholeItem(key, signal);
      await this.documents.openNew(this.target, this.liveTable().keySchema, item, `copy of ${keyText(keyOf(item, this.keyNames()))}`, { beside: true });
      return null;
    },
    'items.create': async () => {
      const template: Record<string, JsonAttributeValue> = {};
      for (const k of this.liveTable().keySchema) {
        const type = attributeOf(this.liveTable().attributes, k.name) ?? 'S';
        setAttribute(template, k.name, type === 'N' ? { N: '0' } : type === 'B' ? { B: 'AA==' } : { S: '' });
      }
      await this.documents.openNew(this.target, this.liveTable().keySchema, template, 'new item', { beside: true });
      return null;
    },
    'items.delete': ({ key }, signal) => this.deleteItem(key, signal),
    'items.export': ({ scope, format }) => this.export(scope, format),
    'items.deleteAll': (_p, signal) => this.deleteAll(signal),
  };

  private client: DynamoDBClient | undefined;

  constructor(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, services: PanelServices, target: PanelTarget, private readonly documents: ItemDocuments) {
    super('items', panel, context, services, target);
  }

  private pagerOf(query: ItemQuery): Pager | StatementPager {
    const request = toItemRequest(query, this.targets);
    if (query.mode !== 'partiql') { return new Pager(this.clientOrThrow(), request); }
    if (query.statement === undefined) { throw new PanelError('InvalidQuery', 'a PartiQL query needs its statement'); }
    return new StatementPager(this.clientOrThrow(), request, { statement: query.statement, parameters: query.parameters ?? [] });
  }

  /** The query of the page shown, if any (Save Query). */
  get shownQuery(): ItemQuery | undefined { return this.pager?.page ? this.query : undefined; }

  /**
   * Reads the first page of a query started elsewhere (a PartiQL statement, the history, a saved
   * query) and shows it with its query in the form. Errors reach the caller (and are not shown in
   * the panel), so an editor can mark the statement.
   */
  async runQuery(query: ItemQuery): Promise<PageView> {
    const controller = new AbortController();
    const run = (async () => {
      await this.describe(controller.signal);
      return this.read(controller.signal, () => ({ pager: this.pagerOf(query), query, step: p => p.first(this.fetchOptions(controller.signal)) }));
    })();
    this.pending = run.catch(() => undefined);
    const view = await run;
    this.services.history?.record(this.target, query);
    this.notify('query', view);
    return view;
  }

  private clientOrThrow(): DynamoDBClient {
    if (!this.client) { throw new PanelError('NotReady', 'the panel has not read the table yet'); }
    return this.client;
  }

  private liveTable(): LiveTable {
    if (!this.table) { throw new PanelError('NotReady', 'the panel has not read the table yet'); }
    return this.table;
  }

  private keyNames(): string[] {
    return this.liveTable().keySchema.map(k => k.name);
  }

  /** Reads the table's description once (init reads it again: indexes may have changed). */
  private describe(signal: AbortSignal): Promise<void> {
    this.describing ??= (async () => {
      this.client = await this.services.client(this.target.connectionId, this.target.region);
      this.table = await describeTable(this.client, this.target.tableName, { signal });
      this.targets = targetsOf(this.table);
    })().catch((error: unknown) => { this.describing = undefined; throw error; });
    return this.describing;
  }

  private async init(signal: AbortSignal): Promise<ItemsInit> {
    await this.pending;
    this.describing = undefined;
    await this.describe(signal);
    const table = this.liveTable();
    const settings = this.services.settings();
    const page = this.pager?.page && this.query ? this.view() : undefined;
    return { target: this.target, location: targetLocationLabel(this.target), tableName: table.name, targets: this.targets, pageSize: settings.pageSize, maxColumns: settings.maxColumns, ...(page ? { page } : {}) };
  }

  private fetchOptions(signal: AbortSignal): { signal: AbortSignal; stop: AbortSignal; onProgress: (p: { requests: number; scannedCount: number; count: number }) => void } {
    this.stop = new AbortController();
    return { signal, stop: this.stop.signal, onProgress: p => this.notify('progress', p) };
  }

  protected override onNotification(method: string): void {
    if (method === 'items.stop') { this.stop?.abort(); }
  }

  private current(fromPage: number): Pager | StatementPager {
    if (!this.pager || !this.query) { throw new PanelError('StalePage', 'no page has been read yet'); }
    if (this.pager.pageNumber !== fromPage) { throw new PanelError('StalePage', `the panel shows page ${fromPage} but page ${this.pager.pageNumber} was read last; read it again`); }
    return this.pager;
  }

  private async read<P extends Pager | StatementPager>(_signal: AbortSignal, prepare: () => { pager: P; query: ItemQuery; step: (pager: P) => Promise<unknown> }): Promise<PageView> {
    const { pager, query, step } = prepare();
    await step(pager);
    this.pager = pager;
    this.query = query;
    return this.view();
  }

  private view(): PageView {
    const pager = this.pager!;
    return toPageView(pager.page!, {
      pageNumber: pager.pageNumber, hasPrevious: pager.hasPrevious, query: this.query!, target: pager.request.target, maxColumns: this.services.settings().maxColumns,
      starts: pager.startKeys,
    });
  }

  private async reload(signal: AbortSignal): Promise<PageView> {
    if (!this.pager) { throw new PanelError('StalePage', 'no page has been read yet'); }
    await this.pager.reload(this.fetchOptions(signal));
    return this.view();
  }

  /**
   * The person asked again to browse this table, naming an index (or the table itself, with
   * `{ index: undefined }`): the webview switches to it and reads its first page.
   */
  browse(index: string | undefined): void {
    this.notify('browse', index === undefined ? {} : { index });
  }

  /** After an item of this table was saved elsewhere: read the current page again and show it. */
  async pageChanged(): Promise<void> {
    if (!this.pager) { return; }
    try {
      const controller = new AbortController();
      this.notify('page', await this.reload(controller.signal));
    } catch (error) {
      this.services.log.warn(`items panel ${this.target.tableName}: reload after save: ${(error as Error).message}`);
    }
  }

  private itemOnPage(key: JsonItem): JsonItem {
    if (Object.keys(key).length === 0) { throw new PanelError('NoKey', 'this row has no key attributes (the statement selected other attributes): select the key attributes too, or SELECT *, to open or change its item'); }
    const item = this.pager?.page ? findItem(this.pager.page.items, key, this.keyNames()) : undefined;
    if (!item) { throw new PanelError('NotOnPage', `the item ${keyText(key)} is not on the page shown; reload the page`); }
    return item;
  }

  /**
   * The whole item of a row: the page's copy, or, when the page was read from an index that
   * projects only some attributes, the item read from the table (a copy made from the index
   * would lose the rest).
   */
  private async wholeItem(key: JsonItem, signal: AbortSignal): Promise<{ item: JsonItem; note?: string }> {
    const onPage = this.itemOnPage(key);
    const indexName = this.pager?.request.target.index;
    const table = this.liveTable();
    const index = indexName ? [...table.globalSecondaryIndexes, ...table.localSecondaryIndexes].find(i => i.name === indexName) : undefined;
    if (!index || index.projectionType === 'ALL') { return { item: onPage }; }
    const itemKey = keyOf(onPage, this.keyNames());
    const item = await getItem(this.clientOrThrow(), table.name, itemKey, { signal });
    if (!item) { throw new PanelError('NotFound', `the item ${keyText(itemKey)} is no longer in the table ${table.name}; reload the page`); }
    const holds = index.projectionType === 'INCLUDE' ? `the keys and ${index.nonKeyAttributes.join(', ')}` : 'only the keys';
    return { item, note: `The ${index.kind} ${index.name} holds ${holds} of each item: this is the whole item, read from the table.` };
  }

  private async deleteItem(key: JsonItem, signal: AbortSignal): Promise<DeleteOutcome> {
    const item = this.itemOnPage(key);
    const itemKey = keyOf(item, this.keyNames());
    const confirmed = await this.services.prompts.confirm(
      `Delete the item ${keyText(itemKey)} from table ${this.target.tableName}?`,
      `${targetLocationLabel(this.target)}. This cannot be undone.`,
      'Delete',
    );
    if (!confirmed) { return { deleted: false, reason: 'cancelled' }; }
    const result = await deleteItem(this.clientOrThrow(), this.liveTable(), itemKey, { expected: item, signal });
    this.services.log.info(`deleted ${keyText(itemKey)} from ${this.target.tableName}`);
    const page = await this.reload(signal);
    return result.deleted ? { deleted: true, page } : { deleted: false, reason: 'gone', page };
  }

  private async deleteAll(signal: AbortSignal): Promise<DeleteAllOutcome> {
    const pager = this.pager;
    if (!pager?.page) { throw new PanelError('NotReady', 'read a page first'); }
    const outcome = await confirmAndDeleteMatching(this.services, this.clientOrThrow(), pager.request, targetLocationLabel(this.target));
    if (outcome.done || outcome.reason === 'stopped') {
      const page = await this.reload(signal);
      return outcome.done ? { done: true, deleted: outcome.deleted, page } : { done: false, reason: 'stopped', deleted: outcome.deleted ?? 0, page };
    }
    return { done: false, reason: outcome.reason };
  }

  private async export(scope: 'page' | 'all', format: 'jsonl' | 'csv'): Promise<ExportOutcome> {
    const pager = this.pager;
    if (!pager?.page) { throw new PanelError('NotReady', 'read a page first'); }
    if (scope === 'all' && pager instanceof StatementPager) {
      throw new PanelError('Unsupported', 'Export all reads a Scan or Query again; for a PartiQL result, export the page, or run the statement with the CLI: dynamodb-designer query "STATEMENT" --format jsonl');
    }
    const extension = format === 'csv' ? 'csv' : 'jsonl';
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `${this.target.tableName}${pager.request.target.index ? `-${pager.request.target.index}` : ''}.${extension}`;
    const uri = await this.services.prompts.saveLocation({
      title: scope === 'page' ? 'Export the page' : 'Export the whole result',
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
      filters: format === 'csv' ? { CSV: ['csv'] } : { 'JSON Lines': ['jsonl', 'ndjson'] },
    });
    if (!uri) { return { done: false, reason: 'cancelled' }; }
    if (uri.scheme !== 'file') { throw new PanelError('Unsupported', 'export writes to files on this machine only'); }
    const items = pager.page.items;
    const request = pager.request;
    const keyNames = [...new Set([...this.keyNames(), ...(request.target.indexKeySchema ?? []).map(k => k.name)])];
    try {
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Exporting ${this.target.tableName}`, cancellable: true }, async (progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort());
        let last = 0;
        const onProgress = (n: number): void => {
          progress.report({ message: `${n.toLocaleString('en-US')} items written`, ...(scope === 'page' ? { increment: ((n - last) / Math.max(1, items.length)) * 100 } : {}) });
          last = n;
        };
        try {
          const options = { format, signal: controller.signal, onProgress, keyNames };
          if (scope === 'page') { return await exportPage(items, uri.fsPath, options); }
          const segments = this.services.settings().exportSegments ?? 1;
          if (segments > 1 && request.mode === 'scan') {
            // A parallel Scan (dynamodbDesigner.items.exportSegments), with the same filter.
            const { FilterExpression, ExpressionAttributeNames, ExpressionAttributeValues, ConsistentRead } = readInput(request).input;
            const result = await exportTable(this.clientOrThrow(), uri.fsPath, {
              table: request.target.table, ...(request.target.index ? { index: request.target.index } : {}), format, keyNames, segments, signal: controller.signal,
              scanInput: { FilterExpression, ExpressionAttributeNames, ExpressionAttributeValues, ConsistentRead },
              onProgress: p => onProgress(p.items),
            });
            return { path: uri.fsPath, items: result.items, bytes: result.bytes };
          }
          return await exportResult(this.clientOrThrow(), request, uri.fsPath, options);
        } finally {
          subscription.dispose();
        }
      });
      this.services.log.info(`exported ${result.items} items of ${this.target.tableName} to ${result.path}`);
      return { done: true, path: result.path, items: result.items, bytes: result.bytes };
    } catch (error) {
      if (isAbortError(error)) { return { done: false, reason: 'cancelled' }; }
      throw error;
    }
  }
}
