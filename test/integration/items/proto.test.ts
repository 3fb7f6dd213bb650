/**
 * `__proto__` as an attribute name (issue 10.5), at the top level and inside a map, end to end on
 * a real server: created from DynamoDB JSON text, read through the pager into the grid's page
 * view, opened as the editor's text, edited and saved with the "unchanged since read" condition,
 * read back. Against DynamoDB Local, which stores such names as DynamoDB does; dynalite (the
 * embedded server) rejects a top-level `__proto__` and drops a nested one in its own request
 * validation (validations/index.js builds maps by assignment), which is dynalite's to fix.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { CreateTableCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { attributeOf } from '../../../src/model/items';
import type { ItemRequest, JsonItem } from '../../../src/model/items';
import { getItem, Pager, putItem } from '../../../src/dynamo/items';
import { keyOf } from '../../../src/items/keys';
import { formatDynamoJson, formatPlainJson, parseDynamoJson, parsePlainJson } from '../../../src/items/itemJson';
import { itemView, toPageView } from '../../../src/items/pageView';
import { LocalServer, startDynamoDbLocal } from '../../support/servers';

const TABLE = { name: 'proto-names', keySchema: [{ name: 'pk', keyType: 'HASH' as const }] };
const CREATED = '{\n  "pk": {"S": "p1"},\n  "__proto__": {"S": "top"},\n  "m": {"M": {"__proto__": {"N": "1"}, "x": {"S": "y"}}}\n}\n';

describe('__proto__ as an attribute name on DynamoDB Local', () => {
  let server: LocalServer;
  let client: DynamoDBClient;
  before(async () => {
    server = await startDynamoDbLocal();
    client = server.client();
    await client.send(new CreateTableCommand({
      TableName: TABLE.name, BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    }));
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
    // (DynamoDB Local gives map entries in its own order.)
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
});
