/**
 * Rule semantics beyond one mutation per rule: silence on values the schema reports, the
 * dialect differences, cross-table rules, advice switches, key style of fixes, and the
 * (dialect, required key) pairs the rules own.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { TableSpec } from '../../../src/model/spec';
import { analyze } from '../../../src/language/service';
import type { Rule } from '../../../src/language/types';
import { RULES, ruleApplies, ruleById, ruleOwnedRequired, ruleOwnsRequired } from '../../../src/language/rules/catalogue';
import { dialectOf } from '../../../src/language/dialects/registry';
import { nameWords, unmanagedKeys } from '../../../src/language/rules/advice';
import { repoRoot } from '../../support/paths';
import { bad, context, ok, table } from './build';
import { applyEdits, example, findings, fixesFor, mutate } from './harness';

function rule(id: string): Rule {
  const r = ruleById(id);
  assert.ok(r, id);
  return r;
}

function check(id: string, t: TableSpec, tables: readonly TableSpec[] = [t], invalid: readonly string[] = []): string[] {
  return rule(id).check(t, context(t.dialect, tables, { invalid })).map(f => `${f.pointer} ${f.target}`);
}

describe('rules on TableSpec', () => {
  it('duplicate-table marks the later table of the same name and region only', () => {
    const region = ok('eu-west-1', '/region');
    const a = table('genesys', '/resources/dynamodb/0', { region });
    const b = table('genesys', '/resources/dynamodb/1', { region });
    assert.deepEqual(check('duplicate-table', a, [a, b]), []);
    assert.deepEqual(check('duplicate-table', b, [a, b]), ['/resources/dynamodb/1/tableName value']);
    const elsewhere = table('genesys', '/resources/dynamodb/1', { region: ok('us-east-1', '/resources/dynamodb/1/region') });
    assert.deepEqual(check('duplicate-table', elsewhere, [a, elsewhere]), []);
  });

  it('stays silent on values the schema reports (invalid fields and invalid pointers)', () => {
    const base = table('planton', '/spec', { billingMode: ok('PROVISIONED', '/spec/billingMode') });
    const tp = (read: TableSpec['throughput']) => ({ ...base, throughput: read });
    // read is not a number: the schema says so; write is fine: nothing for the rule to say.
    const invalidRead = tp({ read: bad(-1, '/spec/pt/read'), write: ok(5, '/spec/pt/write'), pointer: '/spec/pt' });
    assert.deepEqual(check('provisioned-throughput-required', invalidRead), []);
    // the same read value, valid as a number but reported by the schema (e.g. a range error)
    const reported = tp({ read: ok(0, '/spec/pt/read'), write: ok(5, '/spec/pt/write'), pointer: '/spec/pt' });
    assert.deepEqual(check('provisioned-throughput-required', reported), ['/spec/pt/read value']);
    assert.deepEqual(check('provisioned-throughput-required', reported, [reported], ['/spec/pt/read']), []);
    // a billing mode outside the enum: no billing-mode-required, no throughput rules
    const enumBad = table('planton', '/spec', { billingMode: bad('ON_DEMAND', '/spec/billingMode') });
    for (const id of ['billing-mode-required', 'provisioned-throughput-required', 'throughput-without-provisioned', 'gsi-throughput-matches-billing']) {
      assert.deepEqual(check(id, enumBad), [], id);
    }
  });

  it('component: a missing billingMode is PROVISIONED, so provisioned-throughput-required speaks', () => {
    const t = table('component', '/components/0/config', { billingMode: undefined });
    assert.equal(ruleApplies(rule('billing-mode-required'), dialectOf('component')), false);
    assert.deepEqual(check('provisioned-throughput-required', t), ['/components/0/config key']);
    const planton = table('planton', '/spec', { billingMode: undefined });
    assert.deepEqual(check('provisioned-throughput-required', planton), []);
    assert.deepEqual(check('billing-mode-required', planton), ['/spec key']);
  });

  it('low-cardinality-partition-key fires when the name suggests few values', () => {
    const named = (n: string) => table('component', '/c', {
      keySchema: [{ name: ok(n, '/c/k/0/n'), keyType: ok('HASH', '/c/k/0/t'), pointer: '/c/k/0' }],
    });
    for (const n of ['status', 'orderStatus', 'order_type', 'Country', 'createdDate', 'isActive', 'GENDER']) {
      assert.deepEqual(check('low-cardinality-partition-key', named(n)), ['/c/k/0/n value'], n);
    }
    for (const n of ['id', 'customer_id', 'orderId', 'updatedAt', 'statement', 'typeface', 'email']) {
      assert.deepEqual(check('low-cardinality-partition-key', named(n)), [], n);
    }
    assert.deepEqual(nameWords('HTTPStatusCode'), ['http', 'status', 'code']);
  });

  it('pitr-disabled reads Environment / env / stage tags meaning production', () => {
    const tagged = (key: string, value: string, pitr?: boolean) => table('planton', '/spec', {
      tags: [{ key, value: ok(value, `/spec/tags/${key}`), pointer: `/spec/tags/${key}` }],
      pointInTimeRecovery: pitr === undefined ? undefined : ok(pitr, '/spec/pitr'),
    });
    assert.deepEqual(check('pitr-disabled', tagged('Stage', 'Production')), ['/spec key']);
    assert.deepEqual(check('pitr-disabled', tagged('env', 'prod', false)), ['/spec/pitr value']);
    assert.deepEqual(check('pitr-disabled', tagged('env', 'prod', true)), []);
    assert.deepEqual(check('pitr-disabled', tagged('Environment', 'staging', false)), []);
    assert.deepEqual(check('pitr-disabled', tagged('Owner', 'production', false)), []);
  });

  it('advice rules are hints, the others errors', () => {
    const hints = RULES.filter(r => r.severity === 'hint').map(r => r.id).sort();
    assert.deepEqual(hints, ['low-cardinality-partition-key', 'not-applied', 'pitr-disabled']);
    assert.ok(RULES.filter(r => r.severity !== 'hint').every(r => r.severity === 'error'));
  });
});

describe('rules through analyze()', () => {
  it('a value outside its enum gets enum-value alone', () => {
    const component = mutate(example('component'), [['billingMode: PAY_PER_REQUEST ', 'billingMode: on-demand ']]);
    assert.deepEqual(findings(component, 'component').map(f => f.code), ['enum-value']);
    const genesys = mutate(example('genesys'), [['billing_mode = "PROVISIONED"', 'billing_mode = "ON_DEMAND"']]);
    assert.deepEqual(findings(genesys, 'genesys').map(f => f.code), ['enum-value']);
    const keyType = mutate(example('planton'), [['keyType: KEY_TYPE_RANGE', 'keyType: RANGE']]);
    assert.deepEqual(findings(keyType, 'planton').map(f => f.code), ['enum-value']);
  });

  it('advice off: no hints', () => {
    const text = mutate(example('component'), [['pointInTimeRecoveryEnabled: true', 'pointInTimeRecoveryEnabled: false'], ['owner: telemetry', 'env: prod']]);
    assert.deepEqual(analyze(text, { forcedDialect: 'component', advice: false })?.findings.map(f => f.code), []);
    assert.deepEqual(analyze(text, { forcedDialect: 'component', advice: true })?.findings.map(f => f.code), ['pitr-disabled']);
  });

  it('planton written with proto snake_case names gets snake_case fixes', () => {
    const [head, spec] = example('planton').split('\nspec:\n');
    const snake = head + '\nspec:\n' + spec
      .replace(/^(\s*(?:- )?)([a-z]+(?:[A-Z][a-z]*)+):/gm, (_, lead: string, key: string) => lead + key.replace(/[A-Z]/g, c => '_' + c.toLowerCase()) + ':');
    assert.deepEqual(findings(snake, 'planton').map(f => f.code), [], 'the snake_case example is clean');
    const broken = mutate(snake, [['  billing_mode: BILLING_MODE_PROVISIONED\n', '']]);
    const [f] = findings(broken, 'planton');
    assert.equal(f.code, 'billing-mode-required');
    const preferred = fixesFor(f).find(x => x.preferred);
    assert.ok(preferred);
    const fixed = applyEdits(broken, preferred.edits);
    assert.match(fixed, /^ {2}billing_mode: BILLING_MODE_PROVISIONED$/m);
    assert.deepEqual(findings(fixed, 'planton').map(x => x.code), []);
  });

  it('one undefined key attribute used twice: one preferred definition (fix-all adds it once)', () => {
    const text = mutate(example('planton'), [
      ['    - name: isbn\n      type: ATTRIBUTE_TYPE_S\n', ''],
      ['  ttl:\n', '  localSecondaryIndexes:\n    - name: by-isbn-too\n      keySchema:\n        - attributeName: memberId\n          keyType: KEY_TYPE_HASH\n        - attributeName: isbn\n          keyType: KEY_TYPE_RANGE\n      projection:\n        type: PROJECTION_TYPE_ALL\n  ttl:\n'],
    ]);
    const found = findings(text, 'planton').filter(f => f.code === 'key-attribute-undefined');
    assert.equal(found.length, 2);
    assert.equal(found.filter(f => fixesFor(f).some(x => x.preferred)).length, 1);
  });
});

describe('ruleOwnedRequired', () => {
  it('names the required keys rules report, per dialect', () => {
    assert.ok(ruleOwnsRequired('genesys', 'billing_mode'));
    assert.ok(ruleOwnsRequired('planton', 'billingMode'));
    assert.ok(ruleOwnsRequired('planton', 'billing_mode'));
    assert.ok(!ruleOwnsRequired('component', 'billingMode'), 'component: missing billingMode is PROVISIONED');
    assert.ok(ruleOwnsRequired('component', 'keySchema'));
    for (const r of ruleOwnedRequired()) { assert.ok(ruleById(r.rule), r.rule); }
    // The list derived from the vocabularies: exactly the keys each dialect's rules report missing.
    const keys = (dialect: string): string[] => ruleOwnedRequired().filter(r => r.dialect === dialect).map(r => r.key).sort();
    assert.deepEqual(keys('genesys'), [
      'billing_mode', 'hash_key_name', 'hash_key_type', 'non_key_attributes', 'range_key_name', 'range_key_type',
      'read_capacity_units', 'stream_view_type', 'ttl_attribute_name', 'write_capacity_units',
    ]);
    assert.deepEqual(keys('component'), [
      'attributeDefinitions', 'attributeName', 'keySchema', 'nonKeyAttributes', 'provisionedThroughput', 'readCapacityUnits',
      'streamViewType', 'writeCapacityUnits',
    ]);
    assert.equal(keys('planton').length, 18);
  });

  it('the schema does not also report them: a missing key gets the rule finding alone', () => {
    const cases: [ 'genesys' | 'planton' | 'component', string, string][] = [
      ['genesys', 'billing_mode = "PAY_PER_REQUEST"      # or "PROVISIONED"\n', 'billing-mode-required'],
      ['planton', '  billingMode: BILLING_MODE_PROVISIONED\n', 'billing-mode-required'],
      ['component', '      keySchema:\n        - attributeName: deviceId\n          keyType: HASH\n        - attributeName: readAt\n          keyType: RANGE\n', 'key-schema-shape'],
    ];
    for (const [dialect, line, code] of cases) {
      const codes = findings(mutate(example(dialect), [[line, '']]), dialect).map(f => f.code);
      assert.ok(codes.includes(code), `${dialect}: ${codes.join(', ')}`);
      assert.ok(!codes.includes('required'), `${dialect}: ${codes.join(', ')}`);
    }
  });
});

describe('rules on a file with a syntax error', () => {
  it('drop "missing" findings (the part may be past the error) and keep the others', () => {
    // The genesys invoices table is cut by a broken line before its keys: its billing mode, keys
    // and throughput are unreadable, not missing. The carts table name before the error is bad.
    const text = mutate(example('genesys'), [
      ['name = "carts"', 'name = "my carts!"'],
      ['name = "invoices"\n', 'name = "invoices"\nthis line = = is broken\n'],
    ]);
    const codes = findings(text, 'genesys').map(f => f.code);
    assert.ok(codes.includes('syntax'), codes.join(', '));
    assert.ok(codes.includes('table-name'), codes.join(', '));
    for (const absent of ['billing-mode-required', 'key-schema-shape', 'provisioned-throughput-required', 'gsi-throughput-matches-billing']) {
      assert.ok(!codes.includes(absent), `${absent} in ${codes.join(', ')}`);
    }
  });

  it('the same table without the syntax error does report what is missing', () => {
    const text = mutate(example('genesys'), [['billing_mode = "PROVISIONED"\n', '']]);
    assert.deepEqual(findings(text, 'genesys').map(f => f.code), ['billing-mode-required']);
    const broken = mutate(text, [['name = "carts"\n', 'name = "carts"\nthis line = = is broken\n']]);
    assert.ok(!findings(broken, 'genesys').some(f => f.code === 'billing-mode-required'));
  });
});

describe('not-applied keys', () => {
  it('are exactly the table keys each dialect schema documents as "Not managed by preview/apply"', () => {
    for (const dialect of ['genesys', 'planton', 'component'] as const) {
      const schema = JSON.parse(readFileSync(join(repoRoot(), 'schemas', `${dialect}.schema.json`), 'utf8')) as unknown;
      const documented = new Set<string>();
      const walk = (node: unknown): void => {
        if (node === null || typeof node !== 'object') { return; }
        const props = (node as { properties?: Record<string, { description?: string }> }).properties;
        for (const [key, value] of Object.entries(props ?? {})) {
          if (/not managed by preview\/apply/i.test(value.description ?? '')) { documented.add(key); }
        }
        for (const child of Object.values(node)) { walk(child); }
      };
      walk(schema);
      assert.deepEqual(new Set(unmanagedKeys(dialect).map(u => u.key)), documented, dialect);
    }
  });
});
