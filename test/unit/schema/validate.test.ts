import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Dialect } from '../../../src/model/spec';
import { closestEnumValue, closestKey, validateSchema } from '../../../src/language/schema';
import type { Finding, FixIntent } from '../../../src/language/types';
import { at, example, fixture } from './load';

type Shape = [code: string, pointer: string | undefined, target: 'key' | 'value'];
const shape = (findings: readonly Finding[]): Shape[] => findings.map(f => [f.code, f.pointer, f.target]);

/** Validates a mutated copy of the dialect's example and returns its findings. */
function mutated(dialect: Dialect, mutate: (value: Record<string, unknown>) => void): Finding[] {
  const value = example(dialect);
  mutate(value);
  return validateSchema(dialect, value);
}

function preferredChange(finding: Finding): FixIntent | undefined {
  return finding.fixes?.find(f => f.preferred)?.changes[0];
}

describe('validateSchema: the dialect examples', () => {
  for (const dialect of ['genesys', 'planton', 'component'] as const) {
    it(`${dialect} example has no schema findings`, () => {
      assert.deepEqual(validateSchema(dialect, example(dialect)), []);
    });
  }
});

describe('validateSchema: genesys', () => {
  const T = '/resources/dynamodb';
  it('required: a table without name is marked on the table entry key, with an insert fix', () => {
    const findings = mutated('genesys', v => { delete at(v, 'resources', 'dynamodb', 0).name; });
    assert.deepEqual(shape(findings), [['required', `${T}/0`, 'key']]);
    assert.match(findings[0].message, /missing the required key "name"/);
    const change = preferredChange(findings[0]);
    assert.deepEqual(change, { kind: 'insert', parent: `${T}/0`, key: 'name', value: 'orders', after: [] });
  });
  it('type: a quoted number gets `type` with a fix to the number', () => {
    const findings = mutated('genesys', v => { at(v, 'resources', 'dynamodb', 1).read_capacity_units = '8'; });
    assert.deepEqual(shape(findings), [['type', `${T}/1/read_capacity_units`, 'value']]);
    assert.equal(findings[0].message, 'read_capacity_units must be an integer, not "8"');
    assert.deepEqual(preferredChange(findings[0]), { kind: 'replace', pointer: `${T}/1/read_capacity_units`, value: 8 });
  });
  it('type: a boolean written as "yes" gets `type` without a guessed fix', () => {
    const findings = mutated('genesys', v => { at(v, 'resources', 'dynamodb', 0).enable_streams = 'yes'; });
    assert.deepEqual(shape(findings), [['type', `${T}/0/enable_streams`, 'value']]);
    assert.deepEqual(findings[0].fixes, []);
  });
  it('enum-value: ON_DEMAND, with the preferred fix PAY_PER_REQUEST and the message of the rule catalogue', () => {
    const findings = mutated('genesys', v => { at(v, 'resources', 'dynamodb', 0).billing_mode = 'ON_DEMAND'; });
    assert.deepEqual(shape(findings), [['enum-value', `${T}/0/billing_mode`, 'value']]);
    assert.equal(findings[0].message, 'billing_mode "ON_DEMAND" is not valid: use PAY_PER_REQUEST or PROVISIONED');
    assert.deepEqual(preferredChange(findings[0]), { kind: 'replace', pointer: `${T}/0/billing_mode`, value: 'PAY_PER_REQUEST' });
    assert.deepEqual(findings[0].fixes?.map(f => f.title), ['Change to PAY_PER_REQUEST', 'Change to PROVISIONED']);
  });
  it('enum-value in a GSI (prefix-aware: PROJECTION_TYPE_INCLUDE -> INCLUDE)', () => {
    const findings = mutated('genesys', v => { at(v, 'resources', 'dynamodb', 1, 'global_secondary_indexes', 0).projection_type = 'PROJECTION_TYPE_INCLUDE'; });
    assert.deepEqual(shape(findings), [['enum-value', `${T}/1/global_secondary_indexes/0/projection_type`, 'value']]);
    assert.equal((preferredChange(findings[0]) as { value: unknown }).value, 'INCLUDE');
  });
  it('unknown-key: a near miss is a warning on the key, with rename (preferred) and remove fixes', () => {
    const findings = mutated('genesys', v => {
      const table = at(v, 'resources', 'dynamodb', 0);
      table.billing_mod = table.billing_mode;
      delete table.billing_mode;
    });
    assert.deepEqual(shape(findings), [['unknown-key', `${T}/0/billing_mod`, 'key']]);
    assert.equal(findings[0].severity, 'warning');
    assert.match(findings[0].message, /did you mean "billing_mode"/);
    assert.deepEqual(findings[0].fixes?.map(f => [f.preferred === true, f.changes]), [
      [true, [{ kind: 'rename', pointer: `${T}/0/billing_mod`, newKey: 'billing_mode' }]],
      [false, [{ kind: 'delete', pointer: `${T}/0/billing_mod` }]],
    ]);
  });
  it('unknown-key: a key far from every known key gets only the remove fix', () => {
    const findings = mutated('genesys', v => { at(v, 'resources', 'dynamodb', 1, 'local_secondary_indexes', 0).autoscaling = true; });
    assert.deepEqual(shape(findings), [['unknown-key', `${T}/1/local_secondary_indexes/0/autoscaling`, 'key']]);
    assert.deepEqual(findings[0].fixes?.map(f => f.changes[0].kind), ['delete']);
  });
  it('range: an empty TTL attribute name, and a tag value over 256 characters', () => {
    const findings = mutated('genesys', v => {
      at(v, 'resources', 'dynamodb', 0).ttl_attribute_name = '';
      at(v, 'resources', 'dynamodb', 1, 'tags').Team = 'x'.repeat(257);
    });
    assert.deepEqual(shape(findings), [['range', `${T}/0/ttl_attribute_name`, 'value'], ['range', `${T}/1/tags/Team`, 'value']]);
    assert.match(findings[1].message, /at most 256/);
  });
  it('tag keys as DynamoDB limits them: not empty, at most 128 characters, no aws: prefix, at most 50 tags; marked on the key', () => {
    const findings = mutated('genesys', v => {
      const tags = at(v, 'resources', 'dynamodb', 1, 'tags');
      tags[''] = 'x';
      tags['k'.repeat(129)] = 'x';
      tags['AWS:owner'] = 'x';
      tags['k'.repeat(128)] = 'fits';
      tags['user:owner'] = 'fits';
    });
    assert.deepEqual(shape(findings), [
      ['range', `${T}/1/tags/`, 'key'], ['range', `${T}/1/tags/${'k'.repeat(129)}`, 'key'], ['pattern', `${T}/1/tags/AWS:owner`, 'key'],
    ]);
    assert.equal(findings[0].message, 'tags has an empty key: a key has at least 1 character');
    assert.match(findings[1].message, /^Key "k{40}…" of tags is too long \(129 characters\): must have at most 128$/);
    assert.equal(findings[2].message, 'Key "AWS:owner" of tags is not valid: must be a key that does not start with aws: (reserved for AWS)');
    assert.deepEqual(findings[2].fixes?.map(f => f.changes), [[{ kind: 'delete', pointer: `${T}/1/tags/AWS:owner` }]]);
    const many = mutated('genesys', v => {
      const tags = at(v, 'resources', 'dynamodb', 1, 'tags');
      for (let i = tags ? Object.keys(tags).length : 0; i < 51; i++) { tags[`t${i}`] = 'x'; }
    });
    assert.deepEqual(shape(many), [['range', `${T}/1/tags`, 'value']]);
    assert.equal(many[0].message, 'tags has 51 keys: must have at most 50');
    assert.deepEqual(mutated('genesys', v => {
      const tags = at(v, 'resources', 'dynamodb', 1, 'tags');
      for (let i = Object.keys(tags).length; i < 50; i++) { tags[`t${i}`] = 'x'; }
    }), []);
  });
  it('pattern: a region that is not a region code', () => {
    const findings = mutated('genesys', v => { v.region = 'eu west 1'; });
    assert.deepEqual(shape(findings), [['pattern', '/region', 'value']]);
    assert.equal(findings[0].message, 'region "eu west 1" is not valid: must be an AWS region code such as eu-west-1');
  });
});

describe('validateSchema: planton', () => {
  it('required: metadata without name; and several missing root keys make one finding', () => {
    assert.deepEqual(shape(mutated('planton', v => { delete at(v, 'metadata').name; })), [['required', '/metadata', 'key']]);
    const findings = mutated('planton', v => { delete v.kind; delete v.apiVersion; });
    assert.deepEqual(shape(findings), [['required', '', 'key']]);
    assert.match(findings[0].message, /"apiVersion" and "kind"/);
    assert.deepEqual(findings[0].fixes?.[0].changes, [
      { kind: 'insert', parent: '', key: 'apiVersion', value: 'aws.project-planton.org/v1', after: [] },
      { kind: 'insert', parent: '', key: 'kind', value: 'AwsDynamodb', after: ['apiVersion'] },
    ]);
  });
  it('type: streamEnabled "true" gets a fix to the boolean', () => {
    const findings = mutated('planton', v => { at(v, 'spec').streamEnabled = 'true'; });
    assert.deepEqual(shape(findings), [['type', '/spec/streamEnabled', 'value']]);
    assert.deepEqual(preferredChange(findings[0]), { kind: 'replace', pointer: '/spec/streamEnabled', value: true });
  });
  it('enum-value: a bare PAY_PER_REQUEST is fixed to BILLING_MODE_PAY_PER_REQUEST', () => {
    const findings = mutated('planton', v => { at(v, 'spec').billingMode = 'PAY_PER_REQUEST'; });
    assert.deepEqual(shape(findings), [['enum-value', '/spec/billingMode', 'value']]);
    assert.equal(findings[0].message, 'billingMode "PAY_PER_REQUEST" is not valid: use BILLING_MODE_PAY_PER_REQUEST or BILLING_MODE_PROVISIONED');
    assert.deepEqual(preferredChange(findings[0]), { kind: 'replace', pointer: '/spec/billingMode', value: 'BILLING_MODE_PAY_PER_REQUEST' });
  });
  it('enum-value in a snake_case alias and in a nested key schema', () => {
    const findings = mutated('planton', v => {
      const spec = at(v, 'spec');
      spec.stream_view_type = 'NEW_IMAGE';
      delete spec.streamViewType;
      at(v, 'spec', 'globalSecondaryIndexes', 0, 'keySchema', 0).keyType = 'HASH';
    });
    assert.deepEqual(shape(findings), [
      ['enum-value', '/spec/globalSecondaryIndexes/0/keySchema/0/keyType', 'value'],
      ['enum-value', '/spec/stream_view_type', 'value'],
    ].sort() as Shape[]);
  });
  it('unknown-key: tableNam -> did you mean tableName', () => {
    const findings = mutated('planton', v => { at(v, 'spec').tableNam = 'loans'; });
    assert.deepEqual(shape(findings), [['unknown-key', '/spec/tableNam', 'key']]);
    assert.deepEqual(preferredChange(findings[0]), { kind: 'rename', pointer: '/spec/tableNam', newKey: 'tableName' });
  });
  it('range: an empty attribute name', () => {
    const findings = mutated('planton', v => { at(v, 'spec', 'attributeDefinitions', 1).name = ''; });
    assert.deepEqual(shape(findings), [['range', '/spec/attributeDefinitions/1/name', 'value']]);
  });
  it('tag keys: the same limits in spec.tags', () => {
    assert.deepEqual(shape(mutated('planton', v => { at(v, 'spec').tags = { 'aws:cloudformation:stack-name': 'x', ok: 'y' }; })),
      [['pattern', '/spec/tags/aws:cloudformation:stack-name', 'key']]);
  });
  it('pattern: a KMS key that is not an ARN', () => {
    const findings = mutated('planton', v => { at(v, 'spec', 'serverSideEncryption').kmsKeyArn = 'my-key'; });
    assert.deepEqual(shape(findings), [['pattern', '/spec/serverSideEncryption/kmsKeyArn', 'value']]);
    assert.match(findings[0].message, /"my-key" is not valid: must be a KMS key ARN/);
  });
});

describe('validateSchema: component', () => {
  const C = '/components/0/config';
  it('required: a table component without config is marked on the component entry', () => {
    const findings = mutated('component', v => { delete at(v, 'components', 0).config; });
    assert.deepEqual(shape(findings), [['required', '/components/0', 'key']]);
    assert.deepEqual(preferredChange(findings[0]), { kind: 'insert', parent: '/components/0', key: 'config', value: {}, after: ['name', 'type'] });
  });
  it('type: pointInTimeRecoveryEnabled "yes"', () => {
    assert.deepEqual(shape(mutated('component', v => { at(v, 'components', 0, 'config').pointInTimeRecoveryEnabled = 'yes'; })),
      [['type', `${C}/pointInTimeRecoveryEnabled`, 'value']]);
  });
  it('enum-value: on-demand -> PAY_PER_REQUEST; AES256 -> KMS (ON_DEMAND itself is the dialect\'s documented alias)', () => {
    assert.deepEqual(mutated('component', v => { at(v, 'components', 0, 'config').billingMode = 'ON_DEMAND'; }), []);
    const findings = mutated('component', v => {
      at(v, 'components', 0, 'config').billingMode = 'on-demand';
      at(v, 'components', 0, 'config', 'sseSpecification').sseType = 'AES256';
    });
    assert.deepEqual(shape(findings), [['enum-value', `${C}/billingMode`, 'value'], ['enum-value', `${C}/sseSpecification/sseType`, 'value']]);
    assert.deepEqual(findings.map(f => (preferredChange(f) as { value: unknown }).value), ['PAY_PER_REQUEST', 'KMS']);
    assert.equal(findings[1].message, 'sseType "AES256" is not valid: use KMS');
  });
  it('unknown-key: tablename -> tableName (case), in the closed config', () => {
    const findings = mutated('component', v => {
      const config = at(v, 'components', 0, 'config');
      config.tablename = config.tableName;
      delete config.tableName;
    });
    assert.deepEqual(shape(findings), [['unknown-key', `${C}/tablename`, 'key']]);
    assert.deepEqual(preferredChange(findings[0]), { kind: 'rename', pointer: `${C}/tablename`, newKey: 'tableName' });
  });
  it('range: an empty TTL attribute name', () => {
    assert.deepEqual(shape(mutated('component', v => { at(v, 'components', 0, 'config', 'timeToLiveSpecification').attributeName = ''; })),
      [['range', `${C}/timeToLiveSpecification/attributeName`, 'value']]);
  });
  it('tag keys: the same limits in config.tags', () => {
    assert.deepEqual(shape(mutated('component', v => { at(v, 'components', 0, 'config', 'tags')[''] = 'x'; })),
      [['range', `${C}/tags/`, 'key']]);
  });
  it('pattern: a KMS master key id that is no key id, ARN or alias', () => {
    assert.deepEqual(shape(mutated('component', v => { at(v, 'components', 0, 'config', 'sseSpecification').kmsMasterKeyId = 'my key'; })),
      [['pattern', `${C}/sseSpecification/kmsMasterKeyId`, 'value']]);
  });
  it('components of other types are not checked; a table component is, wherever it sits', () => {
    assert.deepEqual(mutated('component', v => {
      at(v, 'components', 1, 'config').anything = { goes: [1, 2] };
      at(v, 'components', 1).extra = true;
      (v.components as unknown[]).push({ name: 'no-type', whatever: 1 });
    }), []);
    const findings = mutated('component', v => {
      (v.components as unknown[]).push({ name: 'second', type: 'dynamodb-table', config: { billingMode: 'ON-DEMAND' } });
    });
    assert.deepEqual(shape(findings), [['enum-value', '/components/2/config/billingMode', 'value']]);
  });
});

describe('validateSchema: one problem, one finding', () => {
  it('conditions a rule owns are left to the rule (table/index names, capacity, key schema size, limits)', () => {
    const findings = mutated('genesys', v => {
      at(v, 'resources', 'dynamodb', 0).name = 'a b';
      at(v, 'resources', 'dynamodb', 1).read_capacity_units = 0;
      at(v, 'resources', 'dynamodb', 1, 'global_secondary_indexes', 0).name = 'x';
      at(v, 'resources', 'dynamodb', 1, 'global_secondary_indexes', 0).write_capacity_units = 0;
    });
    assert.deepEqual(findings, []);
    const planton = mutated('planton', v => {
      at(v, 'spec').keySchema = [];
      at(v, 'spec').globalSecondaryIndexes = Array.from({ length: 21 }, (_, i) => ({ name: `index-${i}` }));
    });
    assert.deepEqual(planton, []);
  });
  it('the same conditions are reported when asked to keep rule-owned checks', () => {
    const value = example('genesys');
    at(value, 'resources', 'dynamodb', 0).name = 'a b';
    at(value, 'resources', 'dynamodb', 1).read_capacity_units = 0;
    assert.deepEqual(shape(validateSchema('genesys', value, { keepRuleOwned: true })), [
      ['pattern', '/resources/dynamodb/0/name', 'value'],
      ['range', '/resources/dynamodb/1/read_capacity_units', 'value'],
    ]);
  });
  it('a wrong type on an enum key gives enum-value alone', () => {
    assert.deepEqual(shape(mutated('genesys', v => { at(v, 'resources', 'dynamodb', 0).billing_mode = 5; })),
      [['enum-value', '/resources/dynamodb/0/billing_mode', 'value']]);
  });
  it('a non-mapping document gives one type finding at the root; nothing throws on odd input', () => {
    assert.deepEqual(shape(validateSchema('planton', 'hello')), [['type', '', 'value']]);
    assert.deepEqual(shape(validateSchema('genesys', null)), [['type', '', 'value']]);
    assert.doesNotThrow(() => validateSchema('component', { components: [null, 1, 'x', [], { type: 'dynamodb-table', config: null }] }));
  });
  it('a broken fixture of each dialect gives exactly the expected findings', () => {
    assert.deepEqual(shape(validateSchema('genesys', fixture('broken.genesys.toml'))), [
      ['unknown-key', '/resources/dynamodb/0/hash_key', 'key'],
      ['enum-value', '/resources/dynamodb/0/billing_mode', 'value'],
      ['type', '/resources/dynamodb/0/enable_ttl', 'value'],
      ['required', '/resources/dynamodb/1', 'key'],
      ['enum-value', '/resources/dynamodb/1/global_secondary_indexes/0/hash_key_type', 'value'],
    ]);
    const planton = validateSchema('planton', fixture('broken.planton.yaml'));
    assert.deepEqual(shape(planton), [
      ['required', '/metadata', 'key'],
      ['unknown-key', '/metadata/nmae', 'key'],
      ['unknown-key', '/spec/billingmode', 'key'],
      ['enum-value', '/spec/attribute_definitions/0/type', 'value'],
      ['enum-value', '/spec/key_schema/0/key_type', 'value'],
    ]);
    // Did-you-mean follows the style of the keys around: billing_mode in a snake_case spec.
    assert.deepEqual(planton.map(f => f.fixes?.find(x => x.preferred)?.changes[0]), [
      { kind: 'insert', parent: '/metadata', key: 'name', value: 'orders', after: [] },
      { kind: 'rename', pointer: '/metadata/nmae', newKey: 'name' },
      { kind: 'rename', pointer: '/spec/billingmode', newKey: 'billing_mode' },
      { kind: 'replace', pointer: '/spec/attribute_definitions/0/type', value: 'ATTRIBUTE_TYPE_S' },
      { kind: 'replace', pointer: '/spec/key_schema/0/key_type', value: 'KEY_TYPE_HASH' },
    ]);
    assert.deepEqual(shape(validateSchema('component', fixture('broken.component.yaml'))), [
      ['enum-value', '/components/0/config/billingMode', 'value'],
      ['type', '/components/0/config/provisionedThroughput/readCapacityUnits', 'value'],
      ['unknown-key', '/components/0/config/streamSpecification/enabled', 'key'],
    ]);
  });
});

describe('closest valid value and did-you-mean', () => {
  const billing = ['PAY_PER_REQUEST', 'PROVISIONED'];
  const plantonBilling = ['BILLING_MODE_PAY_PER_REQUEST', 'BILLING_MODE_PROVISIONED'];
  const cases: [unknown, readonly string[], string, boolean][] = [
    ['ON_DEMAND', billing, 'PAY_PER_REQUEST', true],
    ['on-demand', billing, 'PAY_PER_REQUEST', true],
    ['ON_DEMAND', plantonBilling, 'BILLING_MODE_PAY_PER_REQUEST', true],
    ['PAY_PER_REQUEST', plantonBilling, 'BILLING_MODE_PAY_PER_REQUEST', true],
    ['provisioned', billing, 'PROVISIONED', true],
    ['BILLING_MODE_PROVISIONED', billing, 'PROVISIONED', true],
    ['PROVISONED', billing, 'PROVISIONED', true],
    ['KEYS_ONLY', ['PROJECTION_TYPE_ALL', 'PROJECTION_TYPE_KEYS_ONLY', 'PROJECTION_TYPE_INCLUDE'], 'PROJECTION_TYPE_KEYS_ONLY', true],
    ['NEW_AND_OLD_IMAGE', ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'], 'NEW_AND_OLD_IMAGES', true],
    ['string', ['S', 'N', 'B'], 'S', true],
    ['STANDARD_IA', ['STANDARD', 'STANDARD_INFREQUENT_ACCESS'], 'STANDARD_INFREQUENT_ACCESS', true],
  ];
  for (const [value, allowed, expected, confident] of cases) {
    it(`${JSON.stringify(value)} -> ${expected}`, () => {
      assert.deepEqual(closestEnumValue(value, allowed), { value: expected, confident });
    });
  }
  it('a value near nothing is not a confident match (no preferred fix)', () => {
    assert.equal(closestEnumValue('WHATEVER', billing)?.confident, false);
    const findings = mutated('genesys', v => { at(v, 'resources', 'dynamodb', 0).billing_mode = 'WHATEVER'; });
    assert.equal(findings[0].fixes?.some(f => f.preferred), false);
    assert.equal(findings[0].fixes?.length, 2);
  });
  it('did-you-mean keys: separators and case, typos, the style of present keys, nothing when far', () => {
    assert.equal(closestKey('billingMode', ['name', 'billing_mode']), 'billing_mode');
    assert.equal(closestKey('billng_mode', ['name', 'billing_mode']), 'billing_mode');
    assert.equal(closestKey('hash_key_nmae', ['hash_key_name', 'hash_key_type']), 'hash_key_name');
    assert.equal(closestKey('billingmode', ['billingMode', 'billing_mode'], new Set(['key_schema'])), 'billing_mode');
    assert.equal(closestKey('billingmode', ['billingMode', 'billing_mode'], new Set(['keySchema'])), 'billingMode');
    assert.equal(closestKey('autoscaling', ['name', 'billing_mode', 'tags']), undefined);
  });
});
