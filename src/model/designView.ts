/**
 * What the design view shows (src/design/view.ts builds it from a DesignSpec and a table; the
 * webview and the Markdown export read it). Plain data only: it crosses to the webview as is.
 */

/** One index of a table as the view needs it (the table's own key is the `table` one). */
export interface IndexShape {
  /** The index name; the table's name for the table itself. */
  readonly name: string;
  readonly kind: 'table' | 'GSI' | 'LSI';
  /** Partition key attributes (one, or up to four for a multi-attribute GSI key). */
  readonly hash: readonly string[];
  /** Sort key attributes (none, one, or up to four for a multi-attribute GSI key). */
  readonly range: readonly string[];
  readonly projection: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  readonly nonKeyAttributes: readonly string[];
}

/** A table's keys, indexes and capacity, from a config (TableSpec) or a live table. */
export interface TableShape {
  readonly name: string;
  /** Key attribute types as defined (S, N, B). */
  readonly attributeTypes: Readonly<Record<string, 'S' | 'N' | 'B'>>;
  readonly table: IndexShape;
  readonly indexes: readonly IndexShape[];
  readonly billingMode: 'PAY_PER_REQUEST' | 'PROVISIONED';
  /** Provisioned read/write capacity units of the table, when set. */
  readonly throughput?: { readonly read: number; readonly write: number };
}

/** An entity's attribute as the view and the code generators show it. */
export interface AttributeRow {
  readonly name: string;
  /** DynamoDB type (`S`, `N`, ...). */
  readonly type: string;
  /** Items of the entity always have it (the design's default). */
  readonly required: boolean;
}

export interface EntityRow {
  readonly name: string;
  /** Key attribute -> template text (`USER#{userId}`). */
  readonly keys: Readonly<Record<string, string>>;
  /** Other attributes with their types (`name: S`). */
  readonly attributes: readonly AttributeRow[];
  readonly itemSizeBytes: number;
  /** True when the size was estimated from the attributes (the entity gives no itemSizeBytes). */
  readonly sizeEstimated: boolean;
}

export interface FacetEntity {
  readonly entity: string;
  /** The index's key attributes -> this entity's template. */
  readonly keys: Readonly<Record<string, string>>;
  /** Some of its items lack a key attribute of the index (an optional attribute): a sparse index. */
  readonly sparse: boolean;
  /** Size of its items as the index stores them (projected attributes). */
  readonly projectedSizeBytes: number;
}

export interface Facet {
  readonly index: IndexShape;
  readonly entities: readonly FacetEntity[];
  /** Entities left out, with why (a key attribute they do not have). */
  readonly missing: readonly { readonly entity: string; readonly lacks: readonly string[] }[];
}

/** Capacity units one call of a pattern consumes. */
export interface PatternCost {
  /** Read units, eventually consistent (the SDK's default; the only kind a GSI serves). */
  readonly readEventual: number;
  /** Read units, strongly consistent; absent where not possible (GSI, scan of a GSI). */
  readonly readStrong?: number;
  /** Write units on the table. */
  readonly write: number;
  /** Write units the GSIs add (each index that keeps the written item writes it too). */
  readonly indexWrite: number;
  /** Bytes the call reads or writes in the table or index it uses. */
  readonly bytes: number;
  /** Items a call returns or writes (the assumption behind the figures). */
  readonly items: number;
}

export interface PatternRow {
  readonly name: string;
  readonly operation: string;
  /** The key condition in words: `PK = USER#{userId} AND begins_with(SK, ORDER#)`. */
  readonly condition: string;
  /** The index the pattern names (absent: the table). */
  readonly declared?: string;
  /** What serves it: the table's name, an index name, or `Scan`. */
  readonly servedBy: string;
  readonly servedKind: 'table' | 'GSI' | 'LSI' | 'scan';
  /** How it is served, in words ("Query on GSI1: GSI1PK =, GSI1SK between"). */
  readonly how: string;
  /** The entities it returns or writes (declared, else those whose keys match the condition). */
  readonly entities: readonly string[];
  readonly cost: PatternCost;
  /** Remarks: a declared index that does not serve it, an index that projects less than it reads. */
  readonly notes: readonly string[];
}

export interface SampleGroup {
  /** Table name or index name. */
  readonly name: string;
  readonly kind: 'table' | 'GSI' | 'LSI';
  readonly columns: readonly string[];
  /** One row per item: entity name, then the column values ('' where the item lacks it). */
  readonly rows: readonly { readonly entity: string; readonly values: readonly string[] }[];
}

export interface DesignView {
  readonly table: TableShape;
  /** Key attribute columns of the entity map: the table's, then each index's. */
  readonly keyColumns: readonly string[];
  readonly entities: readonly EntityRow[];
  readonly facets: readonly Facet[];
  readonly patterns: readonly PatternRow[];
  readonly samples: readonly SampleGroup[];
  /** How the figures are made, in sentences (shown under the pattern list and in the export). */
  readonly assumptions: readonly string[];
}
