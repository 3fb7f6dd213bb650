/**
 * Demo tables: the tables of the three example configs (examples/genesys.toml: carts, invoices;
 * examples/planton.yaml: library-loans; examples/component.yaml: DeviceReadings), created when
 * absent and filled with generated, plausible, deterministic items (seeded PRNG) through
 * BatchWriteItem. Idempotent: a table that already holds items is left alone.
 *
 * The CreateTable inputs mirror the example files by hand (kept small and obvious); settings a
 * server refuses (TTL, tags, PITR on local servers) are reported in `notApplied`, not faked.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type AttributeDefinition, BatchWriteItemCommand, CreateTableCommand, CreateTableCommandInput, DescribeTableCommand, DynamoDBClient,
  type KeySchemaElement, type ScalarAttributeType, ScanCommand, TagResourceCommand, UpdateContinuousBackupsCommand, UpdateTimeToLiveCommand, WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describeAwsError } from './errors';
import { explain, waitForActive } from './tables';

export interface DemoTable {
  /** The example file the table comes from. */
  readonly source: string;
  readonly create: CreateTableCommandInput;
  readonly ttlAttribute?: string;
  readonly pointInTimeRecovery?: boolean;
  readonly tags?: Readonly<Record<string, string>>;
  /** Item i of `count` (0-based) from the PRNG; timestamps lie before `now` (epoch seconds). */
  readonly item: (i: number, random: Random, clock: Clock) => Record<string, unknown>;
}

/** Deterministic PRNG (mulberry32) with helpers. */
export class Random {
  private state: number;
  constructor(seed: number) { this.state = seed >>> 0; }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number { return min + Math.floor(this.next() * (max - min + 1)); }
  pick<T>(items: readonly T[]): T { return items[Math.floor(this.next() * items.length)]; }
  hex(length: number): string {
    let s = '';
    while (s.length < length) { s += Math.floor(this.next() * 16).toString(16); }
    return s;
  }
  /** A money amount as a string with two decimals (stored as a DynamoDB number). */
  money(min: number, max: number): string { return (this.int(min * 100, max * 100) / 100).toFixed(2); }
}

const DAY = 86400;

/**
 * Timestamps of generated items: item i lies `i` steps before `now`, strictly decreasing, all
 * within `windowDays`, so keys built on them are unique and TTL values (set after them) lie in the
 * future: a server that honours TTL (DynamoDB Local, AWS) does not purge the demo data.
 */
export interface Clock {
  readonly now: number;
  readonly count: number;
  /** Epoch seconds of item i, spread over the window before now. */
  at(i: number, windowDays: number, random: Random): number;
}

function clock(now: number, count: number): Clock {
  return {
    now, count,
    at(i, windowDays, random) {
      const step = Math.max(1, Math.floor((windowDays * DAY) / Math.max(1, count)));
      return now - i * step - random.int(0, step - 1);
    },
  };
}

/** Start of the current UTC day: items are the same all day long for the same seed. */
export function startOfUtcDay(date = new Date()): number {
  return Math.floor(date.getTime() / 1000 / DAY) * DAY;
}
const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF'] as const;
const INVOICE_STATUSES = ['draft', 'issued', 'paid', 'paid', 'paid', 'overdue', 'void'] as const;
const SKUS = ['SKU-TEA-001', 'SKU-MUG-014', 'SKU-BAG-203', 'SKU-PEN-077', 'SKU-LAMP-310', 'SKU-DESK-900'] as const;
const TITLES = ['Dune', 'Middlemarch', 'The Left Hand of Darkness', 'Beloved', 'Kindred', 'Solaris', 'Neuromancer', 'Persuasion'] as const;
const SENSORS: readonly { kind: string; unit: string; min: number; max: number }[] = [
  { kind: 'temperature', unit: 'C', min: -10, max: 35 },
  { kind: 'humidity', unit: '%', min: 15, max: 95 },
  { kind: 'pressure', unit: 'hPa', min: 980, max: 1040 },
  { kind: 'co2', unit: 'ppm', min: 380, max: 2000 },
];

function isbn(random: Random): string {
  const digits = `978${String(random.int(0, 999999999)).padStart(9, '0')}`;
  const sum = [...digits].reduce((acc, d, i) => acc + Number(d) * (i % 2 ? 3 : 1), 0);
  return `${digits}${(10 - (sum % 10)) % 10}`;
}

/** AttributeDefinitions from `{ name: type }`. */
function definitions(types: Readonly<Record<string, ScalarAttributeType>>): AttributeDefinition[] {
  return Object.entries(types).map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }));
}

/** A key schema: the HASH attribute, then the RANGE attribute if any. */
function keySchema(hash: string, range?: string): KeySchemaElement[] {
  return [{ AttributeName: hash, KeyType: 'HASH' }, ...(range ? [{ AttributeName: range, KeyType: 'RANGE' as const }] : [])];
}

/** The demo tables, in the examples' order. */
export const DEMO_TABLES: readonly DemoTable[] = [
  {
    source: 'examples/genesys.toml',
    create: {
      TableName: 'carts', BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: definitions({ cart_id: 'S' }),
      KeySchema: keySchema('cart_id'),
    },
    ttlAttribute: 'expires_at',
    item: (i, r, c) => {
      const lines = Array.from({ length: r.int(1, 4) }, () => ({ sku: r.pick(SKUS), qty: r.int(1, 5), price: Number(r.money(2, 120)) }));
      const updated = c.at(i, 6, r);
      return {
        cart_id: `cart-${r.hex(8)}-${String(i).padStart(5, '0')}`,
        customer_id: `cust-${String(r.int(1, 60)).padStart(4, '0')}`,
        lines,
        total: Number(lines.reduce((t, l) => t + l.qty * l.price, 0).toFixed(2)),
        currency: r.pick(CURRENCIES),
        updated_at: new Date(updated * 1000).toISOString(),
        expires_at: updated + 30 * DAY,
      };
    },
  },
  {
    source: 'examples/genesys.toml',
    create: {
      TableName: 'invoices', BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 8, WriteCapacityUnits: 4 },
      AttributeDefinitions: definitions({ customer_id: 'S', issued_at: 'N', status: 'S', due_at: 'N' }),
      KeySchema: keySchema('customer_id', 'issued_at'),
      GlobalSecondaryIndexes: [{
        IndexName: 'by-status',
        KeySchema: keySchema('status', 'issued_at'),
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['total', 'currency'] },
        ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 2 },
      }],
      LocalSecondaryIndexes: [{
        IndexName: 'by-due-date',
        KeySchema: keySchema('customer_id', 'due_at'),
        Projection: { ProjectionType: 'KEYS_ONLY' },
      }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TableClass: 'STANDARD',
      DeletionProtectionEnabled: true,
    },
    pointInTimeRecovery: true,
    tags: { Team: 'billing', Environment: 'staging' },
    item: (i, r, c) => {
      const issued = c.at(i, 120, r);
      return {
        customer_id: `cust-${String(r.int(1, 40)).padStart(4, '0')}`,
        issued_at: issued,
        invoice_no: `INV-${String(c.count - i).padStart(6, '0')}`,
        status: r.pick(INVOICE_STATUSES),
        due_at: issued + 30 * DAY,
        total: Number(r.money(15, 4800)),
        currency: r.pick(CURRENCIES),
        lines: r.int(1, 12),
      };
    },
  },
  {
    source: 'examples/planton.yaml',
    create: {
      TableName: 'library-loans', BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 6, WriteCapacityUnits: 3 },
      AttributeDefinitions: definitions({ memberId: 'S', loanedAt: 'N', isbn: 'S' }),
      KeySchema: keySchema('memberId', 'loanedAt'),
      GlobalSecondaryIndexes: [{
        IndexName: 'by-isbn',
        KeySchema: keySchema('isbn'),
        Projection: { ProjectionType: 'KEYS_ONLY' },
        ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 1 },
      }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
      SSESpecification: { Enabled: true },
      TableClass: 'STANDARD',
      DeletionProtectionEnabled: false,
    },
    ttlAttribute: 'returnBy',
    pointInTimeRecovery: true,
    item: (i, r, c) => {
      const loaned = c.at(i, 19, r);
      return {
        memberId: `member-${String(r.int(1, 80)).padStart(4, '0')}`,
        loanedAt: loaned,
        isbn: isbn(r),
        title: r.pick(TITLES),
        returnBy: loaned + 21 * DAY,
        returned: r.next() < 0.6,
      };
    },
  },
  {
    source: 'examples/component.yaml',
    create: {
      TableName: 'DeviceReadings', BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: definitions({ deviceId: 'S', readAt: 'N', sensorKind: 'S' }),
      KeySchema: keySchema('deviceId', 'readAt'),
      GlobalSecondaryIndexes: [{
        IndexName: 'ByKind',
        KeySchema: keySchema('sensorKind', 'readAt'),
        Projection: { ProjectionType: 'ALL' },
      }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      SSESpecification: { Enabled: true },
    },
    ttlAttribute: 'purgeAt',
    pointInTimeRecovery: true,
    tags: { owner: 'telemetry' },
    item: (i, r, c) => {
      const sensor = r.pick(SENSORS);
      const readAt = c.at(i, 14, r) * 1000 + r.int(0, 999);
      return {
        deviceId: `dev-${String(r.int(1, 24)).padStart(3, '0')}`,
        readAt,
        sensorKind: sensor.kind,
        value: Number((sensor.min + r.next() * (sensor.max - sensor.min)).toFixed(2)),
        unit: sensor.unit,
        battery: r.int(5, 100),
        purgeAt: Math.floor(readAt / 1000) + 90 * DAY,
      };
    },
  },
];

export interface SeedOptions {
  readonly signal?: AbortSignal;
  /** Items per table (default 300). */
  readonly itemsPerTable?: number;
  /** PRNG seed (default 42): the same seed and `now` give the same items. */
  readonly seed?: number;
  /** Epoch seconds the generated timeline ends at (default: start of the current UTC day). */
  readonly now?: number;
  /** Progress in words, e.g. for a VS Code progress notification. */
  readonly onProgress?: (message: string) => void;
  /** Only these tables (by name); default all. */
  readonly tables?: readonly string[];
}

export interface SeededTable {
  readonly name: string;
  readonly source: string;
  readonly created: boolean;
  readonly itemsWritten: number;
  /** Why items were not written (the table already has items). */
  readonly skipped?: string;
  /** Settings of the example the server did not take (e.g. "TTL: not supported by this server"). */
  readonly notApplied: readonly string[];
}

/** The items of a demo table, deterministic for a seed and `now`. Pure. */
export function demoItems(table: DemoTable, count: number, seed = 42, now = startOfUtcDay()): Record<string, unknown>[] {
  const random = new Random(seed ^ hash(table.create.TableName ?? ''));
  const c = clock(now, count);
  return Array.from({ length: count }, (_, i) => table.item(i, random, c));
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) { h = Math.imul(h ^ text.charCodeAt(i), 16777619); }
  return h >>> 0;
}

async function tableExists(client: DynamoDBClient, name: string, signal?: AbortSignal): Promise<{ exists: boolean; arn?: string }> {
  try {
    const out = await client.send(new DescribeTableCommand({ TableName: name }), { abortSignal: signal });
    return { exists: true, arn: out.Table?.TableArn };
  } catch (error) {
    if (error instanceof Error && error.name === 'ResourceNotFoundException') { return { exists: false }; }
    throw await explain(error, client, 'DescribeTable');
  }
}

async function hasItems(client: DynamoDBClient, name: string, signal?: AbortSignal): Promise<boolean> {
  try {
    const out = await client.send(new ScanCommand({ TableName: name, Limit: 1 }), { abortSignal: signal });
    return (out.Items?.length ?? 0) > 0 || out.LastEvaluatedKey !== undefined;
  } catch (error) {
    throw await explain(error, client, 'Scan');
  }
}

/** Writes put requests in batches of 25, retrying UnprocessedItems with backoff (50 ms doubling to 2 s). */
export async function batchPut(client: DynamoDBClient, table: string, items: readonly Record<string, unknown>[], signal?: AbortSignal): Promise<number> {
  let written = 0;
  for (let start = 0; start < items.length; start += 25) {
    signal?.throwIfAborted();
    let pending: WriteRequest[] = items.slice(start, start + 25).map(item => ({ PutRequest: { Item: marshall(item) } }));
    for (let attempt = 0, delay = 50; pending.length > 0; attempt++, delay = Math.min(delay * 2, 2000)) {
      if (attempt > 0) {
        if (attempt > 12) { throw new Error(`BatchWriteItem ${table}: ${pending.length} items still unprocessed after ${attempt} attempts`); }
        await sleep(delay, undefined, { signal });
      }
      const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }), { abortSignal: signal });
      const left = out.UnprocessedItems?.[table] ?? [];
      written += pending.length - left.length;
      pending = left;
    }
  }
  return written;
}

/** A follow-up setting call; a refusal goes to notApplied with the reason. */
async function optional(notApplied: string[], what: string, operation: string, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    const d = describeAwsError(error, { operation });
    if (d.kind === 'aborted') { throw error; }
    notApplied.push(`${what}: ${d.kind === 'unsupported' ? 'not supported by this server' : d.message}`);
  }
}

/** Creates the demo tables that are absent and fills the empty ones. */
export async function seedDemoTables(client: DynamoDBClient, options: SeedOptions = {}): Promise<SeededTable[]> {
  const { signal } = options;
  const count = options.itemsPerTable ?? 300;
  const results: SeededTable[] = [];
  for (const table of DEMO_TABLES) {
    const name = table.create.TableName!;
    if (options.tables && !options.tables.includes(name)) { continue; }
    signal?.throwIfAborted();
    const notApplied: string[] = [];
    const found = await tableExists(client, name, signal);
    let arn = found.arn;
    const created = !found.exists;
    if (created) {
      options.onProgress?.(`Creating ${name}`);
      try {
        arn = (await client.send(new CreateTableCommand(table.create), { abortSignal: signal })).TableDescription?.TableArn;
      } catch (error) {
        throw await explain(error, client, 'CreateTable');
      }
      await waitForActive(client, name, { signal, timeoutMs: 120_000 });
      if (table.ttlAttribute) {
        await optional(notApplied, 'TTL', 'UpdateTimeToLive', () => client.send(new UpdateTimeToLiveCommand({
          TableName: name, TimeToLiveSpecification: { Enabled: true, AttributeName: table.ttlAttribute },
        }), { abortSignal: signal }));
      }
      if (table.tags && arn) {
        const tags = Object.entries(table.tags).map(([Key, Value]) => ({ Key, Value }));
        await optional(notApplied, 'Tags', 'TagResource', () => client.send(new TagResourceCommand({ ResourceArn: arn, Tags: tags }), { abortSignal: signal }));
      }
      if (table.pointInTimeRecovery) {
        await optional(notApplied, 'Point-in-time recovery', 'UpdateContinuousBackups', () => client.send(new UpdateContinuousBackupsCommand({
          TableName: name, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        }), { abortSignal: signal }));
      }
    } else if (await hasItems(client, name, signal)) {
      results.push({ name, source: table.source, created, itemsWritten: 0, skipped: 'the table already has items', notApplied });
      continue;
    }
    options.onProgress?.(`Writing ${count} items to ${name}`);
    let itemsWritten: number;
    try {
      itemsWritten = await batchPut(client, name, demoItems(table, count, options.seed, options.now), signal);
    } catch (error) {
      throw await explain(error, client, 'BatchWriteItem');
    }
    results.push({ name, source: table.source, created, itemsWritten, notApplied });
  }
  return results;
}

/** One seeded table in words (the log): `carts (created, 300 items written)`, `invoices (already there; no items written: ...)`. */
export function seedLine(t: Pick<SeededTable, 'name' | 'created' | 'itemsWritten' | 'skipped'>): string {
  if (t.skipped) { return `${t.name} (${t.created ? 'created' : 'already there'}; no items written: ${t.skipped})`; }
  return `${t.name} (${t.created ? 'created' : 'already there'}, ${t.itemsWritten} items written)`;
}
