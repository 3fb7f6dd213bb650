import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { ItemRequest, QueryTarget } from '../../../src/model/items';
import { ExpressionBuilder, parsePath, readInput, RequestError, unchangedCondition } from '../../../src/items/expressions';
import { toJsonItem } from '../../../src/items/itemJson';

const table: QueryTarget = {
  table: 'T', tableKeySchema: [{ name: 'pk', keyType: 'HASH' }, { name: 'sk', keyType: 'RANGE' }],
  keyTypes: { pk: 'S', sk: 'N', g: 'S', gs: 'B' },
};
const gsi: QueryTarget = { ...table, index: 'byG', indexKind: 'GSI', indexKeySchema: [{ name: 'g', keyType: 'HASH' }, { name: 'gs', keyType: 'RANGE' }] };

describe('attribute paths', () => {
  it('parses names, nested maps, list indexes and backquoted names', () => {
    assert.deepEqual(parsePath('a'), ['a']);
    assert.deepEqual(parsePath('a.b[2].c'), ['a', 'b', 2, 'c']);
    assert.deepEqual(parsePath('l[0][10]'), ['l', 0, 10]);
    assert.deepEqual(parsePath('`a.b`.`x``y`[1]'), ['a.b', 'x`y', 1]);
    assert.deepEqual(parsePath('name with space-and:colon'), ['name with space-and:colon']);
  });
  it('refuses malformed paths', () => {
    for (const bad of ['', 'a.', '.a', 'a[x]', 'a[1', 'a]', '`a', 'a..b', '[0]']) {
      assert.throws(() => parsePath(bad), RequestError, bad);
    }
  });
  it('writes every name as a placeholder, reusing one per distinct name', () => {
    const b = new ExpressionBuilder();
    assert.equal(b.path('a.b[2].c'), '#n0.#n1[2].#n2');
    assert.equal(b.path('c.a'), '#n2.#n0');
    assert.deepEqual(b.attributes().ExpressionAttributeNames, { '#n0': 'a', '#n1': 'b', '#n2': 'c' });
  });
});

describe('readInput', () => {
  it('builds a query with key condition and filters, all names and values as placeholders', () => {
    const request: ItemRequest = {
      target: table, mode: 'query', pageSize: 100, consistentRead: true, descending: true,
      partitionKey: { name: 'pk', type: 'S', value: 'user#"1":x' },
      sortKey: { name: 'sk', type: 'N', operator: 'between', value: '1', value2: '12345678901234567890123456789012345678' },
      filters: [
        { path: 'status', operator: '=', value: { type: 'S', text: `it's "done": yes` } },
        { path: 'data.size[0]', operator: '>=', value: { type: 'N', text: '0.000000000000000000000000000000000001' } },
        { path: 'tags', operator: 'contains', value: { type: 'S', text: ':v0' } },
        { path: 'gone', operator: 'attribute_not_exists' },
        { path: 'kind', operator: 'attribute_type', value: { type: 'S', text: 'SS' } },
        { path: 'flag', operator: '<>', value: { type: 'BOOL', text: 'true' } },
      ],
    };
    const built = readInput(request);
    assert.equal(built.command, 'query');
    const input = built.input as import('@aws-sdk/client-dynamodb').QueryCommandInput;
    assert.equal(input.KeyConditionExpression, '#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2');
    assert.equal(input.FilterExpression, '#n2 = :v3 AND #n3.#n4[0] >= :v4 AND contains(#n5, :v5) AND attribute_not_exists(#n6) AND attribute_type(#n7, :v6) AND #n8 <> :v7');
    assert.deepEqual(input.ExpressionAttributeNames, { '#n0': 'pk', '#n1': 'sk', '#n2': 'status', '#n3': 'data', '#n4': 'size', '#n5': 'tags', '#n6': 'gone', '#n7': 'kind', '#n8': 'flag' });
    assert.deepEqual(toJsonItem(input.ExpressionAttributeValues!), {
      ':v0': { S: 'user#"1":x' }, ':v1': { N: '1' }, ':v2': { N: '12345678901234567890123456789012345678' },
      ':v3': { S: `it's "done": yes` }, ':v4': { N: '0.000000000000000000000000000000000001' }, ':v5': { S: ':v0' },
      ':v6': { S: 'SS' }, ':v7': { BOOL: true },
    });
    assert.equal(input.ConsistentRead, true);
    assert.equal(input.ScanIndexForward, false);
    assert.equal(input.ReturnConsumedCapacity, 'TOTAL');
    assert.equal(input.TableName, 'T');
    assert.equal(input.IndexName, undefined);
  });

  it('builds a plain scan with no expression attributes at all', () => {
    const built = readInput({ target: gsi, mode: 'scan', pageSize: 10 });
    assert.deepEqual(built.input, { TableName: 'T', IndexName: 'byG', ReturnConsumedCapacity: 'TOTAL' });
  });

  it('types sort key values by the key type: begins_with on binary, refused on numbers', () => {
    const built = readInput({ target: gsi, mode: 'query', pageSize: 10, partitionKey: { name: 'g', type: 'S', value: 'x' }, sortKey: { name: 'gs', type: 'B', operator: 'begins_with', value: 'AAE=' } });
    assert.equal((built.input as { KeyConditionExpression: string }).KeyConditionExpression, '#n0 = :v0 AND begins_with(#n1, :v1)');
    assert.deepEqual([...(built.input.ExpressionAttributeValues![':v1']!.B as Uint8Array)], [0, 1]);
    assert.throws(() => readInput({ target: table, mode: 'query', pageSize: 10, partitionKey: { name: 'pk', type: 'S', value: 'x' }, sortKey: { name: 'sk', type: 'N', operator: 'begins_with', value: '1' } }), /begins_with works on strings and binary/);
  });

  it('refuses what DynamoDB would refuse, in words', () => {
    const cases: [ItemRequest, RegExp][] = [
      [{ target: gsi, mode: 'scan', pageSize: 10, consistentRead: true }, /consistent reads are not available on global secondary index byG/],
      [{ target: table, mode: 'query', pageSize: 10 }, /a query needs a partition key value/],
      [{ target: table, mode: 'query', pageSize: 10, partitionKey: { name: 'g', type: 'S', value: 'x' } }, /partition key of T is pk/],
      [{ target: table, mode: 'query', pageSize: 10, partitionKey: { name: 'pk', type: 'S', value: '' } }, /cannot be empty/],
      [{ target: table, mode: 'query', pageSize: 10, partitionKey: { name: 'pk', type: 'S', value: 'a' }, sortKey: { name: 'sk', type: 'N', operator: '=', value: '1,5' } }, /"1,5" is not a number/],
      [{ target: table, mode: 'scan', pageSize: 0 }, /page size/],
      [{ target: table, mode: 'scan', pageSize: 10, filters: [{ path: 'a', operator: 'between', value: { type: 'N', text: '1' } }] }, /needs an upper bound/],
      [{ target: table, mode: 'scan', pageSize: 10, filters: [{ path: 'a', operator: '<', value: { type: 'BOOL', text: 'true' } }] }, /not BOOL/],
      [{ target: table, mode: 'scan', pageSize: 10, filters: [{ path: 'a', operator: 'attribute_type', value: { type: 'S', text: 'STRING' } }] }, /attribute_type takes one of/],
      [{ target: table, mode: 'scan', pageSize: 10, filters: [{ path: 'a', operator: '=', value: { type: 'B', text: '%%' } }] }, /base64/],
    ];
    for (const [request, message] of cases) { assert.throws(() => readInput(request), (e: unknown) => e instanceof RequestError && message.test(e.message), message.source); }
  });
});

describe('unchangedCondition', () => {
  it('compares every original attribute (NULL by type, lists and maps element by element) and requires new attributes still absent', () => {
    const b = new ExpressionBuilder();
    const condition = unchangedCondition(b, { x: { NULL: true }, pk: { S: 'a' }, l: { L: [{ N: '1' }] } }, ['pk'], { pk: { S: 'a' }, x: { NULL: true }, added: { S: 'new' } });
    assert.equal(condition.complete, true);
    assert.equal(condition.expression, '#n0 = :v0 AND attribute_type(#n1, :v1) AND attribute_type(#n2, :v2) AND size(#n2) = :v3 AND #n2[0] = :v3 AND attribute_not_exists(#n3)');
    const attrs = b.attributes();
    assert.deepEqual(attrs.ExpressionAttributeNames, { '#n0': 'pk', '#n1': 'x', '#n2': 'l', '#n3': 'added' });
    assert.deepEqual(toJsonItem(attrs.ExpressionAttributeValues!), { ':v0': { S: 'a' }, ':v1': { S: 'NULL' }, ':v2': { S: 'L' }, ':v3': { N: '1' } });
  });

  it('walks nested maps and lists by path, pinning their sizes', () => {
    const b = new ExpressionBuilder();
    const condition = unchangedCondition(b, { pk: { S: 'a' }, m: { M: { 'x.y': { L: [{ M: {} }, { SS: ['s'] }] } } } }, ['pk']);
    assert.equal(condition.expression, [
      '#n0 = :v0', 'attribute_type(#n1, :v1)', 'size(#n1) = :v2', 'attribute_type(#n1.#n2, :v3)', 'size(#n1.#n2) = :v4',
      'attribute_type(#n1.#n2[0], :v1)', 'size(#n1.#n2[0]) = :v5', '#n1.#n2[1] = :v6',
    ].join(' AND '));
    assert.deepEqual(b.attributes().ExpressionAttributeNames, { '#n0': 'pk', '#n1': 'm', '#n2': 'x.y' });
    assert.deepEqual(toJsonItem(b.attributes().ExpressionAttributeValues!), {
      ':v0': { S: 'a' }, ':v1': { S: 'M' }, ':v2': { N: '1' }, ':v3': { S: 'L' }, ':v4': { N: '2' }, ':v5': { N: '0' }, ':v6': { SS: ['s'] },
    });
  });

  it('stops within DynamoDB limits (300 operators, 4 KB) and registers no unused placeholder', () => {
    const item = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`attr${i}`, { N: String(i) }]));
    const b = new ExpressionBuilder();
    const condition = unchangedCondition(b, { pk: { S: 'a' }, ...item }, ['pk']);
    assert.equal(condition.complete, false);
    assert.ok(condition.expression.length <= 4096);
    const terms = condition.expression.split(' AND ');
    assert.ok(terms.length * 2 - 1 <= 300, `${terms.length} terms`);
    assert.ok(terms.length >= 140, `${terms.length} terms: the limits are used, not wasted`);
    assert.equal(terms[0], '#n0 = :v0', 'the key is compared first');
    const attrs = b.attributes();
    assert.equal(Object.keys(attrs.ExpressionAttributeNames!).length, terms.length);
    for (const placeholder of [...Object.keys(attrs.ExpressionAttributeNames!), ...Object.keys(attrs.ExpressionAttributeValues!)]) {
      assert.ok(new RegExp(`${placeholder}(?!\\d)`).test(condition.expression), `${placeholder} is used`);
    }
    const nested = unchangedCondition(new ExpressionBuilder(), { pk: { S: 'a' }, l: { L: Array.from({ length: 300 }, (_, i) => ({ M: { v: { N: String(i) } } })) } }, ['pk']);
    assert.equal(nested.complete, false);
    const operators = nested.expression.split(' AND ').length - 1 + (nested.expression.match(/ = |attribute_type\(|size\(/g) ?? []).length;
    assert.ok(operators <= 300, `${operators} operators`);
    assert.ok(nested.expression.length <= 4096);
  });
});
