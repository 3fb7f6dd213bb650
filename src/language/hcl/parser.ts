/**
 * HCL (Terraform) -> ParsedConfig with a SourceMap, via tree-sitter's HCL grammar
 * (@tree-sitter-grammars/tree-sitter-hcl, its prebuilt wasm) run by web-tree-sitter.
 *
 * The value follows Terraform's JSON syntax: a labelled block nests by its labels
 * (`resource "aws_dynamodb_table" "users" {}` -> /resource/aws_dynamodb_table/users), a block is
 * an object, and a block type that can repeat (REPEATED_BLOCKS, or any type written twice in one
 * body) is an array of objects. An expression whose value is not a literal (a variable, a local,
 * a function call, an interpolation, a `dynamic` block's content) becomes an HclUnknown: rules
 * that need it stay silent. An argument given twice keeps the first under its name and the later
 * ones under DUPLICATE_MARK names (`hash_key#2`): Terraform rejects them, and the dialects read
 * them as what they would mean (a second hash key).
 *
 * Loading the wasm is asynchronous: `loadHcl()` once (the language service awaits it before the
 * first .tf document), then `parseHcl` is synchronous like the TOML and YAML parsers.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import type { Node } from 'web-tree-sitter';
import type { Pointer } from '../../model/spec';
import { LineIndex, OffsetSourceMap, joinPointer, type OffsetLocation } from '../sourcemap';
import type { ParsedConfig, SourceLocation } from '../types';

import { DUPLICATE_MARK, HclUnknown, KEY_TYPE_SUFFIX, REPEATED_BLOCKS, isUnknown } from './values';

export { DUPLICATE_MARK, HclUnknown, KEY_TYPE_SUFFIX, REPEATED_BLOCKS, isUnknown };

/** Where the whole construct of a pointer lies (`name = value` line, a whole block), for edits. */
export interface HclNodeInfo {
  readonly start: number;
  readonly end: number;
  /** `attribute` (name = value), `block`, `element` (tuple item), `objectElem`, `blockList`. */
  readonly kind: 'attribute' | 'block' | 'element' | 'objectElem' | 'blockList' | 'root';
  /** For a block or an object value: where its content starts and ends (inside the braces). */
  readonly innerStart?: number;
  readonly innerEnd?: number;
}

export interface HclParsedConfig extends ParsedConfig {
  readonly nodes: ReadonlyMap<Pointer, HclNodeInfo>;
}

/**
 * The offset map, plus the key types of `hash_key`/`range_key`: a finding on `<argument>/@keyType`
 * marks the argument's name (not the table entry, as an absent pointer would).
 */
class HclSourceMap extends OffsetSourceMap {
  override offsets(pointer: Pointer): Readonly<OffsetLocation> | undefined {
    const own = super.offsets(pointer);
    if (own || !pointer.endsWith(KEY_TYPE_SUFFIX)) { return own; }
    const argument = super.offsets(pointer.slice(0, -KEY_TYPE_SUFFIX.length));
    return argument?.keyStart !== undefined && argument.keyEnd !== undefined ? { valueStart: argument.keyStart, valueEnd: argument.keyEnd } : undefined;
  }

  override get(pointer: Pointer): SourceLocation | undefined {
    const own = super.get(pointer);
    if (own || !pointer.endsWith(KEY_TYPE_SUFFIX)) { return own; }
    const at = this.offsets(pointer);
    return at ? { valueRange: this.lines.range(at.valueStart, at.valueEnd) } : undefined;
  }
}

let parser: Parser | undefined;
let loading: Promise<void> | undefined;
let loadError: string | undefined;

/** The folder of a wasm file: beside the bundle (dist/), else the package in node_modules. */
function wasmPath(file: string, pkg: string): string {
  const beside = join(__dirname, file);
  if (existsSync(beside)) { return beside; }
  return require.resolve(`${pkg}/${file}`);
}

/** Loads the tree-sitter runtime and the HCL grammar once; later calls share the first. */
export function loadHcl(): Promise<void> {
  if (!loading) {
    loading = (async () => {
      const runtime = wasmPath('tree-sitter.wasm', 'web-tree-sitter');
      await Parser.init({ locateFile: () => runtime });
      const language = await Language.load(wasmPath('tree-sitter-hcl.wasm', '@tree-sitter-grammars/tree-sitter-hcl'));
      const p = new Parser();
      p.setLanguage(language);
      parser = p;
    })();
    loading.then(() => { loadError = undefined; }, (e: unknown) => { loadError = e instanceof Error ? e.message : String(e); loading = undefined; });
  }
  return loading;
}

export function hclLoaded(): boolean {
  return parser !== undefined;
}

/** Whether a document is Terraform by its path (the language service awaits loadHcl() for it). */
export function isTerraformPath(uri: string | undefined): boolean {
  return uri !== undefined && /\.tf$/i.test(uri.replace(/[?#].*$/, ''));
}

const MAX_DEPTH = 200;

class Builder {
  readonly map: HclSourceMap;
  readonly nodes = new Map<Pointer, HclNodeInfo>();

  constructor(readonly text: string, lines: LineIndex) {
    this.map = new HclSourceMap('hcl', lines);
  }

  record(pointer: Pointer, key: Node | undefined, value: { start: number; end: number }, info: HclNodeInfo): void {
    this.map.record(pointer, key
      ? { keyStart: key.startIndex, keyEnd: key.endIndex, valueStart: value.start, valueEnd: value.end }
      : { valueStart: value.start, valueEnd: value.end });
    this.nodes.set(pointer, info);
  }

  /** A body (file or block content) -> object. */
  body(node: Node | null, pointer: Pointer, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (!node || depth > MAX_DEPTH) { return out; }
    const counts = new Map<string, number>();
    const blockTypes = new Map<string, number>();
    for (const c of node.namedChildren) {
      if (c?.type === 'block') {
        const type = c.namedChildren.find(n => n?.type === 'identifier')?.text;
        if (type) { blockTypes.set(type, (blockTypes.get(type) ?? 0) + 1); }
      }
    }
    for (const c of node.namedChildren) {
      if (!c) { continue; }
      if (c.type === 'attribute') { this.attribute(c, out, pointer, counts, depth); }
      else if (c.type === 'block') { this.block(c, out, pointer, blockTypes, depth); }
    }
    return out;
  }

  private attribute(node: Node, out: Record<string, unknown>, base: Pointer, counts: Map<string, number>, depth: number): void {
    const id = node.namedChildren.find(n => n?.type === 'identifier');
    const expr = node.namedChildren.find(n => n?.type === 'expression');
    if (!id) { return; }
    const n = (counts.get(id.text) ?? 0) + 1;
    counts.set(id.text, n);
    const key = n === 1 ? id.text : `${id.text}${DUPLICATE_MARK}${n}`;
    const pointer = joinPointer(base, key);
    const value = expr ? this.expression(expr, pointer, depth + 1) : undefined;
    const at = expr ? { start: expr.startIndex, end: expr.endIndex } : { start: node.endIndex, end: node.endIndex };
    this.record(pointer, id, at, { start: node.startIndex, end: node.endIndex, kind: 'attribute', ...this.inner(expr) });
    out[key] = value;
  }

  /** The braces' inside of an object expression (for inserting into it). */
  private inner(expr: Node | null | undefined): { innerStart?: number; innerEnd?: number } {
    const obj = expr && this.unwrap(expr);
    if (obj?.type !== 'object') { return {}; }
    const open = obj.namedChildren.find(n => n?.type === 'object_start');
    const close = obj.namedChildren.find(n => n?.type === 'object_end');
    return open && close ? { innerStart: open.endIndex, innerEnd: close.startIndex } : {};
  }

  private block(node: Node, out: Record<string, unknown>, base: Pointer, blockTypes: Map<string, number>, depth: number): void {
    const children = node.namedChildren.filter((n): n is Node => n !== null);
    const id = children.find(n => n.type === 'identifier');
    if (!id) { return; }
    const labels = children.filter(n => n !== id && (n.type === 'string_lit' || n.type === 'identifier')).map(n => n.type === 'string_lit' ? this.stringContent(n) ?? n.text : n.text);
    const open = children.find(n => n.type === 'block_start');
    const close = children.find(n => n.type === 'block_end');
    const body = children.find(n => n.type === 'body') ?? null;
    const inner = open ? { innerStart: open.endIndex, innerEnd: close ? close.startIndex : node.endIndex } : {};
    const lastLabel = labels.length > 0 ? children.filter(n => n.type === 'string_lit' || (n.type === 'identifier' && n !== id)).at(-1) : undefined;
    const header = { startIndex: id.startIndex, endIndex: (lastLabel ?? id).endIndex } as Node;
    const type = id.text;
    if (type === 'dynamic') {
      // `dynamic "attribute" { ... }`: blocks Terraform makes from a collection: unknown here.
      const of = labels[0];
      if (!of) { return; }
      const pointer = joinPointer(base, of);
      out[of] = new HclUnknown(`dynamic "${of}"`);
      if (!this.nodes.has(pointer)) { this.record(pointer, header, { start: node.startIndex, end: node.endIndex }, { start: node.startIndex, end: node.endIndex, kind: 'block', ...inner }); }
      return;
    }
    if (labels.length > 0) {
      // Labelled (resource "type" "name", module "name"): nested objects by label.
      let holder = out;
      let pointer = joinPointer(base, type);
      const path = [type, ...labels];
      for (let i = 0; i < path.length - 1; i++) {
        const k = path[i];
        if (i > 0) { pointer = joinPointer(pointer, k); }
        const next = holder[k];
        if (next === undefined || next === null || typeof next !== 'object' || Array.isArray(next) || isUnknown(next)) { holder[k] = {}; }
        holder = holder[k] as Record<string, unknown>;
      }
      const last = path[path.length - 1];
      pointer = joinPointer(pointer, last);
      if (Object.prototype.hasOwnProperty.call(holder, last)) { return; }
      holder[last] = this.body(body, pointer, depth + 1);
      this.record(pointer, header, { start: node.startIndex, end: node.endIndex }, { start: node.startIndex, end: node.endIndex, kind: 'block', ...inner });
      return;
    }
    const listPointer = joinPointer(base, type);
    const existing = out[type];
    if (isUnknown(existing)) { return; }
    if (REPEATED_BLOCKS.has(type) || (blockTypes.get(type) ?? 0) > 1) {
      const list = Array.isArray(existing) ? existing : [];
      out[type] = list;
      const pointer = joinPointer(listPointer, list.length);
      list.push(this.body(body, pointer, depth + 1));
      this.record(pointer, id, { start: node.startIndex, end: node.endIndex }, { start: node.startIndex, end: node.endIndex, kind: 'block', ...inner });
      const first = this.nodes.get(listPointer);
      const start = first ? first.start : node.startIndex;
      const firstKey = this.map.offsets(listPointer);
      this.map.record(listPointer, { keyStart: firstKey?.keyStart ?? id.startIndex, keyEnd: firstKey?.keyEnd ?? id.endIndex, valueStart: start, valueEnd: node.endIndex });
      this.nodes.set(listPointer, { start, end: node.endIndex, kind: 'blockList' });
      return;
    }
    if (existing !== undefined) { return; }
    out[type] = this.body(body, listPointer, depth + 1);
    this.record(listPointer, id, { start: node.startIndex, end: node.endIndex }, { start: node.startIndex, end: node.endIndex, kind: 'block', ...inner });
  }

  private unwrap(node: Node): Node {
    let n = node;
    while ((n.type === 'expression' || n.type === 'collection_value' || n.type === 'literal_value') && n.namedChildCount === 1 && n.namedChildren[0]) {
      n = n.namedChildren[0];
    }
    return n;
  }

  /** The text of a string literal without interpolation, else undefined. */
  private stringContent(node: Node): string | undefined {
    const parts = node.namedChildren.filter((n): n is Node => n !== null && n.type !== 'quoted_template_start' && n.type !== 'quoted_template_end');
    if (parts.some(p => p.type !== 'template_literal' && p.type !== 'escape_sequence')) { return undefined; }
    return parts.map(p => (p.type === 'escape_sequence' ? unescape(p.text) : p.text)).join('');
  }

  expression(node: Node, pointer: Pointer, depth: number): unknown {
    if (depth > MAX_DEPTH) { return new HclUnknown(node.text); }
    const n = this.unwrap(node);
    switch (n.type) {
      case 'string_lit': return this.stringContent(n) ?? new HclUnknown(n.text);
      case 'numeric_lit': { const v = Number(n.text); return Number.isFinite(v) ? v : new HclUnknown(n.text); }
      case 'bool_lit': return n.text === 'true';
      case 'null_lit': return null;
      case 'template_expr': {
        const q = n.namedChildren[0];
        if (q?.type === 'quoted_template') { return this.stringContent(q) ?? new HclUnknown(n.text); }
        return new HclUnknown(n.text);
      }
      case 'operation': {
        const u = n.namedChildren[0];
        if (u?.type === 'unary_operation' && u.text.startsWith('-')) {
          const operand = u.namedChildren[0];
          const v = operand ? this.expression(operand, pointer, depth + 1) : undefined;
          if (typeof v === 'number') { return -v; }
        }
        return new HclUnknown(n.text);
      }
      case 'tuple': {
        const out: unknown[] = [];
        for (const c of n.namedChildren) {
          if (c?.type !== 'expression') { continue; }
          const p = joinPointer(pointer, out.length);
          const v = this.expression(c, p, depth + 1);
          this.record(p, undefined, { start: c.startIndex, end: c.endIndex }, { start: c.startIndex, end: c.endIndex, kind: 'element', ...this.inner(c) });
          out.push(v);
        }
        return out;
      }
      case 'object': {
        const out: Record<string, unknown> = {};
        const counts = new Map<string, number>();
        for (const e of n.namedChildren) {
          if (e?.type !== 'object_elem') { continue; }
          const keyNode = e.childForFieldName('key');
          const valNode = e.childForFieldName('val');
          if (!keyNode) { continue; }
          const k = this.unwrap(keyNode);
          const name = k.type === 'variable_expr' ? k.text : k.type === 'string_lit' ? this.stringContent(k) : k.type === 'template_expr' && k.namedChildren[0] ? this.stringContent(k.namedChildren[0]) : undefined;
          if (name === undefined) { return new HclUnknown(n.text); }
          const c = (counts.get(name) ?? 0) + 1;
          counts.set(name, c);
          const key = c === 1 ? name : `${name}${DUPLICATE_MARK}${c}`;
          const p = joinPointer(pointer, key);
          const v = valNode ? this.expression(valNode, p, depth + 1) : undefined;
          const at = valNode ? { start: valNode.startIndex, end: valNode.endIndex } : { start: e.endIndex, end: e.endIndex };
          this.record(p, keyNode, at, { start: e.startIndex, end: e.endIndex, kind: 'objectElem', ...this.inner(valNode) });
          out[key] = v;
        }
        return out;
      }
      default:
        return new HclUnknown(n.text);
    }
  }

  syntaxErrors(node: Node, budget = { left: 50 }): void {
    if (budget.left <= 0) { return; }
    if (node.isError || node.isMissing) {
      budget.left--;
      const what = node.isMissing ? `missing ${node.type}` : `unexpected ${JSON.stringify(node.text.slice(0, 30))}`;
      const start = node.startIndex;
      const end = Math.max(node.endIndex, Math.min(this.text.length, start + 1));
      this.map.addSyntaxError(`HCL syntax error: ${what}.`, start, end);
      return;
    }
    if (!node.hasError) { return; }
    for (const c of node.children) { if (c) { this.syntaxErrors(c, budget); } }
  }
}

function unescape(seq: string): string {
  switch (seq) {
    case '\\n': return '\n';
    case '\\t': return '\t';
    case '\\r': return '\r';
    case '\\"': return '"';
    case '\\\\': return '\\';
    default: {
      const u = /^\\[uU]([0-9a-fA-F]+)$/.exec(seq);
      return u ? String.fromCodePoint(parseInt(u[1], 16)) : seq;
    }
  }
}

/** Parses HCL text. `loadHcl()` must have finished; before that the result holds one syntax error saying so. */
export function parseHcl(text: string): HclParsedConfig {
  const lines = new LineIndex(text);
  const b = new Builder(text, lines);
  if (!parser) {
    b.map.addSyntaxError(loadError
      ? `The HCL parser could not be loaded (${loadError}): Terraform files are not checked.`
      : 'The HCL parser is still loading; the file is checked once it has loaded.', 0, 0, 'warning');
    return { format: 'hcl', text, value: undefined, map: b.map, nodes: b.nodes };
  }
  const tree = parser.parse(text);
  if (!tree) {
    b.map.addSyntaxError('The HCL parser could not read the file.', 0, Math.min(1, text.length));
    return { format: 'hcl', text, value: undefined, map: b.map, nodes: b.nodes };
  }
  try {
    const root = tree.rootNode;
    const body = root.namedChildren.find(n => n?.type === 'body') ?? null;
    const value = b.body(body, '', 0);
    b.record('', undefined, { start: 0, end: text.length }, { start: 0, end: text.length, kind: 'root', innerStart: 0, innerEnd: text.length });
    if (root.hasError) { b.syntaxErrors(root); }
    return { format: 'hcl', text, value, map: b.map, nodes: b.nodes };
  } finally {
    tree.delete();
  }
}
