/**
 * Secondary indexes: gsi-key-schema-shape, lsi-key-schema-shape, projection-non-key-attributes,
 * lsi-requires-sort-key, lsi-hash-key, gsi-limit, lsi-limit, projection-attribute-limit.
 */
import type { AttributeType, IndexSpec, KeyElementSpec, TableSpec } from '../../model/spec';
import { dialectOf } from '../dialects/registry';
import type { Finding, Fix, FixIntent, Rule, RuleContext } from '../types';
import {
  type Mark, Writer, blockMark, eachUsable, elementsOf, exists, finding, fix, indexMark, keyTypesUsable, listBroken, markKey, missing, markValue, q,
  read, tableHashName, usable,
} from './shared';
import { addKeyElement, defineAttribute, inventKeyName, keyPairs, rewriteKeyList } from './keys';

export const MAX_GSIS = 20;
export const MAX_LSIS = 5;
export const MAX_PROJECTED_ATTRIBUTES = 100;

/** DynamoDB's multi-attribute GSI keys: up to 4 HASH then up to 4 RANGE elements. */
const GSI_SHAPE = { maxHash: 4, maxRange: 4 };
/** The manifest dialect's spec: one HASH, at most one RANGE. */
const SINGLE_SHAPE = { maxHash: 1, maxRange: 1 };

type Shape = { readonly maxHash: number; readonly maxRange: number };
type ShapeProblem =
  | { readonly kind: 'noHash' }
  | { readonly kind: 'tooManyHash' | 'tooManyRange' | 'order'; readonly element: KeyElementSpec };

/** The first problem of a key schema whose key types are all usable, by type sequence. */
function shapeProblem(types: readonly ('HASH' | 'RANGE')[], elements: readonly KeyElementSpec[], shape: Shape): ShapeProblem | undefined {
  let hashes = 0;
  let ranges = 0;
  for (let i = 0; i < types.length; i++) {
    if (types[i] === 'HASH') {
      if (ranges > 0) { return { kind: 'order', element: elements[i] }; }
      if (++hashes > shape.maxHash) { return { kind: 'tooManyHash', element: elements[i] }; }
    } else if (++ranges > shape.maxRange) {
      return { kind: 'tooManyRange', element: elements[i] };
    }
  }
  return hashes === 0 ? { kind: 'noHash' } : undefined;
}

function typesOf(elements: readonly KeyElementSpec[]): ('HASH' | 'RANGE')[] {
  return elements.map(e => (e.keyType.valid ? e.keyType.value : 'HASH'));
}

/** The type of an attribute as the table defines it (S when unknown). */
function attributeType(table: TableSpec, ctx: RuleContext, name: string): AttributeType {
  for (const a of table.attributes) {
    if (usable(a.name, ctx) === name) { return usable(a.type, ctx) ?? 'S'; }
  }
  return 'S';
}

/** Changes that give an index a key element (`name`, defined with the table's type for it). */
function addIndexKey(w: Writer, table: TableSpec, index: IndexSpec, name: string, keyType: 'HASH' | 'RANGE'): FixIntent[] {
  const kind = index.kind === 'GSI' ? 'gsi' : 'lsi';
  const type = attributeType(table, w.ctx, name);
  if (w.v.flatKeys) {
    const flat = w.v.flatKeys;
    const [nameKey, typeKey] = keyType === 'HASH' ? [flat.hashName, flat.hashType] : [flat.rangeName, flat.rangeType];
    return w.set({ owner: index.pointer, ownerKind: kind, blockKind: kind }, [[nameKey, name], [typeKey, type]]);
  }
  return [...addKeyElement(w, index.pointer, kind, index.keySchema, name, keyType), ...defineAttribute(w, table, w.ctx, name, type)];
}

function indexName(index: IndexSpec, ctx: RuleContext): string {
  return q(usable(index.name, ctx) ?? '?');
}

function listMark(ctx: RuleContext, index: IndexSpec): Mark {
  return blockMark(ctx, index.keySchemaPointer, indexMark(index));
}

/** The first key element naming an attribute an earlier element of the same key already names. */
function repeatedElement(elements: readonly KeyElementSpec[], ctx: RuleContext): { element: KeyElementSpec; name: string } | undefined {
  const seen = new Set<string>();
  for (const e of elements) {
    const n = usable(e.name, ctx);
    if (n === undefined) { continue; }
    if (seen.has(n)) { return { element: e, name: n }; }
    seen.add(n);
  }
  return undefined;
}

/** Move every HASH element before the RANGE elements (YAML dialects). */
function reorderFix(w: Writer, index: IndexSpec): Fix[] {
  const pairs = keyPairs(index.keySchema, w.ctx);
  const changes = pairs && rewriteKeyList(w, index.keySchemaPointer, index.keySchema,
    [...pairs.filter(p => p.keyType === 'HASH'), ...pairs.filter(p => p.keyType === 'RANGE')]);
  return changes ? [fix('Move the HASH keys before the RANGE keys', changes, true)] : [];
}

export const gsiKeySchemaShape: Rule = {
  id: 'gsi-key-schema-shape',
  severity: 'error',
  description: 'Each GSI key schema has 1-4 HASH elements, then 0-4 RANGE elements (planton: one HASH, at most one RANGE), each naming another attribute.',
  check(table, ctx) {
    const shape = dialectOf(table.dialect).limits?.singleAttributeGsiKeys ? SINGLE_SHAPE : GSI_SHAPE;
    const what = shape === SINGLE_SHAPE ? 'one HASH key and at most one RANGE key' : '1-4 HASH keys followed by 0-4 RANGE keys';
    const w = new Writer(ctx, table);
    const findings: Finding[] = [];
    for (const gsi of table.globalSecondaryIndexes) {
      if (!keyTypesUsable(gsi.keySchema, ctx) || listBroken(ctx, gsi.keySchemaPointer, gsi.pointer)) { continue; }
      const types = typesOf(gsi.keySchema);
      const problem = shapeProblem(types, gsi.keySchema, shape);
      const name = indexName(gsi, ctx);
      if (!problem) {
        // DynamoDB: each attribute appears once in a key schema (HASH and RANGE name different attributes).
        const repeat = repeatedElement(gsi.keySchema, ctx);
        if (repeat) {
          findings.push(finding(this, markValue(repeat.element.name.pointer),
            `Index ${name} names ${q(repeat.name)} twice in its key schema: each key attribute appears once (the RANGE key names another attribute than the HASH key).`));
        }
        continue;
      }
      if (problem.kind === 'noHash') {
        const hash = tableHashName(table, ctx) ?? inventKeyName(table, ctx, 'id');
        findings.push(missing(finding(this, listMark(ctx, gsi), `Index ${name} has no HASH (partition) key: a GSI needs ${what}.`,
          [fix(`Insert the HASH key ${q(hash)}`, addIndexKey(w, table, gsi, hash, 'HASH'), true)])));
      } else if (problem.kind === 'order') {
        findings.push(finding(this, markValue(problem.element.keyType.pointer),
          `Index ${name} has a HASH key ${q(usable(problem.element.name, ctx) ?? '?')} after a RANGE key: a GSI needs ${what}.`, reorderFix(w, gsi)));
      } else {
        const type = problem.kind === 'tooManyHash' ? 'HASH' : 'RANGE';
        const count = elementsOf(gsi.keySchema, type, ctx).length;
        const at = gsi.keySchema.indexOf(problem.element);
        const asRange = types.map((t, i) => (i === at ? 'RANGE' as const : t));
        const fixes = type === 'HASH' && !shapeProblem(asRange, gsi.keySchema, shape)
          ? [fix(`Change ${q(usable(problem.element.name, ctx) ?? '?')} to RANGE`,
            [{ kind: 'replace', pointer: problem.element.keyType.pointer, value: w.enc('keyType', 'RANGE') }], true)]
          : [];
        findings.push(finding(this, markValue(problem.element.keyType.pointer),
          `Index ${name} has ${count} ${type} keys: a GSI needs ${what}.`, fixes));
      }
    }
    return findings;
  },
};

export const lsiKeySchemaShape: Rule = {
  id: 'lsi-key-schema-shape',
  severity: 'error',
  description: 'Each LSI key schema has exactly one HASH key and exactly one RANGE key, naming another attribute.',
  check(table, ctx) {
    const w = new Writer(ctx, table);
    const implicitHash = w.v.flatKeys !== undefined; // flat dialect: the LSI's HASH is the table's
    const findings: Finding[] = [];
    for (const lsi of table.localSecondaryIndexes) {
      if (!keyTypesUsable(lsi.keySchema, ctx) || listBroken(ctx, lsi.keySchemaPointer, lsi.pointer)) { continue; }
      const hashes = elementsOf(lsi.keySchema, 'HASH', ctx);
      const ranges = elementsOf(lsi.keySchema, 'RANGE', ctx);
      const name = indexName(lsi, ctx);
      const shape = 'an LSI needs exactly one HASH key (the table\'s) and exactly one RANGE key';
      if (hashes.length > 1 || ranges.length > 1) {
        const extra = hashes.length > 1 ? hashes[1] : ranges[1];
        findings.push(finding(this, markValue(extra.keyType.pointer),
          `Index ${name} has ${hashes.length} HASH and ${ranges.length} RANGE keys: ${shape}.`));
        continue;
      }
      if (hashes.length === 0 && !implicitHash) {
        const hash = tableHashName(table, ctx);
        findings.push(missing(finding(this, listMark(ctx, lsi), `Index ${name} has no HASH key: ${shape}.`,
          hash ? [fix(`Insert the table's HASH key ${q(hash)}`, addIndexKey(w, table, lsi, hash, 'HASH'), true)] : [])));
        continue;
      }
      if (ranges.length === 0) {
        const range = inventKeyName(table, ctx, 'sk');
        findings.push(missing(finding(this, listMark(ctx, lsi), `Index ${name} has no RANGE (sort) key: ${shape}.`,
          [fix(`Insert a RANGE key ${q(range)}`, addIndexKey(w, table, lsi, range, 'RANGE'), true)])));
        continue;
      }
      const hashName = usable((hashes[0] ?? (implicitHash ? lsi.keySchema.find(e => e.keyType.valid && e.keyType.value === 'HASH') : undefined))?.name, ctx);
      const rangeName = usable(ranges[0].name, ctx);
      if (hashName !== undefined && rangeName === hashName) {
        findings.push(finding(this, markValue(ranges[0].name.pointer),
          `Index ${name} has ${q(rangeName)} as both its HASH and its RANGE key: the RANGE (sort) key of an LSI names another attribute than the table's HASH key.`));
      }
    }
    return findings;
  },
};

/** DynamoDB's NonKeyAttributes: 1 to 20 names per projection (and MAX_PROJECTED_ATTRIBUTES per table). */
export const MAX_NON_KEY_ATTRIBUTES = 20;

/** What an empty INCLUDE list's placeholder fix writes: a name plainly to be replaced. */
export const NON_KEY_PLACEHOLDER = 'ATTRIBUTE_TO_INCLUDE';

/**
 * Attributes the file already names that an INCLUDE projection of `index` could list: the other
 * indexes' non-key attributes and key attributes, then the TTL attribute; never a key of the
 * table or of this index (DynamoDB projects those anyway). At most 20, in file order.
 */
function includeCandidates(table: TableSpec, index: IndexSpec, ctx: RuleContext): string[] {
  const keys = new Set([...table.keySchema, ...index.keySchema].map(e => usable(e.name, ctx)));
  const out: string[] = [];
  const add = (name: string | undefined): void => {
    if (name !== undefined && name !== '' && !keys.has(name) && !out.includes(name) && out.length < MAX_NON_KEY_ATTRIBUTES) { out.push(name); }
  };
  const others = [...table.globalSecondaryIndexes, ...table.localSecondaryIndexes].filter(i => i !== index);
  for (const other of others) { for (const n of usable(other.projection?.nonKeyAttributes, ctx) ?? []) { add(n); } }
  for (const other of others) { for (const e of other.keySchema) { add(usable(e.name, ctx)); } }
  add(usable(table.ttl?.attributeName, ctx));
  return out;
}

function listWords(names: readonly string[]): string {
  return names.length <= 3 ? names.map(q).join(', ') : `${names.slice(0, 3).map(q).join(', ')} and ${names.length - 3} more`;
}

export const projectionNonKeyAttributes: Rule = {
  id: 'projection-non-key-attributes',
  severity: 'error',
  description: `INCLUDE projections list 1 to ${MAX_NON_KEY_ATTRIBUTES} non-key attributes (an empty list is rejected by DynamoDB); ALL and KEYS_ONLY list none.`,
  check(table, ctx) {
    let findings: Finding[] | undefined;
    for (const list of [table.globalSecondaryIndexes, table.localSecondaryIndexes]) {
      for (const index of list) {
        const found = projectionFinding(this, table, index, ctx);
        if (found) { (findings ??= []).push(found); }
      }
    }
    return findings ?? [];
  },
};

/**
 * An index's projection finding, if any. Which case applies is decided from the fields alone:
 * the names, messages and fixes are made only for a finding (most indexes have none), and the
 * fixes only when asked for.
 */
function projectionFinding(rule: Rule, table: TableSpec, index: IndexSpec, ctx: RuleContext): Finding | undefined {
  const p = index.projection;
  if (!p) { return undefined; }
  const type = read(p.type, ctx);
  if (type.state === 'invalid') { return undefined; }
  const nka = read(p.nonKeyAttributes, ctx);
  if (nka.state === 'invalid') { return undefined; }
  const problem = type.state === 'ok' && type.value === 'INCLUDE' && nka.state === 'absent' ? 'noList'
    : type.state === 'ok' && type.value !== 'INCLUDE' && nka.state === 'ok' ? 'listNotIncluded'
      : nka.state === 'ok' && nka.value.length === 0 ? 'emptyList'
        : nka.state === 'ok' && nka.value.length > MAX_NON_KEY_ATTRIBUTES ? 'tooMany' : undefined;
  if (problem === undefined) { return undefined; }
  const w = new Writer(ctx, table);
  const place = w.indexPlace(index, w.v.projection.block, 'projection');
  const typeKey = w.key(w.v.projection.type);
  const listKey = w.key(w.v.projection.nonKeyAttributes);
  const include = w.enc('projectionType', 'INCLUDE');
  const all = w.enc('projectionType', 'ALL');
  // Project ALL instead: the type to ALL (set when absent), the list removed.
  const projectAll = (): FixIntent[] => [
    ...(type.state === 'ok' ? [{ kind: 'replace', pointer: type.pointer, value: all } as const] : w.set(place, [[w.v.projection.type, all]])),
    ...(nka.state === 'ok' ? [{ kind: 'delete', pointer: nka.pointer } as const] : []),
  ];
  // Fills for a missing or empty list: what the table already names, else a placeholder to replace.
  const fills = (write: (names: readonly string[]) => FixIntent[]): Fix[] => {
    const known = includeCandidates(table, index, ctx);
    return [
      ...(known.length > 0 ? [fix(`Include ${listWords(known)} (attributes the table already names)`, write(known), true)] : []),
      fix(`Insert ${listKey} with a placeholder to replace`, write([NON_KEY_PLACEHOLDER]), known.length === 0),
      fix(`Change ${typeKey} to ${all}`, projectAll()),
    ];
  };
  if (problem === 'noList' && type.state === 'ok') {
    return missing(finding(rule, markValue(type.pointer),
      `Index ${indexName(index, ctx)} projects ${include} but lists no ${listKey}: list 1 to ${MAX_NON_KEY_ATTRIBUTES} attributes to include.`,
      () => fills(names => w.set(place, [[w.v.projection.nonKeyAttributes, [...names]]]))));
  }
  if (nka.state !== 'ok') { return undefined; }
  if (problem === 'listNotIncluded' && type.state === 'ok') {
    const typeValue = w.enc('projectionType', type.value);
    return finding(rule, markKey(nka.pointer),
      `Index ${indexName(index, ctx)} projects ${typeValue}, which takes no ${listKey} (only INCLUDE does): remove the list or use INCLUDE.`,
      () => [
        fix(`Remove ${listKey}`, [{ kind: 'delete', pointer: nka.pointer }], true),
        ...(nka.value.length > 0 && nka.value.length <= MAX_NON_KEY_ATTRIBUTES
          ? [fix(`Change ${typeKey} to ${include}`, [{ kind: 'replace', pointer: type.pointer, value: include }])] : []),
      ]);
  }
  if (problem === 'emptyList') {
    // INCLUDE (or no type) with `[]`: DynamoDB requires at least one name.
    return finding(rule, markValue(nka.pointer),
      `Index ${indexName(index, ctx)} has an empty ${listKey} list: DynamoDB requires 1 to ${MAX_NON_KEY_ATTRIBUTES} attribute names for ${include}; list the attributes to include, or project ${all}.`,
      () => fills(names => [{ kind: 'replace', pointer: nka.pointer, value: [...names] }]));
  }
  return finding(rule, markValue(nka.pointer),
    `Index ${indexName(index, ctx)} lists ${nka.value.length} ${listKey}: DynamoDB allows 1 to ${MAX_NON_KEY_ATTRIBUTES} per index; list fewer, or project ${all}.`,
    () => [fix(`Change ${typeKey} to ${all}`, projectAll(), true)]);
}

export const lsiRequiresSortKey: Rule = {
  id: 'lsi-requires-sort-key',
  severity: 'error',
  description: 'A table with local secondary indexes has a RANGE key.',
  check(table, ctx) {
    // An LSI entry that is itself reported or unknown (a template's `!If` that may add one) does not count.
    if (table.localSecondaryIndexes.length === 0) { return []; }
    const lsis = table.localSecondaryIndexes.filter(i => !ctx.invalidPointers.has(i.pointer));
    if (lsis.length === 0 || !keyTypesUsable(table.keySchema, ctx)
      || listBroken(ctx, table.keySchemaPointer, table.pointer)) { return []; }
    const hashes = elementsOf(table.keySchema, 'HASH', ctx);
    if (hashes.length === 0 || elementsOf(table.keySchema, 'RANGE', ctx).length > 0) { return []; }
    const mark = table.keySchemaPointer !== table.pointer && exists(ctx, table.keySchemaPointer)
      ? markKey(table.keySchemaPointer) : markKey(hashes[0].name.pointer);
    const n = lsis.length;
    return [missing(finding(this, mark,
      `The table has ${n} local secondary ${n === 1 ? 'index' : 'indexes'} (${lsis.map(i => indexName(i, ctx)).join(', ')}) but no RANGE key: LSIs need a table with a sort key.`))];
  },
};

export const lsiHashKey: Rule = {
  id: 'lsi-hash-key',
  severity: 'error',
  description: "An LSI's HASH key is the table's HASH key.",
  check(table, ctx) {
    const hash = tableHashName(table, ctx);
    if (hash === undefined) { return []; }
    return table.localSecondaryIndexes.flatMap(lsi => eachUsable(elementsOf(lsi.keySchema, 'HASH', ctx), e => e.name, ctx, name => (name.value === hash
      ? undefined
      : finding(this, markValue(name.pointer),
        `Index ${indexName(lsi, ctx)} has HASH key ${q(name.value)}, but an LSI's HASH key must be the table's, ${q(hash)}.`,
        [fix(`Replace with ${q(hash)}`, [{ kind: 'replace', pointer: name.pointer, value: hash }], true)]))));
  },
};

function limitRule(id: 'gsi-limit' | 'lsi-limit', max: number, pick: (t: TableSpec) => readonly IndexSpec[], what: string): Rule {
  return {
    id,
    severity: 'error',
    description: `A table has at most ${max} ${what}.`,
    check(table) {
      const indexes = pick(table);
      if (indexes.length <= max) { return []; }
      return [finding(this, indexMark(indexes[max]), `The table has ${indexes.length} ${what}; DynamoDB allows at most ${max}.`)];
    },
  };
}

export const gsiLimit: Rule = limitRule('gsi-limit', MAX_GSIS, t => t.globalSecondaryIndexes, 'global secondary indexes');
export const lsiLimit: Rule = limitRule('lsi-limit', MAX_LSIS, t => t.localSecondaryIndexes, 'local secondary indexes');

export const projectionAttributeLimit: Rule = {
  id: 'projection-attribute-limit',
  severity: 'error',
  description: `At most ${MAX_PROJECTED_ATTRIBUTES} non-key attributes are projected across all indexes of a table.`,
  check(table, ctx) {
    let total = 0;
    if (table.globalSecondaryIndexes.length + table.localSecondaryIndexes.length === 0) { return []; }
    const indexes = [...table.globalSecondaryIndexes, ...table.localSecondaryIndexes];
    // An index over its own limit (projection-non-key-attributes) is fixed first: one problem, one diagnostic.
    if (indexes.some(i => (usable(i.projection?.nonKeyAttributes, ctx)?.length ?? 0) > MAX_NON_KEY_ATTRIBUTES)) { return []; }
    for (const index of indexes) {
      const nka = read(index.projection?.nonKeyAttributes, ctx);
      if (nka.state !== 'ok') { continue; }
      total += nka.value.length;
      if (total > MAX_PROJECTED_ATTRIBUTES) {
        const all = indexes
          .reduce((n, i) => n + (usable(i.projection?.nonKeyAttributes, ctx)?.length ?? 0), 0);
        return [finding(this, markValue(nka.pointer),
          `The indexes project ${all} non-key attributes in all (index ${indexName(index, ctx)} passes the limit); DynamoDB allows at most ${MAX_PROJECTED_ATTRIBUTES} per table.`)];
      }
    }
    return [];
  },
};

export const INDEX_RULES: readonly Rule[] = [
  gsiKeySchemaShape, lsiKeySchemaShape, projectionNonKeyAttributes, lsiRequiresSortKey, lsiHashKey,
  gsiLimit, lsiLimit, projectionAttributeLimit,
];
