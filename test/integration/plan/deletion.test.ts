/**
 * What a delete says will be lost, against the embedded server (dynalite), which reports every
 * table's item count and size as 0: the items are counted, not taken from that 0.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { BatchWriteItemCommand, CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { waitForActive } from '../../../src/dynamo/tables';
import { DELETE_COUNT_LIMIT, describeDeletion } from '../../../src/dynamo/deleteTable';
import { LocalServer, startDynalite } from '../../support/servers';

async function table(client: DynamoDBClient, name: string, items: number): Promise<void> {
  await client.send(new CreateTableCommand({
    TableName: name, BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  }));
  // dynalite answers ResourceNotFound while the table is still CREATING (seen under load).
  await waitForActive(client, name, { timeoutMs: 60_000 });
  for (let i = 0; i < items; i += 25) {
    const batch = Array.from({ length: Math.min(25, items - i) }, (_, j) => ({ PutRequest: { Item: { id: { S: `item-${i + j}` } } } }));
    await client.send(new BatchWriteItemCommand({ RequestItems: { [name]: batch } }));
  }
}

describe('describeDeletion on a server that reports no item count (dynalite)', () => {
  let server: LocalServer;
  let client: DynamoDBClient;
  before(async () => { server = await startDynalite(); client = server.client(); });
  after(async () => { await server?.stop(); });

  it('counts the items instead of saying "0 item(s) (0 bytes)"', async () => {
    await table(client, 'three-hundred', 300);
    const reported = (await client.send(new DescribeTableCommand({ TableName: 'three-hundred' }))).Table!;
    assert.equal(reported.ItemCount, 0, 'the server itself reports 0 (what this test is about)');
    const details = await describeDeletion(client, 'three-hundred');
    assert.equal(details.itemCount, 300);
    assert.equal(details.itemCountSource, 'counted');
    assert.deepEqual(details.lost, ['300 item(s) (counted now)']);
    assert.equal(details.words, 'Deleting table three-hundred deletes 300 item(s) (counted now). This cannot be undone.');
    assert.doesNotMatch(details.words, /0 bytes/);
  });

  it('says "no items" for an empty table, and "more than N" past the count limit', async () => {
    await table(client, 'empty', 0);
    const empty = await describeDeletion(client, 'empty');
    assert.deepEqual([empty.itemCount, empty.itemCountSource, empty.lost], [0, 'counted', ['no items (counted now)']]);
    await table(client, 'many', DELETE_COUNT_LIMIT + 30);
    const many = await describeDeletion(client, 'many');
    assert.equal(many.itemCountSource, 'counted-at-least');
    assert.equal(many.itemCount, DELETE_COUNT_LIMIT);
    assert.match(many.lost[0], /^more than 1,000 items \(counted now/);
  });
});
