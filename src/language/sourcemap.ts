/**
 * Shared pieces of the per-format source maps: offsets <-> LSP positions (UTF-16 code units,
 * which is what JavaScript string indices count; lines end at LF, CRLF or CR) and a map from
 * JSON pointer to key/value offsets that builds LSP ranges on demand.
 */
import type { Position, Range } from 'vscode-languageserver-types';
import type { Pointer } from '../model/spec';
import type { Format, SourceLocation, SourceMap, SyntaxError } from './types';

/** Line starts of a text, for offset <-> position conversion. */
export class LineIndex {
  /**
   * A typed array, counted before it is filled: a JS array of a large file's line starts grows
   * through several copies, each a fresh large object on the JS heap (slow to map in).
   */
  private readonly starts: Int32Array;

  constructor(readonly text: string) {
    if (text.indexOf('\r') < 0) {
      // LF only (the common case): indexOf finds each line break far faster than a char loop.
      let count = 1;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) { count++; }
      const starts = new Int32Array(count);
      let line = 1;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) { starts[line++] = i + 1; }
      this.starts = starts;
      return;
    }
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) { i++; }
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.starts = Int32Array.from(starts);
  }

  get lineCount(): number { return this.starts.length; }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Offset just before the line break of `line` (the end of its content). */
  lineContentEnd(line: number): number {
    if (line + 1 >= this.starts.length) { return this.text.length; }
    let end = this.starts[line + 1];
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) { end--; }
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) { end--; }
    return end;
  }

  lineOf(offset: number): number {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) { lo = mid; } else { hi = mid - 1; }
    }
    return lo;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(o);
    // An offset between \r and \n belongs at the end of the line's content.
    return { line, character: Math.min(o, this.lineContentEnd(line)) - this.starts[line] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) { return 0; }
    if (position.line >= this.starts.length) { return this.text.length; }
    const start = this.starts[position.line];
    return Math.min(start + Math.max(0, position.character), this.lineContentEnd(position.line));
  }

  range(start: number, end: number): Range {
    const s = Math.max(0, Math.min(start, end));
    return { start: this.positionAt(s), end: this.positionAt(Math.max(start, end)) };
  }
}

/** The range of an error point: the rest of its line, or the previous non-blank line's content. */
export function widenPoint(text: string, lines: LineIndex, index: number): [number, number] {
  let line = lines.lineOf(index);
  const start = Math.min(Math.max(index, lines.lineStart(line)), lines.lineContentEnd(line));
  let end = lines.lineContentEnd(line);
  while (end > start && /\s/.test(text[end - 1])) { end--; }
  if (end > start) { return [start, end]; }
  // Nothing left on the line: mark the content of this or the nearest previous non-blank line.
  for (; line >= 0; line--) {
    let s = lines.lineStart(line);
    let e = lines.lineContentEnd(line);
    while (s < e && /\s/.test(text[s])) { s++; }
    while (e > s && /\s/.test(text[e - 1])) { e--; }
    if (e > s) { return [s, e]; }
  }
  return [Math.min(index, text.length), Math.min(index, text.length)];
}

/** Offsets of one pointer's key (optional) and value. */
export interface OffsetLocation {
  keyStart?: number;
  keyEnd?: number;
  valueStart: number;
  valueEnd: number;
}

export function escapePointerToken(token: string | number): string {
  if (typeof token === 'number') { return String(token); }
  if (token.indexOf('~') < 0 && token.indexOf('/') < 0) { return token; }
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapePointerToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function joinPointer(base: Pointer, token: string | number): Pointer {
  return `${base}/${escapePointerToken(token)}`;
}

/** `/a/b/0` -> ['a', 'b', '0']; `''` -> []. */
export function splitPointer(pointer: Pointer): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map(unescapePointerToken);
}

export function parentPointer(pointer: Pointer): Pointer | undefined {
  if (pointer === '') { return undefined; }
  return pointer.slice(0, pointer.lastIndexOf('/'));
}

/** The plain value at a pointer of a parsed document, or undefined. */
export function valueAt(root: unknown, pointer: Pointer): unknown {
  let node: unknown = root;
  // Token by token with indexOf (no split array, no regex unless a token is escaped).
  for (let at = 0; at < pointer.length;) {
    const next = pointer.indexOf('/', at + 1);
    const end = next < 0 ? pointer.length : next;
    const raw = pointer.slice(at + 1, end);
    at = end;
    const key = raw.includes('~') ? raw.replace(/~1/g, '/').replace(/~0/g, '~') : raw;
    if (Array.isArray(node)) { node = node[Number(key)]; }
    else if (node !== null && typeof node === 'object') { node = (node as Record<string, unknown>)[key]; }
    else { return undefined; }
  }
  return node;
}

/** A SourceMap over offset locations; ranges are made when asked for. */
export class OffsetSourceMap implements SourceMap {
  /** Pointer -> its slot; a slot is four numbers in `offsetsOf`: key start, key end (-1: no key), value start, value end. */
  private readonly slots = new Map<Pointer, number>();
  private readonly offsetsOf: number[] = [];
  private readonly errors: SyntaxError[] = [];

  constructor(readonly format: Format, readonly lines: LineIndex) {}

  private childIndex: Map<Pointer, Pointer[]> | undefined;

  /** Records a location; a second record of the same pointer widens its value range. */
  record(pointer: Pointer, location: OffsetLocation): void {
    const hasKey = location.keyStart !== undefined && location.keyEnd !== undefined;
    this.recordAt(pointer, hasKey ? location.keyStart as number : -1, hasKey ? location.keyEnd as number : -1, location.valueStart, location.valueEnd);
  }

  /** `record` without an object per call (keyStart -1: no key), for the parsers' walks. */
  recordAt(pointer: Pointer, keyStart: number, keyEnd: number, valueStart: number, valueEnd: number): void {
    const o = this.offsetsOf;
    const slot = this.slots.get(pointer);
    if (slot === undefined) {
      this.slots.set(pointer, o.length);
      o.push(keyStart, keyEnd, valueStart, valueEnd);
      this.childIndex = undefined;
      return;
    }
    if (valueStart < o[slot + 2]) { o[slot + 2] = valueStart; }
    if (valueEnd > o[slot + 3]) { o[slot + 3] = valueEnd; }
    if (o[slot] < 0 && keyStart >= 0) {
      o[slot] = keyStart;
      o[slot + 1] = keyEnd;
    }
  }

  addSyntaxError(message: string, start: number, end: number, severity?: 'warning'): void {
    const range = this.lines.range(start, end);
    this.errors.push(severity ? { message, range, severity } : { message, range });
  }

  get syntaxErrors(): readonly SyntaxError[] { return this.errors; }

  offsets(pointer: Pointer): Readonly<OffsetLocation> | undefined {
    const slot = this.slots.get(pointer);
    if (slot === undefined) { return undefined; }
    const o = this.offsetsOf;
    return o[slot] >= 0
      ? { keyStart: o[slot], keyEnd: o[slot + 1], valueStart: o[slot + 2], valueEnd: o[slot + 3] }
      : { valueStart: o[slot + 2], valueEnd: o[slot + 3] };
  }

  get(pointer: Pointer): SourceLocation | undefined {
    const slot = this.slots.get(pointer);
    if (slot === undefined) { return undefined; }
    const o = this.offsetsOf;
    const valueRange = this.lines.range(o[slot + 2], o[slot + 3]);
    return o[slot] >= 0 ? { keyRange: this.lines.range(o[slot], o[slot + 1]), valueRange } : { valueRange };
  }

  pointers(): Iterable<Pointer> {
    return this.slots.keys();
  }

  children(pointer: Pointer): readonly Pointer[] {
    if (!this.childIndex) {
      // Built once per parse, on first use: a fix or a completion then costs its own work only.
      const index = new Map<Pointer, Pointer[]>();
      for (const p of this.slots.keys()) {
        const parent = parentPointer(p);
        if (parent === undefined) { continue; }
        const list = index.get(parent);
        if (list) { list.push(p); } else { index.set(parent, [p]); }
      }
      this.childIndex = index;
    }
    return this.childIndex.get(pointer) ?? [];
  }

  pointerAt(offset: number): { pointer: Pointer; on: 'key' | 'value' } | undefined {
    return innermostAt(this.offsetsOf, offset, this.slots);
  }
}

/**
 * The innermost key or value at `offset`: of the entries (a pointer and where its four offsets
 * start in `o`: key start, key end (-1: no key), value start, value end) whose key or value holds
 * the offset, the deepest, then the smallest.
 */
function innermostAt(o: ArrayLike<number>, offset: number, entries: Iterable<readonly [Pointer, number]>): { pointer: Pointer; on: 'key' | 'value' } | undefined {
  let best: { pointer: Pointer; on: 'key' | 'value'; size: number; depth: number } | undefined;
  for (const [pointer, at] of entries) {
    const keyStart = o[at];
    const keyEnd = o[at + 1];
    const valueStart = o[at + 2];
    const valueEnd = o[at + 3];
    const inKey = keyStart >= 0 && keyStart <= offset && offset <= keyEnd;
    const inValue = valueStart <= offset && offset <= valueEnd;
    if (!inKey && !inValue) { continue; }
    const depth = pointer.split('/').length;
    if (inKey) {
      const size = keyEnd - keyStart;
      if (!best || depth > best.depth || (depth === best.depth && size < best.size)) { best = { pointer, on: 'key', size, depth }; }
    }
    if (inValue) {
      const size = valueEnd - valueStart;
      if (!best || depth > best.depth || (depth === best.depth && size < best.size)) { best = { pointer, on: 'value', size, depth }; }
    }
  }
  return best && { pointer: best.pointer, on: best.on };
}

/** Children of one parent beyond which a lookup by key goes through a map, not a scan. */
const WIDE = 16;

/** A chunk of `TreeSourceMap`'s token list holds 2^CHUNK_BITS tokens. */
const CHUNK_BITS = 12;
const CHUNK = 1 << CHUNK_BITS;

/** Per slot in `TreeSourceMap.links`: parent, first child, last child, next sibling (-1: none), child count. */
const LINKS = 5;

/**
 * A SourceMap recorded as a tree of slots (a slot: its parent slot, its key or index, its
 * offsets), for the TOML and YAML walks: no pointer string is made or hashed while parsing. `get`
 * and `offsets` descend from the root by the pointer's tokens; `pointers`, `children` and
 * `pointerAt` (completion, hover, fixes) make every pointer once, on first use. Slots are in
 * document order. Slots live in typed arrays and tokens in small chunks: a large JS array grows
 * through copies that are each a fresh large object on the JS heap, which showed as most of the
 * cost of recording a 50,000-line file.
 */
export class TreeSourceMap implements SourceMap {
  static readonly ROOT = 0;
  private size = 1;
  private links: Int32Array;
  /** Four numbers a slot: key start, key end (-1: no key), value start, value end. */
  private offsetsOf: Int32Array;
  /** Each slot's key (a string) or array index (a number), CHUNK a chunk. */
  private readonly tokens: (string | number)[][] = [['']];
  /** Parents with many children: their children by key. */
  private readonly wide = new Map<number, Map<string | number, number>>();
  private pointerOf: Pointer[] | undefined;
  private slotOf: Map<Pointer, number> | undefined;
  private readonly errors: SyntaxError[] = [];

  constructor(readonly format: Format, readonly lines: LineIndex) {
    // About a slot a line in a config; the arrays double when that is not enough.
    const capacity = Math.max(16, lines.lineCount + 1);
    this.links = new Int32Array(capacity * LINKS);
    this.links.set([-1, -1, -1, -1, 0]);
    this.offsetsOf = new Int32Array(capacity * 4);
    this.offsetsOf.set([-1, -1, 0, lines.text.length]);
  }

  /**
   * The slot of `parent`'s child `token` (an array element's index is a number), widened to these
   * offsets when it exists (table headers and dotted keys reopen tables), else a new one.
   */
  open(parent: number, token: string | number, keyStart: number, keyEnd: number, valueStart: number, valueEnd: number): number {
    const known = this.child(parent, token);
    if (known >= 0) {
      const o = this.offsetsOf;
      const at = known * 4;
      this.widen(known, valueStart, valueEnd);
      if (o[at] < 0 && keyStart >= 0) {
        o[at] = keyStart;
        o[at + 1] = keyEnd;
      }
      return known;
    }
    return this.add(parent, token, keyStart, keyEnd, valueStart, valueEnd);
  }

  /**
   * Widens a slot's value range to hold `valueStart..valueEnd` (the TOML scanner learns where a
   * table or value ends after it has recorded what is inside).
   */
  widen(slot: number, valueStart: number, valueEnd: number): void {
    const o = this.offsetsOf;
    const at = slot * 4;
    if (valueStart < o[at + 2]) { o[at + 2] = valueStart; }
    if (valueEnd > o[at + 3]) { o[at + 3] = valueEnd; }
  }

  /**
   * A new child slot, for a key the caller knows is new (a TOML key that is not a table: the
   * parser rejects a key defined twice) or the next element of an array.
   */
  add(parent: number, token: string | number, keyStart: number, keyEnd: number, valueStart: number, valueEnd: number): number {
    const slot = this.size;
    if (slot * 4 === this.offsetsOf.length) { this.grow(); }
    this.size = slot + 1;
    const o = this.offsetsOf;
    const at = slot * 4;
    o[at] = keyStart;
    o[at + 1] = keyEnd;
    o[at + 2] = valueStart;
    o[at + 3] = valueEnd;
    const l = this.links;
    const me = slot * LINKS;
    l[me] = parent;
    l[me + 1] = -1;
    l[me + 2] = -1;
    l[me + 3] = -1;
    l[me + 4] = 0;
    const p = parent * LINKS;
    if (l[p + 2] < 0) { l[p + 1] = slot; } else { l[l[p + 2] * LINKS + 3] = slot; }
    l[p + 2] = slot;
    if (++l[p + 4] > WIDE) {
      const byToken = this.wide.get(parent);
      if (byToken && !byToken.has(token)) { byToken.set(token, slot); }
    }
    const chunk = this.tokens[this.tokens.length - 1];
    if (chunk.length < CHUNK) { chunk.push(token); } else { this.tokens.push([token]); }
    this.pointerOf = undefined;
    this.slotOf = undefined;
    return slot;
  }

  private grow(): void {
    const links = new Int32Array(this.links.length * 2);
    links.set(this.links);
    this.links = links;
    const offsets = new Int32Array(this.offsetsOf.length * 2);
    offsets.set(this.offsetsOf);
    this.offsetsOf = offsets;
  }

  private token(slot: number): string | number {
    return this.tokens[slot >> CHUNK_BITS][slot & (CHUNK - 1)];
  }

  /** The child slot of `parent` with this key or index, or -1. */
  private child(parent: number, token: string | number): number {
    const l = this.links;
    if (l[parent * LINKS + 4] <= WIDE) {
      for (let s = l[parent * LINKS + 1]; s >= 0; s = l[s * LINKS + 3]) { if (this.token(s) === token) { return s; } }
      return -1;
    }
    let byToken = this.wide.get(parent);
    if (!byToken) {
      byToken = new Map();
      for (let s = l[parent * LINKS + 1]; s >= 0; s = l[s * LINKS + 3]) {
        const t = this.token(s);
        if (!byToken.has(t)) { byToken.set(t, s); }
      }
      this.wide.set(parent, byToken);
    }
    return byToken.get(token) ?? -1;
  }

  /** The slot of a pointer, descending from the root, or -1. */
  private slot(pointer: Pointer): number {
    if (this.slotOf) { return this.slotOf.get(pointer) ?? -1; }
    let slot = TreeSourceMap.ROOT;
    for (let at = 0; at < pointer.length && slot >= 0;) {
      if (pointer.charCodeAt(at) !== 47 /* / */) { return -1; }
      const next = pointer.indexOf('/', at + 1);
      const end = next < 0 ? pointer.length : next;
      const raw = pointer.slice(at + 1, end);
      at = end;
      const key = raw.includes('~') ? unescapePointerToken(raw) : raw;
      // An array's elements have number tokens; the pointer names them by their decimal index. (A
      // YAML key written twice shares one slot, which can then hold elements and keys alike.)
      const index = /^(0|[1-9][0-9]*)$/.test(key) ? this.child(slot, Number(key)) : -1;
      slot = index >= 0 ? index : this.child(slot, key);
    }
    return slot;
  }

  addSyntaxError(message: string, start: number, end: number, severity?: 'warning'): void {
    const range = this.lines.range(start, end);
    this.errors.push(severity ? { message, range, severity } : { message, range });
  }

  get syntaxErrors(): readonly SyntaxError[] { return this.errors; }

  offsets(pointer: Pointer): Readonly<OffsetLocation> | undefined {
    const slot = this.slot(pointer);
    if (slot < 0) { return undefined; }
    const o = this.offsetsOf;
    const at = slot * 4;
    return o[at] >= 0
      ? { keyStart: o[at], keyEnd: o[at + 1], valueStart: o[at + 2], valueEnd: o[at + 3] }
      : { valueStart: o[at + 2], valueEnd: o[at + 3] };
  }

  get(pointer: Pointer): SourceLocation | undefined {
    const slot = this.slot(pointer);
    if (slot < 0) { return undefined; }
    const o = this.offsetsOf;
    const at = slot * 4;
    const valueRange = this.lines.range(o[at + 2], o[at + 3]);
    return o[at] >= 0 ? { keyRange: this.lines.range(o[at], o[at + 1]), valueRange } : { valueRange };
  }

  /** Every slot's pointer (made once; a parent's slot precedes its children's). */
  private allPointers(): Pointer[] {
    if (!this.pointerOf) {
      const out: Pointer[] = [''];
      const slots = new Map<Pointer, number>([['', 0]]);
      for (let s = 1; s < this.size; s++) {
        const p = joinPointer(out[this.links[s * LINKS]], this.token(s));
        out.push(p);
        slots.set(p, s);
      }
      this.pointerOf = out;
      this.slotOf = slots;
    }
    return this.pointerOf;
  }

  pointers(): Iterable<Pointer> {
    return this.allPointers();
  }

  children(pointer: Pointer): readonly Pointer[] {
    const slot = this.slot(pointer);
    if (slot < 0) { return []; }
    const all = this.allPointers();
    const out: Pointer[] = [];
    for (let s = this.links[slot * LINKS + 1]; s >= 0; s = this.links[s * LINKS + 3]) { out.push(all[s]); }
    return out;
  }

  /** Each slot's pointer, with where its offsets start in `offsetsOf`. */
  private *slotEntries(): Generator<readonly [Pointer, number]> {
    const all = this.allPointers();
    for (let slot = 0; slot < all.length; slot++) { yield [all[slot], slot * 4]; }
  }

  pointerAt(offset: number): { pointer: Pointer; on: 'key' | 'value' } | undefined {
    return innermostAt(this.offsetsOf, offset, this.slotEntries());
  }
}
