/** The e-commerce fixture's YAML config says what its TableSpec says (the e2e and UI tests use the YAML, the unit tests the spec). */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { shapeOfSpec } from '../../../src/design/view';
import { analyze } from '../../../src/language/service';
import { ecommerceConfigYaml, ecommerceTable } from '../../support/ecommerceDesign';

describe('e-commerce fixture', () => {
  it('the component YAML validates clean and has the shape of the TableSpec, with and without GSI1', () => {
    const full = analyze(ecommerceConfigYaml(), { uri: 'shop.yaml' })!;
    assert.deepEqual(full.findings.filter(f => f.severity !== 'hint').map(f => f.message), []);
    assert.deepEqual(shapeOfSpec(full.tables[0]!), shapeOfSpec(ecommerceTable()));
    const without = analyze(ecommerceConfigYaml({ withoutGsi1: true }), { uri: 'shop.yaml' })!;
    assert.deepEqual(without.findings.filter(f => f.severity !== 'hint').map(f => f.message), []);
    assert.deepEqual(shapeOfSpec(without.tables[0]!).indexes.map(i => i.name), ['GSI2']);
  });
});
