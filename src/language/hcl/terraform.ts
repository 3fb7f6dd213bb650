/**
 * Terraform (.tf, HCL) -> TableSpec[]: two dialects in one file.
 * - `resource "aws_dynamodb_table" "x" {}` (dialect `terraform`): flat `hash_key`/`range_key`
 *   naming `attribute {}` blocks, `global_secondary_index {}` / `local_secondary_index {}` blocks,
 *   `ttl {}`, `server_side_encryption {}`, `point_in_time_recovery {}`; no billing_mode means
 *   PROVISIONED (the provider's default).
 * - `module "x" { source = ".../arc-dynamodb/aws" }` (dialect `terraform-module`): the ARC module's
 *   inputs, read as the module passes them on (its main.tf): billing_mode defaults to
 *   PAY_PER_REQUEST and the capacities are passed only under PROVISIONED; stream_view_type only
 *   with stream_enabled (default NEW_AND_OLD_IMAGES), ttl_attribute_name only with ttl_enabled
 *   (default "ttl"). An explicit `null` passes null (Terraform's nullable variables).
 *
 * A value Terraform computes (HclUnknown) is an invalid Field (rules stay silent); a collection it
 * computes (`attributes = var.x`, a `dynamic` block) makes the rules on that collection silent: a
 * list that is not a list (listBroken), and for indexes one placeholder index whose every field is
 * unknown (so no attribute looks unused and no index key looks undefined).
 */
import type { AttributeSpec, Dialect, Field, IndexSpec, KeyElementSpec, Pointer, TableSpec, TagSpec } from '../../model/spec';
import { FieldReader, impliedField, isObj } from '../dialects/fields';
import type { Obj } from '../dialects/fields';
import { joinPointer } from '../sourcemap';
import type { ParsedConfig } from '../types';
import { DUPLICATE_MARK, KEY_TYPE_SUFFIX, isUnknown } from './values';
import { TERRAFORM_MODULE_VOCABULARY, TERRAFORM_VOCABULARY } from '../dialects/terraform-vocabularies';



/** A module source that is the ARC DynamoDB module (registry address, git or local path to it). */
export function isArcDynamodbSource(source: unknown): boolean {
  return typeof source === 'string' && (/(^|\/)arc-dynamodb\/aws(\/\/.*)?$/.test(source.split('?')[0]) || /terraform-aws-arc-dynamodb/.test(source));
}


/** The pointers of the table entries of a parsed .tf file, with the dialect of each. */
/** A table entry of a .tf file: an aws_dynamodb_table resource or an ARC module block. */
export interface TerraformEntry {
  readonly pointer: Pointer;
  readonly kind: 'resource' | 'module';
  /** The dialect of its TableSpec. */
  readonly dialect: Dialect;
  readonly body: Obj;
}

export function terraformTables(value: unknown): TerraformEntry[] {
  if (!isObj(value)) { return []; }
  const out: TerraformEntry[] = [];
  const resources = isObj(value.resource) ? value.resource.aws_dynamodb_table : undefined;
  if (isObj(resources)) {
    for (const [label, body] of Object.entries(resources)) {
      if (isObj(body)) { out.push({ pointer: joinPointer(joinPointer('/resource', 'aws_dynamodb_table'), label), kind: 'resource', dialect: TERRAFORM_VOCABULARY.dialect, body }); }
    }
  }
  if (isObj(value.module)) {
    for (const [label, body] of Object.entries(value.module)) {
      if (isObj(body) && isArcDynamodbSource(body.source)) { out.push({ pointer: joinPointer('/module', label), kind: 'module', dialect: TERRAFORM_MODULE_VOCABULARY.dialect, body }); }
    }
  }
  // Document order, as the findings are sorted by position anyway.
  return out;
}

const unknownField = <T>(pointer: Pointer, raw: unknown = undefined): Field<T> => ({ valid: false, raw, pointer });

/** Every occurrence of an argument (`hash_key`, then `hash_key#2`, ...). */
function occurrences(obj: Obj, key: string): string[] {
  const out = Object.prototype.hasOwnProperty.call(obj, key) ? [key] : [];
  for (let i = 2; Object.prototype.hasOwnProperty.call(obj, `${key}${DUPLICATE_MARK}${i}`); i++) { out.push(`${key}${DUPLICATE_MARK}${i}`); }
  return out;
}

/**
 * Key elements from flat `hash_key`/`range_key` (and multi-attribute `hash_keys`/`range_keys`).
 * The key type of an element lives at `<name pointer>/@keyType`: no node, so a finding on it
 * marks the argument's name, and the HCL edit writer turns a replace there into a rename
 * (hash_key <-> range_key).
 */
function flatKeyElements(r: FieldReader, obj: Obj, base: Pointer, withHash: boolean): KeyElementSpec[] {
  const out: KeyElementSpec[] = [];
  const kinds: ['hash' | 'range', 'HASH' | 'RANGE'][] = withHash ? [['hash', 'HASH'], ['range', 'RANGE']] : [['range', 'RANGE']];
  for (const [word, keyType] of kinds) {
    for (const key of occurrences(obj, `${word}_key`)) {
      const value = obj[key];
      if (value === null) { continue; }
      const name = r.string(obj, key, base);
      if (!name) { continue; }
      out.push({ name, keyType: impliedField(keyType, `${name.pointer}${KEY_TYPE_SUFFIX}`), pointer: name.pointer });
    }
    const plural = r.find(obj, `${word}_keys`, base);
    if (plural && Array.isArray(plural.value)) {
      plural.value.forEach((v, i) => {
        const p = joinPointer(plural.pointer, i);
        const name: Field<string> = typeof v === 'string' ? { valid: true, value: v, raw: v, pointer: p } : unknownField(p, v);
        out.push({ name, keyType: impliedField(keyType, p), pointer: p });
      });
    } else if (plural) {
      out.push({ name: unknownField(plural.pointer, plural.value), keyType: unknownField(plural.pointer), pointer: plural.pointer });
    }
  }
  return out;
}

function attributeList(r: FieldReader, obj: Obj, listKey: string, base: Pointer): { attributes: AttributeSpec[]; pointer: Pointer } {
  const found = r.find(obj, listKey, base);
  const pointer = found?.pointer ?? joinPointer(base, listKey);
  if (!found || !Array.isArray(found.value)) { return { attributes: [], pointer }; }
  const attributes: AttributeSpec[] = [];
  found.value.forEach((a, i) => {
    const p = joinPointer(pointer, i);
    if (!isObj(a) || isUnknown(a)) {
      attributes.push({ name: unknownField(p, a), pointer: p });
      return;
    }
    const name = r.string(a, 'name', p) ?? unknownField<string>(joinPointer(p, 'name'));
    const type = r.enumeration<'S' | 'N' | 'B'>(a, 'type', p, 'attributeType');
    attributes.push(type ? { name, type, pointer: p } : { name, pointer: p });
  });
  return { attributes, pointer };
}

/** An index standing for a computed list of indexes: every field unknown. */
function placeholderIndex(pointer: Pointer): IndexSpec {
  return {
    kind: 'GSI',
    name: unknownField(pointer),
    keySchema: [{ name: unknownField(pointer), keyType: unknownField(pointer), pointer }],
    keySchemaPointer: pointer,
    throughput: { read: unknownField(pointer), write: unknownField(pointer), pointer },
    pointer,
    computed: true,
  };
}

function indexes(
  r: FieldReader, obj: Obj, listKey: string, kind: 'GSI' | 'LSI', base: Pointer, tableHash: KeyElementSpec | undefined, withThroughput: boolean,
): { list: IndexSpec[]; placeholder?: IndexSpec } {
  const found = r.find(obj, listKey, base);
  if (!found) { return { list: [] }; }
  if (!Array.isArray(found.value)) {
    return found.value === null ? { list: [] } : { list: [], placeholder: placeholderIndex(found.pointer) };
  }
  const list: IndexSpec[] = [];
  let placeholder: IndexSpec | undefined;
  found.value.forEach((x, i) => {
    const p = joinPointer(found.pointer, i);
    if (!isObj(x) || isUnknown(x)) { placeholder = placeholderIndex(p); return; }
    const keys = flatKeyElements(r, x, p, kind === 'GSI');
    const keySchema = kind === 'LSI' && tableHash ? [tableHash, ...keys] : keys;
    const projectionType = r.enumeration<'ALL' | 'KEYS_ONLY' | 'INCLUDE'>(x, 'projection_type', p, 'projectionType');
    const nonKey = x.non_key_attributes === null ? undefined : r.stringList(x, 'non_key_attributes', p);
    const read = r.number(x, 'read_capacity', p);
    const write = r.number(x, 'write_capacity', p);
    list.push({
      kind,
      name: r.string(x, 'name', p) ?? unknownField(joinPointer(p, 'name')),
      keySchema,
      keySchemaPointer: p,
      projection: projectionType || nonKey ? { type: projectionType, nonKeyAttributes: nonKey, pointer: p } : undefined,
      throughput: kind === 'GSI' && withThroughput && (read || write) ? { read, write, pointer: p } : undefined,
      pointer: p,
    });
  });
  return { list, placeholder };
}

function tagList(r: FieldReader, obj: Obj, base: Pointer): { tags: TagSpec[]; pointer?: Pointer } {
  const found = r.find(obj, 'tags', base);
  // Tags Terraform computes (`merge(local.tags, {...})`, `var.tags`) are not known here: no tags
  // and no tags block, so a plan neither adds nor removes any.
  if (found && isUnknown(found.value)) { return { tags: [] }; }
  if (!found || !isObj(found.value)) { return { tags: [], pointer: found?.pointer }; }
  const tags: TagSpec[] = [];
  for (const key of Object.keys(found.value)) {
    const value = r.string(found.value, key, found.pointer);
    if (value) { tags.push({ key, value, pointer: value.pointer }); }
  }
  return { tags, pointer: found.pointer };
}

/** A field that is present but `null`: as if absent (Terraform's null is "not set"). */
function notNull<T>(field: Field<T> | undefined): Field<T> | undefined {
  return field && field.raw === null ? undefined : field;
}

type EntryParts = Pick<TableSpec,
  'attributes' | 'attributesPointer' | 'keySchema' | 'keySchemaPointer' | 'globalSecondaryIndexes' | 'localSecondaryIndexes'
  | 'tableClass' | 'deletionProtection' | 'tags' | 'tagsPointer'>;

/**
 * What the resource and the module entry hold alike (the module passes these inputs on to its
 * aws_dynamodb_table as they are): key schema, attribute definitions, indexes (a computed list as
 * one placeholder GSI), table class, deletion protection and tags, under the vocabulary's names.
 */
function entryParts(r: FieldReader, body: Obj, p: Pointer, gsiThroughput: boolean): EntryParts {
  const V = r.vocabulary;
  const keySchema = flatKeyElements(r, body, p, true);
  const tableHash = keySchema.find(k => k.keyType.value === 'HASH');
  const attrs = attributeList(r, body, V.attributes?.list ?? 'attribute', p);
  const gsis = indexes(r, body, V.gsi.list, 'GSI', p, tableHash, gsiThroughput);
  const lsis = indexes(r, body, V.lsi.list, 'LSI', p, tableHash, false);
  const t = tagList(r, body, p);
  return {
    attributes: attrs.attributes,
    attributesPointer: attrs.pointer,
    keySchema,
    keySchemaPointer: p,
    globalSecondaryIndexes: [...gsis.list, ...(gsis.placeholder ? [gsis.placeholder] : []), ...(lsis.placeholder ? [lsis.placeholder] : [])],
    localSecondaryIndexes: lsis.list,
    tableClass: notNull(r.enumeration(body, V.tableClass, p, 'tableClass')),
    deletionProtection: notNull(r.boolean(body, V.deletionProtection, p)),
    tags: t.tags,
    tagsPointer: t.pointer,
  };
}

function normalizeResource(body: Obj, p: Pointer): TableSpec {
  const r = new FieldReader(TERRAFORM_VOCABULARY);
  const entry = entryParts(r, body, p, true);
  const read = notNull(r.number(body, 'read_capacity', p));
  const write = notNull(r.number(body, 'write_capacity', p));
  const streamEnabled = notNull(r.boolean(body, 'stream_enabled', p));
  const viewType = notNull(r.enumeration<'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES'>(body, 'stream_view_type', p, 'streamViewType'));
  const ttl = r.block(body, 'ttl', p);
  const ttlEnabled = notNull(r.boolean(ttl.obj, 'enabled', ttl.pointer));
  const ttlAttribute = notNull(r.string(ttl.obj, 'attribute_name', ttl.pointer));
  const sse = r.block(body, 'server_side_encryption', p);
  const sseEnabled = notNull(r.boolean(sse.obj, 'enabled', sse.pointer));
  const kms = notNull(r.string(sse.obj, 'kms_key_arn', sse.pointer));
  const pitr = r.block(body, 'point_in_time_recovery', p);
  return {
    dialect: TERRAFORM_VOCABULARY.dialect,
    pointer: p,
    name: notNull(r.string(body, 'name', p)),
    billingMode: notNull(r.enumeration(body, 'billing_mode', p, 'billingMode')),
    throughput: read || write ? { read, write, pointer: p } : undefined,
    ...entry,
    stream: streamEnabled || viewType ? { enabled: streamEnabled, viewType, pointer: p } : undefined,
    // A ttl block without `enabled` is disabled (the provider's default).
    ttl: ttl.present && isObj(ttl.obj)
      ? { enabled: ttlEnabled ?? impliedField(false, ttl.pointer), attributeName: ttlAttribute, pointer: ttl.pointer }
      : ttl.present ? { enabled: unknownField(ttl.pointer), pointer: ttl.pointer } : undefined,
    pointInTimeRecovery: notNull(r.boolean(pitr.obj, 'enabled', pitr.pointer)),
    sse: sse.present ? { enabled: isObj(sse.obj) ? sseEnabled : unknownField(sse.pointer), kmsKeyId: kms, pointer: sse.pointer } : undefined,
  };
}

function normalizeModule(body: Obj, p: Pointer): TableSpec {
  const r = new FieldReader(TERRAFORM_MODULE_VOCABULARY);
  const billing = notNull(r.enumeration<'PAY_PER_REQUEST' | 'PROVISIONED'>(body, 'billing_mode', p, 'billingMode'));
  // The module passes capacities on only under PROVISIONED (else they are ignored, not an error).
  const provisioned = billing?.valid === true && billing.value === 'PROVISIONED';
  const entry = entryParts(r, body, p, provisioned);
  const read = provisioned ? notNull(r.number(body, 'read_capacity', p)) : undefined;
  const write = provisioned ? notNull(r.number(body, 'write_capacity', p)) : undefined;
  const streamEnabled = notNull(r.boolean(body, 'stream_enabled', p));
  const streamOn = streamEnabled?.valid === true && streamEnabled.value;
  const viewRaw = r.find(body, 'stream_view_type', p);
  const viewType = streamOn
    ? (viewRaw
      ? notNull(r.enumeration<'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES'>(body, 'stream_view_type', p, 'streamViewType'))
      : impliedField('NEW_AND_OLD_IMAGES' as const, streamEnabled.pointer))
    : undefined;
  const ttlEnabled = notNull(r.boolean(body, 'ttl_enabled', p));
  const ttlOn = ttlEnabled?.valid === true && ttlEnabled.value;
  const ttlRaw = r.find(body, 'ttl_attribute_name', p);
  const ttlAttribute = ttlOn ? (ttlRaw ? notNull(r.string(body, 'ttl_attribute_name', p)) : impliedField('ttl', ttlEnabled.pointer)) : undefined;
  const sseEnabled = notNull(r.boolean(body, 'server_side_encryption_enabled', p));
  const kms = notNull(r.string(body, 'server_side_encryption_kms_key_arn', p));
  return {
    dialect: TERRAFORM_MODULE_VOCABULARY.dialect,
    pointer: p,
    name: notNull(r.string(body, 'table_name', p)),
    billingMode: billing ?? impliedField('PAY_PER_REQUEST' as const, p),
    throughput: read || write ? { read, write, pointer: p } : undefined,
    ...entry,
    stream: streamEnabled ? { enabled: streamEnabled, viewType, pointer: p } : undefined,
    ttl: ttlEnabled ? { enabled: ttlEnabled, attributeName: ttlAttribute, pointer: p } : undefined,
    pointInTimeRecovery: notNull(r.boolean(body, 'point_in_time_recovery_enabled', p)) ?? impliedField(true, p),
    // The module encrypts with KMS unless told not to (server_side_encryption_enabled defaults to true).
    sse: sseEnabled || kms ? { enabled: sseEnabled ?? impliedField(true, p), kmsKeyId: kms, pointer: p } : undefined,
  };
}

export function normalizeTerraform(config: ParsedConfig): TableSpec[] {
  return terraformTables(config.value).map(t => (t.kind === 'resource' ? normalizeResource(t.body, t.pointer) : normalizeModule(t.body, t.pointer)));
}

