/**
 * Seeded mutations of config files for fuzzing the language service: deleted and duplicated
 * lines, swapped characters, truncation, random unicode, huge and deeply nested inputs. Every
 * case goes through the whole pipeline (analyze, completion, hover); `checkCase` returns the
 * problems it found (an exception, a range outside the document).
 */
import type { Range } from 'vscode-languageserver-types';
import { analyze, fixesOf } from '../../src/language/service';
import { LineIndex } from '../../src/language/sourcemap';

/** mulberry32: a small seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UNICODE = ['é', '😀', '\u0000', '\u200b', '\ufeff', '\r', '\t', '日本', '\ud800', '"', "'", '[', ']', '{', '}', ':', '=', '#', '-', ',', '\\'];

export function mutate(text: string, random: () => number): string {
  const pick = (n: number): number => Math.floor(random() * n);
  let out = text;
  const rounds = 1 + pick(4);
  for (let r = 0; r < rounds; r++) {
    const lines = out.split('\n');
    switch (pick(7)) {
      case 0: lines.splice(pick(lines.length), 1); out = lines.join('\n'); break;
      case 1: { const i = pick(lines.length); lines.splice(i, 0, lines[i]); out = lines.join('\n'); break; }
      case 2: {
        if (out.length < 2) { break; }
        const i = pick(out.length - 1);
        out = out.slice(0, i) + out[i + 1] + out[i] + out.slice(i + 2);
        break;
      }
      case 3: out = out.slice(0, pick(out.length + 1)); break;
      case 4: { const i = pick(out.length + 1); out = out.slice(0, i) + UNICODE[pick(UNICODE.length)] + out.slice(i); break; }
      case 5: { const i = pick(out.length + 1); out = out.slice(0, i) + String.fromCharCode(pick(0x10000)) + out.slice(i); break; }
      default: { const i = pick(lines.length); const j = pick(lines.length); [lines[i], lines[j]] = [lines[j], lines[i]]; out = lines.join('\n'); break; }
    }
  }
  return out;
}

/** Inputs that stress size and depth. */
export function extremes(examples: readonly { name: string; text: string }[]): { name: string; text: string }[] {
  const big = (t: string): string => t.repeat(Math.ceil(10_000_000 / t.length));
  return [
    { name: 'big.toml', text: big(examples[0].text) },
    { name: 'big.yaml', text: big(examples[1].text) },
    { name: 'nested.toml', text: '[[resources.dynamodb]]\nname = ' + '['.repeat(50_000) },
    { name: 'nested-array.toml', text: '[[resources.dynamodb]]\nname = ' + '['.repeat(5_000) + ']'.repeat(5_000) },
    { name: 'nested.yaml', text: 'kind: AwsDynamodb\nspec: ' + '- '.repeat(50_000) + 'x' },
    { name: 'nested-flow.yaml', text: 'kind: AwsDynamodb\nspec: ' + '['.repeat(20_000) },
    { name: 'nested-map.yaml', text: 'kind: AwsDynamodb\nspec:\n' + Array.from({ length: 2_000 }, (_, i) => ' '.repeat(i + 1) + `k${i}:`).join('\n') },
  ];
}

function inside(range: Range, lines: LineIndex, text: string): boolean {
  const ok = (p: Range['start']): boolean => p.line >= 0 && p.line < lines.lineCount && p.character >= 0
    && lines.lineStart(p.line) + p.character <= lines.lineContentEnd(p.line) && lines.lineStart(p.line) + p.character <= text.length;
  const ordered = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  return ok(range.start) && ok(range.end) && ordered;
}

export function checkCase(name: string, text: string): string[] {
  const problems: string[] = [];
  try {
    const result = analyze(text, { uri: name });
    if (!result) { return problems; }
    const lines = new LineIndex(text);
    for (const f of result.findings) {
      if (!inside(f.range, lines, text)) { problems.push(`${name}: ${f.code} range outside the document: ${JSON.stringify(f.range)}`); }
      for (const fix of fixesOf(result, f)) {
        for (const e of fix.edits) {
          if (!inside(e.range, lines, text)) { problems.push(`${name}: fix "${fix.title}" edit outside the document`); }
        }
      }
    }
  } catch (e) {
    problems.push(`${name}: threw ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  }
  return problems;
}

/** Runs `count` seeded mutations of the examples; returns the problems found. */
export function fuzz(examples: readonly { name: string; text: string }[], count: number, seed: number): string[] {
  const random = prng(seed);
  const problems: string[] = [];
  for (let i = 0; i < count; i++) {
    const base = examples[i % examples.length];
    problems.push(...checkCase(base.name, mutate(base.text, random)));
  }
  return problems;
}
