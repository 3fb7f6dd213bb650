/**
 * Writing a live table in a dialect (DialectDefinition.write), the shared parts: the key
 * elements an index or table can have in a dialect without multi-attribute keys, the user's
 * tags, and the table entry of the dialects with attribute definition and key schema lists
 * (planton, component), by their vocabulary. Plain data only: the format's operations make the
 * text (formats/write.ts), so this stays free of writers.
 */
import type { LiveIndex, LiveTable } from '../../model/live';
import { type Dialect, everyKeyElement } from '../../model/spec';
import { encodeEnum, enumValues, type EnumKind, type Vocabulary } from './vocabulary';

export type Plain = string | number | boolean | readonly Plain[] | { readonly [key: string]: Plain };

/** The HASH and RANGE attribute of a key of at most one of each; throws on a multi-attribute key. */
export function singleKeys(index: Pick<LiveIndex, 'keySchema' | 'name'>, dialect: Dialect): { hash?: string; range?: string } {
  const hashes = index.keySchema.filter(k => k.keyType === 'HASH');
  const ranges = index.keySchema.filter(k => k.keyType === 'RANGE');
  if (hashes.length > 1 || ranges.length > 1) {
    throw new Error(`index ${index.name} has a multi-attribute key, which the ${dialect} dialect cannot express; export it as component`);
  }
  return { hash: hashes[0]?.name, range: ranges[0]?.name };
}

/** The tags a file should hold: the known ones, without AWS's own (`aws:`); undefined when none. */
export function userTags(live: LiveTable): Record<string, string> | undefined {
  if (live.tags.state !== 'known') { return undefined; }
  const tags = Object.fromEntries(Object.entries(live.tags.value).filter(([k]) => !k.startsWith('aws:')));
  return Object.keys(tags).length > 0 ? tags : undefined;
}

/**
 * The rest of a flat index entry (genesys, Terraform) after its name and keys: the projection,
 * and the throughput of a GSI of a provisioned table, under the vocabulary's names.
 */
export function flatIndexRest(V: Vocabulary, i: LiveIndex, provisioned: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { [V.projection.type]: i.projectionType };
  if (i.projectionType === 'INCLUDE') { out[V.projection.nonKeyAttributes] = [...i.nonKeyAttributes]; }
  if (i.kind === 'GSI' && provisioned && i.throughput) {
    out[V.throughput.read] = i.throughput.read;
    out[V.throughput.write] = i.throughput.write;
  }
  return out;
}

/**
 * The comments an exported file carries after a value, by key: the values each enum key takes
 * as the dialect writes them (`PAY_PER_REQUEST | PROVISIONED`), then `extra`.
 */
export function valueComments(V: Vocabulary, enums: readonly (readonly [string, EnumKind])[], extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return { ...Object.fromEntries(enums.map(([key, kind]) => [key, enumValues(V, kind).join(' | ')])), ...extra };
}

/** The comments of a list dialect's table entry: billing mode, stream view type, table class, deletion protection. */
export function listTableComments(V: Vocabulary, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return valueComments(V, [[V.billingMode, 'billingMode'], [V.stream.viewType, 'streamViewType'], [V.tableClass, 'tableClass']],
    { [V.deletionProtection]: 'true blocks DeleteTable', ...extra });
}

/**
 * The table entry of a list dialect, its keys in the vocabulary's table order. `single`: the
 * dialect has no multi-attribute index keys (an index with one throws); `name`: write the
 * table name key (planton names the table in its metadata instead).
 */
export function listTableEntry(V: Vocabulary, live: LiveTable, options: { readonly single: boolean; readonly name: boolean }): Record<string, Plain> {
  const attributes = V.attributes;
  const keyNames = V.keySchema;
  if (!attributes || !keyNames || !V.throughput.block || !V.projection.block) { throw new Error(`the ${V.dialect} dialect has no attribute definition list`); }
  const provisioned = live.billingMode === 'PROVISIONED';
  const e = (kind: EnumKind, value: string): string => encodeEnum(V, kind, value);
  const throughputBlock = V.throughput.block;
  const throughput = (read: number, write: number): Record<string, Plain> => ({ [V.throughput.read]: read, [V.throughput.write]: write });
  const keySchema = (keys: LiveTable['keySchema']): Plain[] => keys.map(k => ({ [keyNames.name]: k.name, [keyNames.keyType]: e('keyType', k.keyType) }));
  const index = (i: LiveIndex): Record<string, Plain> => {
    if (options.single) { singleKeys(i, V.dialect); }
    const list = i.kind === 'GSI' ? V.gsi : V.lsi;
    const projection: Record<string, Plain> = { [V.projection.type]: e('projectionType', i.projectionType) };
    if (i.projectionType === 'INCLUDE') { projection[V.projection.nonKeyAttributes] = [...i.nonKeyAttributes]; }
    const out: Record<string, Plain> = { [list.name]: i.name, [keyNames.list]: keySchema(i.keySchema), [V.projection.block ?? 'projection']: projection };
    if (i.kind === 'GSI' && provisioned && i.throughput) { out[throughputBlock] = throughput(i.throughput.read, i.throughput.write); }
    return out;
  };
  const usedNames = new Set(everyKeyElement(live).map(k => k.name));
  const table: Record<string, Plain> = {};
  const put = (key: string | undefined, value: Plain | undefined): void => { if (key !== undefined && value !== undefined) { table[key] = value; } };
  if (options.name) { table[V.name] = live.name; }
  table[V.billingMode] = e('billingMode', live.billingMode);
  if (provisioned && live.throughput) { table[throughputBlock] = throughput(live.throughput.read, live.throughput.write); }
  table[attributes.list] = Object.entries(live.attributes).filter(([name]) => usedNames.has(name))
    .map(([name, type]) => ({ [attributes.name]: name, [attributes.type]: e('attributeType', type) }));
  table[keyNames.list] = keySchema(live.keySchema);
  if (live.globalSecondaryIndexes.length > 0) { table[V.gsi.list] = live.globalSecondaryIndexes.map(index); }
  if (live.localSecondaryIndexes.length > 0) { table[V.lsi.list] = live.localSecondaryIndexes.map(index); }

  const stream: Record<string, Plain> = { [V.stream.enabled]: live.stream.enabled };
  if (live.stream.enabled && live.stream.viewType) { stream[V.stream.viewType] = e('streamViewType', live.stream.viewType); }
  if (V.stream.block) { put(V.stream.block, stream); } else { Object.assign(table, stream); }
  put(V.ttl.block, live.ttl.state === 'known'
    ? { [V.ttl.enabled]: live.ttl.value.enabled, ...(live.ttl.value.enabled && live.ttl.value.attributeName ? { [V.ttl.attributeName]: live.ttl.value.attributeName } : {}) }
    : undefined);
  const sse: Record<string, Plain> = { [V.sse.enabled]: live.sse.enabled };
  if (live.sse.enabled) {
    if (V.sse.type) { sse[V.sse.type] = e('sseType', 'KMS'); }
    if (live.sse.kmsKeyArn) { sse[V.sse.kmsKey] = live.sse.kmsKeyArn; }
  }
  put(V.sse.block, sse);
  put(V.pitr, live.pointInTimeRecovery.state === 'known' ? live.pointInTimeRecovery.value.enabled : undefined);
  put(V.tableClass, e('tableClass', live.tableClass));
  put(V.deletionProtection, live.deletionProtection);
  put(V.tags, userTags(live));
  // The dialect's schema order (vocabulary order.table).
  const ordered: Record<string, Plain> = {};
  for (const key of V.order.table ?? []) { if (key in table) { ordered[key] = table[key]; } }
  return ordered;
}
