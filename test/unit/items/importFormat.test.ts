import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { JsonItem } from '../../../src/model/items';
import {
  checkItem, detectJsonFlavor, formatDryRun, isGzip, itemSize, looksLikeCsv, parseJsonLine, writeUnits, type ImportTable,
} from '../../../src/items/importFormat';
import { canonicalJson } from '../../../src/items/itemJson';
import { EVERY_TYPE } from './everyType';

const TABLE: ImportTable = {
  name: 'orders', keyNames: ['pk', 'sk'], indexKeys: { gsi1pk: ['byCustomer'] },
  attributeTypes: { pk: 'S', sk: 'N', gsi1pk: 'S' },
};

describe('import line formats', () => {
  it('detects the JSON flavour from the first line', () => {
    assert.equal(detectJsonFlavor(JSON.stringify(EVERY_TYPE)), 'dynamodb-json');
    assert.equal(detectJsonFlavor(JSON.stringify({ Item: EVERY_TYPE })), 's3');
    assert.equal(detectJsonFlavor('{"pk":"a","n":1,"tags":["x"]}'), 'json');
    // One attribute named Item holding a map, in DynamoDB JSON: not the S3 wrapper.
    assert.equal(detectJsonFlavor('{"Item":{"M":{"a":{"S":"x"}}}}'), 'dynamodb-json');
    assert.equal(detectJsonFlavor('\uFEFF{"pk":{"S":"a"}}'), 'dynamodb-json');
    assert.equal(detectJsonFlavor('[1,2]'), undefined);
    assert.equal(detectJsonFlavor('pk,sk'), undefined);
  });

  it('parses each flavour losslessly', () => {
    assert.equal(canonicalJson(parseJsonLine(JSON.stringify(EVERY_TYPE), 'dynamodb-json')), canonicalJson(EVERY_TYPE));
    assert.equal(canonicalJson(parseJsonLine(JSON.stringify({ Item: EVERY_TYPE }), 's3')), canonicalJson(EVERY_TYPE));
    assert.deepEqual(parseJsonLine('{"pk":"a","n":1.5,"ok":true,"none":null,"l":[1,"x"],"m":{"k":"v"}}', 'json'), {
      pk: { S: 'a' }, n: { N: '1.5' }, ok: { BOOL: true }, none: { NULL: true }, l: { L: [{ N: '1' }, { S: 'x' }] }, m: { M: { k: { S: 'v' } } },
    });
  });

  it('gives a reason for each bad line', () => {
    assert.throws(() => parseJsonLine('{"pk":{"S":"a"', 'dynamodb-json'), /not valid JSON/);
    assert.throws(() => parseJsonLine('{"pk":{"N":5}}', 'dynamodb-json'), /\$\.pk\.N: N holds the number as a string/);
    assert.throws(() => parseJsonLine('{"pk":{"SS":[]}}', 'dynamodb-json'), /no empty sets/);
    assert.throws(() => parseJsonLine('{"pk":{"S":"a"}}', 's3'), /expected \{"Item": \{\.\.\.\}\}/);
    assert.throws(() => parseJsonLine('{"Item":{"pk":"a"}}', 's3'), /\$\.Item\.pk: expected an attribute value/);
    assert.throws(() => parseJsonLine('{"n":12345678901234567890}', 'json'), /./);
    assert.throws(() => parseJsonLine('"text"', 'json'), /expected an object/);
  });

  it('detects gzip by its magic bytes and CSV by its first text', () => {
    assert.ok(isGzip(gzipSync('{"a":{"S":"b"}}\n')));
    assert.ok(!isGzip(Buffer.from('{"a"')));
    assert.ok(!isGzip(Buffer.from([0x1f])));
    assert.ok(looksLikeCsv('pk:S,sk:N,_other\r\n'));
    assert.ok(looksLikeCsv('\uFEFFpk:S,_other'));
    assert.ok(!looksLikeCsv('  \n{"pk":{"S":"a"}}'));
    assert.ok(!looksLikeCsv('   '));
  });
});

describe('import key checks', () => {
  const good: JsonItem = { pk: { S: 'a' }, sk: { N: '1' }, gsi1pk: { S: 'c' } };

  it('accepts an item that fits the table', () => {
    assert.equal(checkItem(good, TABLE), undefined);
    assert.equal(checkItem({ pk: { S: 'a' }, sk: { N: '1' } }, TABLE), undefined, 'an index key may be absent');
  });

  it('names what is wrong with a key', () => {
    assert.equal(checkItem({ sk: { N: '1' } }, TABLE), 'missing the partition key pk');
    assert.equal(checkItem({ pk: { S: 'a' } }, TABLE), 'missing the sort key sk');
    assert.equal(checkItem({ pk: { S: 'a' }, sk: { S: '1' } }, TABLE), 'the sort key sk is of type S; the table declares N');
    assert.equal(checkItem({ pk: { S: '' }, sk: { N: '1' } }, TABLE), 'the partition key pk is empty; DynamoDB refuses an empty key value');
    assert.equal(checkItem({ ...good, gsi1pk: { N: '3' } }, TABLE), 'gsi1pk (a key of the index byCustomer) is of type N; the table declares S');
    assert.equal(checkItem({ pk: { S: 'x'.repeat(2049) }, sk: { N: '1' } }, TABLE), 'the partition key pk is 2049 bytes; DynamoDB allows 2048');
    assert.match(checkItem({ ...good, big: { S: 'x'.repeat(410_000) } }, TABLE) ?? '', /DynamoDB allows 400 KB/);
  });

  it('sizes items by DynamoDB rules and charges a write unit per started KB', () => {
    assert.equal(itemSize({ pk: { S: 'abc' } }), 5);
    assert.equal(itemSize({ n: { N: '12345' } }), 1 + 4);
    assert.equal(itemSize({ b: { B: Buffer.from([1, 2, 3, 4]).toString('base64') } }), 1 + 4);
    assert.equal(itemSize({ m: { M: { k: { BOOL: true } } } }), 1 + 3 + 1 + 1 + 1);
    assert.equal(writeUnits({ pk: { S: 'a' } }), 1);
    assert.equal(writeUnits({ pk: { S: 'x'.repeat(1022) } }), 1);
    assert.equal(writeUnits({ pk: { S: 'x'.repeat(1023) } }), 2);
    assert.equal(writeUnits({ pk: { S: 'x'.repeat(3000) } }), 3);
  });

  it('words a dry run with line numbers and reasons', () => {
    const text = formatDryRun({
      format: 's3', gzip: true, lines: 4, items: 2, invalid: [{ line: 3, reason: 'missing the partition key pk' }], invalidCount: 1,
      writeUnits: 2, bytes: 100, globalIndexes: 1,
    }, 'in.json.gz', 'orders');
    assert.match(text, /^Dry run of in\.json\.gz into orders: nothing was written\./);
    assert.match(text, /Format: s3 \(gzip\); 4 line\(s\) read\./);
    assert.match(text, /Items to write: 2; invalid lines: 1\./);
    assert.match(text, /Estimated write units: 2 on the table, plus the writes of its 1 global secondary index/);
    assert.match(text, /\n {2}line 3: missing the partition key pk$/);
  });
});
