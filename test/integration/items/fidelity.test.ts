/**
 * Every attribute type survives read -> DynamoDB JSON text -> parse -> conditional PutItem ->
 * read, byte-identical; conflicting edits and deletes are refused and change nothing; filters
 * with reserved words and values holding quotes and colons; against both real local servers.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { CreateTableCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { JsonAttributeValue, JsonItem } from '../../../src/model/items';
import { deleteItem, fetchPage, getItem, ItemConflictError, putItem } from '../../../src/dynamo/items';
import { keyOf } from '../../../src/items/keys';
import { canonicalJson, formatDynamoJson, parseDynamoJson, toSdkItem } from '../../../src/items/itemJson';
import { LocalServer, startDynalite, startDynamoDbLocal } from '../../support/servers';
import { EVERY_TYPE } from '../../unit/items/everyType';

const TABLE = { name: 'fidelity', keySchema: [{ name: 'pk', keyType: 'HASH' as const }, { name: 'sk', keyType: 'RANGE' as const }] };

async function createTable(client: DynamoDBClient): Promise<void> {
  await client.send(new CreateTableCommand({
    TableName: TABLE.name, BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
  }));
}

/** The item with every set's members sorted (sets are unordered in DynamoDB). */
function sortSets(item: JsonItem): JsonItem {
  const sort = (value: JsonAttributeValue): JsonAttributeValue => (
    'SS' in value ? { SS: [...value.SS].sort() } : 'NS' in value ? { NS: [...value.NS].sort() } : 'BS' in value ? { BS: [...value.BS].sort() }
      : 'L' in value ? { L: value.L.map(sort) } : 'M' in value ? { M: sortSets(value.M) } : value);
  return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, sort(v)]));
}

function withKey(item: JsonItem, pk: string): JsonItem {
  return { ...item, pk: { S: pk } };
}

for (const [serverName, start] of [['dynalite', startDynalite], ['DynamoDB Local', startDynamoDbLocal]] as const) {
  describe(`item fidelity and conditional writes on ${serverName}`, () => {
    let server: LocalServer;
    let client: DynamoDBClient;
    before(async () => {
      server = await start();
      client = server.client();
      await createTable(client);
    });
    after(async () => { await server?.stop(); });

    it('every attribute type: read -> text -> parse -> conditional put -> read is byte-identical', async () => {
      const original = withKey(EVERY_TYPE, 'every-type');
      await putItem(client, TABLE, original, { expected: 'absent' });
      const key = keyOf(original, TABLE.keySchema);
      const read = await getItem(client, TABLE.name, key);
      assert.ok(read);
      // The server gives back what was written (38-digit and tiny numbers, binary bytes, set
      // members, empty strings), except what DynamoDB itself normalizes: sets have no order
      // (DynamoDB Local returns them sorted) and numbers lose trailing fraction zeros (1.50 -> 1.5).
      const stored = { ...original, ns: { NS: ['3', '1.5', '12345678901234567890123456789012345678'] } };
      assert.equal(canonicalJson(sortSets(read)), canonicalJson(sortSets(stored)), 'the first read returns the item as written');
      assert.deepEqual(read.sk, { N: '12345678901234567890123456789012345678' });
      assert.deepEqual(read.tiny, { N: '0.000000000000000000000000000000000001' });
      const text = formatDynamoJson(read);
      const parsed = parseDynamoJson(text);
      const result = await putItem(client, TABLE, parsed, { expected: read });
      assert.equal(result.atomicCheck, true);
      const again = await getItem(client, TABLE.name, key);
      assert.ok(again);
      assert.equal(canonicalJson(again), canonicalJson(read));
      assert.equal(formatDynamoJson(parseDynamoJson(formatDynamoJson(again))), formatDynamoJson(again));
      // A page read gives the same bytes as GetItem.
      const page = await fetchPage(client, { target: { table: TABLE.name, tableKeySchema: TABLE.keySchema, keyTypes: { pk: 'S', sk: 'N' } }, mode: 'query', pageSize: 10, partitionKey: { name: 'pk', type: 'S', value: 'every-type' } }, undefined);
      assert.equal(page.items.length, 1);
      assert.equal(canonicalJson(page.items[0]!), canonicalJson(read));
    });

    it('an edit saved over a change by another writer is refused with the explanation, and the item keeps the other change', async () => {
      const original = withKey(EVERY_TYPE, 'conflict');
      await putItem(client, TABLE, original, { expected: 'absent' });
      const key = keyOf(original, TABLE.keySchema);
      const read = (await getItem(client, TABLE.name, key))!;
      // Another writer changes one nested value between our read and our save.
      await client.send(new UpdateItemCommand({
        TableName: TABLE.name, Key: toSdkItem(key), UpdateExpression: 'SET #m.#n.#d[1] = :t',
        ExpressionAttributeNames: { '#m': 'map', '#n': 'nested', '#d': 'deep' }, ExpressionAttributeValues: { ':t': { BOOL: true } },
      }));
      const theirs = (await getItem(client, TABLE.name, key))!;
      const edited: JsonItem = { ...read, quote: { S: 'my edit' } };
      await assert.rejects(putItem(client, TABLE, edited, { expected: read }), (error: unknown) => {
        assert.ok(error instanceof ItemConflictError);
        assert.equal(error.reason, 'changed');
        assert.match(error.message, /changed since you opened it \(map differ\); your change was not saved/);
        assert.deepEqual(error.changedAttributes, ['map']);
        assert.equal(canonicalJson(error.current!), canonicalJson(theirs));
        return true;
      });
      assert.equal(canonicalJson((await getItem(client, TABLE.name, key))!), canonicalJson(theirs), 'the item is unchanged by the refused save');

      // An attribute our edit adds, which another writer added meanwhile, is a conflict too.
      const base = (await getItem(client, TABLE.name, key))!;
      await client.send(new UpdateItemCommand({ TableName: TABLE.name, Key: toSdkItem(key), UpdateExpression: 'SET #a = :a', ExpressionAttributeNames: { '#a': 'added' }, ExpressionAttributeValues: { ':a': { S: 'theirs' } } }));
      await assert.rejects(putItem(client, TABLE, { ...base, added: { S: 'mine' } }, { expected: base }), (e: unknown) => e instanceof ItemConflictError && e.reason === 'changed' && e.changedAttributes.includes('added'));
      assert.deepEqual((await getItem(client, TABLE.name, key))!.added, { S: 'theirs' });

      // Saving over a deleted item, creating over an existing one, and editing the key are refused.
      const latest = (await getItem(client, TABLE.name, key))!;
      await deleteItem(client, TABLE, key);
      await assert.rejects(putItem(client, TABLE, latest, { expected: latest }), (e: unknown) => e instanceof ItemConflictError && e.reason === 'deleted' && /was deleted since you opened it/.test(e.message));
      assert.equal(await getItem(client, TABLE.name, key), undefined, 'not re-created');
      await putItem(client, TABLE, latest, { expected: 'absent' });
      await assert.rejects(putItem(client, TABLE, latest), (e: unknown) => e instanceof ItemConflictError && e.reason === 'exists' && /already exists; nothing was written/.test(e.message));
      await assert.rejects(putItem(client, TABLE, { ...latest, pk: { S: 'other' } }, { expected: latest }), /the key changed/);
    });

    it('deletes only an unchanged item when given the version read', async () => {
      const item: JsonItem = { pk: { S: 'del' }, sk: { N: '1' }, v: { N: '1' }, z: { NULL: true } };
      await putItem(client, TABLE, item);
      await client.send(new PutItemCommand({ TableName: TABLE.name, Item: toSdkItem({ ...item, v: { N: '2' } }) }));
      await assert.rejects(deleteItem(client, TABLE, keyOf(item, TABLE.keySchema), { expected: item }), (e: unknown) => e instanceof ItemConflictError && e.reason === 'changed' && /your change was not deleted/.test(e.message) && e.changedAttributes.join() === 'v');
      const current = (await getItem(client, TABLE.name, keyOf(item, TABLE.keySchema)))!;
      assert.deepEqual(current.v, { N: '2' });
      assert.deepEqual(await deleteItem(client, TABLE, keyOf(item, TABLE.keySchema), { expected: current }), { deleted: true, atomicCheck: true });
      assert.equal(await getItem(client, TABLE.name, keyOf(item, TABLE.keySchema)), undefined);
      assert.deepEqual(await deleteItem(client, TABLE, keyOf(item, TABLE.keySchema)), { deleted: false, atomicCheck: true });
    });

    it('an item with more attributes than one condition can compare is still checked (by a consistent read)', async () => {
      const wide: Record<string, JsonItem[string]> = { pk: { S: 'wide' }, sk: { N: '1' } };
      for (let i = 0; i < 200; i++) { wide[`a${i}`] = { N: String(i) }; }
      await putItem(client, TABLE, wide);
      const read = (await getItem(client, TABLE.name, keyOf(wide, TABLE.keySchema)))!;
      assert.deepEqual(await putItem(client, TABLE, { ...read, a0: { N: '-1' } }, { expected: read }), { atomicCheck: false });
      const after = (await getItem(client, TABLE.name, keyOf(wide, TABLE.keySchema)))!;
      await client.send(new UpdateItemCommand({ TableName: TABLE.name, Key: toSdkItem(keyOf(wide, TABLE.keySchema)), UpdateExpression: 'SET a199 = :x', ExpressionAttributeValues: { ':x': { S: 'theirs' } } }));
      await assert.rejects(putItem(client, TABLE, after, { expected: after }), (e: unknown) => e instanceof ItemConflictError && e.changedAttributes.join() === 'a199');
    });

    it('filters with reserved-word names, nested paths and values holding quotes and colons', async () => {
      const tricky = `it's "done": :v0 #n0 AND x = y`;
      const items: JsonItem[] = [
        { pk: { S: 'f' }, sk: { N: '1' }, status: { S: tricky }, data: { M: { size: { L: [{ N: '5' }] } } }, name: { SS: ['a:b', 'c'] } },
        { pk: { S: 'f' }, sk: { N: '2' }, status: { S: 'it' }, data: { M: { size: { L: [{ N: '50' }] } } }, name: { SS: ['c'] } },
        { pk: { S: 'f' }, sk: { N: '3' }, status: { S: tricky }, data: { M: { size: { L: [{ N: '500' }] } } } },
      ];
      for (const item of items) { await putItem(client, TABLE, item); }
      const target = { table: TABLE.name, tableKeySchema: TABLE.keySchema, keyTypes: { pk: 'S', sk: 'N' } } as const;
      const query = async (filters: import('../../../src/model/items').FilterCondition[]): Promise<string[]> => {
        const page = await fetchPage(client, { target, mode: 'query', pageSize: 50, partitionKey: { name: 'pk', type: 'S', value: 'f' }, filters }, undefined);
        return page.items.map(i => (i.sk as { N: string }).N);
      };
      assert.deepEqual(await query([{ path: 'status', operator: '=', value: { type: 'S', text: tricky } }]), ['1', '3']);
      assert.deepEqual(await query([{ path: 'status', operator: '=', value: { type: 'S', text: tricky } }, { path: 'data.size[0]', operator: '<', value: { type: 'N', text: '100' } }]), ['1']);
      assert.deepEqual(await query([{ path: 'name', operator: 'contains', value: { type: 'S', text: 'a:b' } }]), ['1']);
      assert.deepEqual(await query([{ path: 'name', operator: 'attribute_not_exists' }]), ['3']);
      assert.deepEqual(await query([{ path: 'name', operator: 'attribute_type', value: { type: 'S', text: 'SS' } }, { path: 'status', operator: 'begins_with', value: { type: 'S', text: 'it' } }]), ['1', '2']);
      assert.deepEqual(await query([{ path: 'data.size[0]', operator: 'between', value: { type: 'N', text: '10' }, value2: { type: 'N', text: '500' } }, { path: 'status', operator: '<>', value: { type: 'S', text: tricky } }]), ['2']);
    });
  });
}
