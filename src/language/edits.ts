/**
 * FixIntent -> minimal LSP TextEdits for TOML and YAML. An edit touches only the lines it must:
 * a new key goes after its schema-order sibling (or at the end of its block) with that sibling's
 * indentation, a replaced value keeps its line's trailing comment, a deleted key takes its whole
 * line(s) (a nested block too). Strings are quoted as the neighbours quote them (TOML) or left
 * plain unless YAML needs quotes. A parent that does not exist yet is inserted with the child.
 *
 * Several intents in one fix are applied one after the other (re-parsing in between) and turned
 * into one edit spanning the changed region.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import { stringify as yamlStringify } from 'yaml';
import type { Dialect, Pointer } from '../model/spec';
import { vocabulary } from './dialects/registry';
import { keysBefore } from './dialects/vocabulary';
import type { BlockKind } from './dialects/vocabulary';
import { parseConfig } from './parse';
import { LineIndex, joinPointer, parentPointer, splitPointer, unescapePointerToken } from './sourcemap';
import type { FixIntent, ParsedConfig } from './types';

interface Splice { readonly start: number; readonly end: number; readonly text: string }

interface Loc { keyStart?: number; keyEnd?: number; valueStart: number; valueEnd: number }

interface Child { readonly pointer: Pointer; readonly token: string; readonly loc: Loc }

/** The children of a parse's nodes, listed once per parse (a fix in a long list is not O(list)). */
const CHILDREN = new WeakMap<object, Map<Pointer, Child[]>>();

/** Per-text facts every fix of an analysis shares (computed once, not per fix). */
interface TextFacts { eol?: string; indentUnit?: number }
const FACTS = new WeakMap<LineIndex, TextFacts>();

/**
 * The document a fix is written against: the parsed config, plus the splices earlier steps of
 * the same fix made. Locations of the parse are mapped through those splices, and what a step
 * inserted is recorded, so a multi-step fix does not re-parse the text after each step.
 */
class Doc {
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

  get toml(): boolean { return this.base.format === 'toml'; }

  /** A JSON document (a CloudFormation template in JSON: valid YAML flow syntax): edits write JSON. */
  get json(): boolean { return this.base.format === 'yaml' && /^\s*\{/.test(this.base.text); }

  private facts(): TextFacts {
    let f = FACTS.get(this.lines);
    if (!f) { f = {}; FACTS.set(this.lines, f); }
    return f;
  }

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

  /** The quote TOML string values around here use: `'` if the neighbours use it, else `"`. */
  tomlQuote(near: number): string {
    const line = this.lines.lineOf(near);
    for (let d = 0; d < 60; d++) {
      for (const l of [line - d, line + d]) {
        if (l < 0 || l >= this.lines.lineCount) { continue; }
        const m = /^\s*[A-Za-z0-9_."'-]+\s*=\s*(["'])/.exec(this.lineText(l));
        if (m) { return m[1]; }
      }
    }
    return '"';
  }
}

// ---- value formatting ----------------------------------------------------------------------

function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
}

function tomlString(s: string, quote: string): string {
  if (quote === "'" && !/['\n\r]/.test(s)) { return `'${s}'`; }
  return JSON.stringify(s);
}

function tomlValue(v: unknown, quote: string): string {
  if (typeof v === 'string') { return tomlString(v, quote); }
  if (typeof v === 'number' || typeof v === 'boolean') { return String(v); }
  if (Array.isArray(v)) { return `[${v.map(x => tomlValue(x, quote)).join(', ')}]`; }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v).map(([k, x]) => `${tomlKey(k)} = ${tomlValue(x, quote)}`);
    return entries.length ? `{ ${entries.join(', ')} }` : '{}';
  }
  return '""';
}

function yamlKey(key: string): string {
  return yamlStringify(key).trimEnd();
}

/** A key as the document writes it: JSON keys quoted. */
function keyText(doc: Doc, key: string): string {
  return doc.json ? JSON.stringify(key) : yamlKey(key);
}

/** A value on one line as the document writes it: JSON in a JSON document. */
function inlineText(doc: Doc, v: unknown): string {
  return doc.json ? JSON.stringify(v) : yamlInline(v);
}

/** A YAML scalar or flow collection on one line. */
function yamlInline(v: unknown): string {
  if (v !== null && typeof v === 'object') {
    return yamlStringify(v, { collectionStyle: 'flow', lineWidth: 0 }).trimEnd();
  }
  return yamlStringify(v, { lineWidth: 0 }).trimEnd();
}

/** `key: value` for YAML at an indent: block style for non-empty mappings and sequences. */
function yamlEntry(key: string, v: unknown, indent: string, unit: number, eol: string): string {
  if (isBlockable(v)) {
    const body = yamlStringify(v, { indent: unit, lineWidth: 0 }).trimEnd().split('\n');
    const inner = indent + ' '.repeat(unit);
    return `${indent}${yamlKey(key)}:${eol}${body.map(l => inner + l).join(eol)}${eol}`;
  }
  return `${indent}${yamlKey(key)}: ${yamlInline(v)}${eol}`;
}

function isBlockable(v: unknown): boolean {
  return v !== null && typeof v === 'object' && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0);
}

/** `- value` for a YAML block sequence item at the dash's indent. */
function yamlItem(v: unknown, indent: string, unit: number, eol: string): string {
  if (isBlockable(v) && !Array.isArray(v)) {
    const body = yamlStringify(v, { indent: unit, lineWidth: 0 }).trimEnd().split('\n');
    const pad = indent + '  ';
    return `${indent}- ${body[0]}${body.slice(1).map(l => eol + pad + l).join('')}${eol}`;
  }
  return `${indent}- ${yamlInline(v)}${eol}`;
}

// ---- the intents ---------------------------------------------------------------------------

function replace(doc: Doc, pointer: Pointer, value: unknown): Splice | undefined {
  const loc = doc.loc(pointer);
  if (!loc) { return undefined; }
  if (doc.toml) {
    return { start: loc.valueStart, end: loc.valueEnd, text: tomlValue(value, doc.tomlQuote(loc.valueStart)) };
  }
  if (loc.valueStart === loc.valueEnd && loc.keyEnd !== undefined) {
    // `key:` with no value yet.
    return { start: loc.keyEnd, end: skipColon(doc.text, loc.keyEnd), text: `: ${inlineText(doc, value)}` };
  }
  return { start: loc.valueStart, end: loc.valueEnd, text: inlineText(doc, value) };
}

function skipColon(text: string, at: number): number {
  let i = at;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) { i++; }
  return text[i] === ':' ? i + 1 : at;
}

function rename(doc: Doc, pointer: Pointer, newKey: string): Splice | undefined {
  const loc = doc.loc(pointer);
  if (!loc || loc.keyStart === undefined || loc.keyEnd === undefined) { return undefined; }
  if (doc.toml && doc.text[loc.keyStart] === '[') { return undefined; }
  return { start: loc.keyStart, end: loc.keyEnd, text: doc.toml ? tomlKey(newKey) : keyText(doc, newKey) };
}

function remove(doc: Doc, pointer: Pointer): Splice | undefined {
  const loc = doc.loc(pointer);
  if (!loc || pointer === '') { return undefined; }
  const text = doc.text;
  if (doc.json) { return removeJson(doc, loc); }
  // A TOML [table] header key: the table goes from its header line.
  const start = doc.toml && loc.keyStart !== undefined && isHeaderKey(doc, loc.keyStart)
    ? doc.lines.lineStart(doc.lines.lineOf(loc.keyStart))
    : loc.keyStart ?? loc.valueStart;
  const end = Math.max(loc.valueEnd, loc.keyEnd ?? 0);
  const firstLine = doc.lines.lineOf(start);
  const lastLine = doc.lastLine(start, end);
  const before = text.slice(doc.lines.lineStart(firstLine), start);
  const after = text.slice(end, doc.lines.lineContentEnd(lastLine));
  const afterIsEnd = /^\s*(#.*)?$/.test(after);
  if (/^\s*$/.test(before) && afterIsEnd) {
    return { start: doc.lines.lineStart(firstLine), end: doc.afterLine(lastLine), text: '' };
  }
  if (!doc.toml && /^\s*-\s+$/.test(before)) {
    // The first key of a YAML sequence item: pull the item's next key up behind the dash, or
    // remove the whole item when this key is its only one.
    const item = parentPointer(pointer);
    const siblings = item === undefined ? [] : doc.children(item);
    const next = siblings.find(s => (s.loc.keyStart ?? s.loc.valueStart) > start);
    if (next && next.loc.keyStart !== undefined) { return { start, end: next.loc.keyStart, text: '' }; }
    if (afterIsEnd) { return { start: doc.lines.lineStart(firstLine), end: doc.afterLine(lastLine), text: '' }; }
  }
  // Inline (flow collection, inline table, one-line array): take a separator with it.
  const m = /^\s*,[ \t]*/.exec(text.slice(end));
  if (m) { return { start, end: end + m[0].length, text: '' }; }
  const b = /,\s*$/.exec(text.slice(0, start));
  if (b) { return { start: b.index, end, text: '' }; }
  return { start, end, text: '' };
}

/**
 * A member or element of a JSON document goes with one comma: the one after it, else the one
 * before it; a line left empty goes too.
 */
function removeJson(doc: Doc, loc: Loc): Splice {
  const text = doc.text;
  const start = loc.keyStart ?? loc.valueStart;
  const end = loc.valueEnd;
  const lineStart = doc.lines.lineStart(doc.lines.lineOf(start));
  const ownLine = /^\s*$/.test(text.slice(lineStart, start));
  const next = /^[ \t]*,[ \t]*/.exec(text.slice(end));
  if (next) {
    const after = end + next[0].length;
    const lineEnd = doc.lines.lineContentEnd(doc.lines.lineOf(after));
    if (ownLine && after === lineEnd) { return { start: lineStart, end: doc.afterLine(doc.lines.lineOf(after)), text: '' }; }
    return { start, end: after, text: '' };
  }
  const before = /,\s*$/.exec(text.slice(0, start));
  if (before) { return { start: before.index, end, text: '' }; }
  return { start, end, text: '' };
}

function blockKindOf(pointer: Pointer): BlockKind {
  const tokens = splitPointer(pointer);
  const last = tokens[tokens.length - 2];
  if (last && /^(global_secondary_indexes|globalSecondaryIndexes)$/.test(last)) { return 'gsi'; }
  if (last && /^(local_secondary_indexes|localSecondaryIndexes)$/.test(last)) { return 'lsi'; }
  if (pointer === '') { return 'root'; }
  return 'table';
}

function insert(doc: Doc, parent: Pointer, key: string, value: unknown, after: readonly string[] | undefined): Splice | undefined {
  const loc = doc.loc(parent);
  if (!loc) {
    // Create the parent (and any missing ancestors) with the child inside.
    const up = parentPointer(parent);
    if (up === undefined) { return undefined; }
    const token = splitPointer(parent).pop() ?? '';
    if (/^\d+$/.test(token)) { return undefined; }
    return insert(doc, up, token, { [key]: value }, keysBefore(vocabulary(doc.dialect), blockKindOf(up), token));
  }
  if (doc.loc(joinPointer(parent, key))) { return replace(doc, joinPointer(parent, key), value); }
  return doc.toml ? insertToml(doc, parent, loc, key, value, after) : insertYaml(doc, parent, loc, key, value, after);
}

function pickSibling<T extends { token: string }>(children: readonly T[], after: readonly string[] | undefined): T | undefined {
  if (after) {
    for (let i = after.length - 1; i >= 0; i--) {
      const hit = children.find(c => c.token === after[i]);
      if (hit) { return hit; }
    }
  }
  return undefined;
}

function insertToml(doc: Doc, parent: Pointer, loc: Loc, key: string, value: unknown, after: readonly string[] | undefined): Splice | undefined {
  const text = doc.text;
  const eol = doc.eol();
  const quote = doc.tomlQuote(loc.valueStart);
  if (text[loc.valueStart] === '{') {
    // An inline table.
    const close = text.lastIndexOf('}', loc.valueEnd);
    const empty = /^\{\s*$/.test(text.slice(loc.valueStart, close));
    return { start: close, end: close, text: `${empty ? ' ' : ', '}${tomlKey(key)} = ${tomlValue(value, quote)} ` };
  }
  // A [table] or [[array element]] or the root: its own key = value lines, before any sub-table.
  const own = doc.children(parent).filter(c => c.loc.keyStart !== undefined && text[c.loc.keyStart] !== '['
    && !isHeaderKey(doc, c.loc.keyStart));
  const sibling = pickSibling(own, after) ?? own[own.length - 1];
  const line = `${tomlKey(key)} = ${tomlValue(value, quote)}`;
  if (sibling) {
    const last = doc.lastLine(sibling.loc.keyStart ?? sibling.loc.valueStart, sibling.loc.valueEnd);
    const indent = /^\s*/.exec(doc.lineText(doc.lines.lineOf(sibling.loc.keyStart ?? 0)))?.[0] ?? '';
    return atLineEnd(doc, last, indent + line + eol);
  }
  if (parent === '') {
    // The root has no keys yet: above the first table, after leading comments.
    let l = 0;
    while (l < doc.lines.lineCount && /^\s*(#.*)?$/.test(doc.lineText(l)) && doc.lineText(l).trim() !== '') { l++; }
    return { start: doc.lines.lineStart(l), end: doc.lines.lineStart(l), text: line + eol };
  }
  if (loc.keyStart === undefined) { return undefined; }
  const headerLine = doc.lines.lineOf(loc.keyStart);
  return atLineEnd(doc, headerLine, line + eol);
}

/** Whether the key at `offset` is (part of) a `[table]` header. */
function isHeaderKey(doc: Doc, offset: number): boolean {
  return /^\s*\[/.test(doc.text.slice(doc.lines.lineStart(doc.lines.lineOf(offset)), offset));
}

/** Inserts whole lines after `line` (adding a line break first when the file ends without one). */
function atLineEnd(doc: Doc, line: number, lines: string): Splice {
  const at = doc.afterLine(line);
  const needsBreak = at === doc.text.length && doc.text.length > 0 && !/[\r\n]$/.test(doc.text);
  return { start: at, end: at, text: needsBreak ? doc.eol() + lines.slice(0, lines.length - doc.eol().length) : lines };
}

function insertYaml(doc: Doc, parent: Pointer, loc: Loc, key: string, value: unknown, after: readonly string[] | undefined): Splice | undefined {
  const text = doc.text;
  const eol = doc.eol();
  const unit = doc.indentUnit();
  if (text[loc.valueStart] === '{') {
    const close = text.lastIndexOf('}', loc.valueEnd);
    const empty = /^\{\s*$/.test(text.slice(loc.valueStart, close));
    const members = doc.children(parent).filter(c => c.loc.keyStart !== undefined);
    const last = members[members.length - 1];
    if (doc.json && last && last.loc.keyStart !== undefined && doc.lines.lineOf(last.loc.keyStart) !== doc.lines.lineOf(loc.valueStart)) {
      // A JSON object written one member per line: the new member on a line of its own.
      const lineStart = doc.lines.lineStart(doc.lines.lineOf(last.loc.keyStart));
      const lead = text.slice(lineStart, last.loc.keyStart);
      const indent = /^\s*$/.test(lead) ? lead : ' '.repeat(doc.column(last.loc.keyStart));
      return { start: last.loc.valueEnd, end: last.loc.valueEnd, text: `,${doc.eol()}${indent}${keyText(doc, key)}: ${inlineText(doc, value)}` };
    }
    return { start: close, end: close, text: `${empty ? '' : ', '}${keyText(doc, key)}: ${inlineText(doc, value)}` };
  }
  const children = doc.children(parent).filter(c => c.loc.keyStart !== undefined);
  const sibling = pickSibling(children, after) ?? children[children.length - 1];
  if (sibling && sibling.loc.keyStart !== undefined) {
    const indent = ' '.repeat(doc.column(sibling.loc.keyStart));
    const last = doc.lastLine(sibling.loc.keyStart, sibling.loc.valueEnd);
    return atLineEnd(doc, last, yamlEntry(key, value, indent, unit, eol));
  }
  if (parent === '') {
    return atLineEnd(doc, doc.lines.lineCount - 1, yamlEntry(key, value, '', unit, eol));
  }
  if (loc.keyStart === undefined || loc.valueStart !== loc.valueEnd) { return undefined; }
  // `parent:` with nothing under it yet.
  const parentLine = doc.lines.lineOf(loc.keyStart);
  const indent = ' '.repeat(doc.column(loc.keyStart) + unit);
  const colon = skipColon(text, loc.keyEnd ?? loc.keyStart);
  const rest = text.slice(colon, doc.lines.lineContentEnd(parentLine));
  if (!/^\s*(#.*)?$/.test(rest)) { return undefined; }
  return atLineEnd(doc, parentLine, yamlEntry(key, value, indent, unit, eol));
}

function insertElement(doc: Doc, parent: Pointer, value: unknown): Splice | undefined {
  const loc = doc.loc(parent);
  if (!loc) {
    const up = parentPointer(parent);
    const token = splitPointer(parent).pop() ?? '';
    if (up === undefined || /^\d+$/.test(token)) { return undefined; }
    return insert(doc, up, token, [value], keysBefore(vocabulary(doc.dialect), blockKindOf(up), token));
  }
  const text = doc.text;
  const eol = doc.eol();
  const items = doc.children(parent);
  const open = text[loc.valueStart];
  const tableArray = doc.toml && items.length > 0 && items[0].loc.keyStart !== undefined && text[items[0].loc.keyStart] === '[';
  if (open === '[' && !tableArray) {
    // A flow sequence / TOML inline array.
    const rendered = doc.toml ? tomlValue(value, doc.tomlQuote(loc.valueStart)) : inlineText(doc, value);
    const lastItem = items[items.length - 1];
    if (!lastItem) {
      const close = text.lastIndexOf(']', loc.valueEnd);
      return { start: close, end: close, text: rendered };
    }
    if (doc.json && doc.lines.lineOf(lastItem.loc.valueStart) !== doc.lines.lineOf(loc.valueStart)) {
      // A JSON array written one element per line: the new element on a line of its own.
      const lineStart = doc.lines.lineStart(doc.lines.lineOf(lastItem.loc.valueStart));
      const lead = text.slice(lineStart, lastItem.loc.valueStart);
      return { start: lastItem.loc.valueEnd, end: lastItem.loc.valueEnd, text: `,${eol}${/^\s*$/.test(lead) ? lead : ''}${rendered}` };
    }
    const comma = /^\s*,/.exec(text.slice(lastItem.loc.valueEnd));
    return comma
      ? { start: lastItem.loc.valueEnd + comma[0].length, end: lastItem.loc.valueEnd + comma[0].length, text: ` ${rendered}` }
      : { start: lastItem.loc.valueEnd, end: lastItem.loc.valueEnd, text: `, ${rendered}` };
  }
  if (doc.toml) {
    // An array of tables: a new [[header]] section after the last element.
    const lastItem = items[items.length - 1];
    if (!lastItem || lastItem.loc.keyStart === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) { return undefined; }
    const header = text.slice(lastItem.loc.keyStart, lastItem.loc.keyEnd);
    const quote = doc.tomlQuote(lastItem.loc.valueStart);
    const body = Object.entries(value).map(([k, v]) => `${tomlKey(k)} = ${tomlValue(v, quote)}${eol}`).join('');
    const last = doc.lastLine(lastItem.loc.valueStart, lastItem.loc.valueEnd);
    return atLineEnd(doc, last, `${eol}${header}${eol}${body}`);
  }
  const unit = doc.indentUnit();
  const lastItem = items[items.length - 1];
  if (lastItem) {
    const itemLine = doc.lines.lineOf(lastItem.loc.valueStart);
    const prefix = text.slice(doc.lines.lineStart(itemLine), lastItem.loc.valueStart);
    const dash = /^(\s*)-\s/.exec(prefix);
    if (!dash) { return undefined; }
    const last = doc.lastLine(lastItem.loc.valueStart, lastItem.loc.valueEnd);
    return atLineEnd(doc, last, yamlItem(value, dash[1], unit, eol));
  }
  if (loc.keyStart === undefined || loc.valueStart !== loc.valueEnd) { return undefined; }
  const parentLine = doc.lines.lineOf(loc.keyStart);
  return atLineEnd(doc, parentLine, yamlItem(value, ' '.repeat(doc.column(loc.keyStart) + unit), unit, eol));
}

function intentSplice(doc: Doc, intent: FixIntent): Splice | undefined {
  switch (intent.kind) {
    case 'insert': return insert(doc, intent.parent, intent.key, intent.value, intent.after);
    case 'insertElement': return insertElement(doc, intent.parent, intent.value);
    case 'replace': return replace(doc, intent.pointer, intent.value);
    case 'delete': return remove(doc, intent.pointer);
    case 'rename': return rename(doc, intent.pointer, intent.newKey);
  }
}

function applySplice(text: string, s: Splice): string {
  return text.slice(0, s.start) + s.text + text.slice(s.end);
}

/** An offset of the text before a splice, in the text after it. */
function mapOffset(o: number, s: Splice): number {
  const delta = s.text.length - (s.end - s.start);
  if (s.start === s.end) { return o >= s.start ? o + delta : o; }
  if (o <= s.start) { return o; }
  if (o >= s.end) { return o + delta; }
  return s.start;
}

function mapLoc(l: Loc, s: Splice): Loc {
  return {
    keyStart: l.keyStart === undefined ? undefined : mapOffset(l.keyStart, s),
    keyEnd: l.keyEnd === undefined ? undefined : mapOffset(l.keyEnd, s),
    valueStart: mapOffset(l.valueStart, s),
    valueEnd: mapOffset(l.valueEnd, s),
  };
}

function isScalar(v: unknown): boolean {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** Whether two pointers are the same node or one contains the other. */
function related(a: Pointer, b: Pointer): boolean {
  return a === b || a === '' || b === '' || b.startsWith(a + '/') || a.startsWith(b + '/');
}

/** The nearest pointer at or above `pointer` that the document has. */
function existing(doc: Doc, pointer: Pointer): Pointer {
  let p: Pointer | undefined = pointer;
  while (p !== undefined && !doc.loc(p)) { p = parentPointer(p); }
  return p ?? '';
}

/** The node whose children an intent reads or changes. */
function scopeOf(intent: FixIntent): Pointer {
  return intent.kind === 'insert' || intent.kind === 'insertElement' ? intent.parent : parentPointer(intent.pointer) ?? '';
}

/** The end of the line at `from` in a splice's text, without trailing blanks. */
function lineEndIn(text: string, from: number): number {
  let end = from;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') { end++; }
  while (end > from && (text[end - 1] === ' ' || text[end - 1] === '\t')) { end--; }
  return end;
}

/**
 * What the document knows after a splice without re-parsing: the location of a scalar it
 * inserted or replaced (a record), a pointer it removed, or, for anything else, the node whose
 * content is no longer known (`dirty`: a later step in it re-parses).
 */
function afterSplice(doc: Doc, intent: FixIntent, s: Splice): { record?: [Pointer, Loc]; deleted?: Pointer; dirty?: Pointer } {
  if (doc.json) { return { dirty: intent.kind === 'insert' || intent.kind === 'insertElement' ? intent.parent : parentPointer(scopeOf(intent)) ?? '' }; }
  if (intent.kind === 'insert' && isScalar(intent.value) && doc.loc(intent.parent) && !doc.loc(joinPointer(intent.parent, intent.key))) {
    const key = doc.toml ? tomlKey(intent.key) : yamlKey(intent.key);
    const rel = s.text.indexOf(key + (doc.toml ? ' = ' : ': '));
    if (rel >= 0) {
      const valueStart = rel + key.length + (doc.toml ? 3 : 2);
      return {
        record: [joinPointer(intent.parent, intent.key), {
          keyStart: s.start + rel, keyEnd: s.start + rel + key.length,
          valueStart: s.start + valueStart, valueEnd: s.start + lineEndIn(s.text, valueStart),
        }],
      };
    }
  }
  const target = intent.kind === 'insert' ? joinPointer(intent.parent, intent.key) : intent.kind === 'insertElement' ? undefined : intent.pointer;
  if (target !== undefined && (intent.kind === 'replace' || intent.kind === 'insert') && isScalar(intent.value)
    && doc.loc(target) && (doc.children(target).length === 0)) {
    const old = doc.loc(target) as Loc;
    const colon = s.text.startsWith(': ') ? 2 : 0;
    return {
      record: [target, {
        keyStart: old.keyStart, keyEnd: old.keyEnd,
        valueStart: s.start + colon, valueEnd: s.start + s.text.length,
      }],
    };
  }
  if (intent.kind === 'delete') { return { deleted: intent.pointer }; }
  return { dirty: intent.kind === 'insert' || intent.kind === 'insertElement' ? existing(doc, intent.parent) : scopeOf(intent) };
}

/**
 * The edits of one fix, or undefined when an intent cannot be placed in this text. The steps of a
 * fix are applied one after the other; a step sees what the earlier ones wrote through the
 * document's record of them, and the text is re-parsed only when a step works inside something an
 * earlier step wrote that is not recorded (a block it inserted, a key it renamed).
 */
export function fixEdits(config: ParsedConfig, dialect: Dialect, changes: readonly FixIntent[]): TextEdit[] | undefined {
  if (changes.length === 0) { return undefined; }
  const lines = config.map.lines;
  const toEdit = (s: Splice): TextEdit => ({ range: lines.range(s.start, s.end), newText: s.text });
  let doc = new Doc(config, dialect);
  if (changes.length === 1) {
    const s = intentSplice(doc, changes[0]);
    return s ? [toEdit(s)] : undefined;
  }
  const dirty: Pointer[] = [];
  // The changed region, in the original text and in the current one (outside it they agree).
  let region: { oStart: number; oEnd: number; cStart: number; cEnd: number } | undefined;
  for (let i = 0; i < changes.length; i++) {
    const intent = changes[i];
    if (dirty.some(d => related(d, scopeOf(intent)))) {
      doc = new Doc(parseConfig(doc.text, config.format), dialect);
      dirty.length = 0;
    }
    const s = intentSplice(doc, intent);
    if (!s) { return undefined; }
    const length = doc.text.length + s.text.length - (s.end - s.start);
    const cStart = Math.min(region?.cStart ?? s.start, s.start);
    const cEnd = Math.max(region ? mapOffset(region.cEnd, s) : 0, s.start + s.text.length);
    region = { cStart, cEnd, oStart: cStart, oEnd: config.text.length - (length - cEnd) };
    const after = i === changes.length - 1 ? {} : afterSplice(doc, intent, s);
    if (after.dirty !== undefined) { dirty.push(after.dirty); }
    doc = new Doc(config, dialect, { doc, splice: s, record: after.record, deleted: after.deleted });
  }
  if (!region) { return undefined; }
  // Trim what the region's ends kept unchanged.
  const original = config.text;
  const current = doc.text;
  let { oStart, oEnd, cEnd } = region;
  while (oStart < oEnd && oStart < cEnd && original[oStart] === current[oStart]) { oStart++; }
  while (oEnd > oStart && cEnd > oStart && original[oEnd - 1] === current[cEnd - 1]) { oEnd--; cEnd--; }
  return [toEdit({ start: oStart, end: oEnd, text: current.slice(oStart, cEnd) })];
}

/** Applies LSP text edits to a text (for tests and the CLI); edits must not overlap. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const spliced = edits
    .map((e, i) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText, i }))
    .sort((a, b) => b.start - a.start || b.i - a.i);
  let out = text;
  for (const s of spliced) { out = applySplice(out, s); }
  return out;
}
