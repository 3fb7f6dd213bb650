import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { ItemQuery } from '../../../webview/protocol';
import { addToHistory, formatSavedQuery, HISTORY_LIMIT, parseSavedQuery, queryWords, validHistory } from '../../../src/items/savedQuery';
import type { HistoryEntry } from '../../../src/items/savedQuery';

const query: ItemQuery = {
  mode: 'query', index: 'byStatus', pageSize: 25, descending: true,
  partitionKey: { name: 'status', type: 'S', value: 'paid' },
  sortKey: { name: 'at', type: 'N', operator: 'between', value: '1', value2: '9' },
  filters: [{ path: 'total', operator: '>', value: { type: 'N', text: '10' } }],
};
const partiql: ItemQuery = { mode: 'partiql', pageSize: 100, filters: [], statement: 'SELECT * FROM "orders" WHERE pk = ?', parameters: [{ S: 'USER#1' }] };

describe('saved query files', () => {
  it('round-trip a query and a PartiQL statement exactly, with no connection in the file', () => {
    for (const q of [query, partiql, { mode: 'scan' as const, pageSize: 100, filters: [] }]) {
      const text = formatSavedQuery({ table: 'orders', query: q });
      assert.deepEqual(parseSavedQuery(text), { table: 'orders', query: q });
      assert.doesNotMatch(text, /connection|profile|endpoint|region|secret|token/i);
      assert.ok(text.endsWith('}\n'));
    }
  });
  it('say what is wrong with a broken file', () => {
    assert.throws(() => parseSavedQuery('{'), /not valid JSON/);
    assert.throws(() => parseSavedQuery('[]'), /JSON object/);
    assert.throws(() => parseSavedQuery('{"table": "t", "kind": "scan"}'), /"dynamodbQuery" must be 1/);
    assert.throws(() => parseSavedQuery('{"dynamodbQuery": 1, "kind": "scan"}'), /"table"/);
    assert.throws(() => parseSavedQuery('{"dynamodbQuery": 1, "table": "t", "kind": "get"}'), /"kind"/);
    assert.throws(() => parseSavedQuery('{"dynamodbQuery": 1, "table": "t", "kind": "query"}'), /partitionKey/);
    assert.throws(() => parseSavedQuery('{"dynamodbQuery": 1, "table": "t", "kind": "partiql"}'), /statement/);
    assert.throws(() => parseSavedQuery('{"dynamodbQuery": 1, "table": "t", "kind": "scan", "pageSize": 0}'), /pageSize/);
  });
});

describe('query history', () => {
  const entry = (n: number, q: ItemQuery = { mode: 'scan', pageSize: n, filters: [] }): HistoryEntry => ({
    at: new Date(n * 1000).toISOString(), target: { connectionId: 'local', connectionLabel: 'Local', region: 'us-east-1', tableName: 't' }, query: q,
  });
  it('keeps the newest first, a repeated run once, at most 100', () => {
    let list: HistoryEntry[] = [];
    for (let i = 1; i <= 120; i++) { list = addToHistory(list, entry(i)); }
    assert.equal(list.length, HISTORY_LIMIT);
    assert.equal(list[0]!.query.pageSize, 120);
    list = addToHistory(list, entry(130, list[5]!.query));
    assert.equal(list.length, HISTORY_LIMIT);
    assert.equal(list[0]!.at, new Date(130000).toISOString());
    assert.equal(list.filter(e => e.query.pageSize === list[0]!.query.pageSize).length, 1);
  });
  it('drops stored entries that no longer validate', () => {
    assert.deepEqual(validHistory([entry(1), { at: 1 }, null, { ...entry(2), query: { mode: 'bad' } }]), [entry(1)]);
    assert.deepEqual(validHistory('x'), []);
  });
  it('words a query briefly', () => {
    assert.equal(queryWords(query), 'Query on byStatus status = "paid" and at between "1" and "9", 1 filter');
    assert.equal(queryWords(partiql), 'SELECT * FROM "orders" WHERE pk = ?');
    assert.equal(queryWords({ mode: 'scan', pageSize: 1, filters: [] }), 'Scan');
  });
});
