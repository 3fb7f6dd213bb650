/**
 * FixIntent -> minimal LSP TextEdits, in any format whose operations have edits (TOML:
 * edits/toml.ts, YAML: edits/yaml.ts; registered in formats/index.ts). An edit touches only the
 * lines it must: a new key goes after its schema-order sibling (or at the end of its block) with
 * that sibling's indentation, a replaced value keeps its line's trailing comment, a deleted key
 * takes its whole line(s) (a nested block too). A parent that does not exist yet is inserted
 * with the child (its place from the dialect's vocabulary).
 *
 * Several intents in one fix are applied one after the other (re-parsing in between only where
 * needed) and turned into one edit spanning the changed region.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import type { Dialect, Pointer } from '../../model/spec';
import { vocabulary } from '../dialects/registry';
import { keysBefore, snakeCase, type BlockKind } from '../dialects/vocabulary';
import { formatOperations } from '../formats';
import { parseConfig } from '../parse';
import { LineIndex, joinPointer, parentPointer, splitPointer } from '../sourcemap';
import type { FixIntent, ParsedConfig } from '../types';
import { Doc, type FormatEdits, type Loc, type Splice, applySplice, mapOffset } from './doc';

function editsOf(doc: Doc): FormatEdits {
  const edits = formatOperations(doc.format).edits;
  if (!edits) { throw new Error(`no fixes can be written in ${doc.format}`); }
  return edits;
}

/** The kind of block a pointer is, for the schema order of a parent a fix creates: an index entry, the root or a table. */
function blockKindOf(dialect: Dialect, pointer: Pointer): BlockKind {
  const V = vocabulary(dialect);
  const tokens = splitPointer(pointer);
  const list = tokens[tokens.length - 2];
  const named = (key: string): boolean => list === key || (V.snakeCaseAliases === true && list === snakeCase(key));
  if (list !== undefined && named(V.gsi.list)) { return 'gsi'; }
  if (list !== undefined && named(V.lsi.list)) { return 'lsi'; }
  if (pointer === '') { return 'root'; }
  return 'table';
}

/** A key (with its missing parents) that a parent needs: its place from the dialect's schema order. */
function createParent(doc: Doc, parent: Pointer, value: (token: string) => unknown): Splice | undefined {
  const up = parentPointer(parent);
  const token = splitPointer(parent).pop() ?? '';
  if (up === undefined || /^\d+$/.test(token)) { return undefined; }
  return insert(doc, up, token, value(token), keysBefore(vocabulary(doc.dialect), blockKindOf(doc.dialect, up), token));
}

function insert(doc: Doc, parent: Pointer, key: string, value: unknown, after: readonly string[] | undefined): Splice | undefined {
  const loc = doc.loc(parent);
  if (!loc) { return createParent(doc, parent, () => ({ [key]: value })); }
  const existing = doc.loc(joinPointer(parent, key));
  if (existing) { return editsOf(doc).replace(doc, existing, value); }
  return editsOf(doc).insert(doc, parent, loc, key, value, after);
}

function insertElement(doc: Doc, parent: Pointer, value: unknown): Splice | undefined {
  const loc = doc.loc(parent);
  if (!loc) { return createParent(doc, parent, () => [value]); }
  return editsOf(doc).insertElement(doc, loc, doc.children(parent), value);
}

function intentSplice(doc: Doc, intent: FixIntent): Splice | undefined {
  switch (intent.kind) {
    case 'insert': return insert(doc, intent.parent, intent.key, intent.value, intent.after);
    case 'insertElement': return insertElement(doc, intent.parent, intent.value);
    case 'replace': {
      const loc = doc.loc(intent.pointer);
      return loc && editsOf(doc).replace(doc, loc, intent.value);
    }
    case 'delete': {
      const loc = doc.loc(intent.pointer);
      return loc && intent.pointer !== '' ? editsOf(doc).remove(doc, intent.pointer, loc) : undefined;
    }
    case 'rename': {
      const loc = doc.loc(intent.pointer);
      return loc && editsOf(doc).rename(doc, loc, intent.newKey);
    }
  }
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
  if (intent.kind === 'insert' && isScalar(intent.value) && doc.loc(intent.parent) && !doc.loc(joinPointer(intent.parent, intent.key))) {
    const edits = editsOf(doc);
    const key = edits.key(intent.key);
    const rel = s.text.indexOf(key + edits.separator);
    if (rel >= 0) {
      const valueStart = rel + key.length + edits.separator.length;
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
