/**
 * The light half of the Terraform dialects, which the activation entry bundles with the dialect
 * registry: their vocabularies (key names by meaning), detection, table labels, and the slot the
 * language service fills with the reader (hcl/terraform.ts, loaded with the HCL format: the
 * normalizer stays out of the entry bundle).
 */
import type { TableSpec } from '../../model/spec';
import type { FormatDefinition } from '../formats/format';
import type { Vocabulary } from './vocabulary';
import type { ParsedConfig } from '../types';

/**
 * The key names both Terraform dialects share: the ARC module passes these inputs on to its
 * aws_dynamodb_table under the resource's own argument names.
 */
const TERRAFORM_KEY_NAMES = {
  billingMode: 'billing_mode',
  throughput: { read: 'read_capacity', write: 'write_capacity' },
  keyNames: { hash: 'hash_key', range: 'range_key' },
  projection: { type: 'projection_type', nonKeyAttributes: 'non_key_attributes' },
  stream: { enabled: 'stream_enabled', viewType: 'stream_view_type' },
  tableClass: 'table_class',
  deletionProtection: 'deletion_protection_enabled',
  tags: 'tags',
  ttlDefaultAttribute: 'expires_at',
} as const satisfies Partial<Vocabulary>;

/** The key order of an attribute and of an index entry, the same in the resource's blocks and the module's objects. */
const TERRAFORM_ENTRY_ORDER = {
  attribute: ['name', 'type'],
  gsi: ['name', 'hash_key', 'range_key', 'projection_type', 'non_key_attributes', 'read_capacity', 'write_capacity'],
  lsi: ['name', 'range_key', 'projection_type', 'non_key_attributes'],
} as const;

/**
 * The lists of attributes, GSIs and LSIs: the resource's repeated blocks and the module's lists of
 * objects have the same entries (`name`, and an attribute's `type`), under their own list names.
 */
function entryLists(attributes: string, gsi: string, lsi: string): Pick<Vocabulary, 'attributes' | 'gsi' | 'lsi'> {
  return { attributes: { list: attributes, name: 'name', type: 'type' }, gsi: { list: gsi, name: 'name' }, lsi: { list: lsi, name: 'name' } };
}

/** Terraform's aws_dynamodb_table resource (HCL): flat keys, repeated blocks for attributes and indexes. */
export const TERRAFORM_VOCABULARY: Vocabulary = {
  dialect: 'terraform',
  tables: { pointer: '/resource/aws_dynamodb_table', array: false },
  ...TERRAFORM_KEY_NAMES,
  name: 'name',
  ...entryLists('attribute', 'global_secondary_index', 'local_secondary_index'),
  ttl: { block: 'ttl', enabled: 'enabled', attributeName: 'attribute_name' },
  pitr: 'point_in_time_recovery',
  sse: { block: 'server_side_encryption', enabled: 'enabled', kmsKey: 'kms_key_arn' },
  order: {
    table: [
      'name', 'billing_mode', 'hash_key', 'range_key', 'read_capacity', 'write_capacity', 'table_class',
      'stream_enabled', 'stream_view_type', 'deletion_protection_enabled', 'attribute', 'global_secondary_index',
      'local_secondary_index', 'ttl', 'server_side_encryption', 'point_in_time_recovery', 'replica', 'tags',
    ],
    ...TERRAFORM_ENTRY_ORDER,
    ttl: ['attribute_name', 'enabled'],
    sse: ['enabled', 'kms_key_arn'],
  },
};

/** The Sourcefuse ARC DynamoDB Terraform module's inputs (HCL): flat, lists of objects. */
export const TERRAFORM_MODULE_VOCABULARY: Vocabulary = {
  dialect: 'terraform-module',
  tables: { pointer: '/module', array: false },
  ...TERRAFORM_KEY_NAMES,
  name: 'table_name',
  ...entryLists('attributes', 'global_secondary_indexes', 'local_secondary_indexes'),
  ttl: { enabled: 'ttl_enabled', attributeName: 'ttl_attribute_name' },
  pitr: 'point_in_time_recovery_enabled',
  sse: { enabled: 'server_side_encryption_enabled', kmsKey: 'server_side_encryption_kms_key_arn' },
  order: {
    table: [
      'source', 'version', 'table_name', 'billing_mode', 'table_class', 'hash_key', 'range_key', 'attributes',
      'read_capacity', 'write_capacity', 'autoscaling_enabled', 'autoscaling_read', 'autoscaling_write',
      'global_secondary_indexes', 'local_secondary_indexes', 'stream_enabled', 'stream_view_type', 'ttl_enabled',
      'ttl_attribute_name', 'server_side_encryption_enabled', 'server_side_encryption_kms_key_arn',
      'point_in_time_recovery_enabled', 'deletion_protection_enabled', 'replica_regions', 'import_table', 'tags',
    ],
    ...TERRAFORM_ENTRY_ORDER,
  },
};

/** The ARC DynamoDB module's registry address (what an export writes). */
export const ARC_MODULE_SOURCE = 'sourcefuse/arc-dynamodb/aws';

/** A file with an aws_dynamodb_table resource (a look before parsing: the activation entry uses it). */
export const RESOURCE_DETECT = /^\s*resource\s+"aws_dynamodb_table"\s+"/m;
/** A file with a module block whose source is the ARC DynamoDB module. */
export const MODULE_DETECT = /^\s*source\s*=\s*"[^"\n]*(arc-dynamodb\/aws|terraform-aws-arc-dynamodb)[^"\n]*"/m;

/** A Terraform label (resource or module name) for a table name: letters, digits, `_`, `-`; not starting with a digit. */
export function terraformLabel(name: string): string {
  const label = name.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^([^A-Za-z_])/, '_$1');
  return label || 'table';
}

type Reader = (config: ParsedConfig) => TableSpec[];
let reader: Reader | undefined;

/** Set by formats/index.ts (the HCL format's operations) to hcl/terraform.ts's normalizer. */
export function setTerraformReader(read: Reader): void {
  reader = read;
}

/** The tables of a parsed .tf file (both dialects); the HCL format must be loaded (the language service loads it). */
export function readTerraform(config: ParsedConfig): TableSpec[] {
  if (!reader) { throw new Error('the HCL format is not loaded'); }
  return reader(config);
}

/**
 * The format of the Terraform dialects, HCL: `.tf` files, recognized by file name only; in VS Code
 * the `terraform` language (package.json contributes it with a minimal grammar).
 */
export const HCL: FormatDefinition = {
  id: 'hcl',
  label: 'Terraform',
  extensions: ['tf'],
  // The id HashiCorp's extension uses too: diagnostics attach with or without it.
  languageIds: ['terraform'],
  schemaComment: /^\s*#:schema\s+(\S+)/,
};
