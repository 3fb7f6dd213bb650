/**
 * Minimal templates of our own that mirror cfn-lint's DynamoDB fixtures
 * (test/fixtures/templates/{good,bad}/resources/dynamodb/*.yaml and
 * integration/aws-dynamodb-table.yaml in aws-cloudformation/cfn-lint) and its DynamoDB rules
 * (E3039 key attributes vs definitions, E3638 PAY_PER_REQUEST throughput, E3639 PROVISIONED
 * throughput), plus cases where one of the two tools finds what the other does not.
 *
 * `ours`: the findings we give (`line code`, 1-based lines); `cfnLint`: the rule ids cfn-lint
 * 1.51.0 reports on the same text (`line id`), as test/cfnlint/compare.ts shows when cfn-lint is
 * installed. The unit test (test/unit/language/cfnlint.test.ts) checks `ours`.
 */
export interface CfnLintCase {
  readonly name: string;
  /** The cfn-lint fixture or rule it mirrors. */
  readonly mirrors: string;
  readonly template: string;
  readonly ours: readonly string[];
  readonly cfnLint: readonly string[];
  /** Who catches what, in words (for the comparison's notes). */
  readonly note: string;
}

const HEAD = 'AWSTemplateFormatVersion: "2010-09-09"\n';

function table(properties: string, extra = ''): string {
  return `${HEAD}${extra}Resources:\n  Table:\n    Type: AWS::DynamoDB::Table\n    Properties:\n${properties}`;
}

const KEYS_AB = '      KeySchema:\n        - AttributeName: Album\n          KeyType: HASH\n        - AttributeName: Artist\n          KeyType: RANGE\n';
const DEFS_AB = '      AttributeDefinitions:\n        - AttributeName: Album\n          AttributeType: S\n        - AttributeName: Artist\n          AttributeType: S\n';
const TP = '      ProvisionedThroughput:\n        ReadCapacityUnits: 5\n        WriteCapacityUnits: 5\n';
const DEFS_PK = '      AttributeDefinitions:\n        - AttributeName: pk\n          AttributeType: S\n';
const KEYS_PK = '      KeySchema:\n        - AttributeName: pk\n          KeyType: HASH\n';

export const CFN_LINT_CASES: readonly CfnLintCase[] = [
  {
    name: 'a key attribute without definition',
    mirrors: 'bad/resources/dynamodb/undefined_attribute_definition.yaml (E3039)',
    template: table('      AttributeDefinitions:\n        - AttributeName: Album\n          AttributeType: S\n' + KEYS_AB + TP),
    ours: ['12 key-attribute-undefined'],
    cfnLint: ['5 E3039'],
    note: 'both; we mark the key attribute itself and offer to define it, cfn-lint names the two sets on the table',
  },
  {
    name: 'a definition no key uses',
    mirrors: 'bad/resources/dynamodb/unused_attribute_definition_1.yaml (E3039)',
    template: table(DEFS_AB + '        - AttributeName: Sales\n          AttributeType: N\n' + KEYS_AB + TP),
    ours: ['11 attribute-definition-unused'],
    cfnLint: ['5 E3039'],
    note: 'both; we mark the unused definition and offer to remove it',
  },
  {
    name: 'a definition used only as a projected non-key attribute',
    mirrors: 'bad/resources/dynamodb/unused_attribute_definition_2.yaml (E3039)',
    template: table(DEFS_AB + '        - AttributeName: Sales\n          AttributeType: N\n' + KEYS_AB + TP
      + '      GlobalSecondaryIndexes:\n        - IndexName: myGSI\n          KeySchema:\n            - AttributeName: Artist\n              KeyType: HASH\n'
      + '          Projection:\n            NonKeyAttributes: [Sales]\n            ProjectionType: INCLUDE\n' + TP.replace(/^ {6}/gm, '          ').replace(/^ {10}(Read|Write)/gm, '            $1')),
    ours: ['11 attribute-definition-unused'],
    cfnLint: ['5 E3039'],
    note: 'both',
  },
  {
    name: 'definitions and indexes behind Fn::If',
    mirrors: 'good/resources/dynamodb/attributes.yaml',
    template: table(DEFS_AB + '        - Fn::If:\n          - IsUsEast1\n          - AttributeName: Sales\n            AttributeType: S\n          - !Ref AWS::NoValue\n' + KEYS_AB + TP
      + '      GlobalSecondaryIndexes: !If\n        - IsUsEast1\n        - - IndexName: GSI\n            KeySchema:\n              - AttributeName: Sales\n                KeyType: HASH\n            Projection:\n              ProjectionType: KEYS_ONLY\n'
      + '            ProvisionedThroughput:\n              ReadCapacityUnits: 5\n              WriteCapacityUnits: 5\n        - !Ref AWS::NoValue\n',
    'Conditions:\n  IsUsEast1: !Equals [!Ref AWS::Region, us-east-1]\n'),
    ours: [],
    cfnLint: [],
    note: 'neither: cfn-lint checks both branches of the condition, we treat the Fn::If values as unknown',
  },
  {
    name: 'definitions from Fn::Transform, no BillingMode and no throughput',
    mirrors: 'good/resources/dynamodb/attributes_transform.yaml',
    template: table('      AttributeDefinitions:\n        Fn::Transform:\n          - Name: AWS::Include\n            Parameters:\n              Location: s3://bucket/attribute-definitions.yaml\n' + KEYS_PK),
    ours: ['5 provisioned-throughput-required'],
    cfnLint: [],
    note: 'we only: no BillingMode is PROVISIONED, and CloudFormation/CreateTable then need ProvisionedThroughput; cfn-lint E3639 needs BillingMode: PROVISIONED written out',
  },
  {
    name: 'a KMS key (Fn::GetAtt) without SSEType',
    mirrors: 'integration/aws-dynamodb-table.yaml, Table1 (E3021)',
    template: table(DEFS_PK + KEYS_PK + TP + '      SSESpecification:\n        KMSMasterKeyId: !GetAtt Key.Arn\n        SSEEnabled: true\n')
      + '  Key:\n    Type: AWS::KMS::Key\n',
    ours: ['16 sse-kms-key'],
    cfnLint: ['15 E3021'],
    note: 'both',
  },
  {
    name: 'SSEType AES256',
    mirrors: 'integration/aws-dynamodb-table.yaml, Table2 (E3030)',
    template: table(DEFS_PK + KEYS_PK + TP + '      SSESpecification:\n        KMSMasterKeyId: alias/orders\n        SSEEnabled: true\n        SSEType: AES256\n'),
    ours: ['18 enum-value'],
    cfnLint: ['18 E3030'],
    note: 'both',
  },
  {
    name: 'a GSI key of several attributes',
    mirrors: 'integration/aws-dynamodb-table.yaml, Table3',
    template: table('      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions:\n        - { AttributeName: pk, AttributeType: S }\n        - { AttributeName: sk1, AttributeType: S }\n        - { AttributeName: sk2, AttributeType: S }\n' + KEYS_PK
      + '      GlobalSecondaryIndexes:\n        - IndexName: compositeIndex\n          KeySchema:\n            - { AttributeName: pk, KeyType: HASH }\n            - { AttributeName: sk1, KeyType: HASH }\n            - { AttributeName: sk2, KeyType: RANGE }\n          Projection:\n            ProjectionType: ALL\n'),
    ours: [],
    cfnLint: [],
    note: 'neither: multi-attribute GSI keys (DynamoDB since November 2025)',
  },
  {
    name: 'PAY_PER_REQUEST with table throughput',
    mirrors: 'E3638 (billingmode_exclusive.json)',
    template: table('      BillingMode: PAY_PER_REQUEST\n' + DEFS_PK + KEYS_PK + TP),
    ours: ['13 throughput-without-provisioned'],
    cfnLint: ['13 E3638'],
    note: 'both',
  },
  {
    name: 'PAY_PER_REQUEST with GSI throughput',
    mirrors: 'E3638 covers the table only',
    template: table('      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions:\n        - { AttributeName: pk, AttributeType: S }\n        - { AttributeName: g, AttributeType: S }\n' + KEYS_PK
      + '      GlobalSecondaryIndexes:\n        - IndexName: ByG\n          KeySchema:\n            - { AttributeName: g, KeyType: HASH }\n          Projection: { ProjectionType: ALL }\n          ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 }\n'),
    ours: ['18 throughput-without-provisioned'],
    cfnLint: [],
    note: 'we only',
  },
  {
    name: 'PROVISIONED without throughput',
    mirrors: 'E3639 (billingmode_provisioned_dependent.json)',
    template: table('      BillingMode: PROVISIONED\n' + DEFS_PK + KEYS_PK),
    ours: ['5 provisioned-throughput-required'],
    cfnLint: ['5 E3639'],
    note: 'both',
  },
  {
    name: 'PROVISIONED with a GSI without throughput',
    mirrors: 'no cfn-lint rule',
    template: table('      BillingMode: PROVISIONED\n' + TP + '      AttributeDefinitions:\n        - { AttributeName: pk, AttributeType: S }\n        - { AttributeName: g, AttributeType: S }\n' + KEYS_PK
      + '      GlobalSecondaryIndexes:\n        - IndexName: ByG\n          KeySchema:\n            - { AttributeName: g, KeyType: HASH }\n          Projection: { ProjectionType: ALL }\n'),
    ours: ['17 gsi-throughput-matches-billing'],
    cfnLint: [],
    note: 'we only (CreateTable rejects a PROVISIONED GSI without throughput)',
  },
  {
    name: 'two HASH keys',
    mirrors: 'E3002 (the resource schema)',
    template: table('      BillingMode: PAY_PER_REQUEST\n' + DEFS_AB + KEYS_AB.replace('KeyType: RANGE', 'KeyType: HASH')),
    ours: ['16 key-schema-shape'],
    cfnLint: ['12 E3012', '12 E3018', '16 E3002'],
    note: 'we only',
  },
  {
    name: 'a definition unused in one branch of a condition',
    mirrors: 'E3039 on each condition scenario',
    template: table('      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions: !If\n        - IsProd\n        - - { AttributeName: pk, AttributeType: S }\n        - - { AttributeName: pk, AttributeType: S }\n          - { AttributeName: extra, AttributeType: S }\n' + KEYS_PK,
    'Conditions:\n  IsProd: !Equals [!Ref AWS::Region, us-east-1]\n'),
    ours: [],
    cfnLint: ['7 E3039'],
    note: 'cfn-lint only: it resolves Fn::If into each scenario, we treat the value as unknown',
  },
];
