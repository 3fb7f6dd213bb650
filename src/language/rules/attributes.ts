/**
 * Attribute definitions (dialects with a definition list; in the flat dialect each key name
 * carries its own type, see hash-key-type): key-attribute-undefined,
 * attribute-definition-unused, attribute-definition-duplicate; attribute-type-conflict (flat
 * dialect: the `*_key_type`s of one name agree).
 */
import { type AttributeType, type IndexSpec, type KeyElementSpec, type Pointer, everyKeyElement } from '../../model/spec';
import type { Finding, Rule } from '../types';
import { vocabulary, type DialectDefinition } from '../dialects/registry';
import { decodeEnum } from '../dialects/vocabulary';
import { Writer, child, eachUsable, finding, fix, keyListsBroken, keyValue, listBroken, missing, markValue, q, read, usable } from './shared';
import { defineAttribute } from './keys';

/** The key of the attribute definition list, in the file's style. */
function definitionListKey(w: Writer): string {
  return w.key(w.v.attributes?.list ?? 'attributeDefinitions');
}

/** The dialects with an attribute definition list. */
const withDefinitionList = (d: DialectDefinition): boolean => d.vocabulary.attributes !== undefined;

export const keyAttributeUndefined: Rule = {
  id: 'key-attribute-undefined',
  severity: 'error',
  description: 'Every attribute of a table or index key schema is in the attribute definitions.',
  appliesTo: withDefinitionList,
  check(table, ctx) {
    if (table.attributes.some(a => read(a.name, ctx).state !== 'ok') || listBroken(ctx, table.attributesPointer, table.pointer)) { return []; }
    const defined = new Set(table.attributes.map(a => usable(a.name, ctx)));
    const w = new Writer(ctx, table);
    const listKey = definitionListKey(w);
    const reported = new Set<string>();
    return eachUsable(everyKeyElement(table), e => e.name, ctx, name => {
      if (defined.has(name.value)) { return undefined; }
      const first = !reported.has(name.value);
      reported.add(name.value);
      const types: AttributeType[] = ['S', 'N', 'B'];
      return missing(finding(this, markValue(name.pointer),
        `Key attribute ${q(name.value)} is not in ${listKey}: define it with its type, S, N or B.`,
        types.map(t => fix(`Define ${q(name.value)} as ${w.enc('attributeType', t)}`, defineAttribute(w, table, ctx, name.value, t), first && t === 'S'))));
    });
  },
};

export const attributeDefinitionUnused: Rule = {
  id: 'attribute-definition-unused',
  severity: 'error',
  description: 'Every attribute definition is used by the key of the table or of an index.',
  appliesTo: withDefinitionList,
  check(table, ctx) {
    const elements = everyKeyElement(table);
    if (elements.some(e => read(e.name, ctx).state === 'invalid') || keyListsBroken(ctx, table)) { return []; }
    const used = new Set(elements.map(e => usable(e.name, ctx)));
    const w = new Writer(ctx, table);
    const listKey = definitionListKey(w);
    return eachUsable(table.attributes, a => a.name, ctx, (name, a) => (used.has(name.value)
      ? undefined
      : missing(finding(this, markValue(name.pointer),
        `Attribute ${q(name.value)} is defined but no table or index key uses it: DynamoDB accepts in ${listKey} only key attributes (other attributes need no definition).`,
        [fix(`Remove the definition of ${q(name.value)}`, [{ kind: 'delete', pointer: a.pointer }], true)]))));
  },
};

export const attributeDefinitionDuplicate: Rule = {
  id: 'attribute-definition-duplicate',
  severity: 'error',
  description: 'An attribute is defined once.',
  appliesTo: withDefinitionList,
  check(table, ctx) {
    const seen = new Map<string, AttributeType | undefined>();
    const w = new Writer(ctx, table);
    return eachUsable(table.attributes, a => a.name, ctx, (name, a) => {
      if (!seen.has(name.value)) { seen.set(name.value, usable(a.type, ctx)); return undefined; }
      const first = seen.get(name.value);
      const type = usable(a.type, ctx);
      const types = first !== undefined && type !== undefined && first !== type
        ? ` with another type (${q(w.enc('attributeType', type))}, first ${q(w.enc('attributeType', first))})` : '';
      return finding(this, markValue(name.pointer),
        `Attribute ${q(name.value)} is defined more than once${types}: define each attribute once, with one type.`,
        [fix(`Remove this definition of ${q(name.value)}`, [{ kind: 'delete', pointer: a.pointer }], true)]);
    });
  },
};

/** `pointer === child(parent, key)` for a key that needs no escaping, without making the child. */
function isChild(pointer: Pointer, parent: Pointer, key: string): boolean {
  return pointer.length === parent.length + 1 + key.length && pointer.startsWith(parent) && pointer[parent.length] === '/' && pointer.endsWith(key);
}

/**
 * Flat dialect: each key names its attribute with a type of its own (`range_key_name` +
 * `range_key_type`), so one name can get two types, which DynamoDB cannot hold (one definition
 * per attribute): the first use (table key, then GSIs, then LSIs, in file order) sets the type
 * and every later use with another type is an error on its type. In the list dialects a type is
 * given once per definition, and two definitions are attribute-definition-duplicate.
 */
export const attributeTypeConflict: Rule = {
  id: 'attribute-type-conflict',
  severity: 'error',
  description: 'An attribute used by several keys (table, GSI, LSI) has one type everywhere: each *_key_type of a name agrees (flat dialect).',
  appliesTo: d => d.vocabulary.flatKeys !== undefined,
  check(table, ctx) {
    const V = vocabulary(table.dialect);
    const flat = V.flatKeys;
    if (!flat) { return []; }
    // Per table a handful of key pairs: read from the blocks; pointers, names and messages only for a conflict.
    const first = new Map<string, { type: AttributeType; index?: IndexSpec }>();
    let findings: Finding[] | undefined;
    const what = (index: IndexSpec | undefined): string => (index
      ? `${index.kind === 'GSI' ? 'GSI' : 'LSI'} ${usable(index.name, ctx) !== undefined ? q(usable(index.name, ctx)) : '(unnamed)'}`
      : "the table's key");
    const checkPair = (owner: Pointer, elements: readonly KeyElementSpec[], nameKey: string, typeKey: string, index: IndexSpec | undefined, inOwner: string | undefined): string | undefined => {
      if (keyValue(ctx, owner, nameKey) === undefined) { return undefined; }
      // The element whose name is `owner`/`nameKey` (an LSI's list also holds the table's HASH).
      const element = elements.find(e => isChild(e.name.pointer, owner, nameKey));
      const name = element && usable(element.name, ctx);
      if (name === undefined) { return undefined; }
      if (ctx.invalidPointers.size > 0 && ctx.invalidPointers.has(child(owner, typeKey))) { return undefined; }
      // A range key repeating its own hash key is the key shape rule's problem.
      if (name === inOwner) { return name; }
      const type = decodeEnum(V, 'attributeType', keyValue(ctx, owner, typeKey)) as AttributeType | undefined;
      if (type === undefined) { return name; }
      const seen = first.get(name);
      if (!seen) { first.set(name, { type, index }); return name; }
      if (seen.type === type) { return name; }
      const writer = new Writer(ctx, table);
      const want = writer.enc('attributeType', seen.type);
      const where = what(seen.index);
      const typePointer = child(owner, typeKey);
      (findings ??= []).push(finding(this, markValue(typePointer),
        `${typeKey} ${q(writer.enc('attributeType', type))} of ${q(name)} conflicts with its type ${q(want)} in ${where}: an attribute has one type in every key that uses it.`,
        [fix(`Make ${q(name)} ${want}, as in ${where}`, [{ kind: 'replace', pointer: typePointer, value: want }], true)]));
      return name;
    };
    const owner = (pointer: Pointer, elements: readonly KeyElementSpec[], hash: boolean, index?: IndexSpec): void => {
      const hashName = hash ? checkPair(pointer, elements, flat.hashName, flat.hashType, index, undefined) : undefined;
      checkPair(pointer, elements, flat.rangeName, flat.rangeType, index, hashName);
    };
    owner(table.pointer, table.keySchema, true);
    for (const i of table.globalSecondaryIndexes) { owner(i.pointer, i.keySchema, true, i); }
    for (const i of table.localSecondaryIndexes) { owner(i.pointer, i.keySchema, false, i); }
    return findings ?? [];
  },
};

export const ATTRIBUTE_RULES: readonly Rule[] = [keyAttributeUndefined, attributeDefinitionUnused, attributeDefinitionDuplicate, attributeTypeConflict];
