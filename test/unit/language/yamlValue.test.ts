/**
 * parseYaml builds the plain value and the source map (a tree of slots, no pointer string per
 * node) in one walk over yaml's document: the value must be what yaml's own `toJS` makes, keys
 * written twice must be reported at their second occurrence as yaml's own check reports them, and
 * a pointer must find its key and value whatever the shape of the mapping.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { parseYaml } from '../../../src/language/yaml';
import { componentWithFindings } from '../../support/configs';
import { example, textAt } from './helpers';

const wide = (n: number, extra = ''): string => `m:\n${Array.from({ length: n }, (_, i) => `  k${i}: ${i}\n`).join('')}${extra}`;

const TRICKY: Readonly<Record<string, string>> = {
  'keys a plain object inherits (__proto__, constructor, toString)': '__proto__: 1\nconstructor: 2\ntoString: 3\nhasOwnProperty: {a: 1}\nx: {__proto__: {y: 2}}\n',
  'keys that are numbers, booleans and null': '1: a\ntrue: b\n~: c\n0x10: d\n1.5: e\n',
  'a key and a number key with the same text': '"1": a\n1: b\n',
  'a key written twice in a small and in a wide mapping': `a: 1\nb: 2\na: 3\n${wide(20, '  k3: again\n')}`,
  'a key written twice with an array, then a mapping': 'a: [1, 2]\na: {x: 1}\n',
  'a key written twice with a mapping, then an array': 'a: {x: 1}\na: [1, 2]\n',
  'sequences with empty items and nested sequences': 'a:\n  -\n  - [1, [2, 3], {b: ~}]\n  - - x\n    - y\n',
  'keys with no value, and flow collections': 'a:\nb: {c: , d: [e, f]}\ng: []\nh: {}\n',
  'keys holding a slash or a tilde': '"a/b": 1\n"c~d": {"e/~f": 2}\n',
  'quoted, block and folded scalars': 'a: "x\\ty"\nb: \'z\'\'s\'\nc: |\n  one\n  two\nd: >-\n  three\n  four\n',
  'a large integer and special floats': 'a: 123456789012345678901234567890\nb: .inf\nc: -.inf\nd: 1e3\n',
  'an empty document': '',
  'a scalar document': 'just a string\n',
  'the benchmark config': componentWithFindings(200),
};

function reference(text: string): unknown {
  return parseDocument(text, { uniqueKeys: false }).toJS();
}

function sameValue(actual: unknown, expected: unknown): void {
  // deepEqual ignores prototypes of plain objects; own keys (and their order) are compared apart.
  assert.deepEqual(actual, expected);
  if (actual && typeof actual === 'object') {
    assert.deepEqual(Reflect.ownKeys(actual), Reflect.ownKeys(expected as object));
    assert.equal(Object.getPrototypeOf(actual), Object.getPrototypeOf(expected));
    for (const key of Reflect.ownKeys(actual)) {
      sameValue((actual as Record<string | symbol, unknown>)[key], (expected as Record<string | symbol, unknown>)[key]);
    }
  }
}

describe('YAML value built by the source-map walk', () => {
  for (const [what, text] of Object.entries(TRICKY)) {
    it(`equals yaml's toJS: ${what}`, () => {
      sameValue(parseYaml(text).value, reference(text));
    });
  }

  it('the examples: the same value as toJS', () => {
    for (const name of ['planton.yaml', 'component.yaml']) {
      const text = example(name);
      sameValue(parseYaml(text).value, reference(text));
    }
  });
});

describe('YAML keys written twice', () => {
  for (const [what, text] of Object.entries(TRICKY)) {
    it(`reported where yaml's own check reports them: ${what}`, () => {
      const ours = parseYaml(text).map.syntaxErrors.filter(e => e.message === 'Map keys must be unique').map(e => e.range.start);
      const lines = text.split('\n');
      const theirs = parseDocument(text).errors.filter(e => e.code === 'DUPLICATE_KEY').map(e => {
        let offset = e.pos[0];
        let line = 0;
        while (offset > lines[line].length) { offset -= lines[line].length + 1; line++; }
        return { line, character: offset };
      });
      assert.deepEqual(ours, theirs);
    });
  }
});

describe('YAML source map of odd mappings', () => {
  const at = (text: string, pointer: string, part: 'key' | 'value'): string | undefined => {
    const loc = parseYaml(text).map.get(pointer);
    const range = part === 'key' ? loc?.keyRange : loc?.valueRange;
    return range && textAt(text, range);
  };

  it('a key written twice: one pointer, its key the first one, its value spanning both', () => {
    const text = 'a: 1\nb: 2\na: 3\n';
    assert.equal(at(text, '/a', 'key'), 'a');
    assert.equal(parseYaml(text).map.get('/a')?.keyRange?.start.line, 0);
    assert.equal(at(text, '/a', 'value'), '1\nb: 2\na: 3');
    assert.deepEqual([...parseYaml(text).map.pointers()], ['', '/a', '/b']);
  });

  it('a key written twice with an array and a mapping: both its elements and its keys are found, in either order', () => {
    for (const text of ['a: [p, q]\na: {x: r}\n', 'a: {x: r}\na: [p, q]\n']) {
      assert.equal(at(text, '/a/0', 'value'), 'p', text);
      assert.equal(at(text, '/a/1', 'value'), 'q', text);
      assert.equal(at(text, '/a/x', 'value'), 'r', text);
      assert.deepEqual(parseYaml(text).map.children('/a').length, 3, text);
    }
  });

  it('a key and a number key with the same text share a pointer', () => {
    const text = '"1": a\n1: b\n';
    assert.equal(at(text, '/1', 'key'), '"1"');
    assert.deepEqual([...parseYaml(text).map.pointers()], ['', '/1']);
  });

  it('a wide mapping, a key written twice in it, and keys holding a slash or a tilde', () => {
    const text = wide(40, '  k7: again\n  "a/b~c": z\n');
    assert.equal(at(text, '/m/k39', 'value'), '39');
    assert.equal(at(text, '/m/k7', 'value'), '7\n  k8: 8\n  k9: 9\n  k10: 10\n  k11: 11\n  k12: 12\n  k13: 13\n  k14: 14\n  k15: 15\n  k16: 16\n  k17: 17\n  k18: 18\n  k19: 19\n  k20: 20\n  k21: 21\n  k22: 22\n  k23: 23\n  k24: 24\n  k25: 25\n  k26: 26\n  k27: 27\n  k28: 28\n  k29: 29\n  k30: 30\n  k31: 31\n  k32: 32\n  k33: 33\n  k34: 34\n  k35: 35\n  k36: 36\n  k37: 37\n  k38: 38\n  k39: 39\n  k7: again');
    assert.equal(at(text, '/m/a~1b~0c', 'value'), 'z');
    assert.equal(parseYaml(text).map.children('/m').length, 41);
  });

  it('sequence items after an empty one keep their index', () => {
    const text = 'a:\n  -\n  - x\n  - [y]\n';
    assert.equal(at(text, '/a/0', 'value'), '');
    assert.equal(at(text, '/a/1', 'value'), 'x');
    assert.equal(at(text, '/a/2/0', 'value'), 'y');
    assert.equal(parseYaml(text).map.pointerAt(text.indexOf('y'))?.pointer, '/a/2/0');
  });

  it('a short-form tag on a key written twice: its long form is found under the one pointer', () => {
    const text = 'a: !Ref X\na: !GetAtt [T, Arn]\n';
    assert.equal(at(text, '/a/Fn::GetAtt/1', 'value'), 'Arn');
    assert.equal(at(text, '/a/Ref', 'value'), 'X');
  });
});
