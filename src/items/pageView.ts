/**
 * The item browser's data as the webview shows it: a query from the webview made into an
 * ItemRequest, a page made into grid rows (columns chosen, values as readable text with their
 * type), an item as plain JSON and DynamoDB JSON. Pure (no vscode import): unit-tested, and used
 * by the browser test's stub host to build its fixtures.
 */
import type { ItemPage, ItemRequest, JsonItem, QueryTarget } from '../model/items';
import { attributeOf } from '../model/items';
import type { ItemQuery, ItemRow, ItemView, PageView } from '../../webview/protocol';
import { keyOf, keyText, startKeyNames } from './keys';
import { canonicalJson, chooseColumns, displayValue, formatDynamoJson, formatPlainJson } from './itemJson';
import { RequestError } from './expressions';

/** The target of a query: the table (no index) or the named index. */
export function targetOf(query: ItemQuery, targets: readonly QueryTarget[]): QueryTarget {
  const target = targets.find(t => (t.index ?? undefined) === (query.index ?? undefined));
  if (!target) { throw new RequestError(query.index === undefined ? 'the table has not been read yet' : `the table has no index named ${JSON.stringify(query.index)}`); }
  return target;
}

/** The ItemRequest of a query from the webview (checked again by the item code when read). */
export function toItemRequest(query: ItemQuery, targets: readonly QueryTarget[]): ItemRequest {
  const target = targetOf(query, targets);
  return {
    target,
    // A PartiQL statement's target is its table or index; the statement itself is run apart.
    mode: query.mode === 'query' ? 'query' : 'scan',
    pageSize: query.pageSize,
    filters: query.filters,
    ...(query.partitionKey ? { partitionKey: query.partitionKey } : {}),
    ...(query.sortKey ? { sortKey: query.sortKey } : {}),
    ...(query.descending ? { descending: true } : {}),
  };
}

export interface PageInfo {
  readonly pageNumber: number;
  readonly hasPrevious: boolean;
  readonly query: ItemQuery;
  readonly target: QueryTarget;
  readonly maxColumns: number;
  /** Longest cell text (characters); longer values are shortened with an ellipsis. */
  readonly cellLength?: number;
  /** The start keys of pages 1 to pageNumber (undefined for page 1). */
  readonly starts: readonly (JsonItem | undefined)[];
}

/** A page as grid rows: key columns first, then the most frequent attributes up to maxColumns. */
export function toPageView(page: ItemPage, info: PageInfo): PageView {
  const keyColumns = startKeyNames(info.target);
  // The index's keys first when reading an index (chooseColumns drops repeats).
  const keySchema = [...(info.target.indexKeySchema ?? []), ...info.target.tableKeySchema];
  const columns = chooseColumns(page.items, keySchema, info.maxColumns);
  const rows: ItemRow[] = page.items.map(item => {
    const cells = columns.map(c => {
      const value = attributeOf(item, c);
      return value ? displayValue(value, info.cellLength ?? 60) : null;
    });
    const shown = cells.filter(c => c !== null).length;
    return { key: keyOrNone(item, info.target.tableKeySchema), cells, hidden: Object.keys(item).length - shown };
  });
  return {
    pageNumber: info.pageNumber,
    hasNext: page.lastEvaluatedKey !== undefined,
    hasPrevious: info.hasPrevious,
    ...(page.lastEvaluatedKey ? { lastEvaluatedKey: page.lastEvaluatedKey } : {}),
    columns,
    keyColumns: columns.filter(c => keyColumns.includes(c)),
    rows,
    scannedCount: page.scannedCount,
    count: page.count,
    ...(page.consumedCapacity !== undefined ? { consumedCapacity: page.consumedCapacity } : {}),
    requests: page.requests,
    ...(page.stopped ? { stopped: true } : {}),
    query: info.query,
    starts: info.starts.map(k => k ?? null),
  };
}

/** An item's key; none (`{}`) when the item lacks a key attribute (a PartiQL SELECT of some attributes). */
function keyOrNone(item: JsonItem, keySchema: QueryTarget['tableKeySchema']): JsonItem {
  try { return keyOf(item, keySchema); } catch { return {}; }
}

/** The item of a page with this key (compared on the given key names), if any. */
export function findItem(items: readonly JsonItem[], key: JsonItem, keyNames: readonly string[]): JsonItem | undefined {
  const wanted = canonicalJson(keyOf(key, keyNames));
  return items.find(item => {
    try { return canonicalJson(keyOf(item, keyNames)) === wanted; } catch { return false; }
  });
}

export function itemView(item: JsonItem, keyNames: readonly string[]): ItemView {
  const plain = formatPlainJson(item);
  return { keyText: keyText(keyOf(item, keyNames)), dynamoJson: formatDynamoJson(item), plainJson: plain.text, plainNotes: plain.notes };
}

/** Same start key? (canonical comparison; undefined equals undefined). */
export function sameKey(a: JsonItem | undefined, b: JsonItem | undefined): boolean {
  if (!a || !b) { return a === b; }
  return canonicalJson(a) === canonicalJson(b);
}
