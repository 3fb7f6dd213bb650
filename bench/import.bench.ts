/**
 * Import figures against dynalite: throughput of `importFile` (a JSON Lines file streamed, each
 * line parsed and checked, BatchWriteItem with 8 requests in flight) against a plain sequential
 * BatchWriteItem loop over the same items already in memory (25 per request, unprocessed items
 * sent again), same server, same run, rounds interleaved (ABBA) so a busy machine slows both
 * alike; the ratio is the median of the per-round ratios; goal: >= 0.8 of the loop's items/s. And the memory of a dry run over a large file (default
 * 200 MB; IMPORT_BENCH_MB=1024 for 1 GB): the peak resident set above the start, which stays flat
 * whatever the file's size because the file is streamed.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchWriteItemCommand, CreateTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient, WriteRequest } from '@aws-sdk/client-dynamodb';
import type { JsonItem } from '../src/model/items';
import { toSdkItem } from '../src/items/itemJson';
import { ClientFactory } from '../src/dynamo/clients';
import { dryRunImport, importFile } from '../src/dynamo/importItems';
import { waitForActive } from '../src/dynamo/tables';
import { startDynalite } from '../test/support/servers';
import { summarize } from './main';
import type { Row } from './main';

const COUNT = 3_000;

function item(i: number): JsonItem {
  return {
    pk: { S: `customer#${i % 200}` }, sk: { N: String(i) },
    name: { S: `Customer ${i}, "quoted"` }, price: { N: `${i}.${i % 100}` }, active: { BOOL: i % 2 === 0 },
    tags: { SS: ['a', 'b', `t${i % 10}`] }, blob: { B: Buffer.from(`bytes-${i}`).toString('base64') },
    address: { M: { city: { S: 'Lisbon' }, zip: { S: String(1000 + (i % 9000)) }, lines: { L: [{ S: 'Rua A' }, { N: String(i) }] } } },
  };
}

async function createTable(client: DynamoDBClient, name: string): Promise<void> {
  await client.send(new CreateTableCommand({
    TableName: name, BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
  }));
  await waitForActive(client, name, { timeoutMs: 60_000 });
}

async function writeFile(path: string, lines: number, make: (i: number) => JsonItem): Promise<void> {
  const out = createWriteStream(path);
  for (let i = 0; i < lines; i++) {
    if (!out.write(`${JSON.stringify(make(i))}\n`)) { await once(out, 'drain'); }
  }
  out.end();
  await once(out, 'finish');
}

/** The plain loop: one BatchWriteItem after another, unprocessed items sent again. */
async function sequentialLoop(client: DynamoDBClient, table: string, items: readonly JsonItem[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let requests: WriteRequest[] = items.slice(i, i + 25).map(it => ({ PutRequest: { Item: toSdkItem(it) } }));
    while (requests.length) {
      const output = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: requests } }));
      requests = output.UnprocessedItems?.[table] ?? [];
    }
  }
}

export async function run(): Promise<Row[]> {
  const server = await startDynalite();
  const dir = mkdtempSync(join(tmpdir(), 'import-bench-'));
  const factory = new ClientFactory({ extensionName: 'dynamodb-designer-bench', extensionVersion: '0.0.0' });
  try {
    const bare = server.client();
    const ours = await factory.client({ kind: 'endpoint', id: 'bench', label: 'dynalite', url: server.endpoint, region: 'us-east-1', regions: ['us-east-1'] });
    const items = Array.from({ length: COUNT }, (_, i) => item(i));
    const file = join(dir, 'items.jsonl');
    await writeFile(file, COUNT, item);
    await createTable(bare, 'loop');
    await createTable(bare, 'imported');
    const table = { name: 'imported', keyNames: ['pk', 'sk'], attributeTypes: { pk: 'S', sk: 'N' } as const };
    const time = async (fn: () => Promise<void>): Promise<number> => {
      const t = process.hrtime.bigint();
      await fn();
      return Number(process.hrtime.bigint() - t) / 1e6;
    };
    const loop: number[] = [];
    const imported: number[] = [];
    // Many short rounds, the order alternating (ABBA), so the drift of a shared machine cancels out.
    for (let round = 0; round < 16; round++) {
      const runLoop = (): Promise<number> => time(() => sequentialLoop(bare, 'loop', items));
      const runImport = (): Promise<number> => time(async () => {
        const result = await importFile(ours, table, file);
        if (result.written !== COUNT) { throw new Error(`imported ${result.written} items, expected ${COUNT}`); }
      });
      let a: number;
      let b: number;
      if (round % 2 === 0) { a = await runLoop(); b = await runImport(); } else { b = await runImport(); a = await runLoop(); }
      if (round === 0) { continue; } // warm-up
      loop.push(a);
      imported.push(b);
    }
    const floor = summarize(`import: plain sequential BatchWriteItem loop, ${COUNT.toLocaleString('en-US')} items in memory (peer)`, loop);
    const ours1 = summarize(`import: importFile of a ${COUNT.toLocaleString('en-US')}-line JSON Lines file`, imported);
    const perSecond = (row: Row): number => COUNT / (row.medianMs / 1000);
    const rate = (n: number): string => `${Math.round(n).toLocaleString('en-US')} items/s`;
    // Paired: each round's two runs saw the same machine; the median of the per-round ratios.
    const ratios = loop.map((ms, i) => ms / imported[i]!).sort((x, y) => x - y);
    const ratio = ratios[Math.floor(ratios.length / 2)]!;

    // Memory: dry runs over a file and one four times its size; the peak resident set above the
    // start of each. Streamed, the growth does not follow the file's size.
    const megabytes = Number(process.env.IMPORT_BENCH_MB ?? 200);
    const sample = JSON.stringify(item(1)).length + 1;
    const memoryRows: Row[] = [];
    const growths: number[] = [];
    for (const size of [megabytes / 4, megabytes]) {
      const big = join(dir, `big-${size}.jsonl`);
      const lines = Math.ceil((size * 1024 * 1024) / sample);
      await writeFile(big, lines, i => ({ ...item(i), pk: { S: `big#${i}` } }));
      global.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 25);
      const started = process.hrtime.bigint();
      const report = await dryRunImport(ours, 'imported', big);
      const dryMs = Number(process.hrtime.bigint() - started) / 1e6;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      rmSync(big);
      if (report.items !== lines) { throw new Error(`dry run read ${report.items} items, expected ${lines}`); }
      const grew = (peak - before) / 1024 / 1024;
      growths.push(grew);
      memoryRows.push({ name: `import: dry run of a ${size} MB file (${lines.toLocaleString('en-US')} lines): resident set grew ${grew.toFixed(0)} MB at most`, n: 1, medianMs: dryMs, p95Ms: dryMs });
    }
    const flat = growths[1]! <= growths[0]! + 32;
    memoryRows[1] = { ...memoryRows[1]!, name: `${memoryRows[1]!.name} (4x the file, ${(growths[1]! - growths[0]!).toFixed(0)} MB more; flat: ${flat ? 'yes' : 'NO'})` };
    return [
      { ...floor, name: `${floor.name}: ${rate(perSecond(floor))}` },
      { ...ours1, name: `${ours1.name}: ${rate(perSecond(ours1))}, ${ratio.toFixed(2)}x the plain loop, median of per-round ratios (goal >= 0.8: ${ratio >= 0.8 ? 'met' : 'NOT MET'})` },
      ...memoryRows,
    ];
  } finally {
    factory.dispose();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
