/**
 * The oracle of tomlDifferential.test.ts: the TOML parse as it was before smol-toml and the scanner
 * (src/language/toml.ts), a walk over toml-eslint-parser's AST (an AST with ranges). Test code only.
 *
 * The parser stops at the first syntax error. To keep diagnostics for the rest of the file, the
 * offending line is blanked out (spaces, same offsets) and the text re-parsed, a bounded number
 * of times; each error is reported on the original text, widened from a point to the rest of its
 * line.
 */
import { parseTOML } from 'toml-eslint-parser';
import { LineIndex, TreeSourceMap, widenPoint } from '../../../src/language/sourcemap';
import type { ParsedConfig } from '../../../src/language/types';

type Ast = ReturnType<typeof parseTOML>;
type TopLevel = Ast['body'][number];
type TopItem = TopLevel['body'][number];
type TomlTable = Extract<TopItem, { type: 'TOMLTable' }>;
type TomlKeyValue = Extract<TopItem, { type: 'TOMLKeyValue' }>;
type TomlContent = TomlKeyValue['value'];

const MAX_RECOVERIES = 50;
const MAX_RECOVERIES_LARGE = 4;
const LARGE_INPUT = 1_000_000;
const MAX_DEPTH = 500;

interface ParseErrorLike { message: string; index: number }

function isParseError(e: unknown): e is ParseErrorLike {
  return e instanceof Error && typeof (e as Partial<ParseErrorLike>).index === 'number';
}

/** Replaces the characters of a line (not its line break) by spaces. */
function blankLine(source: string, lines: LineIndex, line: number): string {
  const start = lines.lineStart(line);
  const end = lines.lineContentEnd(line);
  return source.slice(0, start) + ' '.repeat(end - start) + source.slice(end);
}

function isBlank(source: string, lines: LineIndex, line: number): boolean {
  return source.slice(lines.lineStart(line), lines.lineContentEnd(line)).trim() === '';
}

export function parseToml(text: string): ParsedConfig {
  const lines = new LineIndex(text);
  const map = new TreeSourceMap('toml', lines);
  let source = text;
  let ast: Ast | undefined;
  const limit = text.length > LARGE_INPUT ? MAX_RECOVERIES_LARGE : MAX_RECOVERIES;
  for (let attempt = 0; attempt <= limit; attempt++) {
    try {
      ast = parseTOML(source);
      break;
    } catch (e) {
      if (!isParseError(e)) {
        const message = e instanceof Error ? e.message : String(e);
        map.addSyntaxError(`TOML could not be parsed: ${message}`, 0, Math.min(text.length, lines.lineContentEnd(0)));
        break;
      }
      const [start, end] = widenPoint(text, lines, e.index);
      map.addSyntaxError(e.message, start, end);
      if (attempt === limit) { break; }
      let line = lines.lineOf(e.index);
      while (line > 0 && isBlank(source, lines, line)) { line--; }
      if (isBlank(source, lines, line)) { break; }
      source = blankLine(source, lines, line);
    }
  }
  let value: unknown = {};
  if (ast) {
    try {
      value = walkProgram(ast, text, map);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      map.addSyntaxError(`TOML could not be read: ${message}`, 0, Math.min(text.length, lines.lineContentEnd(0)));
    }
  }
  return { format: 'toml', text, value, map };
}

type Obj = Record<string, unknown>;

/** A key's value as an own property (`__proto__` included: a key like any other, not the prototype). */
function getOwn(target: Obj, key: string): unknown {
  return key === '__proto__' && !Object.prototype.hasOwnProperty.call(target, key) ? undefined : target[key];
}

function setOwn(target: Obj, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/** Not a table: a scalar (or nothing). Arrays and tables are objects; dates are already strings here. */
function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

/**
 * One pass over the AST: records the source map and builds the plain value (what
 * toml-eslint-parser's getStaticTOMLValue builds, with the same table and array-of-tables merging;
 * big integers as numbers, dates as ISO strings, `__proto__` as an own key).
 */
function walkProgram(ast: Ast, text: string, map: TreeSourceMap): Obj {
  const root: Obj = {};
  for (const top of ast.body) {
    for (const item of top.body) {
      if (item.type === 'TOMLTable') {
        const base = walkTableHeader(item, text, map);
        const table = openTable(root, item);
        for (const kv of item.body) { walkKeyValue(kv, table, base, map, 1); }
      } else {
        walkKeyValue(item, root, TreeSourceMap.ROOT, map, 1);
      }
    }
  }
  return root;
}

function keyName(key: TomlTable['key']['keys'][number]): string {
  return key.type === 'TOMLBare' ? key.name : key.value;
}

/** The table a `[a.b]` / `[[a.b]]` header opens, created as getStaticTOMLValue's getTable does. */
function openTable(root: Obj, table: TomlTable): Obj {
  const keys = table.key.keys;
  let target = root;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keyName(keys[i]);
    let next = getOwn(target, key);
    if (isScalar(next)) {
      next = {};
      setOwn(target, key, next);
    } else {
      // Into an array of tables: its last element.
      while (Array.isArray(next)) {
        const list: unknown[] = next;
        const at = list.length - 1;
        if (isScalar(list[at])) { next = {}; list[at] = next; break; }
        next = list[at];
      }
    }
    target = next as Obj;
  }
  const lastKey = keyName(keys[keys.length - 1]);
  const array = table.kind === 'array';
  const existing = getOwn(target, lastKey);
  const fresh: Obj = {};
  if (isScalar(existing)) {
    setOwn(target, lastKey, array ? [fresh] : fresh);
    return fresh;
  }
  if (!array) {
    if (Array.isArray(existing)) { setOwn(target, lastKey, fresh); return fresh; }
    return existing as Obj;
  }
  if (Array.isArray(existing)) { existing.push(fresh); return fresh; }
  setOwn(target, lastKey, [fresh]);
  return fresh;
}

/** Records the pointers a `[a.b]` / `[[a.b]]` header opens; returns the table's slot. */
function walkTableHeader(table: TomlTable, text: string, map: TreeSourceMap): number {
  const [tableStart, tableEnd] = table.range;
  let headerEnd = text.indexOf(']', table.key.range[1]);
  if (headerEnd < 0) { headerEnd = table.key.range[1]; } else {
    headerEnd += table.kind === 'array' && text[headerEnd + 1] === ']' ? 2 : 1;
  }
  const parts = table.key.keys;
  let slot = TreeSourceMap.ROOT;
  let part = 0;
  const resolved = table.resolvedKey;
  for (let i = 0; i < resolved.length; i++) {
    const token = resolved[i];
    if (typeof token === 'number') {
      // An array-of-tables element: its "key" is the header that opened it.
      slot = i === resolved.length - 1
        ? map.open(slot, token, tableStart, headerEnd, tableStart, tableEnd)
        : map.open(slot, token, -1, -1, tableStart, tableEnd);
    } else {
      const key = parts[part++];
      slot = key
        ? map.open(slot, token, key.range[0], key.range[1], tableStart, tableEnd)
        : map.open(slot, token, -1, -1, tableStart, tableEnd);
    }
  }
  return slot;
}

/** `a.b.c = v` into `target` (intermediate tables as getStaticTOMLValue's `set` makes them). */
function walkKeyValue(kv: TomlKeyValue, target: Obj, base: number, map: TreeSourceMap, depth: number): void {
  let slot = base;
  let into = target;
  const keys = kv.key.keys;
  const last = keys.length - 1;
  for (let i = 0; i < last; i++) {
    const key = keys[i];
    const name = keyName(key);
    slot = map.open(slot, name, key.range[0], key.range[1], kv.range[0], kv.range[1]);
    let next = getOwn(into, name);
    if (isScalar(next) || Array.isArray(next)) {
      next = {};
      setOwn(into, name, next);
    }
    into = next as Obj;
  }
  const key = keys[last];
  const name = keyName(key);
  const value = kv.value;
  // The key itself is new (a duplicate is a parse error); only tables and dotted keys reopen slots.
  slot = map.add(slot, name, key.range[0], key.range[1], value.range[0], value.range[1]);
  setOwn(into, name, walkValue(value, slot, map, depth));
}

/** A value node's plain value, recording the pointers inside it; nothing below MAX_DEPTH. */
function walkValue(node: TomlContent, slot: number, map: TreeSourceMap, depth: number): unknown {
  if (node.type === 'TOMLValue') {
    const v: unknown = node.value;
    if (typeof v === 'bigint') { return Number(v); }
    if (v instanceof Date) { return Number.isNaN(v.getTime()) ? String(v) : v.toISOString(); }
    return v;
  }
  if (depth > MAX_DEPTH) { return undefined; }
  if (node.type === 'TOMLArray') {
    const elements = node.elements;
    const out: unknown[] = [];
    for (let i = 0; i < elements.length; i++) {
      const element = elements[i];
      out.push(walkValue(element, map.add(slot, i, -1, -1, element.range[0], element.range[1]), map, depth + 1));
    }
    return out;
  }
  const table: Obj = {};
  for (const kv of node.body) { walkKeyValue(kv, table, slot, map, depth + 1); }
  return table;
}
