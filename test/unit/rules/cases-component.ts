/**
 * Rule cases on examples/component.yaml (components list, CloudFormation-style config). Ranges
 * are 0-based [line, char, endLine, endChar]. Not applicable in this dialect: billing-mode-required
 * (a missing billingMode means PROVISIONED, so provisioned-throughput-required speaks) and
 * hash-key-type / range-key-type (flat dialect only).
 */
import type { RuleCase } from './harness';

const C = 'component' as const;
const BILLING = '      billingMode: PAY_PER_REQUEST        # PAY_PER_REQUEST | PROVISIONED (ON_DEMAND is an alias of PAY_PER_REQUEST)\n';
const KIND_DEF = '        - attributeName: sensorKind\n          attributeType: S\n';
const TABLE_KEYS = '      keySchema:\n        - attributeName: deviceId\n          keyType: HASH\n        - attributeName: readAt\n          keyType: RANGE\n';
const GSI_KEYS = '            - attributeName: sensorKind\n              keyType: HASH\n            - attributeName: readAt\n              keyType: RANGE\n';
const PROJECTION = '          projection:\n            projectionType: ALL\n';
const STREAM = '      streamSpecification:\n';

function lsi(name: string, keys: readonly [string, 'HASH' | 'RANGE'][]): string {
  return `        - indexName: ${name}\n          keySchema:\n${keys.map(([n, t]) => `            - attributeName: ${n}\n              keyType: ${t}\n`).join('')}          projection:\n            projectionType: KEYS_ONLY\n`;
}

function withLsis(text: string, blocks: readonly string[]): string {
  return text.replace(STREAM, '      localSecondaryIndexes:\n' + blocks.join('') + STREAM);
}

function manyGsis(text: string, count: number): string {
  const extra = Array.from({ length: count }, (_, i) =>
    `        - indexName: gsi-${i}\n          keySchema:\n            - attributeName: sensorKind\n              keyType: HASH\n          projection:\n            projectionType: KEYS_ONLY\n`).join('');
  return text.replace(STREAM, extra + STREAM);
}

export const COMPONENT_CASES: readonly RuleCase[] = [
  {
    dialect: C, what: 'no billingMode (PROVISIONED) and no throughput', code: 'provisioned-throughput-required',
    mutation: [[BILLING, '']], also: ['gsi-throughput-matches-billing'],
    range: [5, 4, 5, 10], marks: 'config',
  },
  {
    dialect: C, what: 'two HASH keys', code: 'key-schema-shape',
    mutation: [[TABLE_KEYS, TABLE_KEYS.replace('keyType: RANGE', 'keyType: HASH')]],
    range: [19, 19, 19, 23], marks: 'HASH',
  },
  {
    dialect: C, what: 'RANGE key naming the HASH key', code: 'key-schema-shape',
    mutation: [[TABLE_KEYS, TABLE_KEYS.replace('attributeName: readAt', 'attributeName: deviceId')]],
    range: [18, 25, 18, 33], marks: 'deviceId',
  },
  {
    dialect: C, what: 'RANGE key before the HASH key', code: 'key-schema-shape',
    mutation: [[TABLE_KEYS, '      keySchema:\n        - attributeName: readAt\n          keyType: RANGE\n        - attributeName: deviceId\n          keyType: HASH\n']],
    range: [15, 6, 15, 15], marks: 'keySchema',
  },
  {
    dialect: C, what: 'PAY_PER_REQUEST with table throughput', code: 'throughput-without-provisioned',
    mutation: [[BILLING, BILLING + '      provisionedThroughput:\n        readCapacityUnits: 5\n        writeCapacityUnits: 5\n']],
    range: [8, 6, 8, 27], marks: 'provisionedThroughput',
  },
  {
    dialect: C, what: 'PAY_PER_REQUEST table whose GSI has throughput', code: 'throughput-without-provisioned',
    mutation: [[PROJECTION, PROJECTION + '          provisionedThroughput:\n            readCapacityUnits: 2\n            writeCapacityUnits: 2\n']],
    range: [29, 10, 29, 31], marks: 'provisionedThroughput',
  },
  {
    dialect: C, what: 'streams enabled without view type', code: 'stream-view-type',
    mutation: [['        streamViewType: NEW_AND_OLD_IMAGES\n', '']],
    range: [30, 23, 30, 27], marks: 'true',
  },
  {
    dialect: C, what: 'view type with streams disabled', code: 'stream-view-type',
    mutation: [['        streamEnabled: true\n', '        streamEnabled: false\n']],
    range: [31, 8, 31, 22], marks: 'streamViewType',
  },
  {
    dialect: C, what: 'TTL enabled without attribute', code: 'ttl-attribute',
    mutation: [['        attributeName: purgeAt\n', '']],
    range: [36, 17, 36, 21], marks: 'true',
  },
  {
    dialect: C, what: 'TTL attribute with TTL disabled', code: 'ttl-attribute',
    mutation: [['        enabled: true\n        attributeName: purgeAt\n', '        enabled: false\n        attributeName: purgeAt\n']],
    range: [37, 8, 37, 21], marks: 'attributeName',
  },
  {
    dialect: C, what: 'GSI without HASH key', code: 'gsi-key-schema-shape',
    mutation: [[GSI_KEYS, GSI_KEYS.replace('keyType: HASH', 'keyType: RANGE')]],
    range: [22, 10, 22, 19], marks: 'keySchema',
  },
  {
    dialect: C, what: 'GSI with a HASH after a RANGE', code: 'gsi-key-schema-shape',
    mutation: [[GSI_KEYS, '            - attributeName: readAt\n              keyType: RANGE\n            - attributeName: sensorKind\n              keyType: HASH\n']],
    range: [26, 23, 26, 27], marks: 'HASH',
  },
  {
    dialect: C, what: 'GSI with 5 HASH keys (multi-attribute keys allow 4)', code: 'gsi-key-schema-shape',
    mutation: [[KIND_DEF, KIND_DEF + ['k1', 'k2', 'k3'].map(k => `        - attributeName: ${k}\n          attributeType: S\n`).join('')],
      [GSI_KEYS, ['sensorKind', 'k1', 'k2', 'k3', 'deviceId'].map(k => `            - attributeName: ${k}\n              keyType: HASH\n`).join('')]],
    range: [38, 23, 38, 27], marks: 'HASH',
  },
  {
    dialect: C, what: 'GSI naming an attribute twice (multi-attribute key)', code: 'gsi-key-schema-shape',
    mutation: [[GSI_KEYS, GSI_KEYS + '            - attributeName: readAt\n              keyType: RANGE\n']],
    range: [27, 29, 27, 35], marks: 'readAt',
  },
  {
    dialect: C, what: 'LSI whose RANGE is its HASH', code: 'lsi-key-schema-shape',
    mutation: t => withLsis(t, [lsi('ByDevice', [['deviceId', 'HASH'], ['deviceId', 'RANGE']])]),
    range: [34, 29, 34, 37], marks: 'deviceId',
  },
  {
    dialect: C, what: 'LSI without RANGE key', code: 'lsi-key-schema-shape',
    mutation: t => withLsis(t, [lsi('ByDevice', [['deviceId', 'HASH']])]),
    range: [31, 10, 31, 19], marks: 'keySchema',
  },
  {
    dialect: C, what: 'LSI without HASH key', code: 'lsi-key-schema-shape',
    mutation: t => withLsis(t, [lsi('ByDevice', [['readAt', 'RANGE']])]),
    range: [31, 10, 31, 19], marks: 'keySchema',
  },
  {
    dialect: C, what: 'ALL with non-key attributes', code: 'projection-non-key-attributes',
    mutation: [[PROJECTION, PROJECTION + '            nonKeyAttributes:\n              - unit\n']],
    range: [29, 12, 29, 28], marks: 'nonKeyAttributes',
  },
  {
    dialect: C, what: 'GSI of a PROVISIONED table without units', code: 'gsi-throughput-matches-billing',
    mutation: [[BILLING, '      billingMode: PROVISIONED\n      provisionedThroughput:\n        readCapacityUnits: 4\n        writeCapacityUnits: 2\n']],
    range: [24, 10, 24, 19], marks: 'indexName',
  },
  {
    dialect: C, what: 'table name with a space', code: 'table-name',
    mutation: [['tableName: DeviceReadings', 'tableName: Device Readings']],
    range: [6, 17, 6, 32], marks: 'Device Readings',
  },
  {
    dialect: C, what: 'GSI key attribute not defined', code: 'key-attribute-undefined',
    mutation: [[KIND_DEF, '']],
    range: [21, 29, 21, 39], marks: 'sensorKind',
  },
  {
    dialect: C, what: 'attribute defined but no key uses it', code: 'attribute-definition-unused',
    mutation: [[KIND_DEF, KIND_DEF + '        - attributeName: unit\n          attributeType: S\n']],
    range: [15, 25, 15, 29], marks: 'unit',
  },
  {
    dialect: C, what: 'attribute defined twice', code: 'attribute-definition-duplicate',
    mutation: [[KIND_DEF, KIND_DEF + KIND_DEF]],
    range: [15, 25, 15, 35], marks: 'sensorKind',
  },
  {
    dialect: C, what: 'attribute defined twice with two types (no attribute-type-conflict: one problem, one diagnostic)', code: 'attribute-definition-duplicate',
    mutation: (text: string) => text.replace(KIND_DEF, KIND_DEF + KIND_DEF.replace(/attributeType: S\b/, 'attributeType: N')),
    range: [15, 25, 15, 35], marks: 'sensorKind', fixes: ['Remove this definition of "sensorKind"'],
  },
  {
    dialect: C, what: 'index name too short', code: 'index-name',
    mutation: [['indexName: ByKind', 'indexName: BK']],
    range: [21, 21, 21, 23], marks: 'BK',
  },
  {
    dialect: C, what: 'LSI on a table without RANGE key', code: 'lsi-requires-sort-key',
    mutation: t => withLsis(t.replace(TABLE_KEYS, '      keySchema:\n        - attributeName: deviceId\n          keyType: HASH\n'), [lsi('ByRead', [['deviceId', 'HASH'], ['readAt', 'RANGE']])]),
    range: [15, 6, 15, 15], marks: 'keySchema',
  },
  {
    dialect: C, what: "LSI whose HASH is not the table's", code: 'lsi-hash-key',
    mutation: t => withLsis(t, [lsi('ByKindRead', [['sensorKind', 'HASH'], ['readAt', 'RANGE']])]),
    range: [32, 29, 32, 39], marks: 'sensorKind',
  },
  {
    dialect: C, what: '21 GSIs', code: 'gsi-limit', mutation: t => manyGsis(t, 20),
    range: [143, 10, 143, 19], marks: 'indexName',
  },
  {
    dialect: C, what: '6 LSIs', code: 'lsi-limit',
    mutation: t => withLsis(t, Array.from({ length: 6 }, (_, i) => lsi(`Lsi${i}`, [['deviceId', 'HASH'], ['readAt', 'RANGE']]))),
    range: [70, 10, 70, 19], marks: 'indexName',
  },
  {
    dialect: C, what: '101 projected attributes over six indexes (none over 20)', code: 'projection-attribute-limit',
    mutation: t => t.replace(STREAM, [20, 20, 20, 20, 20, 1].map((n, i) =>
      `        - indexName: inc-${i}\n          keySchema:\n            - attributeName: sensorKind\n              keyType: HASH\n          projection:\n            projectionType: INCLUDE\n`
      + `            nonKeyAttributes: [${Array.from({ length: n }, (_, j) => `i${i}a${j}`).join(', ')}]\n`).join('') + STREAM),
    range: [70, 30, 70, 36], marks: '[i5a0]',
  },
  {
    dialect: C, what: 'INCLUDE with an empty block list', code: 'projection-non-key-attributes',
    mutation: [[PROJECTION, '          projection:\n            projectionType: INCLUDE\n            nonKeyAttributes: []\n']],
    range: [29, 30, 29, 32], marks: '[]',
    fixes: ['Include "purgeAt" (attributes the table already names)', 'Insert nonKeyAttributes with a placeholder to replace', 'Change projectionType to ALL'],
  },
  {
    dialect: C, what: 'INCLUDE with 21 attributes', code: 'projection-non-key-attributes',
    mutation: [[PROJECTION, `          projection:\n            projectionType: INCLUDE\n            nonKeyAttributes: [${Array.from({ length: 21 }, (_, i) => `a${i}`).join(', ')}]\n`]],
    range: [29, 30, 29, 125], marks: '[a0, a1, a2,...', fixes: ['Change projectionType to ALL'],
  },
  {
    dialect: C, what: 'TTL on a String attribute', code: 'ttl-attribute-type',
    mutation: [['attributeName: purgeAt', 'attributeName: sensorKind']],
    range: [14, 25, 14, 26], marks: 'S',
  },
  {
    dialect: C, what: 'KMS key without SSE type KMS', code: 'sse-kms-key',
    mutation: [['        sseEnabled: true\n', '        sseEnabled: true\n        kmsMasterKeyId: alias/readings\n']],
    range: [34, 8, 34, 22], marks: 'kmsMasterKeyId',
  },
  {
    dialect: C, what: 'KMS key with SSE disabled', code: 'sse-kms-key',
    mutation: [['        sseEnabled: true\n', '        sseEnabled: false\n        sseType: KMS\n        kmsMasterKeyId: alias/readings\n']],
    range: [35, 8, 35, 22], marks: 'kmsMasterKeyId',
  },
  {
    dialect: C, what: 'two components with one table name', code: 'duplicate-table',
    mutation: t => t.replace('  - name: readings-api\n', '  - name: readings-copy\n    type: dynamodb-table\n    config:\n      tableName: DeviceReadings\n      billingMode: PAY_PER_REQUEST\n      attributeDefinitions:\n        - attributeName: id\n          attributeType: S\n      keySchema:\n        - attributeName: id\n          keyType: HASH\n  - name: readings-api\n'),
    range: [43, 17, 43, 31], marks: 'DeviceReadings',
  },
  {
    dialect: C, what: 'Contributor Insights (monitoring) set', code: 'not-applied',
    mutation: [['      tags:\n', '      contributorInsightsSpecification:\n        enabled: true\n      tags:\n']],
    range: [38, 6, 38, 38], marks: 'contributorInsightsSpecification',
  },
  {
    dialect: C, what: 'partition key named like a type', code: 'low-cardinality-partition-key',
    mutation: t => t.replaceAll('deviceId', 'deviceType'),
    range: [16, 25, 16, 35], marks: 'deviceType',
  },
  {
    dialect: C, what: 'production table with PITR off', code: 'pitr-disabled',
    mutation: [['pointInTimeRecoveryEnabled: true', 'pointInTimeRecoveryEnabled: false'], ['        owner: telemetry\n', '        owner: telemetry\n        stage: prod\n']],
    range: [34, 34, 34, 39], marks: 'false',
  },
  {
    dialect: C, what: 'production table without PITR', code: 'pitr-disabled',
    mutation: [['      pointInTimeRecoveryEnabled: true\n', ''], ['        owner: telemetry\n', '        owner: telemetry\n        Environment: Production\n']],
    range: [5, 4, 5, 10], marks: 'config',
  },
];


