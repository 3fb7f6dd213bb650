/** The design exported as Markdown for a review: every section, the figures of the view, cells that cannot break a table. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { designMarkdown } from '../../../src/design/markdown';
import { designView, shapeOfSpec } from '../../../src/design/view';
import type { DesignSpec } from '../../../src/model/design';
import { parseTemplate } from '../../../src/model/design';
import { ECOMMERCE_DESIGN, ecommerceTable } from '../../support/ecommerceDesign';

const table = shapeOfSpec(ecommerceTable({ billing: 'PROVISIONED' }));
const md = designMarkdown(designView(table, ECOMMERCE_DESIGN), { source: 'shop.yaml' });
const lines = md.split('\n');

describe('design Markdown export', () => {
  it('has the table, entity map, facets, patterns, assumptions and samples in that order', () => {
    const headings = lines.filter(l => l.startsWith('#'));
    assert.deepEqual(headings.slice(0, 4), ['# Design of my-service-table', '## Table and indexes', '## Entity map', '## Facets']);
    const order = ['## Entity map', '## Facets', '### GSI GSI1', '## Access patterns', '### How the figures are made', '## Sample items'].map(h => lines.indexOf(h));
    assert.ok(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!)), order.join(','));
    assert.ok(md.includes('From `shop.yaml`.'));
    assert.ok(md.includes('Billing: provisioned (10 read / 5 write capacity units). 5 entities, 9 access patterns.'));
  });

  it('writes the entity map like the skill\'s table, one key column per key attribute', () => {
    assert.ok(lines.includes('| Entity | PK | SK | GSI1PK | GSI1SK | GSI2PK | GSI2SK | Other attributes | Item size |'));
    const order = lines.find(l => l.startsWith('| Order |'))!;
    assert.equal(order, '| Order | `USER#{userId}` | `ORDER#{orderId}` | `USER#{userId}` | `ORDER#{createdAt}` | – | – | userId: S, orderId: S, createdAt: S, status: S, total: N | 239 bytes (estimated) |');
  });

  it('writes each pattern with what serves it and its units per call', () => {
    const byDate = lines.find(l => l.startsWith('| List orders by date |'))!;
    assert.match(byDate, /\| query \| `GSI1PK = "USER#\{userId\}" AND GSI1SK BETWEEN "ORDER#\{from\}" AND "ORDER#\{to\}"` \| GSI1 \(GSI\) \| Order \| 10 \| 0\.5 eventual \| – \|/);
    const create = lines.find(l => l.startsWith('| Create order |'))!;
    assert.match(create, /\| my-service-table \(table\) \| Order \| 1 \| – \| 1 \+ 1 index \|/);
    assert.ok(md.includes('- Reads: one read unit reads up to 4 KB strongly consistent'));
  });

  it('marks a pattern that needs a Scan', () => {
    const without = { ...table, indexes: table.indexes.filter(i => i.name !== 'GSI1') };
    const text = designMarkdown(designView(without, ECOMMERCE_DESIGN));
    assert.match(text.split('\n').find(l => l.startsWith('| List orders by date |'))!, /\| \*\*Scan\*\* \|/);
  });

  it('escapes pipes and line breaks in names and values so a row stays one row', () => {
    const design: DesignSpec = {
      entities: [{ ...ECOMMERCE_DESIGN.entities[4]!, name: 'Pro|duct\nX', keys: { PK: parseTemplate('P|{productId}', ''), SK: parseTemplate('DETAILS', '') } }],
      patterns: [],
    };
    const text = designMarkdown(designView(table, design));
    const row = text.split('\n').find(l => l.startsWith('| Pro'))!;
    assert.ok(row.startsWith('| Pro\\|duct X | `P\\|{productId}` | `DETAILS` |'), row);
    assert.ok(text.includes('No access patterns are declared for this table.'));
  });
});
