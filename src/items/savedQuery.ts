/**
 * Saved queries and the query history as data. A saved query is one reviewable JSON file
 * (`*.dynamodb-query.json`), independent of any connection: the table (and index), what to run
 * (scan, query with its key condition and filters, or a PartiQL statement with its parameters)
 * and the page size. No connection, profile, endpoint or credential is ever written. Pure.
 */
import type { ItemQuery, PanelTarget } from '../../webview/protocol';
import { parseItemQuery } from '../../webview/protocol';

export const SAVED_QUERY_SUFFIX = '.dynamodb-query.json';
export const SAVED_QUERY_VERSION = 1;

export interface SavedQuery {
  readonly table: string;
  readonly query: ItemQuery;
}

/** The file's text: stable key order, two-space indent, a final newline (diffs stay small). */
export function formatSavedQuery(saved: SavedQuery): string {
  const q = saved.query;
  const file = {
    dynamodbQuery: SAVED_QUERY_VERSION,
    table: saved.table,
    ...(q.index !== undefined ? { index: q.index } : {}),
    kind: q.mode,
    ...(q.statement !== undefined ? { statement: q.statement } : {}),
    ...(q.parameters?.length ? { parameters: q.parameters } : {}),
    ...(q.partitionKey ? { partitionKey: q.partitionKey } : {}),
    ...(q.sortKey ? { sortKey: q.sortKey } : {}),
    ...(q.descending ? { descending: true } : {}),
    ...(q.filters.length ? { filters: q.filters } : {}),
    pageSize: q.pageSize,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Reads a saved query file; throws an Error naming what is wrong (and where). */
export function parseSavedQuery(text: string): SavedQuery {
  let raw: unknown;
  try { raw = JSON.parse(text.replace(/^\uFEFF/, '')); } catch (error) { throw new Error(`not valid JSON: ${(error as Error).message}`); }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) { throw new Error('a saved query is a JSON object'); }
  const { dynamodbQuery, table, kind, ...rest } = raw as Record<string, unknown>;
  if (dynamodbQuery !== SAVED_QUERY_VERSION) { throw new Error(`"dynamodbQuery" must be ${SAVED_QUERY_VERSION} (the format's version)`); }
  if (typeof table !== 'string' || table === '') { throw new Error('"table" must name the table'); }
  if (kind !== 'scan' && kind !== 'query' && kind !== 'partiql') { throw new Error('"kind" must be "scan", "query" or "partiql"'); }
  const candidate = { mode: kind, filters: [], pageSize: 100, ...rest };
  const parsed = parseItemQuery(candidate);
  if (!parsed.ok) { throw new Error(parsed.reason.replace(/^\$/, 'the file')); }
  const query = parsed.value;
  if (kind === 'query' && !query.partitionKey) { throw new Error('a "query" needs its "partitionKey" ({"name", "type", "value"})'); }
  if (kind === 'partiql' && !query.statement?.trim()) { throw new Error('a "partiql" query needs its "statement"'); }
  return { table, query };
}

/** A history entry: what ran, where (the connection by id and label only: no credential). */
export interface HistoryEntry {
  readonly at: string;
  readonly target: Pick<PanelTarget, 'connectionId' | 'connectionLabel' | 'region' | 'tableName'>;
  readonly query: ItemQuery;
}

export const HISTORY_LIMIT = 100;

function sameRun(a: HistoryEntry, b: HistoryEntry): boolean {
  return a.target.connectionId === b.target.connectionId && a.target.region === b.target.region && a.target.tableName === b.target.tableName
    && JSON.stringify(a.query) === JSON.stringify(b.query);
}

/**
 * The history of one connection after `entry` ran: newest first, the same run (same table, region
 * and query) kept once (moved to the top), at most `limit` entries.
 */
export function addToHistory(entries: readonly HistoryEntry[], entry: HistoryEntry, limit = HISTORY_LIMIT): HistoryEntry[] {
  return [entry, ...entries.filter(e => !sameRun(e, entry))].slice(0, limit);
}

/** Entries read back from storage, dropping any that no longer validate. */
export function validHistory(value: unknown): HistoryEntry[] {
  if (!Array.isArray(value)) { return []; }
  return value.filter((e): e is HistoryEntry => {
    const v = e as Partial<HistoryEntry> | null;
    return typeof v?.at === 'string' && typeof v.target?.connectionId === 'string' && typeof v.target.tableName === 'string'
      && typeof v.target.region === 'string' && typeof v.target.connectionLabel === 'string' && parseItemQuery(v.query).ok;
  });
}

/** A query in a few words: `Query pk = "USER#1" and sk begins_with "2024"`, `SELECT * FROM ...`. */
export function queryWords(query: ItemQuery): string {
  if (query.mode === 'partiql') { return (query.statement ?? '').replace(/\s+/g, ' ').trim(); }
  const on = query.index ? ` on ${query.index}` : '';
  const filters = query.filters.length ? `, ${query.filters.length} filter${query.filters.length > 1 ? 's' : ''}` : '';
  if (query.mode === 'scan') { return `Scan${on}${filters}`; }
  const pk = query.partitionKey ? `${query.partitionKey.name} = ${JSON.stringify(query.partitionKey.value)}` : '';
  const sk = query.sortKey ? ` and ${query.sortKey.name} ${query.sortKey.operator} ${JSON.stringify(query.sortKey.value)}${query.sortKey.value2 !== undefined ? ` and ${JSON.stringify(query.sortKey.value2)}` : ''}` : '';
  return `Query${on} ${pk}${sk}${filters}`;
}
