/**
 * TOML -> ParsedConfig with a SourceMap.
 *
 * smol-toml parses (it validates the text and builds the value); a scanner over the same text,
 * which may then assume valid TOML, records where each key and value is. smol-toml gives no
 * positions, and the one parser that does (toml-eslint-parser, an AST with tokens, locations and
 * parent links) spent most of the analysis on its parse and its garbage: 3x smol-toml's time at
 * 1,000 lines, 10-17x at 10,000 and more. The scanner only finds the ends of keys, strings,
 * arrays and inline tables; it decodes nothing but quoted keys with escapes. A differential test
 * (test/unit/language/tomlDifferential.test.ts) holds its value and every pointer's offsets to
 * what the toml-eslint-parser walk gave.
 *
 * The parser stops at the first syntax error. To keep diagnostics for the rest of the file, the
 * offending line is blanked out (spaces, same offsets) and the text re-parsed, a bounded number
 * of times; each error is reported on the original text, widened from a point to the rest of its
 * line.
 */
import { parse as parseTomlText, TomlError } from 'smol-toml';
import { LineIndex, TreeSourceMap, widenPoint } from './sourcemap';
import type { ParsedConfig } from './types';

const MAX_RECOVERIES = 50;
const MAX_RECOVERIES_LARGE = 4;
const LARGE_INPUT = 1_000_000;
/** Arrays and inline tables nested deeper than this are a syntax error (smol-toml's `maxDepth`). */
const MAX_DEPTH = 500;

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
 * The offset of a TomlError's 1-based line and column. smol-toml counts lines by LF (a CR before
 * it is part of the break), so this does too, not by the LineIndex (which also breaks at a lone CR).
 */
function errorOffset(source: string, line: number, column: number): number {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const next = source.indexOf('\n', start);
    if (next < 0) { break; }
    start = next + 1;
  }
  return Math.min(source.length, start + Math.max(0, column - 1));
}

/**
 * smol-toml's message without its prefix and code excerpt ("Unfinished string"), in the words of
 * what was being typed where it points at a line break: a string or a table header left open, a
 * key without its value (smol-toml names the line break an illegal character there).
 */
function errorMessage(e: TomlError, source: string, index: number, lines: LineIndex): string {
  const first = e.message.split('\n', 1)[0].replace(/^Invalid TOML document: /, '').replace(/\. aborting\.$/, '');
  const atBreak = index >= source.length || source[index] === '\n' || source[index] === '\r';
  if (first === 'document contains excessively nested structures') {
    return `Arrays and inline tables nested more than ${MAX_DEPTH} deep`;
  }
  if (atBreak && first === 'control characters are not allowed in strings') {
    return 'Unfinished string: the closing quote is missing';
  }
  if (atBreak && first === 'illegal character in key') {
    return source.slice(lines.lineStart(lines.lineOf(index)), index).trimStart().startsWith('[')
      ? 'Unfinished table header: the closing ] is missing'
      : 'Unfinished key/value: expected = and a value';
  }
  return first.charAt(0).toUpperCase() + first.slice(1);
}

/** A date whose day its month does not have (smol-toml rolls 1979-02-30 over to March). */
class InvalidDate extends Error {
  constructor(readonly index: number) { super('Invalid date'); }
}

export function parseToml(text: string): ParsedConfig {
  const lines = new LineIndex(text);
  const errors: [message: string, start: number, end: number][] = [];
  let map: TreeSourceMap | undefined;
  let value: unknown = {};
  let source = text;
  const limit = text.length > LARGE_INPUT ? MAX_RECOVERIES_LARGE : MAX_RECOVERIES;
  for (let attempt = 0; attempt <= limit; attempt++) {
    let index: number;
    try {
      const parsed = parseTomlText(source, { integersAsBigInt: 'asNeeded', maxDepth: MAX_DEPTH });
      map = new TreeSourceMap('toml', lines);
      new Scanner(source, map).document();
      value = plainTable(parsed);
      break;
    } catch (e) {
      map = undefined;
      if (e instanceof TomlError) {
        index = errorOffset(source, e.line, e.column);
        const [start, end] = widenPoint(text, lines, index);
        errors.push([errorMessage(e, source, index, lines), start, end]);
      } else if (e instanceof InvalidDate) {
        index = e.index;
        const [start, end] = widenPoint(text, lines, index);
        errors.push([e.message, start, end]);
      } else {
        const message = e instanceof Error ? e.message : String(e);
        errors.push([`TOML could not be parsed: ${message}`, 0, Math.min(text.length, lines.lineContentEnd(0))]);
        break;
      }
    }
    if (attempt === limit) { break; }
    let line = lines.lineOf(index);
    while (line > 0 && isBlank(source, lines, line)) { line--; }
    if (isBlank(source, lines, line)) { break; }
    source = blankLine(source, lines, line);
  }
  map ??= new TreeSourceMap('toml', lines);
  for (const [message, start, end] of errors) { map.addSyntaxError(message, start, end); }
  return { format: 'toml', text, value, map };
}

type Obj = Record<string, unknown>;

function setOwn(target: Obj, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/**
 * smol-toml's table (prototype-free objects) as the plain value the service has always had:
 * ordinary objects with `__proto__` as an own key, big integers as numbers, dates as ISO strings
 * (what toml-eslint-parser's Dates gave: a local date at UTC midnight, a local time on 0000-01-01).
 */
function plainTable(table: Obj): Obj {
  const out: Obj = {};
  for (const key in table) { setOwn(out, key, plain(table[key])); }
  return out;
}

function plain(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) { return typeof value === 'bigint' ? Number(value) : value; }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) { value[i] = plain(value[i]); }
    return value;
  }
  if (value instanceof Date) {
    // Date's own toISOString: smol-toml's TomlDate writes local dates and times without a zone.
    return Number.isNaN(value.getTime()) ? String(value) : Date.prototype.toISOString.call(value);
  }
  return plainTable(value as Obj);
}

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const HASH = 0x23;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const COMMA = 0x2c;
const DOT = 0x2e;
const EQUALS = 0x3d;
const OPEN_BRACKET = 0x5b;
const BACKSLASH = 0x5c;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const DASH = 0x2d;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

const ESCAPES: Readonly<Record<string, string>> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', e: '\x1b', '"': '"', '\\': '\\' };
const HEX_DIGITS: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** A basic string's content (between its quotes) with its escapes decoded; the text is valid TOML. */
function unescapeBasic(s: string, start: number, end: number): string {
  let out = '';
  let from = start;
  for (let at = s.indexOf('\\', start); at >= 0 && at < end; at = s.indexOf('\\', from)) {
    out += s.slice(from, at);
    const kind = s[at + 1];
    const digits = HEX_DIGITS[kind];
    if (digits) {
      out += String.fromCodePoint(parseInt(s.slice(at + 2, at + 2 + digits), 16));
      from = at + 2 + digits;
    } else {
      out += ESCAPES[kind] ?? kind;
      from = at + 2;
    }
  }
  return out + s.slice(from, end);
}

/**
 * Records the offsets of a valid TOML text's keys and values in a TreeSourceMap: the slots
 * toml-eslint-parser's AST gave, in document order. A table header's key parts and the
 * tables they open (value: from the header to the end of its last key/value); an array-of-tables
 * element's key is its header. A dotted key's tables span the key/value. Array elements have no key.
 */
class Scanner {
  private at = 0;
  /** Arrays of tables (by slot): how many elements their headers have opened so far. */
  private readonly tableArrays = new Map<number, number>();
  /** The parts of the last dotted key read (reused: no array a key). */
  private readonly names: string[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  constructor(private readonly s: string, private readonly map: TreeSourceMap) {}

  document(): void {
    const s = this.s;
    if (s.charCodeAt(0) === 0xfeff) { this.at = 1; }
    let base = TreeSourceMap.ROOT;
    /** The current table's start and end, and the slots its header opened (widened to its end). */
    let tableStart = -1;
    let tableEnd = -1;
    let opened: number[] = [];
    for (;;) {
      this.skipVoid();
      if (this.at >= s.length) { break; }
      if (s.charCodeAt(this.at) === OPEN_BRACKET) {
        for (const slot of opened) { this.map.widen(slot, tableStart, tableEnd); }
        tableStart = this.at;
        opened = [];
        base = this.header(opened);
        tableEnd = this.at;
      } else {
        const end = this.keyValue(base);
        if (tableStart >= 0) { tableEnd = end; }
      }
    }
    for (const slot of opened) { this.map.widen(slot, tableStart, tableEnd); }
  }

  /** Spaces and tabs. */
  private skipSpace(): void {
    const s = this.s;
    let c = s.charCodeAt(this.at);
    while (c === SPACE || c === TAB) { c = s.charCodeAt(++this.at); }
  }

  /** Spaces, tabs, line breaks and comments. */
  private skipVoid(): void {
    const s = this.s;
    for (;;) {
      const c = s.charCodeAt(this.at);
      if (c === SPACE || c === TAB || c === LF || c === CR) {
        this.at++;
      } else if (c === HASH) {
        const next = s.indexOf('\n', this.at);
        this.at = next < 0 ? s.length : next + 1;
      } else {
        return;
      }
    }
  }

  /** One key (bare or quoted) at the cursor: its name; the cursor moves past it. */
  private key(): string {
    const s = this.s;
    const start = this.at;
    const c = s.charCodeAt(start);
    if (c === QUOTE) {
      const end = this.basicEnd(start);
      this.at = end;
      return unescapeBasic(s, start + 1, end - 1);
    }
    if (c === APOSTROPHE) {
      const end = s.indexOf("'", start + 1);
      this.at = end + 1;
      return s.slice(start + 1, end);
    }
    let at = start;
    for (let k = c; at < s.length; k = s.charCodeAt(++at)) {
      if (k === SPACE || k === TAB || k === DOT || k === EQUALS || k === CLOSE_BRACKET) { break; }
    }
    this.at = at;
    return s.slice(start, at);
  }

  /**
   * A dotted key at the cursor, up to (not including) what follows it: the number of its parts,
   * whose names, starts and ends are in `names`, `starts` and `ends` until the next key is read.
   */
  private dottedKey(): number {
    for (let count = 0; ; ) {
      this.starts[count] = this.at;
      this.names[count] = this.key();
      this.ends[count++] = this.at;
      this.skipSpace();
      if (this.s.charCodeAt(this.at) !== DOT) { return count; }
      this.at++;
      this.skipSpace();
    }
  }

  /** `[a.b]` or `[[a.b]]`: opens its tables (their slots into `opened`), returns the table's slot. */
  private header(opened: number[]): number {
    const s = this.s;
    const map = this.map;
    const start = this.at;
    const array = s.charCodeAt(start + 1) === OPEN_BRACKET;
    this.at = start + (array ? 2 : 1);
    this.skipSpace();
    const count = this.dottedKey();
    this.at = s.indexOf(']', this.at) + (array ? 2 : 1);
    const end = this.at;
    let slot = TreeSourceMap.ROOT;
    for (let i = 0; i < count; i++) {
      slot = map.open(slot, this.names[i], this.starts[i], this.ends[i], start, end);
      opened.push(slot);
      const elements = this.tableArrays.get(slot);
      if (i + 1 < count) {
        // Through an array of tables: into its last element.
        if (elements !== undefined) {
          slot = map.open(slot, elements - 1, -1, -1, start, end);
          opened.push(slot);
        }
      } else if (array) {
        // A new element, whose "key" is the header that opened it.
        this.tableArrays.set(slot, (elements ?? 0) + 1);
        slot = map.open(slot, elements ?? 0, start, end, start, end);
        opened.push(slot);
      }
    }
    return slot;
  }

  /** `a.b.c = v` under `base`; returns where the value ends. */
  private keyValue(base: number): number {
    const map = this.map;
    const start = this.at;
    const last = this.dottedKey() - 1;
    this.at++; // =
    this.skipSpace();
    let slot = base;
    // A dotted key's tables span the key/value: recorded empty here, widened once its end is known.
    let tables: number[] | undefined;
    for (let i = 0; i < last; i++) {
      slot = map.open(slot, this.names[i], this.starts[i], this.ends[i], start, start);
      (tables ??= []).push(slot);
    }
    const valueStart = this.at;
    // The key itself is new (a duplicate is a parse error); only tables and dotted keys reopen slots.
    slot = map.add(slot, this.names[last], this.starts[last], this.ends[last], valueStart, valueStart);
    // The value may hold inline tables, whose keys reuse the key buffers: nothing of them is read after.
    const end = this.value(slot);
    map.widen(slot, valueStart, end);
    if (tables) { for (const table of tables) { map.widen(table, start, end); } }
    return end;
  }

  /** The value at the cursor, its contents recorded under `slot`; returns (and moves to) its end. */
  private value(slot: number): number {
    const s = this.s;
    const start = this.at;
    const c = s.charCodeAt(start);
    if (c === QUOTE) {
      this.at = s.startsWith('"""', start) ? this.multiLineEnd(start, '"""') : this.basicEnd(start);
    } else if (c === APOSTROPHE) {
      this.at = s.startsWith("'''", start) ? this.multiLineEnd(start, "'''") : s.indexOf("'", start + 1) + 1;
    } else if (c === OPEN_BRACKET) {
      this.array(slot);
    } else if (c === OPEN_BRACE) {
      this.inlineTable(slot);
    } else {
      this.scalar();
    }
    return this.at;
  }

  /** The end of a basic string (after its closing quote) that starts at `start`. */
  private basicEnd(start: number): number {
    const s = this.s;
    let at = s.indexOf('"', start + 1);
    while (this.escaped(at)) { at = s.indexOf('"', at + 1); }
    return at + 1;
  }

  /** Whether the character at `at` is escaped (an odd run of backslashes before it). */
  private escaped(at: number): boolean {
    let n = 0;
    while (this.s.charCodeAt(at - 1 - n) === BACKSLASH) { n++; }
    return n % 2 === 1;
  }

  /**
   * The end of a multi-line string opened by `delimiter` at `start`: its closing delimiter may
   * follow one or two quotes of the content (`""""` ends a string whose content ends with `"`).
   */
  private multiLineEnd(start: number, delimiter: string): number {
    const s = this.s;
    const quote = delimiter.charCodeAt(0);
    let at = s.indexOf(delimiter, start + 3);
    while (quote === QUOTE && this.escaped(at)) { at = s.indexOf(delimiter, at + 1); }
    let end = at + 3;
    while (end < at + 5 && s.charCodeAt(end) === quote) { end++; }
    return end;
  }

  /** A number, boolean or date-time; a space between a date and a time is part of it. */
  private scalar(): void {
    const s = this.s;
    const start = this.at;
    let at = start;
    for (; at < s.length; at++) {
      const c = s.charCodeAt(at);
      if (c === SPACE) {
        if (at - start === 10 && s.charCodeAt(start + 4) === DASH && s.charCodeAt(start + 7) === DASH && isDigit(s.charCodeAt(at + 1))) { continue; }
        break;
      }
      if (c === TAB || c === COMMA || c === CLOSE_BRACKET || c === CLOSE_BRACE || c === HASH || c === LF || c === CR) { break; }
    }
    this.at = at;
    if (at - start >= 10 && s.charCodeAt(start + 4) === DASH && s.charCodeAt(start + 7) === DASH && isDigit(s.charCodeAt(start))) {
      // smol-toml checks the month and a day up to 31, not the day against its month.
      const year = Number(s.slice(start, start + 4));
      const month = Number(s.slice(start + 5, start + 7));
      const day = Number(s.slice(start + 8, start + 10));
      if (day > daysInMonth(year, month)) { throw new InvalidDate(start); }
    }
  }

  private array(slot: number): void {
    const s = this.s;
    const map = this.map;
    this.at++;
    for (let index = 0; ; index++) {
      this.skipVoid();
      if (s.charCodeAt(this.at) === CLOSE_BRACKET) { break; }
      const start = this.at;
      const element = map.add(slot, index, -1, -1, start, start);
      map.widen(element, start, this.value(element));
      this.skipVoid();
      if (s.charCodeAt(this.at) === COMMA) { this.at++; }
    }
    this.at++;
  }

  private inlineTable(slot: number): void {
    const s = this.s;
    this.at++;
    for (;;) {
      this.skipVoid();
      if (s.charCodeAt(this.at) === CLOSE_BRACE) { break; }
      this.keyValue(slot);
      this.skipVoid();
      if (s.charCodeAt(this.at) === COMMA) { this.at++; }
    }
    this.at++;
  }
}
