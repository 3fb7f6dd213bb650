/**
 * The document a fix is written against (format-neutral): a parsed config plus the splices
 * earlier steps of the same fix made, with the line facts the formats' edits need, and the
 * helpers every format's edits share (placing whole lines, removing a node's lines, splicing).
 */
import type { Dialect, Pointer } from '../../model/spec';
import { LineIndex, parentPointer, unescapePointerToken } from '../sourcemap';
import type { ParsedConfig } from '../types';

export interface Splice { readonly start: number; readonly end: number; readonly text: string }

export interface Loc { keyStart?: number; keyEnd?: number; valueStart: number; valueEnd: number }

export interface Child { readonly pointer: Pointer; readonly token: string; readonly loc: Loc }

/** The children of a parse's nodes, listed once per parse (a fix in a long list is not O(list)). */
const CHILDREN = new WeakMap<object, Map<Pointer, Child[]>>();

/** Per-text facts every fix of an analysis shares (computed once, not per fix). */
export interface TextFacts { eol?: string; indentUnit?: number }
const FACTS = new WeakMap<LineIndex, TextFacts>();

/**
 * The document a fix is written against: the parsed config, plus the splices earlier steps of
 * the same fix made. Locations of the parse are mapped through those splices, and what a step
 * inserted is recorded, so a multi-step fix does not re-parse the text after each step.
 */
export class Doc {
  readonly lines: LineIndex;
  readonly text: string;
  private readonly base: ParsedConfig;
  private readonly splices: Splice[];
  private readonly extra: Map<Pointer, Loc>;
  private readonly deleted: Set<Pointer>;

  constructor(config: ParsedConfig, readonly dialect: Dialect, previous?: { doc: Doc; splice: Splice; record?: [Pointer, Loc] ; deleted?: Pointer }) {
    if (!previous) {
      this.base = config;
      this.text = config.text;
      this.lines = config.map.lines;
      this.splices = [];
      this.extra = new Map();
      this.deleted = new Set();
      return;
    }
    const { doc, splice } = previous;
    this.base = doc.base;
    this.text = applySplice(doc.text, splice);
    this.lines = new LineIndex(this.text);
    this.splices = [...doc.splices, splice];
    this.extra = new Map();
    for (const [p, l] of doc.extra) { this.extra.set(p, mapLoc(l, splice)); }
    if (previous.record) { this.extra.set(previous.record[0], previous.record[1]); }
    this.deleted = new Set(doc.deleted);
    if (previous.deleted !== undefined) { this.deleted.add(previous.deleted); }
  }

  /** Per-text facts (line breaks, indentation step), kept once per text. */
  facts(): TextFacts {
    let f = FACTS.get(this.lines);
    if (!f) { f = {}; FACTS.set(this.lines, f); }
    return f;
  }

  /** The format of the text (`toml`, `yaml`): whose edits apply. */
  get format(): string { return this.base.format; }

  private isDeleted(pointer: Pointer): boolean {
    if (this.deleted.size === 0) { return false; }
    for (let p: Pointer | undefined = pointer; p !== undefined; p = parentPointer(p)) {
      if (this.deleted.has(p)) { return true; }
    }
    return false;
  }

  loc(pointer: Pointer): Loc | undefined {
    const recorded = this.extra.get(pointer);
    if (recorded) { return recorded; }
    if (this.isDeleted(pointer)) { return undefined; }
    const at = this.base.map.offsets(pointer);
    if (!at) { return undefined; }
    let l: Loc = { keyStart: at.keyStart, keyEnd: at.keyEnd, valueStart: at.valueStart, valueEnd: at.valueEnd };
    for (const s of this.splices) { l = mapLoc(l, s); }
    return l;
  }

  /** The direct children of a pointer, in document order. */
  children(pointer: Pointer): readonly Child[] {
    const pristine = this.splices.length === 0 && this.extra.size === 0 && this.deleted.size === 0;
    let cache = pristine ? CHILDREN.get(this.base.map) : undefined;
    const cached = cache?.get(pointer);
    if (cached) { return cached; }
    const out = this.listChildren(pointer);
    if (pristine) {
      if (!cache) { cache = new Map(); CHILDREN.set(this.base.map, cache); }
      cache.set(pointer, out);
    }
    return out;
  }

  private listChildren(pointer: Pointer): Child[] {
    const out: Child[] = [];
    const seen = new Set<Pointer>();
    const add = (p: Pointer): void => {
      if (seen.has(p)) { return; }
      seen.add(p);
      const loc = this.loc(p);
      if (loc) { out.push({ pointer: p, token: unescapePointerToken(p.slice(p.lastIndexOf('/') + 1)), loc }); }
    };
    for (const p of this.base.map.children(pointer)) { add(p); }
    for (const p of this.extra.keys()) { if (parentPointer(p) === pointer) { add(p); } }
    return out.sort((a, b) => (a.loc.keyStart ?? a.loc.valueStart) - (b.loc.keyStart ?? b.loc.valueStart));
  }

  lineText(line: number): string {
    return this.text.slice(this.lines.lineStart(line), this.lines.lineContentEnd(line));
  }

  /** The last line a range covers (an end at column 0 belongs to the line before). */
  lastLine(start: number, end: number): number {
    const line = this.lines.lineOf(end);
    return end > start && line > this.lines.lineOf(start) && this.lines.lineStart(line) === end ? line - 1 : line;
  }

  /** Offset after the line break of `line` (text end for the last line). */
  afterLine(line: number): number {
    return line + 1 < this.lines.lineCount ? this.lines.lineStart(line + 1) : this.text.length;
  }

  eol(): string {
    const f = this.facts();
    f.eol ??= /\r\n/.test(this.text) ? '\r\n' : '\n';
    return f.eol;
  }

  column(offset: number): number {
    return offset - this.lines.lineStart(this.lines.lineOf(offset));
  }

  /** The file's indentation step (YAML): the smallest positive indent of a line. */
  indentUnit(): number {
    const f = this.facts();
    f.indentUnit ??= this.measureIndentUnit();
    return f.indentUnit;
  }

  private measureIndentUnit(): number {
    let unit = 0;
    const n = Math.min(this.lines.lineCount, 400);
    for (let i = 0; i < n; i++) {
      const m = /^( +)\S/.exec(this.lineText(i));
      if (m && !this.lineText(i).trimStart().startsWith('#') && (unit === 0 || m[1].length < unit)) { unit = m[1].length; }
    }
    return unit || 2;
  }

}

export function pickSibling<T extends { token: string }>(children: readonly T[], after: readonly string[] | undefined): T | undefined {
  if (after) {
    for (let i = after.length - 1; i >= 0; i--) {
      const hit = children.find(c => c.token === after[i]);
      if (hit) { return hit; }
    }
  }
  return undefined;
}

/** Inserts whole lines after `line` (adding a line break first when the file ends without one). */
export function atLineEnd(doc: Doc, line: number, lines: string): Splice {
  const at = doc.afterLine(line);
  const needsBreak = at === doc.text.length && doc.text.length > 0 && !/[\r\n]$/.test(doc.text);
  return { start: at, end: at, text: needsBreak ? doc.eol() + lines.slice(0, lines.length - doc.eol().length) : lines };
}

export function applySplice(text: string, s: Splice): string {
  return text.slice(0, s.start) + s.text + text.slice(s.end);
}

/** An offset of the text before a splice, in the text after it. */
export function mapOffset(o: number, s: Splice): number {
  const delta = s.text.length - (s.end - s.start);
  if (s.start === s.end) { return o >= s.start ? o + delta : o; }
  if (o <= s.start) { return o; }
  if (o >= s.end) { return o + delta; }
  return s.start;
}

export function mapLoc(l: Loc, s: Splice): Loc {
  return {
    keyStart: l.keyStart === undefined ? undefined : mapOffset(l.keyStart, s),
    keyEnd: l.keyEnd === undefined ? undefined : mapOffset(l.keyEnd, s),
    valueStart: mapOffset(l.valueStart, s),
    valueEnd: mapOffset(l.valueEnd, s),
  };
}

export function skipColon(text: string, at: number): number {
  let i = at;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) { i++; }
  return text[i] === ':' ? i + 1 : at;
}

/**
 * What every format's edits do, by format (`FormatEdits`, registered with the format's
 * operations in formats/index.ts): the text of a key and of a value, and the intents that
 * depend on the syntax. The format-neutral rest (missing parents, several intents in one fix)
 * is in edits/index.ts.
 */
export interface FormatEdits {
  /** A key as the format writes it (quoted when it must be). */
  key(key: string): string;
  /** What stands between a key and its value on one line (`' = '`, `': '`). */
  readonly separator: string;
  replace(doc: Doc, loc: Loc, value: unknown): Splice | undefined;
  rename(doc: Doc, loc: Loc, newKey: string): Splice | undefined;
  remove(doc: Doc, pointer: Pointer, loc: Loc): Splice | undefined;
  /** A key into an existing mapping/table at `loc` (after the last of `after` that exists). */
  insert(doc: Doc, parent: Pointer, loc: Loc, key: string, value: unknown, after: readonly string[] | undefined): Splice | undefined;
  /** An element at the end of an existing list at `loc`. */
  insertElement(doc: Doc, loc: Loc, items: readonly Child[], value: unknown): Splice | undefined;
}

/**
 * Removes the node from `start` to the end of its value: its whole lines when it has them to
 * itself; else `inline` (a format's special case, such as the first key of a YAML list item),
 * else with a separator of its flow collection.
 */
export function removeNode(doc: Doc, loc: Loc, start: number,
  inline?: (before: string, afterIsEnd: boolean, lines: Splice) => Splice | undefined): Splice {
  const text = doc.text;
  const end = Math.max(loc.valueEnd, loc.keyEnd ?? 0);
  const firstLine = doc.lines.lineOf(start);
  const lastLine = doc.lastLine(start, end);
  const before = text.slice(doc.lines.lineStart(firstLine), start);
  const after = text.slice(end, doc.lines.lineContentEnd(lastLine));
  const afterIsEnd = /^\s*(#.*)?$/.test(after);
  const lines: Splice = { start: doc.lines.lineStart(firstLine), end: doc.afterLine(lastLine), text: '' };
  if (/^\s*$/.test(before) && afterIsEnd) { return lines; }
  const special = inline?.(before, afterIsEnd, lines);
  if (special) { return special; }
  // Inline (flow collection, inline table, one-line array): take a separator with it.
  const m = /^\s*,[ \t]*/.exec(text.slice(end));
  if (m) { return { start, end: end + m[0].length, text: '' }; }
  const b = /,\s*$/.exec(text.slice(0, start));
  if (b) { return { start: b.index, end, text: '' }; }
  return { start, end, text: '' };
}

/** An element written as `rendered` at the end of a flow list / inline array at `loc`. */
export function appendToFlowList(doc: Doc, loc: Loc, items: readonly Child[], rendered: string): Splice {
  const text = doc.text;
  const lastItem = items[items.length - 1];
  if (!lastItem) {
    const close = text.lastIndexOf(']', loc.valueEnd);
    return { start: close, end: close, text: rendered };
  }
  const comma = /^\s*,/.exec(text.slice(lastItem.loc.valueEnd));
  return comma
    ? { start: lastItem.loc.valueEnd + comma[0].length, end: lastItem.loc.valueEnd + comma[0].length, text: ` ${rendered}` }
    : { start: lastItem.loc.valueEnd, end: lastItem.loc.valueEnd, text: `, ${rendered}` };
}
