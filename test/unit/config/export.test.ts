import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { dialectChoices, exportAs, exportCdk, exportChoices, exportConfig } from '../../../src/config/export';
import { wizardSteps } from '../../../src/config/newConfig';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plan } from '../../../src/plan/plan';
import { analyze } from '../../../src/language/service';
import type { LiveTable } from '../../../src/model/live';
import { formatPlan } from '../../../src/plan/words';
import type { Dialect } from '../../../src/model/spec';
import { EVERY_SETTING, ON_DEMAND, liveOf } from '../plan/builder';

const provisioned = EVERY_SETTING;
const onDemand = ON_DEMAND;

const DIALECTS: readonly Dialect[] = ['genesys', 'planton', 'component', 'cloudformation'];
const URI: Record<Dialect, string> = { genesys: 'x.toml', planton: 'x.yaml', component: 'x.yaml', cloudformation: 'x.yaml' };

function roundTrip(live: LiveTable, dialect: Dialect) {
  const text = exportConfig(live, dialect, { now: new Date('2026-01-02T03:04:05Z') });
  const analysis = analyze(text, { uri: URI[dialect] });
  assert.ok(analysis, `${dialect}: not recognised as a config:\n${text}`);
  assert.equal(analysis.dialect, dialect);
  const problems = analysis.findings.filter(f => f.severity === 'error' || f.severity === 'warning');
  assert.deepEqual(problems.map(f => `${f.code}: ${f.message}`), [], text);
  assert.equal(analysis.tables.length, 1);
  const p = plan(analysis.tables[0], live);
  assert.equal(p.kind, 'none', `${formatPlan(p)}\n${text}`);
  return { text, p };
}

describe('exportConfig()', () => {
  for (const dialect of DIALECTS) {
    it(`${dialect}: a provisioned table with every setting validates clean and plans empty`, () => {
      const { text } = roundTrip(liveOf(provisioned), dialect);
      assert.match(text, /^# Exported from DynamoDB table orders by DynamoDB Designer, 2026-01-02T03:04:05Z\./);
      assert.match(text, /by-status/);
      assert.match(text, /staging/);
    });
    it(`${dialect}: an on-demand table with a binary key validates clean and plans empty`, () => {
      roundTrip(liveOf(onDemand), dialect);
    });
    it(`${dialect}: settings the server does not report are left out with a comment`, () => {
      const { text, p } = roundTrip(liveOf(provisioned, ['ttl', 'tags', 'pitr']), dialect);
      assert.match(text, /# TTL left out: UnknownOperationException/);
      assert.doesNotMatch(text, /staging/);
      assert.deepEqual(p.unknown, []);
    });
  }

  it('genesys writes TOML with the region from the ARN and comments on enum values', () => {
    const live = { ...liveOf(provisioned), arn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders' };
    const text = exportConfig(live, 'genesys');
    const doc = parseToml(text) as { region: string; resources: { dynamodb: { billing_mode: string; tags: Record<string, string> }[] } };
    assert.equal(doc.region, 'eu-west-1');
    assert.equal(doc.resources.dynamodb[0].billing_mode, 'PROVISIONED');
    assert.deepEqual({ ...doc.resources.dynamodb[0].tags }, { team: 'billing', env: 'staging' });
    assert.match(text, /^billing_mode = "PROVISIONED"  # PAY_PER_REQUEST \| PROVISIONED$/m);
    assert.match(text, /^server_side_encryption = true$/m);
    assert.match(text, /^kms_key_arn = "arn:aws:kms:ddblocal:000000000000:key\/k-1"$/m);
    assert.doesNotMatch(exportConfig(liveOf(provisioned), 'genesys'), /^region/m, 'ddblocal is not an AWS region');
  });

  it('every dialect carries the region it can: genesys writes it; planton and component, whose schemas have no region field, say so', () => {
    const live = { ...liveOf(provisioned), arn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders' };
    for (const dialect of ['planton', 'component'] as const) {
      // A region key among the table's own keys is unknown to the dialect (else export must write it).
      const example = readFileSync(join(__dirname, '../../../../examples', `${dialect}.yaml`), 'utf8');
      const withRegion = example.replace(/^([ \t]*)(billingMode|tableName):/m, (_line, indent: string, key: string) => `${indent}region: eu-west-1\n${indent}${key}:`);
      assert.notEqual(withRegion, example);
      const unknown = analyze(withRegion, { uri: 'x.yaml' })?.findings.filter(f => f.code === 'unknown-key' && /"region" in (spec|components\[0\]\.config)$/.test(f.message));
      assert.equal(unknown?.length, 1, `${dialect} has no region field at the table's level (else export must write it)`);
      const text = exportConfig(live, dialect, { region: 'eu-west-2' });
      assert.match(text, /^# This dialect has no region field \(exported from eu-west-2\): the target in the status bar chooses the region\.$/m, dialect);
      assert.match(exportConfig(live, dialect), /exported from eu-west-1\)/, `${dialect}: the ARN's region by default`);
    }
    assert.match(exportConfig(live, 'genesys', { region: 'eu-west-2' }), /^region = "eu-west-2"$/m);
  });

  it('New Table Config and Export offer the dialects with the same labels', () => {
    const wizard = wizardSteps({})[0];
    assert.equal(wizard.kind, 'pick');
    assert.deepEqual(wizard.kind === 'pick' ? wizard.choices.map(c => c.label) : [], dialectChoices().map(c => c.label));
    assert.deepEqual(dialectChoices().map(c => c.label), ['genesys (TOML)', 'planton (YAML)', 'component (YAML)', 'Terraform resource (.tf)', 'Terraform ARC module (.tf)', 'CloudFormation (YAML)']);
  });

  it('planton writes prefixed enums; component a components list', () => {
    const planton = parseYaml(exportConfig(liveOf(provisioned), 'planton')) as { kind: string; metadata: { name: string }; spec: { billingMode: string } };
    assert.equal(planton.kind, 'AwsDynamodb');
    assert.equal(planton.metadata.name, 'orders');
    assert.equal(planton.spec.billingMode, 'BILLING_MODE_PROVISIONED');
    const component = parseYaml(exportConfig(liveOf(onDemand), 'component')) as { components: { type: string; config: { tableName: string } }[] };
    assert.equal(component.components[0].type, 'dynamodb-table');
    assert.equal(component.components[0].config.tableName, 'Carts.v2');
  });

  it('refuses a multi-attribute GSI key in the dialects that cannot express it', () => {
    const live = liveOf(onDemand);
    const multi: LiveTable = { ...live, attributes: { id: 'B', a: 'S', b: 'S' }, globalSecondaryIndexes: [{
      kind: 'GSI', name: 'by-ab', keySchema: [{ name: 'a', keyType: 'HASH' }, { name: 'b', keyType: 'HASH' }], projectionType: 'ALL', nonKeyAttributes: [],
    }] };
    assert.throws(() => exportConfig(multi, 'genesys'), /multi-attribute key/);
    assert.throws(() => exportConfig(multi, 'planton'), /multi-attribute key/);
    roundTrip(multi, 'component');
    roundTrip(multi, 'cloudformation');
    assert.throws(() => exportCdk(multi), /multi-attribute key/);
  });

  it('cloudformation writes a template with the table as AWS::DynamoDB::Table, retained, tags as Key/Value', () => {
    const template = parseYaml(exportConfig(liveOf(provisioned), 'cloudformation')) as {
      AWSTemplateFormatVersion: string;
      Resources: Record<string, { Type: string; DeletionPolicy: string; Properties: Record<string, unknown> }>;
    };
    assert.equal(template.AWSTemplateFormatVersion, '2010-09-09');
    assert.deepEqual(Object.keys(template.Resources), ['OrdersTable']);
    const table = template.Resources.OrdersTable;
    assert.equal(table.Type, 'AWS::DynamoDB::Table');
    assert.equal(table.DeletionPolicy, 'Retain');
    assert.deepEqual(table.Properties.Tags, [{ Key: 'team', Value: 'billing' }, { Key: 'env', Value: 'staging' }]);
    assert.deepEqual(table.Properties.StreamSpecification, { StreamViewType: 'NEW_AND_OLD_IMAGES' });
    assert.deepEqual(table.Properties.PointInTimeRecoverySpecification, { PointInTimeRecoveryEnabled: true });
    const onDemandTemplate = parseYaml(exportConfig(liveOf(onDemand), 'cloudformation')) as { Resources: Record<string, { Properties: Record<string, unknown> }> };
    assert.equal(onDemandTemplate.Resources.CartsV2Table.Properties.StreamSpecification, undefined, 'no stream: no StreamSpecification');
  });

  it('a template whose stream is off compares as different from a table whose stream is on (no StreamSpecification is "off")', () => {
    const text = exportConfig(liveOf(onDemand), 'cloudformation');
    const analysis = analyze(text, { uri: 'x.yaml' });
    assert.ok(analysis);
    const streaming = liveOf({ ...onDemand, stream: { enabled: true, viewType: 'KEYS_ONLY' } });
    assert.match(formatPlan(plan(analysis.tables[0], streaming)), /stream/);
  });

  it('the export picker lists the dialects, then CloudFormation and CDK', () => {
    assert.deepEqual(exportChoices().map(c => c.format), ['genesys', 'planton', 'component', 'terraform', 'terraform-module', 'cloudformation', 'cdk']);
    assert.match(exportAs(liveOf(provisioned), 'cdk'), /new dynamodb\.TableV2\(this, 'OrdersTable'/);
    assert.match(exportAs(liveOf(provisioned), 'cloudformation'), /Type: AWS::DynamoDB::Table/);
  });
});
