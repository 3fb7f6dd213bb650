/**
 * The design view's model (pure): from a DesignSpec and a table (a config's TableSpec or a live
 * table), the entity map, every index's facets, the access patterns with what serves each and its
 * cost per call, and sample items per table and index. The webview and the Markdown export show
 * what this returns; nothing here reads a file or a server.
 *
 * Cost figures follow DynamoDB's capacity rules (see ASSUMPTIONS, shown with the figures):
 * - a read unit reads 4 KB strongly consistent (a GetItem or Query rounds up to the next 4 KB,
 *   a Query over the sum of the items it reads); eventually consistent reads cost half; a GSI
 *   serves eventually consistent reads only; transactional reads and writes cost double;
 * - a write unit writes 1 KB, rounded up per item; every GSI or LSI that keeps the item writes it
 *   too, by the size of what it projects;
 * - on-demand read/write request units and provisioned read/write capacity units count the same way.
 */
import type { AccessPatternSpec, DesignSpec, EntityAttribute, EntitySpec, KeyConditionSpec, KeyTemplate } from '../model/design';
import type {
  AttributeRow, DesignView, EntityRow, Facet, FacetEntity, IndexShape, PatternCost, PatternRow, SampleGroup, TableShape,
} from '../model/designView';
import type { LiveTable } from '../model/live';
import type { IndexSpec, TableSpec } from '../model/spec';
import { valueOf } from '../model/spec';
import { describeServing, membership, missingKeyAttributes, queryableOn, servingOn } from './serve';
import { canSatisfy } from './templates';
import { tableSamples } from './samples';
import type { Sample, SampleTable } from './samples';

/** Typical sizes (bytes) of a value of each type, for an entity without itemSizeBytes. */
export const TYPICAL_VALUE_BYTES: Readonly<Record<string, number>> = { S: 20, N: 8, B: 32, BOOL: 1, NULL: 1, L: 64, M: 64, SS: 64, NS: 64, BS: 64 };
/** A placeholder's typical length as text inside a key template (a number written as digits). */
const PLACEHOLDER_BYTES: Readonly<Record<string, number>> = { S: 20, N: 10 };
/** Items a query or scan reads per entity when the entity gives no sampleCount. */
export const DEFAULT_ITEMS_PER_ENTITY = 10;
/** Sample items shown per entity in the sample view. */
export const SAMPLES_SHOWN = 3;

export const ASSUMPTIONS: readonly string[] = [
  'Item sizes: an entity\'s itemSizeBytes where given; otherwise the sum of its attribute names (UTF-8 bytes) and typical values: '
    + `strings ${TYPICAL_VALUE_BYTES.S} bytes, numbers ${TYPICAL_VALUE_BYTES.N}, binary ${TYPICAL_VALUE_BYTES.B}, booleans and nulls 1, lists, maps and sets ${TYPICAL_VALUE_BYTES.L}; `
    + `key attributes count their template's literal text plus ${PLACEHOLDER_BYTES.S} bytes per string placeholder (${PLACEHOLDER_BYTES.N} per number).`,
  'Reads: one read unit reads up to 4 KB strongly consistent, half a unit eventually consistent (a GSI serves eventually consistent reads only). '
    + 'A Query or Scan adds up the sizes of the items it reads and rounds up to the next 4 KB once; a GetItem rounds up its one item; a call that finds nothing still costs the minimum.',
  `Items per call: 1 for get, put, update and delete; for a query or scan, the entity's sampleCount (default ${DEFAULT_ITEMS_PER_ENTITY}) items of each entity it returns (a scan: of every entity in the table or index).`,
  'Writes: one write unit writes up to 1 KB, rounded up per item; each GSI and LSI that keeps the item (it has the index\'s key attributes) writes it as well, by the size of the attributes the index projects.',
  'Transactions (transactGet, transactWrite) cost twice the units; batch calls cost what their items cost one by one.',
  'On-demand tables are charged read and write request units, provisioned tables consume read and write capacity units: the counts are the same.',
];

// ---------------------------------------------------------------------------------------------
// Tables

function indexShapeOfSpec(index: IndexSpec): IndexShape {
  const keys = index.keySchema.map(k => ({ name: valueOf(k.name), type: valueOf(k.keyType) }));
  return {
    name: valueOf(index.name) ?? '(unnamed)',
    kind: index.kind,
    hash: keys.filter(k => k.type === 'HASH' && k.name).map(k => k.name!),
    range: keys.filter(k => k.type === 'RANGE' && k.name).map(k => k.name!),
    projection: valueOf(index.projection?.type) ?? 'ALL',
    nonKeyAttributes: valueOf(index.projection?.nonKeyAttributes) ?? [],
  };
}

/** The shape of a table as a config describes it (invalid values are left out). */
export function shapeOfSpec(spec: TableSpec): TableShape {
  const keys = spec.keySchema.map(k => ({ name: valueOf(k.name), type: valueOf(k.keyType) }));
  const name = valueOf(spec.name) ?? '(unnamed table)';
  const attributeTypes: Record<string, 'S' | 'N' | 'B'> = {};
  for (const a of spec.attributes) {
    const n = valueOf(a.name);
    const t = valueOf(a.type);
    if (n !== undefined && t !== undefined) { attributeTypes[n] = t; }
  }
  const read = valueOf(spec.throughput?.read);
  const write = valueOf(spec.throughput?.write);
  return {
    name,
    attributeTypes,
    table: {
      name, kind: 'table', projection: 'ALL', nonKeyAttributes: [],
      hash: keys.filter(k => k.type === 'HASH' && k.name).map(k => k.name!),
      range: keys.filter(k => k.type === 'RANGE' && k.name).map(k => k.name!),
    },
    indexes: [...spec.globalSecondaryIndexes, ...spec.localSecondaryIndexes].map(indexShapeOfSpec),
    billingMode: valueOf(spec.billingMode) ?? 'PAY_PER_REQUEST',
    ...(read !== undefined && write !== undefined ? { throughput: { read, write } } : {}),
  };
}

/** The shape of a live table (the explorer's design view). */
export function shapeOfLive(live: LiveTable): TableShape {
  const part = (keys: LiveTable['keySchema'], type: 'HASH' | 'RANGE'): string[] => keys.filter(k => k.keyType === type).map(k => k.name);
  return {
    name: live.name,
    attributeTypes: { ...live.attributes },
    table: { name: live.name, kind: 'table', hash: part(live.keySchema, 'HASH'), range: part(live.keySchema, 'RANGE'), projection: 'ALL', nonKeyAttributes: [] },
    indexes: [...live.globalSecondaryIndexes, ...live.localSecondaryIndexes].map(i => ({
      name: i.name, kind: i.kind, hash: part(i.keySchema, 'HASH'), range: part(i.keySchema, 'RANGE'),
      projection: i.projectionType, nonKeyAttributes: [...i.nonKeyAttributes],
    })),
    billingMode: live.billingMode,
    ...(live.billingMode === 'PROVISIONED' && live.throughput ? { throughput: { read: live.throughput.read, write: live.throughput.write } } : {}),
  };
}

/** The entities and patterns of a design that belong to a table. */
/** An attribute of an entity as the view and the code generators show it (required unless it says not). */
export function attributeRow(a: EntityAttribute): AttributeRow {
  return { name: a.name, type: a.type, required: a.required !== false };
}

export function designOfTable(design: DesignSpec, table: string): DesignSpec {
  return { entities: design.entities.filter(e => e.table === table), patterns: design.patterns.filter(p => p.table === table) };
}

function keyAttributes(index: IndexShape): string[] {
  return [...index.hash, ...index.range];
}

// ---------------------------------------------------------------------------------------------
// Sizes

function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** The type an entity declares for an attribute (S when it declares none). */
function attributeType(entity: EntitySpec, name: string): string {
  return entity.attributes.find(a => a.name === name)?.type ?? 'S';
}

function templateBytes(entity: EntitySpec, template: KeyTemplate): number {
  return template.parts.reduce((sum, p) => sum + ('literal' in p ? utf8Bytes(p.literal) : PLACEHOLDER_BYTES[attributeType(entity, p.placeholder)] ?? PLACEHOLDER_BYTES.S!), 0);
}

/** Estimated bytes of each attribute of an entity's items (name plus value). */
export function attributeSizes(entity: EntitySpec): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const [attribute, template] of Object.entries(entity.keys)) { sizes.set(attribute, utf8Bytes(attribute) + templateBytes(entity, template)); }
  for (const a of entity.attributes) {
    if (!sizes.has(a.name)) { sizes.set(a.name, utf8Bytes(a.name) + (TYPICAL_VALUE_BYTES[a.type] ?? TYPICAL_VALUE_BYTES.S!)); }
  }
  return sizes;
}

/** An entity's item size: its itemSizeBytes, or the estimate from its attributes. */
export function itemSize(entity: EntitySpec): number {
  if (entity.itemSizeBytes !== undefined && entity.itemSizeBytes > 0) { return entity.itemSizeBytes; }
  let sum = 0;
  for (const size of attributeSizes(entity).values()) { sum += size; }
  return sum;
}

/** The attributes an index keeps of an item (undefined: all of them). */
function projectedAttributes(table: TableShape, index: IndexShape): Set<string> | undefined {
  if (index.kind === 'table' || index.projection === 'ALL') { return undefined; }
  const kept = new Set([...keyAttributes(table.table), ...keyAttributes(index)]);
  if (index.projection === 'INCLUDE') { for (const a of index.nonKeyAttributes) { kept.add(a); } }
  return kept;
}

/** Bytes of an entity's item as an index stores it. */
export function projectedSize(table: TableShape, index: IndexShape, entity: EntitySpec): number {
  const kept = projectedAttributes(table, index);
  const full = itemSize(entity);
  if (!kept) { return full; }
  const sizes = attributeSizes(entity);
  let estimated = 0;
  let keptBytes = 0;
  for (const [name, size] of sizes) {
    estimated += size;
    if (kept.has(name)) { keptBytes += size; }
  }
  // With a given itemSizeBytes, scale the kept share of the estimate to it.
  return estimated === 0 ? 0 : Math.ceil(full === estimated ? keptBytes : (keptBytes / estimated) * full);
}

// ---------------------------------------------------------------------------------------------
// Facets: which entities an index keeps

function facetOf(table: TableShape, index: IndexShape, entities: readonly EntitySpec[]): Facet {
  const keys = keyAttributes(index);
  const kept: FacetEntity[] = [];
  const missing: { entity: string; lacks: string[] }[] = [];
  for (const entity of entities) {
    const lacks = missingKeyAttributes(entity, index);
    if (lacks.length) { missing.push({ entity: entity.name, lacks }); continue; }
    kept.push({
      entity: entity.name,
      keys: Object.fromEntries(keys.map(k => [k, entity.keys[k]?.text ?? `{${k}}`])),
      sparse: membership(entity, index) === 'sometimes',
      projectedSizeBytes: projectedSize(table, index, entity),
    });
  }
  return { index, entities: kept, missing };
}

/** Whether an entity's items can be in the index (they have every key attribute of it). */
export function inIndex(entity: EntitySpec, index: IndexShape): boolean {
  return membership(entity, index) !== 'never';
}

// ---------------------------------------------------------------------------------------------
// Patterns: what serves them

function conditionMatches(entity: EntitySpec, c: KeyConditionSpec): boolean {
  const template = entity.keys[c.attribute];
  if (!template) { return membership(entity, { hash: [c.attribute], range: [] }) !== 'never'; }
  return c.values.length === 0 || canSatisfy(template, c.operator, c.values);
}

/** The entities whose keys can satisfy the pattern's key condition. */
export function matchingEntities(pattern: AccessPatternSpec, entities: readonly EntitySpec[]): EntitySpec[] {
  return entities.filter(e => pattern.keyCondition.every(c => conditionMatches(e, c)));
}

const WRITES = new Set(['put', 'update', 'delete', 'batchWrite', 'transactWrite']);

/** Whether an index's keys serve a key condition as a Query (serve.ts decides). */
export function servesQuery(index: IndexShape, conditions: readonly KeyConditionSpec[]): boolean {
  return queryableOn({ keyCondition: conditions }, [index]) !== undefined;
}

/**
 * Whether an item operation (get, put, update, delete) is made as one call on the table's primary
 * key, as serve.ts decides: the full key by equalities (a put may leave its key to the item).
 */
export function isItemCall(table: TableShape, pattern: AccessPatternSpec): boolean {
  const { index: _declared, ...onTable } = pattern;
  return servingOn(onTable, [table.table, ...table.indexes]).problems.length === 0;
}

export function formatCondition(conditions: readonly KeyConditionSpec[]): string {
  if (conditions.length === 0) { return '(none)'; }
  return conditions.map(c => {
    const [a, b] = c.values.map(v => `"${v.text}"`);
    switch (c.operator) {
      case 'begins_with': return `begins_with(${c.attribute}, ${a ?? '?'})`;
      case 'between': return `${c.attribute} BETWEEN ${a ?? '?'} AND ${b ?? '?'}`;
      default: return `${c.attribute} ${c.operator} ${a ?? '?'}`;
    }
  }).join(' AND ');
}

interface Served {
  readonly index: IndexShape | undefined;
  readonly how: string;
}

function where(index: IndexShape): string {
  return index.kind === 'table' ? 'the table' : `${index.kind} ${index.name}`;
}

/** What serves a pattern, as serve.ts finds it on the table's keys; a Query on another index when the declared one cannot. */
function serving(table: TableShape, pattern: AccessPatternSpec): Served {
  const keys = [table.table, ...table.indexes];
  const served = servingOn(pattern, keys);
  const target = keys.find(k => k === served.target);
  if (pattern.operation === 'scan') {
    return target ? { index: target, how: `Scan of ${where(target)}` } : { index: undefined, how: `Scan: the index ${pattern.index ?? ''} does not exist` };
  }
  if (served.problems.length === 0 && target) { return { index: target, how: describeServing(pattern, served) }; }
  const why = served.problems.map(p => p.message).join('; ');
  if (!WRITES.has(pattern.operation)) {
    const declared = pattern.index === undefined ? table.table : table.indexes.find(i => i.name === pattern.index);
    const other = queryableOn(pattern, [...(declared ? [declared] : []), ...keys]);
    if (other) { return { index: other, how: describeServing(pattern, { call: 'Query', target: other, problems: [] }) + ` (as declared: ${why})` }; }
  }
  return { index: undefined, how: `Scan: ${why}` };
}

/** The table or index that serves a pattern; undefined when it needs a Scan of the table (or is a scan). */
export function servingIndex(table: TableShape, pattern: AccessPatternSpec): IndexShape | undefined {
  return pattern.operation === 'scan' ? undefined : serving(table, pattern).index;
}

/** The attributes an index keeps of an item; undefined when it keeps all of them. */
export function projectionOf(table: TableShape, index: IndexShape): ReadonlySet<string> | undefined {
  return projectedAttributes(table, index);
}

function readUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / 4096));
}

function writeUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / 1024));
}

function countOf(entity: EntitySpec): number {
  return entity.sampleCount ?? DEFAULT_ITEMS_PER_ENTITY;
}

function costOf(table: TableShape, pattern: AccessPatternSpec, served: Served, entities: readonly EntitySpec[], all: readonly EntitySpec[]): PatternCost {
  const op = pattern.operation;
  const index = served.index ?? table.table;
  const size = (e: EntitySpec): number => projectedSize(table, index, e);
  const factor = op === 'transactGet' || op === 'transactWrite' ? 2 : 1;
  if (WRITES.has(op)) {
    const written = entities.length ? entities : all;
    const biggest = written.reduce<EntitySpec | undefined>((b, e) => (!b || itemSize(e) > itemSize(b) ? e : b), undefined);
    if (!biggest) { return { readEventual: 0, write: factor, indexWrite: 0, bytes: 0, items: 1 }; }
    const bytes = itemSize(biggest);
    const indexWrite = table.indexes.filter(i => inIndex(biggest, i)).reduce((sum, i) => sum + writeUnits(projectedSize(table, i, biggest)), 0);
    return { readEventual: 0, write: writeUnits(bytes) * factor, indexWrite: indexWrite * factor, bytes, items: 1 };
  }
  const strongPossible = index.kind !== 'GSI';
  if ((op === 'get' && served.index === table.table) || op === 'batchGet' || op === 'transactGet') {
    const biggest = Math.max(0, ...entities.map(size));
    const strong = readUnits(biggest) * factor;
    return { readEventual: op === 'transactGet' ? strong : strong / 2, ...(strongPossible ? { readStrong: strong } : {}), write: 0, indexWrite: 0, bytes: biggest, items: 1 };
  }
  // Query or Scan: the sizes of the items read, summed, rounded up once.
  const read = served.index === undefined || op === 'scan'
    ? all.filter(e => inIndex(e, index))
    : entities;
  const items = read.reduce((sum, e) => sum + countOf(e), 0);
  const bytes = read.reduce((sum, e) => sum + countOf(e) * size(e), 0);
  const strong = readUnits(bytes);
  return { readEventual: strong / 2, ...(strongPossible ? { readStrong: strong } : {}), write: 0, indexWrite: 0, bytes, items };
}

function patternRow(table: TableShape, pattern: AccessPatternSpec, entities: readonly EntitySpec[]): PatternRow {
  const served = serving(table, pattern);
  const declaredEntities = pattern.entities?.map(n => entities.find(e => e.name === n)).filter((e): e is EntitySpec => e !== undefined);
  const returned = declaredEntities && declaredEntities.length ? declaredEntities : matchingEntities(pattern, entities);
  const notes: string[] = [];
  if (pattern.index !== undefined && !table.indexes.some(i => i.name === pattern.index)) {
    notes.push(`The table has no index ${pattern.index}.`);
  } else if (served.index && pattern.index !== undefined && served.index.name !== pattern.index) {
    notes.push(`Declared on ${pattern.index}, which cannot serve it; ${served.index.kind === 'table' ? 'the table' : served.index.name} can.`);
  } else if (served.index && pattern.index === undefined && served.index.kind !== 'table' && !WRITES.has(pattern.operation)) {
    notes.push(`Declared on the table, whose keys cannot serve it; ${served.index.kind} ${served.index.name} can.`);
  }
  if (served.index && pattern.reads) {
    const kept = projectedAttributes(table, served.index);
    const absent = kept ? pattern.reads.filter(r => !kept.has(r)) : [];
    if (absent.length) { notes.push(`${served.index.name} does not project ${absent.join(', ')}: each item must be read again from the table.`); }
  }
  if (!served.index && pattern.operation !== 'scan') { notes.push('Reads the whole table on every call.'); }
  return {
    name: pattern.name,
    operation: pattern.operation,
    condition: formatCondition(pattern.keyCondition),
    ...(pattern.index !== undefined ? { declared: pattern.index } : {}),
    servedBy: served.index && pattern.operation !== 'scan' ? served.index.name : 'Scan',
    servedKind: served.index && pattern.operation !== 'scan' ? served.index.kind : 'scan',
    how: served.how,
    entities: returned.map(e => e.name),
    cost: costOf(table, pattern, served, returned, entities),
    notes,
  };
}

// ---------------------------------------------------------------------------------------------
// Samples

/** A sample value as the view shows it (binary as base64, sets and lists in brackets). */
function display(value: unknown): string {
  if (value === undefined) { return ''; }
  if (value === null) { return 'NULL'; }
  if (value instanceof Uint8Array) { return Buffer.from(value).toString('base64'); }
  if (value instanceof Set || Array.isArray(value)) { return `[${[...value].map(display).join(', ')}]`; }
  if (typeof value === 'object') { return JSON.stringify(value); }
  return String(value);
}

/** What generating samples needs of the view's table (samples.ts generates them for the runner and the view alike). */
export function sampleTableOfShape(table: TableShape): SampleTable {
  return { name: table.name, base: table.table, typeOf: attribute => table.attributeTypes[attribute] };
}

/** The samples the view shows: the first SAMPLES_SHOWN of each entity, of those the pattern runner writes. */
export function shownSamples(table: TableShape, entities: readonly EntitySpec[]): Sample[] {
  const all = tableSamples({ entities }, sampleTableOfShape(table));
  return entities.flatMap(e => all.filter(s => s.entity === e.name).slice(0, SAMPLES_SHOWN));
}

function sampleGroup(table: TableShape, index: IndexShape, samples: readonly Sample[], keyColumns: readonly string[]): SampleGroup {
  const kept = projectedAttributes(table, index);
  // The table shows every key attribute (its items carry the index keys too); an index its own keys, then the table's.
  const keys = index.kind === 'table' ? [...keyColumns] : [...keyAttributes(index), ...keyAttributes(table.table).filter(k => !keyAttributes(index).includes(k))];
  // A sparse index leaves out the items without its key attributes.
  const rows = samples.filter(s => keyAttributes(index).every(k => s.item[k] !== undefined));
  const others: string[] = [];
  for (const { item } of rows) {
    for (const name of Object.keys(item)) {
      if (!keys.includes(name) && !others.includes(name) && (!kept || kept.has(name))) { others.push(name); }
    }
  }
  const columns = [...keys, ...others];
  return { name: index.name, kind: index.kind, columns, rows: rows.map(r => ({ entity: r.entity, values: columns.map(c => display(r.item[c])) })) };
}

// ---------------------------------------------------------------------------------------------

/** The design view of a table: everything the panel shows. */
export function designView(table: TableShape, design: DesignSpec): DesignView {
  const { entities, patterns } = designOfTable(design, table.name);
  const keyColumns: string[] = [];
  for (const index of [table.table, ...table.indexes]) {
    for (const k of keyAttributes(index)) { if (!keyColumns.includes(k)) { keyColumns.push(k); } }
  }
  // Key attributes entities give that no index uses (a mistake, or an index to come) show too.
  for (const e of entities) { for (const k of Object.keys(e.keys)) { if (!keyColumns.includes(k)) { keyColumns.push(k); } } }
  const samples = shownSamples(table, entities);
  const entityRows: EntityRow[] = entities.map(e => ({
    name: e.name,
    keys: Object.fromEntries(Object.entries(e.keys).map(([k, t]) => [k, t.text])),
    attributes: e.attributes.filter(a => !(a.name in e.keys)).map(attributeRow),
    itemSizeBytes: itemSize(e),
    sizeEstimated: !(e.itemSizeBytes !== undefined && e.itemSizeBytes > 0),
  }));
  return {
    table,
    keyColumns,
    entities: entityRows,
    facets: [table.table, ...table.indexes].map(i => facetOf(table, i, entities)),
    patterns: patterns.map(p => patternRow(table, p, entities)),
    samples: entities.length ? [table.table, ...table.indexes].map(i => sampleGroup(table, i, samples, keyColumns)) : [],
    assumptions: ASSUMPTIONS,
  };
}
