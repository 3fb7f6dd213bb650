/**
 * The edits of fixes in YAML: block mappings and sequences at the file's indentation step
 * (flow collections where the file has them), plain scalars unless YAML needs quotes. A JSON
 * document (a CloudFormation template in JSON, which the YAML parser reads as flow syntax) gets
 * JSON: quoted keys and values, one comma per member, new members on lines of their own where
 * the document writes them so.
 */
import { stringify as yamlStringify } from 'yaml';
import type { Pointer } from '../../model/spec';
import { parentPointer } from '../sourcemap';
import { type Child, type Doc, type FormatEdits, type Loc, type Splice, appendToFlowList, atLineEnd, pickSibling, removeNode, skipColon } from './doc';

function yamlKey(key: string): string {
  return yamlStringify(key).trimEnd();
}

/** Whether the document is JSON (its first character opens an object). */
function isJson(doc: Doc): boolean {
  return /^\s*\{/.test(doc.text);
}

/** A key as the document writes it: quoted in JSON. */
function keyText(doc: Doc, key: string): string {
  return isJson(doc) ? JSON.stringify(key) : yamlKey(key);
}

/** A value on one line as the document writes it: JSON in a JSON document. */
function inlineText(doc: Doc, v: unknown): string {
  return isJson(doc) ? JSON.stringify(v) : yamlInline(v);
}

/** The whitespace before a node on its line, when nothing else is before it there. */
function leadOf(doc: Doc, offset: number): string | undefined {
  const lead = doc.text.slice(doc.lines.lineStart(doc.lines.lineOf(offset)), offset);
  return /^\s*$/.test(lead) ? lead : undefined;
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
    const members = doc.children(parent).filter(c => c.loc.keyStart !== undefined);
    const last = members[members.length - 1];
    const lead = last?.loc.keyStart !== undefined ? leadOf(doc, last.loc.keyStart) : undefined;
    if (isJson(doc) && last && lead !== undefined && doc.lines.lineOf(last.loc.keyStart!) !== doc.lines.lineOf(loc.valueStart)) {
      // A JSON object written one member per line: the new member on a line of its own.
      return { start: last.loc.valueEnd, end: last.loc.valueEnd, text: `,${eol}${lead}${keyText(doc, key)}: ${inlineText(doc, value)}` };
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

function insertElement(doc: Doc, loc: Loc, items: readonly Child[], value: unknown): Splice | undefined {
  const text = doc.text;
  const eol = doc.eol();
  if (text[loc.valueStart] === '[') {
    const last = items[items.length - 1];
    const lead = last ? leadOf(doc, last.loc.valueStart) : undefined;
    if (isJson(doc) && last && lead !== undefined && doc.lines.lineOf(last.loc.valueStart) !== doc.lines.lineOf(loc.valueStart)) {
      // A JSON array written one element per line: the new element on a line of its own.
      return { start: last.loc.valueEnd, end: last.loc.valueEnd, text: `,${eol}${lead}${inlineText(doc, value)}` };
    }
    return appendToFlowList(doc, loc, items, inlineText(doc, value));
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

/**
 * A member or element of a JSON document goes with one comma: the one after it, else the one
 * before it; a line left empty goes too.
 */
function removeJson(doc: Doc, loc: Loc): Splice {
  const text = doc.text;
  const start = loc.keyStart ?? loc.valueStart;
  const end = loc.valueEnd;
  const next = /^[ \t]*,[ \t]*/.exec(text.slice(end));
  if (next) {
    const after = end + next[0].length;
    const line = doc.lines.lineOf(after);
    if (leadOf(doc, start) !== undefined && after === doc.lines.lineContentEnd(line)) {
      return { start: doc.lines.lineStart(doc.lines.lineOf(start)), end: doc.afterLine(line), text: '' };
    }
    return { start, end: after, text: '' };
  }
  const before = /,\s*$/.exec(text.slice(0, start));
  if (before) { return { start: before.index, end, text: '' }; }
  return { start, end, text: '' };
}

function remove(doc: Doc, pointer: Pointer, loc: Loc): Splice {
  if (isJson(doc)) { return removeJson(doc, loc); }
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
    ? { start: loc.keyEnd, end: skipColon(doc.text, loc.keyEnd), text: `: ${inlineText(doc, value)}` }
    : { start: loc.valueStart, end: loc.valueEnd, text: inlineText(doc, value) }),
  rename: (doc, loc, newKey) => (loc.keyStart === undefined || loc.keyEnd === undefined ? undefined : { start: loc.keyStart, end: loc.keyEnd, text: keyText(doc, newKey) }),
  remove,
  insert,
  insertElement,
};
