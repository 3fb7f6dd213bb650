/**
 * CloudFormation and SAM templates (YAML with short-form tags, or JSON): every resource of type
 * `AWS::DynamoDB::Table`, `AWS::Serverless::SimpleTable` or `AWS::DynamoDB::GlobalTable` is a
 * table. Its `Properties` use the component dialect's keys in PascalCase, so the structured
 * reader (structured.ts) reads them with the CloudFormation vocabulary; what CloudFormation spells
 * differently (a stream on by the presence of its block, point-in-time recovery in a block of its
 * own, tags as a `{ Key, Value }` list, SAM's `PrimaryKey`) is read here.
 *
 * Intrinsic functions (`!Ref`, `!If`, `Fn::Sub`, ... and `Condition`) are values the template
 * does not know: their pointers are "unknown" (`unknownPointers`), the service treats them as
 * reported (rules that need the value say nothing) and drops schema findings at or under them. A
 * list that holds an intrinsic element (an `!If` that adds or removes an element) is unknown as a
 * whole, and so is a mapping with an `Fn::Transform`/`Fn::ForEach` key (it may add any key).
 */
import type { LiveIndex, LiveTable } from '../../model/live';
import { type AttributeType, type Field, type IndexSpec, type Pointer, type TableSpec, type TagSpec, everyKeyElement } from '../../model/spec';
import type { WrittenConfig } from '../formats/format';
import { YAML } from '../formats/yaml';
import { joinPointer } from '../sourcemap';
import type { ParsedConfig } from '../types';
import { FieldReader, impliedField, isObj } from './fields';
import type { Obj } from './fields';
import type { DialectDefinition, WriteOptions } from './registry';
import { apiKeyNames, apiTableOrder, normalizeEntry } from './structured';
import type { Vocabulary } from './vocabulary';
import { type Plain, listTableComments, userTags } from './write';

/**
 * The `Properties` of an `AWS::DynamoDB::Table`: the DynamoDB API's names (the component dialect's
 * keys are the same in camelCase). A stream is on when `StreamSpecification` is present
 * (`StreamEnabled` is never read: CloudFormation has no such key), point-in-time recovery sits in
 * a block of its own and tags are a list of `{ Key, Value }`: read below.
 */
const VOCABULARY: Vocabulary = {
  dialect: 'cloudformation',
  tables: { pointer: '/Resources', array: false },
  ...apiKeyNames('PascalCase'),
  pitrBlock: 'PointInTimeRecoverySpecification',
  order: {
    root: ['AWSTemplateFormatVersion', 'Transform', 'Description', 'Parameters', 'Mappings', 'Conditions', 'Resources', 'Outputs'],
    table: apiTableOrder('PascalCase', ['StreamSpecification', 'SSESpecification', 'PointInTimeRecoverySpecification', 'TimeToLiveSpecification']),
    // The other blocks' order is the one their keys are named in (vocabulary.ts blockOrder).
    stream: ['StreamViewType'],
    ttl: ['AttributeName', 'Enabled'],
  },
};

export const TABLE_TYPE = 'AWS::DynamoDB::Table';
export const SIMPLE_TABLE_TYPE = 'AWS::Serverless::SimpleTable';
export const GLOBAL_TABLE_TYPE = 'AWS::DynamoDB::GlobalTable';
export const TABLE_TYPES: readonly string[] = [TABLE_TYPE, SIMPLE_TABLE_TYPE, GLOBAL_TABLE_TYPE];

/** `{ Ref: x }`, `{ Condition: x }`, `{ 'Fn::If': [...] }`: one key naming an intrinsic function. */
export function isIntrinsic(value: unknown): boolean {
  if (!isObj(value)) { return false; }
  const keys = Object.keys(value);
  return keys.length === 1 && isIntrinsicKey(keys[0]);
}

function isIntrinsicKey(key: string): boolean {
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::');
}

/** The pointers of every value the template leaves to CloudFormation (see the module comment). */
export function unknownPointers(value: unknown): Set<Pointer> {
  const out = new Set<Pointer>();
  const visit = (node: unknown, pointer: Pointer, depth: number): boolean => {
    if (depth > 200) { return false; }
    if (isIntrinsic(node)) { out.add(pointer); return true; }
    if (Array.isArray(node)) {
      let any = false;
      node.forEach((x, i) => { if (visit(x, joinPointer(pointer, i), depth + 1) && isIntrinsic(x)) { any = true; } });
      if (any) { out.add(pointer); }
      return false;
    }
    if (isObj(node)) {
      if (Object.keys(node).some(k => k.startsWith('Fn::'))) { out.add(pointer); }
      for (const [k, v] of Object.entries(node)) { visit(v, joinPointer(pointer, k), depth + 1); }
    }
    return false;
  };
  visit(value, '', 0);
  return out;
}

/** Where the table resources are: `[logicalId, pointer of Properties, type]`. */
export function tableResources(root: unknown): { id: string; type: string; properties: Obj; pointer: Pointer }[] {
  if (!isObj(root) || !isObj(root.Resources)) { return []; }
  const out: { id: string; type: string; properties: Obj; pointer: Pointer }[] = [];
  for (const [id, r] of Object.entries(root.Resources)) {
    if (!isObj(r) || typeof r.Type !== 'string' || !TABLE_TYPES.includes(r.Type)) { continue; }
    const base = joinPointer(joinPointer('/Resources', id), 'Properties');
    // A table without Properties (SAM's SimpleTable may have none) reads as an empty block.
    const properties = r.Properties === undefined || r.Properties === null ? {} : r.Properties;
    if (!isObj(properties) || isIntrinsic(properties)) { continue; }
    out.push({ id, type: r.Type, properties: coerce(properties) as Obj, pointer: base });
  }
  return out;
}

const NUMBER_KEYS = new Set(['ReadCapacityUnits', 'WriteCapacityUnits']);
const BOOLEAN_KEYS = new Set(['Enabled', 'SSEEnabled', 'PointInTimeRecoveryEnabled', 'DeletionProtectionEnabled']);

/**
 * CloudFormation takes `"5"` for a number and `"true"` for a boolean: the plain value with those
 * read as what they stand for (same shape, so pointers hold).
 */
function coerce(node: unknown, key?: string): unknown {
  if (Array.isArray(node)) { return node.map(x => coerce(x)); }
  if (isObj(node)) {
    if (isIntrinsic(node)) { return node; }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) { Object.defineProperty(out, k, { value: coerce(v, k), enumerable: true, writable: true, configurable: true }); }
    return out;
  }
  if (typeof node === 'string' && key !== undefined) {
    if (NUMBER_KEYS.has(key) && /^[0-9]+$/.test(node)) { return Number(node); }
    if (BOOLEAN_KEYS.has(key) && /^(true|false)$/i.test(node)) { return node.toLowerCase() === 'true'; }
  }
  return node;
}

function unknownField<T>(pointer: Pointer, raw: unknown): Field<T> {
  return { valid: false, raw, pointer };
}

/** An index standing for what an intrinsic may add to an index list: nothing of it is known. */
function unknownIndex(kind: 'GSI' | 'LSI', pointer: Pointer, raw: unknown): IndexSpec {
  return {
    kind,
    name: unknownField(pointer, raw),
    keySchema: [{ name: unknownField(pointer, raw), keyType: unknownField(pointer, raw), pointer }],
    keySchemaPointer: pointer,
    projection: { type: unknownField(pointer, raw), nonKeyAttributes: unknownField(pointer, raw), pointer },
    throughput: { read: unknownField(pointer, raw), write: unknownField(pointer, raw), pointer },
    pointer,
  };
}

/** The index list with intrinsic elements (or an intrinsic list) as unknown indexes. */
function indexesOf(kind: 'GSI' | 'LSI', read: readonly IndexSpec[], props: Obj, key: string, base: Pointer): IndexSpec[] {
  const list = props[key];
  const listPointer = joinPointer(base, key);
  if (isIntrinsic(list)) { return [unknownIndex(kind, listPointer, list)]; }
  if (!Array.isArray(list)) { return [...read]; }
  return read.map(i => {
    const at = Number(i.pointer.slice(listPointer.length + 1));
    return isIntrinsic(list[at]) ? unknownIndex(kind, i.pointer, list[at]) : i;
  });
}

function tagList(r: FieldReader, props: Obj, base: Pointer): { tags: TagSpec[]; pointer?: Pointer } {
  const found = r.find(props, 'Tags', base);
  if (!found) { return { tags: [] }; }
  const tags: TagSpec[] = [];
  if (Array.isArray(found.value)) {
    found.value.forEach((t, i) => {
      const p = joinPointer(found.pointer, i);
      if (!isObj(t) || typeof t.Key !== 'string') { return; }
      const value = r.string(t, 'Value', p);
      if (value) { tags.push({ key: t.Key, value, pointer: value.pointer }); }
    });
  } else if (isObj(found.value) && !isIntrinsic(found.value)) {
    // SAM's SimpleTable: a mapping of key to value.
    for (const key of Object.keys(found.value)) {
      const value = r.string(found.value, key, found.pointer);
      if (value) { tags.push({ key, value, pointer: value.pointer }); }
    }
  }
  return { tags, pointer: found.pointer };
}

function pitrOf(r: FieldReader, props: Obj, base: Pointer): Field<boolean> | undefined {
  const b = r.block(props, VOCABULARY.pitrBlock, base);
  if (!b.present) { return undefined; }
  if (!b.obj || isIntrinsic(b.obj)) { return unknownField(b.pointer, b.obj); }
  return r.boolean(b.obj, VOCABULARY.pitr, b.pointer);
}

/** `AWS::DynamoDB::Table` (and the parts of `AWS::DynamoDB::GlobalTable` it shares). */
function readTable(props: Obj, p: Pointer, global: boolean): TableSpec {
  const V = VOCABULARY;
  const r = new FieldReader(VOCABULARY);
  const base = normalizeEntry(V, props, p);
  const s = r.block(props, 'StreamSpecification', p);
  // No StreamSpecification is no stream (CloudFormation has no "enabled" key for it).
  const stream: TableSpec['stream'] = !s.present
    ? global ? undefined : { enabled: impliedField(false, s.pointer), pointer: s.pointer }
    : s.obj && !isIntrinsic(s.obj)
      ? { enabled: impliedField(true, s.pointer), viewType: r.enumeration(s.obj, 'StreamViewType', s.pointer, 'streamViewType'), pointer: s.pointer }
      : { enabled: unknownField(s.pointer, s.obj), pointer: s.pointer };
  const throughput = (tp: TableSpec['throughput'], at: Pointer): TableSpec['throughput'] =>
    tp && isIntrinsic(props[V.throughput.block ?? '']) ? { read: unknownField(at, undefined), write: unknownField(at, undefined), pointer: at } : tp;
  const tags = tagList(r, props, p);
  let billingMode = base.billingMode;
  if (global && (billingMode === undefined || (billingMode.valid && billingMode.value === 'PROVISIONED'))) {
    // A global table's provisioned capacity is in WriteProvisionedThroughputSettings and per
    // replica, which the rules do not read: its billing stays unknown to them.
    billingMode = unknownField(billingMode?.pointer ?? joinPointer(p, V.billingMode), billingMode?.raw);
  }
  return {
    ...base,
    billingMode,
    throughput: global ? undefined : throughput(base.throughput, base.throughput?.pointer ?? joinPointer(p, 'ProvisionedThroughput')),
    globalSecondaryIndexes: indexesOf('GSI', base.globalSecondaryIndexes, props, V.gsi.list, p),
    localSecondaryIndexes: indexesOf('LSI', base.localSecondaryIndexes, props, V.lsi.list, p),
    stream,
    pointInTimeRecovery: global ? undefined : pitrOf(r, props, p),
    tags: global ? [] : tags.tags,
    tagsPointer: global ? undefined : tags.pointer,
  };
}

const SAM_TYPES: Readonly<Record<string, AttributeType>> = { String: 'S', Number: 'N', Binary: 'B' };

/** `AWS::Serverless::SimpleTable`: a HASH key (`PrimaryKey`, default `id` String), on-demand unless it has throughput. */
function readSimpleTable(props: Obj, p: Pointer): TableSpec {
  const V = VOCABULARY;
  const r = new FieldReader(VOCABULARY);
  const pk = r.block(props, 'PrimaryKey', p);
  const known = pk.obj && !isIntrinsic(pk.obj) ? pk.obj : undefined;
  const name: Field<string> = !pk.present
    ? impliedField('id', p)
    : known ? r.string(known, 'Name', pk.pointer) ?? unknownField(joinPointer(pk.pointer, 'Name'), undefined) : unknownField(pk.pointer, pk.obj);
  const rawType = known ? known.Type : pk.present ? undefined : 'String';
  const typePointer = known && known.Type !== undefined ? joinPointer(pk.pointer, 'Type') : pk.pointer;
  const type: Field<AttributeType> = typeof rawType === 'string' && SAM_TYPES[rawType]
    ? { valid: true, value: SAM_TYPES[rawType], raw: rawType, pointer: typePointer }
    : unknownField(typePointer, rawType);
  const tp = r.block(props, 'ProvisionedThroughput', p);
  const throughput = tp.present
    ? tp.obj && !isIntrinsic(tp.obj)
      ? { read: r.number(tp.obj, 'ReadCapacityUnits', tp.pointer), write: r.number(tp.obj, 'WriteCapacityUnits', tp.pointer), pointer: tp.pointer }
      : { read: unknownField<number>(tp.pointer, tp.obj), write: unknownField<number>(tp.pointer, tp.obj), pointer: tp.pointer }
    : undefined;
  const sse = r.block(props, 'SSESpecification', p);
  const tags = tagList(r, props, p);
  return {
    dialect: 'cloudformation',
    pointer: p,
    name: r.string(props, V.name, p),
    billingMode: impliedField(throughput ? 'PROVISIONED' : 'PAY_PER_REQUEST', p),
    throughput,
    attributes: [{ name, type, pointer: pk.present ? pk.pointer : p }],
    attributesPointer: p,
    keySchema: [{ name, keyType: impliedField('HASH', pk.present ? pk.pointer : p), pointer: pk.present ? pk.pointer : p }],
    keySchemaPointer: p,
    globalSecondaryIndexes: [],
    localSecondaryIndexes: [],
    pointInTimeRecovery: pitrOf(r, props, p),
    sse: sse.present ? { enabled: r.boolean(sse.obj, 'SSEEnabled', sse.pointer), pointer: sse.pointer } : undefined,
    tags: tags.tags,
    tagsPointer: tags.pointer,
  };
}

export function normalizeCloudFormation(config: ParsedConfig): TableSpec[] {
  return tableResources(config.value).map(t => {
    switch (t.type) {
      case SIMPLE_TABLE_TYPE: return readSimpleTable(t.properties, t.pointer);
      case GLOBAL_TABLE_TYPE: return readTable(t.properties, t.pointer, true);
      default: return readTable(t.properties, t.pointer, false);
    }
  });
}

/** The logical id of a table in a template: `orders-v2` -> `OrdersV2Table`. */
export function logicalId(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean).map(w => w[0].toUpperCase() + w.slice(1));
  const id = words.join('') || 'My';
  return `${/^[0-9]/.test(id) ? 'T' : ''}${id}Table`;
}

function properties(live: LiveTable): Record<string, Plain> {
  const provisioned = live.billingMode === 'PROVISIONED';
  const keySchema = (keys: LiveTable['keySchema']): Plain[] => keys.map(k => ({ AttributeName: k.name, KeyType: k.keyType }));
  const throughput = (t: { read: number; write: number }): Record<string, Plain> => ({ ReadCapacityUnits: t.read, WriteCapacityUnits: t.write });
  const index = (i: LiveIndex): Record<string, Plain> => {
    const projection: Record<string, Plain> = { ProjectionType: i.projectionType };
    if (i.projectionType === 'INCLUDE') { projection.NonKeyAttributes = [...i.nonKeyAttributes]; }
    const out: Record<string, Plain> = { IndexName: i.name, KeySchema: keySchema(i.keySchema), Projection: projection };
    if (i.kind === 'GSI' && provisioned && i.throughput) { out.ProvisionedThroughput = throughput(i.throughput); }
    return out;
  };
  const used = new Set(everyKeyElement(live).map(k => k.name));
  const p: Record<string, Plain> = { TableName: live.name, BillingMode: live.billingMode };
  if (provisioned && live.throughput) { p.ProvisionedThroughput = throughput(live.throughput); }
  p.AttributeDefinitions = Object.entries(live.attributes).filter(([n]) => used.has(n)).map(([n, t]) => ({ AttributeName: n, AttributeType: t }));
  p.KeySchema = keySchema(live.keySchema);
  if (live.globalSecondaryIndexes.length > 0) { p.GlobalSecondaryIndexes = live.globalSecondaryIndexes.map(index); }
  if (live.localSecondaryIndexes.length > 0) { p.LocalSecondaryIndexes = live.localSecondaryIndexes.map(index); }
  // No StreamSpecification means no stream: CloudFormation has no "enabled" key for it.
  if (live.stream.enabled && live.stream.viewType) { p.StreamSpecification = { StreamViewType: live.stream.viewType }; }
  p.SSESpecification = live.sse.enabled
    ? { SSEEnabled: true, SSEType: 'KMS', ...(live.sse.kmsKeyArn ? { KMSMasterKeyId: live.sse.kmsKeyArn } : {}) }
    : { SSEEnabled: false };
  if (live.pointInTimeRecovery.state === 'known') { p.PointInTimeRecoverySpecification = { PointInTimeRecoveryEnabled: live.pointInTimeRecovery.value.enabled }; }
  if (live.ttl.state === 'known') {
    p.TimeToLiveSpecification = live.ttl.value.enabled && live.ttl.value.attributeName
      ? { AttributeName: live.ttl.value.attributeName, Enabled: true }
      : { Enabled: false };
  }
  p.TableClass = live.tableClass;
  p.DeletionProtectionEnabled = live.deletionProtection;
  const tags = userTags(live);
  if (tags) { p.Tags = Object.entries(tags).map(([Key, Value]) => ({ Key, Value })); }
  return p;
}

/**
 * A template with the table as an `AWS::DynamoDB::Table`, retained (`DeletionPolicy`,
 * `UpdateReplacePolicy`: a template that adopts an existing table needs them): it validates
 * clean and compares as no differences with the table it came from.
 */
function write(live: LiveTable, options: WriteOptions): WrittenConfig {
  return {
    value: {
      AWSTemplateFormatVersion: '2010-09-09',
      Description: `DynamoDB table ${live.name}`,
      Resources: {
        [logicalId(live.name)]: { Type: TABLE_TYPE, DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain', Properties: properties(live) },
      },
    },
    header: options.header,
    comments: listTableComments(VOCABULARY, { DeletionPolicy: 'keeps the table (and its items) when the stack or the resource goes' }),
  };
}

/** A CloudFormation/SAM template (YAML or JSON) that declares a DynamoDB table. */
const TEMPLATE = /^["']?(AWSTemplateFormatVersion|Resources)["']?[ \t]*:|"(AWSTemplateFormatVersion|Resources)"[ \t]*:|^["']?Transform["']?[ \t]*:.*AWS::Serverless/m;
const TABLE = /["']?Type["']?[ \t]*:[ \t]*["']?AWS::(DynamoDB::(Global)?Table|Serverless::SimpleTable)["']?/;

export const CLOUDFORMATION: DialectDefinition = {
  id: 'cloudformation',
  label: 'CloudFormation (YAML)',
  description: 'a CloudFormation or SAM template with AWS::DynamoDB::Table resources',
  // JSON templates are YAML flow syntax: the YAML parser reads them, the edits write JSON.
  format: YAML,
  detect: text => TEMPLATE.test(text) && TABLE.test(text),
  vocabulary: VOCABULARY,
  normalize: normalizeCloudFormation,
  unknown: unknownPointers,
  appliedBy: 'CloudFormation',
  write,
  // A table without BillingMode is PROVISIONED; TimeToLiveSpecification requires Enabled.
  defaults: { billingMode: 'PROVISIONED' },
  // A template is applied by CloudFormation: nothing in it is "not applied" by us.
  rules: { skip: ['not-applied'] },
};
