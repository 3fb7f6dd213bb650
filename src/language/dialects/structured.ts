/**
 * The YAML dialects (planton, component) share a structure: attribute definition and key schema
 * lists, index lists with nested key schemas and projection blocks. This reads one table entry
 * by the dialect's vocabulary.
 */
import type { AttributeSpec, Field, IndexSpec, KeyElementSpec, Pointer, TableSpec, TagSpec } from '../../model/spec';
import { joinPointer } from '../sourcemap';
import { FieldReader, isObj } from './fields';
import type { Obj } from './fields';
import type { Vocabulary } from './vocabulary';

/**
 * The DynamoDB API's names of a table's settings (CreateTable's parameters). CloudFormation's
 * `AWS::DynamoDB::Table` properties are these as they are; the component dialect's keys are
 * these in camelCase; planton's vocabulary takes the table-level ones in camelCase and names the
 * rest its own way.
 */
const API_NAMES = {
  name: 'TableName',
  billingMode: 'BillingMode',
  throughput: { block: 'ProvisionedThroughput', read: 'ReadCapacityUnits', write: 'WriteCapacityUnits' },
  attributes: { list: 'AttributeDefinitions', name: 'AttributeName', type: 'AttributeType' },
  keySchema: { list: 'KeySchema', name: 'AttributeName', keyType: 'KeyType' },
  gsi: { list: 'GlobalSecondaryIndexes', name: 'IndexName' },
  lsi: { list: 'LocalSecondaryIndexes', name: 'IndexName' },
  projection: { block: 'Projection', type: 'ProjectionType', nonKeyAttributes: 'NonKeyAttributes' },
  stream: { block: 'StreamSpecification', enabled: 'StreamEnabled', viewType: 'StreamViewType' },
  ttl: { block: 'TimeToLiveSpecification', enabled: 'Enabled', attributeName: 'AttributeName' },
  pitr: 'PointInTimeRecoveryEnabled',
  sse: { block: 'SSESpecification', enabled: 'SSEEnabled', type: 'SSEType', kmsKey: 'KMSMasterKeyId' },
  tableClass: 'TableClass',
  deletionProtection: 'DeletionProtectionEnabled',
  tags: 'Tags',
} as const satisfies Partial<Vocabulary>;

type ApiNames = { readonly [K in keyof typeof API_NAMES]: (typeof API_NAMES)[K] extends string ? string : { readonly [P in keyof (typeof API_NAMES)[K]]: string } };

export type KeyStyle = 'PascalCase' | 'camelCase';

/** `TableName` -> `tableName`, `SSEEnabled` -> `sseEnabled`: the first word (or acronym) in lower case. */
function camelKey(key: string): string {
  return key.replace(/^[A-Z]+(?=[A-Z][a-z]|$)|^[A-Z]/, first => first.toLowerCase());
}

function styled(key: string, style: KeyStyle): string {
  return style === 'camelCase' ? camelKey(key) : key;
}

/** The API's key names in a dialect's style, with the attribute name a TTL fix invents. */
export function apiKeyNames(style: KeyStyle): ApiNames & { readonly ttlDefaultAttribute: string } {
  const names = Object.fromEntries(Object.entries(API_NAMES).map(([meaning, key]) => [meaning, typeof key === 'string'
    ? styled(key, style)
    : Object.fromEntries(Object.entries(key).map(([part, name]) => [part, styled(name, style)]))]));
  return { ...names as ApiNames, ttlDefaultAttribute: 'expiresAt' };
}

/** The table entry's keys in the API's order, around what the dialects order their own way (their stream, TTL, SSE and PITR keys). */
export function apiTableOrder(style: KeyStyle, middle: readonly string[]): string[] {
  const n = API_NAMES;
  return [
    n.name, n.billingMode, n.throughput.block, n.attributes.list, n.keySchema.list, n.gsi.list, n.lsi.list,
  ].map(k => styled(k, style)).concat(middle, [n.tableClass, n.deletionProtection, n.tags].map(k => styled(k, style)));
}

function list(r: FieldReader, obj: Obj | undefined, key: string, base: Pointer): { items: { obj: Obj; pointer: Pointer }[]; pointer: Pointer } {
  const found = r.find(obj, key, base);
  const pointer = found ? found.pointer : joinPointer(base, key);
  if (!found || !Array.isArray(found.value)) { return { items: [], pointer }; }
  const items: { obj: Obj; pointer: Pointer }[] = [];
  found.value.forEach((x, i) => { if (isObj(x)) { items.push({ obj: x, pointer: joinPointer(pointer, i) }); } });
  return { items, pointer };
}

function keySchema(r: FieldReader, V: Vocabulary, obj: Obj | undefined, base: Pointer): { elements: KeyElementSpec[]; pointer: Pointer } {
  const names = V.keySchema ?? { list: 'keySchema', name: 'attributeName', keyType: 'keyType' };
  const l = list(r, obj, names.list, base);
  const elements: KeyElementSpec[] = [];
  for (const { obj: e, pointer } of l.items) {
    elements.push({
      name: r.string(e, names.name, pointer) ?? missing(pointer, names.name),
      keyType: r.enumeration<'HASH' | 'RANGE'>(e, names.keyType, pointer, 'keyType') ?? missing(pointer, names.keyType),
      pointer,
    });
  }
  return { elements, pointer: l.pointer };
}

function missing<T>(base: Pointer, key: string): Field<T> {
  return { valid: false, raw: undefined, pointer: joinPointer(base, key) };
}

function throughput(r: FieldReader, V: Vocabulary, obj: Obj | undefined, base: Pointer): TableSpec['throughput'] {
  const b = r.block(obj, V.throughput.block, base);
  if (!b.present) { return undefined; }
  return { read: r.number(b.obj, V.throughput.read, b.pointer), write: r.number(b.obj, V.throughput.write, b.pointer), pointer: b.pointer };
}

function indexes(r: FieldReader, V: Vocabulary, obj: Obj, base: Pointer, kind: 'GSI' | 'LSI'): IndexSpec[] {
  const names = kind === 'GSI' ? V.gsi : V.lsi;
  return list(r, obj, names.list, base).items.map(({ obj: x, pointer }) => {
    const ks = keySchema(r, V, x, pointer);
    const pb = r.block(x, V.projection.block, pointer);
    return {
      kind,
      name: r.string(x, names.name, pointer) ?? missing(pointer, names.name),
      keySchema: ks.elements,
      keySchemaPointer: ks.pointer,
      projection: pb.present
        ? {
          type: r.enumeration<'ALL' | 'KEYS_ONLY' | 'INCLUDE'>(pb.obj, V.projection.type, pb.pointer, 'projectionType'),
          nonKeyAttributes: r.stringList(pb.obj, V.projection.nonKeyAttributes, pb.pointer),
          pointer: pb.pointer,
        }
        : undefined,
      throughput: throughput(r, V, x, pointer),
      pointer,
    };
  });
}

/** One table entry (`/spec`, `/components/0/config`) -> TableSpec. */
export function normalizeEntry(V: Vocabulary, entry: Obj, p: Pointer, name?: TableSpec['name']): TableSpec {
  const r = new FieldReader(V);
  const attrNames = V.attributes ?? { list: 'attributeDefinitions', name: 'attributeName', type: 'attributeType' };
  const attrList = list(r, entry, attrNames.list, p);
  const attributes: AttributeSpec[] = attrList.items.map(({ obj, pointer }) => {
    const type = r.enumeration<'S' | 'N' | 'B'>(obj, attrNames.type, pointer, 'attributeType');
    const attrName = r.string(obj, attrNames.name, pointer) ?? missing<string>(pointer, attrNames.name);
    return type ? { name: attrName, type, pointer } : { name: attrName, pointer };
  });
  const ks = keySchema(r, V, entry, p);
  const stream = r.block(entry, V.stream.block, p);
  const streamEnabled = r.boolean(stream.obj, V.stream.enabled, stream.pointer);
  const viewType = r.enumeration<'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES'>(stream.obj, V.stream.viewType, stream.pointer, 'streamViewType');
  const ttl = r.block(entry, V.ttl.block, p);
  const sse = r.block(entry, V.sse.block, p);
  const flatStream = V.stream.block === undefined;
  const tagsFound = r.find(entry, V.tags, p);
  const tags: TagSpec[] = [];
  if (tagsFound && isObj(tagsFound.value)) {
    for (const key of Object.keys(tagsFound.value)) {
      const value = r.string(tagsFound.value, key, tagsFound.pointer);
      if (value) { tags.push({ key, value, pointer: value.pointer }); }
    }
  }
  return {
    dialect: V.dialect,
    pointer: p,
    name: r.string(entry, V.name, p) ?? name,
    billingMode: r.enumeration(entry, V.billingMode, p, 'billingMode'),
    throughput: throughput(r, V, entry, p),
    attributes,
    attributesPointer: attrList.pointer,
    keySchema: ks.elements,
    keySchemaPointer: ks.pointer,
    globalSecondaryIndexes: indexes(r, V, entry, p, 'GSI'),
    localSecondaryIndexes: indexes(r, V, entry, p, 'LSI'),
    stream: (flatStream ? streamEnabled || viewType : stream.present) ? { enabled: streamEnabled, viewType, pointer: stream.pointer } : undefined,
    ttl: ttl.present
      ? { enabled: r.boolean(ttl.obj, V.ttl.enabled, ttl.pointer), attributeName: r.string(ttl.obj, V.ttl.attributeName, ttl.pointer), pointer: ttl.pointer }
      : undefined,
    pointInTimeRecovery: r.boolean(entry, V.pitr, p),
    sse: sse.present
      ? {
        enabled: r.boolean(sse.obj, V.sse.enabled, sse.pointer),
        type: V.sse.type ? r.enumeration<'KMS' | 'AES256'>(sse.obj, V.sse.type, sse.pointer, 'sseType') : undefined,
        kmsKeyId: r.string(sse.obj, V.sse.kmsKey, sse.pointer),
        pointer: sse.pointer,
      }
      : undefined,
    tableClass: r.enumeration(entry, V.tableClass, p, 'tableClass'),
    deletionProtection: r.boolean(entry, V.deletionProtection, p),
    tags,
    tagsPointer: tagsFound?.pointer,
  };
}
