/**
 * The language service: text -> format -> dialect -> SourceMap + value -> syntax findings,
 * schema findings, TableSpec[], rule findings -> ranges and quick-fix edits. Pure (no vscode),
 * LSP-shaped results, and it never throws: a failing stage is reported, not propagated.
 */
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { Dialect, Pointer, TableSpec } from '../model/spec';
import { normalizeComponent } from './dialects/component';
import { detectDialect } from './dialects/detect';
import { normalizeGenesys } from './dialects/genesys';
import { normalizePlanton } from './dialects/planton';
import { vocabulary } from './dialects/vocabulary';
import { fixEdits } from './edits';
import { detectFormat, parseConfig } from './parse';
import { SCHEMA_IDS, validateSchema } from './schema';
import { parentPointer } from './sourcemap';
import type { Finding, Format, ParsedConfig, ResolvedFinding, Rule, RuleContext } from './types';

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

interface RulesModule { readonly RULES: readonly Rule[] }

/** Loads a sibling module that another part of the project provides, if it exists yet. */
function optionalModule<T>(load: () => unknown, path: string): T | undefined {
  try {
    return load() as T;
  } catch (e) {
    if (e instanceof Error && (e as { code?: string }).code === 'MODULE_NOT_FOUND' && e.message.includes(path)) { return undefined; }
    throw e;
  }
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const rulesModule = optionalModule<RulesModule>(() => require('./rules/catalogue'), 'catalogue');

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
  for (const rule of rulesModule?.RULES ?? []) {
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
