/**
 * Reading and writing items: one page of a Scan or Query (with the SDK's paginators), a Pager
 * with exact next/previous pages, whole-result iteration for export, and conditional put and
 * delete that refuse to overwrite an item someone else changed since it was read.
 * No vscode import; every call takes an AbortSignal.
 */
import {
  ConditionalCheckFailedException, DeleteItemCommand, DynamoDBClient, GetItemCommand, paginateQuery, paginateScan, PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { AttributeValue, QueryCommandOutput, ScanCommandOutput } from '@aws-sdk/client-dynamodb';
import type { LiveKeyElement } from '../model/live';
import type { ItemPage, ItemRequest, JsonItem, PageProgress } from '../model/items';
import { attributeOf } from '../model/items';
import { ExpressionBuilder, readInput, unchangedCondition } from '../items/expressions';
import { canonicalJson, toJsonItem, toSdkItem } from '../items/itemJson';
import { keyOf, keyText, startKeyNames } from '../items/keys';
import { keepProtoAttributes } from './protoAttributes';

export interface FetchOptions {
  readonly signal?: AbortSignal;
  /**
   * Stops a page that needs many requests (a filter dropping most items) and returns what was
   * found so far, with `stopped: true` and a `lastEvaluatedKey` to continue from. Unlike
   * `signal`, this is not an error.
   */
  readonly stop?: AbortSignal;
  /** Called after each request of a page that needs more than one. */
  readonly onProgress?: (progress: PageProgress) => void;
}

type ReadOutput = ScanCommandOutput | QueryCommandOutput;

function pages(client: DynamoDBClient, request: ItemRequest, startKey: JsonItem | undefined, pageSize: number | undefined, signal: AbortSignal | undefined): AsyncGenerator<ReadOutput, undefined> {
  keepProtoAttributes(client);
  const built = readInput(request);
  const config = { client, ...(pageSize ? { pageSize } : {}), ...(startKey ? { startingToken: toSdkItem(startKey) } : {}) };
  const extra = signal ? [{ abortSignal: signal }] : [];
  return built.command === 'scan' ? paginateScan(config, built.input, ...extra) : paginateQuery(config, built.input, ...extra);
}

/**
 * One page of up to `request.pageSize` items from `startKey` (undefined: the beginning).
 * When a filter drops items, further requests continue until the page is full or the result
 * ends (progress reported, cancellable); a page is never longer than the page size: when the
 * last response brings more than needed, the page ends at the last item kept and
 * `lastEvaluatedKey` is that item's key, so the next page starts exactly after it.
 *
 * Each request asks for one item more than the page holds: DynamoDB answers a request that
 * reached its Limit with a LastEvaluatedKey even when nothing follows, so a result of exactly
 * N pages would otherwise end with an empty page N + 1. With the extra item, a full page has a
 * `lastEvaluatedKey` only when an item follows it (unfiltered reads; with a filter the server
 * still cannot know whether a later item passes it).
 */
export async function fetchPage(client: DynamoDBClient, request: ItemRequest, startKey: JsonItem | undefined, options: FetchOptions = {}): Promise<ItemPage> {
  const { signal, stop, onProgress } = options;
  signal?.throwIfAborted();
  const items: JsonItem[] = [];
  let scannedCount = 0;
  let capacity: number | undefined;
  let requests = 0;
  let lastEvaluatedKey: JsonItem | undefined;
  let stopped = false;
  for await (const output of pages(client, request, startKey, request.pageSize + 1, signal)) {
    requests++;
    scannedCount += output.ScannedCount ?? 0;
    if (output.ConsumedCapacity?.CapacityUnits !== undefined) { capacity = (capacity ?? 0) + output.ConsumedCapacity.CapacityUnits; }
    const received = output.Items ?? [];
    const room = request.pageSize - items.length;
    for (const item of received.slice(0, room)) { items.push(toJsonItem(item)); }
    if (received.length > room) {
      lastEvaluatedKey = keyOf(items[items.length - 1]!, startKeyNames(request.target));
      // Unfiltered, the items past the page were scanned for it but belong to the next page.
      if (output.Count === output.ScannedCount) { scannedCount -= received.length - room; }
      break;
    }
    lastEvaluatedKey = output.LastEvaluatedKey ? toJsonItem(output.LastEvaluatedKey) : undefined;
    if (!lastEvaluatedKey || items.length >= request.pageSize) { break; }
    onProgress?.({ requests, scannedCount, count: items.length });
    signal?.throwIfAborted();
    if (stop?.aborted) { stopped = true; break; }
  }
  return {
    items, scannedCount, count: items.length, requests,
    ...(lastEvaluatedKey ? { lastEvaluatedKey } : {}),
    ...(capacity !== undefined ? { consumedCapacity: capacity } : {}),
    ...(stopped ? { stopped } : {}),
  };
}

/**
 * Every item of a request's result from the beginning, in the server's own pages (up to 1 MB
 * each: the browser's page size does not apply). For export.
 */
export async function* readAll(client: DynamoDBClient, request: ItemRequest, options: { signal?: AbortSignal } = {}): AsyncGenerator<JsonItem[], void> {
  for await (const output of pages(client, request, undefined, undefined, options.signal)) {
    options.signal?.throwIfAborted();
    const items = (output.Items ?? []).map(toJsonItem);
    if (items.length) { yield items; }
  }
}

/**
 * Next and previous pages of one request, exactly: a stack of the start keys of the pages read
 * so far, so going back re-reads a page from the same start key with the same page size (the
 * same items, unless the table changed). A failed or cancelled read leaves the pager where it
 * was. One read at a time. Subclasses say how one page is read from a start key (a Scan/Query's
 * LastEvaluatedKey, a PartiQL statement's NextToken).
 */
export abstract class PageStack {
  /** starts[i] is the start key of page i + 1 (undefined for the first page). */
  private starts: (JsonItem | undefined)[] = [];
  private current: ItemPage | undefined;
  private busy = false;

  constructor(readonly request: ItemRequest) {}

  /** Reads the page that begins at `start` (undefined: the first page). */
  protected abstract fetch(start: JsonItem | undefined, options: FetchOptions): Promise<ItemPage>;
  /** Whether a saved start of a later page can be read again. */
  protected validStart(start: JsonItem | undefined): boolean { return start !== undefined; }

  /** 1-based number of the page shown; 0 before the first read. */
  get pageNumber(): number { return this.current ? this.starts.length : 0; }
  get page(): ItemPage | undefined { return this.current; }
  get hasNext(): boolean { return this.current?.lastEvaluatedKey !== undefined; }
  get hasPrevious(): boolean { return this.starts.length > 1; }

  /** Reads the first page (again). */
  first(options: FetchOptions = {}): Promise<ItemPage> {
    return this.read([undefined], options);
  }

  next(options: FetchOptions = {}): Promise<ItemPage> {
    const start = this.current?.lastEvaluatedKey;
    if (!this.current) { return this.first(options); }
    if (!start) { return Promise.reject(new Error('this is the last page')); }
    return this.read([...this.starts, start], options);
  }

  previous(options: FetchOptions = {}): Promise<ItemPage> {
    if (!this.hasPrevious) { return Promise.reject(new Error('this is the first page')); }
    return this.read(this.starts.slice(0, -1), options);
  }

  /** The start keys of pages 1 to pageNumber (undefined for page 1). */
  get startKeys(): readonly (JsonItem | undefined)[] { return this.starts; }

  /**
   * Reads the page that `startKeys` (a former pager's) lead to, as that page number, so Previous
   * goes back through the same pages (restoring a view after a window reload).
   */
  resume(startKeys: readonly (JsonItem | undefined)[], options: FetchOptions = {}): Promise<ItemPage> {
    if (startKeys.length === 0 || startKeys[0] !== undefined || startKeys.slice(1).some(k => !this.validStart(k))) {
      return Promise.reject(new Error('start keys begin with the first page (no key) and name a key for every later page'));
    }
    return this.read([...startKeys], options);
  }

  /** Reads the current page again (after an edit or delete). */
  reload(options: FetchOptions = {}): Promise<ItemPage> {
    return this.current ? this.read(this.starts, options) : this.first(options);
  }

  private async read(starts: (JsonItem | undefined)[], options: FetchOptions): Promise<ItemPage> {
    if (this.busy) { throw new Error('a page is already being read'); }
    this.busy = true;
    try {
      const page = await this.fetch(starts[starts.length - 1], options);
      this.starts = starts;
      this.current = page;
      return page;
    } finally {
      this.busy = false;
    }
  }
}

/** The pages of one Scan or Query. */
export class Pager extends PageStack {
  constructor(private readonly client: DynamoDBClient, request: ItemRequest) { super(request); }

  protected fetch(start: JsonItem | undefined, options: FetchOptions): Promise<ItemPage> {
    return fetchPage(this.client, this.request, start, options);
  }
}

/** A table as the item functions need it (a LiveTable fits). */
export interface ItemTable {
  readonly name: string;
  readonly keySchema: readonly LiveKeyElement[];
}

/** A save or delete refused because the item is not as it was read. */
export class ItemConflictError extends Error {
  constructor(
    /** `changed`: someone else changed it; `deleted`: it is gone; `exists`: creating, but the key is taken. */
    readonly reason: 'changed' | 'deleted' | 'exists',
    readonly key: JsonItem,
    /** The item as it is now (undefined when it no longer exists). */
    readonly current: JsonItem | undefined,
    /** Top-level attributes that differ between the version read and the current one. */
    readonly changedAttributes: readonly string[],
    action: 'saved' | 'deleted',
  ) {
    const what = keyText(key);
    super(reason === 'exists'
      ? `An item with the key ${what} already exists; nothing was written. Open that item to edit it.`
      : reason === 'deleted'
        ? `The item ${what} was deleted since you opened it; your change was not ${action}.`
        : `The item ${what} changed since you opened it (${changedAttributes.join(', ') || 'attributes'} differ); your change was not ${action}. Reopen the item to see the current version.`);
    this.name = 'ItemConflictError';
  }
}

export interface WriteOptions {
  readonly signal?: AbortSignal;
}

export interface PutOptions extends WriteOptions {
  /**
   * What the item must be before the write: the item as it was read (edit: every attribute equal
   * and no attribute of the new item added meanwhile), `'absent'` (create: no item with this key;
   * the default) or `'any'` (overwrite without a check).
   */
  readonly expected?: JsonItem | 'absent' | 'any';
}

export interface WriteResult {
  /**
   * False when the item had more attributes than one condition expression can compare (about
   * 140); then the rest were compared by a strongly consistent read just before the write,
   * which leaves a short window for a concurrent change.
   */
  readonly atomicCheck: boolean;
}

/** Reads one item (strongly consistent by default); undefined when there is none. */
export async function getItem(client: DynamoDBClient, table: string, key: JsonItem, options: { signal?: AbortSignal; consistent?: boolean } = {}): Promise<JsonItem | undefined> {
  keepProtoAttributes(client);
  const output = await client.send(new GetItemCommand({ TableName: table, Key: toSdkItem(key), ConsistentRead: options.consistent ?? true }), { abortSignal: options.signal });
  return output.Item ? toJsonItem(output.Item) : undefined;
}

/**
 * Writes an item with PutItem, conditioned by `expected` (see PutOptions). A failed condition
 * throws ItemConflictError with the current item (from ReturnValuesOnConditionCheckFailure
 * ALL_OLD, or a consistent read where the server does not return it). Editing the key of an
 * item is refused: it would create another item and leave the original; create it instead.
 */
export async function putItem(client: DynamoDBClient, table: ItemTable, item: JsonItem, options: PutOptions = {}): Promise<WriteResult> {
  const keyNames = table.keySchema.map(k => k.name);
  keepProtoAttributes(client);
  const key = keyOf(item, keyNames);
  const expected = options.expected ?? 'absent';
  const b = new ExpressionBuilder();
  let condition: string | undefined;
  let atomicCheck = true;
  if (expected === 'absent') {
    condition = `attribute_not_exists(${b.name(keyNames[0]!)})`;
  } else if (expected !== 'any') {
    const originalKey = keyOf(expected, keyNames);
    if (canonicalJson(originalKey) !== canonicalJson(key)) {
      throw new Error(`the key changed from ${keyText(originalKey)} to ${keyText(key)}: saving would create another item and keep the original; create the new item instead`);
    }
    const unchanged = unchangedCondition(b, expected, keyNames, item);
    condition = unchanged.expression;
    if (!unchanged.complete) {
      atomicCheck = false;
      await checkByReading(client, table.name, key, expected, 'saved', options.signal);
    }
  }
  try {
    await client.send(new PutItemCommand({
      TableName: table.name,
      Item: toSdkItem(item),
      ...(condition ? { ConditionExpression: condition, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } : {}),
      ...b.attributes(),
    }), { abortSignal: options.signal });
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      throw await conflict(client, table.name, key, typeof expected === 'string' ? undefined : expected, error.Item, 'saved', options.signal);
    }
    throw error;
  }
  return { atomicCheck };
}

/**
 * Deletes an item by key. With `expected` (the item as it was read), only if it is unchanged;
 * otherwise ItemConflictError. Returns whether an item was there.
 */
export async function deleteItem(client: DynamoDBClient, table: ItemTable, key: JsonItem, options: WriteOptions & { expected?: JsonItem } = {}): Promise<WriteResult & { deleted: boolean }> {
  const keyNames = table.keySchema.map(k => k.name);
  keepProtoAttributes(client);
  const itemKey = keyOf(key, keyNames);
  const b = new ExpressionBuilder();
  let condition: string | undefined;
  let atomicCheck = true;
  if (options.expected) {
    if (canonicalJson(keyOf(options.expected, keyNames)) !== canonicalJson(itemKey)) { throw new Error('the expected item does not have the key being deleted'); }
    const unchanged = unchangedCondition(b, options.expected, keyNames);
    condition = unchanged.expression;
    if (!unchanged.complete) {
      atomicCheck = false;
      await checkByReading(client, table.name, itemKey, options.expected, 'deleted', options.signal);
    }
  }
  try {
    const output = await client.send(new DeleteItemCommand({
      TableName: table.name,
      Key: toSdkItem(itemKey),
      ReturnValues: 'ALL_OLD',
      ...(condition ? { ConditionExpression: condition, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } : {}),
      ...b.attributes(),
    }), { abortSignal: options.signal });
    return { deleted: output.Attributes !== undefined, atomicCheck };
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      throw await conflict(client, table.name, itemKey, options.expected, error.Item, 'deleted', options.signal);
    }
    throw error;
  }
}

async function checkByReading(client: DynamoDBClient, table: string, key: JsonItem, expected: JsonItem, action: 'saved' | 'deleted', signal: AbortSignal | undefined): Promise<void> {
  const current = await getItem(client, table, key, { signal });
  if (!current || canonicalJson(current) !== canonicalJson(expected)) {
    throw await conflict(client, table, key, expected, current ? toSdkItem(current) : undefined, action, signal, true);
  }
}

async function conflict(
  client: DynamoDBClient, table: string, key: JsonItem, expected: JsonItem | undefined,
  returned: Record<string, AttributeValue> | undefined, action: 'saved' | 'deleted', signal: AbortSignal | undefined, alreadyRead = false,
): Promise<ItemConflictError> {
  // DynamoDB returns the current item with the failure; servers that do not get a consistent read.
  const current = returned ? toJsonItem(returned) : alreadyRead ? undefined : await getItem(client, table, key, { signal });
  if (!expected) { return new ItemConflictError('exists', key, current, [], action); }
  if (!current) { return new ItemConflictError('deleted', key, undefined, [], action); }
  const names = new Set([...Object.keys(expected), ...Object.keys(current)]);
  const changed = [...names].filter(n => {
    const a = attributeOf(expected, n);
    const c = attributeOf(current, n);
    return !a || !c || canonicalJson({ v: a }) !== canonicalJson({ v: c });
  }).sort();
  return new ItemConflictError('changed', key, current, changed, action);
}
