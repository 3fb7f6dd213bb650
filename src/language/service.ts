/**
 * The language service: text -> format -> dialect -> SourceMap + value -> syntax findings,
 * schema findings, TableSpec[], rule findings -> ranges and quick-fix edits. Pure (no vscode),
 * LSP-shaped results, and it never throws: a failing stage is reported, not propagated.
 */
import type { CompletionItem, Hover, Range, TextEdit } from 'vscode-languageserver-types';
import type { Dialect, Pointer, TableSpec } from '../model/spec';
import { normalizeComponent } from './dialects/component';
import { detectDialect } from './dialects/detect';
import { normalizeGenesys } from './dialects/genesys';
import { normalizePlanton } from './dialects/planton';
import { vocabulary } from './dialects/vocabulary';
import { fixEdits } from './edits';
import { detectFormat, parseConfig } from './parse';
import { RULES } from './rules/catalogue';
import { SCHEMA_IDS, validateSchema } from './schema';
import { LineIndex, joinPointer, parentPointer } from './sourcemap';
import { complete } from './completion';
import { hover } from './hover';
import type { Finding, Format, ParsedConfig, ResolvedFinding, RuleContext } from './types';

export interface AnalyzeOptions {
  /** The document's URI or path: its extension decides the format when present. */
  readonly uri?: string;
  /** Skip detection (the user or a setting chose the dialect). */
  readonly forcedDialect?: Dialect;
  /** Run advice rules (hint severity); default true. */
  readonly advice?: boolean;
}

export interface Analysis {
  readonly format: Format;
  readonly dialect: Dialect;
  readonly tables: readonly TableSpec[];
  readonly findings: readonly ResolvedFinding[];
  readonly config: ParsedConfig;
}

export function normalize(config: ParsedConfig, dialect: Dialect): TableSpec[] {
  switch (dialect) {
    case 'genesys': return normalizeGenesys(config);
    case 'planton': return normalizePlanton(config);
    case 'component': return normalizeComponent(config);
  }
}

export function formatOf(text: string, options: AnalyzeOptions): Format {
  return options.forcedDialect ? vocabulary(options.forcedDialect).format : detectFormat(text, options.uri);
}

export function dialectOf(text: string, format: Format, options: AnalyzeOptions = {}): Dialect | undefined {
  return options.forcedDialect ?? detectDialect(text, format, SCHEMA_IDS);
}

/** Analyzes a config; undefined when the text is not a table config of ours. Never throws. */
export function analyze(text: string, options: AnalyzeOptions = {}): Analysis | undefined {
  let format: Format;
  let dialect: Dialect | undefined;
  try {
    format = formatOf(text, options);
    dialect = dialectOf(text, format, options);
  } catch {
    return undefined;
  }
  if (!dialect) { return undefined; }
  const config = parseConfig(text, format);
  const findings: Finding[] = config.map.syntaxErrors.map(e => ({
    code: 'syntax',
    severity: e.severity ?? 'error',
    message: e.message,
    target: 'value' as const,
    range: e.range,
  }));
  const internal = (stage: string, e: unknown): Finding => ({
    code: 'internal',
    severity: 'error',
    message: `${stage} failed: ${e instanceof Error ? e.message : String(e)}`,
    pointer: '',
    target: 'value',
  });

  let schemaFindings: Finding[] = [];
  if (config.value !== undefined) {
    try { schemaFindings = validateSchema(dialect, config.value); } catch (e) { findings.push(internal('schema validation', e)); }
  }
  findings.push(...schemaFindings);
  const invalidPointers = new Set<Pointer>(schemaFindings.flatMap(f => (f.pointer === undefined ? [] : [f.pointer])));

  let tables: TableSpec[] = [];
  try { tables = normalize(config, dialect); } catch (e) { findings.push(internal('reading the tables', e)); }

  const advice = options.advice ?? true;
  const context: RuleContext = { dialect, config, tables, advice, invalidPointers };
  for (const rule of RULES) {
    if (rule.dialects && !rule.dialects.includes(dialect)) { continue; }
    if (!advice && rule.severity === 'hint') { continue; }
    for (const table of tables) {
      try { findings.push(...rule.check(table, context)); } catch (e) { findings.push(internal(`rule ${rule.id}`, e)); }
    }
  }

  const resolved = findings.map(f => resolveFinding(f, config, dialect as Dialect, tables));
  resolved.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { format, dialect, tables, findings: resolved, config };
}

/**
 * The range of a pointer: its key or value; a missing node marks the key of its enclosing
 * table entry (else of its nearest existing ancestor).
 */
export function rangeOf(config: ParsedConfig, pointer: Pointer, target: 'key' | 'value', tables: readonly TableSpec[]): Range {
  const map = config.map;
  const here = map.get(pointer);
  if (here) { return target === 'key' && here.keyRange ? here.keyRange : here.valueRange; }
  const table = tables
    .filter(t => pointer === t.pointer || pointer.startsWith(t.pointer + '/'))
    .sort((a, b) => b.pointer.length - a.pointer.length)[0];
  if (table) {
    const at = map.get(table.pointer);
    if (at) { return at.keyRange ?? at.valueRange; }
  }
  for (let p = parentPointer(pointer); p !== undefined; p = parentPointer(p)) {
    const at = map.get(p);
    if (at) { return at.keyRange ?? at.valueRange; }
  }
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

function resolveFinding(f: Finding, config: ParsedConfig, dialect: Dialect, tables: readonly TableSpec[]): ResolvedFinding {
  const range = f.range ?? rangeOf(config, f.pointer ?? '', f.target, tables);
  const resolvedFixes: { title: string; preferred: boolean; edits: TextEdit[] }[] = [];
  for (const fix of f.fixes ?? []) {
    let edits: TextEdit[] | undefined;
    try { edits = fixEdits(config, dialect, fix.changes); } catch { edits = undefined; }
    if (edits && edits.length > 0) { resolvedFixes.push({ title: fix.title, preferred: fix.preferred ?? false, edits }); }
  }
  return { ...f, range, resolvedFixes };
}

// ---- completion and hover ------------------------------------------------------------------

/** A one-line summary of a table for hover on its entry: name, billing, keys, index counts. */
export function tableSummary(t: TableSpec): string {
  const billing = t.billingMode?.valid ? t.billingMode.value : 'billing mode not set';
  const units = t.throughput && (t.throughput.read?.valid || t.throughput.write?.valid)
    ? ` (${t.throughput.read?.value ?? '?'} RCU / ${t.throughput.write?.value ?? '?'} WCU)` : '';
  const typeOf = (name: string | undefined): string => t.attributes.find(a => a.name.value === name)?.type?.value ?? '?';
  const keys = t.keySchema.map(k => `${k.name.value ?? '?'} (${typeOf(k.name.value)}, ${k.keyType.value ?? '?'})`).join(' + ') || 'no key schema';
  const g = t.globalSecondaryIndexes.length;
  const l = t.localSecondaryIndexes.length;
  return `Table **${t.name?.value ?? '(unnamed)'}**: ${billing}${units}; key ${keys}; ${g} GSI${g === 1 ? '' : 's'}, ${l} LSI${l === 1 ? '' : 's'}`;
}

interface Cursor { readonly pointer: Pointer; readonly position: 'key' | 'value'; readonly inString?: boolean; readonly indent?: string }

/** Offsets of a pointer's key/value (via the LSP ranges). */
function offsetsOf(config: ParsedConfig, lines: LineIndex, pointer: Pointer): { keyStart?: number; valueStart: number; valueEnd: number } | undefined {
  const at = config.map.get(pointer);
  if (!at) { return undefined; }
  return {
    keyStart: at.keyRange ? lines.offsetAt(at.keyRange.start) : undefined,
    valueStart: lines.offsetAt(at.valueRange.start),
    valueEnd: lines.offsetAt(at.valueRange.end),
  };
}

/**
 * The pointer of the mapping/table the line at `line` belongs to; `indent` is set when the cursor
 * sits at the column of a list item's `- ` (the item is the container, and a key written there
 * needs that many more spaces).
 */
function containerAt(config: ParsedConfig, lines: LineIndex, line: number, indent: number, atDash = false): { pointer: Pointer; indent?: string } {
  const text = config.text;
  for (let l = line - 1; l >= 0; l--) {
    const content = text.slice(lines.lineStart(l), lines.lineContentEnd(l));
    if (/^\s*(#.*)?$/.test(content)) { continue; }
    if (config.format === 'toml') {
      if (!/^\s*\[/.test(content)) { continue; }
      let best: Pointer = '';
      for (const p of config.map.pointers()) {
        const o = offsetsOf(config, lines, p);
        if (o?.keyStart !== undefined && lines.lineOf(o.keyStart) === l && p.length > best.length) { best = p; }
      }
      return { pointer: best };
    }
    const own = /^(\s*)(-\s+)?/.exec(content)?.[0].length ?? 0;
    const dash = /^(\s*)-\s/.exec(content);
    if (dash && dash[1].length < indent && own <= indent) {
      const hit = config.map.pointerAt(lines.lineStart(l) + own);
      if (hit) { return { pointer: hit.on === 'key' ? parentPointer(hit.pointer) ?? '' : hit.pointer }; }
    }
    // A blank line at the column of the `- ` of a mapping item above: the key goes into that item
    // (unless the list is written compact, `key:` and `- ` in one column: there it is a sibling key).
    if (atDash && dash && dash[1].length === indent) {
      const hit = config.map.pointerAt(lines.lineStart(l) + own);
      const item = hit?.on === 'key' ? parentPointer(hit.pointer) : undefined;
      const list = item !== undefined ? parentPointer(item) : undefined;
      const listKey = list !== undefined ? config.map.get(list)?.keyRange : undefined;
      if (item !== undefined && listKey && listKey.start.character < indent) { return { pointer: item, indent: ' '.repeat(own - indent) }; }
    }
    const keyIndent = /^\s*/.exec(content)?.[0].length ?? 0;
    if (keyIndent < indent) {
      const hit = config.map.pointerAt(lines.lineStart(l) + own);
      return { pointer: hit ? hit.pointer : '' };
    }
  }
  return { pointer: '' };
}

function cursorAt(config: ParsedConfig, offset: number): Cursor {
  const lines = new LineIndex(config.text);
  const line = lines.lineOf(offset);
  const before = config.text.slice(lines.lineStart(line), offset);
  const toml = config.format === 'toml';
  const valueRe = toml ? /^\s*([A-Za-z0-9_-]+)\s*=\s*(["']?)([^"']*)$/ : /^(\s*)(?:-\s+)?([A-Za-z0-9_-]+):\s+(\S*)$/;
  const v = valueRe.exec(before);
  const indent = /^\s*(?:-\s+)?/.exec(before)?.[0].length ?? 0;
  const container = containerAt(config, lines, line, indent, !toml && !v && !/^\s*-/.test(before));
  if (v) {
    const key = toml ? v[1] : v[2];
    return { pointer: joinPointer(container.pointer, key), position: 'value', inString: toml && v[2] !== '' };
  }
  return { pointer: container.pointer, position: 'key', ...(container.indent ? { indent: container.indent } : {}) };
}

/** 1 when the text starts with a byte-order mark: parsing drops it, so offsets into `text` move by one. */
function bomLength(text: string): number {
  return text.charCodeAt(0) === 0xfeff ? 1 : 0;
}

/** Completion items at an offset of a config (empty for non-configs). Never throws. */
export function completionAt(text: string, offset: number, options: AnalyzeOptions = {}): CompletionItem[] {
  try {
    const format = formatOf(text, options);
    const dialect = dialectOf(text, format, options);
    if (!dialect) { return []; }
    const config = parseConfig(text, format);
    const cursor = cursorAt(config, offset - bomLength(text));
    return complete({ dialect, format, value: config.value, pointer: cursor.pointer, position: cursor.position, inString: cursor.inString, indent: cursor.indent });
  } catch {
    return [];
  }
}

/** Hover at an offset: the schema's words, and on a table entry a summary of the table. */
export function hoverAt(text: string, offset: number, options: AnalyzeOptions = {}): Hover | undefined {
  try {
    const format = formatOf(text, options);
    const dialect = dialectOf(text, format, options);
    if (!dialect) { return undefined; }
    const config = parseConfig(text, format);
    const at = config.map.pointerAt(offset - bomLength(text));
    if (!at) { return undefined; }
    let summary: string | undefined;
    if (at.on === 'key') {
      const table = normalize(config, dialect).find(t => t.pointer === at.pointer);
      if (table) { summary = tableSummary(table); }
    }
    const result = hover({ dialect, value: config.value, pointer: at.pointer, on: at.on, summary });
    const range = config.map.get(at.pointer);
    const r = range && (at.on === 'key' && range.keyRange ? range.keyRange : range.valueRange);
    return result && r ? { ...result, range: r } : result;
  } catch {
    return undefined;
  }
}
