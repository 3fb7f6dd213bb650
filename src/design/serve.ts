/**
 * How a table serves an access pattern: which index, which call (GetItem, Query, Scan, ...), and
 * what stops it from being served as declared. Pure; read by the checks, the hover, the runner.
 */
import type { AccessPatternSpec, EntitySpec, KeyConditionSpec } from '../model/design';
import type { AttributeType, ProjectionType, TableSpec } from '../model/spec';

/** The keys of the table or one of its indexes. */
export interface IndexKeys {
  /** Undefined for the table itself. */
  readonly name?: string;
  readonly kind: 'table' | 'GSI' | 'LSI';
  readonly hash: readonly string[];
  readonly range: readonly string[];
  readonly projection: ProjectionType;
  readonly nonKeyAttributes: readonly string[];
}

export type Call = 'GetItem' | 'Query' | 'Scan' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'BatchGetItem' | 'BatchWriteItem' | 'TransactGetItems' | 'TransactWriteItems';

export interface Problem {
  readonly code: 'pattern-needs-scan' | 'pattern-get-full-key';
  readonly message: string;
  /** The condition it is about, when one. */
  readonly condition?: KeyConditionSpec;
}

export interface Serving {
  /** The call the pattern makes as declared. */
  readonly call: Call;
  /** The table or index it reads (undefined when the named index does not exist). */
  readonly target?: IndexKeys;
  /** Why it is not served as declared (empty = served). */
  readonly problems: readonly Problem[];
}

export function tableKeys(t: TableSpec): IndexKeys {
  const names = (ks: TableSpec['keySchema'], type: 'HASH' | 'RANGE'): string[] =>
    ks.filter(k => k.keyType.valid && k.keyType.value === type && k.name.valid).map(k => k.name.value as string);
  return { kind: 'table', hash: names(t.keySchema, 'HASH'), range: names(t.keySchema, 'RANGE'), projection: 'ALL', nonKeyAttributes: [] };
}

/** The table's keys, then each index's. */
export function allKeys(t: TableSpec): IndexKeys[] {
  const names = (ks: TableSpec['keySchema'], type: 'HASH' | 'RANGE'): string[] =>
    ks.filter(k => k.keyType.valid && k.keyType.value === type && k.name.valid).map(k => k.name.value as string);
  const out: IndexKeys[] = [tableKeys(t)];
  for (const i of [...t.globalSecondaryIndexes, ...t.localSecondaryIndexes]) {
    if (!i.name.valid) { continue; }
    const type = i.projection?.type?.valid ? i.projection.type.value : 'ALL';
    const nonKey = i.projection?.nonKeyAttributes?.valid ? i.projection.nonKeyAttributes.value : [];
    out.push({ name: i.name.value, kind: i.kind, hash: names(i.keySchema, 'HASH'), range: names(i.keySchema, 'RANGE'), projection: type, nonKeyAttributes: nonKey });
  }
  return out;
}

/** The type a table's attribute definitions give a name, if any. */
export function definedType(t: TableSpec, name: string): AttributeType | undefined {
  const a = t.attributes.find(x => x.name.valid && x.name.value === name && x.type?.valid);
  return a?.type?.valid ? a.type.value : undefined;
}

const CALLS: Readonly<Record<AccessPatternSpec['operation'], Call>> = {
  get: 'GetItem', query: 'Query', scan: 'Scan', put: 'PutItem', update: 'UpdateItem', delete: 'DeleteItem',
  batchGet: 'BatchGetItem', batchWrite: 'BatchWriteItem', transactGet: 'TransactGetItems', transactWrite: 'TransactWriteItems',
};

/** What stops `target` from serving a Query with these conditions (empty = it can). */
export function queryProblems(pattern: Pick<AccessPatternSpec, 'keyCondition'>, target: IndexKeys): Problem[] {
  const where = target.name ? `index ${target.name}` : 'the table';
  const problems: Problem[] = [];
  const conds = pattern.keyCondition;
  for (const h of target.hash) {
    const c = conds.find(x => x.attribute === h);
    if (!c) { problems.push({ code: 'pattern-needs-scan', message: `no equality on ${h}, the partition key of ${where}` }); }
    else if (c.operator !== '=') { problems.push({ code: 'pattern-needs-scan', message: `${h} is the partition key of ${where}: it takes only =, not ${c.operator}`, condition: c }); }
  }
  const ranged = conds.filter(c => target.range.includes(c.attribute));
  if (target.range.length === 0) {
    // Conditions on a non-key attribute are reported below; here only the sort-key case.
  } else {
    // Multi-attribute sort keys: equality on a leading run, one range operator last.
    let open = true;
    for (const r of target.range) {
      const c = ranged.find(x => x.attribute === r);
      if (!c) { open = false; continue; }
      if (!open) { problems.push({ code: 'pattern-needs-scan', message: `${r} comes after a sort-key attribute without a condition in ${where}`, condition: c }); continue; }
      if (c.operator !== '=') { open = false; }
    }
  }
  for (const c of conds) {
    if (target.hash.includes(c.attribute) || target.range.includes(c.attribute)) { continue; }
    const isSortLike = c.operator !== '=' && target.range.length === 0 && target.hash.length > 0;
    problems.push({
      code: 'pattern-needs-scan',
      message: isSortLike && conds.some(x => target.hash.includes(x.attribute))
        ? `${where} has no sort key, so ${c.attribute} ${c.operator} ... cannot be a key condition`
        : `${c.attribute} is not a key attribute of ${where}`,
      condition: c,
    });
  }
  return problems;
}

/** How the pattern is served on its table. */
export function servingOf(pattern: AccessPatternSpec, table: TableSpec): Serving {
  return servingOn(pattern, allKeys(table));
}

/** How the pattern is served by these keys: the table's first, then its indexes' (a config's or a live table's). */
export function servingOn(pattern: AccessPatternSpec, keys: readonly IndexKeys[]): Serving {
  const call = CALLS[pattern.operation];
  const base = keys[0];
  const named = pattern.index === undefined ? base : keys.find(k => k.name === pattern.index);
  const reads = pattern.operation === 'get' || pattern.operation === 'query' || pattern.operation === 'batchGet' || pattern.operation === 'transactGet';
  if (pattern.operation === 'scan') { return { call, target: named, problems: [] }; }
  if (!named) {
    return { call, problems: [{ code: 'pattern-needs-scan', message: `the table has no index ${pattern.index}` }] };
  }
  if (pattern.operation === 'query') { return { call, target: named, problems: queryProblems(pattern, named) }; }
  // Item operations (GetItem, PutItem, ...) address one item by the table's full primary key.
  const problems: Problem[] = [];
  const word = reads ? 'a get' : `a ${pattern.operation}`;
  if (pattern.index !== undefined) {
    problems.push({ code: 'pattern-get-full-key', message: `${word} reads or writes the table by its primary key; ${call} takes no index (${pattern.index})` });
  }
  if (pattern.operation === 'put' && pattern.keyCondition.length === 0) { return { call, target: base, problems }; }
  const want = [...base.hash, ...base.range];
  for (const k of want) {
    const c = pattern.keyCondition.find(x => x.attribute === k);
    if (!c) { problems.push({ code: 'pattern-get-full-key', message: `${word} needs the full primary key: no ${k} = ...` }); }
    else if (c.operator !== '=') { problems.push({ code: 'pattern-get-full-key', message: `${word} needs ${k} = ..., not ${c.operator}`, condition: c }); }
  }
  for (const c of pattern.keyCondition) {
    if (!want.includes(c.attribute)) { problems.push({ code: 'pattern-get-full-key', message: `${word} takes only the primary key (${want.join(', ')}); ${c.attribute} is not part of it`, condition: c }); }
  }
  return { call, target: base, problems };
}

/** The index (or table) of this table that can serve the pattern as a Query, if any. */
export function servingIndex(pattern: AccessPatternSpec, table: TableSpec): IndexKeys | undefined {
  return queryableOn(pattern, allKeys(table));
}

/** The first of these keys that can serve the pattern's key condition as a Query, if any. */
export function queryableOn<K extends IndexKeys>(pattern: Pick<AccessPatternSpec, 'keyCondition'>, keys: readonly K[]): K | undefined {
  return keys.find(k => k.hash.length > 0 && queryProblems(pattern, k).length === 0);
}

/**
 * Whether an entity's items are in an index (they carry every key attribute of it): `always`,
 * `sometimes` (a key attribute is an optional attribute: a sparse index) or `never`.
 */
export function membership(entity: EntitySpec, k: Pick<IndexKeys, 'hash' | 'range'>): 'always' | 'sometimes' | 'never' {
  let out: 'always' | 'sometimes' = 'always';
  for (const attribute of [...k.hash, ...k.range]) {
    if (entity.keys[attribute]) { continue; }
    const a = entity.attributes.find(x => x.name === attribute);
    if (!a) { return 'never'; }
    if (a.required === false) { out = 'sometimes'; }
  }
  return out;
}

/** The key attributes of an index an entity has neither as a key template nor as an attribute. */
export function missingKeyAttributes(entity: EntitySpec, k: Pick<IndexKeys, 'hash' | 'range'>): string[] {
  return [...k.hash, ...k.range].filter(a => !(a in entity.keys) && !entity.attributes.some(x => x.name === a));
}

/** One line saying how the pattern is served: `Query on GSI1 with GSI1PK = "USER#{userId}", begins_with(GSI1SK, "ORDER#")`. */
export function describeServing(pattern: AccessPatternSpec, serving: Serving): string {
  const on = serving.target?.kind === 'table' ? 'on the table'
    : serving.target?.name ? `on ${serving.target.kind === 'LSI' ? 'LSI' : 'GSI'} ${serving.target.name}` : pattern.index ? `on the missing index ${pattern.index}` : 'on the table';
  const conds = pattern.keyCondition.map(c => {
    const v = c.values.map(x => JSON.stringify(x.text));
    if (c.operator === 'begins_with') { return `begins_with(${c.attribute}, ${v[0]})`; }
    if (c.operator === 'between') { return `${c.attribute} BETWEEN ${v[0]} AND ${v[1]}`; }
    return `${c.attribute} ${c.operator} ${v[0]}`;
  });
  return `${serving.call} ${on}${conds.length ? ` with ${conds.join(' AND ')}` : ''}`;
}
