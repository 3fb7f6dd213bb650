/**
 * Export: a live table -> Terraform (HCL), as an `aws_dynamodb_table` resource or as a module
 * block of the Sourcefuse ARC DynamoDB module (`sourcefuse/arc-dynamodb/aws`). Like the other
 * exports, the text validates clean with the language service and plans as no change against the
 * table it came from: every setting whose default differs between the resource, the module and
 * the table is written out (the module encrypts with KMS and turns PITR on by default).
 * Settings the server did not report are left out, with a comment saying why.
 */
import { hclValue } from '../language/hcl/edits';
import type { LiveIndex, LiveTable } from '../model/live';

export type TerraformForm = 'resource' | 'module';

export interface TerraformExportOptions {
  readonly now?: Date;
  readonly source?: string;
  readonly header?: readonly string[];
}

/** A Terraform label (resource or module name): letters, digits, `_` and `-`, not starting with a digit. */
export function terraformLabel(name: string): string {
  const label = name.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^([^A-Za-z_])/, '_$1');
  return label || 'table';
}

type Entry = readonly [string, unknown] | { readonly block: string; readonly body: readonly Entry[] };

function render(entries: readonly Entry[], indent: string): string[] {
  const lines: string[] = [];
  // `=` aligned within each run of arguments, as `terraform fmt` does.
  let run: (readonly [string, unknown])[] = [];
  const flush = (): void => {
    const width = Math.max(0, ...run.map(([k]) => k.length));
    for (const [k, v] of run) { lines.push(`${indent}${k.padEnd(width)} = ${hclValue(v, indent)}`); }
    run = [];
  };
  for (const e of entries) {
    if (Array.isArray(e)) { run.push(e as readonly [string, unknown]); continue; }
    flush();
    const b = e as { block: string; body: readonly Entry[] };
    lines.push('', `${indent}${b.block} {`, ...render(b.body, `${indent}  `), `${indent}}`);
  }
  flush();
  return lines;
}

function keysOf(i: Pick<LiveIndex, 'keySchema'>): { hash: string[]; range: string[] } {
  return { hash: i.keySchema.filter(k => k.keyType === 'HASH').map(k => k.name), range: i.keySchema.filter(k => k.keyType === 'RANGE').map(k => k.name) };
}

function userTags(live: LiveTable): Record<string, string> | undefined {
  if (live.tags.state !== 'known') { return undefined; }
  const tags = Object.fromEntries(Object.entries(live.tags.value).filter(([k]) => !k.startsWith('aws:')));
  return Object.keys(tags).length > 0 ? tags : undefined;
}

function headerLines(live: LiveTable, options: TerraformExportOptions): string[] {
  const when = (options.now ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z');
  const head = options.header ?? [
    `Exported from DynamoDB table ${live.name}${options.source ? ` (${options.source})` : ''} by DynamoDB Designer, ${when}.`,
    'Terraform applies this file (terraform plan / apply); DynamoDB Designer checks it as you edit.',
  ];
  const notes: string[] = [];
  if (live.ttl.state === 'unknown') { notes.push(`TTL left out: ${live.ttl.reason}.`); }
  if (live.tags.state === 'unknown') { notes.push(`Tags left out: ${live.tags.reason}.`); }
  if (live.pointInTimeRecovery.state === 'unknown') { notes.push(`Point-in-time recovery left out: ${live.pointInTimeRecovery.reason}.`); }
  return [...head, ...notes].map(l => `# ${l}`);
}

function resourceEntries(live: LiveTable): Entry[] {
  const provisioned = live.billingMode === 'PROVISIONED';
  const table = keysOf(live);
  const entries: Entry[] = [['name', live.name], ['billing_mode', live.billingMode]];
  if (table.hash[0]) { entries.push(['hash_key', table.hash[0]]); }
  if (table.range[0]) { entries.push(['range_key', table.range[0]]); }
  if (provisioned && live.throughput) { entries.push(['read_capacity', live.throughput.read], ['write_capacity', live.throughput.write]); }
  entries.push(['table_class', live.tableClass], ['stream_enabled', live.stream.enabled]);
  if (live.stream.enabled && live.stream.viewType) { entries.push(['stream_view_type', live.stream.viewType]); }
  entries.push(['deletion_protection_enabled', live.deletionProtection]);
  for (const [name, type] of Object.entries(live.attributes)) { entries.push({ block: 'attribute', body: [['name', name], ['type', type]] }); }
  for (const i of [...live.globalSecondaryIndexes, ...live.localSecondaryIndexes]) {
    const k = keysOf(i);
    const body: Entry[] = [['name', i.name]];
    if (i.kind === 'GSI') {
      if (k.hash.length > 1 || k.range.length > 1) {
        body.push(['hash_keys', k.hash]);
        if (k.range.length > 0) { body.push(['range_keys', k.range]); }
      } else {
        body.push(['hash_key', k.hash[0]]);
        if (k.range[0]) { body.push(['range_key', k.range[0]]); }
      }
    } else if (k.range[0]) {
      body.push(['range_key', k.range[0]]);
    }
    body.push(['projection_type', i.projectionType]);
    if (i.projectionType === 'INCLUDE') { body.push(['non_key_attributes', [...i.nonKeyAttributes]]); }
    if (i.kind === 'GSI' && provisioned && i.throughput) { body.push(['read_capacity', i.throughput.read], ['write_capacity', i.throughput.write]); }
    entries.push({ block: i.kind === 'GSI' ? 'global_secondary_index' : 'local_secondary_index', body });
  }
  if (live.ttl.state === 'known' && live.ttl.value.enabled) {
    entries.push({ block: 'ttl', body: [['attribute_name', live.ttl.value.attributeName ?? ''], ['enabled', true]] });
  }
  if (live.sse.enabled) {
    entries.push({ block: 'server_side_encryption', body: [['enabled', true], ...(live.sse.kmsKeyArn ? [['kms_key_arn', live.sse.kmsKeyArn] as const] : [])] });
  }
  if (live.pointInTimeRecovery.state === 'known') { entries.push({ block: 'point_in_time_recovery', body: [['enabled', live.pointInTimeRecovery.value.enabled]] }); }
  const tags = userTags(live);
  if (tags) { entries.push(['tags', tags]); }
  return entries;
}

function moduleEntries(live: LiveTable): Entry[] {
  const provisioned = live.billingMode === 'PROVISIONED';
  const table = keysOf(live);
  const entries: Entry[] = [['source', 'sourcefuse/arc-dynamodb/aws'], ['table_name', live.name], ['billing_mode', live.billingMode], ['table_class', live.tableClass]];
  if (table.hash[0]) { entries.push(['hash_key', table.hash[0]]); }
  if (table.range[0]) { entries.push(['range_key', table.range[0]]); }
  entries.push(['attributes', Object.entries(live.attributes).map(([name, type]) => ({ name, type }))]);
  if (provisioned && live.throughput) { entries.push(['read_capacity', live.throughput.read], ['write_capacity', live.throughput.write]); }
  const index = (i: LiveIndex): Record<string, unknown> => {
    const k = keysOf(i);
    if (k.hash.length > 1 || k.range.length > 1) {
      throw new Error(`index ${i.name} has a multi-attribute key, which the ARC module's inputs cannot express; export it as a resource`);
    }
    const out: Record<string, unknown> = { name: i.name };
    if (i.kind === 'GSI') { out.hash_key = k.hash[0]; }
    if (k.range[0]) { out.range_key = k.range[0]; }
    out.projection_type = i.projectionType;
    if (i.projectionType === 'INCLUDE') { out.non_key_attributes = [...i.nonKeyAttributes]; }
    if (i.kind === 'GSI' && provisioned && i.throughput) { out.read_capacity = i.throughput.read; out.write_capacity = i.throughput.write; }
    return out;
  };
  if (live.globalSecondaryIndexes.length > 0) { entries.push(['global_secondary_indexes', live.globalSecondaryIndexes.map(index)]); }
  if (live.localSecondaryIndexes.length > 0) { entries.push(['local_secondary_indexes', live.localSecondaryIndexes.map(index)]); }
  entries.push(['stream_enabled', live.stream.enabled]);
  if (live.stream.enabled && live.stream.viewType) { entries.push(['stream_view_type', live.stream.viewType]); }
  if (live.ttl.state === 'known') {
    entries.push(['ttl_enabled', live.ttl.value.enabled]);
    if (live.ttl.value.enabled && live.ttl.value.attributeName) { entries.push(['ttl_attribute_name', live.ttl.value.attributeName]); }
  }
  entries.push(['server_side_encryption_enabled', live.sse.enabled]);
  if (live.sse.enabled && live.sse.kmsKeyArn) { entries.push(['server_side_encryption_kms_key_arn', live.sse.kmsKeyArn]); }
  if (live.pointInTimeRecovery.state === 'known') { entries.push(['point_in_time_recovery_enabled', live.pointInTimeRecovery.value.enabled]); }
  entries.push(['deletion_protection_enabled', live.deletionProtection]);
  const tags = userTags(live);
  if (tags) { entries.push(['tags', tags]); }
  return entries;
}

/** The live table as Terraform: an aws_dynamodb_table resource or an ARC module block. */
export function exportTerraform(live: LiveTable, form: TerraformForm, options: TerraformExportOptions = {}): string {
  const label = terraformLabel(live.name);
  const open = form === 'resource' ? `resource "aws_dynamodb_table" "${label}" {` : `module "${label}" {`;
  const body = render(form === 'resource' ? resourceEntries(live) : moduleEntries(live), '  ');
  return [...headerLines(live, options), open, ...body, '}', ''].join('\n');
}
