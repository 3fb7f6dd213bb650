/**
 * Import and export through the CLI against DynamoDB Local (the 30,000-item round trip runs on
 * dynalite, the faster of the two here: 78 s against 182 s for the same test on two shared cores):
 * 2,000 items of every type, CSV export -> import -> identical items; DynamoDB Local reports
 * ConsumedCapacity for Scan, so --max-rcu is measured there too; bad input gets one clear line.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { readAll } from '../../../src/dynamo/items';
import { exportTable } from '../../../src/dynamo/tableExport';
import { waitForActive } from '../../../src/dynamo/tables';
import { canonicalJson } from '../../../src/items/itemJson';
import { runCli } from '../../support/cli';
import { LocalServer, startDynamoDbLocal } from '../../support/servers';
import { putAll, TABLE_KEYS } from '../items/fixtures';
import { everyTypeItems } from './fixtures';

async function createTable(client: DynamoDBClient, name: string): Promise<void> {
  await client.send(new CreateTableCommand({
    TableName: name, BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }],
    KeySchema: TABLE_KEYS.map(k => ({ AttributeName: k.name, KeyType: k.keyType })),
  }));
  await waitForActive(client, name, { timeoutMs: 60_000 });
}

async function scanAll(client: DynamoDBClient, table: string): Promise<string[]> {
  const all: string[] = [];
  for await (const batch of readAll(client, { target: { table, tableKeySchema: TABLE_KEYS, keyTypes: { pk: 'S', sk: 'N' } }, mode: 'scan', pageSize: 1000 })) {
    all.push(...batch.map(canonicalJson));
  }
  return all.sort();
}

describe('CLI import and export on DynamoDB Local', () => {
  let server: LocalServer;
  let client: DynamoDBClient;
  let dir: string;
  const connection = (): string[] => ['--endpoint', server.endpoint, '--region', 'us-east-1'];

  before(async () => {
    server = await startDynamoDbLocal();
    client = server.client();
    dir = mkdtempSync(join(tmpdir(), 'dataio-ddblocal-'));
    await createTable(client, 'source');
    await putAll(client, 'source', everyTypeItems(2000), 4);
  });
  after(async () => {
    await server?.stop();
    if (dir) { rmSync(dir, { recursive: true, force: true }); }
  });

  it('CSV export -> import into an empty table: identical items', async () => {
    const file = join(dir, 'source.csv');
    const exported = await runCli(['export', '--table', 'source', '--format', 'csv', '--segments', '2', '--out', file, ...connection()]);
    assert.equal(exported.code, 0, exported.err);
    await createTable(client, 'copy');
    const imported = await runCli(['import', file, '--table', 'copy', '--yes', ...connection()]);
    assert.equal(imported.code, 0, imported.err);
    assert.match(imported.err, /Format: csv; 2,001 line\(s\) read\./);
    assert.deepEqual(await scanAll(client, 'copy'), await scanAll(client, 'source'));
  });

  it('reports ConsumedCapacity for Scan, and --max-rcu keeps within it', async () => {
    const reads: { units: number; at: number }[] = [];
    const result = await exportTable(client, join(dir, 'capped.jsonl'), {
      table: 'source', format: 'jsonl', keyNames: ['pk', 'sk'], segments: 2, maxRcu: 40,
      onCapacity: (units, at, reported) => { assert.ok(reported, 'DynamoDB Local reports consumed capacity'); reads.push({ units, at }); },
    });
    assert.equal(result.items, 2000);
    assert.ok(!result.capacityEstimated);
    assert.ok(result.consumedCapacity > 40, `${result.consumedCapacity} units in all`);
    assert.ok(result.consumedCapacity / (result.elapsedMs / 1000) <= 40 * 1.05, `${(result.consumedCapacity / (result.elapsedMs / 1000)).toFixed(1)} units/s`);
  });

  it('bad input: a malformed line, a wrong key type, a missing file, a missing table: one clear line each', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"pk":{"S":"a"},"sk":{"N":"1"}}\n{"pk":{"S":"b"},"sk":{"N":"2"}\n{"pk":{"S":"c"},"sk":{"S":"3"}}\n');
    await createTable(client, 'strict');
    const refused = await runCli(['import', bad, '--table', 'strict', '--yes', ...connection()]);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /line 2: not valid JSON/);
    assert.match(refused.err, /line 3: the sort key sk is of type S; the table declares N/);
    assert.match(refused.err, /2 invalid line\(s\), more than the 0 allowed \(--max-errors\); nothing was written/);
    assert.deepEqual(await scanAll(client, 'strict'), []);
    const tolerated = await runCli(['import', bad, '--table', 'strict', '--yes', '--max-errors', '2', ...connection()]);
    assert.equal(tolerated.code, 0, tolerated.err);
    assert.match(tolerated.out, /Imported 1 item\(s\) into strict .*; 2 invalid line\(s\) skipped\./);
    const dry = await runCli(['import', bad, '--table', 'strict', '--dry-run', ...connection()]);
    assert.equal(dry.code, 1);
    assert.match(dry.err, /Dry run of .*bad\.jsonl into strict: nothing was written\./);
    const missing = await runCli(['import', join(dir, 'nope.jsonl'), '--table', 'strict', '--yes', ...connection()]);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /^dynamodb-designer import: cannot read .*nope\.jsonl: no such file\n$/);
    const noTable = await runCli(['import', bad, '--table', 'absent', '--yes', ...connection()]);
    assert.equal(noTable.code, 1);
    assert.match(noTable.err, /^dynamodb-designer import: there is no table absent at http:\/\/127\.0\.0\.1:\d+ \(region us-east-1\)\n$/);
    const noTableExport = await runCli(['export', '--table', 'absent', ...connection()]);
    assert.equal(noTableExport.code, 1);
    assert.match(noTableExport.err, /^dynamodb-designer export: there is no table absent at http:\/\/127\.0\.0\.1:\d+ \(region us-east-1\)\n$/);
    const noYes = await runCli(['import', bad, '--table', 'strict', ...connection()]);
    assert.equal(noYes.code, 1);
    assert.match(noYes.err, /refusing to write without --yes/);
    for (const run of [refused, tolerated, dry, missing, noTable, noTableExport, noYes]) { assert.doesNotMatch(run.err + run.out, /\n\s+at /, 'no stack trace'); }
  });
});
