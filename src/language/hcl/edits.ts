/**
 * FixIntent -> TextEdits for HCL (Terraform). Each intent is applied to the text in turn (the
 * text re-parsed in between: tree-sitter is fast), and the fix becomes one edit spanning what
 * changed. Inside an aws_dynamodb_table resource a nested object is written as a block
 * (`ttl { ... }`) and a list of objects under a repeated block type as one block each
 * (`attribute { ... }`); in a module (the ARC module's inputs) as `key = { ... }` / `[ ... ]`.
 * A new argument goes after its schema-order sibling (else at the end of its block) with the
 * siblings' indentation; a deleted argument or block takes its whole lines.
 *
 * A key element's type has no node in Terraform (`hash_key = "a"` is the HASH): a replace of
 * `<argument>/@keyType` renames the argument (hash_key <-> range_key).
 */
import type { TextEdit } from 'vscode-languageserver-types';
import type { Pointer } from '../../model/spec';
import { LineIndex, joinPointer } from '../sourcemap';
import type { FixIntent } from '../types';
import { parseHcl, type HclParsedConfig } from './parser';
import { KEY_TYPE_SUFFIX, RESOURCE_BLOCKS } from './values';

interface Splice { readonly start: number; readonly end: number; readonly text: string }


function isIdentifier(key: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key);
}

/** An HCL literal of a plain value, objects and lists of objects over several lines. */
export function hclValue(value: unknown, indent: string, unit = '  '): string {
  if (value === null || value === undefined) { return 'null'; }
  if (typeof value === 'string') { return JSON.stringify(value).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{'); }
  if (typeof value === 'number' || typeof value === 'boolean') { return String(value); }
  if (Array.isArray(value)) {
    if (value.every(v => v === null || typeof v !== 'object')) { return `[${value.map(v => hclValue(v, indent, unit)).join(', ')}]`; }
    if (value.length === 0) { return '[]'; }
    return `[\n${value.map(v => `${indent}${unit}${hclValue(v, indent + unit, unit)}`).join(',\n')},\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) { return '{}'; }
  const width = Math.max(...entries.map(([k]) => hclKey(k).length));
  return `{\n${entries.map(([k, v]) => `${indent}${unit}${hclKey(k).padEnd(width)} = ${hclValue(v, indent + unit, unit)}`).join('\n')}\n${indent}}`;
}

function hclKey(key: string): string {
  return isIdentifier(key) ? key : JSON.stringify(key);
}

/** An argument or (in a resource) a block, at `indent`. */
function hclEntry(key: string, value: unknown, indent: string, asBlocks: boolean, unit = '  '): string {
  if (asBlocks && RESOURCE_BLOCKS.has(key)) {
    const items = Array.isArray(value) ? value : [value];
    if (items.every(v => v !== null && typeof v === 'object' && !Array.isArray(v))) {
      return items.map(v => hclBlock(key, v as Record<string, unknown>, indent, unit)).join(`\n${indent}`);
    }
  }
  return `${hclKey(key)} = ${hclValue(value, indent, unit)}`;
}

function hclBlock(type: string, body: Record<string, unknown>, indent: string, unit: string): string {
  const entries = Object.entries(body);
  const width = Math.max(0, ...entries.map(([k]) => (RESOURCE_BLOCKS.has(k) ? 0 : hclKey(k).length)));
  const lines = entries.map(([k, v]) => {
    const entry = hclEntry(k, v, indent + unit, true, unit);
    return `${indent}${unit}${entry.startsWith(`${hclKey(k)} = `) ? `${hclKey(k).padEnd(width)} = ${entry.slice(hclKey(k).length + 3)}` : entry}`;
  });
  return `${type} {\n${lines.join('\n')}\n${indent}}`;
}

function lineIndent(text: string, lines: LineIndex, offset: number): string {
  const start = lines.lineStart(lines.lineOf(offset));
  return /^[ \t]*/.exec(text.slice(start, offset))?.[0] ?? '';
}

/** The range of whole lines holding [start, end) when nothing else shares them, else undefined. */
function wholeLines(text: string, lines: LineIndex, start: number, end: number): { start: number; end: number } | undefined {
  const first = lines.lineOf(start);
  const last = lines.lineOf(Math.max(start, end - 1));
  const lineStart = lines.lineStart(first);
  const lineEnd = lines.lineContentEnd(last);
  if (text.slice(lineStart, start).trim() !== '') { return undefined; }
  const rest = text.slice(end, lineEnd).trim();
  if (rest !== '' && rest !== ',' && !rest.startsWith('#') && !rest.startsWith('//')) { return undefined; }
  const next = last + 1 < lines.lineCount ? lines.lineStart(last + 1) : text.length;
  return { start: lineStart, end: next };
}

function inResource(pointer: Pointer): boolean {
  return pointer.startsWith('/resource/');
}

class Editor {
  readonly lines: LineIndex;
  readonly text: string;

  constructor(readonly config: HclParsedConfig) {
    this.lines = config.map.lines;
    this.text = config.text;
  }

  splice(intent: FixIntent): Splice | undefined {
    switch (intent.kind) {
      case 'replace': return this.replace(intent.pointer, intent.value);
      case 'delete': return this.delete(intent.pointer);
      case 'rename': return this.rename(intent.pointer, intent.newKey);
      case 'insert': return this.insert(intent.parent, intent.key, intent.value, intent.after ?? []);
      case 'insertElement': return this.insertElement(intent.parent, intent.value);
    }
  }

  private replace(pointer: Pointer, value: unknown): Splice | undefined {
    if (pointer.endsWith(KEY_TYPE_SUFFIX)) {
      const argument = pointer.slice(0, -KEY_TYPE_SUFFIX.length);
      return this.rename(argument, value === 'RANGE' ? 'range_key' : 'hash_key');
    }
    const at = this.config.map.offsets(pointer);
    if (!at) { return undefined; }
    return { start: at.valueStart, end: at.valueEnd, text: hclValue(value, lineIndent(this.text, this.lines, at.valueStart)) };
  }

  private rename(pointer: Pointer, newKey: string): Splice | undefined {
    const at = this.config.map.offsets(pointer);
    if (!at || at.keyStart === undefined || at.keyEnd === undefined) { return undefined; }
    return { start: at.keyStart, end: at.keyEnd, text: hclKey(newKey) };
  }

  private delete(pointer: Pointer): Splice | undefined {
    const node = this.config.nodes.get(pointer);
    if (!node) { return undefined; }
    let { start, end } = node;
    if (node.kind === 'element' || node.kind === 'objectElem') {
      // The separating comma: the one after, else the one before.
      const after = /^\s*,/.exec(this.text.slice(end));
      if (after) { end += after[0].length; }
      else {
        const before = /,\s*$/.exec(this.text.slice(0, start));
        if (before && !wholeLines(this.text, this.lines, start, end)) { start -= before[0].length; }
      }
    }
    const lines = wholeLines(this.text, this.lines, start, end);
    return lines ? { start: lines.start, end: lines.end, text: '' } : { start, end, text: '' };
  }

  /** The indentation of the children of a block or object, and where its inside ends. */
  private inside(parent: Pointer): { innerStart: number; innerEnd: number; indent: string; oneLine: boolean } | undefined {
    const node = this.config.nodes.get(parent);
    if (!node || node.innerStart === undefined || node.innerEnd === undefined) { return undefined; }
    const children = this.config.map.children(parent);
    const firstChild = children.map(c => this.config.nodes.get(c)).find(n => n !== undefined);
    const own = parent === '' ? '' : lineIndent(this.text, this.lines, node.start);
    const indent = firstChild ? lineIndent(this.text, this.lines, firstChild.start) : `${own}  `;
    const oneLine = parent !== '' && this.lines.lineOf(node.innerStart) === this.lines.lineOf(node.innerEnd);
    return { innerStart: node.innerStart, innerEnd: node.innerEnd, indent, oneLine };
  }

  private insert(parent: Pointer, key: string, value: unknown, after: readonly string[]): Splice | undefined {
    const inside = this.inside(parent);
    if (!inside) { return undefined; }
    const asBlocks = inResource(parent);
    if (inside.oneLine) {
      // `{ name = "a" }` -> `{ name = "a", key = value }`
      const content = this.text.slice(inside.innerStart, inside.innerEnd);
      const trimmed = content.replace(/\s+$/, '');
      const sep = trimmed.trim() === '' ? ' ' : trimmed.endsWith(',') ? ' ' : ', ';
      return { start: inside.innerStart + trimmed.length, end: inside.innerEnd, text: `${sep}${hclKey(key)} = ${hclValue(value, '')} ` };
    }
    let anchor: number | undefined;
    for (const k of after) {
      const n = this.config.nodes.get(joinPointer(parent, k));
      if (n && (anchor === undefined || n.end > anchor)) { anchor = n.end; }
    }
    const entry = hclEntry(key, value, inside.indent, asBlocks);
    if (anchor !== undefined) {
      const lineEnd = this.lines.lineContentEnd(this.lines.lineOf(anchor));
      return { start: lineEnd, end: lineEnd, text: `\n${inside.indent}${entry}` };
    }
    // At the end of the block: after its last non-blank line inside the braces.
    const content = this.text.slice(inside.innerStart, inside.innerEnd);
    const trimmed = content.replace(/\s+$/, '');
    const at = inside.innerStart + trimmed.length;
    return { start: at, end: at, text: `\n${inside.indent}${entry}` };
  }

  private insertElement(parent: Pointer, value: unknown): Splice | undefined {
    const node = this.config.nodes.get(parent);
    const children = this.config.map.children(parent);
    const lastChild = children.length > 0 ? this.config.nodes.get(children[children.length - 1]) : undefined;
    if (node?.kind === 'blockList' && lastChild) {
      // Repeated blocks: one more block after the last.
      const type = parent.slice(parent.lastIndexOf('/') + 1);
      const indent = lineIndent(this.text, this.lines, lastChild.start);
      const body = value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : {};
      const lineEnd = this.lines.lineContentEnd(this.lines.lineOf(lastChild.end));
      return { start: lineEnd, end: lineEnd, text: `\n${indent}${hclBlock(type, body, indent, '  ')}` };
    }
    const at = this.config.map.offsets(parent);
    if (!at) { return undefined; }
    const tuple = this.text.slice(at.valueStart, at.valueEnd);
    if (!tuple.startsWith('[') || !tuple.endsWith(']')) { return undefined; }
    const close = at.valueEnd - 1;
    if (!lastChild) {
      const indent = lineIndent(this.text, this.lines, at.valueStart);
      return { start: at.valueStart, end: at.valueEnd, text: `[\n${indent}  ${hclValue(value, `${indent}  `)},\n${indent}]` };
    }
    const indent = lineIndent(this.text, this.lines, lastChild.start);
    const multiLine = this.lines.lineOf(lastChild.end) !== this.lines.lineOf(close);
    const rest = this.text.slice(lastChild.end, close);
    const comma = /^\s*,/.exec(rest);
    const insertAt = comma ? lastChild.end + comma[0].length : lastChild.end;
    if (!multiLine) {
      return { start: insertAt, end: insertAt, text: `${comma ? '' : ','} ${hclValue(value, indent)}` };
    }
    return { start: insertAt, end: insertAt, text: `${comma ? '' : ','}\n${indent}${hclValue(value, indent)}${comma ? ',' : ''}` };
  }
}

function applySplice(text: string, s: Splice): string {
  return text.slice(0, s.start) + s.text + text.slice(s.end);
}

/** The edits of one fix in an HCL text, or undefined when an intent cannot be placed. */
export function hclFixEdits(config: HclParsedConfig, changes: readonly FixIntent[]): TextEdit[] | undefined {
  if (changes.length === 0) { return undefined; }
  let current = config;
  for (let i = 0; i < changes.length; i++) {
    const s = new Editor(current).splice(changes[i]);
    if (!s) { return undefined; }
    const text = applySplice(current.text, s);
    current = i === changes.length - 1 ? { ...current, text } : parseHcl(text);
  }
  const original = config.text;
  const next = current.text;
  let start = 0;
  while (start < original.length && start < next.length && original[start] === next[start]) { start++; }
  let oEnd = original.length;
  let nEnd = next.length;
  while (oEnd > start && nEnd > start && original[oEnd - 1] === next[nEnd - 1]) { oEnd--; nEnd--; }
  return [{ range: config.map.lines.range(start, oEnd), newText: next.slice(start, nEnd) }];
}

