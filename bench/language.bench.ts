/**
 * The language service against its floor and its peer, in one run:
 * - full analysis (parse, source map, schema, rules; quick-fixes are computed on request only) of
 *   configs full of findings, 100 to 50,000 lines, YAML (component dialect) and TOML (genesys with
 *   fixable findings), as a ratio of the bare parse (yaml `parseDocument`; for TOML the issue's
 *   floor, toml-eslint-parser `parseTOML`, and smol-toml's `parse`, which the analysis uses) and as
 *   time per line;
 *   and the work after the parse alone (schema, tables, rules, ranges: `analyzeParsed` on a
 *   fresh parse), per line and against our parse and the bare one;
 * - the editor loop against yaml-language-server 1.25 driven over LSP (bench/languagePeer.ts):
 *   keystroke -> diagnostics, completion right after an edit, hover;
 * - the CLI's start-up.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as smolParse } from 'smol-toml';
import { parseTOML } from 'toml-eslint-parser';
import { parseDocument } from 'yaml';
import { parseConfig } from '../src/language/parse';
import { analyze, analyzeParsed, fixesOf, formatOf } from '../src/language/service';
import type { Dialect } from '../src/model/spec';
import { Analyses } from '../src/vscode/language/analyses';
import { DEBOUNCE_MS } from '../src/vscode/language/debounce';
import { componentWithFindings, genesysWithFindings } from '../test/support/configs';
import { repoRoot } from '../test/support/paths';
import { YamlLanguageServer } from './languagePeer';
import { measure, summarize } from './main';
import type { Row } from './main';

const example = (name: string): string => readFileSync(join(repoRoot(), 'examples', name), 'utf8');

function lineCount(text: string): number {
  return text.split('\n').length - 1;
}

/**
 * Samples `fn` n times (after warm-up), interleaved with the floors (run in order, then `fn`), so
 * all see the same load. `fn` runs right after the last floor and so pays for the garbage it left.
 */
async function paired(n: number, warmup: number, fn: () => unknown, floors: readonly (() => unknown)[]): Promise<{ ours: number[]; bases: number[][] }> {
  for (let i = 0; i < warmup; i++) { for (const floor of floors) { floor(); } fn(); }
  const ours: number[] = [];
  const bases: number[][] = floors.map(() => []);
  for (let i = 0; i < n; i++) {
    let t = process.hrtime.bigint();
    for (let f = 0; f < floors.length; f++) {
      floors[f]();
      const now = process.hrtime.bigint();
      bases[f].push(Number(now - t) / 1e6);
      t = now;
    }
    t = process.hrtime.bigint();
    fn();
    ours.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { ours, bases };
}

async function validationRows(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const lines of [100, 1_000, 10_000, 50_000]) {
    const n = lines >= 50_000 ? 5 : lines >= 10_000 ? 9 : lines >= 1_000 ? 21 : 61;
    // The smallest file comes first, on code not yet optimized: warmed up as an editor's analysis
    // worker is after its first few versions, so its time per line is the steady state's too.
    const warmup = lines >= 10_000 ? 2 : lines >= 1_000 ? 10 : 40;
    for (const format of ['yaml', 'toml'] as const) {
      const text = format === 'yaml' ? componentWithFindings(lines) : genesysWithFindings(lines);
      const uri = `bench.${format}`;
      const all = analyze(text, { uri, maxPerCode: Number.POSITIVE_INFINITY });
      const findings = all?.findings.length ?? 0;
      const fixable = all?.findings.filter(f => f.fixes?.length).length ?? 0;
      // TOML: smol-toml first, so toml-eslint-parser's garbage falls on our analysis, as before.
      const floors = format === 'yaml'
        ? [{ name: 'parseDocument', run: () => parseDocument(text) }]
        : [{ name: "smol-toml's parse", run: () => smolParse(text) }, { name: 'parseTOML (toml-eslint-parser, the issue\'s floor)', run: () => parseTOML(text) }];
      const { ours, bases } = await paired(n, warmup, () => analyze(text, { uri }), floors.map(f => f.run));
      const row = summarize(`analyze ${format} ${lineCount(text)} lines, ${findings} findings (${fixable} fixable)`, ours);
      const floorRows = floors.map((f, i) => summarize(`  bare ${f.name}`, bases[i]));
      const perLine = (ms: number): string => (ms * 1000 / lineCount(text)).toFixed(1);
      // The issue's floor is the last; the first is the parser the analysis runs. toml-eslint-parser
      // is not linear itself (its AST's GC cost grows with the file), so what must stay flat is our
      // own work: ours minus the parser we run, per line.
      const issueFloor = floorRows[floorRows.length - 1];
      const ownParse = floorRows[0];
      const note = floorRows.length === 1
        ? `${(row.medianMs / issueFloor.medianMs).toFixed(2)}x the parse; ${perLine(row.medianMs)} us/line, of which ${perLine(row.medianMs - ownParse.medianMs)} over the parse`
        : `${(row.medianMs / issueFloor.medianMs).toFixed(2)}x the parse (parseTOML), ${(row.medianMs / ownParse.medianMs).toFixed(2)}x ${floors[0].name}; ${perLine(row.medianMs)} us/line, of which ${perLine(row.medianMs - ownParse.medianMs)} over ${floors[0].name}`;
      rows.push({ ...row, note });
      for (const f of floorRows) { rows.push({ ...f, note: `${perLine(f.medianMs)} us/line` }); }
      if (all) { rows.push(afterTheParse(text, all.dialect, uri, n, issueFloor.medianMs, perLine)); }
    }
  }
  // What a code action costs now that fixes are computed on request: one finding's fixes.
  const text = genesysWithFindings(10_000);
  const analysis = analyze(text, { uri: 'bench.toml' });
  const fixable = analysis?.findings.filter(f => f.fixes?.some(x => x.changes.length > 1)) ?? [];
  let i = 0;
  rows.push(await measure(`quick-fixes of one finding (multi-step), ${lineCount(text)}-line toml`, 21, () => {
    const f = fixable[i++ % fixable.length];
    return analysis && fixesOf(analysis, { ...f });
  }));
  return rows;
}

/**
 * What `analyze` does after the parse (schema, values left to deploy time, tables, design, rules,
 * ranges, sort), timed alone on a freshly parsed config each time (the parse is not timed), so its
 * time per line shows in the same run as the parse it follows.
 */
function afterTheParse(text: string, dialect: Dialect, uri: string, n: number, floorMs: number, perLine: (ms: number) => string): Row {
  const format = formatOf(text, { uri });
  const after: number[] = [];
  const parses: number[] = [];
  for (let i = 0; i < n + 2; i++) {
    let t = process.hrtime.bigint();
    const config = parseConfig(text, format);
    const parsed = Number(process.hrtime.bigint() - t) / 1e6;
    t = process.hrtime.bigint();
    analyzeParsed(config, dialect, { uri });
    if (i >= 2) { after.push(Number(process.hrtime.bigint() - t) / 1e6); parses.push(parsed); }
  }
  const row = summarize(`  analysis after the parse, ${format} ${lineCount(text)} lines`, after);
  const ours = summarize('', parses).medianMs;
  return { ...row, note: `${perLine(row.medianMs)} us/line; ${(row.medianMs / ours).toFixed(2)}x our parse (source map included), ${(row.medianMs / floorMs).toFixed(2)}x the bare parse` };
}

/** Ours through the same pure path the editor uses (analyses.ts), and the peer over LSP. */
async function peerRows(): Promise<Row[]> {
  const rows: Row[] = [];
  const bin = join(repoRoot(), 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
  if (!existsSync(bin)) { return [{ name: 'yaml-language-server not installed (npm ci)', n: 0, medianMs: 0, p95Ms: 0 }]; }
  for (const lines of [1_000, 10_000]) {
    const text = componentWithFindings(lines);
    const n = lines >= 10_000 ? 7 : 15;
    const uri = `file:///bench/peer-${lines}.yaml`;
    const editLine = 5; // `      billingMode: PROVISIONED`: a character appended and removed at its end
    const editChar = text.split('\n')[editLine].length;
    const hoverAt = { line: 4, character: 8 }; // on `tableName`
    const completeAt = { line: 6, character: 8 };
    const peer = new YamlLanguageServer();
    try {
      await peer.start('component.schema.json');
      await peer.open(uri, text);
      // Keystroke -> diagnostics.
      const peerKey: number[] = [];
      for (let i = 0; i < n + 2; i++) {
        const t = process.hrtime.bigint();
        const published = peer.diagnostics(uri, peer.change(uri, editLine, editChar, i % 2 === 0 ? ' ' : undefined) );
        await published;
        if (i >= 2) { peerKey.push(Number(process.hrtime.bigint() - t) / 1e6); }
      }
      // Completion right after an edit.
      const peerComplete: number[] = [];
      for (let i = 0; i < n + 2; i++) {
        peer.change(uri, editLine, editChar, i % 2 === 0 ? ' ' : undefined);
        const t = process.hrtime.bigint();
        await peer.completion(uri, completeAt.line, completeAt.character);
        if (i >= 2) { peerComplete.push(Number(process.hrtime.bigint() - t) / 1e6); }
      }
      const peerHover: number[] = [];
      for (let i = 0; i < n + 2; i++) {
        const t = process.hrtime.bigint();
        await peer.hover(uri, hoverAt.line, hoverAt.character);
        if (i >= 2) { peerHover.push(Number(process.hrtime.bigint() - t) / 1e6); }
      }

      // Ours: the analyses cache the editor uses, a version per edit.
      const analyses = new Analyses();
      const lineStarts = [0];
      for (let i = 0; i < text.length; i++) { if (text[i] === '\n') { lineStarts.push(i + 1); } }
      const editAt = lineStarts[editLine] + editChar;
      const edited = (i: number): string => (i % 2 === 0 ? text.slice(0, editAt) + ' ' + text.slice(editAt) : text);
      let version = 1;
      const options = { uri: `/bench/peer-${lines}.yaml` };
      await analyses.get(uri, version, () => text, options);
      const oursKey: number[] = [];
      for (let i = 0; i < n + 2; i++) {
        version++;
        const t = process.hrtime.bigint();
        await analyses.get(uri, version, () => edited(i), options);
        if (i >= 2) { oursKey.push(DEBOUNCE_MS + Number(process.hrtime.bigint() - t) / 1e6); }
      }
      const oursComplete: number[] = [];
      for (let i = 0; i < n + 2; i++) {
        version++;
        const t = process.hrtime.bigint();
        const a = await analyses.get(uri, version, () => edited(i), options);
        await a?.complete(lineStarts[completeAt.line] + completeAt.character);
        if (i >= 2) { oursComplete.push(Number(process.hrtime.bigint() - t) / 1e6); }
      }
      const current = await analyses.get(uri, version, () => '', options);
      const oursHover: number[] = [];
      for (let i = 0; i < n + 2; i++) {
        const t = process.hrtime.bigint();
        await current?.hover(lineStarts[hoverAt.line] + hoverAt.character);
        if (i >= 2) { oursHover.push(Number(process.hrtime.bigint() - t) / 1e6); }
      }
      analyses.clear();

      const pair = (what: string, ours: number[], theirs: number[], how: string): void => {
        const o = summarize(`${what}, ${lines} lines: ours (${how})`, ours);
        const p = summarize(`  yaml-language-server 1.25 over LSP`, theirs);
        rows.push({ ...o, note: `${(o.medianMs / p.medianMs).toFixed(2)}x the peer` }, p);
      };
      pair('keystroke -> diagnostics', oursKey, peerKey, `${DEBOUNCE_MS} ms debounce + the pass, no transport`);
      pair('completion right after an edit', oursComplete, peerComplete, 'pass of the new version + completion');
      pair('hover', oursHover, peerHover, 'on the shared analysis');
    } finally {
      await peer.stop();
    }
  }
  return rows;
}

export async function run(): Promise<Row[]> {
  const rows: Row[] = [...await validationRows(), ...await peerRows()];
  const dir = mkdtempSync(join(tmpdir(), 'ddb-bench-'));
  try {
    const file = join(dir, 'small.toml');
    writeFileSync(file, example('genesys.toml'));
    const cli = join(repoRoot(), 'out', 'src', 'cli', 'main.js');
    rows.push(await measure('cli validate start-up (out/)', 5, () => spawnSync(process.execPath, [cli, 'validate', file]), 1));
    const bundled = join(repoRoot(), 'dist', 'cli.js');
    if (existsSync(bundled)) {
      rows.push(await measure('cli validate start-up (dist/cli.js)', 5, () => spawnSync(process.execPath, [bundled, 'validate', file]), 1));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
