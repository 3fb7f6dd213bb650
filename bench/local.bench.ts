/**
 * The embedded local DynamoDB (dynalite child process): time from LocalDynamo.start() to the first
 * table list, and the child's resident memory (VmRSS from /proc/PID/status) holding 20,000 items
 * (the DeviceReadings demo table), after writing them and after a full scan.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import { LOCAL_SERVER_CREDENTIALS } from '../src/dynamo/clients';
import { LocalDynamo } from '../src/dynamo/local';
import { seedDemoTables } from '../src/dynamo/seed';
import { listTables } from '../src/dynamo/tables';
import { repoRoot } from '../test/support/paths';
import { summarize } from './main';
import type { Row } from './main';

/** A row whose figure is not a duration: the value sits in the median/p95 columns, the unit in the name. */
type ValueRow = Row & { readonly value: number; readonly unit: string };

function valueRow(name: string, value: number, unit: string): ValueRow {
  return { name: `${name} (${unit}, not ms)`, n: 1, medianMs: value, p95Ms: value, value, unit };
}

/** Resident set size of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
  if (!Number.isFinite(kb)) { throw new Error(`no VmRSS for PID ${pid}`); }
  return Math.round((kb / 1024) * 10) / 10;
}

function client(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: LOCAL_SERVER_CREDENTIALS, maxAttempts: 3 });
}

const ITEMS = 20_000;

export async function run(): Promise<Row[]> {
  const entryScript = join(repoRoot(), 'out/src/dynamo/dynaliteMain.js');
  const dataDir = mkdtempSync(join(tmpdir(), 'ddd-bench-local-'));
  const rows: Row[] = [];
  const local = new LocalDynamo({ entryScript, dataDir });
  try {
    // Start to first list: a cold start (empty folder) then restarts on the same folder.
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = process.hrtime.bigint();
      const c = client(await local.start());
      await listTables(c);
      samples.push(Number(process.hrtime.bigint() - t) / 1e6);
      c.destroy();
      await local.stop();
    }
    rows.push(summarize('local: LocalDynamo.start() to first ListTables', samples));

    const c = client(await local.start());
    const pid = local.pid!;
    rows.push(valueRow('local: dynalite RSS, idle, empty', rssMb(pid), 'MB'));
    let t = process.hrtime.bigint();
    const [seeded] = await seedDemoTables(c, { itemsPerTable: ITEMS, tables: ['DeviceReadings'] });
    if (seeded.itemsWritten !== ITEMS) { throw new Error(`wrote ${seeded.itemsWritten} items, expected ${ITEMS}`); }
    rows.push(summarize(`local: write ${ITEMS.toLocaleString('en')} items (BatchWriteItem)`, [Number(process.hrtime.bigint() - t) / 1e6]));
    rows.push(valueRow(`local: dynalite RSS after writing ${ITEMS.toLocaleString('en')} items`, rssMb(pid), 'MB'));
    t = process.hrtime.bigint();
    let scanned = 0;
    for await (const page of paginateScan({ client: c }, { TableName: 'DeviceReadings' })) { scanned += page.Count ?? 0; }
    if (scanned !== ITEMS) { throw new Error(`scanned ${scanned} items, expected ${ITEMS}`); }
    rows.push(summarize(`local: full scan of ${ITEMS.toLocaleString('en')} items`, [Number(process.hrtime.bigint() - t) / 1e6]));
    rows.push(valueRow(`local: dynalite RSS after a full scan of ${ITEMS.toLocaleString('en')} items`, rssMb(pid), 'MB'));
    c.destroy();
  } finally {
    await local.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}
