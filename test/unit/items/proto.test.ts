/**
 * `__proto__` is an attribute name like any other (issue 10.5): at the top level and inside a
 * map, through the SDK form, the editor's DynamoDB JSON, plain JSON, the grid's page view, keys
 * and the save condition. The SDK-shaped input is built the way the SDK's deserializer builds it
 * (own properties, as from JSON.parse).
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { JsonItem } from '../../../src/model/items';
import { attributeOf, setAttribute } from '../../../src/model/items';
import {
  canonicalJson, formatDynamoJson, formatPlainJson, parseDynamoJson, parsePlainJson, plainJsonEditable, toJsonItem, toSdkItem, validateItem,
} from '../../../src/items/itemJson';
import { keyOf } from '../../../src/items/keys';
import { ExpressionBuilder, unchangedCondition } from '../../../src/items/expressions';
import { readJsonLines } from '../../../src/dynamo/itemExport';
import { toPageView } from '../../../src/items/pageView';

const TEXT = '{"id":{"S":"a"},"__proto__":{"S":"top"},"m":{"M":{"__proto__":{"N":"1"},"x":{"S":"y"}}}}';
const PLAIN_ONLY = '{"id":"b","__proto__":"top","m":{"__proto__":1,"x":"y"}}';

function protoFree(value: unknown): void {
  if (Array.isArray(value)) { value.forEach(protoFree); return; }
  if (typeof value === 'object' && value !== null && !(value instanceof Uint8Array)) {
    assert.equal(Object.getPrototypeOf(value), Object.prototype, 'no object gets a prototype from an attribute');
    Object.values(value).forEach(protoFree);
  }
}

describe('__proto__ as an attribute name', () => {
  it('survives the SDK form, validation, DynamoDB JSON and the canonical text', () => {
    const sdk = JSON.parse(TEXT) as Record<string, AttributeValue>; // what the SDK's deserializer gives
    const item = toJsonItem(sdk);
    protoFree(item);
    assert.deepEqual(Object.keys(item), ['id', '__proto__', 'm']);
    assert.deepEqual(attributeOf(item, '__proto__'), { S: 'top' });
    const m = attributeOf(item, 'm') as { M: JsonItem };
    assert.deepEqual(Object.keys(m.M), ['__proto__', 'x']);
    assert.equal(formatDynamoJson(item), `${JSON.stringify(JSON.parse(TEXT), null, 2)}\n`);
    const parsed = parseDynamoJson(formatDynamoJson(item));
    protoFree(parsed);
    assert.equal(JSON.stringify(parsed), TEXT);
    assert.equal(JSON.stringify(toSdkItem(parsed)), TEXT);
    assert.equal(JSON.stringify(validateItem(JSON.parse(TEXT))), TEXT);
    assert.notEqual(canonicalJson(parsed), canonicalJson(parseDynamoJson('{"id":{"S":"a"},"m":{"M":{"x":{"S":"y"}}}}')));
    assert.match(canonicalJson(parsed), /"__proto__":\{"S":"top"\}/);
  });

  it('shows in plain JSON and reads back from it', () => {
    const item = parseDynamoJson(TEXT);
    const plain = formatPlainJson(item);
    assert.equal(plain.text, '{\n  "id": "a",\n  "__proto__": "top",\n  "m": {\n    "__proto__": 1,\n    "x": "y"\n  }\n}\n');
    assert.equal(plain.editable, true);
    assert.equal(JSON.stringify(parsePlainJson(plain.text)), TEXT);
    const fromPlain = parsePlainJson(PLAIN_ONLY);
    protoFree(fromPlain);
    assert.equal(JSON.stringify(fromPlain), '{"id":{"S":"b"},"__proto__":{"S":"top"},"m":{"M":{"__proto__":{"N":"1"},"x":{"S":"y"}}}}');
    assert.deepEqual(plainJsonEditable(parseDynamoJson('{"__proto__":{"M":{"s":{"SS":["a"]}}}}')).reasons, ['__proto__.s is a set (SS), shown as an array']);
  });

  it('a page with and without the attribute: every cell where it belongs, no error', () => {
    const items = [parseDynamoJson(TEXT), parseDynamoJson('{"id":{"S":"b"}}'), parseDynamoJson('{"id":{"S":"c"},"__proto__":{"M":{"__proto__":{"BOOL":true}}}}')];
    const target = { table: 't', tableKeySchema: [{ name: 'id', keyType: 'HASH' as const }], keyTypes: { id: 'S' as const } };
    const view = toPageView({ items, scannedCount: 3, count: 3, requests: 1 }, {
      pageNumber: 1, hasPrevious: false, query: { mode: 'scan', pageSize: 10, filters: [] }, target, maxColumns: 8, starts: [undefined],
    });
    assert.deepEqual(view.columns, ['id', '__proto__', 'm']);
    assert.deepEqual(view.rows.map(r => r.cells.map(c => c && `${c.type}:${c.text}`)), [
      ['S:a', 'S:top', 'M:{__proto__: 1, x: "y"}'],
      ['S:b', null, null],
      ['S:c', 'M:{__proto__: true}', null],
    ]);
    assert.deepEqual(view.rows.map(r => r.hidden), [0, 0, 0]);
  });

  it('as a key attribute, in a key and in the save condition', () => {
    const item = parseDynamoJson('{"__proto__":{"S":"k"},"v":{"N":"1"}}');
    const key = keyOf(item, ['__proto__']);
    assert.equal(JSON.stringify(key), '{"__proto__":{"S":"k"}}');
    assert.throws(() => keyOf(parseDynamoJson('{"v":{"N":"1"}}'), ['__proto__']), /the item has no key attribute __proto__/);
    // Adding the attribute in the editor: the save requires it to be still absent.
    const original = parseDynamoJson('{"id":{"S":"a"}}');
    const next = parseDynamoJson('{"id":{"S":"a"},"__proto__":{"S":"new"}}');
    const b = new ExpressionBuilder();
    const condition = unchangedCondition(b, original, ['id'], next);
    assert.match(condition.expression, /attribute_not_exists\(#n\d+\)/);
    assert.ok(Object.values(b.attributes().ExpressionAttributeNames ?? {}).includes('__proto__'));
  });

  it('setAttribute sets an own property, attributeOf never finds Object.prototype', () => {
    const map: Record<string, number> = {};
    assert.equal(attributeOf(map, '__proto__'), undefined);
    setAttribute(map, '__proto__', 1);
    assert.deepEqual(Object.entries(map), [['__proto__', 1]]);
    assert.equal(Object.getPrototypeOf(map), Object.prototype);
  });

  it('JSON Lines import keeps it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ddd-proto-'));
    try {
      writeFileSync(join(dir, 'items.jsonl'), `${TEXT}\n`);
      assert.equal(JSON.stringify(await readJsonLines(join(dir, 'items.jsonl'))), `[${TEXT}]`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
