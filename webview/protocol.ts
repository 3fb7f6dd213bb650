/**
 * The messages between a panel's host (src/vscode/panels/) and its webview (webview/*.ts).
 *
 * - Requests go from the webview to the host: `{type: 'request', id, method, params}`; the host
 *   answers each with one `{type: 'response', id, ok: true, result}` or
 *   `{type: 'response', id, ok: false, error: {code, message}}`.
 * - Notifications go either way and are not answered: `{type: 'notification', method, params}`.
 * - The webview's first message is the `ready` notification; the host queues what it posts until
 *   then (a webview that is not yet listening loses messages).
 * - The host validates every incoming message with `parseFromWebview`: an unknown method or a
 *   malformed message is dropped (and logged by the host). The webview checks what it receives
 *   with `parseFromHost` the same way.
 *
 * Only plain data crosses: strings, numbers, booleans, arrays and objects of them (LiveTable and
 * the item types of src/model are plain data). No SDK object, no function, no class instance.
 * Pure: no DOM, no vscode, no node import, so both sides (and unit tests) use it.
 */
import type { LiveTable } from '../src/model/live';
import type { ServerFeature } from '../src/model/plan';
import type {
  DisplayValue, FilterCondition, JsonItem, PageProgress, PartitionKeyCondition, QueryTarget, SortKeyCondition,
} from '../src/model/items';
import { FILTER_OPERATORS, SORT_KEY_OPERATORS } from '../src/model/items';

export const PROTOCOL_VERSION = 1;

export type PanelKind = 'details' | 'items';

/** View types of the panels (`onWebviewPanel:<viewType>` activation events). */
export const VIEW_TYPES: Readonly<Record<PanelKind, string>> = {
  details: 'dynamodbDesigner.tableDetails',
  items: 'dynamodbDesigner.itemBrowser',
};

/** What a panel shows: one table of one connection and region (optionally an index to start on). */
export interface PanelTarget {
  readonly connectionId: string;
  readonly connectionLabel: string;
  readonly region: string;
  readonly tableName: string;
  readonly indexName?: string;
}

/** An error in words, with the AWS (or our) error code. */
export interface ErrorInfo {
  readonly code: string;
  readonly message: string;
}

// ---------------------------------------------------------------------------------------------
// Details panel

/** A feature the connection's server lacks or ignores (plain copy of src/model/plan.ts's ServerLimitation). */
export interface Limitation {
  readonly feature: ServerFeature;
  readonly support: 'unsupported' | 'ignored' | 'fixed';
  readonly label: string;
  readonly detail: string;
}

export interface DetailsData {
  readonly target: PanelTarget;
  readonly table: LiveTable;
  /** Non-empty when the connection is the embedded local server: what it ignores. */
  readonly limitations: readonly Limitation[];
  /** ISO time the description was read. */
  readonly fetchedAt: string;
  readonly canExportConfig: boolean;
  /**
   * Where the table's ItemCount and TableSizeBytes come from: `aws` (refreshed about every six
   * hours), `server` (a custom endpoint: as that server reports them), `not-reported` (a server
   * known to report 0 whatever the table holds: the embedded one). Count on demand with `details.count`.
   */
  readonly itemCounts: ItemCountSource;
}

export type ItemCountSource = 'aws' | 'server' | 'not-reported';

/** The outcome of an on-demand count (a Scan with Select COUNT). */
export type CountOutcome =
  | { readonly done: true; readonly count: number; readonly scannedCount: number; readonly requests: number; readonly consumedCapacity?: number; readonly index?: string }
  | { readonly done: false; readonly reason: 'cancelled' };

// ---------------------------------------------------------------------------------------------
// Item browser

/** What the user asked for in the item browser: the target by index name (absent: the table). */
export interface ItemQuery {
  readonly index?: string;
  readonly mode: 'scan' | 'query';
  readonly partitionKey?: PartitionKeyCondition;
  readonly sortKey?: SortKeyCondition;
  readonly filters: readonly FilterCondition[];
  readonly pageSize: number;
  readonly descending?: boolean;
}

export interface ItemRow {
  /** The item's key (table key attributes), used to name the item in later requests. */
  readonly key: JsonItem;
  /** One cell per column; null where the item lacks the attribute. */
  readonly cells: readonly (DisplayValue | null)[];
  /** Attributes of the item not shown in a column (seen in the item view). */
  readonly hidden: number;
}

/** One page as the grid shows it. */
export interface PageView {
  readonly pageNumber: number;
  readonly hasNext: boolean;
  readonly hasPrevious: boolean;
  /** Where the next page starts (the page's LastEvaluatedKey); absent on the last page. */
  readonly lastEvaluatedKey?: JsonItem;
  readonly columns: readonly string[];
  /** Key attribute names among the columns (table and index keys). */
  readonly keyColumns: readonly string[];
  readonly rows: readonly ItemRow[];
  readonly scannedCount: number;
  readonly count: number;
  readonly consumedCapacity?: number;
  readonly requests: number;
  readonly stopped?: boolean;
  readonly query: ItemQuery;
  /**
   * The start keys of pages 1 to pageNumber (null for page 1): with the query, what brings the
   * same page back, Previous included (the webview keeps them in its state for a window reload).
   */
  readonly starts: readonly (JsonItem | null)[];
}

export interface ItemsInit {
  readonly target: PanelTarget;
  readonly tableName: string;
  /** The table, then its GSIs, then its LSIs. */
  readonly targets: readonly QueryTarget[];
  readonly pageSize: number;
  readonly maxColumns: number;
  /** The page the host still holds (the panel was hidden and shown again). */
  readonly page?: PageView;
}

export interface ItemView {
  readonly keyText: string;
  readonly dynamoJson: string;
  readonly plainJson: string;
  /** What plain JSON cannot show exactly (sets, binary, long numbers). */
  readonly plainNotes: readonly string[];
  /** Where the item was read from, when not from the page (an index projecting part of it). */
  readonly note?: string;
}

export type ExportScope = 'page' | 'all';
export type ExportFormatName = 'jsonl' | 'csv';

export type ExportOutcome =
  | { readonly done: true; readonly path: string; readonly items: number; readonly bytes: number }
  | { readonly done: false; readonly reason: 'cancelled' };

export type DeleteOutcome =
  | { readonly deleted: true; readonly page: PageView }
  | { readonly deleted: false; readonly reason: 'cancelled' | 'gone'; readonly page?: PageView };

// ---------------------------------------------------------------------------------------------
// Method tables

type NoParams = Readonly<Record<string, never>>;

/** Requests (webview -> host) with their params and results. */
export interface RequestMap {
  'copy': { params: { readonly text: string }; result: null };
  'details.load': { params: NoParams; result: DetailsData };
  /** What the panel shows (no I/O: the webview keeps it in its state even when the load fails). */
  'details.target': { params: NoParams; result: PanelTarget };
  /** Counts the items of the table (or an index) with a Scan; progress as `progress` notifications. */
  'details.count': { params: { readonly index?: string }; result: CountOutcome };
  'details.browse': { params: { readonly index?: string }; result: null };
  'details.exportConfig': { params: NoParams; result: null };
  'items.init': { params: NoParams; result: ItemsInit };
  /** The first page of a query; with `starts` (a PageView's), that page again (restoring a panel). */
  'items.run': { params: { readonly query: ItemQuery; readonly starts?: readonly (JsonItem | null)[] }; result: PageView };
  /** The next page after the page `fromPage` the webview shows, which ended at `after`. */
  'items.next': { params: { readonly fromPage: number; readonly after: JsonItem }; result: PageView };
  'items.previous': { params: { readonly fromPage: number }; result: PageView };
  'items.reload': { params: NoParams; result: PageView };
  'items.open': { params: { readonly key: JsonItem }; result: ItemView };
  'items.edit': { params: { readonly key: JsonItem }; result: null };
  'items.duplicate': { params: { readonly key: JsonItem }; result: null };
  'items.create': { params: NoParams; result: null };
  'items.delete': { params: { readonly key: JsonItem }; result: DeleteOutcome };
  'items.export': { params: { readonly scope: ExportScope; readonly format: ExportFormatName }; result: ExportOutcome };
}
export type Method = keyof RequestMap;
export type ParamsOf<M extends Method> = RequestMap[M]['params'];
export type ResultOf<M extends Method> = RequestMap[M]['result'];

/** Notifications from the webview. */
export interface WebviewNotificationMap {
  /** The webview listens: the host may post. */
  'ready': { readonly version: number };
  /** Stop the long page being read; it returns what was found so far. */
  'items.stop': NoParams;
  /** Stop the item count being made (details panel). */
  'details.stopCount': NoParams;
}

/** Notifications from the host. */
export interface HostNotificationMap {
  /** Progress of a page that takes several requests. */
  'progress': PageProgress;
  /** The host changed the page (an item saved in its editor, a reload): show it. */
  'page': PageView;
  /** A message for the panel's status line. */
  'notice': { readonly level: 'info' | 'warning' | 'error'; readonly message: string; readonly code?: string };
  /** Reload what the panel shows (details: the table changed). */
  'refresh': NoParams;
  /** The person asked to browse this target of the open item browser (absent index: the table). */
  'browse': { readonly index?: string };
}

export type RequestMessage<M extends Method = Method> = { readonly type: 'request'; readonly id: number; readonly method: M; readonly params: ParamsOf<M> };
export type WebviewNotification<N extends keyof WebviewNotificationMap = keyof WebviewNotificationMap> = { readonly type: 'notification'; readonly method: N; readonly params: WebviewNotificationMap[N] };
export type HostNotification<N extends keyof HostNotificationMap = keyof HostNotificationMap> = { readonly type: 'notification'; readonly method: N; readonly params: HostNotificationMap[N] };
export type ResponseMessage =
  | { readonly type: 'response'; readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly type: 'response'; readonly id: number; readonly ok: false; readonly error: ErrorInfo };

export type FromWebview = { [M in Method]: RequestMessage<M> }[Method] | { [N in keyof WebviewNotificationMap]: WebviewNotification<N> }[keyof WebviewNotificationMap];
export type FromHost = ResponseMessage | { [N in keyof HostNotificationMap]: HostNotification<N> }[keyof HostNotificationMap];

/** What the webview keeps with setState (and the serializer reads back after a window reload). */
export interface PanelState {
  readonly v: typeof PROTOCOL_VERSION;
  readonly kind: PanelKind;
  readonly target: PanelTarget;
  /** Item browser: the last query, so the same view comes back. */
  readonly query?: ItemQuery;
  /** Item browser: the start keys of the page shown (PageView.starts), so the same page comes back. */
  readonly starts?: readonly (JsonItem | null)[];
  /** Item browser: the key of the selected row, and whether its item was open. */
  readonly selected?: JsonItem;
  readonly itemOpen?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Validation: every incoming message is checked before it is used.

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

class Invalid extends Error {}

type Check = (value: unknown, at: string) => void;

function fail(at: string, what: string): never { throw new Invalid(`${at}: ${what}`); }

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);
}

const MAX_TEXT = 400_000;
const str: Check = (v, at) => { if (typeof v !== 'string' || v.length > MAX_TEXT) { fail(at, 'expected a string'); } };
const bool: Check = (v, at) => { if (typeof v !== 'boolean') { fail(at, 'expected a boolean'); } };
const int = (min: number, max: number): Check => (v, at) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) { fail(at, `expected a whole number from ${min} to ${max}`); }
};
const oneOf = (values: readonly string[]): Check => (v, at) => {
  if (typeof v !== 'string' || !values.includes(v)) { fail(at, `expected one of ${values.join(', ')}`); }
};
const list = (element: Check, max = 1000): Check => (v, at) => {
  if (!Array.isArray(v) || v.length > max) { fail(at, `expected an array of at most ${max}`); }
  v.forEach((e, i) => element(e, `${at}[${i}]`));
};

/** An object with exactly these fields (optional ones may be absent or undefined); nothing else. */
function object(required: Readonly<Record<string, Check>>, optional: Readonly<Record<string, Check>> = {}): Check {
  return (v, at) => {
    if (!isRecord(v)) { fail(at, 'expected an object'); }
    for (const key of Object.keys(v)) {
      if (!(key in required) && !(key in optional)) { fail(`${at}.${key}`, 'unexpected field'); }
    }
    for (const [key, check] of Object.entries(required)) { check(v[key], `${at}.${key}`); }
    for (const [key, check] of Object.entries(optional)) { if (v[key] !== undefined) { check(v[key], `${at}.${key}`); } }
  };
}

const ATTRIBUTE_TYPES = ['S', 'N', 'B'] as const;

/** A DynamoDB JSON attribute value (shape only; the host's item code checks numbers and base64). */
function attributeValue(v: unknown, at: string, depth: number): void {
  if (depth > 32) { fail(at, 'nested too deeply'); }
  if (!isRecord(v)) { fail(at, 'expected an attribute value'); }
  const keys = Object.keys(v);
  if (keys.length !== 1) { fail(at, 'an attribute value has exactly one type key'); }
  const type = keys[0]!;
  const inner = v[type];
  switch (type) {
    case 'S': case 'N': case 'B': str(inner, `${at}.${type}`); return;
    case 'BOOL': bool(inner, `${at}.${type}`); return;
    case 'NULL': if (inner !== true) { fail(`${at}.NULL`, 'expected true'); } return;
    case 'SS': case 'NS': case 'BS': list(str, 100_000)(inner, `${at}.${type}`); return;
    case 'L':
      if (!Array.isArray(inner)) { fail(`${at}.L`, 'expected an array'); }
      inner.forEach((e, i) => attributeValue(e, `${at}.L[${i}]`, depth + 1));
      return;
    case 'M': jsonItemAt(inner, `${at}.M`, depth + 1); return;
    default: fail(at, `unknown attribute type ${JSON.stringify(type)}`);
  }
}

function jsonItemAt(v: unknown, at: string, depth: number): void {
  if (!isRecord(v)) { fail(at, 'expected an item'); }
  for (const [name, value] of Object.entries(v)) { attributeValue(value, `${at}.${name}`, depth); }
}

const jsonItem: Check = (v, at) => jsonItemAt(v, at, 0);
const startKey: Check = (v, at) => { if (v !== null) { jsonItem(v, at); } };
/** Start keys of pages: at most this many pages deep are kept. */
const MAX_PAGES = 10_000;
const startKeys = list(startKey, MAX_PAGES);

const typedValue = object({ type: oneOf(['S', 'N', 'B', 'BOOL', 'NULL']), text: str });
const partitionKey = object({ name: str, type: oneOf(ATTRIBUTE_TYPES), value: str });
const sortKey = object({ name: str, type: oneOf(ATTRIBUTE_TYPES), operator: oneOf(SORT_KEY_OPERATORS), value: str }, { value2: str });
const filter = object({ path: str, operator: oneOf(FILTER_OPERATORS) }, { value: typedValue, value2: typedValue });

const itemQuery = object(
  { mode: oneOf(['scan', 'query']), filters: list(filter, 50), pageSize: int(1, 1000) },
  { index: str, partitionKey, sortKey, descending: bool },
);

const panelTarget = object({ connectionId: str, connectionLabel: str, region: str, tableName: str }, { indexName: str });
const none = object({});

const REQUEST_PARAMS: Readonly<Record<Method, Check>> = {
  'copy': object({ text: str }),
  'details.load': none,
  'details.target': none,
  'details.count': object({}, { index: str }),
  'details.browse': object({}, { index: str }),
  'details.exportConfig': none,
  'items.init': none,
  'items.run': object({ query: itemQuery }, { starts: startKeys }),
  'items.next': object({ fromPage: int(1, Number.MAX_SAFE_INTEGER), after: jsonItem }),
  'items.previous': object({ fromPage: int(2, Number.MAX_SAFE_INTEGER) }),
  'items.reload': none,
  'items.open': object({ key: jsonItem }),
  'items.edit': object({ key: jsonItem }),
  'items.duplicate': object({ key: jsonItem }),
  'items.create': none,
  'items.delete': object({ key: jsonItem }),
  'items.export': object({ scope: oneOf(['page', 'all']), format: oneOf(['jsonl', 'csv']) }),
};

const WEBVIEW_NOTIFICATIONS: Readonly<Record<keyof WebviewNotificationMap, Check>> = {
  'ready': object({ version: int(0, 1_000_000) }),
  'items.stop': none,
  'details.stopCount': none,
};

function parse<T>(message: unknown, check: Check): Parsed<T> {
  try {
    check(message, '$');
    return { ok: true, value: message as T };
  } catch (error) {
    if (error instanceof Invalid) { return { ok: false, reason: error.message }; }
    throw error;
  }
}

const id = int(0, Number.MAX_SAFE_INTEGER);

/** Validates a message from a webview: a known request or notification with well-formed params. */
export function parseFromWebview(message: unknown): Parsed<FromWebview> {
  return parse<FromWebview>(message, (v, at) => {
    if (!isRecord(v)) { fail(at, 'expected an object'); }
    if (v.type === 'request') {
      const method = v.method;
      if (typeof method !== 'string' || !Object.hasOwn(REQUEST_PARAMS, method)) { fail(`${at}.method`, `unknown request ${JSON.stringify(method)}`); }
      object({ type: str, id, method: str, params: REQUEST_PARAMS[method as Method] })(v, at);
    } else if (v.type === 'notification') {
      const method = v.method;
      if (typeof method !== 'string' || !Object.hasOwn(WEBVIEW_NOTIFICATIONS, method)) { fail(`${at}.method`, `unknown notification ${JSON.stringify(method)}`); }
      object({ type: str, method: str, params: WEBVIEW_NOTIFICATIONS[method as keyof WebviewNotificationMap] })(v, at);
    } else {
      fail(`${at}.type`, 'expected "request" or "notification"');
    }
  });
}

const HOST_NOTIFICATIONS: readonly (keyof HostNotificationMap)[] = ['progress', 'page', 'notice', 'refresh', 'browse'];

/**
 * Validates the envelope of a message from the host (the host is trusted; this keeps stray
 * messages, e.g. from extensions of the page, from being taken for ours).
 */
export function parseFromHost(message: unknown): Parsed<FromHost> {
  return parse<FromHost>(message, (v, at) => {
    if (!isRecord(v)) { fail(at, 'expected an object'); }
    if (v.type === 'response') {
      id(v.id, `${at}.id`);
      if (v.ok === true) { if (!('result' in v)) { fail(`${at}.result`, 'missing'); } return; }
      if (v.ok === false) { object({ code: str, message: str })(v.error, `${at}.error`); return; }
      fail(`${at}.ok`, 'expected a boolean');
    } else if (v.type === 'notification') {
      if (typeof v.method !== 'string' || !(HOST_NOTIFICATIONS as readonly string[]).includes(v.method)) { fail(`${at}.method`, 'unknown notification'); }
      if (!isRecord(v.params)) { fail(`${at}.params`, 'expected an object'); }
    } else {
      fail(`${at}.type`, 'expected "response" or "notification"');
    }
  });
}

/** Validates a saved panel state (the serializer's input after a window reload). */
export function parsePanelState(state: unknown): Parsed<PanelState> {
  return parse<PanelState>(state, object(
    { v: (x, at) => { if (x !== PROTOCOL_VERSION) { fail(at, 'unknown state version'); } }, kind: oneOf(['details', 'items']), target: panelTarget },
    { query: itemQuery, starts: startKeys, selected: jsonItem, itemOpen: bool },
  ));
}

/** Validates a panel target (for hosts that receive one from elsewhere). */
export function parsePanelTarget(value: unknown): Parsed<PanelTarget> {
  return parse<PanelTarget>(value, panelTarget);
}
