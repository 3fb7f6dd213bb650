/**
 * The key names of each dialect, by meaning. Rules and fixes speak in meanings ("the billing
 * mode of this table") and use this table to name the key the file must hold, so that one rule
 * serves all three dialects. Pure data plus a few lookups; no parsing here.
 *
 * Blocks: every semantic group names the block that holds its keys, relative to the table entry
 * (or to the index entry for projection/throughput of an index). `block: undefined` means the
 * keys sit directly in the table (or index) entry: the flat style of genesys.
 *
 * Each dialect module (genesys.ts, planton.ts, component.ts) holds its Vocabulary; the helpers
 * here take one, so nothing in this module knows a dialect by name.
 */
import type { Dialect, Pointer } from '../../model/spec';
import type { DesignKeys } from './registry';

export type EnumKind = 'billingMode' | 'attributeType' | 'keyType' | 'projectionType' | 'streamViewType' | 'tableClass' | 'sseType';

/** The blocks a FixIntent can insert into; each has a schema order of keys. */
export type BlockKind =
  | 'root'
  | 'table'
  | 'throughput'
  | 'attribute'
  | 'keyElement'
  | 'gsi'
  | 'lsi'
  | 'projection'
  | 'stream'
  | 'ttl'
  | 'sse';

export interface KeyNames {
  /** Key of the sub-block holding the keys, relative to its owner entry; undefined = flat. */
  readonly block?: string;
}

export interface Vocabulary {
  readonly dialect: Dialect;
  /**
   * Where the table entries live: an array of entries (`/resources/dynamodb`, `/components`,
   * filtered by `componentType`) or the one entry (`/spec`).
   */
  readonly tables: { readonly pointer: Pointer; readonly array: boolean; readonly entryBlock?: string; readonly componentType?: string };
  /** Table name key in the table block. */
  readonly name: string;
  /** Where the name comes from when the table block has none (planton `metadata.name`). */
  readonly fallbackNamePointer?: Pointer;
  /** Region key at the document root (genesys). */
  readonly region?: string;
  readonly billingMode: string;
  /** Table throughput (and, for indexes, the same names inside the index entry). */
  readonly throughput: KeyNames & { readonly read: string; readonly write: string };
  /** Flat key names (genesys), used in the table entry and in index entries. */
  readonly flatKeys?: { readonly hashName: string; readonly hashType: string; readonly rangeName: string; readonly rangeType: string };
  /** Attribute definition list and its element keys (YAML dialects). */
  readonly attributes?: { readonly list: string; readonly name: string; readonly type: string };
  /** Key schema list and its element keys (YAML dialects; also inside index entries). */
  readonly keySchema?: { readonly list: string; readonly name: string; readonly keyType: string };
  /**
   * Key names without a type of their own (Terraform's `hash_key` and `range_key`, in the table and
   * index entries; the types are in the attribute definitions).
   */
  readonly keyNames?: { readonly hash: string; readonly range: string };
  readonly gsi: { readonly list: string; readonly name: string };
  readonly lsi: { readonly list: string; readonly name: string };
  /** Projection keys, relative to the index entry. */
  readonly projection: KeyNames & { readonly type: string; readonly nonKeyAttributes: string };
  readonly stream: KeyNames & { readonly enabled: string; readonly viewType: string };
  readonly ttl: KeyNames & { readonly enabled: string; readonly attributeName: string };
  readonly pitr: string;
  /** The block holding the `pitr` key, where it is not in the table entry itself (CloudFormation's PointInTimeRecoverySpecification). */
  readonly pitrBlock?: string;
  readonly sse: KeyNames & { readonly enabled: string; readonly type?: string; readonly kmsKey: string };
  readonly tableClass: string;
  readonly deletionProtection: string;
  /** A mapping of tag key to value. */
  readonly tags: string;
  /** The name a TTL attribute gets when a fix has to invent one. */
  readonly ttlDefaultAttribute: string;
  /**
   * Schema order of the keys of each block (for FixIntent `after`): root and table always; the
   * nested blocks (throughput, attribute, keyElement, gsi, lsi, projection, stream, ttl, sse)
   * when they differ from the order their key names are listed in here (blockOrder).
   */
  readonly order: Readonly<Partial<Record<BlockKind, readonly string[]>>>;
  /** The prefix each enum kind's values carry in the file (planton: `BILLING_MODE_PROVISIONED`). */
  readonly enumPrefixes?: Readonly<Partial<Record<EnumKind, string>>>;
  /**
   * Values the dialect's own documentation uses as other names of a canonical value: the
   * component dialect's `billingMode: ON_DEMAND` (its documentation's main example) is PAY_PER_REQUEST.
   */
  readonly enumAliases?: Readonly<Partial<Record<EnumKind, Readonly<Record<string, string>>>>>;
  /** Every camelCase key may also be written in snake_case (planton's proto field names). */
  readonly snakeCaseAliases?: boolean;
  /**
   * Keys of a table entry that the dialect's schema knows but preview/apply does not manage
   * (the not-applied advice marks them); a snake_case alias counts too.
   */
  readonly unmanaged?: readonly UnmanagedKey[];
}

export type UnmanagedKind = 'DAX' | 'auto scaling' | 'backup plan' | 'global tables' | 'monitoring';

export interface UnmanagedKey { readonly key: string; readonly kind: UnmanagedKind; readonly what: string; readonly note?: string }

const CANONICAL: Readonly<Record<EnumKind, readonly string[]>> = {
  billingMode: ['PAY_PER_REQUEST', 'PROVISIONED'],
  attributeType: ['S', 'N', 'B'],
  keyType: ['HASH', 'RANGE'],
  projectionType: ['ALL', 'KEYS_ONLY', 'INCLUDE'],
  streamViewType: ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'],
  tableClass: ['STANDARD', 'STANDARD_INFREQUENT_ACCESS'],
  sseType: ['KMS', 'AES256'],
};

/** The canonical (DynamoDB API) values of an enum kind. */
export function canonicalValues(kind: EnumKind): readonly string[] {
  return CANONICAL[kind];
}

/** The value as the dialect writes it: `PROVISIONED` -> `BILLING_MODE_PROVISIONED` in planton. */
export function encodeEnum(V: Vocabulary, kind: EnumKind, canonical: string): string {
  return (V.enumPrefixes?.[kind] ?? '') + canonical;
}

/** The canonical value of a raw value, or undefined when the dialect does not accept it. */
export function decodeEnum(V: Vocabulary, kind: EnumKind, raw: unknown): string | undefined {
  if (typeof raw !== 'string') { return undefined; }
  const alias = V.enumAliases?.[kind];
  if (alias && Object.prototype.hasOwnProperty.call(alias, raw)) { return alias[raw]; }
  const prefix = V.enumPrefixes?.[kind] ?? '';
  if (!raw.startsWith(prefix)) { return undefined; }
  const value = raw.slice(prefix.length);
  return CANONICAL[kind].includes(value) ? value : undefined;
}

/** Every value the dialect accepts for an enum kind, as written in the file. */
export function enumValues(V: Vocabulary, kind: EnumKind): readonly string[] {
  return CANONICAL[kind].map(v => encodeEnum(V, kind, v));
}

/**
 * Keys that precede `key` in the schema order of a block: the `after` of an insert FixIntent
 * (the new key goes after the last of these that exists). Empty when the block or key is unknown.
 */
export function keysBefore(V: Vocabulary, block: BlockKind, key: string): readonly string[] {
  const order = V.order[block] ?? blockOrder(V, block);
  if (!order) { return []; }
  const at = order.indexOf(key);
  return at < 0 ? order : order.slice(0, at);
}

/**
 * The key order of a nested block as its names are listed in the vocabulary (name, then type; an
 * index's name, key schema, projection, throughput), for a block the dialect has as a block of
 * its own; undefined for a block the dialect writes flat.
 */
function blockOrder(V: Vocabulary, block: BlockKind): readonly string[] | undefined {
  const present = (keys: readonly (string | undefined)[]): string[] => keys.filter((k): k is string => k !== undefined);
  switch (block) {
    case 'throughput': return V.throughput.block === undefined ? undefined : [V.throughput.read, V.throughput.write];
    case 'attribute': return V.attributes && [V.attributes.name, V.attributes.type];
    case 'keyElement': return V.keySchema && [V.keySchema.name, V.keySchema.keyType];
    case 'gsi': return V.keySchema && present([V.gsi.name, V.keySchema.list, V.projection.block, V.throughput.block]);
    case 'lsi': return V.keySchema && present([V.lsi.name, V.keySchema.list, V.projection.block]);
    case 'projection': return V.projection.block === undefined ? undefined : [V.projection.type, V.projection.nonKeyAttributes];
    case 'stream': return V.stream.block === undefined ? undefined : [V.stream.enabled, V.stream.viewType];
    case 'ttl': return V.ttl.block === undefined ? undefined : [V.ttl.enabled, V.ttl.attributeName];
    case 'sse': return V.sse.block === undefined ? undefined : present([V.sse.enabled, V.sse.type, V.sse.kmsKey]);
    default: return undefined;
  }
}

/** `billingMode` -> `billing_mode` (planton's proto field names are accepted as aliases). */
export function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, c => '_' + c.toLowerCase());
}

/** `billing_mode` -> `billingMode`. */
export function camelCase(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The key names of a single-table design (entities, access patterns), in camelCase. */
const DESIGN_KEY_NAMES: Omit<DesignKeys, 'where'> = {
  entities: 'entities',
  patterns: 'accessPatterns',
  keyCondition: 'keyCondition',
  sampleCount: 'sampleCount',
  itemSizeBytes: 'itemSizeBytes',
  beginsWith: 'beginsWith',
};

/** Where a dialect keeps its design, with the design's key names in the dialect's key style. */
export function designKeys(where: DesignKeys['where'], style: 'camelCase' | 'snake_case'): DesignKeys {
  if (style === 'camelCase') { return { where, ...DESIGN_KEY_NAMES }; }
  const names = Object.entries(DESIGN_KEY_NAMES).map(([meaning, key]) => [meaning, snakeCase(key)]);
  return { where, ...Object.fromEntries(names) as Omit<DesignKeys, 'where'> };
}
