/**
 * Bulk delete against a real local server: a Query matching 10,000 items of one partition, among
 * 2,500 others (in other partitions, and in the same partition outside the sort-key range):
 * the plan counts exactly the matching items, and the deletion leaves exactly the others.
 * dynalite (the embedded server).
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ItemRequest, JsonItem } from '../../../src/model/items';
import { deleteMatching, formatDeletePlan, planDeleteMatching } from '../../../src/dynamo/bulkDelete';
import { readAll } from '../../../src/dynamo/items';
import { waitForActive } from '../../../src/dynamo/tables';
import { canonicalJson } from '../../../src/items/itemJson';
import { keyText } from '../../../src/items/keys';
import { LocalServer, startDynalite } from '../../support/servers';
import { putAll, TABLE_KEYS } from '../items/fixtures';

const TABLE = 'bulk';
const target = { table: TABLE, tableKeySchema: TABLE_KEYS, keyTypes: { pk: 'S', sk: 'N' } } as const;

function items(): JsonItem[] {
  const out: JsonItem[] = [];
  for (let i = 0; i < 10_000; i++) { out.push({ pk: { S: 'doomed' }, sk: { N: String(i) }, body: { S: 'x'.repeat(i % 3000) } }); }
  for (let i = 0; i < 500; i++) { out.push({ pk: { S: 'doomed' }, sk: { N: String(20_000 + i) }, keep: { BOOL: true } }); }
  for (let i = 0; i < 2000; i++) { out.push({ pk: { S: `other${i % 20}` }, sk: { N: String(i) }, keep: { BOOL: true } }); }
  return out;
}

async function scanAll(client: DynamoDBClient): Promise<string[]> {
  const all: string[] = [];
  for await (const batch of readAll(client, { target, mode: 'scan', pageSize: 1000 })) { all.push(...batch.map(canonicalJson)); }
  return all.sort();
}

describe('bulk delete of a 10,000-item query (dynalite)', () => {
  let server: LocalServer;
  let client: DynamoDBClient;
  before(async () => {
    server = await startDynalite();
    client = server.client();
    await client.send(new CreateTableCommand({
      TableName: TABLE, BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }],
      KeySchema: TABLE_KEYS.map(k => ({ AttributeName: k.name, KeyType: k.keyType })),
    }));
    await waitForActive(client, TABLE, { timeoutMs: 60_000 });
    await putAll(client, TABLE, items(), 8);
  });
  after(async () => { await server?.stop(); });

  it('plans exactly the matching items, then deletes them and only them', async () => {
    const request: ItemRequest = {
      target, mode: 'query', pageSize: 100,
      partitionKey: { name: 'pk', type: 'S', value: 'doomed' },
      sortKey: { name: 'sk', type: 'N', operator: '<', value: '10000' },
    };
    const kept = items().filter(i => 'keep' in i).map(canonicalJson).sort();
    const plan = await planDeleteMatching(client, request);
    assert.equal(plan.items, 10_000);
    // 1 unit per started KB: bodies of 0..2999 bytes plus the key and name bytes.
    const expectedUnits = Array.from({ length: 10_000 }, (_, i) => Math.max(1, Math.ceil((2 + 6 + 2 + String(i).length / 2 + 4 + (i % 3000)) / 1024))).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(plan.writeUnits - expectedUnits) <= 20, `${plan.writeUnits} write units, about ${expectedUnits}`);
    assert.equal(plan.firstKeys.length, 10);
    assert.deepEqual(plan.firstKeys[0], { pk: { S: 'doomed' }, sk: { N: '0' } });
    assert.match(formatDeletePlan(plan, keyText, false), /^10,000 item\(s\) of bulk will be deleted, about [\d,]+ write unit\(s\)\.\nFirst keys: pk="doomed", sk=0; pk="doomed", sk=1;/);
    assert.equal((await scanAll(client)).length, 12_500, 'the plan deletes nothing');

    const progress: number[] = [];
    const result = await deleteMatching(client, request, { onProgress: p => progress.push(p.done) });
    assert.equal(result.deleted, 10_000);
    assert.ok(progress.length > 10 && progress.every((n, i) => i === 0 || n >= progress[i - 1]!));
    assert.deepEqual(await scanAll(client), kept);
  });

  it('a cancel stops the deletes part-way and says so (AbortError)', async () => {
    const request: ItemRequest = { target, mode: 'query', pageSize: 100, partitionKey: { name: 'pk', type: 'S', value: 'other3' } };
    await putAll(client, TABLE, Array.from({ length: 3000 }, (_, i) => ({ pk: { S: 'other3' }, sk: { N: String(100_000 + i) } })), 8);
    const controller = new AbortController();
    await assert.rejects(deleteMatching(client, request, { signal: controller.signal, concurrency: 1, onProgress: p => { if (p.done >= 500) { controller.abort(); } } }),
      (e: Error) => e.name === 'AbortError');
    const left = (await planDeleteMatching(client, request)).items;
    assert.ok(left > 0 && left < 3100, `${left} items left after the cancel`);
  });
});
