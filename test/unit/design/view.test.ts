/** The design view's model on the skill's e-commerce design: entity map, facets, serving index, costs, samples. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { AccessPatternSpec, DesignSpec, EntitySpec } from '../../../src/model/design';
import { parseTemplate } from '../../../src/model/design';
import type { IndexShape, TableShape } from '../../../src/model/designView';
import { generateSamples } from '../../../src/design/samples';
import { designView, itemSize, SAMPLES_SHOWN, servesQuery, shapeOfLive, shapeOfSpec } from '../../../src/design/view';
import { ECOMMERCE_DESIGN, ecommerceTable } from '../../support/ecommerceDesign';

const table = shapeOfSpec(ecommerceTable());
const view = designView(table, ECOMMERCE_DESIGN);
const row = (name: string) => view.patterns.find(p => p.name === name)!;

function withoutIndex(shape: TableShape, name: string): TableShape {
  return { ...shape, indexes: shape.indexes.filter(i => i.name !== name) };
}

describe('design view: entity map', () => {
  it('lists every entity with its key templates under the table and index key columns', () => {
    assert.deepEqual(view.keyColumns, ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK']);
    assert.deepEqual(view.entities.map(e => e.name), ['User', 'User Email', 'Order', 'Order Item', 'Product']);
    const order = view.entities.find(e => e.name === 'Order')!;
    assert.deepEqual(order.keys, { PK: 'USER#{userId}', SK: 'ORDER#{orderId}', GSI1PK: 'USER#{userId}', GSI1SK: 'ORDER#{createdAt}' });
    assert.deepEqual(view.entities.find(e => e.name === 'Product')!.attributes.find(a => a.name === 'description'), { name: 'description', type: 'S', required: false });
  });

  it('estimates an item size from attribute names and typical values, or takes itemSizeBytes', () => {
    // User: PK 2+5+20, SK 2+7, GSI2PK 6+6+20, GSI2SK 6+5+20, userId 6+20, name 4+20, email 5+20, status 6+20, createdAt 9+20.
    assert.equal(view.entities[0]!.itemSizeBytes, 229);
    assert.equal(view.entities[0]!.sizeEstimated, true);
    const given: EntitySpec = { ...ECOMMERCE_DESIGN.entities[0]!, itemSizeBytes: 9000 };
    assert.equal(itemSize(given), 9000);
  });
});

describe('design view: facets', () => {
  it('puts an entity in an index only when it has all the index key attributes', () => {
    const [base, gsi1, gsi2] = view.facets;
    assert.equal(base!.index.kind, 'table');
    assert.equal(base!.entities.length, 5);
    assert.deepEqual(gsi1!.entities.map(e => e.entity), ['Order']);
    assert.deepEqual(gsi1!.entities[0]!.keys, { GSI1PK: 'USER#{userId}', GSI1SK: 'ORDER#{createdAt}' });
    assert.deepEqual(gsi2!.entities.map(e => e.entity), ['User']);
    assert.deepEqual(gsi2!.missing.find(m => m.entity === 'Order'), { entity: 'Order', lacks: ['GSI2PK', 'GSI2SK'] });
  });

  it('stores in an INCLUDE index only the keys and the included attributes', () => {
    const user = view.facets[2]!.entities[0]!;
    // PK 27 + SK 9 + GSI2PK 32 + GSI2SK 31 + name 24 + email 25 + status 26.
    assert.equal(user.projectedSizeBytes, 174);
  });

  it('marks an entity sparse in an index keyed on an optional attribute', () => {
    const shape: TableShape = { ...table, indexes: [...table.indexes, { name: 'ByDescription', kind: 'GSI', hash: ['description'], range: [], projection: 'KEYS_ONLY', nonKeyAttributes: [] }] };
    const facet = designView(shape, ECOMMERCE_DESIGN).facets.find(f => f.index.name === 'ByDescription')!;
    assert.deepEqual(facet.entities.map(e => [e.entity, e.sparse]), [['Product', true]]);
  });
});

describe('design view: access patterns', () => {
  it('serves gets from the table key and queries from the index whose keys the condition uses', () => {
    assert.equal(row('Get user').servedBy, 'my-service-table');
    assert.equal(row('Get user').servedKind, 'table');
    assert.equal(row('List orders for a user').servedBy, 'my-service-table');
    assert.equal(row('List orders by date').servedBy, 'GSI1');
    assert.equal(row('Find user by email').servedBy, 'GSI2');
    // In the words of the hover (serve.ts's describeServing).
    assert.equal(row('List orders for a user').how, 'Query on the table with PK = "USER#{userId}" AND begins_with(SK, "ORDER#")');
    assert.equal(row('Get user').how, 'GetItem on the table with PK = "USER#{userId}" AND SK = "PROFILE"');
    assert.equal(row('List orders for a user').condition, 'PK = "USER#{userId}" AND begins_with(SK, "ORDER#")');
  });

  it('serves a put without a key condition (its item gives the keys) by PutItem on the table, as serve.ts and the runner do', () => {
    const put: AccessPatternSpec = { ...ECOMMERCE_DESIGN.patterns.find(p => p.name === 'Create order')!, keyCondition: [] };
    const p = designView(table, { entities: ECOMMERCE_DESIGN.entities, patterns: [put] }).patterns[0]!;
    assert.deepEqual([p.servedBy, p.servedKind, p.how], ['my-service-table', 'table', 'PutItem on the table']);
  });

  it('says Scan when no key serves the condition: without GSI1, "List orders by date" needs a Scan', () => {
    const without = designView(withoutIndex(table, 'GSI1'), ECOMMERCE_DESIGN);
    const p = without.patterns.find(x => x.name === 'List orders by date')!;
    assert.equal(p.servedBy, 'Scan');
    assert.equal(p.servedKind, 'scan');
    assert.ok(p.notes.some(n => n.includes('no index GSI1')), p.notes.join(' '));
    // A scan reads every item of the table: 5 entities x 10 items.
    assert.equal(p.cost.items, 50);
  });

  it('finds the entities a pattern returns from its key condition when it does not name them', () => {
    const design: DesignSpec = { entities: ECOMMERCE_DESIGN.entities, patterns: ECOMMERCE_DESIGN.patterns.map(({ entities: _e, ...p }) => p as AccessPatternSpec) };
    const v = designView(table, design);
    assert.deepEqual(v.patterns.find(p => p.name === 'List orders for a user')!.entities, ['Order']);
    assert.deepEqual(v.patterns.find(p => p.name === 'Get user')!.entities, ['User']);
    assert.deepEqual(v.patterns.find(p => p.name === 'List items of an order')!.entities, ['Order Item']);
  });

  it('costs reads in 4 KB units (eventual half, none strong on a GSI) and writes in 1 KB units plus index writes', () => {
    assert.deepEqual(row('Get user').cost, { readEventual: 0.5, readStrong: 1, write: 0, indexWrite: 0, bytes: 229, items: 1 });
    // 10 orders of 239 bytes read by one query: 2,390 bytes, one 4 KB unit.
    assert.deepEqual(row('List orders for a user').cost, { readEventual: 0.5, readStrong: 1, write: 0, indexWrite: 0, bytes: 2390, items: 10 });
    // GSI2 stores 174 bytes of a user; a GSI reads eventually consistent only.
    assert.deepEqual(row('Find user by email').cost, { readEventual: 0.5, write: 0, indexWrite: 0, bytes: 1740, items: 10 });
    // An order (239 bytes) written to the table and to GSI1, not GSI2 (it lacks GSI2PK).
    assert.deepEqual(row('Create order').cost, { readEventual: 0, write: 1, indexWrite: 1, bytes: 239, items: 1 });
  });

  it('rounds up the sum of a query\'s items to the next 4 KB, and an item\'s size to the next 1 KB', () => {
    const big: EntitySpec = { ...ECOMMERCE_DESIGN.entities[2]!, itemSizeBytes: 1500, sampleCount: 7 };
    const design: DesignSpec = { entities: [big], patterns: ECOMMERCE_DESIGN.patterns.filter(p => p.name === 'List orders for a user' || p.name === 'Create order') };
    const v = designView(table, design);
    // 7 x 1,500 = 10,500 bytes: 3 units of 4 KB.
    assert.deepEqual(v.patterns[0]!.cost, { readEventual: 1.5, readStrong: 3, write: 0, indexWrite: 0, bytes: 10500, items: 7 });
    assert.equal(v.patterns[1]!.cost.write, 2);
    assert.equal(v.patterns[1]!.cost.indexWrite, 2);
  });

  it('notes an index that does not project what the pattern reads', () => {
    const design: DesignSpec = { entities: ECOMMERCE_DESIGN.entities, patterns: [{ ...ECOMMERCE_DESIGN.patterns[6]!, reads: ['name', 'createdAt'] }] };
    assert.deepEqual(designView(table, design).patterns[0]!.notes, ['GSI2 does not project createdAt: each item must be read again from the table.']);
  });

  it('serves a multi-attribute GSI key only with equality on every partition key attribute', () => {
    const index: IndexShape = { name: 'Multi', kind: 'GSI', hash: ['tenant', 'region'], range: ['day', 'hour'], projection: 'ALL', nonKeyAttributes: [] };
    const c = (attribute: string, operator: '=' | '<' | 'begins_with') => ({ attribute, operator, values: [parseTemplate('x', '')], pointer: '' });
    assert.equal(servesQuery(index, [c('tenant', '=')]), false);
    assert.equal(servesQuery(index, [c('tenant', '='), c('region', '=')]), true);
    assert.equal(servesQuery(index, [c('tenant', '='), c('region', '='), c('day', '='), c('hour', '<')]), true);
    assert.equal(servesQuery(index, [c('tenant', '='), c('region', '='), c('day', '<'), c('hour', '=')]), false);
    assert.equal(servesQuery(index, [c('tenant', '='), c('region', '='), c('hour', '<')]), false);
    assert.equal(servesQuery(index, [c('tenant', '='), c('region', '='), c('other', '=')]), false);
  });
});

describe('design view: samples and live tables', () => {
  it('shows sample items per table and index, filled from the templates: the pattern runner\'s first items of each entity', () => {
    const base = view.samples[0]!;
    assert.deepEqual(base.columns.slice(0, 7), ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'userId']);
    const at = (values: readonly string[], column: string): string => values[base.columns.indexOf(column)]!;
    const user = base.rows.find(r => r.entity === 'User')!;
    assert.equal(at(user.values, 'PK'), `USER#${at(user.values, 'userId')}`);
    assert.equal(at(user.values, 'SK'), 'PROFILE');
    // The same items, in the same order, as the runner writes (samples.ts, from the config's TableSpec).
    const runner = generateSamples(ECOMMERCE_DESIGN, [ecommerceTable()]);
    const expected = ECOMMERCE_DESIGN.entities.flatMap(e => runner.filter(x => x.entity === e.name).slice(0, SAMPLES_SHOWN));
    assert.deepEqual(base.rows.map(r => [r.entity, at(r.values, 'PK'), at(r.values, 'SK')]), expected.map(x => [x.entity, x.item.PK, x.item.SK]));
    const gsi2 = view.samples[2]!;
    assert.deepEqual(gsi2.columns, ['GSI2PK', 'GSI2SK', 'PK', 'SK', 'name', 'email', 'status']);
    assert.deepEqual(new Set(gsi2.rows.map(r => r.entity)), new Set(['User']));
    for (const r of gsi2.rows) { assert.equal(r.values[0], `EMAIL#${r.values[5]}`); }
    assert.deepEqual(new Set(view.samples[1]!.rows.map(r => r.entity)), new Set(['Order']));
  });

  it('leaves out of a sparse index the sample items without its key attributes', () => {
    const shape: TableShape = { ...table, indexes: [...table.indexes, { name: 'ByDescription', kind: 'GSI', hash: ['description'], range: [], projection: 'KEYS_ONLY', nonKeyAttributes: [] }] };
    const v = designView(shape, ECOMMERCE_DESIGN);
    const products = v.samples[0]!.rows.filter(r => r.entity === 'Product');
    const described = products.filter(r => r.values[v.samples[0]!.columns.indexOf('description')] !== '');
    assert.ok(described.length < products.length, 'some products have no description');
    assert.equal(v.samples.find(g => g.name === 'ByDescription')!.rows.length, described.length);
  });

  it('shows a live table without entities as the facets of its indexes only', () => {
    const live = shapeOfLive({
      name: 'orders', status: 'ACTIVE', attributes: { pk: 'S', sk: 'N', g: 'S' }, billingMode: 'PROVISIONED', throughput: { read: 5, write: 3 },
      keySchema: [{ name: 'pk', keyType: 'HASH' }, { name: 'sk', keyType: 'RANGE' }],
      globalSecondaryIndexes: [{ kind: 'GSI', name: 'byG', keySchema: [{ name: 'g', keyType: 'HASH' }], projectionType: 'KEYS_ONLY', nonKeyAttributes: [] }],
      localSecondaryIndexes: [], stream: { enabled: false }, sse: { enabled: false }, tableClass: 'STANDARD', deletionProtection: false,
      ttl: { state: 'unknown', reason: 'x' }, tags: { state: 'unknown', reason: 'x' }, pointInTimeRecovery: { state: 'unknown', reason: 'x' },
    });
    const v = designView(live, { entities: [], patterns: [] });
    assert.deepEqual(v.facets.map(f => [f.index.name, f.index.hash, f.index.range, f.entities.length]), [['orders', ['pk'], ['sk'], 0], ['byG', ['g'], [], 0]]);
    assert.deepEqual(v.table.throughput, { read: 5, write: 3 });
    assert.deepEqual(v.samples, []);
  });
});
