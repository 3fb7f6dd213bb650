/**
 * Data-driven rule tests through the whole language service (`analyze(text)`): a case names a
 * dialect's example file, a mutation that breaks one rule, the finding it must give (code and
 * exact range, 0-based LSP line/character, with the text under the range for readability), and
 * then every quick-fix offered for it is applied to the text (its TextEdits, in reverse order, by
 * this harness) and checked: the finding is gone, no new error or warning appears, and every line
 * outside the edited range is byte-identical.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TextEdit } from 'vscode-languageserver-types';
import type { Dialect } from '../../../src/model/spec';
import { analyze, fixesOf } from '../../../src/language/service';
import type { Analysis } from '../../../src/language/service';
import type { ResolvedFinding, ResolvedFix } from '../../../src/language/types';
import { ruleById } from '../../../src/language/rules/catalogue';
import { repoRoot } from '../../support/paths';

export const EXAMPLE_FILES: Readonly<Record<Dialect, string>> = {
  genesys: 'genesys.toml',
  planton: 'planton.yaml',
  component: 'component.yaml',
  cloudformation: 'cloudformation.yaml',
};

export function example(dialect: Dialect): string {
  return readFileSync(join(repoRoot(), 'examples', EXAMPLE_FILES[dialect]), 'utf8');
}

/** Exact text replacements (each `from` must occur exactly once), or a function of the text. */
export type Mutation = readonly (readonly [from: string, to: string])[] | ((text: string) => string);

export interface RuleCase {
  readonly dialect: Dialect;
  /** What the mutation does, in words. */
  readonly what: string;
  readonly mutation: Mutation;
  readonly code: string;
  /** [line, character, endLine, endCharacter], 0-based. */
  readonly range: readonly [number, number, number, number];
  /** The text under the range (a long one: its start, then `...`). */
  readonly marks: string;
  /** Fix titles expected to be offered (all of them; order as offered). */
  readonly fixes?: readonly string[];
  /** Known not to pass yet, and why (the case runs as a node:test todo). */
  readonly todo?: string;
  /** Other findings (codes) the mutation also causes, by design; none when absent. */
  readonly also?: readonly string[];
}

export function mutate(text: string, mutation: Mutation): string {
  if (typeof mutation === 'function') { return mutation(text); }
  let out = text;
  for (const [from, to] of mutation) {
    const at = out.indexOf(from);
    assert.ok(at >= 0, `mutation: ${JSON.stringify(from)} not found`);
    assert.equal(out.indexOf(from, at + from.length), -1, `mutation: ${JSON.stringify(from)} occurs more than once`);
    out = out.slice(0, at) + to + out.slice(at + from.length);
  }
  return out;
}

export function offsetAt(text: string, pos: { line: number; character: number }): number {
  let offset = 0;
  for (let line = 0; line < pos.line; line++) {
    const nl = text.indexOf('\n', offset);
    assert.ok(nl >= 0, `line ${pos.line} beyond the text`);
    offset = nl + 1;
  }
  return offset + pos.character;
}

/** Applies LSP edits, last first, as an editor does (no overlap allowed). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const spans = edits.map(e => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start);
  for (let i = 1; i < spans.length; i++) { assert.ok(spans[i].end <= spans[i - 1].start, 'edits overlap'); }
  let out = text;
  for (const s of spans) { out = out.slice(0, s.start) + s.text + out.slice(s.end); }
  return out;
}

/** Every line outside the lines the edits touch is unchanged, in order (prefix and suffix exactly). */
export function assertOtherLinesKept(before: string, after: string, edits: readonly TextEdit[]): void {
  const a = before.split('\n');
  const b = after.split('\n');
  const first = Math.min(...edits.map(e => e.range.start.line));
  const last = Math.max(...edits.map(e => e.range.end.line));
  for (let i = 0; i < first; i++) { assert.equal(b[i], a[i], `line ${i} changed`); }
  const tail = a.length - 1 - last;
  for (let i = 1; i <= tail; i++) { assert.equal(b[b.length - i], a[a.length - i], `line ${a.length - i} (from the end) changed`); }
  // Lines between several edits: still there, in order.
  const touched = new Set<number>();
  for (const e of edits) { for (let l = e.range.start.line; l <= e.range.end.line; l++) { touched.add(l); } }
  let j = first;
  for (let i = first; i <= last; i++) {
    if (touched.has(i)) { continue; }
    while (j < b.length && b[j] !== a[i]) { j++; }
    assert.ok(j < b.length, `line ${i} (${JSON.stringify(a[i])}) lost between edits`);
    j++;
  }
}

const ANALYSES = new WeakMap<ResolvedFinding, Analysis>();

export function findings(text: string, dialect: Dialect): readonly ResolvedFinding[] {
  const analysis = analyze(text, { forcedDialect: dialect, advice: true });
  assert.ok(analysis, 'analyze gave nothing');
  for (const f of analysis.findings) { ANALYSES.set(f, analysis); }
  return analysis.findings;
}

/** A finding's fixes as edits, through the service's on-request API (`fixesOf`). */
export function fixesFor(f: ResolvedFinding): readonly ResolvedFix[] {
  const analysis = ANALYSES.get(f);
  assert.ok(analysis, 'a finding from findings()');
  return fixesOf(analysis, f);
}

function describe(f: ResolvedFinding): string {
  const r = f.range;
  return `${f.code} ${f.severity} [${r.start.line},${r.start.character},${r.end.line},${r.end.character}] ${f.message}`;
}

export function textUnder(text: string, f: ResolvedFinding): string {
  return text.slice(offsetAt(text, f.range.start), offsetAt(text, f.range.end));
}

/** Runs one case; returns the number of fixes checked. */
export function runCase(c: RuleCase): number {
  const base = example(c.dialect);
  const broken = mutate(base, c.mutation);
  const all = findings(broken, c.dialect);
  const also = new Set(c.also ?? []);
  assert.deepEqual(all.map(describe).filter(d => !d.startsWith(c.code + ' ') && !also.has(d.split(' ')[0])), [], 'findings other than the expected ones');
  const mine = all.filter(x => x.code === c.code);
  assert.equal(mine.length, 1, `expected exactly one ${c.code}, got:\n${all.map(describe).join('\n')}`);
  for (const code of also) { assert.ok(all.some(x => x.code === code), `expected also ${code}`); }
  const f = mine[0];
  const rule = ruleById(c.code);
  assert.ok(rule, `no rule ${c.code}`);
  assert.equal(f.severity, rule.severity);
  assert.deepEqual([f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character], [...c.range], describe(f));
  if (c.marks.endsWith('...')) { assert.ok(textUnder(broken, f).startsWith(c.marks.slice(0, -3)), textUnder(broken, f)); }
  else { assert.equal(textUnder(broken, f), c.marks); }
  assert.ok(f.message.length > 20, 'a message that names the value and what is valid');
  const resolvedFixes = fixesFor(f);
  if (c.fixes) { assert.deepEqual(resolvedFixes.map(x => x.title), [...c.fixes]); }
  assert.equal(f.fixes?.length ?? 0, resolvedFixes.length, 'every fix resolves to edits');
  assert.ok(resolvedFixes.filter(x => x.preferred).length <= 1, 'at most one preferred fix');
  if (resolvedFixes.length > 0) { assert.equal(resolvedFixes.filter(x => x.preferred).length, 1, 'one preferred fix'); }
  for (const fx of resolvedFixes) {
    const fixed = applyEdits(broken, fx.edits);
    const after = findings(fixed, c.dialect);
    const before = new Set(all.filter(x => x !== f).map(x => `${x.code} ${x.message}`));
    const bad = after.filter(x => (x.code === c.code && x.message === f.message)
      || ((x.severity === 'error' || x.severity === 'warning') && !before.has(`${x.code} ${x.message}`)));
    assert.deepEqual(bad.map(describe), [], `fix "${fx.title}" left its finding or added errors:\n${fixed}`);
    assertOtherLinesKept(broken, fixed, fx.edits);
  }
  return resolvedFixes.length;
}
