/**
 * The TOML parse (smol-toml for the value, a scanner for positions) against the toml-eslint-parser
 * walk it replaced (tomlOracle.ts, kept here as the oracle): on every TOML file of the repository,
 * generated configs and edge cases, the same plain value (key order included) and the same
 * pointers, in the same order, with the same key and value offsets.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { parseToml } from '../../../src/language/toml';
import { genesysWithFindings } from '../../support/configs';
import { repoRoot } from '../../support/paths';
import { parseToml as oracle } from './tomlOracle';

/** A value with its key order made explicit, so deepEqual compares the order too. */
function ordered(value: unknown): unknown {
  if (Array.isArray(value)) { return value.map(ordered); }
  if (value !== null && typeof value === 'object') {
    return { proto: Object.getPrototypeOf(value) === Object.prototype, entries: Object.entries(value).map(([k, v]) => [k, ordered(v)]) };
  }
  return value;
}

function sameParse(text: string): void {
  const ours = parseToml(text);
  const theirs = oracle(text);
  assert.deepEqual(ours.map.syntaxErrors, [], 'valid TOML');
  assert.deepEqual(theirs.map.syntaxErrors, [], 'valid TOML (oracle)');
  assert.deepEqual(ordered(ours.value), ordered(theirs.value));
  const pointers = [...theirs.map.pointers()];
  assert.deepEqual([...ours.map.pointers()], pointers);
  for (const p of pointers) { assert.deepEqual(ours.map.offsets(p), theirs.map.offsets(p), p); }
}

function tomlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tomlFiles(path) : name.endsWith('.toml') ? [path] : [];
  });
}

const EDGE: Readonly<Record<string, string>> = {
  'brackets, hashes, equals and quotes inside strings': [
    'a = "[b] = # \\"c\\" ]] }"', "b = '[[x]] # = \"'", 'c = """\n[t]\nk = 1 # no\n"""', "d = '''\n[[u]]\n'''",
    'e = ["]", "[", \'#\', "}", "{"] # [not] a = header', 'f = { g = "}", h = [ "]" ] }', '',
  ].join('\n'),
  'quotes at the end of multi-line strings and escaped quotes': [
    'a = """x""""', "b = '''y'''''", 'c = """\\""""', 'd = """a\\\\"""', 'e = "\\\\"', 'f = "\\\\\\""', 'g = """ "" """', "h = ''' '' '''", '',
  ].join('\n'),
  'brackets, quotes and dots inside quoted header keys; quotes of one kind inside the other': [
    '["a]b".c]', 'k = "x"', '[[ "x]]" . \'y.z\' ]]', 'k = \'say "hi"\'', 'l = "it\'s \'\'\' fine"', 'm = """ \\""" """', '# a comment with """ and \'\'\' in it',
    'n = [ """a""", \'\'\'b\'\'\', "c" ] # [', '',
  ].join('\n'),
  'line-ending backslashes and escapes in multi-line strings': 'a = """one \\\n   two \\\n"""\nb = """\\\\\n"""\nc = 1\n',
  'date-times: offset, local, space separator, fractions, in arrays and inline tables': [
    'a = 1979-05-27T07:32:00Z', 'b = 1979-05-27 07:32:00', 'c = 1979-05-27 07:32:00.999999-07:00', 'd = 1979-05-27', 'e = 07:32:00',
    'f = 00:32:00.5', 'g = [1979-05-27, 1979-05-27 07:32:00Z, 07:32:00 ]', 'h = { x = 1979-05-27 07:32:00, y = 1979-05-27 }',
    'i = 1979-05-27 # a date, then a comment', 'j = 1979-05-27T07:32Z', 'k = 1979-05-27t07:32:00z', '',
  ].join('\n'),
  'numbers: big, hex, octal, binary, exponents, inf and nan': 'a = 99999999999999999999\nb = -9223372036854775808\nc = 0x7FFFFFFFFFFFFFFF\nd = 0o755\ne = 0b1101\nf = 5e+22\ng = -inf\nh = nan\ni = 1_000\nj = -0.0\nk = +1.5e-3\n',
  'quoted keys with escapes, empty keys and keys like numbers': '"a\\u0041" = 1\n"\\t\\"" = 2\n"" = 3\n\'x\' . \'\' = 4\n"\\U0001F600" = 5\n1 = 6\n2.3 = 7\n["\\u00e9".\'lit\']\nk = 8\n',
  'whitespace around dots, equals and brackets; tabs; CRLF; comments everywhere': '  a\t.\t b = 1   # c\r\n[ t . "u" ]\t# h\r\n\tk=2\r\n[[ arr ]] # x\r\n\r\n# only a comment\r\n[[ arr ]]\r\nv = [ # c\r\n  1 , # d\r\n  2 ,\r\n] # e\r\n',
  'multi-line inline tables, trailing commas (TOML 1.1)': 't = {\n  a = 1, # one\n  b = [\n    2,\n  ],\n}\nu = { x = 1, }\n',
  'arrays of tables: nested, reopened, sub-tables, dotted keys inside': [
    '[[a]]', 'x.y = 1', '[a.b]', 'c = 1', '[[a.list]]', 'n = 1', '[[a]]', '[[a.list]]', 'n = 2', '[[a.list]]', 'n = 3', '[a.list.sub]', 'm = 1',
    '[[z.w.v]]', '[z]', 'q = 1', '',
  ].join('\n'),
  'dotted keys, then headers of their sub-tables': '[fruit]\napple.color = "red"\napple.taste.sweet = true\n[fruit.apple.texture]\nsmooth = true\n',
  'a super-table after its sub-table; empty tables; trailing comments': '[a.b.c]\nd = 1\n[a]\ne = 2 # e\n# after\n[x]\n[y] # y\n\n',
  '__proto__ and other special keys': '__proto__ = 1\nconstructor = 2\n[t.__proto__]\nx = 2\n[[u]]\n__proto__.y = 3\n[hasOwnProperty]\ntoString = "s"\n',
  'unicode in strings and quoted keys': 'a = "日本😀"\n"ключ" = \'значение\'\nb = ["é", { "ü" = "ß" }]\n',
  'nested arrays and inline tables': 'a = [[1, [2, [3, {b = [4, {c = 5}]}]]], [], {}, [{}]]\nd = {e = {f = {g = []}}}\n',
  'empty document': '',
  'only comments': '# one\n# two\n',
  'no final line break': '[t]\na = [1, 2]',
};

describe('TOML parse equals the toml-eslint-parser walk (value, pointers, offsets)', () => {
  const root = repoRoot();
  for (const file of [...tomlFiles(join(root, 'examples')), ...tomlFiles(join(root, 'test', 'fixtures'))]) {
    it(relative(root, file), () => { sameParse(readFileSync(file, 'utf8')); });
  }
  for (const lines of [100, 1_000, 5_000]) {
    it(`genesysWithFindings(${lines})`, () => { sameParse(genesysWithFindings(lines)); });
  }
  for (const [name, text] of Object.entries(EDGE)) {
    it(name, () => { sameParse(text); });
  }
});
