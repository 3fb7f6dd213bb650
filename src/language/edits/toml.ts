/**
 * The edits of fixes in TOML: `key = value` lines in the table they belong to (before any
 * sub-table), `[[header]]` sections for a new element of an array of tables, inline tables and
 * arrays; strings quoted as the neighbours quote them.
 */
import type { Pointer } from '../../model/spec';
import { type Child, type Doc, type FormatEdits, type Loc, type Splice, appendToFlowList, atLineEnd, pickSibling, removeNode } from './doc';

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

/** The quote TOML string values around here use: `'` if the neighbours use it, else `"`. */
function quoteNear(doc: Doc, near: number): string {
    const line = doc.lines.lineOf(near);
    for (let d = 0; d < 60; d++) {
      for (const l of [line - d, line + d]) {
        if (l < 0 || l >= doc.lines.lineCount) { continue; }
        const m = /^\s*[A-Za-z0-9_."'-]+\s*=\s*(["'])/.exec(doc.lineText(l));
        if (m) { return m[1]; }
      }
    }
    return '"';
  }
/** Whether the key at `offset` is (part of) a `[table]` header. */
function isHeaderKey(doc: Doc, offset: number): boolean {
  return /^\s*\[/.test(doc.text.slice(doc.lines.lineStart(doc.lines.lineOf(offset)), offset));
}

function insert(doc: Doc, parent: Pointer, loc: Loc, key: string, value: unknown, after: readonly string[] | undefined): Splice | undefined {
  const text = doc.text;
  const eol = doc.eol();
  const quote = quoteNear(doc, loc.valueStart);
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

function insertElement(doc: Doc, loc: Loc, items: readonly Child[], value: unknown): Splice | undefined {
  const text = doc.text;
  const tableArray = items.length > 0 && items[0].loc.keyStart !== undefined && text[items[0].loc.keyStart] === '[';
  if (text[loc.valueStart] === '[' && !tableArray) { return appendToFlowList(doc, loc, items, tomlValue(value, quoteNear(doc, loc.valueStart))); }
  // An array of tables: a new [[header]] section after the last element.
  const eol = doc.eol();
  const lastItem = items[items.length - 1];
  if (!lastItem || lastItem.loc.keyStart === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) { return undefined; }
  const header = text.slice(lastItem.loc.keyStart, lastItem.loc.keyEnd);
  const quote = quoteNear(doc, lastItem.loc.valueStart);
  const body = Object.entries(value).map(([k, v]) => `${tomlKey(k)} = ${tomlValue(v, quote)}${eol}`).join('');
  const last = doc.lastLine(lastItem.loc.valueStart, lastItem.loc.valueEnd);
  return atLineEnd(doc, last, `${eol}${header}${eol}${body}`);
}

export const TOML_EDITS: FormatEdits = {
  key: tomlKey,
  separator: ' = ',
  replace: (doc, loc, value) => ({ start: loc.valueStart, end: loc.valueEnd, text: tomlValue(value, quoteNear(doc, loc.valueStart)) }),
  rename: (doc, loc, newKey) => (loc.keyStart === undefined || loc.keyEnd === undefined || doc.text[loc.keyStart] === '['
    ? undefined : { start: loc.keyStart, end: loc.keyEnd, text: tomlKey(newKey) }),
  // A [table] header key: the table goes from its header line.
  remove: (doc, _pointer, loc) => removeNode(doc, loc, loc.keyStart !== undefined && isHeaderKey(doc, loc.keyStart)
    ? doc.lines.lineStart(doc.lines.lineOf(loc.keyStart)) : loc.keyStart ?? loc.valueStart),
  insert,
  insertElement,
};
