/**
 * The on-demand item count (Scan with Select COUNT) against dynalite, the embedded server, which
 * reports ItemCount 0 in DescribeTable whatever the table holds: the count is exact over results
 * of several 1 MB responses, counts an index's own items, reports progress per request, and
 * stops when cancelled.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { JsonItem } from '../../../src/model/items';
import { countItems } from '../../../src/dynamo/count';
import type { CountProgress } from '../../../src/dynamo/count';
import { describeTable } from '../../../src/dynamo/tables';
import { isAbortError } from '../../../src/dynamo/errors';
import { LocalServer, startDynalite } from '../../support/servers';
import { createIndexedTable, putAll } from './fixtures';

const TABLE = 'counted';
/** 3,000 items of about 1.1 KB: more than 3 MB, so a scan needs several responses. */
const ITEMS = 3000;
/** Items with the GSI's key attributes (the index is sparse). */
const IN_GSI = 250;

describe('countItems on dynalite (the embedded server)', () => {
  let server: LocalServer;
  let client: DynamoDBClient;
  before(async () => {
    server = await startDynalite();
    client = server.client();
    await createIndexedTable(client, TABLE);
    const items: JsonItem[] = Array.from({ length: ITEMS }, (_, i) => ({
      pk: { S: `p${i % 17}` }, sk: { N: String(i) }, ls: { S: `l${i}` }, payload: { S: 'x'.repeat(1100) },
      ...(i < IN_GSI ? { g: { S: 'G' }, gs: { N: String(i) } } : {}),
    }));
    await putAll(client, TABLE, items);
  });
  after(async () => { await server?.stop(); });

  it('DescribeTable reports 0 items on this server (why the count exists)', async () => {
    const live = await describeTable(client, TABLE);
    assert.equal(live.itemCount, 0);
  });

  it('counts every item exactly, over several responses, with progress after each', async () => {
    const seen: CountProgress[] = [];
    const result = await countItems(client, TABLE, { onProgress: p => seen.push(p) });
    assert.equal(result.count, ITEMS);
    assert.equal(result.scannedCount, ITEMS);
    assert.ok(result.requests > 1, `several 1 MB responses (${result.requests})`);
    assert.equal(seen.length, result.requests);
    assert.deepEqual(seen[seen.length - 1], { requests: result.requests, scannedCount: ITEMS, count: ITEMS });
    assert.ok(seen.every((p, i) => i === 0 || p.count > seen[i - 1]!.count), 'the count grows with each response');
  });

  it('counts the items of an index (a sparse GSI holds only the items with its keys)', async () => {
    assert.equal((await countItems(client, TABLE, { index: 'byG' })).count, IN_GSI);
    assert.equal((await countItems(client, TABLE, { index: 'byL' })).count, ITEMS);
  });

  it('stops when cancelled and reads nothing more', async () => {
    const controller = new AbortController();
    const seen: CountProgress[] = [];
    await assert.rejects(countItems(client, TABLE, { signal: controller.signal, onProgress: p => { seen.push(p); controller.abort(); } }), isAbortError);
    assert.equal(seen.length, 1, 'one response, then cancelled');
    const aborted = new AbortController();
    aborted.abort();
    await assert.rejects(countItems(client, TABLE, { signal: aborted.signal }), isAbortError);
  });

  it('an unknown table fails with the server\'s error', async () => {
    await assert.rejects(countItems(client, 'no-such-table'), (e: Error) => e.name === 'ResourceNotFoundException');
  });
});
