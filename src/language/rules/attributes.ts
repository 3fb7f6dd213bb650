/**
 * Attribute definitions (dialects with a definition list; in the flat dialect each key name
 * carries its own type, see hash-key-type): key-attribute-undefined,
 * attribute-definition-unused, attribute-definition-duplicate.
 */
import type { AttributeType, KeyElementSpec } from '../../model/spec';
import type { Finding, Rule } from '../types';
import { Writer, finding, fix, listBroken, missing, markValue, q, read, usable } from './shared';
import { defineAttribute } from './keys';

const LIST_DIALECTS = ['planton', 'component'] as const;

export const keyAttributeUndefined: Rule = {
  id: 'key-attribute-undefined',
  severity: 'error',
  description: 'Every attribute of a table or index key schema is in the attribute definitions.',
  dialects: LIST_DIALECTS,
  check(table, ctx) {
    if (table.attributes.some(a => read(a.name, ctx).state !== 'ok') || listBroken(ctx, table.attributesPointer, table.pointer)) { return []; }
    const defined = new Set(table.attributes.map(a => usable(a.name, ctx)));
    const w = new Writer(ctx, table);
    const listKey = w.key(w.v.attributes?.list ?? 'attributeDefinitions');
    const elements: KeyElementSpec[] = [
      ...table.keySchema,
      ...table.globalSecondaryIndexes.flatMap(i => i.keySchema),
      ...table.localSecondaryIndexes.flatMap(i => i.keySchema),
    ];
    const reported = new Set<string>();
    const findings: Finding[] = [];
    for (const e of elements) {
      const name = read(e.name, ctx);
      if (name.state !== 'ok' || defined.has(name.value)) { continue; }
      const first = !reported.has(name.value);
      reported.add(name.value);
      const types: AttributeType[] = ['S', 'N', 'B'];
      findings.push(missing(finding(this, markValue(name.pointer),
        `Key attribute ${q(name.value)} is not in ${listKey}: define it with its type, S, N or B.`,
        types.map(t => fix(`Define ${q(name.value)} as ${w.enc('attributeType', t)}`, defineAttribute(w, table, ctx, name.value, t), first && t === 'S')))));
    }
    return findings;
  },
};

export const attributeDefinitionUnused: Rule = {
  id: 'attribute-definition-unused',
  severity: 'error',
  description: 'Every attribute definition is used by the key of the table or of an index.',
  dialects: LIST_DIALECTS,
  check(table, ctx) {
    const elements = [...table.keySchema, ...table.globalSecondaryIndexes.flatMap(i => i.keySchema), ...table.localSecondaryIndexes.flatMap(i => i.keySchema)];
    if (elements.some(e => read(e.name, ctx).state === 'invalid')) { return []; }
    const lists = [
      [table.keySchemaPointer, table.pointer],
      ...[...table.globalSecondaryIndexes, ...table.localSecondaryIndexes].map(i => [i.keySchemaPointer, i.pointer]),
    ];
    if (lists.some(([list, owner]) => listBroken(ctx, list, owner))) { return []; }
    const used = new Set(elements.map(e => usable(e.name, ctx)));
    const w = new Writer(ctx, table);
    const listKey = w.key(w.v.attributes?.list ?? 'attributeDefinitions');
    const findings: Finding[] = [];
    for (const a of table.attributes) {
      const name = read(a.name, ctx);
      if (name.state !== 'ok' || used.has(name.value)) { continue; }
      findings.push(missing(finding(this, markValue(name.pointer),
        `Attribute ${q(name.value)} is defined but no table or index key uses it: DynamoDB accepts in ${listKey} only key attributes (other attributes need no definition).`,
        [fix(`Remove the definition of ${q(name.value)}`, [{ kind: 'delete', pointer: a.pointer }], true)])));
    }
    return findings;
  },
};

export const attributeDefinitionDuplicate: Rule = {
  id: 'attribute-definition-duplicate',
  severity: 'error',
  description: 'An attribute is defined once.',
  dialects: LIST_DIALECTS,
  check(table, ctx) {
    const seen = new Set<string>();
    const findings: Finding[] = [];
    for (const a of table.attributes) {
      const name = read(a.name, ctx);
      if (name.state !== 'ok') { continue; }
      if (!seen.has(name.value)) { seen.add(name.value); continue; }
      findings.push(finding(this, markValue(name.pointer),
        `Attribute ${q(name.value)} is defined more than once: define each attribute once.`,
        [fix(`Remove this definition of ${q(name.value)}`, [{ kind: 'delete', pointer: a.pointer }], true)]));
    }
    return findings;
  },
};

export const ATTRIBUTE_RULES: readonly Rule[] = [keyAttributeUndefined, attributeDefinitionUnused, attributeDefinitionDuplicate];
