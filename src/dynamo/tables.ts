/**
 * Tables: list (one page, or all through the SDK's paginator), describe into LiveTable with TTL,
 * tags and PITR fetched in parallel (each may fail alone and becomes `unknown` with a reason),
 * and wait until a table and all its GSIs are ACTIVE. Every call takes an AbortSignal.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DescribeContinuousBackupsCommand, DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient,
  GlobalSecondaryIndexDescription, KeySchemaElement, ListTablesCommand, ListTagsOfResourceCommand,
  LocalSecondaryIndexDescription, Projection, ProvisionedThroughputDescription, TableDescription,
  paginateListTables, waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import type { Fetched, LiveIndex, LiveKeyElement, LiveTable, LiveThroughput } from '../model/live';
import type { AttributeType, BillingMode, KeyType, ProjectionType, StreamViewType, TableClass } from '../model/spec';
import { describeAwsError, isAbortError, permissionName, toDynamoError } from './errors';

/** What a failed call was reaching (the client's endpoint, else its region), for the message. */
async function targetOf(client: DynamoDBClient): Promise<string | undefined> {
  try {
    const endpoint = client.config.endpoint ? await client.config.endpoint() : undefined;
    if (endpoint) { return `${endpoint.protocol}//${endpoint.hostname}${endpoint.port ? `:${endpoint.port}` : ''}`; }
    return `DynamoDB in ${await client.config.region()}`;
  } catch {
    return undefined;
  }
}

/** The error with its description; the target is looked up only when it is unreachable or not DynamoDB. */
export async function explain(error: unknown, client: DynamoDBClient, operation: string): Promise<unknown> {
  const first = describeAwsError(error, { operation });
  return toDynamoError(error, { operation, target: first.kind === 'network' || first.code === 'NotDynamoDB' ? await targetOf(client) : undefined });
}

export interface CallOptions {
  readonly signal?: AbortSignal;
}

export interface TablePage {
  readonly names: readonly string[];
  /** Pass as `startAfter` for the next page; undefined on the last page. */
  readonly lastEvaluated?: string;
}

/** Default page size of the explorer ("Load more" after it). */
export const TABLE_PAGE_SIZE = 100;

/** One page of table names (ListTables: ExclusiveStartTableName / LastEvaluatedTableName). */
export async function listTables(
  client: DynamoDBClient,
  options: CallOptions & { startAfter?: string; limit?: number } = {},
): Promise<TablePage> {
  try {
    const out = await client.send(new ListTablesCommand({
      ExclusiveStartTableName: options.startAfter, Limit: options.limit ?? TABLE_PAGE_SIZE,
    }), { abortSignal: options.signal });
    return { names: out.TableNames ?? [], lastEvaluated: out.LastEvaluatedTableName };
  } catch (error) {
    throw await explain(error, client, 'ListTables');
  }
}

/** Every table name, through the SDK's paginator. */
export async function listAllTables(client: DynamoDBClient, options: CallOptions & { pageSize?: number } = {}): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const page of paginateListTables({ client, pageSize: options.pageSize ?? TABLE_PAGE_SIZE }, {}, { abortSignal: options.signal })) {
      names.push(...(page.TableNames ?? []));
      options.signal?.throwIfAborted();
    }
  } catch (error) {
    throw await explain(error, client, 'ListTables');
  }
  return names;
}

function keySchema(elements: readonly KeySchemaElement[] | undefined): LiveKeyElement[] {
  return (elements ?? []).map(k => ({ name: k.AttributeName ?? '', keyType: (k.KeyType ?? 'HASH') as KeyType }));
}

function throughput(t: ProvisionedThroughputDescription | undefined, billing: BillingMode): LiveThroughput | undefined {
  if (!t) { return undefined; }
  const read = t.ReadCapacityUnits ?? 0;
  const write = t.WriteCapacityUnits ?? 0;
  // On-demand tables are reported with 0/0 by some servers: that is "no provisioned throughput".
  if (billing === 'PAY_PER_REQUEST' && read === 0 && write === 0) { return undefined; }
  return { read, write };
}

function projection(p: Projection | undefined): { projectionType: ProjectionType; nonKeyAttributes: string[] } {
  return { projectionType: (p?.ProjectionType ?? 'ALL') as ProjectionType, nonKeyAttributes: [...(p?.NonKeyAttributes ?? [])] };
}

function gsi(index: GlobalSecondaryIndexDescription, billing: BillingMode): LiveIndex {
  return {
    kind: 'GSI',
    name: index.IndexName ?? '',
    keySchema: keySchema(index.KeySchema),
    ...projection(index.Projection),
    throughput: throughput(index.ProvisionedThroughput, billing),
    status: index.IndexStatus,
    backfilling: index.Backfilling,
    itemCount: index.ItemCount,
    sizeBytes: index.IndexSizeBytes,
    arn: index.IndexArn,
  };
}

function lsi(index: LocalSecondaryIndexDescription): LiveIndex {
  return {
    kind: 'LSI',
    name: index.IndexName ?? '',
    keySchema: keySchema(index.KeySchema),
    ...projection(index.Projection),
    itemCount: index.ItemCount,
    sizeBytes: index.IndexSizeBytes,
    arn: index.IndexArn,
  };
}

/** The part of LiveTable that DescribeTable alone gives (TTL, tags and PITR come from their own calls). */
export type DescribedTable = Omit<LiveTable, 'ttl' | 'tags' | 'pointInTimeRecovery'>;

/** Converts a DescribeTable result. Pure. */
export function fromTableDescription(t: TableDescription): DescribedTable {
  const billingMode = (t.BillingModeSummary?.BillingMode ?? 'PROVISIONED') as BillingMode;
  const attributes: Record<string, AttributeType> = {};
  for (const a of t.AttributeDefinitions ?? []) {
    if (a.AttributeName && a.AttributeType) { attributes[a.AttributeName] = a.AttributeType as AttributeType; }
  }
  const sseStatus = t.SSEDescription?.Status;
  return {
    name: t.TableName ?? '',
    arn: t.TableArn,
    status: t.TableStatus ?? 'ACTIVE',
    createdAt: t.CreationDateTime ? t.CreationDateTime.toISOString() : undefined,
    attributes,
    keySchema: keySchema(t.KeySchema),
    billingMode,
    throughput: throughput(t.ProvisionedThroughput, billingMode),
    globalSecondaryIndexes: (t.GlobalSecondaryIndexes ?? []).map(i => gsi(i, billingMode)),
    localSecondaryIndexes: (t.LocalSecondaryIndexes ?? []).map(lsi),
    stream: {
      enabled: t.StreamSpecification?.StreamEnabled ?? false,
      viewType: t.StreamSpecification?.StreamEnabled ? (t.StreamSpecification.StreamViewType as StreamViewType | undefined) : undefined,
      arn: t.LatestStreamArn,
      label: t.LatestStreamLabel,
    },
    sse: {
      enabled: sseStatus === 'ENABLED' || sseStatus === 'ENABLING' || sseStatus === 'UPDATING',
      type: t.SSEDescription?.SSEType,
      kmsKeyArn: t.SSEDescription?.KMSMasterKeyArn,
    },
    tableClass: (t.TableClassSummary?.TableClass ?? 'STANDARD') as TableClass,
    deletionProtection: t.DeletionProtectionEnabled ?? false,
    itemCount: t.ItemCount,
    sizeBytes: t.TableSizeBytes,
  };
}

/**
 * Runs one side call; a failure becomes `unknown` with a reason in words. A cancel is not a
 * failure: it propagates.
 */
export async function fetchedOrUnknown<T>(operation: string, call: () => Promise<T>): Promise<Fetched<T>> {
  try {
    return { state: 'known', value: await call() };
  } catch (error) {
    if (isAbortError(error)) { throw error; }
    const described = describeAwsError(error, { operation });
    const reason = described.kind === 'unsupported' ? 'not supported by this server'
      : described.kind === 'access-denied' ? `no permission (${permissionName(operation)})`
        : described.message;
    return { state: 'unknown', reason };
  }
}

async function allTags(client: DynamoDBClient, arn: string, signal?: AbortSignal): Promise<Record<string, string>> {
  const tags: Record<string, string> = {};
  let next: string | undefined;
  do {
    signal?.throwIfAborted();
    const out = await client.send(new ListTagsOfResourceCommand({ ResourceArn: arn, NextToken: next }), { abortSignal: signal });
    for (const tag of out.Tags ?? []) {
      if (tag.Key !== undefined) { tags[tag.Key] = tag.Value ?? ''; }
    }
    next = out.NextToken;
  } while (next);
  return tags;
}

/** DescribeTable, plus TTL, tags and PITR in parallel, each allowed to fail alone. */
export async function describeTable(client: DynamoDBClient, name: string, options: CallOptions = {}): Promise<LiveTable> {
  const signal = options.signal;
  let description: TableDescription | undefined;
  try {
    description = (await client.send(new DescribeTableCommand({ TableName: name }), { abortSignal: signal })).Table;
  } catch (error) {
    throw await explain(error, client, 'DescribeTable');
  }
  if (!description) { throw new Error(`DescribeTable ${name}: the server returned no table`); }
  const base = fromTableDescription(description);
  const arn = base.arn;
  const [ttl, tags, pointInTimeRecovery] = await Promise.all([
    fetchedOrUnknown('DescribeTimeToLive', async () => {
      const d = (await client.send(new DescribeTimeToLiveCommand({ TableName: name }), { abortSignal: signal })).TimeToLiveDescription;
      const status = d?.TimeToLiveStatus;
      return { enabled: status === 'ENABLED' || status === 'ENABLING', attributeName: d?.AttributeName, status };
    }),
    arn ? fetchedOrUnknown('ListTagsOfResource', () => allTags(client, arn, signal))
      : Promise.resolve<Fetched<Record<string, string>>>({ state: 'unknown', reason: 'the server gave no table ARN' }),
    fetchedOrUnknown('DescribeContinuousBackups', async () => {
      const d = (await client.send(new DescribeContinuousBackupsCommand({ TableName: name }), { abortSignal: signal }))
        .ContinuousBackupsDescription?.PointInTimeRecoveryDescription;
      return {
        enabled: d?.PointInTimeRecoveryStatus === 'ENABLED',
        earliestRestorableAt: d?.EarliestRestorableDateTime?.toISOString(),
        latestRestorableAt: d?.LatestRestorableDateTime?.toISOString(),
      };
    }),
  ]);
  return { ...base, ttl, tags, pointInTimeRecovery };
}

/** True when the table and every GSI are ACTIVE (and no GSI is backfilling). */
export function isFullyActive(t: TableDescription): boolean {
  return t.TableStatus === 'ACTIVE' && (t.GlobalSecondaryIndexes ?? []).every(i => i.IndexStatus === 'ACTIVE' && !i.Backfilling);
}

/**
 * Waits until the table exists and is ACTIVE (the SDK's waiter), then until all its GSIs are
 * ACTIVE (DescribeTable polled with backoff, 250 ms doubling to 5 s). Throws on timeout.
 */
export async function waitForActive(
  client: DynamoDBClient,
  name: string,
  options: CallOptions & { timeoutMs?: number } = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  const deadline = Date.now() + timeoutMs;
  // The SDK's waiter throws unless it ends in SUCCESS (timeout, abort, failure state).
  await waitUntilTableExists(
    { client, maxWaitTime: Math.max(1, Math.ceil(timeoutMs / 1000)), minDelay: 1, maxDelay: 5, abortSignal: options.signal },
    { TableName: name },
  ).catch(async (error: unknown) => {
    options.signal?.throwIfAborted();
    const state = typeof error === 'object' && error !== null && 'state' in error ? String((error as { state: unknown }).state) : undefined;
    if (state === 'TIMEOUT' || (error instanceof Error && error.name === 'TimeoutError')) {
      throw new Error(`table ${name} did not become ACTIVE within ${Math.round(timeoutMs / 1000)} s`, { cause: error });
    }
    throw await explain(error, client, 'DescribeTable');
  });
  let delay = 250;
  for (;;) {
    let table: TableDescription | undefined;
    try {
      table = (await client.send(new DescribeTableCommand({ TableName: name }), { abortSignal: options.signal })).Table;
    } catch (error) {
      throw await explain(error, client, 'DescribeTable');
    }
    if (table && isFullyActive(table)) { return; }
    if (Date.now() + delay > deadline) {
      const pending = (table?.GlobalSecondaryIndexes ?? []).filter(i => i.IndexStatus !== 'ACTIVE' || i.Backfilling).map(i => `${i.IndexName} ${i.IndexStatus}`);
      throw new Error(`table ${name}: indexes not ACTIVE within ${Math.round(timeoutMs / 1000)} s (${pending.join(', ') || table?.TableStatus})`);
    }
    await sleep(delay, undefined, { signal: options.signal });
    delay = Math.min(delay * 2, 5000);
  }
}
