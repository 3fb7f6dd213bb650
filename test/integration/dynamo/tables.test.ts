import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import {
  CreateTableCommand, DynamoDBClient, TagResourceCommand, UpdateTableCommand, UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoError } from '../../../src/dynamo/errors';
import { describeTable, listAllTables, listTables, waitForActive } from '../../../src/dynamo/tables';
import { LocalServer, startDynalite, startDynamoDbLocal } from '../../support/servers';

async function createSimple(client: DynamoDBClient, name: string): Promise<void> {
  await client.send(new CreateTableCommand({
    TableName: name, BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  }));
}

describe('tables on dynalite', () => {
  let server: LocalServer;
  let client: DynamoDBClient;
  before(async () => { server = await startDynalite(); client = server.client(); });
  after(async () => { await server?.stop(); });

  it('lists 125 tables in pages of 100 then 25, every name once, and listAllTables agrees', async () => {
    const created = Array.from({ length: 125 }, (_, i) => `t-${String(i).padStart(3, '0')}`);
    for (let i = 0; i < created.length; i += 25) {
      await Promise.all(created.slice(i, i + 25).map(name => createSimple(client, name)));
    }
    const first = await listTables(client, { limit: 100 });
    assert.equal(first.names.length, 100);
    assert.ok(first.lastEvaluated, 'a first page of 100 names a LastEvaluatedTableName');
    const second = await listTables(client, { limit: 100, startAfter: first.lastEvaluated });
    assert.equal(second.names.length, 25);
    assert.equal(second.lastEvaluated, undefined);
    const paged = [...first.names, ...second.names];
    assert.equal(new Set(paged).size, 125);
    assert.deepEqual([...paged].sort(), [...created].sort());
    const all = await listAllTables(client, { pageSize: 30 });
    assert.deepEqual(all, paged);
  });

  it('describes tags set with TagResource, and TTL/PITR as unknown with the reason', async () => {
    await createSimple(client, 'tagged');
    const before = await describeTable(client, 'tagged');
    assert.ok(before.arn);
    assert.deepEqual(before.tags, { state: 'known', value: {} });
    await client.send(new TagResourceCommand({ ResourceArn: before.arn, Tags: [{ Key: 'Team', Value: 'billing' }, { Key: 'env', Value: 'dev' }] }));
    const live = await describeTable(client, 'tagged');
    assert.deepEqual(live.tags, { state: 'known', value: { Team: 'billing', env: 'dev' } });
    assert.deepEqual(live.pointInTimeRecovery, { state: 'unknown', reason: 'not supported by this server' });
    assert.equal(live.billingMode, 'PAY_PER_REQUEST');
    assert.equal(live.throughput, undefined);
    assert.equal(live.tableClass, 'STANDARD');
    assert.equal(live.status, 'ACTIVE');
    assert.deepEqual(live.keySchema, [{ name: 'id', keyType: 'HASH' }]);
    assert.deepEqual(live.attributes, { id: 'S' });
    await assert.rejects(client.send(new UpdateTimeToLiveCommand({ TableName: 'tagged', TimeToLiveSpecification: { Enabled: true, AttributeName: 'exp' } })),
      (e: Error) => e.name === 'UnknownOperationException');
    // dynalite answers DescribeTimeToLive (always DISABLED) but refuses UpdateTimeToLive.
    assert.deepEqual(live.ttl, { state: 'known', value: { enabled: false, attributeName: undefined, status: 'DISABLED' } });
  });

  it('names the missing table in a DynamoError of kind not-found', async () => {
    await assert.rejects(describeTable(client, 'no-such-table'), (e: unknown) => e instanceof DynamoError && e.kind === 'not-found' && /no-such-table/.test(e.message));
  });

  it('honours an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(listTables(client, { signal: controller.signal }), (e: Error) => e.name === 'AbortError');
  });
});

describe('tables on DynamoDB Local', () => {
  let server: LocalServer;
  let client: DynamoDBClient;
  before(async () => { server = await startDynamoDbLocal(); client = server.client(); });
  after(async () => { await server?.stop(); });

  it('describes what was created: keys, GSIs, LSIs, projections, stream, TTL, deletion protection', async () => {
    await client.send(new CreateTableCommand({
      TableName: 'orders', BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 7, WriteCapacityUnits: 3 },
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' },
        { AttributeName: 'status', AttributeType: 'S' }, { AttributeName: 'due', AttributeType: 'N' }, { AttributeName: 'blob', AttributeType: 'B' },
      ],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'by-status', KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['total', 'currency'] },
          ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 1 },
        },
        {
          IndexName: 'by-blob', KeySchema: [{ AttributeName: 'blob', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'KEYS_ONLY' }, ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
        },
      ],
      LocalSecondaryIndexes: [{
        IndexName: 'by-due', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'due', KeyType: 'RANGE' }],
        Projection: { ProjectionType: 'ALL' },
      }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      DeletionProtectionEnabled: true,
    }));
    await waitForActive(client, 'orders', { timeoutMs: 30_000 });
    await client.send(new UpdateTimeToLiveCommand({ TableName: 'orders', TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' } }));
    const live = await describeTable(client, 'orders');
    assert.equal(live.name, 'orders');
    assert.equal(live.status, 'ACTIVE');
    assert.match(live.arn ?? '', /^arn:aws:dynamodb:ddblocal:\d+:table\/orders$/);
    assert.ok(live.createdAt && !Number.isNaN(Date.parse(live.createdAt)));
    assert.equal(live.billingMode, 'PROVISIONED');
    assert.deepEqual(live.throughput, { read: 7, write: 3 });
    assert.deepEqual(live.attributes, { pk: 'S', sk: 'N', status: 'S', due: 'N', blob: 'B' });
    assert.deepEqual(live.keySchema, [{ name: 'pk', keyType: 'HASH' }, { name: 'sk', keyType: 'RANGE' }]);
    const gsis = Object.fromEntries(live.globalSecondaryIndexes.map(i => [i.name, i]));
    assert.deepEqual(Object.keys(gsis).sort(), ['by-blob', 'by-status']);
    assert.equal(gsis['by-status'].kind, 'GSI');
    assert.equal(gsis['by-status'].projectionType, 'INCLUDE');
    assert.deepEqual([...gsis['by-status'].nonKeyAttributes].sort(), ['currency', 'total']);
    assert.deepEqual(gsis['by-status'].keySchema, [{ name: 'status', keyType: 'HASH' }, { name: 'sk', keyType: 'RANGE' }]);
    assert.deepEqual(gsis['by-status'].throughput, { read: 2, write: 1 });
    assert.equal(gsis['by-status'].status, 'ACTIVE');
    assert.equal(gsis['by-blob'].projectionType, 'KEYS_ONLY');
    assert.deepEqual(gsis['by-blob'].nonKeyAttributes, []);
    assert.equal(live.localSecondaryIndexes.length, 1);
    const lsi = live.localSecondaryIndexes[0];
    assert.deepEqual({ kind: lsi.kind, name: lsi.name, projectionType: lsi.projectionType, keySchema: lsi.keySchema },
      { kind: 'LSI', name: 'by-due', projectionType: 'ALL', keySchema: [{ name: 'pk', keyType: 'HASH' }, { name: 'due', keyType: 'RANGE' }] });
    assert.equal(live.stream.enabled, true);
    assert.equal(live.stream.viewType, 'NEW_AND_OLD_IMAGES');
    assert.ok(live.stream.arn);
    assert.equal(live.deletionProtection, true);
    assert.equal(live.tableClass, 'STANDARD');
    assert.equal(live.ttl.state, 'known');
    assert.equal(live.ttl.state === 'known' && live.ttl.value.enabled, true);
    assert.equal(live.ttl.state === 'known' && live.ttl.value.attributeName, 'expires');
    assert.deepEqual(live.tags, { state: 'unknown', reason: 'not supported by this server' });
    assert.deepEqual(live.pointInTimeRecovery, { state: 'unknown', reason: 'not supported by this server' });
  });

  it('waitForActive waits for a GSI added by UpdateTable to finish', async () => {
    await client.send(new CreateTableCommand({
      TableName: 'grow', BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    }));
    await waitForActive(client, 'grow', { timeoutMs: 30_000 });
    await client.send(new UpdateTableCommand({
      TableName: 'grow', AttributeDefinitions: [{ AttributeName: 'kind', AttributeType: 'S' }],
      GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'by-kind', KeySchema: [{ AttributeName: 'kind', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } } }],
    }));
    await waitForActive(client, 'grow', { timeoutMs: 60_000 });
    const live = await describeTable(client, 'grow');
    assert.deepEqual(live.globalSecondaryIndexes.map(i => [i.name, i.status]), [['by-kind', 'ACTIVE']]);
  });

  it('waitForActive gives up on a table that never appears, with the table name', async () => {
    await assert.rejects(waitForActive(client, 'never', { timeoutMs: 1500 }), (e: Error) => /never/.test(e.message) && /ACTIVE/.test(e.message));
  });
});
