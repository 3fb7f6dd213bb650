/**
 * Rule cases on examples/cloudformation.yaml (a template: Properties of an AWS::DynamoDB::Table,
 * PascalCase). Ranges are 0-based [line, char, endLine, endChar]. Not applicable in this dialect:
 * billing-mode-required (a missing BillingMode means PROVISIONED, so provisioned-throughput-required
 * speaks), hash-key-type / range-key-type (flat dialect only) and not-applied (CloudFormation
 * applies a template, not us). The example's intrinsic values (`!If`, `!Ref`) stay in place: every
 * case shows a defect is still found next to them.
 */
import type { RuleCase } from './harness';

const C = 'cloudformation' as const;
const BILLING = '      BillingMode: PROVISIONED          # PAY_PER_REQUEST | PROVISIONED\n';
const TABLE_TP = '      ProvisionedThroughput:\n        ReadCapacityUnits: 5\n        WriteCapacityUnits: 5\n';
const GSI_TP = '          ProvisionedThroughput:\n            ReadCapacityUnits: 5\n            WriteCapacityUnits: 5\n';
const STATUS_DEF = '        - AttributeName: status\n          AttributeType: S\n';
const TABLE_KEYS = '      KeySchema:\n        - AttributeName: customerId\n          KeyType: HASH\n        - AttributeName: orderId\n          KeyType: RANGE\n';
const GSI_KEYS = '            - AttributeName: status\n              KeyType: HASH\n            - AttributeName: orderId\n              KeyType: RANGE\n';
const PROJECTION = '            ProjectionType: INCLUDE\n            NonKeyAttributes: [total]\n';
const STREAM = '      StreamSpecification:\n        StreamViewType: NEW_AND_OLD_IMAGES\n';
const TTL = '      TimeToLiveSpecification:\n        AttributeName: expiresAt\n        Enabled: true\n';
const SSE = '      SSESpecification:\n        SSEEnabled: true\n';
const PITR = '        PointInTimeRecoveryEnabled: !If [IsProd, true, false]\n';
const TAG = '        - Key: env\n          Value: !Ref Env\n';

function lsi(name: string, keys: readonly [string, 'HASH' | 'RANGE'][]): string {
  return `        - IndexName: ${name}\n          KeySchema:\n${keys.map(([n, t]) => `            - AttributeName: ${n}\n              KeyType: ${t}\n`).join('')}          Projection:\n            ProjectionType: KEYS_ONLY\n`;
}

function withLsis(text: string, blocks: readonly string[]): string {
  return text.replace(STREAM, '      LocalSecondaryIndexes:\n' + blocks.join('') + STREAM);
}

function gsi(name: string): string {
  return `        - IndexName: ${name}\n          KeySchema:\n            - AttributeName: status\n              KeyType: HASH\n          Projection:\n            ProjectionType: KEYS_ONLY\n${GSI_TP}`;
}

export const CLOUDFORMATION_CASES: readonly RuleCase[] = [
  {
    dialect: C, what: 'no BillingMode (PROVISIONED) and no throughput', code: 'provisioned-throughput-required',
    mutation: [[BILLING, ''], [TABLE_TP, '']],
    range: [15, 4, 15, 14], marks: 'Properties',
  },
  {
    dialect: C, what: 'PROVISIONED with WriteCapacityUnits 0', code: 'provisioned-throughput-required',
    mutation: [[TABLE_TP, TABLE_TP.replace('WriteCapacityUnits: 5', 'WriteCapacityUnits: 0')]],
    range: [20, 28, 20, 29], marks: '0',
  },
  {
    dialect: C, what: 'two HASH keys', code: 'key-schema-shape',
    mutation: [[TABLE_KEYS, TABLE_KEYS.replace('KeyType: RANGE', 'KeyType: HASH')]],
    range: [32, 19, 32, 23], marks: 'HASH',
  },
  {
    dialect: C, what: 'PAY_PER_REQUEST with table throughput', code: 'throughput-without-provisioned',
    mutation: [[BILLING, '      BillingMode: PAY_PER_REQUEST\n'], [GSI_TP, '']],
    range: [18, 6, 18, 27], marks: 'ProvisionedThroughput',
  },
  {
    dialect: C, what: 'StreamSpecification without StreamViewType', code: 'stream-view-type',
    mutation: [[STREAM, '      StreamSpecification: {}\n']],
    range: [46, 27, 46, 29], marks: '{}',
  },
  {
    dialect: C, what: 'TTL enabled without AttributeName', code: 'ttl-attribute',
    mutation: [[TTL, '      TimeToLiveSpecification:\n        Enabled: true\n']],
    range: [53, 17, 53, 21], marks: 'true',
  },
  {
    dialect: C, what: 'TTL disabled with an AttributeName', code: 'ttl-attribute',
    mutation: [[TTL, TTL.replace('Enabled: true', 'Enabled: false')]],
    range: [53, 8, 53, 21], marks: 'AttributeName',
  },
  {
    dialect: C, what: 'GSI without HASH key', code: 'gsi-key-schema-shape',
    mutation: [[GSI_KEYS, GSI_KEYS.replace('KeyType: HASH', 'KeyType: RANGE')]],
    range: [35, 10, 35, 19], marks: 'KeySchema',
  },
  {
    dialect: C, what: 'LSI without RANGE key', code: 'lsi-key-schema-shape',
    mutation: t => withLsis(t, [lsi('ByCustomer', [['customerId', 'HASH']])]),
    range: [48, 10, 48, 19], marks: 'KeySchema',
  },
  {
    dialect: C, what: 'INCLUDE without NonKeyAttributes', code: 'projection-non-key-attributes',
    mutation: [[PROJECTION, '            ProjectionType: INCLUDE\n']],
    range: [41, 28, 41, 35], marks: 'INCLUDE',
  },
  {
    dialect: C, what: 'GSI without throughput under PROVISIONED', code: 'gsi-throughput-matches-billing',
    mutation: [[GSI_TP, '']],
    range: [34, 10, 34, 19], marks: 'IndexName',
  },
  {
    dialect: C, what: 'table name with a space', code: 'table-name',
    mutation: [['TableName: Orders', 'TableName: My Orders']],
    range: [16, 17, 16, 26], marks: 'My Orders',
  },
  {
    dialect: C, what: 'key attribute not defined', code: 'key-attribute-undefined',
    mutation: [[STATUS_DEF, '']],
    range: [34, 29, 34, 35], marks: 'status',
  },
  {
    dialect: C, what: 'attribute defined but not in a key', code: 'attribute-definition-unused',
    mutation: [[STATUS_DEF, STATUS_DEF + '        - AttributeName: total\n          AttributeType: N\n']],
    range: [28, 25, 28, 30], marks: 'total',
  },
  {
    dialect: C, what: 'attribute defined twice', code: 'attribute-definition-duplicate',
    mutation: [[STATUS_DEF, STATUS_DEF + STATUS_DEF]],
    range: [28, 25, 28, 31], marks: 'status',
  },
  {
    dialect: C, what: 'index name too short', code: 'index-name',
    mutation: [['IndexName: ByStatus', 'IndexName: BS']],
    range: [34, 21, 34, 23], marks: 'BS',
  },
  {
    dialect: C, what: 'LSI on a table without a sort key', code: 'lsi-requires-sort-key',
    mutation: t => withLsis(t, [lsi('ByStatus2', [['customerId', 'HASH'], ['status', 'RANGE']])])
      .replace('        - AttributeName: orderId\n          KeyType: RANGE\n      GlobalSecondaryIndexes', '      GlobalSecondaryIndexes'),
    range: [28, 6, 28, 15], marks: 'KeySchema',
  },
  {
    dialect: C, what: "LSI whose HASH is not the table's", code: 'lsi-hash-key',
    mutation: t => withLsis(t, [lsi('ByStatus2', [['status', 'HASH'], ['orderId', 'RANGE']])]),
    range: [49, 29, 49, 35], marks: 'status',
  },
  {
    dialect: C, what: '21 GSIs', code: 'gsi-limit',
    mutation: t => t.replace(STREAM, Array.from({ length: 20 }, (_, i) => gsi(`gsi-${i}`)).join('') + STREAM),
    range: [217, 10, 217, 19], marks: 'IndexName',
  },
  {
    dialect: C, what: '6 LSIs', code: 'lsi-limit',
    mutation: t => withLsis(t, Array.from({ length: 6 }, (_, i) => lsi(`lsi-${i}`, [['customerId', 'HASH'], ['status', 'RANGE']]))),
    range: [87, 10, 87, 19], marks: 'IndexName',
  },
  {
    dialect: C, what: '120 non-key attributes across the indexes', code: 'projection-attribute-limit',
    mutation: t => t.replace(STREAM, Array.from({ length: 6 }, (_, i) => `        - IndexName: inc-${i}\n          KeySchema:\n            - AttributeName: status\n              KeyType: HASH\n          Projection:\n            ProjectionType: INCLUDE\n            NonKeyAttributes: [${Array.from({ length: 20 }, (_, j) => `a${i}x${j}`).join(', ')}]\n${GSI_TP}`).join('') + STREAM),
    range: [92, 30, 92, 160], marks: '[a4x0, a4x1...',
  },
  {
    dialect: C, what: 'TTL attribute defined as S', code: 'ttl-attribute-type',
    mutation: [[STATUS_DEF, STATUS_DEF + '        - AttributeName: expiresAt\n          AttributeType: S\n'],
      [TABLE_KEYS, TABLE_KEYS.replace('AttributeName: orderId\n          KeyType: RANGE', 'AttributeName: expiresAt\n          KeyType: RANGE')],
      [GSI_KEYS, GSI_KEYS.replace('orderId', 'expiresAt')], ['        - AttributeName: orderId\n          AttributeType: S\n', '']],
    range: [27, 25, 27, 26], marks: 'S',
  },
  {
    dialect: C, what: 'KMS key with SSE disabled', code: 'sse-kms-key',
    mutation: [[SSE, '      SSESpecification:\n        SSEEnabled: false\n        KMSMasterKeyId: alias/orders\n']],
    range: [50, 8, 50, 22], marks: 'KMSMasterKeyId',
  },
  {
    dialect: C, what: 'two resources with the same TableName', code: 'duplicate-table',
    mutation: t => t.replace('  OrdersTopic:', '  OrdersCopy:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      TableName: Orders\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions:\n        - AttributeName: id\n          AttributeType: S\n      KeySchema:\n        - AttributeName: id\n          KeyType: HASH\n  OrdersTopic:'),
    range: [62, 17, 62, 23], marks: 'Orders',
  },
  {
    dialect: C, what: 'partition key named status', code: 'low-cardinality-partition-key',
    mutation: [[TABLE_KEYS, TABLE_KEYS.replace('AttributeName: customerId', 'AttributeName: status')], ['        - AttributeName: customerId\n          AttributeType: S\n', '']],
    range: [27, 25, 27, 31], marks: 'status',
  },
  {
    dialect: C, what: 'production table with PITR off', code: 'pitr-disabled',
    mutation: [[PITR, '        PointInTimeRecoveryEnabled: false\n'], [TAG, '        - Key: env\n          Value: prod\n']],
    range: [51, 36, 51, 41], marks: 'false',
  },
];
