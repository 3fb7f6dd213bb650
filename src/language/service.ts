/**
 * The language service: text -> format -> dialect -> SourceMap + value -> syntax findings,
 * schema findings, TableSpec[], rule findings -> ranges. Quick-fix edits are computed only when
 * asked for (`fixesOf`, `fixAll`). Pure (no vscode), LSP-shaped results, and it never throws: a
 * failing stage is reported, not propagated. Findings are capped per code (MAX_PER_CODE, then one
 * summary), so no file can make the work after parsing unbounded.
 */
import type { CompletionItem, Hover, Range, TextEdit } from 'vscode-languageserver-types';
import type { Dialect, Pointer, TableSpec } from '../model/spec';
import type { DesignSpec } from '../model/design';
import { isSidecarPath, readDesign } from '../design/read';
import { designHover, sidecarAnalysis } from './design';
import { detectDialect } from './dialects/detect';
import { dialectOf as definitionOf } from './dialects/registry';
import { applyEdits, fixEdits } from './edits';
import { detectFormat, parseConfig } from './parse';
import { formatOperations } from './formats';
import { UNGUARDED_RULES as RULES, dropAbsences, ruleApplies } from './rules/catalogue';
import { hasLazyFixes } from './rules/shared';
import { validateSchema } from './schema';
import { LineIndex, joinPointer, parentPointer, type OffsetLocation } from './sourcemap';
import { complete } from './completion';
import { hover } from './hover';
import type { Finding, Format, ParsedConfig, ResolvedFinding, ResolvedFix, Rule, RuleContext } from './types';

export interface AnalyzeOptions {
  /** The document's URI or path: its extension decides the format when present. */
  readonly uri?: string;
  /** Skip detection (the user or a setting chose the dialect). */
  readonly forcedDialect?: Dialect;
  /** Run advice rules (hint severity); default true. */
  readonly advice?: boolean;
  /** Findings kept per code before one summary (MAX_PER_CODE); fix-all lifts it. */
  readonly maxPerCode?: number;
  /**
   * For a design sidecar (`NAME.design.yaml`): the text of its manifest (`NAME.yaml`), read by the
   * caller; undefined when there is none.
   */
  readonly companion?: string;
}

export interface Analysis {
  readonly format: Format;
  readonly dialect: Dialect;
  readonly tables: readonly TableSpec[];
  readonly findings: readonly ResolvedFinding[];
  readonly config: ParsedConfig;
  /** The options it was made with (fix-all re-analyzes with them). */
  readonly options: AnalyzeOptions;
  /** The entities and access patterns it declares (a sidecar's included). */
  readonly design?: DesignSpec;
  /** A design sidecar's tables, read from its manifest (`tables` is then empty). */
  readonly designTables?: readonly TableSpec[];
}

export function normalize(config: ParsedConfig, dialect: Dialect): TableSpec[] {
  return definitionOf(dialect).normalize(config);
}

export function formatOf(text: string, options: AnalyzeOptions): Format {
  return options.forcedDialect ? definitionOf(options.forcedDialect).format.id : detectFormat(text, options.uri);
}

export function dialectOf(text: string, format: Format, options: AnalyzeOptions = {}): Dialect | undefined {
  return options.forcedDialect ?? detectDialect(text, format);
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
  if (!dialect) {
    if (options.uri && isSidecarPath(options.uri)) {
      try { return sidecarAnalysis(text, options); } catch { return undefined; }
    }
    return undefined;
  }
  return analyzeParsed(parseConfig(text, format), dialect, options);
}

/**
 * Everything after the parse: schema, values left to deploy time, tables, design, rules, ranges
 * (the bench times it alone). Never throws.
 */
export function analyzeParsed(config: ParsedConfig, dialect: Dialect, options: AnalyzeOptions = {}): Analysis {
  const format = config.format;
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
    try {
      const check = formatOperations(config.format).check;
      schemaFindings = check ? check(config.value) : validateSchema(dialect, config.value);
    } catch (e) { findings.push(internal('schema validation', e)); }
  }
  // Values the file leaves to deploy time (a template's intrinsic functions): not checked by the
  // schema, and rules that need them stay silent as on a reported value.
  let unknown: ReadonlySet<Pointer> | undefined;
  try { unknown = definitionOf(dialect).unknown?.(config.value); } catch (e) { findings.push(internal('finding unknown values', e)); }
  // A key the schema does not know is reported even when its value is unknown.
  if (unknown && unknown.size > 0) {
    schemaFindings = schemaFindings.filter(f => f.pointer === undefined || !underAny(f.code === 'unknown-key' ? parentPointer(f.pointer) ?? '' : f.pointer, unknown));
  }
  findings.push(...schemaFindings);
  const invalidPointers = new Set<Pointer>(schemaFindings.flatMap(f => (f.pointer === undefined ? [] : [f.pointer])));
  if (unknown) { for (const p of unknown) { invalidPointers.add(p); } }

  let tables: TableSpec[] = [];
  try { tables = normalize(config, dialect); } catch (e) { findings.push(internal('reading the tables', e)); }

  let design: DesignSpec | undefined;
  try { design = readDesign(config.value, tables, dialect); } catch (e) { findings.push(internal('reading the design', e)); }

  const advice = options.advice ?? true;
  const definition = definitionOf(dialect);
  const context: RuleContext = { dialect, config, tables, advice, invalidPointers, design, ...(unknown && definition.unknownToRules !== false ? { unknownPointers: unknown } : {}) };
  const ruleFindings: Finding[] = [];
  for (let r = 0; r < RULES.length; r++) {
    const rule = RULES[r];
    if (!ruleApplies(rule, definition)) { continue; }
    if (!advice && rule.severity === 'hint') { continue; }
    checkTables(rule, tables, context, ruleFindings, internal);
  }
  // While the file has syntax errors, findings of something missing are dropped (catalogue.ts).
  for (const f of dropAbsences(ruleFindings, context)) { findings.push(f); }

  const tablePointers = new Set<Pointer>();
  for (const t of tables) { tablePointers.add(t.pointer); }
  const resolved = resolveRanges(config, findings, tablePointers);
  resolved.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { format, dialect, tables, findings: capFindings(resolved, options.maxPerCode), config, options, design };
}

/*
 * The loops over rules x tables and over the findings live in small functions of their own: they
 * become hot and optimized after a few analyses, where analyzeParsed itself (run once per
 * document version) would stay interpreted, spending an iterator object per step.
 */

/** One rule on every table, its findings appended to `out` (no spread: most checks find nothing). */
function checkTables(rule: Rule, tables: readonly TableSpec[], context: RuleContext, out: Finding[], internal: (stage: string, e: unknown) => Finding): void {
  for (let t = 0; t < tables.length; t++) {
    try {
      const found = rule.check(tables[t], context);
      for (let i = 0; i < found.length; i++) { out.push(found[i]); }
    } catch (e) { out.push(internal(`rule ${rule.id}`, e)); }
  }
}

/** Each finding with its range (syntax findings carry theirs). */
function resolveRanges(config: ParsedConfig, findings: readonly Finding[], tablePointers: ReadonlySet<Pointer>): ResolvedFinding[] {
  const resolved: ResolvedFinding[] = [];
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    resolved.push(f.range ? f as ResolvedFinding : withRange(f, rangeIn(config, f.pointer ?? '', f.target, tablePointers)));
  }
  return resolved;
}

/** True when the pointer or one of its ancestors is in the set. */
function underAny(pointer: Pointer, set: ReadonlySet<Pointer>): boolean {
  for (let p: Pointer | undefined = pointer; p !== undefined; p = parentPointer(p)) {
    if (set.has(p)) { return true; }
  }
  return false;
}

/** The finding with its range; fixes a rule left to be made on request (rules/shared.ts `finding`) are not made here. */
function withRange(f: Finding, range: Range): ResolvedFinding {
  if (!hasLazyFixes(f)) { return { ...f, range }; }
  const { code, severity, message, pointer, target } = f;
  // A getter in the literal: enumerable and configurable as defineProperty made it, without the descriptor.
  return { code, severity, message, pointer, target, get fixes() { return f.fixes; }, range };
}

/** Findings shown per code; the rest are counted in one summary finding of that code. */
export const MAX_PER_CODE = 100;

/** The first MAX_PER_CODE findings of each code (in document order), then one summary per code. */
export function capFindings(findings: readonly ResolvedFinding[], max = MAX_PER_CODE): ResolvedFinding[] {
  const counts = new Map<string, number>();
  const out: ResolvedFinding[] = [];
  const firstHidden = new Map<string, ResolvedFinding>();
  for (const f of findings) {
    const n = (counts.get(f.code) ?? 0) + 1;
    counts.set(f.code, n);
    if (n <= max) { out.push(f); } else if (n === max + 1) { firstHidden.set(f.code, f); }
  }
  for (const [code, f] of firstHidden) {
    const more = (counts.get(code) ?? 0) - max;
    out.push({
      code,
      severity: f.severity,
      message: `${more} more ${code} finding${more === 1 ? '' : 's'} not shown (the first ${max} are); the first of them: ${f.message}`,
      pointer: f.pointer,
      target: f.target,
      range: f.range,
    });
  }
  if (firstHidden.size > 0) {
    out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  }
  return out;
}

/**
 * The range of a pointer: its key or value; a missing node marks the key of its enclosing
 * table entry (else of its nearest existing ancestor).
 */
export function rangeOf(config: ParsedConfig, pointer: Pointer, target: 'key' | 'value', tables: readonly TableSpec[]): Range {
  return rangeIn(config, pointer, target, new Set(tables.map(t => t.pointer)));
}

function rangeIn(config: ParsedConfig, pointer: Pointer, target: 'key' | 'value', tablePointers: ReadonlySet<Pointer>): Range {
  const map = config.map;
  const here = map.offsets(pointer);
  if (here) { return rangeOfTarget(map.lines, here, target); }
  // The deepest enclosing table entry (walking up: no scan of the tables per finding).
  for (let p: Pointer | undefined = pointer; p !== undefined; p = parentPointer(p)) {
    if (!tablePointers.has(p)) { continue; }
    const at = map.offsets(p);
    if (at) { return rangeOfTarget(map.lines, at, 'key'); }
    break;
  }
  for (let p = parentPointer(pointer); p !== undefined; p = parentPointer(p)) {
    const at = map.offsets(p);
    if (at) { return rangeOfTarget(map.lines, at, 'key'); }
  }
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

/** The key's range (the value's when there is no key) or the value's: only the range used is made. */
function rangeOfTarget(lines: LineIndex, at: Readonly<OffsetLocation>, target: 'key' | 'value'): Range {
  return target === 'key' && at.keyStart !== undefined && at.keyEnd !== undefined ? lines.range(at.keyStart, at.keyEnd) : lines.range(at.valueStart, at.valueEnd);
}

// ---- quick-fixes, computed on request ------------------------------------------------------

const FIXES = new WeakMap<Finding, ResolvedFix[]>();

/** A finding's fixes as text edits (those that can be placed in this text); computed once. */
export function fixesOf(analysis: Analysis, finding: Finding): readonly ResolvedFix[] {
  const known = FIXES.get(finding);
  if (known) { return known; }
  const out: ResolvedFix[] = [];
  for (const fix of finding.fixes ?? []) {
    let edits: ReturnType<typeof fixEdits>;
    try { edits = fixEdits(analysis.config, analysis.dialect, fix.changes); } catch { edits = undefined; }
    if (edits && edits.length > 0) { out.push({ title: fix.title, preferred: fix.preferred ?? false, edits }); }
  }
  FIXES.set(finding, out);
  return out;
}

/** The findings whose range touches `range` (for a code-action request). */
export function findingsIn(analysis: Pick<Analysis, 'findings'>, range: Range): ResolvedFinding[] {
  const before = (a: Range['start'], b: Range['start']): boolean => a.line < b.line || (a.line === b.line && a.character < b.character);
  return analysis.findings.filter(f => !before(f.range.end, range.start) && !before(range.end, f.range.start));
}

/**
 * "Fix all": applies the preferred fix of every finding whose edits do not touch another's lines,
 * re-analyzes, repeats until nothing is left to fix (bounded rounds). Returns the fixed text.
 */
export function fixAll(analysis: Analysis, maxRounds = 20): string {
  // Every finding, not only the ones shown: one round fixes all that do not overlap.
  const options: AnalyzeOptions = { ...analysis.options, maxPerCode: Number.POSITIVE_INFINITY };
  let current = analysis.findings.length >= MAX_PER_CODE ? analyze(analysis.config.text, options) ?? analysis : analysis;
  const seen = new Set<string>([current.config.text]);
  for (let round = 0; round < maxRounds; round++) {
    const taken: { first: number; last: number }[] = [];
    const edits: TextEdit[] = [];
    for (const f of current.findings) {
      if (!f.fixes?.some(x => x.preferred)) { continue; }
      const fix = fixesOf(current, f).find(x => x.preferred);
      if (!fix) { continue; }
      const lines = fix.edits.map(e => ({ first: e.range.start.line, last: e.range.end.line }));
      if (lines.some(l => taken.some(t => l.first <= t.last + 1 && t.first <= l.last + 1))) { continue; }
      taken.push(...lines);
      edits.push(...fix.edits);
    }
    if (edits.length === 0) { break; }
    const next = applyEdits(current.config.text, edits);
    if (seen.has(next)) { break; }
    seen.add(next);
    const again = analyze(next, options);
    if (!again) { return next; }
    current = again;
  }
  return current.config.text;
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
      const from = lines.lineStart(l);
      const to = lines.lineContentEnd(l);
      for (const p of config.map.pointers()) {
        const keyStart = config.map.offsets(p)?.keyStart;
        if (keyStart !== undefined && keyStart >= from && keyStart <= to && p.length > best.length) { best = p; }
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
  const lines = config.map.lines;
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

/** Completion items at an offset of an analysed config: no parsing, the analysis has it all. */
export function completeIn(analysis: Analysis, offset: number): CompletionItem[] {
  try {
    if (analysis.designTables) { return []; }
    const { config, dialect, format } = analysis;
    const own = formatOperations(format).complete;
    if (own) { return own(config, dialect, offset); }
    const cursor = cursorAt(config, offset);
    return complete({ dialect, format, value: config.value, pointer: cursor.pointer, position: cursor.position, inString: cursor.inString, indent: cursor.indent });
  } catch {
    return [];
  }
}

/** Hover at an offset of an analysed config: the schema's words, on a table entry its summary. */
export function hoverIn(analysis: Analysis, offset: number): Hover | undefined {
  try {
    const onPattern = designHover(analysis, offset);
    if (onPattern || analysis.designTables) { return onPattern; }
    return hoverWith(analysis.config, analysis.dialect, offset, () => analysis.tables);
  } catch {
    return undefined;
  }
}

function hoverWith(config: ParsedConfig, dialect: Dialect, offset: number, tables: () => readonly TableSpec[]): Hover | undefined {
  const at = config.map.pointerAt(offset);
  if (!at) { return undefined; }
  let summary: string | undefined;
  if (at.on === 'key') {
    const table = tables().find(t => t.pointer === at.pointer);
    if (table) { summary = tableSummary(table); }
  }
  const result = hover({ dialect, value: config.value, pointer: at.pointer, on: at.on, summary });
  const range = config.map.get(at.pointer);
  const r = range && (at.on === 'key' && range.keyRange ? range.keyRange : range.valueRange);
  return result && r ? { ...result, range: r } : result;
}

/** Completion items at an offset of a config text (parses it; editors use `completeIn`). Never throws. */
export function completionAt(text: string, offset: number, options: AnalyzeOptions = {}): CompletionItem[] {
  try {
    const format = formatOf(text, options);
    const dialect = dialectOf(text, format, options);
    if (!dialect) { return []; }
    const config = parseConfig(text, format);
    const own = formatOperations(format).complete;
    if (own) { return own(config, dialect, offset - bomLength(text)); }
    const cursor = cursorAt(config, offset - bomLength(text));
    return complete({ dialect, format, value: config.value, pointer: cursor.pointer, position: cursor.position, inString: cursor.inString, indent: cursor.indent });
  } catch {
    return [];
  }
}

/** Hover at an offset of a config text (parses it; editors use `hoverIn`). */
export function hoverAt(text: string, offset: number, options: AnalyzeOptions = {}): Hover | undefined {
  try {
    const format = formatOf(text, options);
    const dialect = dialectOf(text, format, options);
    if (!dialect) { return undefined; }
    const config = parseConfig(text, format);
    return hoverWith(config, dialect, offset - bomLength(text), () => normalize(config, dialect));
  } catch {
    return undefined;
  }
}
