/**
 * Test support: a compact table description -> TableSpec (as a dialect normalizer would make it)
 * and -> LiveTable (as DescribeTable would report it), so plan() can be tested on many pairs.
 */
import type { LiveIndex, LiveTable } from '../../../src/model/live';
import type {
  AttributeType, BillingMode, Dialect, Field, IndexSpec, KeyElementSpec, KeyType, ProjectionType,
  StreamViewType, TableClass, TableSpec,
} from '../../../src/model/spec';

export interface SimpleIndex {
  readonly name: string;
  readonly hash?: string;
  readonly range?: string;
  readonly projection?: ProjectionType;
  readonly nonKey?: readonly string[];
  readonly read?: number;
  readonly write?: number;
}

export interface SimpleTable {
  readonly dialect?: Dialect;
  readonly name: string;
  readonly billingMode?: BillingMode;
  readonly read?: number;
  readonly write?: number;
  readonly attributes: Readonly<Record<string, AttributeType>>;
  readonly hash: string;
  readonly range?: string;
  readonly gsis?: readonly SimpleIndex[];
  readonly lsis?: readonly SimpleIndex[];
  readonly stream?: { readonly enabled?: boolean; readonly viewType?: StreamViewType };
  readonly ttl?: { readonly enabled?: boolean; readonly attributeName?: string };
  readonly pitr?: boolean;
  readonly sse?: { readonly enabled?: boolean; readonly kmsKeyId?: string };
  readonly tableClass?: TableClass;
  readonly deletionProtection?: boolean;
  readonly tags?: Readonly<Record<string, string>>;
}

function f<T>(value: T, pointer: string): Field<T> {
  return { valid: true, value, raw: value, pointer };
}
function opt<T>(value: T | undefined, pointer: string): Field<T> | undefined {
  return value === undefined ? undefined : f(value, pointer);
}
function keys(hash: string | undefined, range: string | undefined, p: string): KeyElementSpec[] {
  const out: KeyElementSpec[] = [];
  const add = (name: string, keyType: KeyType, i: number) =>
    out.push({ name: f(name, `${p}/${i}/attributeName`), keyType: f(keyType, `${p}/${i}/keyType`), pointer: `${p}/${i}` });
  if (hash) { add(hash, 'HASH', 0); }
  if (range) { add(range, 'RANGE', out.length); }
  return out;
}
function index(kind: 'GSI' | 'LSI', i: SimpleIndex, p: string): IndexSpec {
  return {
    kind,
    name: f(i.name, `${p}/name`),
    keySchema: keys(i.hash, i.range, `${p}/keySchema`),
    keySchemaPointer: `${p}/keySchema`,
    projection: { type: opt(i.projection ?? 'ALL', `${p}/projection/type`), nonKeyAttributes: opt(i.nonKey, `${p}/projection/nonKeyAttributes`), pointer: `${p}/projection` },
    throughput: i.read !== undefined || i.write !== undefined
      ? { read: opt(i.read, `${p}/provisionedThroughput/read`), write: opt(i.write, `${p}/provisionedThroughput/write`), pointer: `${p}/provisionedThroughput` }
      : undefined,
    pointer: p,
  };
}

/** The TableSpec a normalizer would produce for the description. */
export function specOf(t: SimpleTable): TableSpec {
  const p = '/spec';
  return {
    dialect: t.dialect ?? 'planton',
    pointer: p,
    name: f(t.name, `${p}/tableName`),
    billingMode: opt(t.billingMode, `${p}/billingMode`),
    throughput: t.read !== undefined || t.write !== undefined
      ? { read: opt(t.read, `${p}/provisionedThroughput/readCapacityUnits`), write: opt(t.write, `${p}/provisionedThroughput/writeCapacityUnits`), pointer: `${p}/provisionedThroughput` }
      : undefined,
    attributes: Object.entries(t.attributes).map(([name, type], i) => ({
      name: f(name, `${p}/attributeDefinitions/${i}/name`), type: f(type, `${p}/attributeDefinitions/${i}/type`), pointer: `${p}/attributeDefinitions/${i}`,
    })),
    attributesPointer: `${p}/attributeDefinitions`,
    keySchema: keys(t.hash, t.range, `${p}/keySchema`),
    keySchemaPointer: `${p}/keySchema`,
    globalSecondaryIndexes: (t.gsis ?? []).map((g, i) => index('GSI', g, `${p}/globalSecondaryIndexes/${i}`)),
    localSecondaryIndexes: (t.lsis ?? []).map((l, i) => index('LSI', { ...l, hash: l.hash ?? t.hash }, `${p}/localSecondaryIndexes/${i}`)),
    stream: t.stream ? { enabled: opt(t.stream.enabled, `${p}/streamEnabled`), viewType: opt(t.stream.viewType, `${p}/streamViewType`), pointer: p } : undefined,
    ttl: t.ttl ? { enabled: opt(t.ttl.enabled, `${p}/ttl/enabled`), attributeName: opt(t.ttl.attributeName, `${p}/ttl/attributeName`), pointer: `${p}/ttl` } : undefined,
    pointInTimeRecovery: opt(t.pitr, `${p}/pointInTimeRecoveryEnabled`),
    sse: t.sse ? { enabled: opt(t.sse.enabled, `${p}/serverSideEncryption/enabled`), kmsKeyId: opt(t.sse.kmsKeyId, `${p}/serverSideEncryption/kmsKeyArn`), pointer: `${p}/serverSideEncryption` } : undefined,
    tableClass: opt(t.tableClass, `${p}/tableClass`),
    deletionProtection: opt(t.deletionProtection, `${p}/deletionProtectionEnabled`),
    tags: Object.entries(t.tags ?? {}).map(([key, value]) => ({ key, value: f(value, `${p}/tags/${key}`), pointer: `${p}/tags/${key}` })),
    tagsPointer: t.tags ? `${p}/tags` : undefined,
  };
}

/**
 * The LiveTable DescribeTable (+ TTL, tags, PITR) would report for the description after a
 * faithful apply. `unknown` lists the settings whose own call failed.
 */
export function liveOf(t: SimpleTable, unknown: readonly ('ttl' | 'tags' | 'pitr')[] = []): LiveTable {
  const mode: BillingMode = t.billingMode ?? (t.read !== undefined ? 'PROVISIONED' : 'PAY_PER_REQUEST');
  const provisioned = mode === 'PROVISIONED';
  const liveIndex = (kind: 'GSI' | 'LSI', i: SimpleIndex): LiveIndex => ({
    kind,
    name: i.name,
    keySchema: [
      ...(kind === 'LSI' ? [{ name: i.hash ?? t.hash, keyType: 'HASH' as const }] : i.hash ? [{ name: i.hash, keyType: 'HASH' as const }] : []),
      ...(i.range ? [{ name: i.range, keyType: 'RANGE' as const }] : []),
    ],
    projectionType: i.projection ?? 'ALL',
    nonKeyAttributes: i.nonKey ?? [],
    throughput: kind === 'GSI' ? (provisioned ? { read: i.read ?? t.read ?? 0, write: i.write ?? t.write ?? 0 } : { read: 0, write: 0 }) : undefined,
    status: 'ACTIVE',
  });
  const why = 'UnknownOperationException: not served by this server';
  return {
    name: t.name,
    arn: `arn:aws:dynamodb:ddblocal:000000000000:table/${t.name}`,
    status: 'ACTIVE',
    attributes: { ...t.attributes },
    keySchema: [{ name: t.hash, keyType: 'HASH' }, ...(t.range ? [{ name: t.range, keyType: 'RANGE' as const }] : [])],
    billingMode: mode,
    throughput: provisioned ? { read: t.read ?? 0, write: t.write ?? 0 } : { read: 0, write: 0 },
    globalSecondaryIndexes: (t.gsis ?? []).map(g => liveIndex('GSI', g)),
    localSecondaryIndexes: (t.lsis ?? []).map(l => liveIndex('LSI', l)),
    stream: t.stream?.enabled || (t.stream?.enabled === undefined && t.stream?.viewType) ? { enabled: true, viewType: t.stream.viewType } : { enabled: false },
    sse: t.sse?.enabled ? { enabled: true, type: 'KMS', kmsKeyArn: `arn:aws:kms:ddblocal:000000000000:key/${t.sse.kmsKeyId ?? 'aws-managed'}` } : { enabled: false },
    tableClass: t.tableClass ?? 'STANDARD',
    deletionProtection: t.deletionProtection ?? false,
    ttl: unknown.includes('ttl') ? { state: 'unknown', reason: why }
      : { state: 'known', value: t.ttl?.enabled || (t.ttl?.enabled === undefined && t.ttl?.attributeName) ? { enabled: true, attributeName: t.ttl.attributeName, status: 'ENABLED' } : { enabled: false, status: 'DISABLED' } },
    tags: unknown.includes('tags') ? { state: 'unknown', reason: why } : { state: 'known', value: { ...(t.tags ?? {}) } },
    pointInTimeRecovery: unknown.includes('pitr') ? { state: 'unknown', reason: why } : { state: 'known', value: { enabled: t.pitr ?? false } },
  };
}

/** A provisioned table with every setting (keys, both index kinds, stream, TTL, PITR, KMS, class, protection, tags): the exporters' test table. */
export const EVERY_SETTING: SimpleTable = {
  name: 'orders',
  billingMode: 'PROVISIONED', read: 5, write: 4,
  attributes: { pk: 'S', sk: 'N', status: 'S', due: 'N' },
  hash: 'pk', range: 'sk',
  gsis: [{ name: 'by-status', hash: 'status', range: 'sk', projection: 'INCLUDE', nonKey: ['total', 'currency'], read: 2, write: 1 }],
  lsis: [{ name: 'by-due', range: 'due', projection: 'KEYS_ONLY' }],
  stream: { enabled: true, viewType: 'NEW_AND_OLD_IMAGES' },
  ttl: { enabled: true, attributeName: 'expires_at' },
  pitr: true,
  sse: { enabled: true, kmsKeyId: 'k-1' },
  tableClass: 'STANDARD_INFREQUENT_ACCESS',
  deletionProtection: true,
  tags: { team: 'billing', env: 'staging' },
};

/** An on-demand table with a binary hash key only and a dotted name. */
export const ON_DEMAND: SimpleTable = { name: 'Carts.v2', billingMode: 'PAY_PER_REQUEST', attributes: { id: 'B' }, hash: 'id', ttl: { enabled: false }, tags: {} };
