/**
 * Which tables of a file another tool applies can be compared with their live tables (pure): a
 * table named only at deploy time is left out, with the reason in the words of the tool that
 * applies it. The editor's Compare and Preview and the CLI's preview share this.
 */
import { strict as assert } from 'node:assert';
import { before, describe, it } from 'node:test';
import { loadHcl } from '../../../src/language/hcl/parser';
import { analyze } from '../../../src/language/service';
import { dialectOf } from '../../../src/language/dialects/registry';
import { comparableOf, formatComparison } from '../../../src/plan/compare';
import { plan } from '../../../src/plan/plan';
import { liveOf } from './builder';

const TABLE = (name: string) => `    Type: AWS::DynamoDB::Table
    Properties:
      TableName: ${name}
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
`;

const RESOURCE = (label: string, name: string) => `resource "aws_dynamodb_table" "${label}" {
  name         = ${name}
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
}
`;

describe('comparable tables of a file another tool applies', () => {
  before(async () => { await loadHcl(); });

  it('a template: the table named by !Sub or !Ref is not compared, and says why; the named one is', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Env: { Type: String }\nResources:\n  Orders:\n${TABLE('orders')}  Events:\n${TABLE('!Sub "events-${Env}"')}  Audit:\n${TABLE('!Ref Env')}`;
    const analysis = analyze(text, { uri: 'template.yaml' })!;
    assert.deepEqual(analysis.findings.filter(f => f.severity === 'error'), []);
    const compared = comparableOf(analysis);
    assert.deepEqual(compared.tables.map(t => t.name?.value), ['orders']);
    assert.deepEqual(compared.notCompared, [
      { label: 'Events', reason: 'its TableName is not known from the template (TableName (Fn::Sub)): CloudFormation resolves it at deploy time' },
      { label: 'Audit', reason: 'its TableName is not known from the template (TableName (Ref)): CloudFormation resolves it at deploy time' },
    ]);
  });

  it('Terraform: a resource named by a variable or an interpolation is not compared, in Terraform\'s words and addresses', () => {
    const text = `variable "env" {}\n${RESOURCE('orders', '"orders"')}${RESOURCE('events', '"events-${var.env}"')}${RESOURCE('audit', 'var.env')}`;
    const analysis = analyze(text, { uri: 'main.tf' })!;
    assert.deepEqual(analysis.findings.filter(f => f.severity === 'error'), []);
    const compared = comparableOf(analysis);
    assert.deepEqual(compared.tables.map(t => t.name?.value), ['orders']);
    const why = 'its name is not known from the file (a variable, local or expression): Terraform resolves it when it plans';
    assert.deepEqual(compared.notCompared, [{ label: 'aws_dynamodb_table.events', reason: why }, { label: 'aws_dynamodb_table.audit', reason: why }]);
  });

  it('Terraform: values from variables, locals and expressions are listed per table with their expressions, not as differences', () => {
    const text = `variable "billing" {}
variable "stream" {}
resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = var.billing
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
  ttl {
    enabled        = local.ttl_on
    attribute_name = "expires"
  }
  stream_enabled = length(local.consumers) > 0
}
module "events" {
  source                   = "sourcefuse/arc-dynamodb/aws"
  table_name               = "events"
  hash_key                 = "pk"
  attributes               = [{ name = "pk", type = "S" }, var.extra_attribute]
  stream_enabled           = var.stream
}
`;
    const analysis = analyze(text, { uri: 'main.tf' })!;
    assert.deepEqual(analysis.findings.filter(f => f.severity === 'error'), []);
    const compared = comparableOf(analysis);
    assert.deepEqual(compared.tables.map(t => t.name?.value), ['orders', 'events']);
    assert.deepEqual([...compared.unknown], [
      ['/resource/aws_dynamodb_table/orders', ['billing_mode = var.billing', 'ttl.enabled = local.ttl_on', 'stream_enabled = length(local.consumers) > 0']],
      ['/module/events', ['attributes[1] = var.extra_attribute', 'stream_enabled = var.stream']],
    ]);
    const doc = formatComparison({
      fileName: 'main.tf', where: 'us-east-1', appliedBy: dialectOf(analysis.dialect).appliedBy,
      plans: compared.tables.map(t => plan(t, undefined)), compared, at: new Date(0),
    });
    const unknownLines = doc.split('\n').filter(l => l.includes('not known'));
    assert.deepEqual(unknownLines, [
      '  not known from the file (Terraform computes it when it plans): billing_mode = var.billing',
      '  not known from the file (Terraform computes it when it plans): ttl.enabled = local.ttl_on',
      '  not known from the file (Terraform computes it when it plans): stream_enabled = length(local.consumers) > 0',
      '  not known from the file (Terraform computes it when it plans): attributes[1] = var.extra_attribute',
      '  not known from the file (Terraform computes it when it plans): stream_enabled = var.stream',
      'Values from variables, locals and expressions are known only when Terraform plans: they are listed as not known, not as differences.',
    ]);
    // Each under its own table's heading.
    const at = (line: string) => doc.indexOf(line);
    assert.ok(at('Table orders:') < at('billing_mode = var.billing') && at('billing_mode = var.billing') < at('Table events:'));
    assert.ok(at('Table events:') < at('attributes[1] = var.extra_attribute'));
  });

  it('Terraform: a computed index list, TTL flag or tags plan nothing: the live indexes, TTL and tags are kept, not deleted, enabled or read as a tag', () => {
    const text = `module "events" {
  source                   = "sourcefuse/arc-dynamodb/aws"
  table_name               = "events"
  hash_key                 = "pk"
  attributes               = [{ name = "pk", type = "S" }]
  global_secondary_indexes = var.gsis
}
resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"
  attribute {
    name = "pk"
    type = "S"
  }
  ttl {
    enabled        = local.ttl_on
    attribute_name = "expires"
  }
  tags = merge(local.tags, { team = "core" })
}
`;
    const analysis = analyze(text, { uri: 'main.tf' })!;
    const compared = comparableOf(analysis);
    const byName = (name: string) => compared.tables.find(t => t.name?.value === name)!;
    const events = byName('events');
    const orders = byName('orders');
    // Live: events has a GSI the file leaves to var.gsis; orders has TTL off and a tag.
    const liveEvents = liveOf({ name: 'events', attributes: { pk: 'S', gpk: 'S' }, hash: 'pk', gsis: [{ name: 'by-g', hash: 'gpk' }], pitr: true });
    const liveOrders = liveOf({ name: 'orders', attributes: { pk: 'S' }, hash: 'pk', ttl: { enabled: false }, tags: { team: 'core', env: 'prod' } });
    const eventsPlan = plan(events, liveEvents);
    assert.deepEqual(eventsPlan.changes.filter(c => c.setting === 'gsi' || c.setting === 'gsi-throughput'), [], 'the live GSI is neither deleted nor changed');
    const ordersPlan = plan(orders, liveOrders);
    assert.equal(ordersPlan.kind, 'none', ordersPlan.changes.map(c => `${c.field}: ${c.from} -> ${c.to}`).join('; '));
    assert.deepEqual(compared.unknown.get(events.pointer), ['global_secondary_indexes = var.gsis']);
    assert.deepEqual(compared.unknown.get(orders.pointer), ['ttl.enabled = local.ttl_on', 'tags = merge(local.tags, { team = "core" })']);
  });
});
