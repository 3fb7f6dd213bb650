/**
 * CloudFormation and SAM templates: detection, the short-form tags, intrinsic values as unknown
 * (no false positives, also around whole properties and list elements), one-defect variants that
 * give exactly their error on their line next to intrinsics, JSON templates and their JSON fixes,
 * SimpleTable and GlobalTable.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits } from '../../../src/language/edits';
import { analyze, fixesOf } from '../../../src/language/service';
import type { Analysis } from '../../../src/language/service';
import { parseYaml } from '../../../src/language/yaml';
import { repoRoot } from '../../support/paths';

const FIXTURE = readFileSync(join(repoRoot(), 'test/fixtures/cloudformation/intrinsics.yaml'), 'utf8');
const EXAMPLE = readFileSync(join(repoRoot(), 'examples/cloudformation.yaml'), 'utf8');

function analysed(text: string, uri = 'template.yaml'): Analysis {
  const a = analyze(text, { uri, advice: true });
  assert.ok(a, 'not recognised as a template');
  assert.equal(a.dialect, 'cloudformation');
  return a;
}

function findingsOf(text: string, uri?: string): string[] {
  return analysed(text, uri).findings.map(f => `${f.range.start.line + 1} ${f.code}`);
}

function mutate(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `exactly one ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

/** The 1-based line of the first occurrence of a text. */
function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  return text.slice(0, at).split('\n').length;
}

describe('CloudFormation templates: detection', () => {
  it('a YAML or JSON template with a DynamoDB table is a template; one without a table, or plain YAML, is not', () => {
    assert.equal(analyze(EXAMPLE, { uri: 'stack.yml' })?.dialect, 'cloudformation');
    assert.equal(analyze('Transform: AWS::Serverless-2016-10-31\nResources:\n  T:\n    Type: AWS::Serverless::SimpleTable\n', { uri: 'sam.yaml' })?.dialect, 'cloudformation');
    assert.equal(analyze('Resources:\n  T:\n    Type: "AWS::DynamoDB::GlobalTable"\n    Properties: {}\n', { uri: 't.yaml' })?.dialect, 'cloudformation');
    const json = { AWSTemplateFormatVersion: '2010-09-09', Resources: { T: { Type: 'AWS::DynamoDB::Table', Properties: {} } } };
    assert.equal(analyze(JSON.stringify(json, null, 2), { uri: 't.json' })?.dialect, 'cloudformation');
    assert.equal(analyze(JSON.stringify(json), { uri: 't.template' })?.dialect, 'cloudformation', 'minified JSON');
    assert.equal(analyze('AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n', { uri: 't.yaml' }), undefined);
    assert.equal(analyze('name: x\nResources: none\n', { uri: 'x.yaml' }), undefined);
  });

  it('short-form tags parse without errors into the long form, with positions', () => {
    const config = parseYaml(FIXTURE);
    assert.deepEqual(config.map.syntaxErrors, []);
    const root = config.value as { Resources: { Everything: { Properties: Record<string, unknown> } } };
    const props = root.Resources.Everything.Properties;
    assert.deepEqual(props.TableName, { 'Fn::Sub': '${Env}-orders' });
    assert.deepEqual(props.BillingMode, { 'Fn::If': ['IsProd', 'PROVISIONED', { 'Fn::FindInMap': ['Sizes', { Ref: 'Env' }, 'Mode'] }] });
    const at = config.map.get('/Resources/Everything/Properties/BillingMode/Fn::If/1');
    assert.ok(at);
    assert.equal(at.valueRange.start.line + 1, lineOf(FIXTURE, 'BillingMode: !If [IsProd, PROVISIONED'));
    assert.equal(FIXTURE.split('\n')[at.valueRange.start.line].slice(at.valueRange.start.character, at.valueRange.end.character), 'PROVISIONED');
  });
});

describe('CloudFormation templates: intrinsic functions are unknown values', () => {
  it('a template with intrinsic functions everywhere (values, whole properties, list elements, Conditions, Fn::Transform) has no findings', () => {
    const a = analysed(FIXTURE);
    assert.deepEqual(a.findings.map(f => `${f.range.start.line + 1} ${f.code} ${f.message}`), []);
    assert.deepEqual(a.tables.map(t => t.pointer), [
      '/Resources/Everything/Properties', '/Resources/LongForm/Properties', '/Resources/Simple/Properties', '/Resources/Global/Properties',
    ]);
  });

  it('the same template in JSON (long form throughout) has no findings either', () => {
    const json = JSON.stringify(parseYaml(FIXTURE).value, null, 2);
    assert.deepEqual(findingsOf(json, 'template.json'), []);
  });

  it('the example validates clean', () => {
    assert.deepEqual(findingsOf(EXAMPLE), []);
  });

  const GLOBAL_KEYS = '        - { AttributeName: pk, KeyType: HASH }\n      StreamSpecification';
  const defects: readonly { what: string; from: string; to: string; code: string; line: string }[] = [
    { what: 'two HASH keys', from: '          KeyType: !Select [0, [RANGE, HASH]]', to: '          KeyType: HASH', code: 'key-schema-shape', line: '          KeyType: HASH\n      GlobalSecondaryIndexes' },
    { what: 'a GSI without capacity under PROVISIONED', from: 'Resources:\n', to: 'Resources:\n  Plain:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      TableName: !Sub \"${Env}-plain\"\n      BillingMode: PROVISIONED\n      ProvisionedThroughput: { ReadCapacityUnits: !Ref ReadUnits, WriteCapacityUnits: !Ref ReadUnits }\n      AttributeDefinitions: [{ AttributeName: !Ref KeyName, AttributeType: S }, { AttributeName: g, AttributeType: S }]\n      KeySchema: [{ AttributeName: !Ref KeyName, KeyType: HASH }]\n      GlobalSecondaryIndexes:\n        - IndexName: !Sub \"${Env}-g\"\n          KeySchema: [{ AttributeName: g, KeyType: HASH }]\n          Projection: { ProjectionType: !If [IsProd, ALL, KEYS_ONLY] }\n', code: 'gsi-throughput-matches-billing', line: '- IndexName: !Sub "${Env}-g"' },
    { what: 'an undefined key attribute', from: GLOBAL_KEYS, to: '        - { AttributeName: pk, KeyType: HASH }\n        - { AttributeName: sk, KeyType: RANGE }\n      StreamSpecification', code: 'key-attribute-undefined', line: '{ AttributeName: sk, KeyType: RANGE }\n      StreamSpecification' },
    { what: 'a stream without view type', from: 'StreamSpecification: { StreamViewType: NEW_AND_OLD_IMAGES }', to: 'StreamSpecification: {}', code: 'stream-view-type', line: 'StreamSpecification: {}' },
    { what: 'TTL without attribute', from: '    Properties:\n      TableName: !Sub "${Env}-global"', to: '    Properties:\n      TableName: !Sub "${Env}-global"\n      TimeToLiveSpecification: { Enabled: true }', code: 'ttl-attribute', line: 'TimeToLiveSpecification: { Enabled: true }' },
    { what: 'an SSE type that CloudFormation does not take', from: 'SSEType: !If [IsProd, KMS, !Ref AWS::NoValue]', to: 'SSEType: AES256', code: 'enum-value', line: 'SSEType: AES256' },
    { what: 'a misspelt property whose value is an intrinsic', from: '      TableClass: !If', to: '      TableClas: !If', code: 'unknown-key', line: 'TableClas: !If' },
  ];
  for (const d of defects) {
    it(`one defect next to intrinsics, ${d.what}: exactly ${d.code} on its line`, () => {
      const text = mutate(FIXTURE, d.from, d.to);
      assert.deepEqual(findingsOf(text), [`${lineOf(text, d.line)} ${d.code}`]);
    });
  }

  it('a stream without view type in a template full of intrinsics: stream-view-type on the block, and its fix clears it', () => {
    const text = mutate(FIXTURE, 'StreamSpecification: { StreamViewType: NEW_AND_OLD_IMAGES }', 'StreamSpecification: {}');
    const a = analysed(text);
    assert.deepEqual(a.findings.map(f => `${f.range.start.line + 1} ${f.code}`), [`${lineOf(text, 'StreamSpecification: {}')} stream-view-type`]);
    const fix = fixesOf(a, a.findings[0]).find(f => f.preferred);
    assert.ok(fix);
    const fixed = applyEdits(text, fix.edits);
    assert.match(fixed, /StreamSpecification: \{ ?StreamViewType: NEW_AND_OLD_IMAGES ?\}/);
    assert.deepEqual(findingsOf(fixed), []);
  });
});

describe('CloudFormation templates in JSON', () => {
  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: { T: { Type: 'AWS::DynamoDB::Table', Properties: {
      TableName: { 'Fn::Sub': '${AWS::StackName}-t' },
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 5 },
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'extra', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      StreamSpecification: {},
      TimeToLiveSpecification: { Enabled: true },
      Unknown: 1,
    } } },
  };
  for (const [style, text] of [['two spaces', JSON.stringify(template, null, 2)], ['tabs', JSON.stringify(template, null, '\t')], ['one line', JSON.stringify(template)]] as const) {
    it(`every fix of every finding keeps the template valid JSON and clears its finding (${style})`, () => {
      const a = analysed(text, 'template.json');
      assert.deepEqual(a.findings.map(f => f.code).sort(), [
        'attribute-definition-unused', 'key-attribute-undefined', 'provisioned-throughput-required', 'stream-view-type', 'ttl-attribute', 'unknown-key',
      ]);
      let fixes = 0;
      for (const f of a.findings) {
        for (const fix of fixesOf(a, f)) {
          const fixed = applyEdits(text, fix.edits);
          assert.doesNotThrow(() => JSON.parse(fixed), `${fix.title}:\n${fixed}`);
          const after = analysed(fixed, 'template.json').findings;
          assert.ok(!after.some(x => x.code === f.code && x.message === f.message), `${fix.title} left its finding`);
          fixes++;
        }
      }
      assert.ok(fixes >= 9, `${fixes} fixes`);
    });
  }

  it('a new member goes on a line of its own, indented as its siblings', () => {
    const text = JSON.stringify(template, null, 2);
    const a = analysed(text, 'template.json');
    const f = a.findings.find(x => x.code === 'provisioned-throughput-required');
    assert.ok(f);
    const fixed = applyEdits(text, fixesOf(a, f)[0].edits);
    assert.match(fixed, /"ReadCapacityUnits": 5,\n {10}"WriteCapacityUnits": 5\n {8}\}/);
  });
});

describe('SAM SimpleTable and GlobalTable', () => {
  it('SimpleTable: a PrimaryKey (default id String), on-demand unless it has throughput, which then needs both units', () => {
    const base = 'Transform: AWS::Serverless-2016-10-31\nResources:\n  T:\n    Type: AWS::Serverless::SimpleTable\n';
    assert.deepEqual(findingsOf(base), []);
    const a = analysed(`${base}    Properties:\n      PrimaryKey: { Name: userId, Type: Number }\n      Tags: { env: prod }\n`);
    assert.deepEqual(a.tables[0].keySchema.map(k => k.name.value), ['userId']);
    assert.equal(a.tables[0].attributes[0].type?.value, 'N');
    const text = `${base}    Properties:\n      ProvisionedThroughput:\n        ReadCapacityUnits: 5\n`;
    assert.deepEqual(findingsOf(text), [`${lineOf(text, 'ProvisionedThroughput')} provisioned-throughput-required`]);
  });

  it('GlobalTable: key and attribute rules apply; its capacity settings (per replica) raise nothing', () => {
    const table = (keys: string) => `Resources:\n  G:\n    Type: AWS::DynamoDB::GlobalTable\n    Properties:\n      BillingMode: PROVISIONED\n      AttributeDefinitions:\n        - { AttributeName: pk, AttributeType: S }\n      KeySchema:\n${keys}      WriteProvisionedThroughputSettings:\n        WriteCapacityAutoScalingSettings: { MinCapacity: 1, MaxCapacity: 5, TargetTrackingScalingPolicyConfiguration: { TargetValue: 70 } }\n      Replicas:\n        - Region: eu-west-1\n`;
    assert.deepEqual(findingsOf(table('        - { AttributeName: pk, KeyType: HASH }\n')), []);
    const broken = table('        - { AttributeName: pk, KeyType: HASH }\n        - { AttributeName: pk, KeyType: HASH }\n');
    assert.deepEqual(findingsOf(broken), [`${lineOf(broken, 'KeySchema') + 2} key-schema-shape`]);
  });
});

describe('the CloudFormation tags in other YAML', () => {
  it('a planton manifest with a !Ref is read as before (a type finding, no syntax error, no crash)', () => {
    const planton = readFileSync(join(repoRoot(), 'examples/planton.yaml'), 'utf8').replace(/tableName: \S+/, 'tableName: !Ref Name');
    const a = analyze(planton, { uri: 'p.yaml' });
    assert.ok(a);
    assert.equal(a.dialect, 'planton');
    assert.ok(!a.findings.some(f => f.code === 'syntax'));
  });
});
