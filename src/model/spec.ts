/**
 * TableSpec: a table as a config file describes it, normalized from any dialect.
 * Every field remembers the JSON pointer of the node it came from, so that a rule or a plan
 * step can point at the exact key or value in the source (TOML or YAML) through the SourceMap.
 *
 * Pure data: no vscode, no SDK.
 */

/**
 * A dialect's id (`genesys`, `planton`, `component`, ...): the dialects are defined and listed in
 * src/language/dialects/ (registry.ts), so adding one needs no edit here.
 */
export type Dialect = string;
export type AttributeType = 'S' | 'N' | 'B';
export type KeyType = 'HASH' | 'RANGE';
export type BillingMode = 'PAY_PER_REQUEST' | 'PROVISIONED';
export type ProjectionType = 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
export type StreamViewType = 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';
export type TableClass = 'STANDARD' | 'STANDARD_INFREQUENT_ACCESS';
export type SseType = 'KMS' | 'AES256';

export const ATTRIBUTE_TYPES: readonly AttributeType[] = ['S', 'N', 'B'];
export const BILLING_MODES: readonly BillingMode[] = ['PAY_PER_REQUEST', 'PROVISIONED'];
export const PROJECTION_TYPES: readonly ProjectionType[] = ['ALL', 'KEYS_ONLY', 'INCLUDE'];
export const STREAM_VIEW_TYPES: readonly StreamViewType[] = ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'];
export const TABLE_CLASSES: readonly TableClass[] = ['STANDARD', 'STANDARD_INFREQUENT_ACCESS'];

/** A JSON pointer (RFC 6901) into the parsed config document, e.g. `/resources/dynamodb/0/name`. */
export type Pointer = string;

/**
 * A value read from the config. `valid` is false when the value is present but not usable
 * (an enum value outside the dialect's set, a wrong type): the schema reports it, and rules
 * that depend on it stay silent until it is valid. `raw` is what the file holds.
 */
export type Field<T> =
  | { readonly valid: true; readonly value: T; readonly raw: unknown; readonly pointer: Pointer }
  | { readonly valid: false; readonly value?: undefined; readonly raw: unknown; readonly pointer: Pointer };

export interface AttributeSpec {
  readonly name: Field<string>;
  readonly type?: Field<AttributeType>;
  /** The element (list item or flat key pair) that defines the attribute. */
  readonly pointer: Pointer;
}

export interface KeyElementSpec {
  readonly name: Field<string>;
  readonly keyType: Field<KeyType>;
  readonly pointer: Pointer;
}

export interface ThroughputSpec {
  readonly read?: Field<number>;
  readonly write?: Field<number>;
  /** The block holding the units, or the table/index block in flat dialects. */
  readonly pointer: Pointer;
}

export interface ProjectionSpec {
  readonly type?: Field<ProjectionType>;
  readonly nonKeyAttributes?: Field<readonly string[]>;
  readonly pointer: Pointer;
}

export interface IndexSpec {
  readonly kind: 'GSI' | 'LSI';
  readonly name: Field<string>;
  readonly keySchema: readonly KeyElementSpec[];
  /** Pointer of the key schema list (or of the index block in flat dialects). */
  readonly keySchemaPointer: Pointer;
  readonly projection?: ProjectionSpec;
  readonly throughput?: ThroughputSpec;
  /** The index block itself. */
  readonly pointer: Pointer;
  /**
   * Stands for indexes known only when the tool that applies the file runs (a Terraform list from
   * a variable, a `dynamic` block): its fields are unknown, and a plan keeps the live indexes of
   * its kind as they are rather than guess.
   */
  readonly computed?: true;
}

export interface TagSpec {
  readonly key: string;
  readonly value: Field<string>;
  readonly pointer: Pointer;
}

export interface TableSpec {
  readonly dialect: Dialect;
  /** The table entry's block: `/resources/dynamodb/0`, `/spec`, `/components/0/config`. */
  readonly pointer: Pointer;
  readonly name?: Field<string>;
  /** Region named by the file (genesys `region`), when the dialect has one. */
  readonly region?: Field<string>;
  readonly billingMode?: Field<BillingMode>;
  readonly throughput?: ThroughputSpec;
  readonly attributes: readonly AttributeSpec[];
  /** Pointer of the attribute definition list (or the table block in flat dialects). */
  readonly attributesPointer: Pointer;
  readonly keySchema: readonly KeyElementSpec[];
  readonly keySchemaPointer: Pointer;
  readonly globalSecondaryIndexes: readonly IndexSpec[];
  readonly localSecondaryIndexes: readonly IndexSpec[];
  readonly stream?: { readonly enabled?: Field<boolean>; readonly viewType?: Field<StreamViewType>; readonly pointer: Pointer };
  readonly ttl?: { readonly enabled?: Field<boolean>; readonly attributeName?: Field<string>; readonly pointer: Pointer };
  readonly pointInTimeRecovery?: Field<boolean>;
  readonly sse?: {
    readonly enabled?: Field<boolean>;
    readonly type?: Field<SseType>;
    readonly kmsKeyId?: Field<string>;
    readonly pointer: Pointer;
  };
  readonly tableClass?: Field<TableClass>;
  readonly deletionProtection?: Field<boolean>;
  readonly tags: readonly TagSpec[];
  readonly tagsPointer?: Pointer;
}

/** The value of a field when it is present and valid, else undefined. */
export function valueOf<T>(field: Field<T> | undefined): T | undefined {
  return field && field.valid ? field.value : undefined;
}

/** A table's keys and its indexes', the same in a TableSpec and a LiveTable. */
interface KeyedTable<E> {
  readonly keySchema: readonly E[];
  readonly globalSecondaryIndexes: readonly { readonly keySchema: readonly E[] }[];
  readonly localSecondaryIndexes: readonly { readonly keySchema: readonly E[] }[];
}

/** Every key element of a table and of its indexes: the table's, then each GSI's, then each LSI's. */
export function everyKeyElement<E>(table: KeyedTable<E>): E[] {
  // Loops, not spreads: rules call this per table on every analysis.
  const out: E[] = [];
  for (const e of table.keySchema) { out.push(e); }
  for (const index of table.globalSecondaryIndexes) { for (const e of index.keySchema) { out.push(e); } }
  for (const index of table.localSecondaryIndexes) { for (const e of index.keySchema) { out.push(e); } }
  return out;
}

/** The region a config names (its first table's valid `region`), where the dialect has one. */
export function configRegion(tables: readonly TableSpec[]): string | undefined {
  return tables.map(t => valueOf(t.region)).find(r => r !== undefined);
}

/** Whether a name has the shape of an AWS region (`us-east-1`, `ap-southeast-2`, `us-gov-west-1`). */
export function isAwsRegion(name: string): boolean {
  return /^[a-z]{2}(-[a-z]+)+-\d+$/.test(name);
}
