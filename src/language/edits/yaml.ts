/**
 * The edits of fixes in YAML: block mappings and sequences at the file's indentation step
 * (flow collections where the file has them), plain scalars unless YAML needs quotes.
 */
import { stringify as yamlStringify } from 'yaml';
import type { Pointer } from '../../model/spec';
import { parentPointer } from '../sourcemap';
import { type Child, type Doc, type FormatEdits, type Loc, type Splice, appendToFlowList, atLineEnd, pickSibling, removeNode, skipColon } from './doc';

function yamlKey(key: string): string {
  return yamlStringify(key).trimEnd();
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

function insert(doc: Doc, parent: Pointer, loc: Loc, key: string, value: unknown, after: readonly string[] | undefined): Splice | undefined {
  const text = doc.text;
  const eol = doc.eol();
  const unit = doc.indentUnit();
  if (text[loc.valueStart] === '{') {
    const close = text.lastIndexOf('}', loc.valueEnd);
    const empty = /^\{\s*$/.test(text.slice(loc.valueStart, close));
    return { start: close, end: close, text: `${empty ? '' : ', '}${yamlKey(key)}: ${yamlInline(value)}` };
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

function insertElement(doc: Doc, loc: Loc, items: readonly Child[], value: unknown): Splice | undefined {
  const text = doc.text;
  if (text[loc.valueStart] === '[') { return appendToFlowList(doc, loc, items, yamlInline(value)); }
  const eol = doc.eol();
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

function remove(doc: Doc, pointer: Pointer, loc: Loc): Splice {
  const start = loc.keyStart ?? loc.valueStart;
  return removeNode(doc, loc, start, (before, afterIsEnd, lines) => {
    if (!/^\s*-\s+$/.test(before)) { return undefined; }
    // The first key of a sequence item: pull the item's next key up behind the dash, or remove
    // the whole item when this key is its only one.
    const item = parentPointer(pointer);
    const siblings = item === undefined ? [] : doc.children(item);
    const next = siblings.find(s => (s.loc.keyStart ?? s.loc.valueStart) > start);
    if (next && next.loc.keyStart !== undefined) { return { start, end: next.loc.keyStart, text: '' }; }
    return afterIsEnd ? lines : undefined;
  });
}

export const YAML_EDITS: FormatEdits = {
  key: yamlKey,
  separator: ': ',
  replace: (doc, loc, value) => (loc.valueStart === loc.valueEnd && loc.keyEnd !== undefined
    // `key:` with no value yet.
    ? { start: loc.keyEnd, end: skipColon(doc.text, loc.keyEnd), text: `: ${yamlInline(value)}` }
    : { start: loc.valueStart, end: loc.valueEnd, text: yamlInline(value) }),
  rename: (_doc, loc, newKey) => (loc.keyStart === undefined || loc.keyEnd === undefined ? undefined : { start: loc.keyStart, end: loc.keyEnd, text: yamlKey(newKey) }),
  remove,
  insert,
  insertElement,
};
