/**
 * Items as plain data: what the item browser sends between the host and the webview. Nothing
 * here is an SDK object. An item is DynamoDB JSON (the AWS CLI's wire form): every value is an
 * object with exactly one type key; numbers are strings (never JS numbers, so 38 digits survive);
 * binary is base64 text.
 */
import { type AttributeType, everyKeyElement } from './spec';
import type { LiveKeyElement, LiveTable } from './live';

/** One attribute value in DynamoDB JSON. */
export type JsonAttributeValue =
  | { readonly S: string }
  | { readonly N: string }
  | { readonly B: string }
  | { readonly BOOL: boolean }
  | { readonly NULL: true }
  | { readonly SS: readonly string[] }
  | { readonly NS: readonly string[] }
  | { readonly BS: readonly string[] }
  | { readonly L: readonly JsonAttributeValue[] }
  | { readonly M: Readonly<Record<string, JsonAttributeValue>> };

/** An item (or a key) in DynamoDB JSON. */
export type JsonItem = Readonly<Record<string, JsonAttributeValue>>;

/*
 * `__proto__` is an attribute name like any other. Items and maps are ordinary objects whose
 * attributes are own properties, so never read `item[name]` for a name that may be absent (it
 * would find Object.prototype) nor write `map[name] = value` (it would set the prototype): use
 * `attributeOf`, `setAttribute`, `Object.fromEntries` and `Object.entries`.
 */

/** The attribute `name` of an item or a map if it has one (own properties only). */
export function attributeOf<T>(map: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(map, name) ? map[name] : undefined;
}

/** True when the item or map has the attribute `name` (own properties only, unlike `in`). */
export function hasAttribute(map: Readonly<Record<string, unknown>>, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(map, name);
}

/** Sets the attribute `name` as an own property, `__proto__` included. */
export function setAttribute<T>(map: Record<string, T>, name: string, value: T): void {
  Object.defineProperty(map, name, { value, enumerable: true, writable: true, configurable: true });
}

/** The ten DynamoDB attribute value types. */
export type ValueType = 'S' | 'N' | 'B' | 'BOOL' | 'NULL' | 'SS' | 'NS' | 'BS' | 'L' | 'M';
export const VALUE_TYPES: readonly ValueType[] = ['S', 'N', 'B', 'BOOL', 'NULL', 'SS', 'NS', 'BS', 'L', 'M'];

/** A grid cell: short readable text with its type shown beside it. */
export interface DisplayValue {
  readonly type: ValueType;
  readonly text: string;
  /** True when `text` was shortened; the full value is in the item view. */
  readonly truncated: boolean;
}

/** A value typed in by the user, as text. N stays text all the way to the wire. */
export interface TypedValue {
  /** S, N, B (base64) for keys; also BOOL ("true"/"false") and NULL (text ignored) for filters. */
  readonly type: 'S' | 'N' | 'B' | 'BOOL' | 'NULL';
  readonly text: string;
}

export type SortKeyOperator = '=' | '<' | '<=' | '>' | '>=' | 'between' | 'begins_with';
export const SORT_KEY_OPERATORS: readonly SortKeyOperator[] = ['=', '<', '<=', '>', '>=', 'between', 'begins_with'];

export type FilterOperator =
  | '=' | '<>' | '<' | '<=' | '>' | '>=' | 'between' | 'begins_with' | 'contains'
  | 'attribute_exists' | 'attribute_not_exists' | 'attribute_type';
export const FILTER_OPERATORS: readonly FilterOperator[] = [
  '=', '<>', '<', '<=', '>', '>=', 'between', 'begins_with', 'contains',
  'attribute_exists', 'attribute_not_exists', 'attribute_type',
];

export interface PartitionKeyCondition {
  readonly name: string;
  /** The key's attribute type; the value text is typed by it. */
  readonly type: AttributeType;
  readonly value: string;
}

export interface SortKeyCondition {
  readonly name: string;
  readonly type: AttributeType;
  readonly operator: SortKeyOperator;
  readonly value: string;
  /** Upper bound for `between`. */
  readonly value2?: string;
}

/**
 * One filter term; terms are combined with AND.
 * `path` is an attribute path: names separated by `.`, list indexes as `[n]` (`a.b[2].c`); a name
 * holding `.`, `[` or `` ` `` is written in backquotes (`` `a.b`.c ``, a backquote doubled inside).
 * `value` is unused by attribute_exists/attribute_not_exists; for attribute_type its text is the
 * type name (S, N, B, BOOL, NULL, SS, NS, BS, L, M).
 */
export interface FilterCondition {
  readonly path: string;
  readonly operator: FilterOperator;
  readonly value?: TypedValue;
  /** Upper bound for `between`. */
  readonly value2?: TypedValue;
}

/** What a scan or query reads: the table or one of its indexes, with the key names needed to page. */
export interface QueryTarget {
  readonly table: string;
  readonly index?: string;
  readonly indexKind?: 'GSI' | 'LSI';
  readonly tableKeySchema: readonly LiveKeyElement[];
  /** The index's keys (absent for the table itself). */
  readonly indexKeySchema?: readonly LiveKeyElement[];
  /** Types of the key attributes (table and index). */
  readonly keyTypes: Readonly<Record<string, AttributeType>>;
}

export interface ItemRequest {
  readonly target: QueryTarget;
  readonly mode: 'scan' | 'query';
  /** Required for `query`. */
  readonly partitionKey?: PartitionKeyCondition;
  readonly sortKey?: SortKeyCondition;
  readonly filters?: readonly FilterCondition[];
  /** Items per page (1..1000 is sensible; DynamoDB caps a response at 1 MB). */
  readonly pageSize: number;
  /** Strongly consistent read; refused on a GSI (DynamoDB does not offer it there). */
  readonly consistentRead?: boolean;
  /** Query order; default ascending. */
  readonly descending?: boolean;
}

export interface ItemPage {
  readonly items: readonly JsonItem[];
  /** Where the next page starts; absent on the last page. */
  readonly lastEvaluatedKey?: JsonItem;
  /** Items the server read (before the filter), summed over the requests of this page. */
  readonly scannedCount: number;
  /** Items returned (after the filter). */
  readonly count: number;
  /** Capacity units consumed (ReturnConsumedCapacity TOTAL), summed; absent if the server did not say. */
  readonly consumedCapacity?: number;
  /** Requests sent to fill the page (more than 1 when a filter drops items). */
  readonly requests: number;
  /** True when the caller stopped a long page early (the page holds what was found so far). */
  readonly stopped?: boolean;
}

/** Progress of a page that needs several requests (a filter that drops most items). */
export interface PageProgress {
  readonly requests: number;
  readonly scannedCount: number;
  readonly count: number;
}

/** The readable targets of a table: the table itself, then its GSIs, then its LSIs. */
export function targetsOf(table: LiveTable): QueryTarget[] {
  const keyTypes: Record<string, AttributeType> = {};
  const keys = everyKeyElement(table);
  for (const key of keys) {
    const type = table.attributes[key.name];
    if (type) { keyTypes[key.name] = type; }
  }
  return [
    { table: table.name, tableKeySchema: table.keySchema, keyTypes },
    ...table.globalSecondaryIndexes.map(i => ({ table: table.name, index: i.name, indexKind: 'GSI' as const, tableKeySchema: table.keySchema, indexKeySchema: i.keySchema, keyTypes })),
    ...table.localSecondaryIndexes.map(i => ({ table: table.name, index: i.name, indexKind: 'LSI' as const, tableKeySchema: table.keySchema, indexKeySchema: i.keySchema, keyTypes })),
  ];
}
