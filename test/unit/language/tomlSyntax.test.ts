/**
 * TOML syntax errors from smol-toml: on the line toml-eslint-parser reported them (tomlOracle.ts),
 * in a sentence without smol-toml's prefix and code excerpt, and the rest of the file still read.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseToml } from '../../../src/language/toml';
import { textAt } from './helpers';
import { parseToml as oracle } from './tomlOracle';

const BROKEN: readonly string[] = [
  'a = 1\na = 2\nb = 3\n',
  'x = 1\na = "unclosed\nb = 1\n',
  "a = 'unclosed\nb = 1\n",
  'a = [1, 2\nb = 1\n',
  'a = {b = 1\nc = 2\n',
  'k = v\nb = 1\n',
  'a = 1 b = 2\nc = 3\n',
  'a.b = 1\na = 2\n',
  '[a]\n[a]\nx = 1\n',
  '= 1\nb = 2\n',
  'ä = 1\nb = 2\n',
  'a = 0x\nb = 1\n',
  'a = 1__2\nb = 1\n',
  'a = "\\q"\nb = 1\n',
  'a = 1979-02-30\nb = 1\n',
  '[[resources.dynamodb]]\n[[[[[',
  'a = 1\n[t]\nb = 2\nb = 3\n[u]\nc = [\n',
];

describe('TOML syntax errors', () => {
  for (const text of BROKEN) {
    it(`are on the lines toml-eslint-parser reported (in any order): ${JSON.stringify(text)}`, () => {
      const ours = parseToml(text).map.syntaxErrors;
      const theirs = oracle(text).map.syntaxErrors;
      const lines = (errors: typeof ours): number[] => [...new Set(errors.map(e => e.range.start.line))].sort((a, b) => a - b);
      assert.ok(ours.length > 0);
      assert.deepEqual(lines(ours), lines(theirs));
      for (const e of ours) {
        assert.ok(textAt(text, e.range).length > 0, 'an error marks at least one character');
        assert.match(e.message, /^[A-Z][^\n]*$/, 'one sentence, no code excerpt');
        assert.doesNotMatch(e.message, /Invalid TOML document/);
      }
    });
  }

  it('name what is being typed: a string, a table header, a key without its value', () => {
    const message = (text: string): string | undefined => parseToml(text).map.syntaxErrors[0]?.message;
    assert.equal(message('a = "abc\nb = 1\n'), 'Unfinished string: the closing quote is missing');
    assert.equal(message('[resources.dynamodb\nb = 1\n'), 'Unfinished table header: the closing ] is missing');
    assert.equal(message('[[resources.dynamodb\nb = 1\n'), 'Unfinished table header: the closing ] is missing');
    assert.equal(message('name\nb = 1\n'), 'Unfinished key/value: expected = and a value');
    assert.equal(message('a = 1\na = 2\n'), 'Trying to redefine an already defined table or value');
    assert.equal(message('a = """never closed\nb = 1\n'), 'Unfinished string');
  });

  it('mark the line of an unfinished header or multi-line string, and keep what follows', () => {
    for (const text of ['[t\nk = 1\n', 'x = """never closed\nk = 1\n']) {
      const { map, value } = parseToml(text);
      assert.equal(map.syntaxErrors[0].range.start.line, 0, text);
      assert.equal((value as { k?: number }).k, 1, text);
    }
  });

  it('a day its month does not have is an invalid date on its value; leap days are valid', () => {
    const text = 'a = 1979-02-30\nb = 1900-02-29 07:00:00\nc = 2000-02-29\nd = 0000-02-29\ne = 1979-04-31T10:00:00Z\nf = 1\n';
    const { map, value } = parseToml(text);
    assert.deepEqual(map.syntaxErrors.map(e => [e.message, textAt(text, e.range)]), [
      ['Invalid date', '1979-02-30'], ['Invalid date', '1900-02-29 07:00:00'], ['Invalid date', '1979-04-31T10:00:00Z'],
    ]);
    assert.deepEqual(value, { c: '2000-02-29T00:00:00.000Z', d: '0000-02-29T00:00:00.000Z', f: 1 });
    assert.ok(map.get('/f'));
  });

  it('arrays nested past 500 levels are one error, not a crash, and the next line is read', () => {
    const text = `a = ${'['.repeat(600)}${']'.repeat(600)}\nb = 1\n`;
    const { map, value } = parseToml(text);
    assert.equal(map.syntaxErrors.length, 1);
    assert.match(map.syntaxErrors[0].message, /nested more than 500 deep/);
    assert.deepEqual(value, { b: 1 });
    const deepest = `a = ${'['.repeat(500)}1${']'.repeat(500)}\n`;
    assert.deepEqual(parseToml(deepest).map.syntaxErrors, []);
    assert.ok(parseToml(deepest).map.get(`/a${'/0'.repeat(500)}`));
  });
});
