/**
 * Terraform's `aws_dynamodb_table` resource (`.tf`, HCL): `hash_key`/`range_key` naming
 * `attribute {}` blocks, `global_secondary_index {}` / `local_secondary_index {}` blocks, `ttl {}`,
 * `server_side_encryption {}`, `point_in_time_recovery {}`; no billing_mode means PROVISIONED.
 * A .tf file holds resources and ARC module blocks side by side: this dialect (a file with a
 * resource) and terraform-module.ts (a file with only module blocks) read both kinds, each table
 * with its own dialect. Terraform applies these files: apply and delete refuse them.
 * The reading is in hcl/terraform.ts, the parser in hcl/parser.ts (loaded by the language service).
 */
import type { LiveIndex, LiveTable } from '../../model/live';
import type { WrittenConfig } from '../formats/format';

import { RESOURCE_DETECT, TERRAFORM_VOCABULARY, readTerraform, terraformLabel, HCL } from './terraform-vocabularies';
import { unknownPointers } from '../hcl/values';
import type { DialectDefinition, WriteOptions } from './registry';
import { flatIndexRest, userTags } from './write';

function keysOf(i: Pick<LiveIndex, 'keySchema'>): { hash: string[]; range: string[] } {
  return { hash: i.keySchema.filter(k => k.keyType === 'HASH').map(k => k.name), range: i.keySchema.filter(k => k.keyType === 'RANGE').map(k => k.name) };
}

/** The live table as one aws_dynamodb_table resource (blocks for attributes, indexes, ttl, sse, pitr). */
function write(live: LiveTable, options: WriteOptions): WrittenConfig {
  const provisioned = live.billingMode === 'PROVISIONED';
  const table = keysOf(live);
  const body: Record<string, unknown> = { name: live.name, billing_mode: live.billingMode };
  if (table.hash[0]) { body.hash_key = table.hash[0]; }
  if (table.range[0]) { body.range_key = table.range[0]; }
  if (provisioned && live.throughput) { body.read_capacity = live.throughput.read; body.write_capacity = live.throughput.write; }
  body.table_class = live.tableClass;
  body.stream_enabled = live.stream.enabled;
  if (live.stream.enabled && live.stream.viewType) { body.stream_view_type = live.stream.viewType; }
  body.deletion_protection_enabled = live.deletionProtection;
  body.attribute = Object.entries(live.attributes).map(([name, type]) => ({ name, type }));
  const index = (i: LiveIndex): Record<string, unknown> => {
    const k = keysOf(i);
    const out: Record<string, unknown> = { name: i.name };
    if (i.kind === 'GSI' && (k.hash.length > 1 || k.range.length > 1)) {
      // Multi-attribute keys (provider 6.x): the list forms.
      out.hash_keys = k.hash;
      if (k.range.length > 0) { out.range_keys = k.range; }
    } else {
      if (i.kind === 'GSI') { out.hash_key = k.hash[0]; }
      if (k.range[0]) { out.range_key = k.range[0]; }
    }
    return { ...out, ...flatIndexRest(TERRAFORM_VOCABULARY, i, provisioned) };
  };
  if (live.globalSecondaryIndexes.length > 0) { body.global_secondary_index = live.globalSecondaryIndexes.map(index); }
  if (live.localSecondaryIndexes.length > 0) { body.local_secondary_index = live.localSecondaryIndexes.map(index); }
  if (live.ttl.state === 'known' && live.ttl.value.enabled && live.ttl.value.attributeName) {
    body.ttl = { attribute_name: live.ttl.value.attributeName, enabled: true };
  }
  if (live.sse.enabled) { body.server_side_encryption = { enabled: true, ...(live.sse.kmsKeyArn ? { kms_key_arn: live.sse.kmsKeyArn } : {}) }; }
  if (live.pointInTimeRecovery.state === 'known') { body.point_in_time_recovery = { enabled: live.pointInTimeRecovery.value.enabled }; }
  const tags = userTags(live);
  if (tags) { body.tags = tags; }
  return { value: { resource: { aws_dynamodb_table: { [terraformLabel(live.name)]: body } } }, header: options.header };
}

export const TERRAFORM: DialectDefinition = {
  id: 'terraform',
  label: 'Terraform resource (.tf)',
  description: 'an aws_dynamodb_table resource',
  format: HCL,

  detect: text => RESOURCE_DETECT.test(text),
  vocabulary: TERRAFORM_VOCABULARY,
  normalize: readTerraform,
  // The provider's defaults: PROVISIONED; a ttl block without `enabled` is off.
  defaults: { billingMode: 'PROVISIONED', enabled: false },
  write,
  // Values Terraform computes (variables, locals, expressions, dynamic blocks): known when it plans.
  unknown: unknownPointers,
  unknownToRules: false,
  appliedBy: 'Terraform',
  // not-applied speaks of what preview/apply leaves out: Terraform applies these files.
  rules: { skip: ['not-applied'] },
};
