/**
 * Helpers shared by the rule groups: reading fields the way rules must (silent on values the
 * schema already reports), naming the node a finding marks, and stating fixes as FixIntents in
 * the dialect's own key names (from the vocabulary), so each rule is written once for all
 * dialects. Pure: no vscode, no parsing.
 */
import type { Dialect, Field, IndexSpec, KeyElementSpec, Pointer, TableSpec } from '../../model/spec';
import type { Finding, Fix, FixIntent, ParsedConfig, Rule, RuleContext, Severity } from '../types';
import { dialectOf, vocabulary } from '../dialects/registry';
import { type BlockKind, type EnumKind, type Vocabulary, encodeEnum, keysBefore, snakeCase } from '../dialects/vocabulary';
import { joinPointer, valueAt } from '../sourcemap';

export { valueAt };

/** What a rule may know of a field: absent, present but reported elsewhere, or usable. */
export type Read<T> =
  | { readonly state: 'absent' }
  | { readonly state: 'invalid' }
  | { readonly state: 'ok'; readonly value: T; readonly pointer: Pointer };

/** True when the schema reported the node (most files have no schema finding: no pointer is hashed then). */
export function reported(ctx: RuleContext, pointer: Pointer): boolean {
  return ctx.invalidPointers.size > 0 && ctx.invalidPointers.has(pointer);
}

// Rules read every field of every table: the answers without a value are made once.
const ABSENT: Read<never> = Object.freeze({ state: 'absent' });
const INVALID: Read<never> = Object.freeze({ state: 'invalid' });

export function read<T>(field: Field<T> | undefined, ctx: RuleContext): Read<T> {
  if (!field) { return ABSENT; }
  if (!field.valid || reported(ctx, field.pointer)) { return INVALID; }
  return { state: 'ok', value: field.value, pointer: field.pointer };
}

/** The field's value when present, valid and not reported by the schema; else undefined. */
export function usable<T>(field: Field<T> | undefined, ctx: RuleContext): T | undefined {
  // read()'s answer without its object: rules ask this for every field of every table.
  return field && field.valid && !reported(ctx, field.pointer) ? field.value : undefined;
}

/** True when any field is present but unusable: rules depending on them stay silent. */
export function anyInvalid(ctx: RuleContext, ...fields: (Field<unknown> | undefined)[]): boolean {
  return fields.some(f => f !== undefined && (!f.valid || reported(ctx, f.pointer)));
}

/** RFC 6901 child pointer. */
export function child(pointer: Pointer, ...keys: (string | number)[]): Pointer {
  let p = pointer;
  for (const k of keys) { p = joinPointer(p, k); }
  return p;
}

/** Blocks of one parsed document by pointer, each looked up once: every rule reads the same table and index blocks. */
const BLOCKS = new WeakMap<ParsedConfig, Map<Pointer, unknown>>();

/** `valueAt(ctx.config.value, pointer)`, looked up once per analysis and pointer (table and index blocks). */
export function blockAt(ctx: RuleContext, pointer: Pointer): unknown {
  let blocks = BLOCKS.get(ctx.config);
  if (!blocks) {
    blocks = new Map();
    BLOCKS.set(ctx.config, blocks);
  }
  let block = blocks.get(pointer);
  if (block === undefined && !blocks.has(pointer)) {
    block = valueAt(ctx.config.value, pointer);
    blocks.set(pointer, block);
  }
  return block;
}

/** `valueAt(value, child(parent, key))` without making the child's pointer (the parent block is looked up once). */
export function keyValue(ctx: RuleContext, parent: Pointer, key: string): unknown {
  const block = blockAt(ctx, parent);
  if (Array.isArray(block)) { return block[Number(key)]; }
  return block !== null && typeof block === 'object' ? (block as Record<string, unknown>)[key] : undefined;
}

/** True when the document holds a node at the pointer (read from the plain value: no range work). */
export function exists(ctx: RuleContext, pointer: Pointer): boolean {
  return blockAt(ctx, pointer) !== undefined;
}

/**
 * A list the spec reads (attribute definitions, a key schema) that the schema reports, or that
 * holds something other than a list: rules built on its elements stay silent. The table or index
 * block itself (flat dialects) is never broken in this sense.
 */
export function listBroken(ctx: RuleContext, pointer: Pointer, owner: Pointer): boolean {
  if (pointer === owner) { return false; }
  if (reported(ctx, pointer)) { return true; }
  const v = blockAt(ctx, pointer);
  return v !== undefined && v !== null && !Array.isArray(v);
}

/** A node a finding marks. */
export interface Mark { readonly pointer: Pointer; readonly target: 'key' | 'value' }

export function markValue(pointer: Pointer): Mark { return { pointer, target: 'value' }; }
export function markKey(pointer: Pointer): Mark { return { pointer, target: 'key' }; }

/** The key of the table entry (`[[resources.dynamodb]]`, `spec:`, `config:`). */
export function tableMark(table: TableSpec): Mark { return markKey(table.pointer); }

/** An index has no key of its own in a YAML list: mark its name's key, else the entry. */
export function indexMark(index: IndexSpec): Mark {
  return index.name ? markKey(index.name.pointer) : markKey(index.pointer);
}

/** A list or block the spec names may be the table block itself in flat dialects. */
export function blockMark(ctx: RuleContext, pointer: Pointer, fallback: Mark): Mark {
  return pointer !== fallback.pointer && exists(ctx, pointer) ? markKey(pointer) : fallback;
}

const ABSENCE = new WeakSet<Finding>();

/**
 * Marks a finding that reports something missing when `when` holds. While the file has syntax
 * errors such findings are dropped (see catalogue.ts): the missing part may sit past the error,
 * where the parser could not read, and the user would be told to add what is there.
 */
export function missing(f: Finding, when = true): Finding {
  if (when) { ABSENCE.add(f); }
  return f;
}

export function isAbsence(f: Finding): boolean {
  return ABSENCE.has(f);
}

/** True when the parser could not read all of the file. */
export function parseIncomplete(ctx: RuleContext): boolean {
  const errors = ctx.config.map.syntaxErrors;
  return errors.length > 0 && errors.some(e => (e.severity ?? 'error') === 'error');
}

/**
 * A finding. Its fixes may be given as a function: they are then made only when something reads
 * `fixes` (a code action, fix-all), once, not while the document is analysed. A fix that fails
 * to build is no fix.
 */
export function finding(rule: Pick<Rule, 'id' | 'severity'>, mark: Mark, message: string, fixes?: Fix[] | (() => Fix[])): Finding {
  const f: Finding = { code: rule.id, severity: rule.severity, message, pointer: mark.pointer, target: mark.target };
  if (typeof fixes === 'function') {
    LAZY_FIXES.add(f);
    const make = fixes;
    Object.defineProperty(f, 'fixes', {
      enumerable: true,
      configurable: true,
      get(): readonly Fix[] | undefined {
        let made: Fix[] | undefined;
        try { made = make(); } catch { made = undefined; }
        const value = made && made.length > 0 ? made : undefined;
        Object.defineProperty(f, 'fixes', { value, enumerable: true, configurable: true, writable: false });
        return value;
      },
    });
  } else if (fixes && fixes.length > 0) {
    (f as { fixes?: readonly Fix[] }).fixes = fixes;
  }
  return f;
}

const LAZY_FIXES = new WeakSet<Finding>();

/** True when the finding's fixes are made on request (`finding` given a function): a copy must not read them. */
export function hasLazyFixes(f: Finding): boolean {
  return LAZY_FIXES.has(f);
}

export function fix(title: string, changes: FixIntent[], preferred = false): Fix {
  return preferred ? { title, preferred: true, changes } : { title, changes };
}

/** Quote a value for a message. */
export function q(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

/** Where a group of keys lives: in a sub-block of its owner entry, or flat in the entry. */
export interface Place {
  /** The owner entry (table or index block). */
  readonly owner: Pointer;
  readonly ownerKind: BlockKind;
  /** Sub-block key, undefined when flat. */
  readonly block?: string;
  readonly blockKind: BlockKind;
}

/**
 * Writes FixIntents for one table in its dialect: key names from the vocabulary (in the file's
 * key style: planton accepts its proto snake_case names too), enum values encoded, `after`
 * siblings from the schema order.
 */
export class Writer {
  readonly dialect: Dialect;
  readonly v: Vocabulary;
  /** Whether the file writes snake_case keys: looked at on the first key asked for (most writers write none). */
  private snake: boolean | undefined;

  constructor(readonly ctx: RuleContext, readonly table: TableSpec) {
    this.dialect = table.dialect;
    this.v = vocabulary(table.dialect);
  }

  /** A vocabulary key in the file's style. */
  key(name: string): string {
    this.snake ??= this.v.snakeCaseAliases === true && usesSnakeCase(blockAt(this.ctx, this.table.pointer));
    return this.snake ? snakeCase(name) : name;
  }

  enc(kind: EnumKind, canonical: string): string { return encodeEnum(this.v, kind, canonical); }

  after(kind: BlockKind, key: string): readonly string[] {
    return keysBefore(this.v, kind, key).map(k => this.key(k));
  }

  insert(parent: Pointer, kind: BlockKind, key: string, value: unknown): FixIntent {
    const after = this.after(kind, key);
    return { kind: 'insert', parent, key: this.key(key), value, ...(after.length > 0 ? { after } : {}) };
  }

  /** The pointer of a key (vocabulary name) in a block, in the file's style. */
  at(parent: Pointer, key: string): Pointer { return child(parent, this.key(key)); }

  /** The pointer where a key actually is: file style first, then the vocabulary name. */
  existing(parent: Pointer, key: string): Pointer | undefined {
    const own = this.key(key);
    if (keyValue(this.ctx, parent, own) !== undefined) { return joinPointer(parent, own); }
    if (own !== key && keyValue(this.ctx, parent, key) !== undefined) { return joinPointer(parent, key); }
    return undefined;
  }

  /** Set keys in a place: replace those present, insert the others, creating the block if needed. */
  set(place: Place, entries: readonly (readonly [string, unknown])[]): FixIntent[] {
    const blockPointer = place.block ? this.existing(place.owner, place.block) : place.owner;
    if (blockPointer === undefined) {
      const value: Record<string, unknown> = {};
      for (const [k, val] of entries) { value[this.key(k)] = val; }
      return [this.insert(place.owner, place.ownerKind, place.block as string, value)];
    }
    const kind = place.block ? place.blockKind : place.ownerKind;
    return entries.map(([k, val]) => {
      const present = this.existing(blockPointer, k);
      return present !== undefined ? { kind: 'replace', pointer: present, value: val } as const : this.insert(blockPointer, kind, k, val);
    });
  }

  /** Delete keys of a place that exist (the whole block when every key of it goes). */
  remove(place: Place, keys: readonly string[]): FixIntent[] {
    const blockPointer = place.block ? this.existing(place.owner, place.block) : place.owner;
    if (blockPointer === undefined) { return []; }
    if (place.block) { return [{ kind: 'delete', pointer: blockPointer }]; }
    return keys.flatMap(k => {
      const p = this.existing(blockPointer, k);
      return p === undefined ? [] : [{ kind: 'delete', pointer: p } as const];
    });
  }

  tablePlace(block: string | undefined, blockKind: BlockKind): Place {
    return { owner: this.table.pointer, ownerKind: 'table', block, blockKind };
  }

  indexPlace(index: IndexSpec, block: string | undefined, blockKind: BlockKind): Place {
    return { owner: index.pointer, ownerKind: index.kind === 'GSI' ? 'gsi' : 'lsi', block, blockKind };
  }
}

function usesSnakeCase(block: unknown): boolean {
  if (block === null || typeof block !== 'object' || Array.isArray(block)) { return false; }
  const keys = Object.keys(block);
  return keys.some(k => k.includes('_')) && !keys.some(k => /[a-z][A-Z]/.test(k));
}

/** True when the key schema list of the table or of one of its indexes is broken (see listBroken). */
export function keyListsBroken(ctx: RuleContext, table: TableSpec): boolean {
  if (listBroken(ctx, table.keySchemaPointer, table.pointer)) { return true; }
  for (const list of [table.globalSecondaryIndexes, table.localSecondaryIndexes]) {
    for (const index of list) { if (listBroken(ctx, index.keySchemaPointer, index.pointer)) { return true; } }
  }
  return false;
}

/** The key elements of a given type whose type is usable. */
export function elementsOf(elements: readonly KeyElementSpec[], type: 'HASH' | 'RANGE', ctx: RuleContext): KeyElementSpec[] {
  const out: KeyElementSpec[] = [];
  for (const e of elements) { if (usable(e.keyType, ctx) === type) { out.push(e); } }
  return out;
}

/** True when every element's key type is usable (else a rule on the shape stays silent). */
export function keyTypesUsable(elements: readonly KeyElementSpec[], ctx: RuleContext): boolean {
  for (const e of elements) { if (!e.keyType.valid || reported(ctx, e.keyType.pointer)) { return false; } }
  return true;
}

/** The table's effective billing mode: a missing mode is the dialect's default (component: PROVISIONED). */
export function billingMode(table: TableSpec, ctx: RuleContext): 'PAY_PER_REQUEST' | 'PROVISIONED' | undefined {
  const r = read(table.billingMode, ctx);
  if (r.state === 'ok') { return r.value; }
  if (r.state === 'absent') { return dialectOf(table.dialect).defaults?.billingMode; }
  return undefined;
}

/** The table's HASH key name, when known. */
export function tableHashName(table: TableSpec, ctx: RuleContext): string | undefined {
  let hash: KeyElementSpec | undefined;
  for (const e of table.keySchema) {
    if (usable(e.keyType, ctx) !== 'HASH') { continue; }
    if (hash) { return undefined; }
    hash = e;
  }
  return hash ? usable(hash.name, ctx) : undefined;
}

/** A field a rule may use: its value and pointer (what `read` gives when the field is usable). */
export type Usable<T> = Extract<Read<T>, { readonly state: 'ok' }>;

/**
 * The findings about one field of each item (each attribute's name, each index's name): `check`
 * sees the field of every item where it is usable, in order, and gives a finding or nothing;
 * items whose field is absent or reported elsewhere are passed over.
 */
export function eachUsable<I, T>(
  items: readonly I[], fieldOf: (item: I) => Field<T> | undefined, ctx: RuleContext, check: (field: Usable<T>, item: I) => Finding | undefined,
): Finding[] {
  const findings: Finding[] = [];
  for (const item of items) {
    const field = read(fieldOf(item), ctx);
    if (field.state !== 'ok') { continue; }
    const found = check(field, item);
    if (found) { findings.push(found); }
  }
  return findings;
}

/** The severity of advice rules. */
export const HINT: Severity = 'hint';

/** Characters DynamoDB allows in table and index names. */
export const NAME_CHARS = /^[A-Za-z0-9_.-]+$/;

/** A valid name for `name`: invalid characters replaced by `-`, clipped to 255, padded to 3. */
export function sanitizeName(name: string): string {
  let out = name.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 255);
  while (out.length < 3) { out += '-'; }
  return out;
}
