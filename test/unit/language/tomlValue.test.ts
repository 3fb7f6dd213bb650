/**
 * parseToml's plain value (smol-toml's, made plain) must merge tables, dotted keys and arrays of
 * tables exactly as TOML does, and its source map (a scanner's) must agree with it. Compared with
 * toml-eslint-parser's own getStaticTOMLValue (made plain the way the service wants it), the parser
 * it replaced, and with smol-toml's bare value.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse as smolParse } from 'smol-toml';
import { getStaticTOMLValue, parseTOML } from 'toml-eslint-parser';
import { parseToml } from '../../../src/language/toml';
import { genesysWithFindings } from '../../support/configs';
import { example, textAt } from './helpers';

/** getStaticTOMLValue's value with big integers as numbers and dates as ISO strings. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') { return Number(value); }
  if (value instanceof Date) { return Number.isNaN(value.getTime()) ? String(value) : value.toISOString(); }
  if (Array.isArray(value)) { return value.map(plain); }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

function reference(text: string): unknown {
  return plain(getStaticTOMLValue(parseTOML(text)));
}

/** smol-toml's value in the same shape (its dates are Date objects too). */
function smol(text: string): unknown {
  return plain(smolParse(text));
}

const TRICKY: Readonly<Record<string, string>> = {
  'dotted keys into one table': 'a.b.c = 1\na.b.d = 2\na.e = "x"\nf = 3\n',
  'a sub-table after its super-table': '[a]\nx = 1\n[a.b]\ny = 2\n[a.b.c]\nz = 3\n',
  'a super-table after its sub-table': '[a.b]\ny = 2\n[a]\nx = 1\n',
  'dotted keys inside a table, then a sub-table of them': '[t]\nu.v = 1\nu.w = 2\n[t.x]\ny = 1\n',
  'arrays of tables with sub-tables and nested arrays of tables': [
    '[[x]]', 'n = 1', '[x.sub]', 'k = 1', '[[x.list]]', 'q = 1', '[[x.list]]', 'q = 2',
    '[[x]]', 'n = 2', '[x.sub]', 'k = 2', '[[x.list]]', 'q = 3', '',
  ].join('\n'),
  'an array of tables under a table not yet defined, then that table': '[[a.b]]\nc = 1\n[[a.b]]\nc = 2\n[a]\nd = 3\n',
  'inline tables and arrays, nested': 't = { a = 1, b.c = 2, d = { e = [1, { f = 2 }, [3, [4]]] } }\narr = [{ x = 1 }, { y = [] }]\n',
  'quoted keys with dots, slashes and tildes': '"a.b" = 1\n\'x/y\' = 2\n"~" = 3\n["q.r"]\n"s/t" = 4\n[["u~v"]]\nw = 5\n',
  'the genesys example': example('genesys.toml'),
  'empty tables and an empty document part': '[a]\n[b.c]\n[[d]]\n[[d]]\n',
};

describe('TOML plain value (built with the source map)', () => {
  for (const [name, text] of Object.entries(TRICKY)) {
    it(`equals getStaticTOMLValue and smol-toml: ${name}`, () => {
      const parsed = parseToml(text);
      assert.deepEqual(parsed.map.syntaxErrors, [], 'valid TOML');
      assert.deepEqual(parsed.value, reference(text));
      assert.deepEqual(parsed.value, smol(text));
    });
  }

  it('makes dates ISO strings, big integers numbers, keeps inf and nan (as getStaticTOMLValue does)', () => {
    const text = 'a = 1979-05-27T07:32:00Z\nb = 1979-05-27\nc = 07:32:00\nd = 99999999999999999999\ne = inf\nf = nan\ng = 0x10\n';
    const { value } = parseToml(text);
    assert.deepEqual(value, reference(text));
    const v = value as Record<string, unknown>;
    assert.equal(v.a, '1979-05-27T07:32:00.000Z');
    assert.equal(v.d, 1e20);
    assert.equal(v.e, Number.POSITIVE_INFINITY);
    assert.ok(Number.isNaN(v.f));
    assert.equal(v.g, 16);
  });

  it('keeps a __proto__ key as an own key, not the prototype', () => {
    const { value } = parseToml('__proto__ = 1\n[t.__proto__]\nx = 2\n[[u]]\n__proto__.y = 3\n');
    const v = value as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(v), Object.prototype);
    assert.ok(Object.prototype.hasOwnProperty.call(v, '__proto__'));
    assert.deepEqual(Object.getOwnPropertyDescriptor(v, '__proto__')?.value, 1);
    const t = v.t as Record<string, unknown>;
    assert.deepEqual(Object.getOwnPropertyDescriptor(t, '__proto__')?.value, { x: 2 });
    const u = (v.u as Record<string, unknown>[])[0];
    assert.deepEqual(Object.getOwnPropertyDescriptor(u, '__proto__')?.value, { y: 3 });
  });

  it('equals getStaticTOMLValue on a generated 2,000-line config', () => {
    const text = genesysWithFindings(2_000);
    assert.deepEqual(parseToml(text).value, reference(text));
  });

  it('maps every pointer of nested arrays of tables and inline tables to its text', () => {
    const text = 'z = { a = [10, { b = 20 }] }\n' + TRICKY['arrays of tables with sub-tables and nested arrays of tables'];
    const { map } = parseToml(text);
    const value = (p: string): string | undefined => { const at = map.get(p); return at && textAt(text, at.valueRange); };
    const key = (p: string): string | undefined => { const at = map.get(p)?.keyRange; return at && textAt(text, at); };
    assert.equal(value('/x/1/list/0/q'), '3');
    assert.equal(key('/x/1/list/0'), '[[x.list]]');
    assert.equal(value('/x/0/sub/k'), '1');
    assert.equal(key('/x/0/sub'), 'sub');
    assert.equal(value('/x/1/n'), '2');
    assert.equal(value('/z/a/1/b'), '20');
    assert.equal(value('/z/a/0'), '10');
    assert.deepEqual(map.offsets('/z/a/0'), { valueStart: text.indexOf('10'), valueEnd: text.indexOf('10') + 2 });
  });
});

describe('TOML source map as a tree of slots (pointers made on first use)', () => {
  const wide = Array.from({ length: 40 }, (_, i) => `k${i} = ${i}`).join('\n');
  const text = [
    '"3" = "a string key that looks like an index"',
    '"a/b" = 1',
    '"c~d" = 2',
    'arr = [[1, 2], { x = 3 }]',
    '[wide]',
    wide,
    '[[t]]',
    'n = 1',
    '[[t]]',
    'n = 2',
    '[t.sub]',
    'm = 3',
    '',
  ].join('\n');

  /** Every pointer, the value text it maps to, as get() answers before pointers() was asked. */
  function snapshot(): Map<string, string | undefined> {
    const { map } = parseToml(text);
    const probe = ['', '/3', '/a~1b', '/c~0d', '/arr', '/arr/0', '/arr/0/1', '/arr/1/x', '/wide', '/wide/k0', '/wide/k39', '/t', '/t/0', '/t/1/n', '/t/1/sub/m', '/t/2', '/arr/01', '/wide/k40', '/nope/x'];
    return new Map(probe.map(p => { const at = map.get(p); return [p, at && textAt(text, at.valueRange)]; }));
  }

  it('finds keys, escaped keys, array elements and the keys of a wide table without making every pointer', () => {
    const got = snapshot();
    assert.equal(got.get('/3'), '"a string key that looks like an index"');
    assert.equal(got.get('/a~1b'), '1');
    assert.equal(got.get('/c~0d'), '2');
    assert.equal(got.get('/arr/0/1'), '2');
    assert.equal(got.get('/arr/1/x'), '3');
    assert.equal(got.get('/wide/k0'), '0');
    assert.equal(got.get('/wide/k39'), '39');
    assert.equal(got.get('/t/1/n'), '2');
    assert.equal(got.get('/t/1/sub/m'), '3');
    for (const missing of ['/t/2', '/arr/01', '/wide/k40', '/nope/x']) { assert.equal(got.get(missing), undefined, missing); }
  });

  it('answers the same once every pointer is made, lists each pointer once in document order, children by parent', () => {
    const { map } = parseToml(text);
    const all = [...map.pointers()];
    assert.equal(new Set(all).size, all.length, 'no pointer twice');
    assert.deepEqual(all.slice(0, 8), ['', '/3', '/a~1b', '/c~0d', '/arr', '/arr/0', '/arr/0/0', '/arr/0/1']);
    const before = snapshot();
    for (const [p, value] of before) {
      const at = map.get(p);
      assert.equal(at && textAt(text, at.valueRange), value, p);
    }
    assert.deepEqual(map.children('/t'), ['/t/0', '/t/1']);
    assert.deepEqual(map.children('/t/1'), ['/t/1/n', '/t/1/sub']);
    assert.equal(map.children('/wide').length, 40);
    assert.deepEqual(map.pointerAt(text.indexOf('m = 3')), { pointer: '/t/1/sub/m', on: 'key' });
    assert.deepEqual(map.offsets('/t/1'), { keyStart: text.lastIndexOf('[[t]]'), keyEnd: text.lastIndexOf('[[t]]') + 5, valueStart: text.lastIndexOf('[[t]]'), valueEnd: map.offsets('/t/1')?.valueEnd });
  });

  it('widens a table that a later header reopens ([t.sub] after [[t]] widens /t and /t/1)', () => {
    const { map } = parseToml(text);
    const t1 = map.offsets('/t/1');
    assert.ok(t1 && t1.valueEnd >= text.indexOf('m = 3') + 'm = 3'.length, 'the [t.sub] body is inside the second [[t]] element');
  });
});
