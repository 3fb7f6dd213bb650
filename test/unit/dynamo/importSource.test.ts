import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { JsonItem } from '../../../src/model/items';
import { ImportSource, type SourceRecord } from '../../../src/dynamo/importItems';
import { backoffMs, sleep } from '../../../src/dynamo/batchWrite';
import { exportPage } from '../../../src/dynamo/itemExport';
import { canonicalJson } from '../../../src/items/itemJson';
import { EVERY_TYPE } from '../items/everyType';

const dir = mkdtempSync(join(tmpdir(), 'dataio-import-unit-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function readAllRecords(path: string, format?: 'csv' | 'json'): Promise<{ records: SourceRecord[]; source: ImportSource }> {
  const source = new ImportSource(path, format);
  const records: SourceRecord[] = [];
  for await (const batch of source.records()) { records.push(...batch); }
  return { records, source };
}

describe('import file reading', () => {
  it('JSON Lines: CRLF, a BOM, blank lines; bad lines keep their numbers', async () => {
    const path = join(dir, 'mixed.jsonl');
    writeFileSync(path, `\uFEFF${JSON.stringify(EVERY_TYPE)}\r\n\r\n{"pk":{"S":"b"},"n":{"N":"x"}}\r\nnot json\n{"pk":{"S":"c"}}`);
    const { records, source } = await readAllRecords(path);
    assert.equal(source.format, 'dynamodb-json');
    assert.deepEqual(records.map(r => r.line), [1, 3, 4, 5]);
    assert.equal(canonicalJson(records[0]!.item!), canonicalJson(EVERY_TYPE));
    assert.match(records[1]!.error!, /\$\.n\.N: not a number: "x"/);
    assert.match(records[2]!.error!, /not valid JSON/);
    assert.deepEqual(records[3]!.item, { pk: { S: 'c' } });
  });

  it('DynamoDB S3 export, gzipped, whatever the file name', async () => {
    const path = join(dir, 'export.data');
    const lines = Array.from({ length: 5000 }, (_, i) => JSON.stringify({ Item: { ...EVERY_TYPE, pk: { S: `p${i}` } } })).join('\n');
    writeFileSync(path, gzipSync(`${lines}\n`));
    const { records, source } = await readAllRecords(path);
    assert.equal(source.gzip, true);
    assert.equal(source.format, 's3');
    assert.equal(records.length, 5000, 'lines across chunk boundaries are whole');
    assert.ok(records.every((r, i) => r.item && (r.item.pk as { S: string }).S === `p${i}` && r.line === i + 1));
  });

  it('CSV as the export writes it reads back exactly', async () => {
    const items: JsonItem[] = Array.from({ length: 3000 }, (_, i) => ({ ...EVERY_TYPE, pk: { S: `p${i}` }, note: { S: `a, "b"\r\nc ${i}` } }));
    const path = join(dir, 'items.csv');
    await exportPage(items, path, { format: 'csv', keyNames: ['pk'] });
    const { records, source } = await readAllRecords(path);
    assert.equal(source.format, 'csv');
    assert.equal(records.length, 3000);
    assert.deepEqual(records.map(r => canonicalJson(r.item!)), items.map(canonicalJson));
  });

  it('a CSV row that does not fit its header is an invalid line, not the end', async () => {
    const path = join(dir, 'bad.csv');
    writeFileSync(path, 'pk:S,n:N,_other\r\na,1,\r\nb,not a number,\r\nc,2\r\nd,3,\r\n');
    const { records } = await readAllRecords(path);
    assert.deepEqual(records.map(r => r.line), [2, 3, 4, 5]);
    assert.match(records[1]!.error!, /column n: \$\.N: not a number|not a number/);
    assert.match(records[2]!.error!, /2 fields, expected 3/);
    assert.deepEqual(records[3]!.item, { pk: { S: 'd' }, n: { N: '3' } });
  });

  it('says clearly what is wrong with the file itself', async () => {
    await assert.rejects(readAllRecords(join(dir, 'missing.jsonl')), /cannot read .*missing\.jsonl: no such file/);
    await assert.rejects(readAllRecords(dir), /is a directory/);
    const notGzip = join(dir, 'broken.gz');
    writeFileSync(notGzip, Buffer.concat([gzipSync('{"a":{"S":"b"}}\n').subarray(0, 12), Buffer.from('garbage')]));
    await assert.rejects(readAllRecords(notGzip), /starts like gzip but is not valid gzip/);
    const header = join(dir, 'header.csv');
    writeFileSync(header, 'pk,sk\r\na,1\r\n');
    await assert.rejects(readAllRecords(header), /the last CSV column must be _other/);
  });
});

describe('batch write backoff', () => {
  it('full jitter under an exponential ceiling, capped', () => {
    assert.equal(backoffMs(1, {}, () => 1), 50);
    assert.equal(backoffMs(3, {}, () => 1), 200);
    assert.equal(backoffMs(20, {}, () => 1), 5000);
    assert.equal(backoffMs(5, {}, () => 0), 0);
    assert.equal(backoffMs(2, { baseBackoffMs: 10, maxBackoffMs: 15 }, () => 0.5), 8);
  });

  it('sleep ends early with the abort', async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort();
    await assert.rejects(waiting, (e: Error) => e.name === 'AbortError');
  });
});
