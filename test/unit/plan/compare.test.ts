/**
 * Which tables of a file another tool applies can be compared with their live tables (pure): a
 * table named only at deploy time is left out, with the reason in the words of the tool that
 * applies it. The editor's Compare and Preview and the CLI's preview share this.
 */
import { strict as assert } from 'node:assert';
import { before, describe, it } from 'node:test';
import { loadHcl } from '../../../src/language/hcl/parser';
import { analyze } from '../../../src/language/service';
import { comparableOf } from '../../../src/plan/compare';

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
});
