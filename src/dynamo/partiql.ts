/**
 * Running PartiQL statements (ExecuteStatement): one page of a statement's result (Limit and
 * NextToken), a pager with the item browser's Pager shape (exact next/previous by the tokens of
 * the pages read), and every item of a result for the CLI. No vscode import; every call takes an
 * AbortSignal.
 *
 * The embedded local DynamoDB (dynalite 4.0) does not implement ExecuteStatement; DynamoDB Local
 * and AWS do. `PARTIQL_UNSUPPORTED` words that for the callers.
 */
import { ExecuteStatementCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ItemPage, ItemRequest, JsonAttributeValue, JsonItem } from '../model/items';
import { targetsOf } from '../model/items';
import type { LiveTable } from '../model/live';
import { toJsonItem, toSdkValue } from '../items/itemJson';
import { PageStack, fetchPage } from './items';
import type { FetchOptions } from './items';
import { DynamoError } from './errors';
import { keepProtoAttributes } from './protoAttributes';

export const PARTIQL_UNSUPPORTED = 'The embedded local DynamoDB (dynalite) does not run PartiQL statements (it has no ExecuteStatement). Run them against DynamoDB Local (an endpoint connection) or AWS.';

/**
 * A page's NextToken carried where the item browser keeps start keys (a JsonItem): this one
 * attribute. PartiQL pages have no key to start from; the token is opaque.
 */
export const NEXT_TOKEN = 'NextToken';

export function tokenKey(token: string): JsonItem { return { [NEXT_TOKEN]: { S: token } }; }

export function tokenOf(key: JsonItem | undefined): string | undefined {
  const value = key?.[NEXT_TOKEN];
  return value && 'S' in value ? value.S : undefined;
}

export interface StatementInput {
  readonly statement: string;
  readonly parameters?: readonly JsonAttributeValue[];
  readonly consistentRead?: boolean;
}

export interface StatementPage {
  readonly items: JsonItem[];
  readonly nextToken?: string;
  readonly consumedCapacity?: number;
}

/** One ExecuteStatement call. */
export async function executeStatement(client: DynamoDBClient, input: StatementInput, options: { nextToken?: string; limit?: number; signal?: AbortSignal } = {}): Promise<StatementPage> {
  keepProtoAttributes(client);
  const output = await client.send(new ExecuteStatementCommand({
    Statement: input.statement,
    ...(input.parameters && input.parameters.length ? { Parameters: input.parameters.map(toSdkValue) } : {}),
    ...(input.consistentRead ? { ConsistentRead: true } : {}),
    ...(options.nextToken ? { NextToken: options.nextToken } : {}),
    ...(options.limit ? { Limit: options.limit } : {}),
    ReturnConsumedCapacity: 'TOTAL',
  }), { abortSignal: options.signal }).catch((error: unknown) => {
    if ((error as { name?: string } | undefined)?.name === 'UnknownOperationException') {
      throw new DynamoError({ kind: 'unsupported', code: 'UnknownOperationException', retryable: false, message: 'This server does not run PartiQL statements (no ExecuteStatement; dynalite, the embedded local DynamoDB, has none). DynamoDB Local and AWS do.' }, { cause: error });
    }
    throw error;
  });
  return {
    items: (output.Items ?? []).map(toJsonItem),
    ...(output.NextToken ? { nextToken: output.NextToken } : {}),
    ...(output.ConsumedCapacity?.CapacityUnits !== undefined ? { consumedCapacity: output.ConsumedCapacity.CapacityUnits } : {}),
  };
}

/**
 * One page of up to `pageSize` items from `nextToken` (undefined: the beginning). A response with
 * no items but a NextToken (a WHERE that dropped every item the request evaluated) is read on,
 * with progress, until items come, the result ends, or `stop` (then `stopped`, with where to go on).
 */
export async function fetchStatementPage(client: DynamoDBClient, input: StatementInput, pageSize: number, nextToken: string | undefined, options: FetchOptions = {}): Promise<ItemPage> {
  const { signal, stop, onProgress } = options;
  signal?.throwIfAborted();
  let token = nextToken;
  let requests = 0;
  let capacity: number | undefined;
  let items: JsonItem[] = [];
  let stopped = false;
  for (;;) {
    const page = await executeStatement(client, input, { ...(token ? { nextToken: token } : {}), limit: pageSize, ...(signal ? { signal } : {}) });
    requests++;
    if (page.consumedCapacity !== undefined) { capacity = (capacity ?? 0) + page.consumedCapacity; }
    items = page.items;
    token = page.nextToken;
    if (items.length > 0 || !token) { break; }
    onProgress?.({ requests, scannedCount: 0, count: 0 });
    signal?.throwIfAborted();
    if (stop?.aborted) { stopped = true; break; }
  }
  return {
    // ExecuteStatement reports no ScannedCount: the items returned stand for it.
    items, scannedCount: items.length, count: items.length, requests,
    ...(token ? { lastEvaluatedKey: tokenKey(token) } : {}),
    ...(capacity !== undefined ? { consumedCapacity: capacity } : {}),
    ...(stopped ? { stopped } : {}),
  };
}

/** Every item of a statement's result, one array per response (empty ones too), up to `limit` items if given. */
export async function* readStatement(client: DynamoDBClient, input: StatementInput, options: { signal?: AbortSignal; limit?: number; pageSize?: number } = {}): AsyncGenerator<JsonItem[], void> {
  let token: string | undefined;
  let left = options.limit ?? Infinity;
  do {
    const page = await executeStatement(client, input, {
      ...(token ? { nextToken: token } : {}),
      ...(options.pageSize || Number.isFinite(left) ? { limit: Math.min(options.pageSize ?? Infinity, left) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    options.signal?.throwIfAborted();
    const items = page.items.slice(0, Number.isFinite(left) ? left : undefined);
    left -= items.length;
    yield items;
    token = page.nextToken;
  } while (token && left > 0);
}

/**
 * The pages of one statement with the item browser's Pager shape: a stack of the tokens the pages
 * read so far started from, so Previous reads a page again from its token. (DynamoDB documents
 * NextToken as valid for a while; a page read long after may fail with an expired token, and
 * then Run starts again.) A failed read leaves the pager where it was. One read at a time.
 */
export class StatementPager extends PageStack {
  constructor(private readonly client: DynamoDBClient, request: ItemRequest, readonly input: StatementInput) { super(request); }

  protected fetch(start: JsonItem | undefined, options: FetchOptions): Promise<ItemPage> {
    return fetchStatementPage(this.client, this.input, this.request.pageSize, tokenOf(start), options);
  }

  protected override validStart(start: JsonItem | undefined): boolean { return tokenOf(start) !== undefined; }
}

/** Attribute names of a few items of a table (for completion): a Scan of up to `count` items. */
export async function sampleAttributeNames(client: DynamoDBClient, table: LiveTable, count = 25, signal?: AbortSignal): Promise<string[]> {
  const page = await fetchPage(client, { target: targetsOf(table)[0]!, mode: 'scan', pageSize: count }, undefined, signal ? { signal } : {});
  const seen = new Map<string, number>();
  for (const item of page.items) { for (const name of Object.keys(item)) { seen.set(name, (seen.get(name) ?? 0) + 1); } }
  return [...seen.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
}
