/**
 * The schemas of the two Terraform dialects, in the shape of our JSON schemas (SchemaNode), for
 * hover, completion and the HCL schema check (hcl/check.ts): the `aws_dynamodb_table` resource
 * (hashicorp/aws provider) and the inputs of the Sourcefuse ARC DynamoDB module
 * (`sourcefuse/arc-dynamodb/aws`, its variables.tf). Values Terraform computes are never checked.
 */
import type { SchemaNode } from '../schema';

const str = (description: string, extra: Partial<SchemaNode> = {}): SchemaNode => ({ type: 'string', description, ...extra });
const num = (description: string, extra: Partial<SchemaNode> = {}): SchemaNode => ({ type: 'number', description, ...extra });
const bool = (description: string, extra: Partial<SchemaNode> = {}): SchemaNode => ({ type: 'boolean', description, ...extra });
const obj = (description: string, properties: Record<string, SchemaNode>, extra: Partial<SchemaNode> = {}): SchemaNode =>
  ({ type: 'object', description, properties, additionalProperties: false, ...extra });
const list = (description: string, items: SchemaNode): SchemaNode => ({ type: 'array', description, items });
const anyValue = (description: string): SchemaNode => ({ description });

const BILLING: Partial<SchemaNode> = {
  enum: ['PAY_PER_REQUEST', 'PROVISIONED'],
  enumDescriptions: ['On-demand: pay per request, no capacity to plan.', 'Provisioned read and write capacity units (read_capacity, write_capacity).'],
};
const ATTRIBUTE_TYPE: Partial<SchemaNode> = { enum: ['S', 'N', 'B'], enumDescriptions: ['String', 'Number', 'Binary'] };
const PROJECTION: Partial<SchemaNode> = {
  enum: ['ALL', 'KEYS_ONLY', 'INCLUDE'],
  enumDescriptions: ['Every attribute is projected.', 'Only the table and index keys.', 'The keys and the attributes in non_key_attributes.'],
};
const STREAM_VIEW: Partial<SchemaNode> = {
  enum: ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'],
  enumDescriptions: ['Only the key attributes.', 'The item after the change.', 'The item before the change.', 'The item before and after.'],
};
const TABLE_CLASS: Partial<SchemaNode> = {
  enum: ['STANDARD', 'STANDARD_INFREQUENT_ACCESS'],
  enumDescriptions: ['The default class.', 'Lower storage cost for data read rarely.'],
};

const META = {
  count: anyValue('Terraform meta-argument: how many instances to create.'),
  for_each: anyValue('Terraform meta-argument: one instance per element of a map or set.'),
  depends_on: anyValue('Terraform meta-argument: explicit dependencies.'),
  provider: anyValue('Terraform meta-argument: the provider configuration to use.'),
  lifecycle: anyValue('Terraform meta-argument block: create_before_destroy, prevent_destroy, ignore_changes.'),
};

const NAME_LIMITS: Partial<SchemaNode> = { minLength: 3, maxLength: 255, pattern: '^[A-Za-z0-9_.-]+$', ruleOwned: { minLength: 'table-name', maxLength: 'table-name', pattern: 'table-name' } };

const RESOURCE_GSI = obj('A global secondary index: its own partition key (and sort key), projection and, under PROVISIONED, its own capacity.', {
  name: str('The index name: 3-255 characters of A-Z a-z 0-9 _ - . (unique within the table).'),
  hash_key: str('The partition key of the index: an attribute defined in an attribute block.'),
  range_key: str('The sort key of the index: an attribute defined in an attribute block.'),
  hash_keys: list('Multi-attribute partition key of the index (up to 4 attributes).', str('An attribute name.')),
  range_keys: list('Multi-attribute sort key of the index (up to 4 attributes).', str('An attribute name.')),
  projection_type: str('Which attributes the index holds.', PROJECTION),
  non_key_attributes: list('Attributes projected into the index besides the keys (projection_type INCLUDE).', str('An attribute name.')),
  read_capacity: num('Read capacity units of the index (PROVISIONED).'),
  write_capacity: num('Write capacity units of the index (PROVISIONED).'),
  on_demand_throughput: anyValue('Maximum on-demand throughput of the index.'),
  warm_throughput: anyValue('Warm throughput of the index.'),
});

const RESOURCE_LSI = obj('A local secondary index: the table partition key with another sort key. Only at table creation.', {
  name: str('The index name: 3-255 characters of A-Z a-z 0-9 _ - . (unique within the table).'),
  range_key: str('The sort key of the index: an attribute defined in an attribute block.'),
  projection_type: str('Which attributes the index holds.', PROJECTION),
  non_key_attributes: list('Attributes projected into the index besides the keys (projection_type INCLUDE).', str('An attribute name.')),
});

/** An `aws_dynamodb_table` resource body. */
export const TERRAFORM_TABLE: SchemaNode = obj('An aws_dynamodb_table resource: one DynamoDB table.', {
  name: str('The table name: 3-255 characters of A-Z a-z 0-9 _ - .', NAME_LIMITS),
  billing_mode: str('How reads and writes are paid for. Default PROVISIONED.', { ...BILLING, default: 'PROVISIONED' }),
  hash_key: str('The partition key: an attribute defined in an attribute block. Changing it replaces the table.'),
  range_key: str('The sort key: an attribute defined in an attribute block. Changing it replaces the table.'),
  read_capacity: num('Read capacity units (PROVISIONED).'),
  write_capacity: num('Write capacity units (PROVISIONED).'),
  attribute: list('Attribute definitions: only the attributes used by the table or index keys, each with its type.',
    obj('One attribute definition.', { name: str('The attribute name.'), type: str('The attribute type.', ATTRIBUTE_TYPE) })),
  global_secondary_index: list('Global secondary indexes (at most 20).', RESOURCE_GSI),
  local_secondary_index: list('Local secondary indexes (at most 5, only at creation).', RESOURCE_LSI),
  ttl: obj('Time to live: items expire at the epoch seconds held in attribute_name.', {
    enabled: bool('Whether TTL is enabled.'),
    attribute_name: str('The attribute holding the expiry time (epoch seconds, type N).'),
  }),
  stream_enabled: bool('Whether DynamoDB Streams is on.'),
  stream_view_type: str('What the stream records of each change (with stream_enabled = true).', STREAM_VIEW),
  server_side_encryption: obj('Encryption at rest with a KMS key (the AWS owned key when absent).', {
    enabled: bool('Use a KMS key (the AWS managed key unless kms_key_arn is given).'),
    kms_key_arn: str('The customer managed KMS key (with enabled = true).'),
  }),
  point_in_time_recovery: obj('Continuous backups.', {
    enabled: bool('Whether point-in-time recovery is on.'),
    recovery_period_in_days: num('How many days back a restore can go (1-35).'),
  }),
  table_class: str('The storage class.', TABLE_CLASS),
  deletion_protection_enabled: bool('Whether the table refuses DeleteTable.'),
  tags: { type: 'object', description: 'Tags of the table.', additionalProperties: { type: 'string', description: 'A tag value.' } },
  tags_all: anyValue('All tags, provider default tags included (computed).'),
  replica: list('Replicas in other regions (global table, version 2019.11.21).', obj('A replica.', {
    region_name: str('The region of the replica.'),
    kms_key_arn: str('The KMS key of the replica.'),
    point_in_time_recovery: bool('Point-in-time recovery of the replica.'),
    propagate_tags: bool('Copy the table tags to the replica.'),
    consistency_mode: str('EVENTUAL or STRONG.'),
    deletion_protection_enabled: bool('Deletion protection of the replica.'),
  }, { additionalProperties: true })),
  import_table: anyValue('Create the table from an S3 import.'),
  restore_source_name: str('Restore from this table.'),
  restore_source_table_arn: str('Restore from this table ARN.'),
  restore_to_latest_time: bool('Restore to the latest restorable time.'),
  restore_date_time: str('Restore to this time.'),
  on_demand_throughput: anyValue('Maximum on-demand throughput.'),
  warm_throughput: anyValue('Warm throughput.'),
  stream_label: anyValue('Computed.'),
  region: str('The region of the table (provider 6+).'),
  timeouts: anyValue('Operation timeouts.'),
  ...META,
});

const AUTOSCALING = obj('Autoscaling of capacity (PROVISIONED).', {
  max_capacity: num('Maximum capacity units.'),
  min_capacity: num('Minimum capacity units (default 1).'),
  target_value: num('Target utilization in percent (default 70).'),
  scale_in_cooldown: num('Seconds between scale-ins (default 60).'),
  scale_out_cooldown: num('Seconds between scale-outs (default 60).'),
});

/** The inputs of a `module` block whose source is the ARC DynamoDB module. */
export const TERRAFORM_MODULE: SchemaNode = obj('The Sourcefuse ARC DynamoDB module (sourcefuse/arc-dynamodb/aws): one DynamoDB table.', {
  source: str('The module source.'),
  version: str('The module version constraint.'),
  providers: anyValue('Terraform meta-argument: provider configurations passed to the module.'),
  table_name: str('The table name: 3-255 characters of A-Z a-z 0-9 _ - .', NAME_LIMITS),
  billing_mode: str('How reads and writes are paid for. Default PAY_PER_REQUEST.', { ...BILLING, default: 'PAY_PER_REQUEST' }),
  table_class: str('The storage class. Default STANDARD.', { ...TABLE_CLASS, default: 'STANDARD' }),
  deletion_protection_enabled: bool('Whether the table refuses DeleteTable. Default false.', { default: false }),
  hash_key: str('The partition key: an attribute defined in attributes.'),
  range_key: str('The sort key: an attribute defined in attributes.'),
  attributes: list('Attribute definitions: the attributes used by the table or index keys.',
    obj('One attribute definition.', { name: str('The attribute name.'), type: str('The attribute type.', ATTRIBUTE_TYPE) })),
  read_capacity: num('Read capacity units (used only with PROVISIONED).'),
  write_capacity: num('Write capacity units (used only with PROVISIONED).'),
  autoscaling_enabled: bool('Autoscale the capacity (PROVISIONED). Default false.', { default: false }),
  autoscaling_read: AUTOSCALING,
  autoscaling_write: AUTOSCALING,
  global_secondary_indexes: list('Global secondary indexes.', obj('A global secondary index.', {
    name: str('The index name.'),
    hash_key: str('The partition key of the index.'),
    range_key: str('The sort key of the index.'),
    projection_type: str('Which attributes the index holds. Default ALL.', { ...PROJECTION, default: 'ALL' }),
    non_key_attributes: list('Attributes projected besides the keys (INCLUDE).', str('An attribute name.')),
    read_capacity: num('Read capacity units of the index (PROVISIONED).'),
    write_capacity: num('Write capacity units of the index (PROVISIONED).'),
  })),
  gsi_autoscaling_read: anyValue('Read autoscaling per GSI name.'),
  gsi_autoscaling_write: anyValue('Write autoscaling per GSI name.'),
  local_secondary_indexes: list('Local secondary indexes.', obj('A local secondary index.', {
    name: str('The index name.'),
    range_key: str('The sort key of the index.'),
    projection_type: str('Which attributes the index holds. Default ALL.', { ...PROJECTION, default: 'ALL' }),
    non_key_attributes: list('Attributes projected besides the keys (INCLUDE).', str('An attribute name.')),
  })),
  ttl_enabled: bool('Whether TTL is enabled. Default false.', { default: false }),
  ttl_attribute_name: str('The attribute holding the expiry time (epoch seconds). Default "ttl".', { default: 'ttl' }),
  stream_enabled: bool('Whether DynamoDB Streams is on. Default false.', { default: false }),
  stream_view_type: str('What the stream records (used only with stream_enabled). Default NEW_AND_OLD_IMAGES.', { ...STREAM_VIEW, default: 'NEW_AND_OLD_IMAGES' }),
  server_side_encryption_enabled: bool('Encrypt with a KMS key. Default true.', { default: true }),
  server_side_encryption_kms_key_arn: str('The customer managed KMS key.'),
  point_in_time_recovery_enabled: bool('Whether point-in-time recovery is on. Default true.', { default: true }),
  table_contributor_insights_enabled: bool('CloudWatch Contributor Insights on the table.'),
  gsi_contributor_insights_enabled: anyValue('Contributor Insights per GSI name.'),
  replica_regions: list('Replica regions (global table).', obj('A replica.', {
    region_name: str('The region.'),
    kms_key_arn: str('The KMS key of the replica.'),
    propagate_tags: bool('Copy tags to the replica.'),
    point_in_time_recovery_enabled: bool('Point-in-time recovery of the replica.'),
    table_class: str('The storage class of the replica.', TABLE_CLASS),
  })),
  import_table: anyValue('Create the table from an S3 import: s3_bucket_source, input_format, input_compression_type.'),
  tags: { type: 'object', description: 'Tags of the table.', additionalProperties: { type: 'string', description: 'A tag value.' } },
  ...META,
});

/** The root of a .tf file, for schemaAt: resources and modules by label. */
export const TERRAFORM_FILE: SchemaNode = {
  $id: 'https://dynamodb-designer.dev/schemas/terraform.schema.json',
  title: 'Terraform',
  type: 'object',
  properties: {
    resource: { type: 'object', properties: { aws_dynamodb_table: { type: 'object', additionalProperties: TERRAFORM_TABLE } }, additionalProperties: {} },
    module: { type: 'object', additionalProperties: TERRAFORM_MODULE },
  },
  additionalProperties: {},
};
