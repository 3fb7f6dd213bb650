/**
 * `__proto__` as an attribute name (issue 10.5), at the top level and inside a map, end to end on
 * real servers: created from DynamoDB JSON text, read through the pager into the grid's page
 * view, opened as the editor's text, edited and saved with the "unchanged since read" condition,
 * changed by update expressions and read back with a projection. On DynamoDB Local, which stores
 * such names as DynamoDB does, and on the embedded server: dynalite 4.0 rejected a top-level
 * `__proto__` ("more than one datatypes") and dropped a nested one, because its request
 * validation built maps by assignment; scripts/patch-deps.mjs patches that (prototype-free maps).
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { CreateTableCommand, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { attributeOf } from '../../../src/model/items';
import type { ItemRequest, JsonItem } from '../../../src/model/items';
import { getItem, Pager, putItem } from '../../../src/dynamo/items';
import { keyOf } from '../../../src/items/keys';
import { formatDynamoJson, formatPlainJson, parseDynamoJson, parsePlainJson } from '../../../src/items/itemJson';
import { waitForActive } from '../../../src/dynamo/tables';
import { itemView, toPageView } from '../../../src/items/pageView';
import { LocalServer, startDynalite, startDynamoDbLocal } from '../../support/servers';

const TABLE = { name: 'proto-names', keySchema: [{ name: 'pk', keyType: 'HASH' as const }] };
const CREATED = '{\n  "pk": {"S": "p1"},\n  "__proto__": {"S": "top"},\n  "m": {"M": {"__proto__": {"N": "1"}, "x": {"S": "y"}}}\n}\n';

const SERVERS: readonly [string, () => Promise<LocalServer>][] = [
  ['the embedded server (dynalite, patched at install)', () => startDynalite()],
  ['DynamoDB Local', startDynamoDbLocal],
];

for (const [serverName, start] of SERVERS) describe(`__proto__ as an attribute name on ${serverName}`, () => {
  let server: LocalServer;
  let client: DynamoDBClient;
  before(async () => {
    server = await start();
    client = server.client();
    await client.send(new CreateTableCommand({
      TableName: TABLE.name, BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    }));
    await waitForActive(client, TABLE.name, { timeoutMs: 30000 }); // dynalite: CREATING until its next tick
  });
  after(async () => { await server?.stop(); });

  it('created from DynamoDB JSON, browsed, edited in the editor text and saved: nothing dropped', async () => {
    // Create from the editor's DynamoDB JSON text.
    const created = parseDynamoJson(CREATED);
    await putItem(client, TABLE, created, { expected: 'absent' });
    await putItem(client, TABLE, parseDynamoJson('{"pk": {"S": "p2"}, "n": {"N": "2"}}'), { expected: 'absent' });
    // What the server holds (read with the bare SDK).
    const raw = await client.send(new GetItemCommand({ TableName: TABLE.name, Key: { pk: { S: 'p1' } }, ConsistentRead: true }));
    assert.deepEqual(Object.keys(raw.Item ?? {}).sort(), ['__proto__', 'm', 'pk']);

    // Browse: the pager's page in the grid.
    const target = { table: TABLE.name, tableKeySchema: TABLE.keySchema, keyTypes: { pk: 'S' as const } };
    const request: ItemRequest = { target, mode: 'scan', pageSize: 10 };
    const page = await new Pager(client, request).first();
    const view = toPageView(page, { pageNumber: 1, hasPrevious: false, query: { mode: 'scan', pageSize: 10, filters: [] }, target, maxColumns: 8, starts: [undefined] });
    const byKey = new Map(view.rows.map(r => [JSON.stringify(r.key), r.cells.map(c => c && `${c.type}:${c.text}`)]));
    assert.deepEqual(view.columns, ['pk', '__proto__', 'm', 'n']);
    // (Servers give map entries in their own order.)
    const p1 = byKey.get('{"pk":{"S":"p1"}}');
    assert.ok(p1?.[2] === 'M:{__proto__: 1, x: "y"}' || p1?.[2] === 'M:{x: "y", __proto__: 1}', String(p1?.[2]));
    assert.deepEqual([p1?.[0], p1?.[1], p1?.[3]], ['S:p1', 'S:top', null]);
    assert.deepEqual(byKey.get('{"pk":{"S":"p2"}}'), ['S:p2', null, null, 'N:2']);

    // The item pane and the editor's text.
    const read = await getItem(client, TABLE.name, { pk: { S: 'p1' } }, { consistent: true });
    assert.ok(read);
    const pane = itemView(read, ['pk']);
    assert.match(pane.dynamoJson, /"__proto__": \{\n {4}"S": "top"/);
    assert.match(pane.dynamoJson, /"__proto__": \{\n {8}"N": "1"/);
    assert.match(pane.plainJson, /"__proto__": "top"/);
    assert.match(pane.plainJson, /"__proto__": 1\b/);
    const text = formatDynamoJson(read);
    const edited = parseDynamoJson(text.replace('"N": "1"', '"N": "2"'));
    const save = await putItem(client, TABLE, edited, { expected: read });
    assert.equal(save.atomicCheck, true);
    const after = await getItem(client, TABLE.name, keyOf(edited, TABLE.keySchema), { consistent: true });
    assert.ok(after);
    assert.equal(JSON.stringify(attributeOf((attributeOf(after, 'm') as { M: JsonItem }).M, '__proto__')), '{"N":"2"}');
    assert.deepEqual(attributeOf(after, '__proto__'), { S: 'top' });

    // A save over a change to the __proto__ attribute by someone else is refused.
    await putItem(client, TABLE, { ...after, ...Object.fromEntries([['__proto__', { S: 'theirs' }]]) }, { expected: 'any' });
    await assert.rejects(putItem(client, TABLE, edited, { expected: after }), /changed|modified/i);

    // Plain JSON round trip of such an item.
    const plain = formatPlainJson(after);
    assert.equal(plain.editable, true);
    assert.equal(formatDynamoJson(parsePlainJson(plain.text)), formatDynamoJson(after));
  });

  it('update expressions set and remove __proto__ at the top level and in a map; a projection reads them back', async () => {
    const Key = { pk: { S: 'p3' } };
    const names = { '#p': '__proto__', '#m': 'm' };
    await client.send(new UpdateItemCommand({
      TableName: TABLE.name, Key, UpdateExpression: 'SET #p = :top, #m = :m', ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ':top': { S: 'top' }, ':m': { M: Object.fromEntries([['__proto__', { N: '1' }], ['x', { S: 'y' }]]) } },
    }));
    await client.send(new UpdateItemCommand({
      TableName: TABLE.name, Key, UpdateExpression: 'SET #m.#p = :two, #m.#q = :q', ConditionExpression: '#p = :top AND #m.#p = :one',
      ExpressionAttributeNames: { ...names, '#q': '__proto__x' }, ExpressionAttributeValues: { ':top': { S: 'top' }, ':one': { N: '1' }, ':two': { N: '2' }, ':q': { S: 'q' } },
    }));
    const read = await getItem(client, TABLE.name, Key, { consistent: true });
    assert.ok(read);
    assert.deepEqual(attributeOf(read, '__proto__'), { S: 'top' });
    const m = (attributeOf(read, 'm') as { M: JsonItem }).M;
    assert.deepEqual(Object.keys(m).sort(), ['__proto__', '__proto__x', 'x']);
    assert.deepEqual(attributeOf(m, '__proto__'), { N: '2' });
    const projected = await client.send(new GetItemCommand({ TableName: TABLE.name, Key, ConsistentRead: true, ProjectionExpression: '#p, #m.#p', ExpressionAttributeNames: names }));
    const item = (projected.Item ?? {}) as JsonItem;
    assert.deepEqual(Object.keys(item).sort(), ['__proto__', 'm']);
    assert.deepEqual(attributeOf(item, '__proto__'), { S: 'top' });
    assert.equal(JSON.stringify(attributeOf(item, 'm')), '{"M":{"__proto__":{"N":"2"}}}');
    await client.send(new UpdateItemCommand({ TableName: TABLE.name, Key, UpdateExpression: 'REMOVE #p, #m.#p', ExpressionAttributeNames: names }));
    const removed = await getItem(client, TABLE.name, Key, { consistent: true });
    assert.deepEqual(Object.keys(removed ?? {}).sort(), ['m', 'pk']);
    assert.deepEqual(Object.keys((attributeOf(removed!, 'm') as { M: JsonItem }).M).sort(), ['__proto__x', 'x']);
  });
});
