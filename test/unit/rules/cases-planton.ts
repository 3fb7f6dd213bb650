/**
 * Rule cases on examples/planton.yaml (AwsDynamodb manifest). Ranges are 0-based
 * [line, char, endLine, endChar]. Not applicable in this dialect: hash-key-type / range-key-type
 * (flat dialect only) and duplicate-table (a manifest holds one table).
 */
import type { RuleCase } from './harness';

const P = 'planton' as const;
const ISBN_DEF = '    - name: isbn\n      type: ATTRIBUTE_TYPE_S\n';
const TABLE_KEYS = '  keySchema:\n    - attributeName: memberId\n      keyType: KEY_TYPE_HASH\n    - attributeName: loanedAt\n      keyType: KEY_TYPE_RANGE\n';
const GSI_KEY = '        - attributeName: isbn\n          keyType: KEY_TYPE_HASH\n';
const GSI_THROUGHPUT = '      provisionedThroughput:\n        readCapacityUnits: 2\n        writeCapacityUnits: 1\n';
const TTL = '  ttl:\n';

function lsi(name: string, keys: readonly [string, 'HASH' | 'RANGE'][]): string {
  return `    - name: ${name}\n      keySchema:\n${keys.map(([n, t]) => `        - attributeName: ${n}\n          keyType: KEY_TYPE_${t}\n`).join('')}      projection:\n        type: PROJECTION_TYPE_KEYS_ONLY\n`;
}

function withLsis(text: string, blocks: readonly string[]): string {
  return text.replace(TTL, '  localSecondaryIndexes:\n' + blocks.join('') + TTL);
}

function manyGsis(text: string, count: number): string {
  const extra = Array.from({ length: count }, (_, i) =>
    `    - name: gsi-${i}\n      keySchema:\n        - attributeName: isbn\n          keyType: KEY_TYPE_HASH\n      projection:\n        type: PROJECTION_TYPE_KEYS_ONLY\n${GSI_THROUGHPUT}`).join('');
  return text.replace(TTL, extra + TTL);
}

export const PLANTON_CASES: readonly RuleCase[] = [
  {
    dialect: P, what: 'no billingMode (throughput given)', code: 'billing-mode-required',
    mutation: [['  billingMode: BILLING_MODE_PROVISIONED\n', '']],
    range: [7, 0, 7, 4], marks: 'spec',
  },
  {
    dialect: P, what: 'two HASH keys', code: 'key-schema-shape',
    mutation: [['      keyType: KEY_TYPE_RANGE\n', '      keyType: KEY_TYPE_HASH\n']],
    range: [23, 15, 23, 28], marks: 'KEY_TYPE_HASH',
  },
  {
    dialect: P, what: 'no HASH key (its definition left over)', code: 'key-schema-shape',
    mutation: [[TABLE_KEYS, '  keySchema:\n    - attributeName: loanedAt\n      keyType: KEY_TYPE_RANGE\n']],
    also: ['attribute-definition-unused'],
    range: [19, 2, 19, 11], marks: 'keySchema',
  },
  {
    dialect: P, what: 'RANGE key naming the HASH key (its own definition left over)', code: 'key-schema-shape',
    mutation: [[TABLE_KEYS, TABLE_KEYS.replace('attributeName: loanedAt', 'attributeName: memberId')]],
    also: ['attribute-definition-unused'],
    range: [22, 21, 22, 29], marks: 'memberId',
  },
  {
    dialect: P, what: 'RANGE key listed before the HASH key', code: 'key-schema-shape',
    mutation: [[TABLE_KEYS, '  keySchema:\n    - attributeName: loanedAt\n      keyType: KEY_TYPE_RANGE\n    - attributeName: memberId\n      keyType: KEY_TYPE_HASH\n']],
    range: [19, 2, 19, 11], marks: 'keySchema',
  },
  {
    dialect: P, what: 'PROVISIONED without write units', code: 'provisioned-throughput-required',
    mutation: [['    readCapacityUnits: 6\n    writeCapacityUnits: 3\n', '    readCapacityUnits: 6\n']],
    range: [9, 2, 9, 23], marks: 'provisionedThroughput',
  },
  {
    dialect: P, what: 'PAY_PER_REQUEST with table throughput', code: 'throughput-without-provisioned',
    mutation: [['BILLING_MODE_PROVISIONED', 'BILLING_MODE_PAY_PER_REQUEST'], [GSI_THROUGHPUT, '']],
    range: [9, 2, 9, 23], marks: 'provisionedThroughput',
  },
  {
    dialect: P, what: 'streams enabled without view type', code: 'stream-view-type',
    mutation: [['  streamViewType: STREAM_VIEW_TYPE_NEW_IMAGE\n', '']],
    range: [37, 17, 37, 21], marks: 'true',
  },
  {
    dialect: P, what: 'view type with streams disabled', code: 'stream-view-type',
    mutation: [['  streamEnabled: true\n', '  streamEnabled: false\n']],
    range: [38, 2, 38, 16], marks: 'streamViewType',
  },
  {
    dialect: P, what: 'TTL enabled without attribute', code: 'ttl-attribute',
    mutation: [['    attributeName: returnBy\n', '']],
    range: [35, 13, 35, 17], marks: 'true',
  },
  {
    dialect: P, what: 'TTL attribute with TTL disabled', code: 'ttl-attribute',
    mutation: [['    enabled: true\n    attributeName: returnBy\n', '    enabled: false\n    attributeName: returnBy\n']],
    range: [36, 4, 36, 17], marks: 'attributeName',
  },
  {
    dialect: P, what: 'GSI with two HASH keys (manifest: one HASH)', code: 'gsi-key-schema-shape',
    mutation: [[GSI_KEY, GSI_KEY + '        - attributeName: memberId\n          keyType: KEY_TYPE_HASH\n']],
    range: [30, 19, 30, 32], marks: 'KEY_TYPE_HASH',
  },
  {
    dialect: P, what: 'GSI without HASH key (its one key made RANGE)', code: 'gsi-key-schema-shape',
    mutation: [[GSI_KEY, GSI_KEY.replace('KEY_TYPE_HASH', 'KEY_TYPE_RANGE')]],
    range: [26, 6, 26, 15], marks: 'keySchema',
  },
  {
    dialect: P, what: 'GSI naming its HASH attribute again as RANGE', code: 'gsi-key-schema-shape',
    mutation: [[GSI_KEY, GSI_KEY + '        - attributeName: isbn\n          keyType: KEY_TYPE_RANGE\n']],
    range: [29, 25, 29, 29], marks: 'isbn',
  },
  {
    dialect: P, what: 'LSI without RANGE key', code: 'lsi-key-schema-shape',
    mutation: t => withLsis(t, [lsi('by-member', [['memberId', 'HASH']])]),
    range: [36, 6, 36, 15], marks: 'keySchema',
  },
  {
    dialect: P, what: 'INCLUDE without non-key attributes', code: 'projection-non-key-attributes',
    mutation: [['PROJECTION_TYPE_KEYS_ONLY', 'PROJECTION_TYPE_INCLUDE']],
    range: [30, 14, 30, 37], marks: 'PROJECTION_TYPE_INCLUDE',
  },
  {
    dialect: P, what: 'KEYS_ONLY with non-key attributes', code: 'projection-non-key-attributes',
    mutation: [['        type: PROJECTION_TYPE_KEYS_ONLY\n', '        type: PROJECTION_TYPE_KEYS_ONLY\n        nonKeyAttributes: [title]\n']],
    range: [31, 8, 31, 24], marks: 'nonKeyAttributes',
  },
  {
    dialect: P, what: 'GSI of a PROVISIONED table without units', code: 'gsi-throughput-matches-billing',
    mutation: [[GSI_THROUGHPUT, '']],
    range: [25, 6, 25, 10], marks: 'name',
  },
  {
    dialect: P, what: 'table name too short', code: 'table-name',
    mutation: [['  billingMode:', '  tableName: ab\n  billingMode:']],
    range: [8, 13, 8, 15], marks: 'ab',
  },
  {
    dialect: P, what: 'GSI key attribute not defined', code: 'key-attribute-undefined',
    mutation: [[ISBN_DEF, '']],
    range: [25, 25, 25, 29], marks: 'isbn',
  },
  {
    dialect: P, what: 'attribute defined but no key uses it', code: 'attribute-definition-unused',
    mutation: [[ISBN_DEF, ISBN_DEF + '    - name: title\n      type: ATTRIBUTE_TYPE_S\n']],
    range: [19, 12, 19, 17], marks: 'title',
  },
  {
    dialect: P, what: 'attribute defined twice', code: 'attribute-definition-duplicate',
    mutation: [[ISBN_DEF, ISBN_DEF + ISBN_DEF]],
    range: [19, 12, 19, 16], marks: 'isbn',
  },
  {
    dialect: P, what: 'attribute defined twice with two types (no attribute-type-conflict: one problem, one diagnostic)', code: 'attribute-definition-duplicate',
    mutation: [[ISBN_DEF, ISBN_DEF + ISBN_DEF.replace('ATTRIBUTE_TYPE_S', 'ATTRIBUTE_TYPE_N')]],
    range: [19, 12, 19, 16], marks: 'isbn', fixes: ['Remove this definition of "isbn"'],
  },
  {
    dialect: P, what: 'index name with a space', code: 'index-name',
    mutation: [['    - name: by-isbn\n', '    - name: by isbn\n']],
    range: [25, 12, 25, 19], marks: 'by isbn',
  },
  {
    dialect: P, what: 'LSI on a table without RANGE key', code: 'lsi-requires-sort-key',
    mutation: t => withLsis(mutateKeys(t), [lsi('by-loaned', [['memberId', 'HASH'], ['loanedAt', 'RANGE']])]),
    range: [19, 2, 19, 11], marks: 'keySchema',
  },
  {
    dialect: P, what: "LSI whose HASH is not the table's", code: 'lsi-hash-key',
    mutation: t => withLsis(t, [lsi('by-isbn-loaned', [['isbn', 'HASH'], ['loanedAt', 'RANGE']])]),
    range: [37, 25, 37, 29], marks: 'isbn',
  },
  {
    dialect: P, what: '21 GSIs', code: 'gsi-limit', mutation: t => manyGsis(t, 20),
    range: [205, 6, 205, 10], marks: 'name',
  },
  {
    dialect: P, what: '6 LSIs', code: 'lsi-limit',
    mutation: t => withLsis(t, Array.from({ length: 6 }, (_, i) => lsi(`lsi-${i}`, [['memberId', 'HASH'], ['loanedAt', 'RANGE']]))),
    range: [75, 6, 75, 10], marks: 'name',
  },
  {
    dialect: P, what: '101 projected attributes over six indexes (none over 20)', code: 'projection-attribute-limit',
    mutation: t => t.replace(TTL, [20, 20, 20, 20, 20, 1].map((n, i) =>
      `    - name: inc-${i}\n      keySchema:\n        - attributeName: isbn\n          keyType: KEY_TYPE_HASH\n      projection:\n        type: PROJECTION_TYPE_INCLUDE\n`
      + `        nonKeyAttributes: [${Array.from({ length: n }, (_, j) => `i${i}a${j}`).join(', ')}]\n${GSI_THROUGHPUT}`).join('') + TTL),
    range: [90, 26, 90, 32], marks: '[i5a0]',
  },
  {
    dialect: P, what: 'INCLUDE with an empty list', code: 'projection-non-key-attributes',
    mutation: [['        type: PROJECTION_TYPE_KEYS_ONLY\n', '        type: PROJECTION_TYPE_INCLUDE\n        nonKeyAttributes: []\n']],
    range: [31, 26, 31, 28], marks: '[]',
    fixes: ['Include "returnBy" (attributes the table already names)', 'Insert nonKeyAttributes with a placeholder to replace', 'Change type to PROJECTION_TYPE_ALL'],
  },
  {
    dialect: P, what: 'INCLUDE with 21 attributes', code: 'projection-non-key-attributes',
    mutation: [['        type: PROJECTION_TYPE_KEYS_ONLY\n', `        type: PROJECTION_TYPE_INCLUDE\n        nonKeyAttributes: [${Array.from({ length: 21 }, (_, i) => `a${i}`).join(', ')}]\n`]],
    range: [31, 26, 31, 121], marks: '[a0, a1, a2,...', fixes: ['Change type to PROJECTION_TYPE_ALL'],
  },
  {
    dialect: P, what: 'TTL on a String attribute', code: 'ttl-attribute-type',
    mutation: [['attributeName: returnBy', 'attributeName: isbn']],
    range: [18, 12, 18, 28], marks: 'ATTRIBUTE_TYPE_S',
  },
  {
    dialect: P, what: 'KMS key with SSE disabled', code: 'sse-kms-key',
    mutation: [['  serverSideEncryption:\n    enabled: true\n', '  serverSideEncryption:\n    enabled: false\n    kmsKeyArn: arn:aws:kms:eu-west-1:111122223333:key/loans\n']],
    range: [42, 4, 42, 13], marks: 'kmsKeyArn',
  },
  {
    dialect: P, what: 'Contributor Insights (monitoring) set', code: 'not-applied',
    mutation: [['  deletionProtectionEnabled: false', '  deletionProtectionEnabled: false\n  contributorInsightsEnabled: true']],
    range: [44, 2, 44, 28], marks: 'contributorInsightsEnabled',
  },
  {
    dialect: P, what: 'partition key named like a country', code: 'low-cardinality-partition-key',
    mutation: t => t.replaceAll('memberId', 'memberCountry'),
    range: [20, 21, 20, 34], marks: 'memberCountry',
  },
  {
    dialect: P, what: 'production table with PITR off', code: 'pitr-disabled',
    mutation: [['pointInTimeRecoveryEnabled: true', 'pointInTimeRecoveryEnabled: false'], ['  deletionProtectionEnabled: false', '  deletionProtectionEnabled: false\n  tags:\n    Environment: production']],
    range: [39, 30, 39, 35], marks: 'false',
  },
];

/** The table keeps only its HASH key. */
function mutateKeys(text: string): string {
  return text.replace(TABLE_KEYS, '  keySchema:\n    - attributeName: memberId\n      keyType: KEY_TYPE_HASH\n');
}
