import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { complete } from '../../../src/language/completion';
import { hover } from '../../../src/language/hover';
import { validateSchema } from '../../../src/language/schema';
import { joinPointer, splitPointer as pointerSegments } from '../../../src/language/sourcemap';
import { example } from './load';

/** Small seeded PRNG (mulberry32), so a failure reproduces. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function allPointers(value: unknown, pointer = '', out: string[] = []): string[] {
  out.push(pointer);
  if (Array.isArray(value)) { value.forEach((v, i) => allPointers(v, joinPointer(pointer, i), out)); }
  else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) { allPointers(v, joinPointer(pointer, k), out); }
  }
  return out;
}

function exists(root: unknown, pointer: string): boolean {
  let node = root;
  for (const segment of pointerSegments(pointer)) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, segment)) { return false; }
    node = (node as Record<string, unknown>)[segment];
  }
  return true;
}

function nested(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) { v = i % 2 ? [v] : { deep: v }; }
  return v;
}

const ODD_VALUES: readonly (() => unknown)[] = [
  () => null, () => 0, () => -1, () => 1.5, () => 10n ** 40n, () => '', () => 'ON_DEMAND', () => 'x'.repeat(300),
  () => 'äö🙂\u0000', () => true, () => [], () => {}, () => new Date(0), () => ({ name: 'zz' }), () => nested(200),
  () => ['a', 1, null], () => ({ 'a/b~c': 1 }),
];

describe('schema, completion and hover on random mutations of the examples', () => {
  for (const dialect of ['genesys', 'planton', 'component'] as const) {
    it(`${dialect}: 150 seeded mutations never throw, and every finding points at a node that exists`, () => {
      const random = prng(dialect.length * 7919);
      for (let round = 0; round < 150; round++) {
        const value = example(dialect);
        for (let m = 0; m < 1 + Math.floor(random() * 3); m++) {
          const pointers = allPointers(value).filter(p => p !== '');
          if (pointers.length === 0) { break; }
          const target = pointers[Math.floor(random() * pointers.length)];
          const segments = pointerSegments(target);
          const key = segments[segments.length - 1];
          const parent = pointerSegments(target).slice(0, -1).reduce<unknown>((n, s) => (n as Record<string, unknown>)[s], value) as Record<string, unknown>;
          const action = random();
          if (action < 0.3 && !Array.isArray(parent)) { delete parent[key]; }
          else if (action < 0.45 && !Array.isArray(parent)) { parent[key + 'x'] = parent[key]; }
          else { parent[key] = ODD_VALUES[Math.floor(random() * ODD_VALUES.length)](); }
        }
        const findings = validateSchema(dialect, value);
        for (const f of findings) {
          assert.ok(f.pointer !== undefined && exists(value, f.pointer), `round ${round}: ${f.code} at missing ${f.pointer}`);
          assert.ok(f.message.length > 0);
        }
        for (const pointer of allPointers(value).filter((_, i) => i % 4 === round % 4).slice(0, 15)) {
          complete({ dialect, format: dialect === 'genesys' ? 'toml' : 'yaml', value, pointer, position: 'key' });
          complete({ dialect, format: dialect === 'genesys' ? 'toml' : 'yaml', value, pointer, position: 'value' });
          hover({ dialect, value, pointer, on: 'key' });
          hover({ dialect, value, pointer, on: 'value', summary: 's' });
        }
      }
    });
  }
  it('non-object documents and deep nesting', () => {
    for (const dialect of ['genesys', 'planton', 'component'] as const) {
      for (const make of ODD_VALUES) {
        const document = make();
        const findings = validateSchema(dialect, document);
        // A Date is an object to JSON schema (TOML datetimes are Dates); the document is never one.
        const mapping = document !== null && typeof document === 'object' && !Array.isArray(document);
        if (!mapping) { assert.deepEqual(findings.map(f => [f.code, f.pointer]), [['type', '']], `${dialect}: ${String(document)}`); }
      }
      assert.ok(validateSchema(dialect, { components: [nested(5000)], spec: nested(5000), resources: { dynamodb: [nested(5000)] } }).length > 0);
    }
  });
});
