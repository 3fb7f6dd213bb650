/**
 * Rule cases on examples/genesys.toml (flat TOML). Ranges are 0-based [line, char, endLine, endChar].
 * Not applicable in this dialect: the attribute-definition rules (each key name carries its type:
 * hash-key-type / range-key-type instead), lsi-hash-key (an LSI's HASH is implicitly the table's)
 * and not-applied (the dialect has no DAX, auto scaling, backup or monitoring keys).
 */
import type { RuleCase } from './harness';

const G = 'genesys' as const;
const CARTS_HASH_TYPE = 'hash_key_type = "S"                   # S | N | B\n';
const GSI_HEADER = '[[resources.dynamodb.global_secondary_indexes]]\n';
const LSI_HEADER = '[[resources.dynamodb.local_secondary_indexes]]\n';

function extraIndexes(text: string, kind: 'gsi' | 'lsi', count: number): string {
  const blocks: string[] = [];
  for (let i = 0; i < count; i++) {
    blocks.push(kind === 'gsi'
      ? `${GSI_HEADER}name = "gsi-${i}"\nhash_key_name = "customer_id"\nhash_key_type = "S"\nprojection_type = "KEYS_ONLY"\nread_capacity_units = 1\nwrite_capacity_units = 1\n\n`
      : `${LSI_HEADER}name = "lsi-${i}"\nrange_key_name = "due_at"\nrange_key_type = "N"\nprojection_type = "KEYS_ONLY"\n\n`);
  }
  return text.replace('[resources.dynamodb.tags]\n', blocks.join('') + '[resources.dynamodb.tags]\n');
}

/** GSIs projecting INCLUDE lists of the given lengths (names i<index>a<n>), before the tags. */
function includeIndexes(text: string, lengths: readonly number[]): string {
  const blocks = lengths.map((n, i) => `${GSI_HEADER}name = "inc-${i}"\nhash_key_name = "customer_id"\nhash_key_type = "S"\nprojection_type = "INCLUDE"\n`
    + `non_key_attributes = [${Array.from({ length: n }, (_, j) => `"i${i}a${j}"`).join(', ')}]\nread_capacity_units = 1\nwrite_capacity_units = 1\n\n`);
  return text.replace('[resources.dynamodb.tags]\n', blocks.join('') + '[resources.dynamodb.tags]\n');
}

export const GENESYS_CASES: readonly RuleCase[] = [
  {
    dialect: G, what: 'no billing_mode (PAY_PER_REQUEST table)', code: 'billing-mode-required',
    mutation: [['billing_mode = "PAY_PER_REQUEST"      # or "PROVISIONED"\n', '']],
    range: [6, 0, 6, 22], marks: '[[resources.dynamodb]]',
  },
  {
    dialect: G, what: 'no billing_mode (table with throughput)', code: 'billing-mode-required',
    mutation: [['billing_mode = "PROVISIONED"\n', '']],
    range: [15, 0, 15, 22], marks: '[[resources.dynamodb]]',
  },
  {
    dialect: G, what: 'no hash key', code: 'key-schema-shape',
    mutation: [['hash_key_name = "cart_id"\n' + CARTS_HASH_TYPE, '']],
    range: [6, 0, 6, 22], marks: '[[resources.dynamodb]]',
  },
  {
    dialect: G, what: 'range key naming the hash key', code: 'key-schema-shape',
    mutation: [['hash_key_name = "customer_id"\nhash_key_type = "S"\nrange_key_name = "issued_at"\n', 'hash_key_name = "customer_id"\nhash_key_type = "S"\nrange_key_name = "customer_id"\n']],
    range: [20, 17, 20, 30], marks: '"customer_id"',
  },
  {
    dialect: G, what: 'PROVISIONED without write units', code: 'provisioned-throughput-required',
    mutation: [['write_capacity_units = 4\n', '']],
    range: [15, 0, 15, 22], marks: '[[resources.dynamodb]]',
  },
  {
    dialect: G, what: 'PROVISIONED with read units 0', code: 'provisioned-throughput-required',
    mutation: [['read_capacity_units = 8\n', 'read_capacity_units = 0\n']],
    range: [22, 22, 22, 23], marks: '0',
  },
  {
    dialect: G, what: 'PAY_PER_REQUEST table with read units', code: 'throughput-without-provisioned',
    mutation: [[CARTS_HASH_TYPE, CARTS_HASH_TYPE + 'read_capacity_units = 5\n']],
    range: [11, 0, 11, 19], marks: 'read_capacity_units',
  },
  {
    dialect: G, what: 'PAY_PER_REQUEST table whose GSI keeps its units', code: 'throughput-without-provisioned',
    mutation: [['billing_mode = "PROVISIONED"\n', 'billing_mode = "PAY_PER_REQUEST"\n'], ['read_capacity_units = 8\nwrite_capacity_units = 4\n', '']],
    range: [38, 0, 38, 19], marks: 'read_capacity_units',
  },
  {
    dialect: G, what: 'streams enabled without view type', code: 'stream-view-type',
    mutation: [['stream_view_type = "NEW_AND_OLD_IMAGES"   # KEYS_ONLY | NEW_IMAGE | OLD_IMAGE | NEW_AND_OLD_IMAGES\n', '']],
    range: [24, 17, 24, 21], marks: 'true',
  },
  {
    dialect: G, what: 'view type with streams disabled', code: 'stream-view-type',
    mutation: [['enable_streams = false\n', 'enable_streams = false\nstream_view_type = "KEYS_ONLY"\n']],
    range: [12, 0, 12, 16], marks: 'stream_view_type',
  },
  {
    dialect: G, what: 'TTL enabled without attribute', code: 'ttl-attribute',
    mutation: [['ttl_attribute_name = "expires_at"     # Number attribute, epoch seconds\n', '']],
    range: [12, 13, 12, 17], marks: 'true',
  },
  {
    dialect: G, what: 'TTL attribute with TTL disabled', code: 'ttl-attribute',
    mutation: [['enable_ttl = false\n', 'enable_ttl = false\nttl_attribute_name = "expires_at"\n']],
    range: [27, 0, 27, 18], marks: 'ttl_attribute_name',
  },
  {
    dialect: G, what: 'GSI without hash key', code: 'gsi-key-schema-shape',
    mutation: [['hash_key_name = "status"\nhash_key_type = "S"\n', '']],
    range: [32, 0, 32, 47], marks: '[[resources.dynamodb.global_secondary_indexes]]',
  },
  {
    dialect: G, what: 'GSI whose range key repeats its hash key', code: 'gsi-key-schema-shape',
    mutation: [['hash_key_name = "status"\nhash_key_type = "S"\nrange_key_name = "issued_at"\nrange_key_type = "N"\n', 'hash_key_name = "status"\nhash_key_type = "S"\nrange_key_name = "status"\nrange_key_type = "S"\n']],
    range: [36, 17, 36, 25], marks: '"status"',
  },
  {
    dialect: G, what: 'LSI whose range key is the table hash key', code: 'lsi-key-schema-shape',
    mutation: [['range_key_name = "due_at"\nrange_key_type = "N"\n', 'range_key_name = "customer_id"\nrange_key_type = "S"\n']],
    range: [45, 17, 45, 30], marks: '"customer_id"',
  },
  {
    dialect: G, what: 'LSI without range key', code: 'lsi-key-schema-shape',
    mutation: [['range_key_name = "due_at"\nrange_key_type = "N"\n', '']],
    range: [43, 0, 43, 46], marks: '[[resources.dynamodb.local_secondary_indexes]]',
  },
  {
    dialect: G, what: 'INCLUDE without non-key attributes', code: 'projection-non-key-attributes',
    mutation: [['non_key_attributes = ["total", "currency"]\n', '']],
    range: [38, 18, 38, 27], marks: '"INCLUDE"',
  },
  {
    dialect: G, what: 'KEYS_ONLY with non-key attributes', code: 'projection-non-key-attributes',
    mutation: [['projection_type = "KEYS_ONLY"\n', 'projection_type = "KEYS_ONLY"\nnon_key_attributes = ["total"]\n']],
    range: [48, 0, 48, 18], marks: 'non_key_attributes',
  },
  {
    dialect: G, what: 'GSI of a PROVISIONED table without units', code: 'gsi-throughput-matches-billing',
    mutation: [['read_capacity_units = 2\nwrite_capacity_units = 2\n', '']],
    range: [33, 0, 33, 4], marks: 'name',
  },
  {
    dialect: G, what: 'table name with a space and "!"', code: 'table-name',
    mutation: [['name = "carts"', 'name = "my carts!"']],
    range: [7, 7, 7, 18], marks: '"my carts!"',
  },
  {
    dialect: G, what: 'hash key name without type', code: 'hash-key-type',
    mutation: [[CARTS_HASH_TYPE, '']],
    range: [9, 0, 9, 13], marks: 'hash_key_name',
  },
  {
    dialect: G, what: 'range key name without type', code: 'range-key-type',
    mutation: [['range_key_type = "N"\nread_capacity_units = 8\n', 'read_capacity_units = 8\n']],
    range: [20, 0, 20, 14], marks: 'range_key_name',
    // The GSI gives issued_at the type N: the fix inserts that, not S (which would be a type conflict).
    fixes: ['Insert range_key_type = "N"'],
  },
  {
    dialect: G, what: 'GSI range key typed S where the table has it N', code: 'attribute-type-conflict',
    mutation: [['range_key_name = "issued_at"\nrange_key_type = "N"\nprojection_type', 'range_key_name = "issued_at"\nrange_key_type = "S"\nprojection_type']],
    range: [37, 17, 37, 20], marks: '"S"', fixes: ['Make "issued_at" N, as in the table\'s key'],
  },
  {
    dialect: G, what: 'GSI hash key on the table hash key with another type', code: 'attribute-type-conflict',
    mutation: [['hash_key_name = "status"\nhash_key_type = "S"\n', 'hash_key_name = "customer_id"\nhash_key_type = "N"\n']],
    range: [35, 16, 35, 19], marks: '"N"', fixes: ['Make "customer_id" S, as in the table\'s key'],
  },
  {
    dialect: G, what: 'LSI range key typed N where a GSI has it S', code: 'attribute-type-conflict',
    mutation: [['range_key_name = "due_at"\nrange_key_type = "N"\n', 'range_key_name = "status"\nrange_key_type = "N"\n']],
    range: [46, 17, 46, 20], marks: '"N"', fixes: ['Make "status" S, as in GSI "by-status"'],
  },
  {
    dialect: G, what: 'GSI hash key name without type', code: 'hash-key-type',
    mutation: [['hash_key_name = "status"\nhash_key_type = "S"\n', 'hash_key_name = "status"\n']],
    range: [34, 0, 34, 13], marks: 'hash_key_name',
  },
  {
    dialect: G, what: 'LSI range key name without type', code: 'range-key-type',
    mutation: [['range_key_name = "due_at"\nrange_key_type = "N"\n', 'range_key_name = "due_at"\n']],
    range: [45, 0, 45, 14], marks: 'range_key_name',
  },
  {
    dialect: G, what: 'index name with a space', code: 'index-name',
    mutation: [['name = "by-status"', 'name = "by status"']],
    range: [33, 7, 33, 18], marks: '"by status"',
  },
  {
    dialect: G, what: 'two indexes with one name', code: 'index-name',
    mutation: [['name = "by-due-date"', 'name = "by-status"']],
    range: [44, 7, 44, 18], marks: '"by-status"',
  },
  {
    dialect: G, what: 'LSI on a table without range key', code: 'lsi-requires-sort-key',
    mutation: [['range_key_name = "issued_at"\nrange_key_type = "N"\nread_capacity_units = 8\n', 'read_capacity_units = 8\n']],
    range: [18, 0, 18, 13], marks: 'hash_key_name',
  },
  {
    dialect: G, what: '21 GSIs', code: 'gsi-limit', mutation: t => extraIndexes(t, 'gsi', 20),
    range: [202, 0, 202, 4], marks: 'name',
  },
  {
    dialect: G, what: '6 LSIs', code: 'lsi-limit', mutation: t => extraIndexes(t, 'lsi', 5),
    range: [74, 0, 74, 4], marks: 'name',
  },
  {
    dialect: G, what: '101 projected attributes over six indexes (none over 20)', code: 'projection-attribute-limit',
    mutation: t => includeIndexes(t, [20, 20, 20, 20, 19]),
    range: [90, 21, 90, 182], marks: '["i4a0", "i4a1", "...',
  },
  {
    dialect: G, what: 'INCLUDE with an empty list', code: 'projection-non-key-attributes',
    mutation: [['non_key_attributes = ["total", "currency"]', 'non_key_attributes = []']],
    range: [39, 21, 39, 23], marks: '[]',
    fixes: ['Include "due_at" (attributes the table already names)', 'Insert non_key_attributes with a placeholder to replace', 'Change projection_type to ALL'],
  },
  {
    dialect: G, what: 'INCLUDE with 21 attributes', code: 'projection-non-key-attributes',
    mutation: [['non_key_attributes = ["total", "currency"]', `non_key_attributes = [${Array.from({ length: 21 }, (_, i) => `"a${i}"`).join(', ')}]`]],
    range: [39, 21, 39, 158], marks: '["a0", "a1", "...', fixes: ['Change projection_type to ALL'],
  },
  {
    dialect: G, what: 'TTL on a String key attribute', code: 'ttl-attribute-type',
    mutation: [['ttl_attribute_name = "expires_at"', 'ttl_attribute_name = "cart_id"']],
    range: [10, 16, 10, 19], marks: '"S"',
  },
  {
    dialect: G, what: 'KMS key without SSE', code: 'sse-kms-key',
    mutation: [['enable_ttl = true\n', 'enable_ttl = true\nkms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/carts"\n']],
    range: [13, 0, 13, 11], marks: 'kms_key_arn',
  },
  {
    dialect: G, what: 'KMS key with SSE disabled', code: 'sse-kms-key',
    mutation: [['point_in_time_recovery = true\n', 'point_in_time_recovery = true\nserver_side_encryption = false\nkms_key_arn = "arn:aws:kms:eu-west-1:111122223333:alias/invoices"\n']],
    range: [30, 0, 30, 11], marks: 'kms_key_arn',
  },
  {
    dialect: G, what: 'two tables named carts', code: 'duplicate-table',
    mutation: [['name = "invoices"', 'name = "carts"']],
    range: [16, 7, 16, 14], marks: '"carts"',
  },
  {
    dialect: G, what: 'partition key named like a status', code: 'low-cardinality-partition-key',
    mutation: [['hash_key_name = "cart_id"', 'hash_key_name = "cart_status"']],
    range: [9, 16, 9, 29], marks: '"cart_status"',
  },
  {
    dialect: G, what: 'production table with PITR off', code: 'pitr-disabled',
    mutation: [['Environment = "staging"', 'Environment = "production"'], ['point_in_time_recovery = true', 'point_in_time_recovery = false']],
    range: [28, 25, 28, 30], marks: 'false',
  },
  {
    dialect: G, what: 'production table without PITR', code: 'pitr-disabled',
    mutation: [['Environment = "staging"', 'env = "PROD"'], ['point_in_time_recovery = true\n', '']],
    range: [15, 0, 15, 22], marks: '[[resources.dynamodb]]',
  },
];
