/**
 * Paging 2,500 items by 100 in Scan, and in Query on the table, a GSI and an LSI, against both
 * real local servers: every item exactly once, page 2 and later included, previous pages equal
 * to what was read before, and filtered pages that need several requests.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { ItemPage, ItemRequest, JsonItem, PageProgress } from '../../../src/model/items';
import { fetchPage, Pager } from '../../../src/dynamo/items';
import { LocalServer, startDynalite, startDynamoDbLocal } from '../../support/servers';
import { createIndexedTable, GSI_TARGET, idOf, LSI_TARGET, putAll, TABLE_TARGET } from './fixtures';

const TABLE = 'paging';
const IN_P = 2500;
const IN_Q = 100;

function fixtureItems(): JsonItem[] {
  const items: JsonItem[] = [];
  for (let i = 0; i < IN_P; i++) {
    items.push({
      pk: { S: 'P' }, sk: { N: String(i) }, id: { S: `p${i}` },
      // duplicate GSI sort keys, so page boundaries fall inside runs of equal index keys
      g: { S: 'G' }, gs: { N: String(Math.floor(i / 3)) },
      ls: { S: `l${String((i * 7919) % IN_P).padStart(5, '0')}` },
      even: { BOOL: i % 10 === 0 }, payload: { S: 'x'.repeat(200) },
    });
  }
  for (let i = 0; i < IN_Q; i++) {
    items.push({ pk: { S: 'Q' }, sk: { N: String(i) }, id: { S: `q${i}` }, g: { S: 'H' }, gs: { N: String(i) }, ls: { S: `m${i}` }, even: { BOOL: i % 10 === 0 } });
  }
  return items;
}

/** Walks all pages forward; at page 3 and at the last page, goes back one page and checks it. */
async function walk(pager: Pager): Promise<{ pages: ItemPage[]; ids: string[] }> {
  const pages: ItemPage[] = [await pager.first()];
  assert.equal(pager.pageNumber, 1);
  assert.equal(pager.hasPrevious, false);
  while (pager.hasNext) {
    pages.push(await pager.next());
    assert.equal(pager.pageNumber, pages.length);
    if (pages.length === 3 || !pager.hasNext) {
      const back = await pager.previous();
      assert.equal(pager.pageNumber, pages.length - 1);
      assert.deepEqual(back.items.map(idOf), pages[pages.length - 2]!.items.map(idOf), `previous from page ${pages.length}`);
      const again = await pager.next();
      assert.deepEqual(again.items.map(idOf), pages[pages.length - 1]!.items.map(idOf), `next again to page ${pages.length}`);
      assert.equal(pager.pageNumber, pages.length);
    }
  }
  const ids = pages.flatMap(p => p.items.map(idOf));
  return { pages, ids };
}

function assertExactlyOnce(ids: readonly string[], expected: readonly string[], label: string): void {
  const seen = new Map<string, number>();
  for (const id of ids) { seen.set(id, (seen.get(id) ?? 0) + 1); }
  const duplicates = [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  assert.deepEqual(duplicates, [], `${label}: items read twice`);
  const missing = expected.filter(id => !seen.has(id));
  assert.deepEqual(missing.slice(0, 10), [], `${label}: ${missing.length} items never read`);
  assert.equal(ids.length, expected.length, label);
}

const allIds = fixtureItems().map(idOf);
const pIds = allIds.filter(id => id.startsWith('p'));

for (const [serverName, start] of [['dynalite', startDynalite], ['DynamoDB Local', startDynamoDbLocal]] as const) {
  describe(`item paging on ${serverName}`, () => {
    let server: LocalServer;
    before(async () => {
      server = await start();
      const client = server.client();
      await createIndexedTable(client, TABLE);
      await putAll(client, TABLE, fixtureItems());
    });
    after(async () => { await server?.stop(); });

    const cases: [string, () => ItemRequest, readonly string[]][] = [
      ['Scan of the table', () => ({ target: TABLE_TARGET(TABLE), mode: 'scan', pageSize: 100 }), allIds],
      ['Query on the table', () => ({ target: TABLE_TARGET(TABLE), mode: 'query', pageSize: 100, partitionKey: { name: 'pk', type: 'S', value: 'P' } }), pIds],
      ['Query on a GSI', () => ({ target: GSI_TARGET(TABLE), mode: 'query', pageSize: 100, partitionKey: { name: 'g', type: 'S', value: 'G' } }), pIds],
      ['Query on an LSI', () => ({ target: LSI_TARGET(TABLE), mode: 'query', pageSize: 100, partitionKey: { name: 'pk', type: 'S', value: 'P' }, consistentRead: true }), pIds],
      ['Scan of a GSI', () => ({ target: GSI_TARGET(TABLE), mode: 'scan', pageSize: 100 }), allIds],
    ];
    for (const [label, request, expected] of cases) {
      it(`${label}: 100 per page, every item exactly once, previous pages as read before`, async () => {
        const pager = new Pager(server.client(), request());
        const { pages, ids } = await walk(pager);
        assertExactlyOnce(ids, expected, label);
        assert.ok(pages.length >= Math.ceil(expected.length / 100), `${pages.length} pages`);
        for (const [i, page] of pages.entries()) {
          assert.ok(page.items.length <= 100, `page ${i + 1} has ${page.items.length} items`);
          assert.equal(page.count, page.items.length);
          if (page.lastEvaluatedKey) { assert.equal(page.items.length, 100, `page ${i + 1} is full unless it is the last`); }
        }
        assert.ok(pages[1]!.items.length === 100, 'page 2 is read in full');
      });
    }

    it('Query on the LSI returns items in LSI sort key order, descending when asked', async () => {
      const request: ItemRequest = { target: LSI_TARGET(TABLE), mode: 'query', pageSize: 100, partitionKey: { name: 'pk', type: 'S', value: 'P' }, sortKey: { name: 'ls', type: 'S', operator: 'begins_with', value: 'l00' }, descending: true };
      const { ids, pages } = await walk(new Pager(server.client(), request));
      const ls = pages.flatMap(p => p.items.map(item => (item.ls as { S: string }).S));
      assert.equal(ids.length, 1000, 'l00000..l00999');
      assert.deepEqual(ls, [...ls].sort().reverse());
    });

    it('a filter that drops 9 of 10 items: pages fill to 100 over several requests, each item once', async () => {
      for (const [label, target, key, expected] of [
        ['Scan', TABLE_TARGET(TABLE), undefined, allIds.filter((_, i) => i < IN_P ? i % 10 === 0 : (i - IN_P) % 10 === 0)],
        ['GSI Query', GSI_TARGET(TABLE), { name: 'g', type: 'S' as const, value: 'G' }, pIds.filter((_, i) => i % 10 === 0)],
      ] as const) {
        const request: ItemRequest = {
          target, mode: key ? 'query' : 'scan', pageSize: 100, ...(key ? { partitionKey: key } : {}),
          filters: [{ path: 'even', operator: '=', value: { type: 'BOOL', text: 'true' } }],
        };
        const progress: PageProgress[] = [];
        const pager = new Pager(server.client(), request);
        const pages = [await pager.first({ onProgress: p => progress.push(p) })];
        while (pager.hasNext) { pages.push(await pager.next({ onProgress: p => progress.push(p) })); }
        const ids = pages.flatMap(p => p.items.map(idOf));
        assertExactlyOnce(ids, expected, label);
        assert.equal(pages[0]!.items.length, 100, `${label}: first page full`);
        assert.ok(pages[0]!.requests > 5, `${label}: the first page needed ${pages[0]!.requests} requests`);
        assert.ok(pages[0]!.scannedCount > 500, `${label}: scanned ${pages[0]!.scannedCount}`);
        assert.ok(progress.length > 5 && progress.every(p => p.count < 100), `${label}: progress reported while filling`);
        for (const page of pages) { assert.ok(page.items.length <= 100); }
        const back = await pager.previous();
        assert.deepEqual(back.items.map(idOf), pages[pages.length - 2]!.items.map(idOf), `${label}: previous page`);
      }
    });

    it('stop returns the items found so far and the pages still cover every item once', async () => {
      const request: ItemRequest = { target: TABLE_TARGET(TABLE), mode: 'scan', pageSize: 100, filters: [{ path: 'even', operator: '=', value: { type: 'BOOL', text: 'true' } }] };
      const stop = new AbortController();
      stop.abort();
      const ids: string[] = [];
      let start: JsonItem | undefined;
      let stoppedPages = 0;
      do {
        const page = await fetchPage(server.client(), request, start, { stop: stop.signal });
        if (page.stopped) { stoppedPages++; assert.equal(page.requests, 1); }
        ids.push(...page.items.map(idOf));
        start = page.lastEvaluatedKey;
      } while (start);
      assert.ok(stoppedPages > 10, `${stoppedPages} stopped pages`);
      assertExactlyOnce(ids, allIds.filter((_, i) => i < IN_P ? i % 10 === 0 : (i - IN_P) % 10 === 0), 'stopped scan');
    });

    it('cancel rejects with the abort reason and leaves the pager on its page', async () => {
      const pager = new Pager(server.client(), { target: TABLE_TARGET(TABLE), mode: 'scan', pageSize: 100, filters: [{ path: 'even', operator: '=', value: { type: 'BOOL', text: 'true' } }] });
      const first = await pager.first();
      const cancel = new AbortController();
      const pending = pager.next({ signal: cancel.signal, onProgress: () => cancel.abort() });
      await assert.rejects(pending, (e: Error) => e.name === 'AbortError');
      assert.equal(pager.pageNumber, 1);
      assert.deepEqual(pager.page!.items.map(idOf), first.items.map(idOf));
      const aborted = new AbortController();
      aborted.abort();
      await assert.rejects(fetchPage(server.client(), pager.request, undefined, { signal: aborted.signal }), (e: Error) => e.name === 'AbortError');
    });

    it('a new pager resumes at page 3 from the start keys of the old one, and goes back the same way', async () => {
      const request: ItemRequest = { target: GSI_TARGET(TABLE), mode: 'query', pageSize: 100, partitionKey: { name: 'g', type: 'S', value: 'G' } };
      const old = new Pager(server.client(), request);
      const pages = [await old.first(), await old.next(), await old.next()];
      const resumed = new Pager(server.client(), request);
      const page3 = await resumed.resume(old.startKeys);
      assert.equal(resumed.pageNumber, 3);
      assert.deepEqual(page3.items.map(idOf), pages[2]!.items.map(idOf));
      assert.deepEqual((await resumed.previous()).items.map(idOf), pages[1]!.items.map(idOf));
      assert.deepEqual((await resumed.previous()).items.map(idOf), pages[0]!.items.map(idOf));
      assert.equal(resumed.hasPrevious, false);
      await assert.rejects(new Pager(server.client(), request).resume([pages[0]!.lastEvaluatedKey]), /begin with the first page/);
    });

    it('a result of exactly two full pages ends on page 2, not on an empty page 3', async () => {
      // 100 items under pk Q: two pages of 50; the server's LastEvaluatedKey at a full Limit would say "more".
      for (const request of [
        { target: TABLE_TARGET(TABLE), mode: 'query', pageSize: 50, partitionKey: { name: 'pk', type: 'S', value: 'Q' } },
        { target: GSI_TARGET(TABLE), mode: 'query', pageSize: 50, partitionKey: { name: 'g', type: 'S', value: 'H' } },
      ] satisfies ItemRequest[]) {
        const pager = new Pager(server.client(), request);
        const first = await pager.first();
        assert.equal(first.items.length, 50);
        assert.equal(first.scannedCount, 50, 'the item read past the page is not counted for it');
        assert.ok(pager.hasNext);
        const second = await pager.next();
        assert.equal(second.items.length, 50);
        assert.equal(pager.hasNext, false, `${request.target.index ?? 'table'}: page 2 is the last`);
        assert.deepEqual([...first.items, ...second.items].map(idOf).sort(), allIds.filter(id => id.startsWith('q')).sort());
      }
    });

    it('reports consumed capacity and counts', async () => {
      const page = await fetchPage(server.client(), { target: TABLE_TARGET(TABLE), mode: 'query', pageSize: 10, partitionKey: { name: 'pk', type: 'S', value: 'Q' }, consistentRead: true }, undefined);
      assert.equal(page.count, 10);
      assert.equal(page.scannedCount, 10);
      assert.ok(typeof page.consumedCapacity === 'number' && page.consumedCapacity > 0, `capacity ${page.consumedCapacity}`);
    });
  });
}
