/**
 * The language service's design parts: the analysis of a planton design sidecar
 * (`NAME.design.yaml`, beside the protobuf-strict manifest `NAME.yaml`, whose text the caller
 * passes as `companion`), and the hover on an access pattern (which index serves it, and how).
 * Pure: no vscode, no file reading.
 */
import type { Hover, Range } from 'vscode-languageserver-types';
import { isSidecarPath, readSidecarDesign, sidecarDialects } from '../design/read';
import { describeServing, servingOf } from '../design/serve';
import type { AccessPatternSpec } from '../model/design';
import type { Pointer, TableSpec } from '../model/spec';
import { detectDialect } from './dialects/detect';
import { isObj } from './dialects/fields';
import type { DialectDefinition } from './dialects/registry';
import { parseConfig } from './parse';
import { DESIGN_RULES } from './rules/design';
import { parentPointer } from './sourcemap';
import type { Finding, ParsedConfig, ResolvedFinding, RuleContext } from './types';
import type { Analysis, AnalyzeOptions } from './service';

function rangeAt(config: ParsedConfig, pointer: Pointer, target: 'key' | 'value'): Range {
  for (let p: Pointer | undefined = pointer; p !== undefined; p = parentPointer(p)) {
    const at = config.map.get(p);
    if (at) { return p === pointer && target === 'key' && at.keyRange ? at.keyRange : p === pointer ? at.valueRange : at.keyRange ?? at.valueRange; }
  }
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

/** The companion config's dialect (one that keeps its design in a sidecar) and tables. */
function companionOf(companion: string | undefined): { dialect: DialectDefinition; tables: TableSpec[] } | undefined {
  if (companion === undefined) { return undefined; }
  const id = detectDialect(companion, 'yaml');
  const dialect = sidecarDialects().find(d => d.id === id);
  return dialect ? { dialect, tables: dialect.normalize(parseConfig(companion, dialect.format.id)) } : undefined;
}

/**
 * Analyzes a design sidecar: its entities and patterns against the manifest's table. Undefined
 * when the file is neither beside a manifest nor shaped like a design.
 */
export function sidecarAnalysis(text: string, options: AnalyzeOptions): Analysis | undefined {
  if (!options.uri || !isSidecarPath(options.uri)) { return undefined; }
  const config = parseConfig(text, 'yaml');
  const root = config.value;
  const shaped = isObj(root) && (root.kind === 'DynamodbDesign' || Array.isArray(root.entities) || Array.isArray(root.accessPatterns));
  const found = companionOf(options.companion);
  const tables = found?.tables;
  const dialect = found?.dialect.id ?? sidecarDialects()[0]?.id;
  if (dialect === undefined) { return undefined; }
  if (!shaped && !tables) { return undefined; }
  const findings: Finding[] = config.map.syntaxErrors.map(e => ({ code: 'syntax', severity: e.severity ?? 'error', message: e.message, target: 'value' as const, range: e.range }));
  const table = tables?.[0];
  const design = readSidecarDesign(root, table, found?.dialect.design);
  const named = isObj(root) && typeof root.table === 'string' ? root.table : undefined;
  const withTable = named === undefined ? design : {
    entities: design.entities.map(e => ({ ...e, table: named })),
    patterns: design.patterns.map(p => ({ ...p, table: named })),
  };
  if (!table) {
    findings.push({
      code: 'design-table-unknown', severity: 'error', pointer: '', target: 'key',
      message: 'No AwsDynamodb manifest beside this design sidecar: NAME.design.yaml describes the table of NAME.yaml (or NAME.yml) in the same folder.',
    });
  } else {
    const ctx: RuleContext = {
      dialect: found!.dialect.id, config, tables: [table], advice: options.advice ?? true, invalidPointers: new Set(), design: withTable, designTables: [table],
    };
    for (const rule of DESIGN_RULES) {
      if (ctx.advice === false && rule.severity === 'hint') { continue; }
      findings.push(...rule.check(table, ctx));
    }
  }
  const resolved: ResolvedFinding[] = findings.map(f => (f.range ? f as ResolvedFinding : { ...f, range: rangeAt(config, f.pointer ?? '', f.target) }));
  resolved.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { format: 'yaml', dialect, tables: [], findings: resolved, config, options, design: withTable, designTables: tables ?? [] };
}

/**
 * The access pattern the pointer is about: its block, its name, index or key condition (other keys
 * of it, such as operation or reads, keep their schema hover).
 */
function patternAt(patterns: readonly AccessPatternSpec[], pointer: Pointer): AccessPatternSpec | undefined {
  return patterns.find(p => pointer === p.pointer || pointer === `${p.pointer}/name` || pointer === `${p.pointer}/index`
    || p.keyCondition.some(c => pointer === c.pointer || pointer.startsWith(`${c.pointer}/`)));
}

/** Hover on an access pattern: the call that serves it, on which index, with which key condition. */
export function designHover(analysis: Analysis, offset: number): Hover | undefined {
  const design = analysis.design;
  if (!design || design.patterns.length === 0) { return undefined; }
  const at = analysis.config.map.pointerAt(offset);
  if (!at) { return undefined; }
  const pattern = patternAt(design.patterns, at.pointer);
  if (!pattern) { return undefined; }
  const tables = analysis.designTables ?? analysis.tables;
  const table = tables.find(t => (t.name?.valid ? t.name.value : '') === pattern.table);
  if (!table) { return undefined; }
  const serving = servingOf(pattern, table);
  const lines = [`**${pattern.name}**: ${describeServing(pattern, serving)}`];
  if (serving.problems.length > 0) {
    lines.push(`Not served as declared: ${serving.problems.map(p => p.message).join('; ')}${serving.problems.some(p => p.code === 'pattern-needs-scan') ? ' (it would need a Scan)' : ''}.`);
  } else if (serving.target && serving.target.kind !== 'table') {
    lines.push(`Index ${serving.target.name}: ${serving.target.hash.join(' + ')}${serving.target.range.length ? ` / ${serving.target.range.join(' + ')}` : ''}, projection ${serving.target.projection}${serving.target.nonKeyAttributes.length ? ` (${serving.target.nonKeyAttributes.join(', ')})` : ''}.`);
  }
  if (pattern.entities?.length) { lines.push(`Returns: ${pattern.entities.join(', ')}.`); }
  const loc = analysis.config.map.get(pattern.pointer);
  const range = at.pointer === pattern.pointer ? undefined : analysis.config.map.get(at.pointer);
  const r = range ? (at.on === 'key' && range.keyRange ? range.keyRange : range.valueRange) : loc?.valueRange;
  return { contents: { kind: 'markdown', value: lines.join('\n\n') }, ...(r ? { range: r } : {}) };
}
