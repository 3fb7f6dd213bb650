import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { DynamoDBClient, ScanCommand, paginateScan } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { DEMO_TABLES, demoItems, seedDemoTables } from '../../../src/dynamo/seed';
import { describeTable, listAllTables } from '../../../src/dynamo/tables';
import { LocalServer, startDynalite, startDynamoDbLocal } from '../../support/servers';

async function count(client: DynamoDBClient, table: string): Promise<number> {
  let n = 0;
  for await (const page of paginateScan({ client }, { TableName: table, Select: 'COUNT' })) { n += page.Count ?? 0; }
  return n;
}

const NAMES = ['carts', 'invoices', 'library-loans', 'DeviceReadings'];
const NOW = 1767225600; // 2026-01-01T00:00:00Z: a fixed timeline end, so items are known in advance

describe('demo seeding on dynalite (the embedded server)', () => {
  let server: LocalServer;
  let client: DynamoDBClient;
  before(async () => { server = await startDynalite(); client = server.client(); });
  after(async () => { await server?.stop(); });

  it('creates the four example tables with the asked item count, then is idempotent', async () => {
    const progress: string[] = [];
    const first = await seedDemoTables(client, { itemsPerTable: 130, now: NOW, onProgress: m => progress.push(m) });
    assert.deepEqual(first.map(t => [t.name, t.created, t.itemsWritten, t.skipped]), NAMES.map(n => [n, true, 130, undefined]));
    assert.deepEqual((await listAllTables(client)).sort(), [...NAMES].sort());
    for (const name of NAMES) { assert.equal(await count(client, name), 130, name); }
    assert.ok(progress.includes('Creating invoices') && progress.includes('Writing 130 items to invoices'));
    // What dynalite refuses is reported, not faked.
    const notApplied = Object.fromEntries(first.map(t => [t.name, t.notApplied]));
    assert.deepEqual(notApplied.carts, ['TTL: not supported by this server']);
    assert.deepEqual(notApplied.invoices, ['Point-in-time recovery: not supported by this server']);
    assert.deepEqual(notApplied.DeviceReadings, ['TTL: not supported by this server', 'Point-in-time recovery: not supported by this server']);
    const devices = await describeTable(client, 'DeviceReadings');
    assert.deepEqual(devices.tags, { state: 'known', value: { owner: 'telemetry' } });
    assert.deepEqual(devices.globalSecondaryIndexes.map(i => [i.name, i.projectionType]), [['ByKind', 'ALL']]);

    const second = await seedDemoTables(client, { itemsPerTable: 130 });
    assert.deepEqual(second.map(t => [t.name, t.created, t.itemsWritten, t.skipped]), NAMES.map(n => [n, false, 0, 'the table already has items']));
    for (const name of NAMES) { assert.equal(await count(client, name), 130, name); }
  });

  it('writes exactly the deterministic generated items (same seed, same items)', async () => {
    const scanned = [];
    for await (const page of paginateScan({ client }, { TableName: 'invoices' })) { scanned.push(...(page.Items ?? []).map(i => unmarshall(i))); }
    const expected = demoItems(DEMO_TABLES[1], 130, 42, NOW);
    const key = (i: Record<string, unknown>) => `${i.customer_id}|${i.issued_at}`;
    assert.deepEqual(scanned.map(key).sort(), expected.map(key).sort());
    const one = scanned.find(i => i.invoice_no === 'INV-000130');
    assert.deepEqual(one, expected[0]);
    assert.ok(Number(one!.issued_at) <= NOW);
    assert.ok(['draft', 'issued', 'paid', 'overdue', 'void'].includes(String(one!.status)));
    assert.match(String(one!.currency), /^(EUR|USD|GBP|CHF)$/);
    assert.equal(Number(one!.due_at) - Number(one!.issued_at), 30 * 86400);
  });

  it('fills a demo table that exists but is empty', async () => {
    const { DeleteItemCommand } = await import('@aws-sdk/client-dynamodb');
    for await (const page of paginateScan({ client }, { TableName: 'carts', ProjectionExpression: 'cart_id' })) {
      for (const item of page.Items ?? []) { await client.send(new DeleteItemCommand({ TableName: 'carts', Key: item })); }
    }
    assert.equal((await client.send(new ScanCommand({ TableName: 'carts', Limit: 1 }))).Items?.length, 0);
    const result = await seedDemoTables(client, { itemsPerTable: 40, tables: ['carts'] });
    assert.deepEqual(result.map(t => [t.name, t.created, t.itemsWritten]), [['carts', false, 40]]);
    assert.equal(await count(client, 'carts'), 40);
  });
});

describe('demo seeding on DynamoDB Local', () => {
  let server: LocalServer;
  let client: DynamoDBClient;
  before(async () => { server = await startDynamoDbLocal(); client = server.client(); });
  after(async () => { await server?.stop(); });

  it('creates tables that match the example configs', async () => {
    const result = await seedDemoTables(client, { itemsPerTable: 60 }); // now: today, so TTL values lie in the future
    assert.deepEqual(result.map(t => [t.name, t.itemsWritten]), NAMES.map(n => [n, 60]));
    const invoices = await describeTable(client, 'invoices');
    assert.equal(invoices.billingMode, 'PROVISIONED');
    assert.deepEqual(invoices.throughput, { read: 8, write: 4 });
    assert.deepEqual(invoices.globalSecondaryIndexes.map(i => [i.name, i.projectionType, [...i.nonKeyAttributes].sort(), i.throughput]),
      [['by-status', 'INCLUDE', ['currency', 'total'], { read: 2, write: 2 }]]);
    assert.deepEqual(invoices.localSecondaryIndexes.map(i => [i.name, i.projectionType, i.keySchema.map(k => k.name)]), [['by-due-date', 'KEYS_ONLY', ['customer_id', 'due_at']]]);
    assert.deepEqual(invoices.stream.viewType, 'NEW_AND_OLD_IMAGES');
    assert.equal(invoices.deletionProtection, true);
    const carts = await describeTable(client, 'carts');
    assert.deepEqual(carts.ttl.state === 'known' && [carts.ttl.value.enabled, carts.ttl.value.attributeName], [true, 'expires_at']);
    const loans = await describeTable(client, 'library-loans');
    assert.deepEqual(loans.globalSecondaryIndexes.map(i => [i.name, i.projectionType, i.keySchema.map(k => k.name)]), [['by-isbn', 'KEYS_ONLY', ['isbn']]]);
    assert.equal(loans.stream.viewType, 'NEW_IMAGE');
    assert.ok(result.find(t => t.name === 'invoices')!.notApplied.some(n => n.startsWith('Tags: not supported')));
    for (const name of NAMES) { assert.equal(await count(client, name), 60, `${name}: nothing purged by TTL`); }
  });
});
