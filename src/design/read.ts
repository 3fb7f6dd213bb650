/**
 * Reading the design (entities and access patterns) out of a parsed config, per dialect, into the
 * shared `DesignSpec` (src/model/design.ts). Each dialect keeps its own style:
 *
 * - genesys (TOML): under the table entry, `[[resources.dynamodb.entities]]` and
 *   `[[resources.dynamodb.access_patterns]]`, snake_case keys (`key_condition`, `begins_with`).
 * - component (YAML): under the table's `config`, `entities:` and `accessPatterns:`, camelCase.
 * - planton: the manifest is protobuf-strict, so the design lives in a sidecar file beside it
 *   (`<manifest>.design.yaml`), with `entities:` and `accessPatterns:` at its root; its table is
 *   the manifest's one table.
 *
 * Pure: plain data in, plain data out, every node with its JSON pointer for diagnostics. A value
 * of the wrong shape is skipped here (the schema reports it).
 */
import type {
  AccessPatternSpec, DesignSpec, EntityAttribute, EntityAttributeType, EntitySpec, KeyConditionSpec, KeyOperator, PatternOperation,
} from '../model/design';
import { parseTemplate } from '../model/design';
import type { Dialect, Pointer, TableSpec } from '../model/spec';
import { joinPointer, valueAt as valueAtPointer } from '../language/sourcemap';
import { dialectOf, dialects } from '../language/dialects/registry';
import type { DesignKeys, DialectDefinition } from '../language/dialects/registry';
import { isObj } from '../language/dialects/fields';
import type { Obj } from '../language/dialects/fields';

/** The key names of the design in one style: a dialect's `design` member (registry.ts). */
export type DesignVocabulary = Omit<DesignKeys, 'where'>;

/** The keys a sidecar uses (camelCase, as the YAML dialects). */
export const SIDECAR_KEYS: DesignVocabulary = {
  entities: 'entities', patterns: 'accessPatterns', keyCondition: 'keyCondition', sampleCount: 'sampleCount',
  itemSizeBytes: 'itemSizeBytes', beginsWith: 'beginsWith',
};

export const ENTITY_ATTRIBUTE_TYPES: readonly EntityAttributeType[] = ['S', 'N', 'B', 'BOOL', 'NULL', 'L', 'M', 'SS', 'NS', 'BS'];
export const OPERATIONS: readonly PatternOperation[] = ['get', 'query', 'scan', 'put', 'update', 'delete', 'batchGet', 'batchWrite', 'transactGet', 'transactWrite'];

/** Operator words of a key condition (both styles), to the model's operator. */
const OPERATOR_WORDS: Readonly<Record<string, KeyOperator>> = {
  eq: '=', lt: '<', le: '<=', gt: '>', ge: '>=', between: 'between', begins_with: 'begins_with', beginsWith: 'begins_with',
};

/** The word a dialect writes for an operator. */
export function operatorWord(op: KeyOperator, v: Pick<DesignVocabulary, 'beginsWith'>): string {
  switch (op) {
    case '=': return 'eq';
    case '<': return 'lt';
    case '<=': return 'le';
    case '>': return 'gt';
    case '>=': return 'ge';
    case 'between': return 'between';
    case 'begins_with': return v.beginsWith;
  }
}

function operation(raw: unknown): PatternOperation | undefined {
  if (typeof raw !== 'string') { return undefined; }
  const camel = raw.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return OPERATIONS.find(o => o === camel);
}

function strings(raw: unknown): string[] | undefined {
  return Array.isArray(raw) && raw.every(s => typeof s === 'string') ? raw as string[] : undefined;
}

function readEntity(obj: Obj, p: Pointer, table: string, v: DesignVocabulary): EntitySpec | undefined {
  if (typeof obj.name !== 'string') { return undefined; }
  const keys: Record<string, ReturnType<typeof parseTemplate>> = {};
  const keysAt = joinPointer(p, 'keys');
  if (isObj(obj.keys)) {
    for (const [k, t] of Object.entries(obj.keys)) {
      if (typeof t === 'string' || typeof t === 'number') { keys[k] = parseTemplate(String(t), joinPointer(keysAt, k)); }
    }
  }
  const attributes: EntityAttribute[] = [];
  const attrsAt = joinPointer(p, 'attributes');
  if (isObj(obj.attributes)) {
    for (const [name, a] of Object.entries(obj.attributes)) {
      const pointer = joinPointer(attrsAt, name);
      const type = typeof a === 'string' ? a : isObj(a) && typeof a.type === 'string' ? a.type : undefined;
      const found = ENTITY_ATTRIBUTE_TYPES.find(t => t === type);
      if (!found) { continue; }
      const required = isObj(a) && typeof a.required === 'boolean' ? a.required : undefined;
      attributes.push({ name, type: found, ...(required === undefined ? {} : { required }), pointer });
    }
  }
  const count = obj[v.sampleCount];
  const size = obj[v.itemSizeBytes];
  return {
    name: obj.name,
    table,
    keys,
    attributes,
    ...(typeof count === 'number' && Number.isInteger(count) && count >= 0 ? { sampleCount: count } : {}),
    ...(typeof size === 'number' && size > 0 ? { itemSizeBytes: size } : {}),
    pointer: p,
  };
}

function readCondition(obj: unknown, p: Pointer): KeyConditionSpec[] {
  if (!isObj(obj)) { return []; }
  const out: KeyConditionSpec[] = [];
  for (const [attribute, c] of Object.entries(obj)) {
    const at = joinPointer(p, attribute);
    if (typeof c === 'string' || typeof c === 'number') {
      out.push({ attribute, operator: '=', values: [parseTemplate(String(c), at)], pointer: at });
      continue;
    }
    if (!isObj(c)) { continue; }
    const words = Object.keys(c);
    if (words.length !== 1) { continue; }
    const operator = Object.prototype.hasOwnProperty.call(OPERATOR_WORDS, words[0]) ? OPERATOR_WORDS[words[0]] : undefined;
    if (!operator) { continue; }
    const raw = c[words[0]];
    const wp = joinPointer(at, words[0]);
    if (operator === 'between') {
      if (!Array.isArray(raw) || raw.length !== 2 || !raw.every(x => typeof x === 'string' || typeof x === 'number')) { continue; }
      out.push({ attribute, operator, values: raw.map((x, i) => parseTemplate(String(x), joinPointer(wp, i))), pointer: at });
    } else if (typeof raw === 'string' || typeof raw === 'number') {
      out.push({ attribute, operator, values: [parseTemplate(String(raw), wp)], pointer: at });
    }
  }
  return out;
}

function readPattern(obj: Obj, p: Pointer, table: string, v: DesignVocabulary): AccessPatternSpec | undefined {
  const op = operation(obj.operation);
  if (typeof obj.name !== 'string' || !op) { return undefined; }
  const entities = strings(obj.entities);
  const reads = strings(obj.reads);
  return {
    name: obj.name,
    operation: op,
    table: typeof obj.table === 'string' ? obj.table : table,
    ...(typeof obj.index === 'string' ? { index: obj.index } : {}),
    ...(entities ? { entities } : {}),
    keyCondition: readCondition(obj[v.keyCondition], joinPointer(p, v.keyCondition)),
    ...(reads ? { reads } : {}),
    pointer: p,
  };
}

/** Entities and patterns of one block (a table entry, or the sidecar's root). */
export function readDesignBlock(block: unknown, base: Pointer, table: string, v: DesignVocabulary): DesignSpec {
  const entities: EntitySpec[] = [];
  const patterns: AccessPatternSpec[] = [];
  if (!isObj(block)) { return { entities, patterns }; }
  const list = (key: string, each: (o: Obj, p: Pointer) => void): void => {
    const raw = block[key];
    if (!Array.isArray(raw)) { return; }
    raw.forEach((x, i) => { if (isObj(x)) { each(x, joinPointer(joinPointer(base, key), i)); } });
  };
  list(v.entities, (o, p) => { const e = readEntity(o, p, table, v); if (e) { entities.push(e); } });
  list(v.patterns, (o, p) => { const x = readPattern(o, p, table, v); if (x) { patterns.push(x); } });
  return { entities, patterns };
}

/** The name a design refers to a table by: its name as the config gives it. */
export function tableNameOf(t: TableSpec): string {
  return t.name?.valid ? t.name.value : '';
}

/**
 * The design of a config (genesys, component): every table entry's entities and patterns. The
 * planton manifest holds none (see `readSidecarDesign`).
 */
export function readDesign(value: unknown, tables: readonly TableSpec[], dialect: Dialect): DesignSpec {
  const v = dialectOf(dialect).design;
  if (!v || v.where !== 'table') { return { entities: [], patterns: [] }; }
  const entities: EntitySpec[] = [];
  const patterns: AccessPatternSpec[] = [];
  for (const t of tables) {
    const block = valueAtPointer(value, t.pointer);
    // Most tables declare no design: nothing to read, nothing made.
    if (!isObj(block) || (block[v.entities] === undefined && block[v.patterns] === undefined)) { continue; }
    const d = readDesignBlock(block, t.pointer, tableNameOf(t), v);
    for (const e of d.entities) { entities.push(e); }
    for (const p of d.patterns) { patterns.push(p); }
  }
  return { entities, patterns };
}

/** The design of a sidecar (its root), for its config's first table, in that dialect's keys. */
export function readSidecarDesign(value: unknown, table: TableSpec | undefined, keys: DesignVocabulary = SIDECAR_KEYS): DesignSpec {
  return readDesignBlock(value, '', table ? tableNameOf(table) : '', keys);
}

/** The dialects that keep their design in a sidecar (planton). */
export function sidecarDialects(): DialectDefinition[] {
  return dialects().filter(d => d.design?.where === 'sidecar');
}

/** Whether a file name is a design sidecar (`<manifest>.design.yaml`). */
export function isSidecarPath(path: string): boolean {
  return /\.design\.ya?ml$/i.test(path);
}

/** The manifest file names a sidecar belongs to, most likely first (`x.design.yaml` -> `x.yaml`, `x.yml`). */
export function manifestPathsOf(sidecar: string): string[] {
  const m = /^(.*)\.design\.(ya?ml)$/i.exec(sidecar);
  if (!m) { return []; }
  return [...new Set([`${m[1]}.${m[2]}`, `${m[1]}.yaml`, `${m[1]}.yml`])];
}

/** The sidecar of a manifest (`x.yaml` -> `x.design.yaml`). */
export function sidecarPathOf(manifest: string): string {
  return manifest.replace(/\.(ya?ml)$/i, '.design.$1');
}
