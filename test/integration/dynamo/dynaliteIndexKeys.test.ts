/**
 * The embedded server's secondary indexes hold every item exactly once (issue 10.9). dynalite 4.0
 * keys an index entry by the index key plus 6 hex digits of an MD5 of the table key, so two items
 * with the same index key and the same 6 digits collided and one vanished from the index;
 * scripts/patch-deps.mjs appends the table key, and dynaliteMain rebuilds the indexes of a data
 * folder written before the patch.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AttributeValue, BatchWriteItemCommand, CreateTableCommand, DynamoDBClient, PutItemCommand, QueryCommand, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { waitForActive } from '../../../src/dynamo/tables';
import { INDEX_FORMAT_KEY } from '../../../src/dynamo/dynaliteIndexes';
import { LocalDynamo } from '../../../src/dynamo/local';
import { repoRoot } from '../../support/paths';
import { LOCAL_CREDENTIALS, LocalServer, startDynalite } from '../../support/servers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynaliteDb = require('dynalite/db') as { hashPrefix(...pieces: (string | undefined)[]): string };

type Item = Record<string, AttributeValue>;

async function writeAll(client: DynamoDBClient, table: string, items: Item[], parallel = 8): Promise<void> {
  const batches: Item[][] = [];
  for (let i = 0; i < items.length; i += 25) { batches.push(items.slice(i, i + 25)); }
  let next = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < batches.length) {
      let requests = batches[next++]!.map(Item => ({ PutRequest: { Item } }));
      while (requests.length) {
        const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: requests } }));
        requests = (out.UnprocessedItems?.[table] ?? []) as typeof requests;
      }
    }
  }));
}

/** Every page of a Query or Scan (the 1 MB pages and `Limit` pages continue from LastEvaluatedKey). */
async function readAll(client: DynamoDBClient, input: { TableName: string; IndexName: string; Limit?: number; key?: { name: string; value: AttributeValue } }): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = input.key
      ? await client.send(new QueryCommand({
        TableName: input.TableName, IndexName: input.IndexName, Limit: input.Limit, ExclusiveStartKey: start,
        KeyConditionExpression: '#k = :v', ExpressionAttributeNames: { '#k': input.key.name }, ExpressionAttributeValues: { ':v': input.key.value },
      }))
      : await client.send(new ScanCommand({ TableName: input.TableName, IndexName: input.IndexName, Limit: input.Limit, ExclusiveStartKey: start }));
    items.push(...page.Items ?? []);
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Asserts that `items` hold each of `ids` (the `pk` values) exactly once. */
function assertEachOnce(items: Item[], ids: readonly string[], what: string): void {
  const seen = new Map<string, number>();
  for (const item of items) { seen.set(item.pk!.S!, (seen.get(item.pk!.S!) ?? 0) + 1); }
  const missing = ids.filter(id => !seen.has(id));
  const twice = [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  assert.deepEqual({ missing: missing.slice(0, 10), twice: twice.slice(0, 10) }, { missing: [], twice: [] }, what);
  assert.equal(items.length, ids.length, what);
}

// Table key pk (S) + sk (N): i1837 with sk 1837 and i3585 with sk 3585 get the same 6 digits.
const PAIR = [{ pk: 'i1837', sk: '1837' }, { pk: 'i3585', sk: '3585' }] as const;

async function createPairTable(client: DynamoDBClient, name: string): Promise<void> {
  await client.send(new CreateTableCommand({
    TableName: name, BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' },
      { AttributeName: 'g', AttributeType: 'S' }, { AttributeName: 'l', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    GlobalSecondaryIndexes: [{ IndexName: 'by-group', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
    LocalSecondaryIndexes: [{ IndexName: 'by-label', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'l', KeyType: 'RANGE' }], Projection: { ProjectionType: 'KEYS_ONLY' } }],
  }));
  // dynalite answers ResourceNotFound to writes while the table is still CREATING.
  await waitForActive(client, name, { timeoutMs: 60_000 });
}

describe('dynalite secondary indexes hold every item exactly once', () => {
  let server: LocalServer;
  let client: DynamoDBClient;
  before(async () => { server = await startDynalite(); client = server.client(); });
  after(async () => { await server?.stop(); });

  it('the known colliding pair (the same 6 hex digits of the table key under one GSI key) both show in the GSI', async () => {
    // The input really is a collision for dynalite's upstream index key.
    assert.equal(dynaliteDb.hashPrefix(PAIR[0].pk, 'S', PAIR[0].sk, 'N'), dynaliteDb.hashPrefix(PAIR[1].pk, 'S', PAIR[1].sk, 'N'));
    await createPairTable(client, 'pair');
    for (const p of PAIR) {
      await client.send(new PutItemCommand({ TableName: 'pair', Item: { pk: { S: p.pk }, sk: { N: p.sk }, g: { S: 'all' }, data: { S: `item ${p.pk}` } } }));
    }
    const query = await readAll(client, { TableName: 'pair', IndexName: 'by-group', key: { name: 'g', value: { S: 'all' } } });
    assertEachOnce(query, PAIR.map(p => p.pk), 'GSI query');
    assert.deepEqual(query.map(i => i.data!.S).sort(), ['item i1837', 'item i3585']);
    // One per page: the ExclusiveStartKey of the first is not the second's key.
    assertEachOnce(await readAll(client, { TableName: 'pair', IndexName: 'by-group', Limit: 1, key: { name: 'g', value: { S: 'all' } } }), PAIR.map(p => p.pk), 'GSI query, pages of 1');
    assertEachOnce(await readAll(client, { TableName: 'pair', IndexName: 'by-group', Limit: 1 }), PAIR.map(p => p.pk), 'GSI scan, pages of 1');
    // Moving one item to another GSI key removes it from the first and leaves the other there.
    await client.send(new UpdateItemCommand({ TableName: 'pair', Key: { pk: { S: PAIR[0].pk }, sk: { N: PAIR[0].sk } }, UpdateExpression: 'SET g = :g', ExpressionAttributeValues: { ':g': { S: 'other' } } }));
    assertEachOnce(await readAll(client, { TableName: 'pair', IndexName: 'by-group', key: { name: 'g', value: { S: 'all' } } }), [PAIR[1].pk], 'after the move');
    assertEachOnce(await readAll(client, { TableName: 'pair', IndexName: 'by-group', key: { name: 'g', value: { S: 'other' } } }), [PAIR[0].pk], 'after the move, the new key');
  });

  it('100,000 items under 4 GSI keys: GSI queries and the GSI scan find every item exactly once', async () => {
    await client.send(new CreateTableCommand({
      TableName: 'many', BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'g', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      // 25,000 items per key value: about 18 collisions per value with the upstream 24-bit suffix.
      GlobalSecondaryIndexes: [{ IndexName: 'by-group', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } }],
    }));
    const ids = Array.from({ length: 100_000 }, (_, i) => `i${i}`);
    const groups = ['a', 'b', 'c', 'd'];
    await writeAll(client, 'many', ids.map((pk, i) => ({ pk: { S: pk }, g: { S: groups[i % 4]! } })));
    const byGroup: Item[] = [];
    for (const [g, group] of groups.entries()) {
      const items = await readAll(client, { TableName: 'many', IndexName: 'by-group', key: { name: 'g', value: { S: group } } });
      assertEachOnce(items, ids.filter((_, i) => i % 4 === g), `by-group = ${group}`);
      byGroup.push(...items);
    }
    assertEachOnce(byGroup, ids, 'by-group, all four queries');
    assertEachOnce(await readAll(client, { TableName: 'many', IndexName: 'by-group' }), ids, 'by-group scan');
  });

  it('a GSI with a sort key keeps the range bounds of dynalite (between, greater than) with items sharing both GSI key values', async () => {
    await client.send(new CreateTableCommand({
      TableName: 'ranged', BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'g', AttributeType: 'S' }, { AttributeName: 'n', AttributeType: 'N' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [{ IndexName: 'by-group-n', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }, { AttributeName: 'n', KeyType: 'RANGE' }], Projection: { ProjectionType: 'KEYS_ONLY' } }],
    }));
    // Eight items per (g, n): n = i >> 3, g = a or b by parity.
    const count = 4000;
    const ids = Array.from({ length: count }, (_, i) => `i${i}`);
    await writeAll(client, 'ranged', ids.map((pk, i) => ({ pk: { S: pk }, g: { S: i % 2 ? 'b' : 'a' }, n: { N: String(i >> 3) } })));
    assertEachOnce(await readAll(client, { TableName: 'ranged', IndexName: 'by-group-n' }), ids, 'by-group-n scan');
    assertEachOnce(await readAll(client, { TableName: 'ranged', IndexName: 'by-group-n', Limit: 7, key: { name: 'g', value: { S: 'a' } } }), ids.filter((_, i) => i % 2 === 0), 'by-group-n = a, pages of 7');
    const between = await client.send(new QueryCommand({
      TableName: 'ranged', IndexName: 'by-group-n', KeyConditionExpression: 'g = :g AND n BETWEEN :lo AND :hi',
      ExpressionAttributeValues: { ':g': { S: 'a' }, ':lo': { N: '10' }, ':hi': { N: '12' } },
    }));
    assertEachOnce(between.Items ?? [], ids.filter((_, i) => i % 2 === 0 && (i >> 3) >= 10 && (i >> 3) <= 12), 'by-group-n between');
    const greater = await client.send(new QueryCommand({
      TableName: 'ranged', IndexName: 'by-group-n', KeyConditionExpression: 'g = :g AND n > :lo',
      ExpressionAttributeValues: { ':g': { S: 'b' }, ':lo': { N: String((count >> 3) - 3) } },
    }));
    assertEachOnce(greater.Items ?? [], ids.filter((_, i) => i % 2 === 1 && (i >> 3) > (count >> 3) - 3), 'by-group-n greater than');
    const reverse = await client.send(new QueryCommand({
      TableName: 'ranged', IndexName: 'by-group-n', KeyConditionExpression: 'g = :g AND n <= :hi', ScanIndexForward: false,
      ExpressionAttributeValues: { ':g': { S: 'a' }, ':hi': { N: '1' } },
    }));
    assertEachOnce(reverse.Items ?? [], ids.filter((_, i) => i % 2 === 0 && (i >> 3) <= 1), 'by-group-n <= 1, backwards');
    assert.deepEqual((reverse.Items ?? []).map(i => i.n!.N), ['1', '1', '1', '1', '0', '0', '0', '0']);
  });
});

describe('a data folder written before the patch gets its indexes rebuilt once', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'ddd-index-keys-')); });
  after(() => { rmSync(dir, { recursive: true, force: true }); });

  it('old-format index entries (where the pair collided) are replaced by one entry per item', async () => {
    const server = await startDynalite({ path: dir });
    let client = server.client();
    await createPairTable(client, 'pair');
    const ids = [...PAIR.map(p => p.pk), 'i7'];
    for (const [i, pk] of ids.entries()) {
      await client.send(new PutItemCommand({ TableName: 'pair', Item: { pk: { S: pk }, sk: { N: pk.slice(1) }, g: { S: 'all' }, l: { S: `label ${i}` } } }));
    }
    await server.stop();

    // Rewrite the folder as dynalite 4.0 left it: index keys end with the 6 digits, no marker.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ClassicLevel } = require('classic-level') as typeof import('classic-level');
    const level = new ClassicLevel<string, unknown>(dir, { valueEncoding: 'json' });
    await level.open();
    const entries: [string, unknown][] = [];
    for await (const entry of level.iterator({ gte: 'index-', lt: 'index.' })) { entries.push(entry); }
    assert.equal(entries.length, 6, 'three items in the GSI and the LSI');
    assert.equal(await level.get(INDEX_FORMAT_KEY), 2);
    await level.clear({ gte: 'index-', lt: 'index.' });
    await level.batch(entries.map(([key, value]) => ({ type: 'put' as const, key: key.replace(/^(.*\/[0-9a-f]{6})\/[^~]*$/, '$1'), value })));
    await level.del(INDEX_FORMAT_KEY);
    const old: string[] = [];
    for await (const key of level.keys({ gte: 'index-', lt: 'index.' })) { old.push(key); }
    await level.close();
    assert.equal(old.length, 5, `the pair collided in the old GSI format: ${old.join(', ')}`);

    // The extension's LocalDynamo starts it: the rebuild's notice on stdout is not taken for the port line.
    const local = new LocalDynamo({ entryScript: join(repoRoot(), 'out/src/dynamo/dynaliteMain.js'), dataDir: dir, stopTimeoutMs: 3000 });
    const endpoint = await local.start();
    assert.match(endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
    try {
      assertEachOnce(await readAll(client, { TableName: 'pair', IndexName: 'by-group', key: { name: 'g', value: { S: 'all' } } }), ids, 'GSI after the rebuild');
      for (const pk of ids) {
        assertEachOnce(await readAll(client, { TableName: 'pair', IndexName: 'by-label', key: { name: 'pk', value: { S: pk } } }), [pk], `LSI of ${pk}`);
      }
      // An update after the rebuild leaves no stale entry behind.
      await client.send(new UpdateItemCommand({ TableName: 'pair', Key: { pk: { S: 'i7' }, sk: { N: '7' } }, UpdateExpression: 'SET g = :g', ExpressionAttributeValues: { ':g': { S: 'other' } } }));
      assertEachOnce(await readAll(client, { TableName: 'pair', IndexName: 'by-group' }), ids, 'GSI scan after an update');
    } finally {
      client.destroy();
      await local.stop();
    }
    // The marker is back: the next start does not rebuild (it would say so on stderr).
    const again = new ClassicLevel<string, unknown>(dir, { valueEncoding: 'json' });
    await again.open();
    assert.equal(await again.get(INDEX_FORMAT_KEY), 2);
    await again.close();
  });
});
