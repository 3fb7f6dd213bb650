import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { SERVER_LIMITATIONS, limitationOf, limitationsOfStep } from '../../../src/plan/steps';
import { plan } from '../../../src/plan/plan';
import { liveOf, specOf, type SimpleTable } from '../plan/builder';
import { DEMO_TABLES, Random, demoItems, seedLine, startOfUtcDay } from '../../../src/dynamo/seed';

const NOW = 1767225600;

describe('the seed log line', () => {
  it('says what was done, never "existing, 0 items, the table already has items"', () => {
    assert.equal(seedLine({ name: 'carts', created: true, itemsWritten: 300 }), 'carts (created, 300 items written)');
    assert.equal(seedLine({ name: 'carts', created: false, itemsWritten: 0, skipped: 'the table already has items' }),
      'carts (already there; no items written: the table already has items)');
    assert.equal(seedLine({ name: 'carts', created: false, itemsWritten: 120 }), 'carts (already there, 120 items written)');
  });
});

describe('demo items', () => {
  it('mirror the example tables', () => {
    assert.deepEqual(DEMO_TABLES.map(t => [t.create.TableName, t.source]), [
      ['carts', 'examples/genesys.toml'], ['invoices', 'examples/genesys.toml'], ['library-loans', 'examples/planton.yaml'], ['DeviceReadings', 'examples/component.yaml'],
    ]);
  });

  for (const table of DEMO_TABLES) {
    const name = table.create.TableName!;
    it(`${name}: deterministic, unique keys, key and index attributes typed as declared, TTL in the future`, () => {
      const items = demoItems(table, 500, 7, NOW);
      assert.deepEqual(demoItems(table, 500, 7, NOW), items, 'same seed and now, same items');
      assert.notDeepEqual(demoItems(table, 500, 8, NOW), items, 'another seed, other items');
      const keys = table.create.KeySchema!.map(k => k.AttributeName!);
      assert.equal(new Set(items.map(i => keys.map(k => String(i[k])).join('|'))).size, 500, 'primary keys are unique');
      for (const def of table.create.AttributeDefinitions!) {
        for (const item of items) {
          assert.equal(typeof item[def.AttributeName!], def.AttributeType === 'N' ? 'number' : 'string', `${def.AttributeName}`);
        }
      }
      if (table.ttlAttribute) {
        for (const item of items) { assert.ok(Number(item[table.ttlAttribute]) > NOW, `${table.ttlAttribute} after now`); }
      }
    });
  }

  it('invoices look plausible: statuses, currencies, due 30 days after issue, amounts with cents', () => {
    const items = demoItems(DEMO_TABLES[1], 300, 42, NOW);
    assert.ok(items.every(i => Number(i.issued_at) <= NOW));
    assert.deepEqual(new Set(items.map(i => i.status)), new Set(['draft', 'issued', 'paid', 'overdue', 'void']));
    assert.deepEqual(new Set(items.map(i => i.currency)), new Set(['EUR', 'USD', 'GBP', 'CHF']));
    assert.ok(items.every(i => Number(i.due_at) - Number(i.issued_at) === 30 * 86400));
    assert.ok(items.every(i => Number.isInteger(Math.round(Number(i.total) * 100)) && Number(i.total) >= 15 && Number(i.total) <= 4800));
  });

  it('Random is a repeatable uniform-ish generator; startOfUtcDay rounds down to midnight UTC', () => {
    const a = new Random(1);
    const b = new Random(1);
    const xs = Array.from({ length: 1000 }, () => a.next());
    assert.deepEqual(Array.from({ length: 1000 }, () => b.next()), xs);
    assert.ok(xs.every(x => x >= 0 && x < 1));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    assert.ok(mean > 0.45 && mean < 0.55, String(mean));
    assert.equal(startOfUtcDay(new Date('2026-03-04T17:30:00Z')), Date.parse('2026-03-04T00:00:00Z') / 1000);
  });
});

describe('local server limitations as data', () => {
  it('labels what dynalite lacks or ignores and what DynamoDB Local lacks', () => {
    assert.deepEqual(SERVER_LIMITATIONS.dynalite.map(l => [l.feature, l.support]), [
      ['ttl', 'unsupported'], ['pitr', 'unsupported'], ['stream', 'ignored'], ['gsi-update', 'ignored'],
      ['deletion-protection', 'ignored'], ['table-class', 'ignored'], ['sse', 'ignored'], ['item-count', 'fixed'], ['tags-on-create', 'ignored'],
    ]);
    assert.equal(limitationOf('dynamodb-local', 'tags')?.support, 'unsupported');
    assert.equal(limitationOf('dynamodb-local', 'stream'), undefined);
  });
});

describe('what a local server lacks or ignores of a plan step', () => {
  const table: SimpleTable = {
    name: 'orders', billingMode: 'PAY_PER_REQUEST', attributes: { pk: 'S', status: 'S' }, hash: 'pk',
    stream: { enabled: true, viewType: 'NEW_IMAGE' }, deletionProtection: true, tags: { team: 'a' }, ttl: { enabled: true, attributeName: 'exp' },
  };
  const features = (server: 'dynalite' | 'dynamodb-local', p: ReturnType<typeof plan>) => p.steps.map(s => limitationsOfStep(server, s).map(l => l.feature));

  it('a create on dynalite: stream, deletion protection and tags in CreateTable are ignored, TTL is unsupported', () => {
    const created = plan(specOf(table), undefined);
    assert.deepEqual(created.steps.map(s => s.kind), ['CreateTable', 'UpdateTimeToLive']);
    assert.deepEqual(features('dynalite', created), [['stream', 'deletion-protection', 'tags-on-create'], ['ttl']]);
    assert.deepEqual(features('dynamodb-local', created), [[], []], 'DynamoDB Local applies all of these at create');
    const plain = plan(specOf({ ...table, stream: { enabled: false }, deletionProtection: false, tags: {}, ttl: { enabled: false }, tableClass: 'STANDARD' }), undefined);
    assert.deepEqual(features('dynalite', plain), [[]], 'no stream, no protection, class STANDARD: what dynalite does anyway');
  });

  it('updates: a GSI created by UpdateTable is ignored by dynalite, tags set by TagResource work there but not on DynamoDB Local', () => {
    const live = liveOf({ ...table, tags: {} });
    const updated = plan(specOf({ ...table, gsis: [{ name: 'by-status', hash: 'status', projection: 'ALL' }], tags: { team: 'b' } }), live);
    const kinds = updated.steps.map(s => s.kind);
    assert.ok(kinds.includes('TagResource') && kinds.includes('UpdateTable'), kinds.join());
    const byKind = (server: 'dynalite' | 'dynamodb-local') => Object.fromEntries(updated.steps.map((s, i) => [s.kind, features(server, updated)[i]]));
    assert.deepEqual(byKind('dynalite').UpdateTable, ['gsi-update']);
    assert.deepEqual(byKind('dynalite').TagResource, []);
    assert.deepEqual(byKind('dynamodb-local').TagResource, ['tags']);
  });
});
