import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex, joinPointer, splitPointer } from '../../../src/language/sourcemap';
import { parseToml } from '../../../src/language/toml';
import { parseYaml } from '../../../src/language/yaml';
import { example, textAt } from './helpers';

function keyText(text: string, map: ReturnType<typeof parseToml>['map'], pointer: string): string | undefined {
  const at = map.get(pointer);
  return at?.keyRange && textAt(text, at.keyRange);
}
function valueText(text: string, map: ReturnType<typeof parseToml>['map'], pointer: string): string | undefined {
  const at = map.get(pointer);
  return at && textAt(text, at.valueRange);
}

describe('LineIndex', () => {
  it('converts offsets and positions over LF, CRLF and CR line ends', () => {
    const text = 'ab\r\ncd\nef\rgh';
    const idx = new LineIndex(text);
    assert.equal(idx.lineCount, 4);
    assert.deepEqual(idx.positionAt(text.indexOf('c')), { line: 1, character: 0 });
    assert.deepEqual(idx.positionAt(text.indexOf('h')), { line: 3, character: 1 });
    assert.deepEqual(idx.positionAt(3), { line: 0, character: 2 }, 'between \\r and \\n is the end of the line');
    assert.equal(idx.offsetAt({ line: 2, character: 1 }), text.indexOf('f'));
    assert.equal(idx.offsetAt({ line: 0, character: 99 }), 2, 'past the end of a line clamps to its content end');
    assert.equal(idx.offsetAt({ line: 9, character: 0 }), text.length);
  });
  it('gives LF-only text (its own fast path) the same lines as the same text with CRLF', () => {
    for (const text of ['', '\n', 'a', 'a\n', '\n\nab\ncd\n\n', 'x = 1\ny = 2']) {
      const lf = new LineIndex(text);
      const crlf = new LineIndex(text.replace(/\n/g, '\r\n'));
      assert.equal(lf.lineCount, crlf.lineCount, JSON.stringify(text));
      for (let line = 0; line < lf.lineCount; line++) {
        assert.equal(lf.lineContentEnd(line) - lf.lineStart(line), crlf.lineContentEnd(line) - crlf.lineStart(line), `${JSON.stringify(text)} line ${line}`);
      }
      assert.deepEqual(lf.positionAt(text.length), crlf.positionAt(crlf.text.length));
    }
    const idx = new LineIndex('ab\ncd\n');
    assert.equal(idx.lineCount, 3);
    assert.deepEqual(idx.positionAt(3), { line: 1, character: 0 });
    assert.deepEqual(idx.positionAt(2), { line: 0, character: 2 });
    assert.equal(idx.lineStart(2), 6);
  });
  it('counts UTF-16 code units as LSP does (astral characters are two)', () => {
    const text = 'a = "😀é"\nb = 1';
    const idx = new LineIndex(text);
    assert.deepEqual(idx.positionAt(text.indexOf('"', 5)), { line: 0, character: 8 });
  });
  it('escapes pointer tokens per RFC 6901', () => {
    assert.equal(joinPointer('/a', 'b/c~d'), '/a/b~1c~0d');
    assert.deepEqual(splitPointer('/a/b~1c~0d/0'), ['a', 'b/c~d', '0']);
  });
});

describe('TOML source map', () => {
  const text = example('genesys.toml');
  const { map, value } = parseToml(text);
  it('maps keys and values of array-of-tables entries', () => {
    assert.equal(keyText(text, map, '/resources/dynamodb/1/billing_mode'), 'billing_mode');
    assert.equal(valueText(text, map, '/resources/dynamodb/1/billing_mode'), '"PROVISIONED"');
    assert.equal(valueText(text, map, '/resources/dynamodb/1/global_secondary_indexes/0/name'), '"by-status"');
    assert.equal(valueText(text, map, '/resources/dynamodb/1/global_secondary_indexes/0/non_key_attributes/1'), '"currency"');
    assert.equal(valueText(text, map, '/resources/dynamodb/1/tags/Team'), '"billing"');
    assert.equal(keyText(text, map, '/resources/dynamodb/1/tags'), 'tags');
    assert.equal(valueText(text, map, '/region'), '"eu-west-1"');
  });
  it('gives an array-of-tables element its header as key, and nested tables widen it', () => {
    assert.equal(keyText(text, map, '/resources/dynamodb/0'), '[[resources.dynamodb]]');
    const entry = map.get('/resources/dynamodb/1');
    const tags = map.get('/resources/dynamodb/1/tags/Environment');
    assert.ok(entry && tags && entry.valueRange.end.line >= tags.valueRange.end.line);
  });
  it('keeps the plain value and the document order of pointers', () => {
    assert.deepEqual((value as { resources: { dynamodb: { name: string }[] } }).resources.dynamodb.map(t => t.name), ['carts', 'invoices']);
    const all = [...map.pointers()];
    assert.ok(all.indexOf('/resources/dynamodb/0/name') < all.indexOf('/resources/dynamodb/1/name'));
  });
  it('maps dotted keys, inline tables, CRLF and unicode', () => {
    const t = '# ü\r\n[[resources.dynamodb]]\r\nname = "日本😀"\r\nsse.enabled = true\r\ntags = { "a b" = \'x\' }\r\n';
    const m = parseToml(t).map;
    assert.equal(keyText(t, m, '/resources/dynamodb/0/sse'), 'sse');
    assert.equal(keyText(t, m, '/resources/dynamodb/0/sse/enabled'), 'enabled');
    assert.deepEqual(m.get('/resources/dynamodb/0/sse/enabled')?.valueRange, { start: { line: 3, character: 14 }, end: { line: 3, character: 18 } });
    assert.equal(valueText(t, m, '/resources/dynamodb/0/tags/a b'), "'x'");
    assert.deepEqual(m.get('/resources/dynamodb/0/name')?.valueRange.end, { line: 2, character: 7 + '"日本😀"'.length });
  });
  it('finds the deepest pointer at an offset', () => {
    assert.deepEqual(map.pointerAt(text.indexOf('billing_mode = "PROVISIONED"') + 2), { pointer: '/resources/dynamodb/1/billing_mode', on: 'key' });
    assert.deepEqual(map.pointerAt(text.indexOf('= "PROVISIONED"') + 4), { pointer: '/resources/dynamodb/1/billing_mode', on: 'value' });
  });
});

describe('YAML source map', () => {
  const text = example('planton.yaml');
  const { map } = parseYaml(text);
  it('maps keys, values and sequence items', () => {
    assert.equal(keyText(text, map, '/spec/billingMode'), 'billingMode');
    assert.equal(valueText(text, map, '/spec/billingMode'), 'BILLING_MODE_PROVISIONED');
    assert.equal(valueText(text, map, '/spec/attributeDefinitions/1/type'), 'ATTRIBUTE_TYPE_N');
    assert.equal(map.get('/spec/attributeDefinitions/1')?.keyRange, undefined);
    assert.equal(valueText(text, map, '/spec/globalSecondaryIndexes/0/provisionedThroughput/writeCapacityUnits'), '1');
    assert.equal(valueText(text, map, '/metadata/name'), 'library-loans');
  });
  it('maps CRLF files and keys with no value', () => {
    const t = 'spec:\r\n  ttl:\r\n  name: "é😀"\r\n';
    const m = parseYaml(t).map;
    assert.deepEqual(m.get('/spec/ttl')?.keyRange, { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } });
    assert.deepEqual(m.get('/spec/name')?.valueRange, { start: { line: 2, character: 8 }, end: { line: 2, character: 8 + '"é😀"'.length } });
  });
});
