/**
 * Genesys: flat TOML, one `[[resources.dynamodb]]` entry per table. Keys are flat pairs
 * (`hash_key_name` + `hash_key_type`), which become attribute definitions and key schema
 * elements (pointing at the name and the type keys). Indexes use the same flat style; an LSI's
 * HASH is the table's HASH, implicitly. The document's top-level `region` applies to all tables.
 */
import type { LiveIndex, LiveTable } from '../../model/live';
import type { AttributeSpec, IndexSpec, KeyElementSpec, Pointer, TableSpec, TagSpec } from '../../model/spec';
import type { WrittenConfig } from '../formats/format';
import { TOML } from '../formats/toml';
import { joinPointer } from '../sourcemap';
import type { ParsedConfig } from '../types';
import { FieldReader, impliedField, isObj } from './fields';
import type { Obj } from './fields';
import type { DialectDefinition, WriteOptions } from './registry';
import { flatIndexRest, singleKeys, userTags, valueComments } from './write';
import { type Vocabulary, designKeys } from './vocabulary';

const VOCABULARY: Vocabulary = {
  dialect: 'genesys',
  tables: { pointer: '/resources/dynamodb', array: true },
  name: 'name',
  region: 'region',
  billingMode: 'billing_mode',
  throughput: { read: 'read_capacity_units', write: 'write_capacity_units' },
  flatKeys: { hashName: 'hash_key_name', hashType: 'hash_key_type', rangeName: 'range_key_name', rangeType: 'range_key_type' },
  gsi: { list: 'global_secondary_indexes', name: 'name' },
  lsi: { list: 'local_secondary_indexes', name: 'name' },
  projection: { type: 'projection_type', nonKeyAttributes: 'non_key_attributes' },
  stream: { enabled: 'enable_streams', viewType: 'stream_view_type' },
  ttl: { enabled: 'enable_ttl', attributeName: 'ttl_attribute_name' },
  pitr: 'point_in_time_recovery',
  sse: { enabled: 'server_side_encryption', kmsKey: 'kms_key_arn' },
  tableClass: 'table_class',
  deletionProtection: 'deletion_protection',
  tags: 'tags',
  ttlDefaultAttribute: 'expires_at',
  order: {
    root: ['provider', 'region', 'resources'],
    table: [
      'name', 'billing_mode', 'hash_key_name', 'hash_key_type', 'range_key_name', 'range_key_type',
      'read_capacity_units', 'write_capacity_units', 'enable_streams', 'stream_view_type',
      'enable_ttl', 'ttl_attribute_name', 'point_in_time_recovery', 'deletion_protection',
      'table_class', 'server_side_encryption', 'kms_key_arn',
      'global_secondary_indexes', 'local_secondary_indexes', 'tags',
    ],
    gsi: [
      'name', 'hash_key_name', 'hash_key_type', 'range_key_name', 'range_key_type',
      'projection_type', 'non_key_attributes', 'read_capacity_units', 'write_capacity_units',
    ],
    lsi: ['name', 'range_key_name', 'range_key_type', 'projection_type', 'non_key_attributes'],
  },
};

const V = VOCABULARY;
const flat = V.flatKeys ?? { hashName: 'hash_key_name', hashType: 'hash_key_type', rangeName: 'range_key_name', rangeType: 'range_key_type' };

type KeyPairs = readonly (readonly [string, string, 'HASH' | 'RANGE'])[];
const HASH_AND_RANGE: KeyPairs = [[flat.hashName, flat.hashType, 'HASH'], [flat.rangeName, flat.rangeType, 'RANGE']];
const RANGE_ONLY: KeyPairs = [[flat.rangeName, flat.rangeType, 'RANGE']];

interface FlatKeys { readonly attributes: AttributeSpec[]; readonly keySchema: KeyElementSpec[] }

function flatKeys(r: FieldReader, obj: Obj, base: Pointer, hash: boolean): FlatKeys {
  const attributes: AttributeSpec[] = [];
  const keySchema: KeyElementSpec[] = [];
  const pairs = hash ? HASH_AND_RANGE : RANGE_ONLY;
  // Indexed, not destructured: this runs for every table and index.
  for (let i = 0; i < pairs.length; i++) {
    const nameKey = pairs[i][0];
    const typeKey = pairs[i][1];
    const keyType = pairs[i][2];
    const name = r.string(obj, nameKey, base);
    if (!name) { continue; }
    const type = r.enumeration<'S' | 'N' | 'B'>(obj, typeKey, base, 'attributeType');
    attributes.push(type ? { name, type, pointer: name.pointer } : { name, pointer: name.pointer });
    keySchema.push({ name, keyType: impliedField(keyType, name.pointer), pointer: name.pointer });
  }
  return { attributes, keySchema };
}

function index(r: FieldReader, kind: 'GSI' | 'LSI', obj: Obj, pointer: Pointer, tableHash: KeyElementSpec | undefined, attrs: AttributeSpec[]): IndexSpec {
  const keys = flatKeys(r, obj, pointer, kind === 'GSI');
  for (const a of keys.attributes) { addAttribute(attrs, a); }
  const keySchema = kind === 'LSI' && tableHash ? [tableHash, ...keys.keySchema] : keys.keySchema;
  const projectionType = r.enumeration<'ALL' | 'KEYS_ONLY' | 'INCLUDE'>(obj, V.projection.type, pointer, 'projectionType');
  const nonKey = r.stringList(obj, V.projection.nonKeyAttributes, pointer);
  const read = r.number(obj, V.throughput.read, pointer);
  const write = r.number(obj, V.throughput.write, pointer);
  return {
    kind,
    name: r.string(obj, V.gsi.name, pointer) ?? { valid: false, raw: undefined, pointer: joinPointer(pointer, V.gsi.name) },
    keySchema,
    keySchemaPointer: pointer,
    projection: projectionType || nonKey ? { type: projectionType, nonKeyAttributes: nonKey, pointer } : undefined,
    throughput: kind === 'GSI' && (read || write) ? { read, write, pointer } : undefined,
    pointer,
  };
}

/** Index keys define attributes too; the same name and type twice is one definition. */
function addAttribute(attrs: AttributeSpec[], a: AttributeSpec): void {
  const same = attrs.find(b => b.name.value === a.name.value && (b.type?.raw ?? null) === (a.type?.raw ?? null));
  if (!same) { attrs.push(a); }
}

function tags(r: FieldReader, obj: Obj, base: Pointer): { tags: TagSpec[]; pointer?: Pointer } {
  const found = r.find(obj, V.tags, base);
  if (!found || !isObj(found.value)) { return { tags: [], pointer: found?.pointer }; }
  const list: TagSpec[] = [];
  for (const key of Object.keys(found.value)) {
    const value = r.string(found.value, key, found.pointer);
    if (value) { list.push({ key, value, pointer: value.pointer }); }
  }
  return { tags: list, pointer: found.pointer };
}

function normalize(config: ParsedConfig): TableSpec[] {
  const root = config.value;
  if (!isObj(root)) { return []; }
  const r = new FieldReader(V);
  const region = r.string(root, V.region ?? 'region', '');
  const resources = root.resources;
  const entries = isObj(resources) ? resources.dynamodb : undefined;
  if (!Array.isArray(entries)) { return []; }
  const tables: TableSpec[] = [];
  entries.forEach((entry, i) => {
    if (!isObj(entry)) { return; }
    const p = `/resources/dynamodb/${i}`;
    const keys = flatKeys(r, entry, p, true);
    const attributes = [...keys.attributes];
    const tableHash = keys.keySchema.find(k => k.keyType.value === 'HASH');
    const list = (key: string, kind: 'GSI' | 'LSI'): IndexSpec[] => {
      const found = r.find(entry, key, p);
      if (!found || !Array.isArray(found.value)) { return []; }
      const out: IndexSpec[] = [];
      found.value.forEach((x, j) => { if (isObj(x)) { out.push(index(r, kind, x, joinPointer(found.pointer, j), tableHash, attributes)); } });
      return out;
    };
    const gsis = list(V.gsi.list, 'GSI');
    const lsis = list(V.lsi.list, 'LSI');
    const read = r.number(entry, V.throughput.read, p);
    const write = r.number(entry, V.throughput.write, p);
    const streamEnabled = r.boolean(entry, V.stream.enabled, p);
    const viewType = r.enumeration<'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES'>(entry, V.stream.viewType, p, 'streamViewType');
    const ttlEnabled = r.boolean(entry, V.ttl.enabled, p);
    const ttlAttribute = r.string(entry, V.ttl.attributeName, p);
    const sseEnabled = r.boolean(entry, V.sse.enabled, p);
    const sseType = V.sse.type ? r.enumeration<'KMS' | 'AES256'>(entry, V.sse.type, p, 'sseType') : undefined;
    const kms = r.string(entry, V.sse.kmsKey, p);
    const t = tags(r, entry, p);
    tables.push({
      dialect: V.dialect,
      pointer: p,
      name: r.string(entry, V.name, p),
      region,
      billingMode: r.enumeration(entry, V.billingMode, p, 'billingMode'),
      throughput: read || write ? { read, write, pointer: p } : undefined,
      attributes,
      attributesPointer: p,
      keySchema: keys.keySchema,
      keySchemaPointer: p,
      globalSecondaryIndexes: gsis,
      localSecondaryIndexes: lsis,
      stream: streamEnabled || viewType ? { enabled: streamEnabled, viewType, pointer: p } : undefined,
      ttl: ttlEnabled || ttlAttribute ? { enabled: ttlEnabled, attributeName: ttlAttribute, pointer: p } : undefined,
      pointInTimeRecovery: r.boolean(entry, V.pitr, p),
      sse: sseEnabled || sseType || kms ? { enabled: sseEnabled, type: sseType, kmsKeyId: kms, pointer: p } : undefined,
      tableClass: r.enumeration(entry, V.tableClass, p, 'tableClass'),
      deletionProtection: r.boolean(entry, V.deletionProtection, p),
      tags: t.tags,
      tagsPointer: t.pointer,
    });
  });
  return tables;
}

// ---- writing (export, new configs)

const COMMENTS = valueComments(V, [
  [V.billingMode, 'billingMode'], [flat.hashType, 'attributeType'], [flat.rangeType, 'attributeType'],
  [V.stream.viewType, 'streamViewType'], [V.projection.type, 'projectionType'], [V.tableClass, 'tableClass'],
], { [V.ttl.attributeName]: 'Number attribute, epoch seconds' });

function write(live: LiveTable, options: WriteOptions): WrittenConfig {
  const provisioned = live.billingMode === 'PROVISIONED';
  const { hash, range } = singleKeys({ name: 'table', keySchema: live.keySchema }, V.dialect);
  const entry: Record<string, unknown> = { [V.name]: live.name, [V.billingMode]: live.billingMode };
  if (hash) { entry[flat.hashName] = hash; entry[flat.hashType] = live.attributes[hash]; }
  if (range) { entry[flat.rangeName] = range; entry[flat.rangeType] = live.attributes[range]; }
  if (provisioned && live.throughput) {
    entry[V.throughput.read] = live.throughput.read;
    entry[V.throughput.write] = live.throughput.write;
  }
  entry[V.stream.enabled] = live.stream.enabled;
  if (live.stream.enabled && live.stream.viewType) { entry[V.stream.viewType] = live.stream.viewType; }
  if (live.ttl.state === 'known') {
    entry[V.ttl.enabled] = live.ttl.value.enabled;
    if (live.ttl.value.enabled && live.ttl.value.attributeName) { entry[V.ttl.attributeName] = live.ttl.value.attributeName; }
  }
  if (live.pointInTimeRecovery.state === 'known') { entry[V.pitr] = live.pointInTimeRecovery.value.enabled; }
  entry[V.deletionProtection] = live.deletionProtection;
  entry[V.tableClass] = live.tableClass;
  entry[V.sse.enabled] = live.sse.enabled;
  if (live.sse.enabled && live.sse.kmsKeyArn) { entry[V.sse.kmsKey] = live.sse.kmsKeyArn; }
  const index = (i: LiveIndex): Record<string, unknown> => {
    const keys = singleKeys(i, V.dialect);
    const out: Record<string, unknown> = { [V.gsi.name]: i.name };
    if (i.kind === 'GSI' && keys.hash) { out[flat.hashName] = keys.hash; out[flat.hashType] = live.attributes[keys.hash]; }
    if (keys.range) { out[flat.rangeName] = keys.range; out[flat.rangeType] = live.attributes[keys.range]; }
    return { ...out, ...flatIndexRest(V, i, provisioned) };
  };
  if (live.globalSecondaryIndexes.length > 0) { entry[V.gsi.list] = live.globalSecondaryIndexes.map(index); }
  if (live.localSecondaryIndexes.length > 0) { entry[V.lsi.list] = live.localSecondaryIndexes.map(index); }
  const tags = userTags(live);
  if (tags) { entry[V.tags] = tags; }
  const value = { provider: 'aws', ...(options.region ? { [V.region ?? 'region']: options.region } : {}), resources: { dynamodb: [entry] } };
  return { value, header: options.header, comments: COMMENTS };
}

const DETECT = /^[ \t]*\[\[[ \t]*resources[ \t]*\.[ \t]*dynamodb[ \t]*\]\]/m;

export const GENESYS: DialectDefinition = {
  id: 'genesys',
  label: 'genesys (TOML)',
  description: 'flat keys in [[resources.dynamodb]]',
  format: TOML,
  detect: text => DETECT.test(text),
  vocabulary: VOCABULARY,
  normalize,
  // Entities and access patterns in each table entry (src/design/read.ts).
  design: designKeys('table', 'snake_case'),
  defaults: { enabled: false },
  optIn: true,
  regionHint: 'Add region = "..." above [[resources.dynamodb]] to pin a region.',
  write,
};
