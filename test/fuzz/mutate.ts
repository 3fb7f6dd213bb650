/**
 * Seeded mutations of config files for fuzzing the language service: deleted and duplicated
 * lines, swapped characters, truncation, random unicode, a byte-order mark, `__proto__` and
 * other prototype names as keys and attribute names, attribute types flipped and key names
 * swapped (type conflicts), huge, deeply nested and wide (thousands of keys) inputs. Every case
 * goes through the whole pipeline (analyze, completion, hover); `checkCase` returns the problems
 * it found (an exception, a range outside the document, a BOM changing the verdict, a polluted
 * Object.prototype, a config with one attribute typed two ways and no error).
 */
import type { Range } from 'vscode-languageserver-types';
import { stripBom } from '../../src/language/bom';
import { analyze, completionAt, fixesOf, hoverAt, type Analysis } from '../../src/language/service';
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

/** Names that are special on a plain JS object. */
export const PROTO_NAMES = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', '__defineGetter__'];

const KEY_LINE = /^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_]*)(\s*[:=])/;
const TYPE_VALUE = /((?:_key_type|attributeType|type)\s*[:=]\s*["']?(?:ATTRIBUTE_TYPE_)?)([SNB])\b/g;
const KEY_NAME_VALUE = /((?:_key_name|attributeName|name)\s*[:=]\s*["']?)([A-Za-z0-9_.-]+)/g;

export function mutate(text: string, random: () => number): string {
  const pick = (n: number): number => Math.floor(random() * n);
  let out = text;
  const rounds = 1 + pick(4);
  for (let r = 0; r < rounds; r++) {
    const lines = out.split('\n');
    switch (pick(11)) {
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
      case 6: { const i = pick(lines.length); const j = pick(lines.length); [lines[i], lines[j]] = [lines[j], lines[i]]; out = lines.join('\n'); break; }
      // A byte-order mark in front (now and then twice: the second is content).
      case 7: out = (pick(8) === 0 ? '\ufeff\ufeff' : '\ufeff') + out; break;
      // A key renamed to a prototype name, or a key name / tag key / attribute value made one.
      case 8: {
        const candidates = lines.map((l, i) => (KEY_LINE.test(l) ? i : -1)).filter(i => i >= 0);
        const name = PROTO_NAMES[pick(PROTO_NAMES.length)];
        if (candidates.length === 0) { break; }
        const i = candidates[pick(candidates.length)];
        lines[i] = pick(2) === 0
          ? lines[i].replace(KEY_LINE, (_m, p: string, _k: string, eq: string) => p + name + eq)
          : lines[i].replace(/(["']?)[A-Za-z0-9_.-]+(["']?)\s*(#.*)?$/, (_m, a: string, b: string) => `${a}${name}${b}`);
        out = lines.join('\n');
        break;
      }
      // An attribute type flipped (S/N/B): a conflict where the name has another use.
      case 9: {
        const hits = [...out.matchAll(TYPE_VALUE)];
        if (hits.length === 0) { break; }
        const h = hits[pick(hits.length)];
        const at = (h.index ?? 0) + h[1].length;
        out = out.slice(0, at) + 'SNB'[pick(3)] + out.slice(at + 1);
        break;
      }
      // A key name replaced by another key name of the file (the same name typed two ways).
      default: {
        const hits = [...out.matchAll(KEY_NAME_VALUE)];
        if (hits.length < 2) { break; }
        const from = hits[pick(hits.length)];
        const to = hits[pick(hits.length)];
        const at = (from.index ?? 0) + from[1].length;
        out = out.slice(0, at) + to[2] + out.slice(at + from[2].length);
        break;
      }
    }
  }
  return out;
}

/** Wide maps: thousands of keys where one table has a handful (unknown keys, tags, definitions, indexes). */
export function wide(examples: readonly { name: string; text: string }[], width: number): { name: string; text: string }[] {
  const [genesys, planton, component] = examples.map(e => e.text);
  const n = Array.from({ length: width }, (_, i) => i);
  return [
    { name: 'wide-spec.yaml', text: planton.replace('spec:\n', 'spec:\n' + n.map(i => `  unknownKey${i}: ${i}\n`).join('')) },
    { name: 'wide-definitions.yaml', text: planton.replace('  attributeDefinitions:\n', '  attributeDefinitions:\n' + n.map(i => `    - name: a${i}\n      type: ATTRIBUTE_TYPE_${'SNB'[i % 3]}\n`).join('')) },
    { name: 'wide-tags.toml', text: genesys + n.map(i => `k${i} = "v${i}"\n`).join('') },
    { name: 'wide-table.toml', text: genesys.replace('name = "carts"\n', 'name = "carts"\n' + n.map(i => `extra_${i} = ${i}\n`).join('')) },
    { name: 'wide-config.yaml', text: component.replace('      tableName: DeviceReadings\n', '      tableName: DeviceReadings\n' + n.map(i => `      ${i % 7 === 0 ? '__proto__' + i : 'opt' + i}: {a: ${i}}\n`).join('')) },
    { name: 'wide-conflicts.toml', text: genesys.replace('[resources.dynamodb.tags]\n', n.slice(0, Math.min(width, 400)).map(i =>
      `[[resources.dynamodb.global_secondary_indexes]]\nname = "g${i}"\nhash_key_name = "h${i % 5}"\nhash_key_type = "${'SNB'[i % 3]}"\nprojection_type = "KEYS_ONLY"\nread_capacity_units = 1\nwrite_capacity_units = 1\n`).join('') + '[resources.dynamodb.tags]\n') },
  ];
}

/** Prototype names as keys at every level the dialects read. */
export function protoShapes(): { name: string; text: string }[] {
  return PROTO_NAMES.flatMap(p => [
    { name: `proto-${p}.toml`, text: `${p} = 1\n[[resources.dynamodb]]\nname = "t-${p}"\n${p} = "x"\nbilling_mode = "PAY_PER_REQUEST"\nhash_key_name = "${p}"\nhash_key_type = "S"\n[resources.dynamodb.${p}]\nx = 1\n[resources.dynamodb.tags]\n${p} = "v"\n` },
    { name: `proto-${p}.yaml`, text: `kind: AwsDynamodb\n${p}: 1\nmetadata:\n  name: t\n  ${p}: {}\nspec:\n  ${p}: {a: 1}\n  billingMode: BILLING_MODE_PAY_PER_REQUEST\n  attributeDefinitions:\n    - name: ${p}\n      type: ATTRIBUTE_TYPE_S\n      ${p}: 1\n  keySchema:\n    - attributeName: ${p}\n      keyType: KEY_TYPE_HASH\n  tags:\n    ${p}: v\n` },
    { name: `proto-${p}-component.yaml`, text: `components:\n  - name: ${p}\n    type: dynamodb-table\n    ${p}: 1\n    config:\n      ${p}: 1\n      tableName: T${p}\n      billingMode: ON_DEMAND\n      attributeDefinitions:\n        - attributeName: ${p}\n          attributeType: S\n      keySchema:\n        - attributeName: ${p}\n          keyType: HASH\n` },
  ]);
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

const verdict = (a: Analysis | undefined): string =>
  a ? `${a.dialect}\n${a.findings.map(f => `${f.code} ${JSON.stringify(f.range)} ${f.message}`).join('\n')}` : 'not a config';

/** Attribute names the tables type two ways (what must never validate without an error). */
export function typedTwice(a: Analysis): string[] {
  const out: string[] = [];
  for (const t of a.tables) {
    const types = new Map<string, Set<string>>();
    for (const attr of t.attributes) {
      if (!attr.name.valid || !attr.type?.valid) { continue; }
      const set = types.get(attr.name.value) ?? new Set<string>();
      set.add(attr.type.value);
      types.set(attr.name.value, set);
    }
    for (const [n, set] of types) { if (set.size > 1) { out.push(n); } }
  }
  return out;
}

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort().join();

export interface CheckOptions {
  /** Also run completion and hover at a few offsets (slower; on for the shaped cases). */
  readonly cursor?: boolean;
}

export function checkCase(name: string, text: string, options: CheckOptions = {}): string[] {
  const problems: string[] = [];
  try {
    const result = analyze(text, { uri: name });
    if (Object.getOwnPropertyNames(Object.prototype).sort().join() !== PROTOTYPE_KEYS || ({} as Record<string, unknown>).x !== undefined) {
      problems.push(`${name}: Object.prototype changed`);
    }
    // A leading byte-order mark is not content: the same verdict without it.
    if (text.charCodeAt(0) === 0xfeff && text.charCodeAt(1) !== 0xfeff) {
      const without = verdict(analyze(text.slice(1), { uri: name }));
      if (verdict(result) !== without) { problems.push(`${name}: a byte-order mark changed the verdict:\n${verdict(result)}\n--- without:\n${without}\n--- text:\n${text.slice(0, 300)}`); }
    }
    if (!result) { return problems; }
    // Positions are in the text as an editor shows it: after any byte-order mark.
    const shown = stripBom(text);
    const lines = new LineIndex(shown);
    for (const f of result.findings) {
      if (!inside(f.range, lines, shown)) { problems.push(`${name}: ${f.code} range outside the document: ${JSON.stringify(f.range)}`); }
      for (const fix of fixesOf(result, f)) {
        for (const e of fix.edits) {
          if (!inside(e.range, lines, shown)) { problems.push(`${name}: fix "${fix.title}" edit outside the document`); }
        }
      }
    }
    const twice = typedTwice(result);
    if (twice.length > 0 && !result.findings.some(f => f.severity === 'error')) {
      problems.push(`${name}: ${twice.join(', ')} typed two ways and no error`);
    }
    if (options.cursor) {
      for (const offset of [0, Math.floor(text.length / 3), Math.floor(text.length / 2), text.length]) {
        completionAt(text, offset, { uri: name });
        hoverAt(text, offset, { uri: name });
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
    problems.push(...checkCase(base.name, mutate(base.text, random), { cursor: i % 50 === 0 }));
  }
  return problems;
}
