import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { JsonItem } from '../../../src/model/items';
import { canonicalJson } from '../../../src/items/itemJson';
import { exportItems, exportPage, readCsv, readJsonLines } from '../../../src/dynamo/itemExport';
import { EVERY_TYPE } from './everyType';

const dir = mkdtempSync(join(tmpdir(), 'items-export-unit-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const TRICKY: JsonItem[] = [
  EVERY_TYPE,
  { pk: { S: '{"S":"looks like JSON"}' }, sk: { N: '1' }, 'a:b': { S: 'colon, comma' }, 'x,y': { S: 'line\r\nbreak "quoted"' } },
  { pk: { S: ' spaces ' }, sk: { S: 'sk is a string here' }, 'a:b': { N: '2' }, empty: { S: '' } },
  { pk: { S: 'p' }, sk: { N: '-0.5e-10' }, bin: { S: 'a string in a binary column' }, yes: { S: 'true' } },
];

function sorted(items: readonly JsonItem[]): string[] { return items.map(canonicalJson).sort(); }

describe('export files', () => {
  it('CSV: typed header, plain cells where unambiguous, DynamoDB JSON otherwise; reads back exactly', async () => {
    const path = join(dir, 'tricky.csv');
    const result = await exportPage(TRICKY, path, { format: 'csv', keyNames: ['pk', 'sk'] });
    assert.equal(result.items, TRICKY.length);
    const text = readFileSync(path, 'utf8');
    const [header, first] = text.split('\r\n');
    assert.ok(header!.startsWith('pk:S,sk:N,a:b:N,'), header);
    assert.ok(header!.includes(',"x,y:S",'), header);
    assert.ok(header!.endsWith(',_other'));
    assert.ok(first!.startsWith('item#1,12345678901234567890123456789012345678,'), first);
    assert.match(text, /"\{""S"":""\{\\""S\\"":\\""looks like JSON\\""\}""\}"/, 'an S starting with { is written as DynamoDB JSON');
    assert.match(text, /"line\r\nbreak ""quoted"""/, 'RFC 4180 quoting keeps CR LF and quotes');
    assert.deepEqual(sorted(await readCsv(path)), sorted(TRICKY));
  });

  it('CSV: attributes after the sample go to _other', async () => {
    const path = join(dir, 'late.csv');
    const items: JsonItem[] = [{ pk: { S: 'a' } }, { pk: { S: 'b' }, late: { NS: ['1'] }, 'late,2': { S: '' } }];
    async function* batches(): AsyncGenerator<JsonItem[]> { for (const item of items) { yield [item]; } }
    const result = await exportItems(batches(), path, { format: 'csv', keyNames: ['pk'], csvSampleSize: 1 });
    assert.deepEqual(result.columns, ['pk', '_other']);
    assert.deepEqual(sorted(await readCsv(path)), sorted(items));
  });

  it('JSON Lines: one DynamoDB JSON item per line, reads back exactly', async () => {
    const path = join(dir, 'tricky.jsonl');
    await exportPage(TRICKY, path, { format: 'jsonl' });
    const lines = readFileSync(path, 'utf8').split('\n');
    assert.equal(lines.length, TRICKY.length + 1);
    assert.deepEqual(JSON.parse(lines[0]!), EVERY_TYPE);
    assert.deepEqual(await readJsonLines(path), TRICKY);
  });

  it('a source that fails midway leaves no file and no partial file', async () => {
    const path = join(dir, 'failing.jsonl');
    async function* failing(): AsyncGenerator<JsonItem[]> {
      yield TRICKY;
      throw new Error('network gone');
    }
    await assert.rejects(exportItems(failing(), path, { format: 'jsonl' }), /network gone/);
    assert.ok(!existsSync(path) && !existsSync(`${path}.partial`));
    await assert.rejects(exportPage(TRICKY, join(dir, 'no/such/dir/x.csv'), { format: 'csv' }), /ENOENT/);
    assert.deepEqual(readdirSync(dir).filter(f => f.includes('failing') || f.includes('partial')), []);
  });

  it('readers refuse malformed files with the place of the fault', async () => {
    const { writeFileSync } = await import('node:fs');
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"a":{"S":"x"}}\n{"a":{"N":5}}\n');
    await assert.rejects(readJsonLines(bad), /line 2: line 2\.a\.N: N holds the number as a string/);
    const badCsv = join(dir, 'bad.csv');
    writeFileSync(badCsv, 'n:N,_other\r\nabc,\r\n');
    await assert.rejects(readCsv(badCsv), /row 2, column n\.N: not a number/);
  });
});
