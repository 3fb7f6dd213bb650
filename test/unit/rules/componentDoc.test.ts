/**
 * The component dialect's own documentation (seeds/002) validates: its main example, with its
 * three real defects fixed (test/fixtures/component-doc/main-example.yaml), has no error and no
 * unknown-key; its advanced snippets (global tables, auto scaling, DAX, backups, Contributor
 * Insights) are known keys whose inner shapes are checked, each marked not-applied; and its
 * `billingMode: ON_DEMAND` is PAY_PER_REQUEST all the way to the plan.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { plan } from '../../../src/plan/plan';
import { formatChange } from '../../../src/plan/words';
import { analyze, fixesOf } from '../../../src/language/service';
import type { ResolvedFinding } from '../../../src/language/types';
import { repoRoot } from '../../support/paths';
import { liveOf } from '../plan/builder';
import { mutate } from './harness';

function fixture(name: string): string {
  return readFileSync(join(repoRoot(), 'test', 'fixtures', 'component-doc', name), 'utf8');
}

function check(text: string): readonly ResolvedFinding[] {
  const a = analyze(text, { uri: 'doc.yaml' });
  assert.ok(a, 'not recognised as a component config');
  assert.equal(a.dialect, 'component');
  return a.findings;
}

const show = (fs: readonly ResolvedFinding[]): string[] => fs.map(f => `${f.range.start.line + 1}: ${f.code} ${f.message}`);
const serious = (fs: readonly ResolvedFinding[]): string[] => show(fs.filter(f => f.severity === 'error' || f.severity === 'warning'));

describe('the component documentation', () => {
  it('main example as documented: exactly its three real defects are errors, and nothing else but hints', () => {
    const findings = check(fixture('main-example.original.yaml'));
    assert.deepEqual(findings.filter(f => f.severity !== 'hint').map(f => f.code).sort(),
      ['key-attribute-undefined', 'lsi-requires-sort-key', 'sse-kms-key'], show(findings).join('\n'));
    assert.ok(!findings.some(f => f.code === 'unknown-key' || f.code === 'enum-value'));
  });

  it('main example with the three defects fixed: no error, no warning, no unknown-key (ON_DEMAND and backupPolicy included)', () => {
    const text = fixture('main-example.yaml');
    assert.match(text, /billingMode: ON_DEMAND/);
    const findings = check(text);
    assert.deepEqual(serious(findings), []);
    assert.deepEqual(findings.map(f => f.code), ['not-applied']);
    assert.equal(text.split('\n')[findings[0].range.start.line].trim(), 'backupPolicy:');
    // The fixture is the documented one but for the three marked fixes.
    const fixedLines = text.split('\n').filter(l => !l.startsWith('#'));
    const originalLines = fixture('main-example.original.yaml').split('\n').filter(l => !l.startsWith('#'));
    const left = [...originalLines];
    const added = fixedLines.filter(l => {
      const at = left.indexOf(l);
      if (at < 0) { return true; }
      left.splice(at, 1);
      return false;
    }).map(l => l.trim());
    assert.deepEqual(added.filter(l => !l.startsWith('# Fixed')),
      ['- attributeName: sessionType', 'attributeType: S', '- attributeName: createdAt', 'keyType: RANGE', 'sseType: KMS']);
    assert.deepEqual(left, [], 'nothing of the documented example is removed');
  });

  it('advanced snippets: every documented key is known, checked, and marked not-applied once', () => {
    const text = fixture('advanced.yaml');
    const findings = check(text);
    assert.deepEqual(serious(findings), []);
    const keys = findings.map(f => text.split('\n')[f.range.start.line].trim());
    assert.deepEqual(findings.map(f => f.code), Array(5).fill('not-applied'));
    assert.deepEqual(keys, ['globalTables:', 'autoScaling:', 'daxCluster:', 'backupPolicy:', 'contributorInsightsSpecification:']);
    assert.ok(findings.every(f => f.severity === 'hint'));
    assert.deepEqual(analyze(text, { uri: 'doc.yaml', advice: false })?.findings.map(f => f.code), []);
  });

  const BAD: readonly [what: string, from: string, to: string, code: string, marks: string][] = [
    ['auto scaling bound not an integer', 'readCapacity:\n          minCapacity: 5', 'readCapacity:\n          minCapacity: five', 'type', 'five'],
    ['target utilization over 90%', 'writeCapacity:\n          minCapacity: 5\n          maxCapacity: 1000\n          targetTrackingScalingPolicyConfiguration:\n            targetValue: 70.0',
      'writeCapacity:\n          minCapacity: 5\n          maxCapacity: 1000\n          targetTrackingScalingPolicyConfiguration:\n            targetValue: 95', 'range', '95'],
    ['a DAX replication factor of 11', 'replicationFactor: 3', 'replicationFactor: 11', 'range', '11'],
    ['a DAX node type that is none', 'nodeType: dax.r4.large', 'nodeType: r4.large', 'pattern', 'r4.large'],
    ['a misspelt DAX key', 'parameterGroupName: custom-dax-params', 'parameterGroup: custom-dax-params', 'unknown-key', 'parameterGroup'],
    ['a global table region that is none', '          - us-west-2\n', '          - uswest2\n', 'pattern', 'uswest2'],
    ['a replica without a region', '          - region: eu-west-1\n            pointInTimeRecoveryEnabled: true\n', '          - pointInTimeRecoveryEnabled: true\n', 'required', '...'],
    ['a backup schedule that is no cron or rate expression', 'schedule: cron(0 2 ? * SUN *)', 'schedule: weekly', 'pattern', 'weekly'],
    ['a backup retention of 0 days', 'retention: 365', 'retention: 0', 'range', '0'],
    ['Contributor Insights enabled "yes"', '      contributorInsightsSpecification:\n        enabled: true', '      contributorInsightsSpecification:\n        enabled: "yes"', 'type', '"yes"'],
    ['a misspelt documented key', 'daxCluster:', 'daxClusters:', 'unknown-key', 'daxClusters'],
  ];
  for (const [what, from, to, code, marks] of BAD) {
    it(`inner shapes are validated: ${what} -> ${code}`, () => {
      const text = mutate(fixture('advanced.yaml'), [[from, to]]);
      const findings = check(text).filter(f => f.severity !== 'hint');
      assert.deepEqual(findings.map(f => f.code), [code], show(findings).join('\n'));
      if (marks !== '...') {
        const line = text.split('\n')[findings[0].range.start.line];
        assert.equal(line.slice(findings[0].range.start.character, findings[0].range.end.character), marks);
      }
    });
  }
  it('a misspelt documented key offers the documented one', () => {
    const text = mutate(fixture('advanced.yaml'), [['daxCluster:', 'daxClustr:']]);
    const a = analyze(text, { uri: 'doc.yaml' });
    const f = a?.findings.find(x => x.code === 'unknown-key');
    assert.ok(a && f);
    const fixes = fixesOf(a, f);
    assert.ok(fixes.some(x => x.edits.some(e => e.newText === 'daxCluster')), JSON.stringify(fixes));
  });
});

describe('billingMode: ON_DEMAND (component)', () => {
  const text = (mode: string, extra = ''): string => `components:
  - name: carts
    type: dynamodb-table
    config:
      tableName: Carts
      billingMode: ${mode}
${extra}      attributeDefinitions:
        - attributeName: id
          attributeType: S
      keySchema:
        - attributeName: id
          keyType: HASH
`;
  it('normalizes to PAY_PER_REQUEST, the value the plan and export use', () => {
    const a = analyze(text('ON_DEMAND'), { uri: 'c.yaml' });
    assert.ok(a);
    assert.deepEqual(a.findings.map(f => f.code), []);
    const mode = a.tables[0].billingMode;
    assert.ok(mode?.valid);
    assert.equal(mode.value, 'PAY_PER_REQUEST');
    assert.equal(mode.raw, 'ON_DEMAND');
    const create = plan(a.tables[0], undefined).steps[0];
    assert.equal(create.kind, 'CreateTable');
    assert.equal(create.kind === 'CreateTable' && create.input.BillingMode, 'PAY_PER_REQUEST');
    assert.equal(create.kind === 'CreateTable' && create.input.ProvisionedThroughput, undefined);
    // Against the live on-demand table it plans no change; against a provisioned one, the switch.
    assert.equal(plan(a.tables[0], liveOf({ name: 'Carts', billingMode: 'PAY_PER_REQUEST', attributes: { id: 'S' }, hash: 'id' })).kind, 'none');
    const fromProvisioned = plan(a.tables[0], liveOf({ name: 'Carts', billingMode: 'PROVISIONED', read: 1, write: 1, attributes: { id: 'S' }, hash: 'id' }));
    assert.ok(fromProvisioned.changes.some(c => formatChange(c) === 'billing mode: PROVISIONED -> PAY_PER_REQUEST'), fromProvisioned.changes.map(formatChange).join('\n'));
  });
  it('is on-demand to the rules: throughput beside it is throughput-without-provisioned', () => {
    const a = analyze(text('ON_DEMAND', '      provisionedThroughput:\n        readCapacityUnits: 5\n        writeCapacityUnits: 5\n'), { uri: 'c.yaml' });
    assert.deepEqual(a?.findings.map(f => f.code), ['throughput-without-provisioned']);
  });
  it('stays an enum-value error elsewhere (genesys, planton) and in other spellings', () => {
    assert.deepEqual(analyze(text('on-demand'), { uri: 'c.yaml' })?.findings.map(f => f.code), ['enum-value']);
  });
});
