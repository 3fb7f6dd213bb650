/**
 * The e-commerce fixture is what the parser reads: its YAML config says what its TableSpec and
 * ECOMMERCE_DESIGN say, and its table is the one examples/ecommerce.* declare (the e2e and UI
 * tests open those, the unit tests use the fixture).
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { shapeOfSpec } from '../../../src/design/view';
import { analyze } from '../../../src/language/service';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ECOMMERCE_DESIGN, ecommerceConfigYaml, ecommerceTable, withoutPointers } from '../../support/ecommerceDesign';
import { repoRoot } from '../../support/paths';

describe('e-commerce fixture', () => {
  it('the component YAML validates clean and has the shape of the TableSpec, with and without GSI1', () => {
    const full = analyze(ecommerceConfigYaml(), { uri: 'shop.yaml' })!;
    // "List orders by date" takes its between bounds as parameters ({from}, {to} line up with
    // Order's GSI1SK "ORDER#{createdAt}": bounds on createdAt), as the code generators make them
    // arguments and the pattern runner fills them from the samples' createdAt.
    assert.deepEqual(full.findings.filter(f => f.severity !== 'hint').map(f => f.message), []);
    assert.deepEqual(shapeOfSpec(full.tables[0]!), shapeOfSpec(ecommerceTable()));
    const without = analyze(ecommerceConfigYaml({ withoutGsi1: true }), { uri: 'shop.yaml' })!;
    assert.ok(without.findings.some(f => f.code === 'pattern-needs-scan' && f.message.includes('List orders by date')), 'without GSI1, "List orders by date" needs a Scan');
    assert.deepEqual(shapeOfSpec(without.tables[0]!).indexes.map(i => i.name), ['GSI2']);
  });

  it('the parser reads ECOMMERCE_DESIGN back from the fixture\'s YAML', () => {
    const full = analyze(ecommerceConfigYaml(), { uri: 'shop.yaml' })!;
    assert.deepEqual(withoutPointers(full.design), withoutPointers(ECOMMERCE_DESIGN));
  });

  it('has the table examples/ecommerce.toml and ecommerce.component.yaml declare', () => {
    for (const name of ['ecommerce.toml', 'ecommerce.component.yaml']) {
      const example = analyze(readFileSync(join(repoRoot(), 'examples', name), 'utf8'), { uri: name })!;
      assert.deepEqual(shapeOfSpec(example.tables[0]!), shapeOfSpec(ecommerceTable()), name);
    }
  });
});
