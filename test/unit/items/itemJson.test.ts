import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { JsonItem } from '../../../src/model/items';
import { EVERY_TYPE } from './everyType';
import {
  canonicalJson, chooseColumns, displayValue, formatDynamoJson, formatPlainJson, ItemParseError, parseDynamoJson, parsePlainJson,
  plainJsonEditable, toJsonItem, toSdkItem,
} from '../../../src/items/itemJson';

describe('DynamoDB JSON text', () => {
  it('parse(format(item)) is the same item for every attribute type', () => {
    const text = formatDynamoJson(EVERY_TYPE);
    const back = parseDynamoJson(text);
    assert.deepEqual(back, EVERY_TYPE);
    assert.equal(formatDynamoJson(back), text);
  });

  it('SDK form <-> JSON form keeps binary bytes and number digits', () => {
    const sdk = toSdkItem(EVERY_TYPE);
    assert.deepEqual([...(sdk.bin!.B as Uint8Array)], [0, 1, 2, 253, 254, 255]);
    assert.equal(sdk.sk!.N, '12345678901234567890123456789012345678');
    assert.deepEqual(toJsonItem(sdk), EVERY_TYPE);
  });

  it('refuses faulty values and names the path', () => {
    const cases: [string, RegExp][] = [
      ['{"a":{"N":1}}', /\$\.a\.N: N holds the number as a string/],
      ['{"a":{"N":"1x"}}', /\$\.a\.N: not a number/],
      ['{"a":{"S":"x","N":"1"}}', /\$\.a: an attribute value has exactly one type key/],
      ['{"a":{"B":"not base64!"}}', /\$\.a\.B: B holds base64/],
      ['{"a":{"B":"AAE"}}', /\$\.a\.B: B holds base64/],
      ['{"a":{"SS":[]}}', /non-empty array/],
      ['{"a":{"SS":["x","x"]}}', /\$\.a\.SS\[1\]: duplicate set element/],
      ['{"a":{"M":{"b":{"L":[{"X":1}]}}}}', /\$\.a\.M\.b\.L\[0\]: unknown type "X"/],
      ['{"a":{"NULL":false}}', /NULL holds true/],
      ['[1]', /\$: expected an object of attributes/],
      ['{"a":', /\$: not valid JSON/],
    ];
    for (const [text, message] of cases) {
      assert.throws(() => parseDynamoJson(text), (e: unknown) => e instanceof ItemParseError && message.test(e.message), text);
    }
  });

  it('canonical text ignores map key order, not list or set order', () => {
    assert.equal(canonicalJson({ a: { S: '1' }, b: { M: { y: { N: '1' }, x: { N: '2' } } } }), canonicalJson({ b: { M: { x: { N: '2' }, y: { N: '1' } } }, a: { S: '1' } }));
    assert.notEqual(canonicalJson({ a: { SS: ['x', 'y'] } }), canonicalJson({ a: { SS: ['y', 'x'] } }));
  });
});

describe('plain JSON view', () => {
  it('shows numbers with their exact digits, sets as arrays, binary as base64, and is then read-only', () => {
    const view = formatPlainJson(EVERY_TYPE);
    assert.match(view.text, /"sk": 12345678901234567890123456789012345678,/);
    assert.match(view.text, /"tiny": 0\.000000000000000000000000000000000001,/);
    assert.match(view.text, /"bin": "AAEC\/f7\/",/);
    assert.match(view.text, /"nothing": null,/);
    assert.match(view.text, /"ss": \[\n {4}"b",\n {4}"a",\n {4}""\n {2}\]/);
    assert.equal(view.editable, false);
    assert.ok(view.notes.some(n => n.startsWith('ss is a set')));
    assert.ok(view.notes.some(n => n.startsWith('bin is binary')));
    assert.ok(view.notes.some(n => n.startsWith('sk is the number 12345678901234567890123456789012345678')));
    assert.ok(view.notes.some(n => n.startsWith('map.M') || n.startsWith('map.nested.deep[0] is binary')));
  });

  it('an item without sets, binary or inexact numbers is editable and round-trips exactly', () => {
    const item: JsonItem = {
      pk: { S: 'a' }, n: { N: '42' }, f: { N: '-0.5' }, e: { S: '' }, t: { BOOL: true }, z: { NULL: true },
      l: { L: [{ N: '1' }, { S: 'x' }, { M: { q: { BOOL: false } } }] }, m: { M: { inner: { L: [] } } },
    };
    const view = formatPlainJson(item);
    assert.equal(view.editable, true);
    assert.deepEqual(view.notes, []);
    assert.equal(canonicalJson(parsePlainJson(view.text)), canonicalJson(item));
  });

  it('numbers JavaScript cannot keep make an item DynamoDB-JSON-only', () => {
    for (const n of ['1.50', '9007199254740993', '1e400', '0.1000000000000000055511151231257827']) {
      assert.equal(plainJsonEditable({ n: { N: n } }).editable, false, n);
    }
    assert.equal(plainJsonEditable({ n: { N: '0.1' } }).editable, true);
  });

  it('refuses plain JSON numbers beyond double precision rather than rounding them', () => {
    assert.throws(() => parsePlainJson('{"n": 9007199254740993}'), ItemParseError);
  });
});

describe('grid display values', () => {
  it('shows each type readably with its type', () => {
    assert.deepEqual(displayValue({ S: 'hello' }), { type: 'S', text: 'hello', truncated: false });
    assert.deepEqual(displayValue({ N: '12345678901234567890123456789012345678' }), { type: 'N', text: '12345678901234567890123456789012345678', truncated: false });
    assert.deepEqual(displayValue({ B: 'AAEC' }), { type: 'B', text: 'AAEC (3 bytes)', truncated: false });
    assert.deepEqual(displayValue({ BOOL: false }), { type: 'BOOL', text: 'false', truncated: false });
    assert.deepEqual(displayValue({ NULL: true }), { type: 'NULL', text: 'null', truncated: false });
    assert.deepEqual(displayValue({ SS: ['a', 'b'] }), { type: 'SS', text: '{"a", "b"}', truncated: false });
    assert.deepEqual(displayValue({ NS: ['1', '2'] }), { type: 'NS', text: '{1, 2}', truncated: false });
    assert.deepEqual(displayValue({ L: [{ S: 'x' }, { N: '1' }, { M: { k: { BOOL: true } } }] }), { type: 'L', text: '["x", 1, {k: true}]', truncated: false });
    assert.deepEqual(displayValue({ M: {} }), { type: 'M', text: '{}', truncated: false });
  });

  it('truncates long values with an ellipsis within the limit, without building huge text', () => {
    const long = displayValue({ S: 'x'.repeat(500) }, 20);
    assert.equal(long.text, `${'x'.repeat(19)}…`);
    assert.equal(long.truncated, true);
    let reads = 0;
    const elements = new Proxy(Array.from({ length: 100_000 }, (_, i) => ({ N: String(i) })), {
      get(target, property, receiver) {
        if (typeof property === 'string' && /^\d+$/.test(property)) { reads++; }
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    const shown = displayValue({ L: elements }, 30);
    assert.ok(reads < 50, `read ${reads} elements of a 100,000-element list to show 30 characters`);
    assert.equal(shown.text.length, 30);
    assert.ok(shown.text.startsWith('[0, 1, 2, 3'));
  });
});

describe('chooseColumns', () => {
  const keys = [{ name: 'pk', keyType: 'HASH' as const }, { name: 'sk', keyType: 'RANGE' as const }];
  it('puts keys first, then the most frequent attributes, ties by name, up to max', () => {
    const items: JsonItem[] = [
      { sk: { N: '1' }, pk: { S: 'a' }, z: { S: '' }, b: { S: '' }, c: { S: '' } },
      { pk: { S: 'a' }, sk: { N: '2' }, z: { S: '' }, b: { S: '' } },
      { pk: { S: 'a' }, sk: { N: '3' }, a: { S: '' }, y: { S: '' } },
    ];
    assert.deepEqual(chooseColumns(items, keys, 5), ['pk', 'sk', 'b', 'z', 'a']);
    assert.deepEqual(chooseColumns(items, keys), ['pk', 'sk', 'b', 'z', 'a', 'c', 'y']);
    assert.deepEqual(chooseColumns(items, keys, 1), ['pk', 'sk']);
    assert.deepEqual(chooseColumns([], keys), ['pk', 'sk']);
  });
});
