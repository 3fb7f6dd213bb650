/**
 * Import and export of 30,000 items of every attribute type through the CLI, against a real local
 * server: export -> import into an empty table, once killed half-way (SIGKILL of the child) and
 * run again -> the two tables hold identical items, item by item; a parallel export
 * (--segments 4) holds exactly the items of a sequential one; a capped export (--max-rcu) stays
 * within the cap, read from the ConsumedCapacity the server reports.
 *
 * Server: dynalite (the embedded server), the faster of the two here for 30,000 writes and scans
 * on two shared cores; DynamoDB Local runs the same import and export on a smaller table in
 * dynamodbLocal.test.ts (DATAIO_SERVER=dynamodb-local runs this file there: 182 s against 78 s for
 * the first test when measured).
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { JsonItem } from '../../../src/model/items';
import { readAll } from '../../../src/dynamo/items';
import { waitForActive } from '../../../src/dynamo/tables';
import { exportTable } from '../../../src/dynamo/tableExport';
import { canonicalJson, validateItem } from '../../../src/items/itemJson';
import { runCli } from '../../support/cli';
import { repoRoot } from '../../support/paths';
import { LocalServer, startDynalite, startDynamoDbLocal } from '../../support/servers';
import { putAll, TABLE_KEYS } from '../items/fixtures';
import { everyTypeItems } from './fixtures';

const COUNT = 30_000;

async function createTable(client: DynamoDBClient, name: string): Promise<void> {
  await client.send(new CreateTableCommand({
    TableName: name, BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }],
    KeySchema: TABLE_KEYS.map(k => ({ AttributeName: k.name, KeyType: k.keyType })),
  }));
  await waitForActive(client, name, { timeoutMs: 60_000 });
}

async function tableItems(client: DynamoDBClient, table: string): Promise<Map<string, string>> {
  const byKey = new Map<string, string>();
  for await (const batch of readAll(client, { target: { table, tableKeySchema: TABLE_KEYS, keyTypes: { pk: 'S', sk: 'N' } }, mode: 'scan', pageSize: 1000 })) {
    for (const item of batch) { byKey.set(`${(item.pk as { S: string }).S}|${(item.sk as { N: string }).N}`, canonicalJson(item)); }
  }
  return byKey;
}

function fileItems(path: string): string[] {
  return readFileSync(path, 'utf8').split('\n').filter(l => l !== '').map(l => canonicalJson(validateItem(JSON.parse(l)))).sort();
}

describe('CLI export and import of 30,000 items of every type (dynalite)', () => {
  let server: LocalServer;
  let client: DynamoDBClient;
  let dir: string;
  let source: Map<string, string>;
  const connection = (): string[] => ['--endpoint', server.endpoint, '--region', 'us-east-1'];

  before(async () => {
    server = process.env.DATAIO_SERVER === 'dynamodb-local' ? await startDynamoDbLocal() : await startDynalite();
    client = server.client();
    dir = mkdtempSync(join(tmpdir(), 'dataio-roundtrip-'));
    await createTable(client, 'source');
    const items: JsonItem[] = everyTypeItems(COUNT);
    await putAll(client, 'source', items, 8);
    source = await tableItems(client, 'source');
    assert.equal(source.size, COUNT);
    // One sequential CLI export, the input of the import and the reference of the parallel export.
    const exported = await runCli(['export', '--table', 'source', '--out', join(dir, 'source.jsonl'), ...connection()]);
    assert.equal(exported.code, 0, exported.err);
    assert.match(exported.err, /Exported 30000 item\(s\) of source/);
  });
  after(async () => {
    await server?.stop();
    if (dir) { rmSync(dir, { recursive: true, force: true }); }
  });

  it('export -> import killed half-way -> import again: the tables hold identical items', async () => {
    const file = join(dir, 'source.jsonl');
    assert.deepEqual(fileItems(file), [...source.values()].sort(), 'the export holds exactly the table');

    await createTable(client, 'target');
    // First import: killed (SIGKILL) once it has written part of the file.
    const child = spawn(process.execPath, [join(repoRoot(), 'out/src/cli/main.js'), 'import', file, '--table', 'target', '--yes', '--concurrency', '2', ...connection()], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    const killedAt = await new Promise<number>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        err += d;
        const written = [...err.matchAll(/written (\d+) of/g)].map(m => Number(m[1]));
        const last = written[written.length - 1];
        if (last !== undefined && last >= 3000 && child.exitCode === null) { child.kill('SIGKILL'); resolve(last); }
      });
      child.once('exit', code => reject(new Error(`import ended (${code}) before it was killed: ${err}`)));
    });
    await new Promise(resolve => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once('exit', resolve)));
    const partial = await tableItems(client, 'target');
    assert.ok(partial.size >= killedAt && partial.size < COUNT, `killed with ${partial.size} of ${COUNT} items written`);

    const again = await runCli(['import', file, '--table', 'target', '--yes', ...connection()]);
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /Imported 30000 item\(s\) into target/);
    assert.match(again.err, /Items to write: 30,000; invalid lines: 0/);
    const target = await tableItems(client, 'target');
    assert.equal(target.size, COUNT);
    for (const [key, item] of source) { assert.equal(target.get(key), item, `item ${key}`); }
  });

  it('--segments 4 exports exactly the items of a sequential export', async () => {
    const sequential = join(dir, 'source.jsonl');
    const parallel = join(dir, 'par.jsonl');
    const four = await runCli(['export', '--table', 'source', '--segments', '4', '--out', parallel, ...connection()]);
    assert.equal(four.code, 0, four.err);
    const a = fileItems(sequential);
    const b = fileItems(parallel);
    assert.equal(b.length, COUNT);
    assert.deepEqual(b, a);
  });

  it('--max-rcu keeps the ConsumedCapacity the server reports within the cap', async () => {
    const uncapped = await exportTable(client, join(dir, 'uncapped.jsonl'), { table: 'source', format: 'jsonl', keyNames: ['pk', 'sk'], segments: 4 });
    assert.ok(!uncapped.capacityEstimated, 'dynalite reports ConsumedCapacity for Scan');
    assert.ok(uncapped.consumedCapacity > 100, `a full scan consumed ${uncapped.consumedCapacity} units`);
    const cap = Math.round(uncapped.consumedCapacity / 3);
    const reads: { units: number; at: number }[] = [];
    const capped = await exportTable(client, join(dir, 'capped.jsonl'), {
      table: 'source', format: 'jsonl', keyNames: ['pk', 'sk'], segments: 4, maxRcu: cap,
      onCapacity: (units, at, reported) => { assert.ok(reported); reads.push({ units, at }); },
    });
    assert.equal(capped.items, COUNT);
    const seconds = capped.elapsedMs / 1000;
    const total = reads.reduce((n, r) => n + r.units, 0);
    assert.ok(total / seconds <= cap * 1.05, `average ${(total / seconds).toFixed(1)} units/s, cap ${cap}`);
    // Every one-second window of answers: at most the cap plus one page per segment in flight.
    const biggest = Math.max(...reads.map(r => r.units));
    for (const r of reads) {
      const windowUnits = reads.filter(o => o.at >= r.at && o.at < r.at + 1000).reduce((n, o) => n + o.units, 0);
      assert.ok(windowUnits <= cap + 4 * biggest, `${windowUnits} units in the second from ${r.at} ms (cap ${cap}, page ${biggest})`);
    }
    assert.ok(biggest <= cap / 2, `pages kept small (${biggest} units) under the cap ${cap}`);
    assert.deepEqual(fileItems(join(dir, 'capped.jsonl')), fileItems(join(dir, 'uncapped.jsonl')));
  });

  it('--resume continues an export stopped half-way, ending with exactly the items', async () => {
    const out = join(dir, 'resumed.jsonl');
    const state = join(dir, 'resumed.state');
    const stop = new AbortController();
    await assert.rejects(exportTable(client, out, {
      table: 'source', format: 'jsonl', keyNames: ['pk', 'sk'], segments: 3, resume: state, signal: stop.signal, pageLimit: 500,
      onProgress: p => { if (p.items >= 12_000) { stop.abort(); } },
    }), (e: Error) => e.name === 'AbortError');
    assert.ok(existsSync(state) && existsSync(`${out}.partial`) && !existsSync(out));
    const resumed = await runCli(['export', '--table', 'source', '--segments', '3', '--out', out, '--resume', state, ...connection()]);
    assert.equal(resumed.code, 0, resumed.err);
    assert.match(resumed.err, /\(resumed\)/);
    assert.ok(!existsSync(state), 'the state file is removed at the end');
    assert.deepEqual(fileItems(out), [...source.values()].sort());
  });
});
