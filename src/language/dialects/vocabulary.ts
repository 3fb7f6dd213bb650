/**
 * The key names of each dialect, by meaning. Rules and fixes speak in meanings ("the billing
 * mode of this table") and use this table to name the key the file must hold, so that one rule
 * serves all three dialects. Pure data plus a few lookups; no parsing here.
 *
 * Blocks: every semantic group names the block that holds its keys, relative to the table entry
 * (or to the index entry for projection/throughput of an index). `block: undefined` means the
 * keys sit directly in the table (or index) entry: the flat style of genesys.
 */
import type { Dialect, Pointer } from '../../model/spec';
import type { Format } from '../types';

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
  readonly format: Format;
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
  readonly gsi: { readonly list: string; readonly name: string };
  readonly lsi: { readonly list: string; readonly name: string };
  /** Projection keys, relative to the index entry. */
  readonly projection: KeyNames & { readonly type: string; readonly nonKeyAttributes: string };
  readonly stream: KeyNames & { readonly enabled: string; readonly viewType: string };
  readonly ttl: KeyNames & { readonly enabled: string; readonly attributeName: string };
  readonly pitr: string;
  readonly sse: KeyNames & { readonly enabled: string; readonly type?: string; readonly kmsKey: string };
  readonly tableClass: string;
  readonly deletionProtection: string;
  /** A mapping of tag key to value. */
  readonly tags: string;
  /** The name a TTL attribute gets when a fix has to invent one. */
  readonly ttlDefaultAttribute: string;
  /** Schema order of the keys of each block (for FixIntent `after`). */
  readonly order: Readonly<Partial<Record<BlockKind, readonly string[]>>>;
}

const GENESYS: Vocabulary = {
  dialect: 'genesys',
  format: 'toml',
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

const PLANTON: Vocabulary = {
  dialect: 'planton',
  format: 'yaml',
  tables: { pointer: '/spec', array: false },
  name: 'tableName',
  fallbackNamePointer: '/metadata/name',
  billingMode: 'billingMode',
  throughput: { block: 'provisionedThroughput', read: 'readCapacityUnits', write: 'writeCapacityUnits' },
  attributes: { list: 'attributeDefinitions', name: 'name', type: 'type' },
  keySchema: { list: 'keySchema', name: 'attributeName', keyType: 'keyType' },
  gsi: { list: 'globalSecondaryIndexes', name: 'name' },
  lsi: { list: 'localSecondaryIndexes', name: 'name' },
  projection: { block: 'projection', type: 'type', nonKeyAttributes: 'nonKeyAttributes' },
  stream: { enabled: 'streamEnabled', viewType: 'streamViewType' },
  ttl: { block: 'ttl', enabled: 'enabled', attributeName: 'attributeName' },
  pitr: 'pointInTimeRecoveryEnabled',
  sse: { block: 'serverSideEncryption', enabled: 'enabled', kmsKey: 'kmsKeyArn' },
  tableClass: 'tableClass',
  deletionProtection: 'deletionProtectionEnabled',
  tags: 'tags',
  ttlDefaultAttribute: 'expiresAt',
  order: {
    root: ['apiVersion', 'kind', 'metadata', 'spec'],
    table: [
      'tableName', 'billingMode', 'provisionedThroughput', 'attributeDefinitions', 'keySchema',
      'globalSecondaryIndexes', 'localSecondaryIndexes', 'ttl', 'streamEnabled', 'streamViewType',
      'pointInTimeRecoveryEnabled', 'serverSideEncryption', 'tableClass', 'deletionProtectionEnabled', 'tags',
    ],
    throughput: ['readCapacityUnits', 'writeCapacityUnits'],
    attribute: ['name', 'type'],
    keyElement: ['attributeName', 'keyType'],
    gsi: ['name', 'keySchema', 'projection', 'provisionedThroughput'],
    lsi: ['name', 'keySchema', 'projection'],
    projection: ['type', 'nonKeyAttributes'],
    ttl: ['enabled', 'attributeName'],
    sse: ['enabled', 'kmsKeyArn'],
  },
};

const COMPONENT: Vocabulary = {
  dialect: 'component',
  format: 'yaml',
  tables: { pointer: '/components', array: true, entryBlock: 'config', componentType: 'dynamodb-table' },
  name: 'tableName',
  billingMode: 'billingMode',
  throughput: { block: 'provisionedThroughput', read: 'readCapacityUnits', write: 'writeCapacityUnits' },
  attributes: { list: 'attributeDefinitions', name: 'attributeName', type: 'attributeType' },
  keySchema: { list: 'keySchema', name: 'attributeName', keyType: 'keyType' },
  gsi: { list: 'globalSecondaryIndexes', name: 'indexName' },
  lsi: { list: 'localSecondaryIndexes', name: 'indexName' },
  projection: { block: 'projection', type: 'projectionType', nonKeyAttributes: 'nonKeyAttributes' },
  stream: { block: 'streamSpecification', enabled: 'streamEnabled', viewType: 'streamViewType' },
  ttl: { block: 'timeToLiveSpecification', enabled: 'enabled', attributeName: 'attributeName' },
  pitr: 'pointInTimeRecoveryEnabled',
  sse: { block: 'sseSpecification', enabled: 'sseEnabled', type: 'sseType', kmsKey: 'kmsMasterKeyId' },
  tableClass: 'tableClass',
  deletionProtection: 'deletionProtectionEnabled',
  tags: 'tags',
  ttlDefaultAttribute: 'expiresAt',
  order: {
    root: ['components'],
    table: [
      'tableName', 'billingMode', 'provisionedThroughput', 'attributeDefinitions', 'keySchema',
      'globalSecondaryIndexes', 'localSecondaryIndexes', 'streamSpecification', 'sseSpecification',
      'pointInTimeRecoveryEnabled', 'timeToLiveSpecification', 'tableClass', 'deletionProtectionEnabled', 'tags',
    ],
    throughput: ['readCapacityUnits', 'writeCapacityUnits'],
    attribute: ['attributeName', 'attributeType'],
    keyElement: ['attributeName', 'keyType'],
    gsi: ['indexName', 'keySchema', 'projection', 'provisionedThroughput'],
    lsi: ['indexName', 'keySchema', 'projection'],
    projection: ['projectionType', 'nonKeyAttributes'],
    stream: ['streamEnabled', 'streamViewType'],
    ttl: ['enabled', 'attributeName'],
    sse: ['sseEnabled', 'sseType', 'kmsMasterKeyId'],
  },
};

/**
 * CloudFormation and SAM templates: the `Properties` of an `AWS::DynamoDB::Table` resource (the
 * component dialect's keys, PascalCase). A stream is on when `StreamSpecification` is present (it
 * has no enabled key: `StreamEnabled` is never read), point-in-time recovery sits in its own block
 * and tags are a list of `{ Key, Value }`: dialects/cloudformation.ts reads those itself.
 */
const CLOUDFORMATION: Vocabulary = {
  dialect: 'cloudformation',
  format: 'yaml',
  tables: { pointer: '/Resources', array: false },
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
  pitr: 'PointInTimeRecoverySpecification',
  sse: { block: 'SSESpecification', enabled: 'SSEEnabled', type: 'SSEType', kmsKey: 'KMSMasterKeyId' },
  tableClass: 'TableClass',
  deletionProtection: 'DeletionProtectionEnabled',
  tags: 'Tags',
  ttlDefaultAttribute: 'expiresAt',
  order: {
    root: ['AWSTemplateFormatVersion', 'Transform', 'Description', 'Parameters', 'Mappings', 'Conditions', 'Resources', 'Outputs'],
    table: [
      'TableName', 'BillingMode', 'ProvisionedThroughput', 'AttributeDefinitions', 'KeySchema',
      'GlobalSecondaryIndexes', 'LocalSecondaryIndexes', 'StreamSpecification', 'SSESpecification',
      'PointInTimeRecoverySpecification', 'TimeToLiveSpecification', 'TableClass', 'DeletionProtectionEnabled', 'Tags',
    ],
    throughput: ['ReadCapacityUnits', 'WriteCapacityUnits'],
    attribute: ['AttributeName', 'AttributeType'],
    keyElement: ['AttributeName', 'KeyType'],
    gsi: ['IndexName', 'KeySchema', 'Projection', 'ProvisionedThroughput'],
    lsi: ['IndexName', 'KeySchema', 'Projection'],
    projection: ['ProjectionType', 'NonKeyAttributes'],
    stream: ['StreamViewType'],
    ttl: ['AttributeName', 'Enabled'],
    sse: ['SSEEnabled', 'SSEType', 'KMSMasterKeyId'],
  },
};

const VOCABULARIES: Readonly<Record<Dialect, Vocabulary>> = { genesys: GENESYS, planton: PLANTON, component: COMPONENT, cloudformation: CLOUDFORMATION };

export function vocabulary(dialect: Dialect): Vocabulary {
  return VOCABULARIES[dialect];
}

/** Planton prefixes of each enum kind (its proto enum names). SSE type has no planton key. */
const PLANTON_PREFIX: Readonly<Record<EnumKind, string>> = {
  billingMode: 'BILLING_MODE_',
  attributeType: 'ATTRIBUTE_TYPE_',
  keyType: 'KEY_TYPE_',
  projectionType: 'PROJECTION_TYPE_',
  streamViewType: 'STREAM_VIEW_TYPE_',
  tableClass: 'TABLE_CLASS_',
  sseType: '',
};

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
export function encodeEnum(dialect: Dialect, kind: EnumKind, canonical: string): string {
  return dialect === 'planton' ? PLANTON_PREFIX[kind] + canonical : canonical;
}

/**
 * Values a dialect's own documentation uses as other names of a canonical value: the component
 * dialect's `billingMode: ON_DEMAND` (its documentation's main example) is PAY_PER_REQUEST.
 */
export const ENUM_ALIASES: Readonly<Record<Dialect, Partial<Record<EnumKind, Readonly<Record<string, string>>>>>> = {
  genesys: {},
  planton: {},
  component: { billingMode: { ON_DEMAND: 'PAY_PER_REQUEST' } },
  cloudformation: {},
};

/** The canonical value of a raw value, or undefined when the dialect does not accept it. */
export function decodeEnum(dialect: Dialect, kind: EnumKind, raw: unknown): string | undefined {
  if (typeof raw !== 'string') { return undefined; }
  const alias = ENUM_ALIASES[dialect][kind];
  if (alias && Object.prototype.hasOwnProperty.call(alias, raw)) { return alias[raw]; }
  const prefix = dialect === 'planton' ? PLANTON_PREFIX[kind] : '';
  if (!raw.startsWith(prefix)) { return undefined; }
  const value = raw.slice(prefix.length);
  return CANONICAL[kind].includes(value) ? value : undefined;
}

/** Every value the dialect accepts for an enum kind, as written in the file. */
export function enumValues(dialect: Dialect, kind: EnumKind): readonly string[] {
  return CANONICAL[kind].map(v => encodeEnum(dialect, kind, v));
}

/**
 * Keys that precede `key` in the schema order of a block: the `after` of an insert FixIntent
 * (the new key goes after the last of these that exists). Empty when the block or key is unknown.
 */
export function keysBefore(dialect: Dialect, block: BlockKind, key: string): readonly string[] {
  const order = VOCABULARIES[dialect].order[block];
  if (!order) { return []; }
  const at = order.indexOf(key);
  return at < 0 ? order : order.slice(0, at);
}

/** `billingMode` -> `billing_mode` (planton's proto field names are accepted as aliases). */
export function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, c => '_' + c.toLowerCase());
}

/** `billing_mode` -> `billingMode`. */
export function camelCase(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
