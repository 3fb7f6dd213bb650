/**
 * Item browser backend figures against dynalite with 20,000 items: export throughput to JSON Lines
 * and CSV through the extension's own client (ClientFactory), against a bare SDK `paginateScan`
 * loop with a default `DynamoDBClient` over the same table in the same run (the floor: the read
 * alone, nothing converted or written; goal: export >= 0.95 of its throughput), and the time to the
 * first page of 100 items ready for the grid (read + columns + display values).
 * Throughput and ratios are in the row names (the table has only time columns).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchWriteItemCommand, CreateTableCommand, paginateScan } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient, WriteRequest } from '@aws-sdk/client-dynamodb';
import type { ItemRequest, JsonItem } from '../src/model/items';
import { fetchPage } from '../src/dynamo/items';
import { chooseColumns, displayValue, toSdkItem } from '../src/items/itemJson';
import { exportResult } from '../src/dynamo/itemExport';
import { ClientFactory } from '../src/dynamo/clients';
import { startDynalite } from '../test/support/servers';
import { measure, summarize } from './main';
import type { Row } from './main';

const TABLE = 'bench_items';
const COUNT = 20_000;
const KEYS = [{ name: 'pk', keyType: 'HASH' as const }, { name: 'sk', keyType: 'RANGE' as const }];

function item(i: number): JsonItem {
  return {
    pk: { S: `customer#${i % 200}` }, sk: { N: String(i) },
    name: { S: `Customer ${i}, "quoted"` }, price: { N: `${i}.${i % 100}` }, active: { BOOL: i % 2 === 0 },
    tags: { SS: ['a', 'b', `t${i % 10}`] }, blob: { B: Buffer.from(`bytes-${i}`).toString('base64') },
    address: { M: { city: { S: 'Lisbon' }, zip: { S: String(1000 + (i % 9000)) }, lines: { L: [{ S: 'Rua A' }, { N: String(i) }] } } },
  };
}

async function load(client: DynamoDBClient): Promise<void> {
  await client.send(new CreateTableCommand({
    TableName: TABLE, BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }],
    KeySchema: KEYS.map(k => ({ AttributeName: k.name, KeyType: k.keyType })),
  }));
  const batches: WriteRequest[][] = [];
  for (let i = 0; i < COUNT; i += 25) {
    batches.push(Array.from({ length: Math.min(25, COUNT - i) }, (_, j) => ({ PutRequest: { Item: toSdkItem(item(i + j)) } })));
  }
  let next = 0;
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < batches.length) {
      let requests = batches[next++]!;
      while (requests.length) {
        const output = await client.send(new BatchWriteItemCommand({ RequestItems: { [TABLE]: requests } }));
        requests = output.UnprocessedItems?.[TABLE] ?? [];
      }
    }
  }));
}

export async function run(): Promise<Row[]> {
  const server = await startDynalite();
  const dir = mkdtempSync(join(tmpdir(), 'items-bench-'));
  const factory = new ClientFactory({ extensionName: 'dynamodb-designer-bench', extensionVersion: '0.0.0' });
  try {
    const client = server.client();
    await load(client);
    const ours = await factory.client({ kind: 'endpoint', id: 'bench', label: 'dynalite', url: server.endpoint, region: 'us-east-1', regions: ['us-east-1'] });
    const request: ItemRequest = { target: { table: TABLE, tableKeySchema: KEYS, keyTypes: { pk: 'S', sk: 'N' } }, mode: 'scan', pageSize: 100 };

    // Rounds interleave the three, so a busy machine slows them alike and the ratio holds.
    const samples: Record<'scan' | 'jsonl' | 'csv', number[]> = { scan: [], jsonl: [], csv: [] };
    const time = async (fn: () => Promise<void>): Promise<number> => {
      const t = process.hrtime.bigint();
      await fn();
      return Number(process.hrtime.bigint() - t) / 1e6;
    };
    for (let round = 0; round < 6; round++) {
      const scan = await time(async () => {
        let n = 0;
        for await (const page of paginateScan({ client }, { TableName: TABLE })) { n += page.Items?.length ?? 0; }
        if (n !== COUNT) { throw new Error(`scan read ${n} items, expected ${COUNT}`); }
      });
      const byFormat: Record<'jsonl' | 'csv', number> = { jsonl: 0, csv: 0 };
      for (const format of ['jsonl', 'csv'] as const) {
        byFormat[format] = await time(async () => {
          const result = await exportResult(ours, request, join(dir, `export.${format}`), { format });
          if (result.items !== COUNT) { throw new Error(`exported ${result.items} items, expected ${COUNT}`); }
        });
      }
      if (round === 0) { continue; } // warm-up
      samples.scan.push(scan);
      samples.jsonl.push(byFormat.jsonl);
      samples.csv.push(byFormat.csv);
    }
    const ceiling = summarize('items: bare SDK paginateScan loop, 20,000 items (floor)', samples.scan);
    const exports = [summarize('items: export 20,000 to JSON Lines', samples.jsonl), summarize('items: export 20,000 to CSV', samples.csv)];
    const firstPage = await measure('items: first page of 100 ready for the grid (scan + columns + display)', 20, async () => {
      const page = await fetchPage(ours, request, undefined);
      const columns = chooseColumns(page.items, KEYS);
      const cells = page.items.map(i => columns.map(c => (i[c] ? displayValue(i[c]) : undefined)));
      if (cells.length !== 100) { throw new Error(`first page has ${cells.length} rows`); }
    });

    const perSecond = (row: Row): number => COUNT / (row.medianMs / 1000);
    const rate = (n: number): string => `${Math.round(n).toLocaleString('en-US')} items/s`;
    return [
      { ...ceiling, name: `${ceiling.name}: ${rate(perSecond(ceiling))}` },
      ...exports.map(row => {
        const ratio = perSecond(row) / perSecond(ceiling);
        return { ...row, name: `${row.name}: ${rate(perSecond(row))}, ${ratio.toFixed(2)}x the bare loop (goal >= 0.95: ${ratio >= 0.95 ? 'met' : 'NOT MET'})` };
      }),
      firstPage,
    ];
  } finally {
    factory.dispose();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
