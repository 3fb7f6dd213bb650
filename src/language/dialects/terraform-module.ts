/**
 * The Sourcefuse ARC DynamoDB Terraform module (`module "x" { source = ".../arc-dynamodb/aws" }`,
 * `.tf`): its inputs (table_name, billing_mode, hash_key, range_key, attributes = [{name, type}],
 * global_secondary_indexes = [...], stream_*, ttl_*, server_side_encryption_enabled, ...), read as
 * the module passes them on to its aws_dynamodb_table (hcl/terraform.ts). A file with a resource
 * too is read by terraform.ts (both kinds, each table with its own dialect). Terraform applies
 * these files: apply and delete refuse them.
 */
import type { LiveIndex, LiveTable } from '../../model/live';
import type { WrittenConfig } from '../formats/format';

import { ARC_MODULE_SOURCE, MODULE_DETECT, TERRAFORM_MODULE_VOCABULARY, readTerraform, terraformLabel, HCL } from './terraform-vocabularies';
import { unknownPointers } from '../hcl/values';
import type { DialectDefinition, WriteOptions } from './registry';
import { flatIndexRest, singleKeys, userTags } from './write';

/** The live table as one module block; every input whose default differs from the table is written. */
function write(live: LiveTable, options: WriteOptions): WrittenConfig {
  const provisioned = live.billingMode === 'PROVISIONED';
  const table = singleKeys({ name: 'table', keySchema: live.keySchema }, 'terraform-module');
  const body: Record<string, unknown> = { source: ARC_MODULE_SOURCE, table_name: live.name, billing_mode: live.billingMode, table_class: live.tableClass };
  if (table.hash) { body.hash_key = table.hash; }
  if (table.range) { body.range_key = table.range; }
  body.attributes = Object.entries(live.attributes).map(([name, type]) => ({ name, type }));
  if (provisioned && live.throughput) { body.read_capacity = live.throughput.read; body.write_capacity = live.throughput.write; }
  const index = (i: LiveIndex): Record<string, unknown> => {
    const k = singleKeys(i, 'terraform-module');
    const out: Record<string, unknown> = { name: i.name };
    if (i.kind === 'GSI' && k.hash) { out.hash_key = k.hash; }
    if (k.range) { out.range_key = k.range; }
    return { ...out, ...flatIndexRest(TERRAFORM_MODULE_VOCABULARY, i, provisioned) };
  };
  if (live.globalSecondaryIndexes.length > 0) { body.global_secondary_indexes = live.globalSecondaryIndexes.map(index); }
  if (live.localSecondaryIndexes.length > 0) { body.local_secondary_indexes = live.localSecondaryIndexes.map(index); }
  body.stream_enabled = live.stream.enabled;
  if (live.stream.enabled && live.stream.viewType) { body.stream_view_type = live.stream.viewType; }
  if (live.ttl.state === 'known') {
    body.ttl_enabled = live.ttl.value.enabled;
    if (live.ttl.value.enabled && live.ttl.value.attributeName) { body.ttl_attribute_name = live.ttl.value.attributeName; }
  }
  // The module's defaults are true for both: written out either way.
  body.server_side_encryption_enabled = live.sse.enabled;
  if (live.sse.enabled && live.sse.kmsKeyArn) { body.server_side_encryption_kms_key_arn = live.sse.kmsKeyArn; }
  if (live.pointInTimeRecovery.state === 'known') { body.point_in_time_recovery_enabled = live.pointInTimeRecovery.value.enabled; }
  body.deletion_protection_enabled = live.deletionProtection;
  const tags = userTags(live);
  if (tags) { body.tags = tags; }
  return { value: { module: { [terraformLabel(live.name)]: body } }, header: options.header };
}

export const TERRAFORM_MODULE: DialectDefinition = {
  id: 'terraform-module',
  label: 'Terraform ARC module (.tf)',
  description: 'a module block of sourcefuse/arc-dynamodb/aws',
  format: HCL,

  detect: text => MODULE_DETECT.test(text),
  vocabulary: TERRAFORM_MODULE_VOCABULARY,
  normalize: readTerraform,
  // The module's defaults: billing_mode PAY_PER_REQUEST; stream and TTL off.
  defaults: { billingMode: 'PAY_PER_REQUEST', enabled: false },
  limits: { singleAttributeGsiKeys: true },
  write,
  // Values Terraform computes (variables, locals, expressions, dynamic blocks): known when it plans.
  unknown: unknownPointers,
  unknownToRules: false,
  appliedBy: 'Terraform',
  // not-applied speaks of what preview/apply leaves out: Terraform applies these files.
  rules: { skip: ['not-applied'] },
};
