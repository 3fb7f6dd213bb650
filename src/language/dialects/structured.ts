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
 * The key names the list dialects take from the DynamoDB API (CloudFormation's camelCase
 * properties); each dialect's vocabulary spreads these and names the rest its own way.
 */
export const API_KEY_NAMES = {
  name: 'tableName',
  billingMode: 'billingMode',
  throughput: { block: 'provisionedThroughput', read: 'readCapacityUnits', write: 'writeCapacityUnits' },
  keySchema: { list: 'keySchema', name: 'attributeName', keyType: 'keyType' },
  pitr: 'pointInTimeRecoveryEnabled',
  tableClass: 'tableClass',
  deletionProtection: 'deletionProtectionEnabled',
  tags: 'tags',
  ttlDefaultAttribute: 'expiresAt',
} as const satisfies Partial<Vocabulary>;

/** The table entry's keys in the list dialects' order, around what differs (their stream, TTL, SSE and PITR keys). */
export function apiTableOrder(middle: readonly string[]): string[] {
  return [
    'tableName', 'billingMode', 'provisionedThroughput', 'attributeDefinitions', 'keySchema',
    'globalSecondaryIndexes', 'localSecondaryIndexes', ...middle, 'tableClass', 'deletionProtectionEnabled', 'tags',
  ];
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
