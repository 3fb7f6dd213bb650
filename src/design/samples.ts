/**
 * Sample items for a design run: every entity's items, deterministic for a seed, with its key
 * attributes filled from its templates. Attributes that several entities share (`userId` of User
 * and Order) take their values from one pool, owned by the entity whose primary key names it with
 * the fewest other placeholders (User owns userId, Order owns orderId): an Order's userId is a
 * User's, so "orders of a user" finds several. Also: which entity an item is (by its key
 * templates), and the key condition evaluated in memory, for what a pattern should return.
 * Pure.
 */
import type { DesignSpec, EntityAttributeType, EntitySpec, KeyConditionSpec, KeyTemplate } from '../model/design';
import { placeholders } from '../model/design';
import type { AttributeType, TableSpec } from '../model/spec';
import { tableNameOf } from './read';
import { allKeys, definedType } from './serve';
import type { IndexKeys } from './serve';
import { fill, satisfies } from './templates';

export type SampleValue = string | number | boolean | null | Uint8Array | readonly unknown[] | Readonly<Record<string, unknown>> | ReadonlySet<unknown>;
export type SampleItem = Readonly<Record<string, unknown>>;

export interface Sample {
  readonly entity: string;
  readonly table: string;
  readonly item: SampleItem;
}

export interface SampleOptions {
  readonly seed?: number;
  /** Items per entity by name (else the entity's sampleCount, else 10). */
  readonly counts?: Readonly<Record<string, number>>;
}

export const DEFAULT_SAMPLE_COUNT = 10;

/**
 * What generating a table's samples needs of it: its name, primary key and key attribute types.
 * A config's table (`sampleTableOf`) or the design view's shape of one (config or live).
 */
export interface SampleTable {
  readonly name: string;
  readonly base: Pick<IndexKeys, 'hash' | 'range'>;
  typeOf(attribute: string): AttributeType | undefined;
}

export function sampleTableOf(t: TableSpec): SampleTable {
  return { name: tableNameOf(t), base: allKeys(t)[0], typeOf: attribute => definedType(t, attribute) };
}

/** mulberry32: small, fast, deterministic. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function countOf(entity: EntitySpec, options: SampleOptions = {}): number {
  return options.counts?.[entity.name] ?? entity.sampleCount ?? DEFAULT_SAMPLE_COUNT;
}

function primaryPlaceholders(entity: EntitySpec, table: SampleTable): string[] {
  const base = table.base;
  return [...base.hash, ...base.range].flatMap(k => (entity.keys[k] ? placeholders(entity.keys[k]) : []));
}

/** attribute name -> the entity (in this table) whose items own its values. */
function owners(entities: readonly EntitySpec[], table: SampleTable): Map<string, EntitySpec> {
  const out = new Map<string, { entity: EntitySpec; weight: number }>();
  for (const e of entities) {
    const used = primaryPlaceholders(e, table);
    for (const a of new Set(used)) {
      const known = out.get(a);
      if (!known || used.length < known.weight) { out.set(a, { entity: e, weight: used.length }); }
    }
  }
  return new Map([...out].map(([k, v]) => [k, v.entity]));
}

function owned(name: string, i: number): string {
  return `${name}-${String(i + 1).padStart(3, '0')}`;
}

const DAY = 86_400_000;
const EPOCH = Date.UTC(2025, 0, 1);

function valueFor(name: string, type: EntityAttributeType, rnd: () => number, i: number): unknown {
  const dateLike = /(At|Date|Time)$|^(date|time|timestamp)$/i.test(name);
  switch (type) {
    case 'S': return dateLike ? new Date(EPOCH + Math.floor(rnd() * 365) * DAY + i * 60_000).toISOString() : `${name}-${Math.floor(rnd() * 1e6).toString(36)}`;
    case 'N': return dateLike ? Math.floor((EPOCH + Math.floor(rnd() * 365) * DAY) / 1000) : 1 + Math.floor(rnd() * 1000);
    case 'B': return new Uint8Array([i & 255, Math.floor(rnd() * 256)]);
    case 'BOOL': return rnd() < 0.5;
    case 'NULL': return null;
    case 'L': return [`${name}-${i}`];
    case 'M': return { n: i };
    case 'SS': return new Set([`${name}-a${i}`, `${name}-b${i}`]);
    case 'NS': return new Set([i, i + 1]);
    case 'BS': return new Set([new Uint8Array([i & 255])]);
  }
}

/** A key value as the table's attribute type wants it (a number for N). */
function keyValue(t: KeyTemplate, values: Readonly<Record<string, unknown>>, table: SampleTable, attribute: string): string | number | undefined {
  const text = fill(t, values);
  if (text === undefined) { return undefined; }
  if (table.typeOf(attribute) === 'N') {
    const n = Number(text);
    return Number.isFinite(n) ? n : undefined;
  }
  return text;
}

/**
 * One item of an entity: its attributes, then its key attributes from the templates (an index
 * key whose placeholder has no value is left out: the item is not in that sparse index).
 */
export function entityItem(entity: EntitySpec, table: SampleTable, i: number, rnd: () => number, pools: ReadonlyMap<string, readonly unknown[]>, own: ReadonlyMap<string, EntitySpec>): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const a of entity.attributes) {
    if (a.required === false && rnd() < 0.5) { continue; }
    const owner = own.get(a.name);
    const pool = pools.get(a.name);
    if (owner === entity) { item[a.name] = a.type === 'N' ? i + 1 : owned(a.name, i); }
    else if (owner && pool && pool.length > 0) { item[a.name] = pool[Math.floor(rnd() * pool.length)]; }
    else { item[a.name] = valueFor(a.name, a.type, rnd, i); }
  }
  for (const [attribute, t] of Object.entries(entity.keys)) {
    const v = keyValue(t, item, table, attribute);
    if (v !== undefined) { item[attribute] = v; }
  }
  return item;
}

/** The primary key of an item as one string (for sets and de-duplication). */
export function keyString(item: SampleItem, base: Pick<IndexKeys, 'hash' | 'range'>): string {
  return JSON.stringify([...base.hash, ...base.range].map(k => item[k]));
}

/**
 * The sample items of a design, per table, entities in order. Two items with the same primary key:
 * the later one stays (as PutItem would leave it). The pattern runner writes these; the design
 * view shows the first few of each entity.
 */
export function generateSamples(design: DesignSpec, tables: readonly TableSpec[], options: SampleOptions = {}): Sample[] {
  return tables.flatMap(t => tableSamples(design, sampleTableOf(t), options));
}

/** The sample items of one table (see generateSamples). */
export function tableSamples(design: Pick<DesignSpec, 'entities'>, table: SampleTable, options: SampleOptions = {}): Sample[] {
  const name = table.name;
  const entities = design.entities.filter(e => e.table === name);
  if (entities.length === 0) { return []; }
  const own = owners(entities, table);
  const pools = new Map<string, unknown[]>();
  for (const [attribute, owner] of own) {
    const type = owner.attributes.find(a => a.name === attribute)?.type;
    pools.set(attribute, Array.from({ length: countOf(owner, options) }, (_, i) => (type === 'N' ? i + 1 : owned(attribute, i))));
  }
  const base = table.base;
  const byKey = new Map<string, Sample>();
  entities.forEach((entity, e) => {
    const rnd = random(((options.seed ?? 42) * 1000003 + e * 7919) >>> 0);
    for (let i = 0; i < countOf(entity, options); i++) {
      const item = entityItem(entity, table, i, rnd, pools, own);
      if ([...base.hash, ...base.range].some(k => item[k] === undefined)) { continue; }
      const key = keyString(item, base);
      byKey.delete(key);
      byKey.set(key, { entity: entity.name, table: name, item });
    }
  });
  return [...byKey.values()];
}

/** A template as a regex over a key value: literals as themselves, placeholders as any text. */
function templateRegex(t: KeyTemplate): RegExp {
  const body = t.parts.map(p => ('literal' in p ? p.literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : '(.+)')).join('');
  return new RegExp(`^${body}$`, 's');
}

/** The entity (of these) whose primary-key templates produce this item's key; undefined if none does. */
export function entityOf(item: SampleItem, entities: readonly EntitySpec[], table: TableSpec): string | undefined {
  const base = allKeys(table)[0];
  const keys = [...base.hash, ...base.range];
  return entities.find(e => keys.every(k => e.keys[k] !== undefined && item[k] !== undefined && templateRegex(e.keys[k]).test(String(item[k]))))?.name;
}

/** Whether an item is in an index (has all its key attributes) and satisfies every condition. */
export function matchesCondition(item: SampleItem, target: IndexKeys, conditions: readonly KeyConditionSpec[], operands: ReadonlyMap<KeyConditionSpec, readonly (string | number)[]>): boolean {
  if ([...target.hash, ...target.range].some(k => item[k] === undefined)) { return false; }
  return conditions.every(c => {
    const v = item[c.attribute];
    if (typeof v !== 'string' && typeof v !== 'number') { return false; }
    return satisfies(v, c.operator, operands.get(c) ?? []);
  });
}
