/**
 * TOML -> ParsedConfig with a SourceMap, via toml-eslint-parser (an AST with ranges).
 *
 * The parser stops at the first syntax error. To keep diagnostics for the rest of the file, the
 * offending line is blanked out (spaces, same offsets) and the text re-parsed, a bounded number
 * of times; each error is reported on the original text, widened from a point to the rest of its
 * line.
 */
import { getStaticTOMLValue, parseTOML } from 'toml-eslint-parser';
import type { Pointer } from '../model/spec';
import { LineIndex, OffsetSourceMap, joinPointer, widenPoint } from './sourcemap';
import type { ParsedConfig } from './types';

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

/**
 * The parser's value made plain in place (it is ours: a fresh tree): big integers as numbers,
 * dates as ISO strings, nothing below MAX_DEPTH. No second tree is built.
 */
function plain(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) { return undefined; }
  if (typeof value === 'bigint') { return Number(value); }
  if (value instanceof Date) { return Number.isNaN(value.getTime()) ? String(value) : value.toISOString(); }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (v !== null && (typeof v === 'object' || typeof v === 'bigint')) { value[i] = plain(v, depth + 1); }
    }
    return value;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const k of Object.keys(record)) {
      const v = record[k];
      if (v !== null && (typeof v === 'object' || typeof v === 'bigint')) { record[k] = plain(v, depth + 1); }
    }
    return record;
  }
  return value;
}

export function parseToml(text: string): ParsedConfig {
  const lines = new LineIndex(text);
  const map = new OffsetSourceMap('toml', lines);
  map.record('', { valueStart: 0, valueEnd: text.length });
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
      walkProgram(ast, text, map);
      value = plain(getStaticTOMLValue(ast));
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      map.addSyntaxError(`TOML could not be read: ${message}`, 0, Math.min(text.length, lines.lineContentEnd(0)));
    }
  }
  return { format: 'toml', text, value, map };
}

function walkProgram(ast: Ast, text: string, map: OffsetSourceMap): void {
  for (const top of ast.body) {
    for (const item of top.body) {
      if (item.type === 'TOMLTable') {
        const base = walkTableHeader(item, text, map);
        for (const kv of item.body) { walkKeyValue(kv, base, map, 0); }
      } else {
        walkKeyValue(item, '', map, 0);
      }
    }
  }
}

/** Records the pointers a `[a.b]` / `[[a.b]]` header opens; returns the table's pointer. */
function walkTableHeader(table: TomlTable, text: string, map: OffsetSourceMap): Pointer {
  const [tableStart, tableEnd] = table.range;
  let headerEnd = text.indexOf(']', table.key.range[1]);
  if (headerEnd < 0) { headerEnd = table.key.range[1]; } else {
    headerEnd += table.kind === 'array' && text[headerEnd + 1] === ']' ? 2 : 1;
  }
  const parts = table.key.keys;
  let pointer: Pointer = '';
  let part = 0;
  const resolved = table.resolvedKey;
  for (let i = 0; i < resolved.length; i++) {
    const token = resolved[i];
    pointer = joinPointer(pointer, token);
    if (typeof token === 'number') {
      // An array-of-tables element: its "key" is the header that opened it.
      const opens = i === resolved.length - 1;
      map.record(pointer, opens
        ? { keyStart: tableStart, keyEnd: headerEnd, valueStart: tableStart, valueEnd: tableEnd }
        : { valueStart: tableStart, valueEnd: tableEnd });
    } else {
      const key = parts[part++];
      map.record(pointer, key
        ? { keyStart: key.range[0], keyEnd: key.range[1], valueStart: tableStart, valueEnd: tableEnd }
        : { valueStart: tableStart, valueEnd: tableEnd });
    }
  }
  return pointer;
}

function walkKeyValue(kv: TomlKeyValue, base: Pointer, map: OffsetSourceMap, depth: number): void {
  let pointer = base;
  const keys = kv.key.keys;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const name = key.type === 'TOMLBare' ? key.name : key.value;
    pointer = joinPointer(pointer, name);
    const last = i === keys.length - 1;
    map.record(pointer, {
      keyStart: key.range[0],
      keyEnd: key.range[1],
      valueStart: last ? kv.value.range[0] : kv.range[0],
      valueEnd: last ? kv.value.range[1] : kv.range[1],
    });
  }
  walkValue(kv.value, pointer, map, depth + 1);
}

function walkValue(node: TomlContent, pointer: Pointer, map: OffsetSourceMap, depth: number): void {
  if (depth > MAX_DEPTH) { return; }
  if (node.type === 'TOMLArray') {
    node.elements.forEach((element, i) => {
      const p = joinPointer(pointer, i);
      map.record(p, { valueStart: element.range[0], valueEnd: element.range[1] });
      walkValue(element, p, map, depth + 1);
    });
  } else if (node.type === 'TOMLInlineTable') {
    for (const kv of node.body) { walkKeyValue(kv, pointer, map, depth + 1); }
  }
}
