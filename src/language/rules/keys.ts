/**
 * Table keys: key-schema-shape (all dialects), hash-key-type / range-key-type (flat dialect:
 * a key name comes with its type).
 */
import { type IndexSpec, type KeyElementSpec, type Pointer, type TableSpec, everyKeyElement } from '../../model/spec';
import type { Finding, FixIntent, Rule, RuleContext } from '../types';
import type { BlockKind } from '../dialects/vocabulary';
import { vocabulary } from '../dialects/registry';
import {
  Writer, blockMark, child, elementsOf, finding, fix, keyTypesUsable, keyValue, listBroken, markValue, missing, q, tableMark, usable,
} from './shared';

/** Attribute names used by any key of the table or its indexes. */
export function usedKeyNames(table: TableSpec, ctx: RuleContext): Set<string> {
  const used = new Set<string>();
  for (const e of everyKeyElement(table)) {
    const n = usable(e.name, ctx);
    if (n !== undefined) { used.add(n); }
  }
  return used;
}

/** A name for a key a fix has to invent: the one unused definition if there is one, else `preferred`. */
export function inventKeyName(table: TableSpec, ctx: RuleContext, preferred: string): string {
  const used = usedKeyNames(table, ctx);
  const unused = table.attributes.map(a => usable(a.name, ctx)).filter((n): n is string => n !== undefined && !used.has(n));
  if (unused.length === 1) { return unused[0]; }
  const taken = new Set([...used, ...table.attributes.map(a => usable(a.name, ctx)).filter((n): n is string => n !== undefined)]);
  let name = preferred;
  for (let i = 2; taken.has(name); i++) { name = `${preferred}${i}`; }
  return name;
}

/** Changes that define attribute `name` as `type` (YAML dialects), unless it is defined already. */
export function defineAttribute(w: Writer, table: TableSpec, ctx: RuleContext, name: string, type: 'S' | 'N' | 'B'): FixIntent[] {
  const names = w.v.attributes;
  if (!names) { return []; }
  if (table.attributes.some(a => usable(a.name, ctx) === name)) { return []; }
  const element = { [w.key(names.name)]: name, [w.key(names.type)]: w.enc('attributeType', type) };
  const list = w.existing(table.pointer, names.list);
  if (list !== undefined) { return [{ kind: 'insertElement', parent: list, value: element }]; }
  return [w.insert(table.pointer, 'table', names.list, [element])];
}

/** A key element by value. */
export interface KeyPair { readonly name: string; readonly keyType: 'HASH' | 'RANGE' }

/**
 * Changes that turn a YAML key schema list into `desired`, element by element: scalar replaces
 * where a position changes, appended elements for the rest (no list rewrite: comments and layout
 * stay). Undefined when an element's name or key type is not usable.
 */
export function rewriteKeyList(w: Writer, list: Pointer, current: readonly KeyElementSpec[], desired: readonly KeyPair[]): FixIntent[] | undefined {
  const ks = w.v.keySchema;
  if (!ks) { return undefined; }
  const changes: FixIntent[] = [];
  for (let i = 0; i < desired.length; i++) {
    const want = desired[i];
    const have = current[i];
    if (!have) {
      changes.push({ kind: 'insertElement', parent: list, value: { [w.key(ks.name)]: want.name, [w.key(ks.keyType)]: w.enc('keyType', want.keyType) } });
      continue;
    }
    const name = usable(have.name, w.ctx);
    const type = usable(have.keyType, w.ctx);
    if (name === undefined || type === undefined) { return undefined; }
    if (name !== want.name) { changes.push({ kind: 'replace', pointer: have.name.pointer, value: want.name }); }
    if (type !== want.keyType) { changes.push({ kind: 'replace', pointer: have.keyType.pointer, value: w.enc('keyType', want.keyType) }); }
  }
  return changes;
}

/** The usable pairs of a key schema, or undefined. */
export function keyPairs(elements: readonly KeyElementSpec[], ctx: RuleContext): KeyPair[] | undefined {
  const out: KeyPair[] = [];
  for (const e of elements) {
    const name = usable(e.name, ctx);
    const keyType = usable(e.keyType, ctx);
    if (name === undefined || keyType === undefined) { return undefined; }
    out.push({ name, keyType });
  }
  return out;
}

/**
 * Changes that add a key element (YAML dialects) to the key schema list of `owner`: appended when
 * it keeps HASH elements before RANGE ones, else put first with the others moving one down.
 */
export function addKeyElement(
  w: Writer, owner: Pointer, ownerKind: BlockKind, elements: readonly KeyElementSpec[], name: string, keyType: 'HASH' | 'RANGE',
): FixIntent[] {
  const ks = w.v.keySchema;
  const named = w.v.keyNames;
  // Key names without types (Terraform): the argument, replaced where it is (its value unusable).
  if (!ks && named) { return w.set({ owner, ownerKind, blockKind: ownerKind }, [[keyType === 'HASH' ? named.hash : named.range, name]]); }
  if (!ks) { return []; }
  const element = { [w.key(ks.name)]: name, [w.key(ks.keyType)]: w.enc('keyType', keyType) };
  const list = w.existing(owner, ks.list);
  if (list === undefined) { return [w.insert(owner, ownerKind, ks.list, [element])]; }
  const hasRange = elements.some(e => e.keyType.valid && e.keyType.value === 'RANGE');
  if (keyType === 'RANGE' || !hasRange) { return [{ kind: 'insertElement', parent: list, value: element }]; }
  // A HASH must precede the RANGE elements.
  const pairs = keyPairs(elements, w.ctx);
  return (pairs && rewriteKeyList(w, list, elements, [{ name, keyType }, ...pairs])) ?? [];
}

/** Changes that set a flat key pair (genesys): name and type S. */
export function addFlatKey(w: Writer, owner: Pointer, ownerKind: BlockKind, which: 'hash' | 'range', name: string): FixIntent[] {
  const flat = w.v.flatKeys;
  if (!flat) { return []; }
  const [nameKey, typeKey] = which === 'hash' ? [flat.hashName, flat.hashType] : [flat.rangeName, flat.rangeType];
  return w.set({ owner, ownerKind, blockKind: ownerKind }, [[nameKey, name], [typeKey, 'S']]);
}

export const keySchemaShape: Rule = {
  id: 'key-schema-shape',
  severity: 'error',
  description: 'The table key schema has exactly one HASH key, first, and at most one RANGE key, naming another attribute.',
  check(table, ctx) {
    if (!keyTypesUsable(table.keySchema, ctx) || listBroken(ctx, table.keySchemaPointer, table.pointer)) { return []; }
    const w = new Writer(ctx, table);
    const hashes = elementsOf(table.keySchema, 'HASH', ctx);
    const ranges = elementsOf(table.keySchema, 'RANGE', ctx);
    const listMark = blockMark(ctx, table.keySchemaPointer, tableMark(table));
    const shape = `a table needs exactly one HASH key and at most one RANGE key`;
    if (hashes.length === 0) {
      const name = inventKeyName(table, ctx, 'id');
      const changes = w.v.flatKeys
        ? addFlatKey(w, table.pointer, 'table', 'hash', name)
        : [...addKeyElement(w, table.pointer, 'table', table.keySchema, name, 'HASH'), ...defineAttribute(w, table, ctx, name, 'S')];
      return [missing(finding(this, listMark, `The key schema has no HASH (partition) key: ${shape}.`,
        [fix(`Insert a HASH key ${q(name)}`, changes, true)]))];
    }
    if (hashes.length > 1) {
      const second = hashes[1];
      const fixes = hashes.length === 2 && ranges.length === 0
        ? [fix(`Change ${q(usable(second.name, ctx) ?? '?')} to RANGE`,
          [{ kind: 'replace', pointer: second.keyType.pointer, value: w.enc('keyType', 'RANGE') } as const], true)]
        : [];
      return [finding(this, markValue(second.keyType.pointer),
        `The key schema has ${hashes.length} HASH keys (${hashes.map(h => q(usable(h.name, ctx) ?? '?')).join(', ')}): ${shape}.`, fixes)];
    }
    if (ranges.length > 1) {
      return [finding(this, markValue(ranges[1].keyType.pointer),
        `The key schema has ${ranges.length} RANGE keys (${ranges.map(h => q(usable(h.name, ctx) ?? '?')).join(', ')}): ${shape}.`)];
    }
    const hashName = usable(hashes[0].name, ctx);
    if (ranges.length === 1 && hashName !== undefined && usable(ranges[0].name, ctx) === hashName) {
      return [finding(this, markValue(ranges[0].name.pointer),
        `The RANGE (sort) key repeats the HASH key ${q(hashName)}: the two key attributes must differ. Name another attribute, or leave the sort key out.`)];
    }
    if (table.keySchema[0] !== hashes[0] && w.v.keySchema) {
      const pairs = keyPairs(table.keySchema, ctx);
      const changes = pairs && rewriteKeyList(w, table.keySchemaPointer, table.keySchema,
        [...pairs.filter(p => p.keyType === 'HASH'), ...pairs.filter(p => p.keyType === 'RANGE')]);
      return [finding(this, listMark, `The HASH key ${q(usable(hashes[0].name, ctx) ?? '?')} must be the first element of the key schema.`,
        changes ? [fix('Move the HASH key first', changes, true)] : [])];
    }
    return [];
  },
};

/** Flat dialect: each `*_key_name` of the table and its indexes comes with its `*_key_type`. */
function keyTypeRule(id: 'hash-key-type' | 'range-key-type', which: 'hash' | 'range'): Rule {
  return {
    id,
    severity: 'error',
    description: `A ${which} key name comes with its type S, N or B (flat dialect).`,
    appliesTo: d => d.vocabulary.flatKeys !== undefined,
    check(table, ctx) {
      const flat = vocabulary(table.dialect).flatKeys;
      if (!flat) { return []; }
      const nameKey = which === 'hash' ? flat.hashName : flat.rangeName;
      const typeKey = which === 'hash' ? flat.hashType : flat.rangeType;
      // Most entries are fine: the owners' blocks are read without a pointer or an object per owner.
      let findings: Finding[] | undefined;
      const checkOwner = (pointer: Pointer, kind: BlockKind, index?: IndexSpec): void => {
        if (keyValue(ctx, pointer, nameKey) === undefined || keyValue(ctx, pointer, typeKey) !== undefined) { return; }
        const namePointer = child(pointer, nameKey);
        if (ctx.invalidPointers.has(namePointer)) { return; }
        const w = new Writer(ctx, table);
        const name = (index ? index.keySchema : table.keySchema).find(e => e.name.pointer === namePointer);
        const attrName = name ? usable(name.name, ctx) : undefined;
        // The type another key already gives this name (else S): the fix must not make a type conflict.
        const known = table.attributes.find(a => a.pointer !== namePointer && attrName !== undefined && usable(a.name, ctx) === attrName && usable(a.type, ctx) !== undefined);
        const type = w.enc('attributeType', (known && usable(known.type, ctx)) ?? 'S');
        (findings ??= []).push(missing(finding(this, { pointer: namePointer, target: 'key' },
          `${nameKey} ${q(attrName ?? '?')} has no ${typeKey}: give its type, "S", "N" or "B"${known ? ` (${q(type)} as in its other key)` : ''}.`,
          () => [fix(`Insert ${typeKey} = ${q(type)}`, [w.insert(pointer, kind, typeKey, type)], true)])));
      };
      checkOwner(table.pointer, 'table');
      for (const index of table.globalSecondaryIndexes) { checkOwner(index.pointer, 'gsi', index); }
      for (const index of table.localSecondaryIndexes) { checkOwner(index.pointer, 'lsi', index); }
      return findings ?? [];
    },
  };
}

export const hashKeyType: Rule = keyTypeRule('hash-key-type', 'hash');
export const rangeKeyType: Rule = keyTypeRule('range-key-type', 'range');

export const KEY_RULES: readonly Rule[] = [keySchemaShape, hashKeyType, rangeKeyType];
