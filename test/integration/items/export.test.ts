/**
 * Export of 20,000 items to JSON Lines and CSV against dynalite, read back and compared with the
 * table; cancel mid-export leaves no file behind.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ItemRequest, JsonItem } from '../../../src/model/items';
import { fetchPage, readAll } from '../../../src/dynamo/items';
import { canonicalJson } from '../../../src/items/itemJson';
import { exportPage, exportResult, readCsv, readJsonLines } from '../../../src/dynamo/itemExport';
import { LocalServer, startDynalite } from '../../support/servers';
import { EVERY_TYPE } from '../../unit/items/everyType';
import { createIndexedTable, putAll, TABLE_TARGET } from './fixtures';

const TABLE = 'export';
const COUNT = 20_000;

/** Varied items: most share a shape, some carry every type, some have attributes first seen late. */
function fixtureItems(): JsonItem[] {
  const items: JsonItem[] = [];
  for (let i = 0; i < COUNT; i++) {
    const base: Record<string, JsonItem[string]> = {
      pk: { S: `p${i % 50}` }, sk: { N: String(i) }, g: { S: `g${i % 7}` }, gs: { N: String(i) }, ls: { S: `l${i}` },
      name: { S: i % 3 === 0 ? `Name, "quoted"\r\nline ${i}` : `name ${i}` },
      price: i % 4 === 0 ? { S: `{not json ${i}` } : { N: `${i}.${i % 100}` },
      big: { N: '12345678901234567890123456789012345678' },
      empty: { S: '' },
    };
    if (i % 10 === 0) { Object.assign(base, { ...EVERY_TYPE, pk: base.pk, sk: base.sk }); }
    if (i > 15_000 && i % 500 === 0) { base[`late,${i}`] = { S: 'first seen after the CSV sample' }; }
    items.push(base);
  }
  return items;
}

function canonicalSet(items: readonly JsonItem[]): string[] {
  return items.map(canonicalJson).sort();
}

describe('item export on dynalite', () => {
  let server: LocalServer;
  let client: DynamoDBClient;
  let dir: string;
  let tableItems: string[];
  const request: ItemRequest = { target: TABLE_TARGET(TABLE), mode: 'scan', pageSize: 100 };

  before(async () => {
    server = await startDynalite();
    client = server.client();
    dir = mkdtempSync(join(tmpdir(), 'items-export-'));
    await createIndexedTable(client, TABLE);
    await putAll(client, TABLE, fixtureItems(), 8);
    const read: JsonItem[] = [];
    for await (const batch of readAll(client, request)) { read.push(...batch); }
    tableItems = canonicalSet(read);
    assert.equal(tableItems.length, COUNT);
  });
  after(async () => {
    await server?.stop();
    if (dir) { rmSync(dir, { recursive: true, force: true }); }
  });

  it('JSON Lines of the whole result round-trips every item exactly', async () => {
    const path = join(dir, 'all.jsonl');
    const progress: number[] = [];
    const result = await exportResult(client, request, path, { format: 'jsonl', onProgress: n => progress.push(n) });
    assert.equal(result.items, COUNT);
    assert.ok(progress.length > 1 && progress[progress.length - 1] === COUNT && progress.every((n, i) => i === 0 || n > progress[i - 1]!));
    assert.equal(readFileSync(path, 'utf8').split('\n').length, COUNT + 1);
    assert.deepEqual(canonicalSet(await readJsonLines(path)), tableItems);
    assert.ok(!existsSync(`${path}.partial`));
  });

  it('CSV of the whole result round-trips every item exactly (late attributes in _other)', async () => {
    const path = join(dir, 'all.csv');
    const result = await exportResult(client, request, path, { format: 'csv' });
    assert.equal(result.items, COUNT);
    assert.deepEqual(result.columns!.slice(0, 2), ['pk', 'sk'], 'keys first');
    assert.equal(result.columns![result.columns!.length - 1], '_other');
    const header = readFileSync(path, 'utf8').split('\r\n', 1)[0]!;
    // then by frequency, ties by name; each column typed by its most frequent type
    assert.match(header, /^pk:S,sk:N,big:N,empty:S,g:S,gs:N,ls:S,name:S,price:N,/);
    assert.match(header, /,price:N,/);
    assert.ok(!header.includes('late'), 'attributes first seen after the sample have no column');
    const back = await readCsv(path);
    assert.equal(back.length, COUNT);
    assert.deepEqual(canonicalSet(back), tableItems);
  });

  it('exports the current page', async () => {
    const page = await fetchPage(client, request, undefined);
    for (const format of ['jsonl', 'csv'] as const) {
      const path = join(dir, `page.${format}`);
      const result = await exportPage(page.items, path, { format });
      assert.equal(result.items, 100);
      const back = format === 'jsonl' ? await readJsonLines(path) : await readCsv(path);
      assert.deepEqual(canonicalSet(back), canonicalSet(page.items));
    }
  });

  it('cancel mid-export rejects and leaves neither the file nor a partial file', async () => {
    for (const format of ['jsonl', 'csv'] as const) {
      const path = join(dir, `cancelled.${format}`);
      const cancel = new AbortController();
      let seen = 0;
      await assert.rejects(
        exportResult(client, request, path, { format, csvSampleSize: 100, signal: cancel.signal, onProgress: n => { seen = n; if (n > 2000) { cancel.abort(); } } }),
        (e: Error) => e.name === 'AbortError',
      );
      assert.ok(seen > 2000 && seen < COUNT, `${format}: cancelled after ${seen} items`);
      assert.deepEqual(readdirSync(dir).filter(f => f.startsWith('cancelled')), [], `${format}: nothing left behind`);
    }
  });
});
