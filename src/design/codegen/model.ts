/**
 * What the code generators write, decided once for both languages (pure): per entity its type
 * name, attributes (placeholders no attribute declares become string attributes), key templates
 * and the functions named after it; per access pattern its function, the call it makes (on the
 * index that serves it, a Scan with a filter where none does), its parameters and what it returns.
 * typescript.ts and python.ts only spell this out.
 */
import type { AccessPatternSpec, DesignSpec, EntitySpec, KeyOperator, KeyTemplate } from '../../model/design';
import { placeholders } from '../../model/design';
import type { AttributeRow, IndexShape, TableShape } from '../../model/designView';
import { boundParameters } from '../bounds';
import { attributeRow, designOfTable, inIndex, isItemCall, matchingEntities, projectionOf, servingIndex } from '../view';

/** An attribute as the design view shows it (S when only a placeholder names it). */
export type CodeAttribute = AttributeRow;

export interface CodeKey {
  readonly attribute: string;
  readonly template: KeyTemplate;
  /** Optional attributes the template uses: the key is written only when they are all present (sparse index). */
  readonly needs: readonly string[];
}

export interface CodeEntity {
  readonly spec: EntitySpec;
  /** Words of the name (`Order Item` -> order, item) for each language's case. */
  readonly words: readonly string[];
  readonly attributes: readonly CodeAttribute[];
  /** The table's primary key attributes, in key schema order. */
  readonly primaryKey: readonly CodeKey[];
  /** Every key attribute (table and indexes) the entity sets. */
  readonly keys: readonly CodeKey[];
  /** Attributes the primary key's templates use (the key builder's parameters). */
  readonly keyParameters: readonly string[];
}

export interface CodeCondition {
  readonly attribute: string;
  readonly operator: KeyOperator;
  readonly values: readonly KeyTemplate[];
}

export type CodeCall = 'get' | 'query' | 'scan' | 'put' | 'update' | 'delete';

export interface CodePattern {
  readonly spec: AccessPatternSpec;
  readonly words: readonly string[];
  /** The call made; undefined when the generators do not write this operation (batch, transactions). */
  readonly call: CodeCall | undefined;
  /** The index queried or scanned (absent: the table). */
  readonly index?: string;
  /** A Scan made because no key serves the condition (the condition becomes a filter). */
  readonly scanned: boolean;
  readonly conditions: readonly CodeCondition[];
  /** Placeholders of the condition, with the type of the attribute of that name. */
  readonly parameters: readonly CodeAttribute[];
  /** The entities it returns or writes. */
  readonly entities: readonly CodeEntity[];
  /** What the index keeps of an item (absent: all of it). */
  readonly projected?: readonly string[];
}

export interface CodeModel {
  readonly table: TableShape;
  readonly entities: readonly CodeEntity[];
  readonly patterns: readonly CodePattern[];
}

const ARTICLES = new Set(['a', 'an', 'the']);

/** The words of a name: letters and digits, lower case, camelCase split, articles dropped. */
export function wordsOf(name: string): string[] {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[^A-Za-z0-9]+/).map(w => w.toLowerCase()).filter(w => w !== '');
  const kept = words.filter(w => !ARTICLES.has(w));
  return kept.length ? kept : words.length ? words : ['unnamed'];
}

export function pascalCase(words: readonly string[]): string {
  const text = words.map(w => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return /^[0-9]/.test(text) ? `_${text}` : text;
}

export function camelCase(words: readonly string[]): string {
  const p = pascalCase(words);
  return p.startsWith('_') ? p : p.charAt(0).toLowerCase() + p.slice(1);
}

export function snakeCase(words: readonly string[]): string {
  const text = words.join('_');
  return /^[0-9]/.test(text) ? `_${text}` : text;
}

function codeEntity(table: TableShape, spec: EntitySpec): CodeEntity {
  const attributes: CodeAttribute[] = spec.attributes.map(attributeRow);
  for (const template of Object.values(spec.keys)) {
    for (const p of placeholders(template)) {
      if (!attributes.some(a => a.name === p)) { attributes.push({ name: p, type: 'S', required: true }); }
    }
  }
  const optional = new Set(attributes.filter(a => !a.required).map(a => a.name));
  const keys: CodeKey[] = Object.entries(spec.keys).map(([attribute, template]) => ({ attribute, template, needs: placeholders(template).filter(p => optional.has(p)) }));
  const primaryNames = [...table.table.hash, ...table.table.range];
  const primaryKey = primaryNames.map(n => keys.find(k => k.attribute === n)).filter((k): k is CodeKey => k !== undefined);
  const keyParameters = [...new Set(primaryKey.flatMap(k => placeholders(k.template)))];
  return { spec, words: wordsOf(spec.name), attributes, primaryKey, keys, keyParameters };
}

const CALLS: Readonly<Partial<Record<string, CodeCall>>> = { get: 'get', query: 'query', scan: 'scan', put: 'put', update: 'update', delete: 'delete' };

function codePattern(table: TableShape, spec: AccessPatternSpec, entities: readonly CodeEntity[]): CodePattern {
  const declared = spec.entities?.map(n => entities.find(e => e.spec.name === n)).filter((e): e is CodeEntity => e !== undefined);
  const matched = declared && declared.length ? declared : matchingEntities(spec, entities.map(e => e.spec)).map(s => entities.find(e => e.spec === s)!);
  let call = CALLS[spec.operation];
  const served: IndexShape | undefined = servingIndex(table, spec);
  let index: string | undefined;
  let scanned = false;
  if (call === 'scan') {
    index = spec.index;
  } else if (call === 'get' || call === 'query') {
    if (!served) { call = 'scan'; scanned = true; index = spec.index !== undefined && table.indexes.some(i => i.name === spec.index) ? spec.index : undefined; } else {
      if (served.kind !== 'table') { index = served.name; }
      // A get on anything but the table's full key is a query.
      if (call === 'get' && !(served.kind === 'table' && isItemCall(table, spec))) { call = 'query'; }
    }
  } else if (call && !isItemCall(table, spec)) {
    // A write without the full primary key cannot be made as one call.
    call = undefined;
  }
  const all = [...entities.flatMap(e => e.attributes)];
  const parameters: CodeAttribute[] = [];
  // A range bound ({from} in "ORDER#{from}") has the type of the attribute it bounds.
  const bounds = boundParameters(spec, matched.map(e => e.spec));
  const bounded = (p: string): CodeAttribute | undefined => {
    const b = bounds.find(x => x.placeholder === p)?.aligned[0];
    return b ? entities.find(e => e.spec === b.entity)?.attributes.find(a => a.name === b.attribute) : undefined;
  };
  for (const c of spec.keyCondition) {
    for (const v of c.values) {
      for (const p of placeholders(v)) {
        if (parameters.some(x => x.name === p)) { continue; }
        const known = matched.flatMap(e => e.attributes).find(a => a.name === p) ?? all.find(a => a.name === p) ?? bounded(p);
        parameters.push({ name: p, type: known?.type === 'N' ? 'N' : 'S', required: true });
      }
    }
  }
  const indexShape = index === undefined ? undefined : table.indexes.find(i => i.name === index);
  const projection = indexShape ? projectionOf(table, indexShape) : undefined;
  return {
    spec, words: wordsOf(spec.name), call, ...(index !== undefined ? { index } : {}), scanned,
    conditions: spec.keyCondition.map(c => ({ attribute: c.attribute, operator: c.operator, values: c.values })),
    parameters,
    entities: matched.filter(e => !indexShape || inIndex(e.spec, indexShape)),
    ...(projection ? { projected: [...projection] } : {}),
  };
}

/** The code model of one table of a design. */
export function codeModel(table: TableShape, design: DesignSpec): CodeModel {
  const own = designOfTable(design, table.name);
  const entities = own.entities.map(e => codeEntity(table, e));
  return { table, entities, patterns: own.patterns.map(p => codePattern(table, p, entities)) };
}

/** Unique names: a second `getUser` becomes `getUser2`. */
export function uniqueNamer(reserved: Iterable<string> = []): (name: string) => string {
  const used = new Set(reserved);
  return name => {
    let n = name;
    for (let i = 2; used.has(n); i++) { n = `${name}${i}`; }
    used.add(n);
    return n;
  };
}
