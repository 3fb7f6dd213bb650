/**
 * The design (entities and access patterns) through the language service: the skill's e-commerce
 * design validates clean in all three dialects; without GSI1, "List orders by date" needs a Scan,
 * and the quick-fix restores a GSI that serves it; the planton sidecar; hover on a pattern; key
 * templates; sample items.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseTemplate } from '../../../src/model/design';
import type { DesignSpec, KeyOperator } from '../../../src/model/design';
import { alignBound, boundParameters, boundValues } from '../../../src/design/bounds';
import { checkDesign } from '../../../src/design/checks';
import { codeModel } from '../../../src/design/codegen/model';
import { shapeOfSpec } from '../../../src/design/view';
import { ECOMMERCE_DESIGN, ecommerceTable } from '../../support/ecommerceDesign';
import { generateSamples } from '../../../src/design/samples';
import { canCollide, canSatisfy } from '../../../src/design/templates';
import { analyze, fixesOf, hoverIn } from '../../../src/language/service';
import { applyEdits } from '../../../src/language/edits';
import { repoRoot } from '../../support/paths';
import { checkCase, fuzz } from '../../fuzz/mutate';

const examples = join(repoRoot(), 'examples');
const read = (name: string): string => readFileSync(join(examples, name), 'utf8');
const MANIFEST = read('ecommerce.planton.yaml');
const SIDECAR = 'ecommerce.planton.design.yaml';

function once(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  assert.ok(at >= 0 && text.indexOf(from, at + 1) < 0, `once: ${from}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

const WITHOUT_GSI1 = {
  'ecommerce.toml': (t: string) => once(t, '[[resources.dynamodb.global_secondary_indexes]]\nname = "GSI1"                             # orders by date\nhash_key_name = "GSI1PK"\nhash_key_type = "S"\nrange_key_name = "GSI1SK"\nrange_key_type = "S"\nprojection_type = "ALL"\n\n', ''),
  'ecommerce.component.yaml': (t: string) => once(once(t, '        - { attributeName: GSI1PK, attributeType: S }\n        - { attributeName: GSI1SK, attributeType: S }\n', ''),
    '        - indexName: GSI1                 # orders by date\n          keySchema:\n            - { attributeName: GSI1PK, keyType: HASH }\n            - { attributeName: GSI1SK, keyType: RANGE }\n          projection:\n            projectionType: ALL\n', ''),
};

describe('the e-commerce design', () => {
  for (const name of ['ecommerce.toml', 'ecommerce.component.yaml']) {
    it(`${name} validates clean (advice on), with 5 entities and 8 patterns`, () => {
      const a = analyze(read(name), { uri: name });
      assert.ok(a);
      assert.deepEqual(a.findings.map(f => `${f.code} ${f.message}`), []);
      assert.deepEqual(a.design?.entities.map(e => e.name), ['User', 'User Email', 'Order', 'Order Item', 'Product']);
      assert.equal(a.design?.patterns.length, 8);
    });
  }

  it('the planton manifest validates clean, and its sidecar too (read with the manifest)', () => {
    assert.deepEqual(analyze(MANIFEST, { uri: 'ecommerce.planton.yaml' })?.findings, []);
    const a = analyze(read(SIDECAR), { uri: SIDECAR, companion: MANIFEST });
    assert.ok(a);
    assert.deepEqual(a.findings.map(f => `${f.code} ${f.message}`), []);
    assert.deepEqual(a.tables, [], 'a sidecar holds no table of its own (preview and apply are the manifest\'s)');
    assert.equal(a.designTables?.[0].name?.value, 'my-service-table');
    assert.equal(a.design?.patterns.length, 8);
  });

  for (const [name, strip] of Object.entries(WITHOUT_GSI1)) {
    it(`${name} without GSI1: "List orders by date" needs a Scan; the quick-fix adds a GSI that serves it`, () => {
      const broken = strip(read(name));
      const a = analyze(broken, { uri: name });
      assert.ok(a);
      assert.deepEqual(a.findings.map(f => f.code), ['pattern-needs-scan']);
      const f = a.findings[0];
      assert.equal(f.message, 'Pattern "List orders by date" needs a Scan: the table has no index GSI1.');
      const [fix, ...more] = fixesOf(a, f);
      assert.deepEqual(more, []);
      assert.equal(fix.title, 'Add GSI GSI1 (GSI1PK HASH, GSI1SK RANGE) for "List orders by date"');
      const fixed = applyEdits(broken, fix.edits);
      const after = analyze(fixed, { uri: name });
      assert.deepEqual(after?.findings.map(x => `${x.code} ${x.message}`), []);
      const gsi1 = after?.tables[0].globalSecondaryIndexes.find(i => i.name.value === 'GSI1');
      assert.deepEqual(gsi1?.keySchema.map(k => [k.name.value, k.keyType.value]), [['GSI1PK', 'HASH'], ['GSI1SK', 'RANGE']]);
      assert.equal(gsi1?.projection?.type?.value, 'ALL');
    });
  }

  for (const [name, billing] of [['ecommerce.toml', ['billing_mode = "PAY_PER_REQUEST"', 'billing_mode = "PROVISIONED"\nread_capacity_units = 7\nwrite_capacity_units = 3']],
    ['ecommerce.component.yaml', ['billingMode: PAY_PER_REQUEST', 'billingMode: PROVISIONED\n      provisionedThroughput: { readCapacityUnits: 7, writeCapacityUnits: 3 }']]] as const) {
    it(`${name}, PROVISIONED, without GSI1: the GSI the fix adds has the table's units (no new error)`, () => {
      let text = once(WITHOUT_GSI1[name](read(name)), billing[0], billing[1]);
      // The other index needs units too.
      text = name.endsWith('.toml')
        ? once(text, 'non_key_attributes = ["name", "email", "status"]\n', 'non_key_attributes = ["name", "email", "status"]\nread_capacity_units = 1\nwrite_capacity_units = 1\n')
        : once(text, '            nonKeyAttributes: [name, email, status]\n', '            nonKeyAttributes: [name, email, status]\n          provisionedThroughput: { readCapacityUnits: 1, writeCapacityUnits: 1 }\n');
      const a = analyze(text, { uri: name })!;
      assert.deepEqual(a.findings.map(f => f.code), ['pattern-needs-scan']);
      const fixed = applyEdits(text, fixesOf(a, a.findings[0])[0].edits);
      const after = analyze(fixed, { uri: name })!;
      assert.deepEqual(after.findings.map(f => `${f.code} ${f.message}`), []);
      const gsi1 = after.tables[0].globalSecondaryIndexes.find(i => i.name.value === 'GSI1');
      assert.deepEqual([gsi1?.throughput?.read?.value, gsi1?.throughput?.write?.value], [7, 3]);
    });
  }

  it('the sidecar without GSI1 in its manifest: "List orders by date" needs a Scan, marked in the sidecar', () => {
    const manifest = once(MANIFEST, '    - name: GSI1                          # orders by date\n      keySchema:\n        - { attributeName: GSI1PK, keyType: KEY_TYPE_HASH }\n        - { attributeName: GSI1SK, keyType: KEY_TYPE_RANGE }\n      projection:\n        type: PROJECTION_TYPE_ALL\n', '');
    const text = read(SIDECAR);
    const a = analyze(text, { uri: SIDECAR, companion: manifest });
    const scan = a?.findings.filter(f => f.code === 'pattern-needs-scan') ?? [];
    assert.equal(scan.length, 1);
    const lines = text.split('\n');
    assert.equal(lines[scan[0].range.start.line].slice(scan[0].range.start.character, scan[0].range.end.character), 'GSI1');
    assert.deepEqual(fixesOf(a!, scan[0]), [], 'the GSI goes into the manifest, another file: no edit offered here');
  });

  it('a sidecar with no manifest beside it says so; a YAML file that is neither is not ours', () => {
    const a = analyze(read(SIDECAR), { uri: SIDECAR });
    assert.deepEqual(a?.findings.map(f => f.code), ['design-table-unknown']);
    assert.match(a!.findings[0].message, /No AwsDynamodb manifest beside this design sidecar/);
    assert.equal(analyze('name: x\n', { uri: 'notes.design.yaml' }), undefined);
  });

  it('hover on a pattern says which index serves it and how', () => {
    const text = read('ecommerce.toml');
    const a = analyze(text, { uri: 'ecommerce.toml' });
    const at = text.indexOf('"List orders by date"') + 3;
    const h = hoverIn(a!, at);
    const value = (h?.contents as { value: string }).value;
    assert.match(value, /^\*\*List orders by date\*\*: Query on GSI GSI1 with GSI1PK = "USER#\{userId\}" AND begins_with\(GSI1SK, "ORDER#"\)/);
    assert.match(value, /Index GSI1: GSI1PK \/ GSI1SK, projection ALL\./);
    const broken = WITHOUT_GSI1['ecommerce.toml'](text);
    const b = analyze(broken, { uri: 'ecommerce.toml' });
    const hb = hoverIn(b!, broken.indexOf('"List orders by date"') + 3);
    assert.match((hb?.contents as { value: string }).value, /Query on the missing index GSI1[\s\S]*it would need a Scan/);
    // Other keys of a pattern keep the schema's words.
    const op = hoverIn(a!, text.indexOf('operation = "query"\nindex = "GSI1"') + 2);
    assert.match((op?.contents as { value: string }).value, /GetItem by the full primary key|The call it makes/);
    const sidecar = read(SIDECAR);
    const s = analyze(sidecar, { uri: SIDECAR, companion: MANIFEST });
    const hs = hoverIn(s!, sidecar.indexOf('Get product by ID') + 2);
    assert.match((hs?.contents as { value: string }).value, /GetItem on the table with PK = "PRODUCT#\{productId\}" AND SK = "DETAILS"/);
  });
});

describe('key templates', () => {
  const t = (s: string) => parseTemplate(s, '');
  it('collide when literal prefixes allow one string from both', () => {
    assert.equal(canCollide(t('USER#{userId}'), t('USER#{id}')), true);
    assert.equal(canCollide(t('USER#{userId}'), t('ORDER#{orderId}')), false);
    assert.equal(canCollide(t('PROFILE'), t('PROFILE')), true);
    assert.equal(canCollide(t('PROFILE'), t('DETAILS')), false);
    assert.equal(canCollide(t('ORDER#{a}'), t('ORDER#{b}#ITEM')), true, 'a value may hold #');
    assert.equal(canCollide(t('{a}#X'), t('{b}#Y')), false);
    assert.equal(canCollide(t('{a}'), t('')), false, 'a placeholder is never empty');
  });
  it('say whether an entity can satisfy a condition', () => {
    assert.equal(canSatisfy(t('ORDER#{createdAt}'), 'begins_with', [t('ORDER#')]), true);
    assert.equal(canSatisfy(t('USER#{userId}'), 'begins_with', [t('ORDER#')]), false);
    assert.equal(canSatisfy(t('USER#{userId}'), '=', [t('ORDER#{orderId}')]), false);
    assert.equal(canSatisfy(t('USER#{userId}'), '<', [t('A')]), true);
  });
});

describe('range bounds as call parameters', () => {
  const t = (s: string) => parseTemplate(s, '');
  const fixture = (operator: KeyOperator, ...values: string[]): DesignSpec => ({
    entities: ECOMMERCE_DESIGN.entities,
    patterns: ECOMMERCE_DESIGN.patterns.map(p => (p.name !== 'List orders by date' ? p : {
      ...p, keyCondition: [p.keyCondition[0]!, { ...p.keyCondition[1]!, operator, values: values.map((v, i) => parseTemplate(v, `${p.keyCondition[1]!.pointer}/values/${i}`)) }],
    })),
  });
  const messages = (design: DesignSpec) => checkDesign(design, [ecommerceTable()]).filter(f => f.severity !== 'hint').map(f => f.message);

  it('line up with a template when the literal text around the placeholder is the same (the bound may stop early)', () => {
    assert.deepEqual(alignBound(t('ORDER#{from}'), t('ORDER#{createdAt}')), new Map([['from', 'createdAt']]));
    assert.deepEqual(alignBound(t('ORDER#{from}'), t('ORDER#{createdAt}#{orderId}')), new Map([['from', 'createdAt']]));
    assert.deepEqual(alignBound(t('USER#{userId}#ORDER#{to}'), t('USER#{userId}#ORDER#{createdAt}')), new Map([['userId', 'userId'], ['to', 'createdAt']]));
    assert.deepEqual(alignBound(t('ORDER#{from}#'), t('ORDER#{createdAt}#X{orderId}')), new Map([['from', 'createdAt']]), 'the last literal may stop early');
    assert.equal(alignBound(t('DATE#{from}'), t('ORDER#{createdAt}')), undefined);
    assert.equal(alignBound(t('ORDER#{from}X'), t('ORDER#{createdAt}#')), undefined);
    assert.equal(alignBound(t('ORDER#{from}#{to}'), t('ORDER#{createdAt}')), undefined, 'longer than the template');
    assert.equal(alignBound(t('{from}'), t('ORDER#{createdAt}')), undefined);
  });

  it('are no error for between, <, <=, >, >= and begins_with when they line up', () => {
    assert.deepEqual(messages(ECOMMERCE_DESIGN), []);
    for (const op of ['<', '<=', '>', '>=', 'begins_with'] as const) { assert.deepEqual(messages(fixture(op, 'ORDER#{to}')), [], op); }
    assert.deepEqual(messages(fixture('between', 'ORDER#{from}', 'ORDER#{to}')), []);
    const toml = once(read('ecommerce.toml'), 'GSI1SK = { begins_with = "ORDER#" }', 'GSI1SK = { between = ["ORDER#{from}", "ORDER#{to}"] }');
    assert.deepEqual(analyze(toml, { uri: 'ecommerce.toml' })?.findings.map(f => `${f.code} ${f.message}`), []);
  });

  it('that line up with nothing are reported with the template they should match', () => {
    assert.deepEqual(messages(fixture('between', 'ORDER#{from}', 'DATE#{to}')), [
      'Pattern "List orders by date" bounds GSI1SK with "DATE#{to}", but {to} is no attribute and does not line up with the GSI1SK template Order\'s "ORDER#{createdAt}": '
        + 'a range bound is a parameter of the call when it keeps the template\'s literal text around its placeholder ("ORDER#{to}" bounds createdAt).',
    ]);
    const f = checkDesign(fixture('>', '{since}'), [ecommerceTable()]).find(x => x.code === 'template-placeholder-undefined');
    assert.equal(f?.pointer, '/patterns/3/keyCondition/1/values/0');
    assert.match(f!.message, /bounds GSI1SK with "\{since\}", but \{since\} is no attribute and does not line up with the GSI1SK template Order's "ORDER#\{createdAt\}"/);
  });

  it('an equality is no bound: its placeholder must still be an attribute', () => {
    const design: DesignSpec = { ...ECOMMERCE_DESIGN, patterns: [{ ...ECOMMERCE_DESIGN.patterns[2]!, keyCondition: [ECOMMERCE_DESIGN.patterns[2]!.keyCondition[0]!, { attribute: 'SK', operator: '=', values: [t('ORDER#{from}')], pointer: '/x' }] }] };
    assert.deepEqual(messages(design), ['Pattern "List orders for a user" names {from}, which no attribute of Order defines: it cannot be filled in.']);
  });

  it('are filled from the samples: the lowest and highest value of the attribute among the items the pattern targets', () => {
    const samples = generateSamples(ECOMMERCE_DESIGN, [ecommerceTable()], { seed: 7 });
    const pattern = ECOMMERCE_DESIGN.patterns[3]!;
    const order = ECOMMERCE_DESIGN.entities.find(e => e.name === 'Order')!;
    const bounds = boundParameters(pattern, [order]);
    assert.deepEqual(bounds.map(b => [b.placeholder, b.aligned.map(a => a.attribute)]), [['from', ['createdAt']], ['to', ['createdAt']]]);
    const orders = samples.filter(s => s.entity === 'Order');
    const ordersOf = (u: unknown) => orders.filter(s => s.item.userId === u);
    const userId = orders.map(s => s.item.userId).reduce((a, b) => (ordersOf(b).length > ordersOf(a).length ? b : a));
    const dates = ordersOf(userId).map(s => String(s.item.createdAt)).sort();
    const all = orders.map(s => String(s.item.createdAt)).sort();
    assert.ok(dates[0] !== all[0] || dates[dates.length - 1] !== all[all.length - 1], 'the user\'s range is narrower than all orders\' (the test tells them apart)');
    assert.ok(dates.length > 1, 'a user with several orders');
    const values = boundValues(pattern, bounds, { userId }, samples, (_a, text) => text);
    assert.deepEqual(values, { from: dates[0], to: dates[dates.length - 1] });
    const upper = fixture('<=', 'ORDER#{to}').patterns[3]!;
    assert.deepEqual(boundValues(upper, boundParameters(upper, [order]), { userId }, samples, (_a, text) => text), { to: dates[dates.length - 1] });
  });

  it('the code generators type a bound like the attribute it bounds', () => {
    const counted: DesignSpec = {
      entities: [{ ...ECOMMERCE_DESIGN.entities[2]!, keys: { ...ECOMMERCE_DESIGN.entities[2]!.keys, GSI1SK: t('{total}') } }],
      patterns: [{ ...ECOMMERCE_DESIGN.patterns[3]!, keyCondition: [ECOMMERCE_DESIGN.patterns[3]!.keyCondition[0]!, { attribute: 'GSI1SK', operator: '>=', values: [t('{least}')], pointer: '' }] }],
    };
    const model = codeModel(shapeOfSpec(ecommerceTable()), counted);
    assert.deepEqual(model.patterns[0]!.parameters.map(p => [p.name, p.type]), [['userId', 'S'], ['least', 'N']]);
  });
});

describe('sample items', () => {
  const a = analyze(read('ecommerce.toml'), { uri: 'ecommerce.toml' })!;
  it('are deterministic for a seed, counted per entity (configurable), with their keys filled', () => {
    const one = generateSamples(a.design!, a.tables, { seed: 3 });
    assert.deepEqual(generateSamples(a.design!, a.tables, { seed: 3 }), one);
    assert.notDeepEqual(generateSamples(a.design!, a.tables, { seed: 4 }), one);
    const count = (e: string, s = one) => s.filter(x => x.entity === e).length;
    assert.deepEqual(['User', 'User Email', 'Order', 'Order Item', 'Product'].map(e => count(e)), [5, 5, 12, 20, 6]);
    const more = generateSamples(a.design!, a.tables, { seed: 3, counts: { Order: 40 } });
    assert.equal(count('Order', more), 40);
    const order = one.find(x => x.entity === 'Order')!.item;
    assert.equal(order.PK, `USER#${String(order.userId)}`);
    assert.equal(order.GSI1SK, `ORDER#${String(order.createdAt)}`);
    const users = new Set(one.filter(x => x.entity === 'User').map(x => x.item.userId));
    assert.ok(one.filter(x => x.entity === 'Order').every(x => users.has(x.item.userId)), 'an order\'s userId is a user\'s');
  });
});

describe('design fuzz (seeded)', () => {
  it('300 mutations of the e-commerce designs: no exception, every range inside the document', () => {
    const designs = ['ecommerce.toml', 'ecommerce.component.yaml'].map(name => ({ name, text: read(name) }));
    assert.deepEqual(fuzz(designs, 300, 11), []);
  });
  it('odd designs do not throw: an entity with no keys, a template of braces, a condition of two operators', () => {
    const odd = read('ecommerce.toml')
      .replace('keys = { PK = "PRODUCT#{productId}", SK = "DETAILS" }', 'keys = {}')
      .replace('SK = "ITEM#{itemId}" }', 'SK = "{}{{x}}#{" }')
      .replace('SK = { begins_with = "ITEM#" }', 'SK = { begins_with = "ITEM#", lt = "Z" }');
    assert.deepEqual(checkCase('odd.toml', odd, { cursor: true }), []);
    const a = analyze(odd, { uri: 'odd.toml' });
    assert.ok(a?.findings.some(f => f.code === 'entity-key-missing'));
  });
});
