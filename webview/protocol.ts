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
 * - Each message is declared once, in the catalogue below (REQUESTS, WEBVIEW_NOTIFICATIONS,
 *   HOST_NOTIFICATIONS): what is checked is a schema (schema.ts) that is both the runtime check
 *   and, inferred, the type; what the trusted host builds (results, pages) is a declared type.
 *
 * Only plain data crosses: strings, numbers, booleans, arrays and objects of them (LiveTable and
 * the item types of src/model are plain data). No SDK object, no function, no class instance.
 * Pure: no DOM, no vscode, no node import, so both sides (and unit tests) use it.
 */
import type { DesignView } from '../src/model/designView';
import type { LiveTable } from '../src/model/live';
import type { ServerFeature } from '../src/model/plan';
import { FILTER_OPERATORS, SORT_KEY_OPERATORS } from '../src/model/items';
import type {
  DisplayValue, FilterCondition, JsonAttributeValue, JsonItem, PageProgress, PartitionKeyCondition, QueryTarget, SortKeyCondition, TypedValue,
} from '../src/model/items';
import type { Infer, Parsed, Returns, Schema } from './schema';
import { bool, exactly, fail, int, isRecord, list, object, oneOf, orNull, parse, returns, schema, str, trusted } from './schema';

export type { Parsed } from './schema';

export const PROTOCOL_VERSION = 1;

const panelKind = oneOf(['details', 'items', 'design']);
export type PanelKind = Infer<typeof panelKind>;

/** View types of the panels (`onWebviewPanel:<viewType>` activation events). */
export const VIEW_TYPES: Readonly<Record<PanelKind, string>> = {
  details: 'dynamodbDesigner.tableDetails',
  items: 'dynamodbDesigner.itemBrowser',
  design: 'dynamodbDesigner.designView',
};

/**
 * What a panel shows: one table of one connection and region (optionally an index to start on).
 * The design view of a config's table names the config by `configUri` (then `connectionId` is
 * `config`, `connectionLabel` the file's name and `region` empty: the design is the file's, not a server's).
 */
const panelTarget = object({ connectionId: str, connectionLabel: str, region: str, tableName: str }, { indexName: str, configUri: str });
export type PanelTarget = Infer<typeof panelTarget>;

/** An error in words, with the AWS (or our) error code. */
const errorInfo = object({ code: str, message: str });
export type ErrorInfo = Infer<typeof errorInfo>;

const none = object({});

// ---------------------------------------------------------------------------------------------
// Items as plain data (src/model/items), checked

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
    case 'S': case 'N': case 'B': str.check(inner, `${at}.${type}`); return;
    case 'BOOL': bool.check(inner, `${at}.${type}`); return;
    case 'NULL': if (inner !== true) { fail(`${at}.NULL`, 'expected true'); } return;
    case 'SS': case 'NS': case 'BS': list(str, 100_000).check(inner, `${at}.${type}`); return;
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

/** One attribute value in DynamoDB JSON (recursive, so written as a check). */
export const jsonAttributeValue: Schema<JsonAttributeValue> = schema((v, at) => attributeValue(v, at, 0));
/** An item or a key in DynamoDB JSON. */
export const jsonItem: Schema<JsonItem> = schema((v, at) => jsonItemAt(v, at, 0));
/** Start keys of pages (null for page 1): at most this many pages deep are kept. */
const MAX_PAGES = 10_000;
const startKeys = list(orNull(jsonItem), MAX_PAGES);

// The model's types are declared in src/model; these schemas are checked against them.
const typedValue: Schema<TypedValue> = object({ type: oneOf(['S', 'N', 'B', 'BOOL', 'NULL']), text: str });
const partitionKey: Schema<PartitionKeyCondition> = object({ name: str, type: oneOf(ATTRIBUTE_TYPES), value: str });
const sortKey: Schema<SortKeyCondition> = object(
  { name: str, type: oneOf(ATTRIBUTE_TYPES), operator: oneOf(SORT_KEY_OPERATORS), value: str },
  { /** Upper bound for `between`. */ value2: str },
);
const filter: Schema<FilterCondition> = object({ path: str, operator: oneOf(FILTER_OPERATORS) }, { value: typedValue, value2: typedValue });

/**
 * What the user asked for in the item browser: the target by index name (absent: the table).
 * `partiql`: a PartiQL SELECT run from an editor, a history entry or a saved query (its
 * `statement` and `parameters`; the target is the table or index it reads).
 */
const itemQuery = object(
  { mode: oneOf(['scan', 'query', 'partiql']), filters: list(filter, 50), pageSize: int(1, 1000) },
  { index: str, partitionKey, sortKey, descending: bool, statement: str, parameters: list(jsonAttributeValue, 1000) },
);
export type ItemQuery = Infer<typeof itemQuery>;

const exportScope = oneOf(['page', 'all']);
export type ExportScope = Infer<typeof exportScope>;
const exportFormat = oneOf(['jsonl', 'csv']);
export type ExportFormatName = Infer<typeof exportFormat>;

// ---------------------------------------------------------------------------------------------
// What the host builds (trusted: declared, not checked)

/** A feature the connection's server lacks or ignores (plain copy of src/model/plan.ts's ServerLimitation). */
export interface Limitation {
  readonly feature: ServerFeature;
  readonly support: 'unsupported' | 'ignored' | 'fixed';
  readonly label: string;
  readonly detail: string;
}

export interface DetailsData {
  readonly target: PanelTarget;
  /** Where the table lives, in the explorer's words (`Local (embedded) · any region`). */
  readonly location: string;
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
  /** Where the table lives, in the explorer's words (`Local (embedded) · any region`). */
  readonly location: string;
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

export type ExportOutcome =
  | { readonly done: true; readonly path: string; readonly items: number; readonly bytes: number }
  | { readonly done: false; readonly reason: 'cancelled' };

/** The design view of one table: from a config (its entities and patterns) or a live table (its indexes only). */
export interface DesignData {
  readonly target: PanelTarget;
  /** Where it comes from, in words: `shop.yaml`, or the live table's location. */
  readonly source: string;
  /** A live table: no entities or patterns, the facets of its indexes only. */
  readonly live: boolean;
  readonly view: DesignView;
}

export type DesignLanguage = 'typescript' | 'python';
/** "Delete All Matching...": how many were deleted (the page read again), or why not. */
export type DeleteAllOutcome =
  | { readonly done: true; readonly deleted: number; readonly page?: PageView }
  | { readonly done: false; readonly reason: 'cancelled' | 'nothing' | 'stopped'; readonly deleted?: number; readonly page?: PageView };

export type DeleteOutcome =
  | { readonly deleted: true; readonly page: PageView }
  | { readonly deleted: false; readonly reason: 'cancelled' | 'gone'; readonly page?: PageView };

// ---------------------------------------------------------------------------------------------
// The catalogue: every message, once

const request = <P, R>(params: Schema<P>, result: Returns<R>) => ({ params, result });
const pageNumber = (min: number) => int(min, Number.MAX_SAFE_INTEGER);
const indexParams = object({}, { index: str });
const keyParams = object({ key: jsonItem });

/** Requests (webview -> host): the schema of their params and the type of their result. */
const REQUESTS = {
  'copy': request(object({ text: str }), returns<null>()),
  'details.load': request(none, returns<DetailsData>()),
  /** What the panel shows (no I/O: the webview keeps it in its state even when the load fails). */
  'details.target': request(none, returns<PanelTarget>()),
  /** Counts the items of the table (or an index) with a Scan; progress as `progress` notifications. */
  'details.count': request(indexParams, returns<CountOutcome>()),
  'details.browse': request(indexParams, returns<null>()),
  'details.exportConfig': request(none, returns<null>()),
  'items.init': request(none, returns<ItemsInit>()),
  /** The first page of a query; with `starts` (a PageView's), that page again (restoring a panel). */
  'items.run': request(object({ query: itemQuery }, { starts: startKeys, /** The panel's own first read on opening (not kept in the history). */ initial: bool }), returns<PageView>()),
  /** The next page after the page `fromPage` the webview shows, which ended at `after`. */
  'items.next': request(object({ fromPage: pageNumber(1), after: jsonItem }), returns<PageView>()),
  'items.previous': request(object({ fromPage: pageNumber(2) }), returns<PageView>()),
  'items.reload': request(none, returns<PageView>()),
  'items.open': request(keyParams, returns<ItemView>()),
  'items.edit': request(keyParams, returns<null>()),
  'items.duplicate': request(keyParams, returns<null>()),
  'items.create': request(none, returns<null>()),
  'items.delete': request(keyParams, returns<DeleteOutcome>()),
  'items.export': request(object({ scope: exportScope, format: exportFormat }), returns<ExportOutcome>()),
  /** The design view of the panel's table, made again from the config (or the live table) now. */
  'design.load': request(none, returns<DesignData>()),
  /** Opens the design as Markdown in a new editor (for a design review). */
  'design.exportMarkdown': request(none, returns<null>()),
  /** Generates data-access code for the design (the person picks where it goes). */
  'design.generateCode': request(object({ language: oneOf(['typescript', 'python']) }), returns<null>()),
  /** Deletes every item the current Scan/Query matches (plan, typed table name, progress). */
  'items.deleteAll': request(none, returns<DeleteAllOutcome>()),
};

/** Notifications from the webview (not answered). */
const WEBVIEW_NOTIFICATIONS = {
  /** The webview listens: the host may post. */
  'ready': object({ version: int(0, 1_000_000) }),
  /** Stop the long page being read; it returns what was found so far. */
  'items.stop': none,
  /** Stop the item count being made (details panel). */
  'details.stopCount': none,
};

const count = int(0, Number.MAX_SAFE_INTEGER);
const progress: Schema<PageProgress> = object({ requests: count, scannedCount: count, count });

/** Notifications from the host (not answered). */
const HOST_NOTIFICATIONS = {
  /** Progress of a page (or a count) that takes several requests. */
  'progress': progress,
  /** The host changed the page (an item saved in its editor, a reload): show it. */
  'page': trusted<PageView>(),
  /** A message for the panel's status line. */
  'notice': object({ level: oneOf(['info', 'warning', 'error']), message: str }, { code: str }),
  /** Reload what the panel shows (details: the table changed). */
  'refresh': none,
  /** The person asked to browse this target of the open item browser (absent index: the table). */
  'browse': indexParams,
  /** The host read the first page of a query started elsewhere (a PartiQL statement, the history): show the query and the page. */
  'query': trusted<PageView>(),
  /** The person pressed Run's keybinding (Ctrl+Enter, the command `dynamodbDesigner.runItemQuery`): read with the form as it is. */
  'run': none,
};

type RequestSpecs = typeof REQUESTS;
export type Method = keyof RequestSpecs;
export type RequestMap = { [M in Method]: { params: Infer<RequestSpecs[M]['params']>; result: RequestSpecs[M]['result'] extends Returns<infer R> ? R : never } };
export type ParamsOf<M extends Method> = RequestMap[M]['params'];
export type ResultOf<M extends Method> = RequestMap[M]['result'];
export type WebviewNotificationMap = { [N in keyof typeof WEBVIEW_NOTIFICATIONS]: Infer<(typeof WEBVIEW_NOTIFICATIONS)[N]> };
export type HostNotificationMap = { [N in keyof typeof HOST_NOTIFICATIONS]: Infer<(typeof HOST_NOTIFICATIONS)[N]> };

export type RequestMessage<M extends Method = Method> = { readonly type: 'request'; readonly id: number; readonly method: M; readonly params: ParamsOf<M> };
export type WebviewNotification<N extends keyof WebviewNotificationMap = keyof WebviewNotificationMap> = { readonly type: 'notification'; readonly method: N; readonly params: WebviewNotificationMap[N] };
export type HostNotification<N extends keyof HostNotificationMap = keyof HostNotificationMap> = { readonly type: 'notification'; readonly method: N; readonly params: HostNotificationMap[N] };
export type ResponseMessage =
  | { readonly type: 'response'; readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly type: 'response'; readonly id: number; readonly ok: false; readonly error: ErrorInfo };

export type FromWebview = { [M in Method]: RequestMessage<M> }[Method] | { [N in keyof WebviewNotificationMap]: WebviewNotification<N> }[keyof WebviewNotificationMap];
export type FromHost = ResponseMessage | { [N in keyof HostNotificationMap]: HostNotification<N> }[keyof HostNotificationMap];

/** What the webview keeps with setState (and the serializer reads back after a window reload). */
const panelState = object(
  { v: exactly(PROTOCOL_VERSION, 'unknown state version'), kind: panelKind, target: panelTarget },
  {
    /** Item browser: the last query, so the same view comes back. */
    query: itemQuery,
    /** Item browser: the start keys of the page shown (PageView.starts), so the same page comes back. */
    starts: startKeys,
    /** Item browser: the key of the selected row. */
    selected: jsonItem,
    /** Item browser: whether the selected row's item was open. */
    itemOpen: bool,
  },
);
export type PanelState = Infer<typeof panelState>;

// ---------------------------------------------------------------------------------------------
// Validation: every incoming message is checked before it is used.

const id = int(0, Number.MAX_SAFE_INTEGER);

/** The schema of `catalogue[method]`, or a failure naming the unknown method. */
function entry<T>(catalogue: Readonly<Record<string, T>>, method: unknown, at: string, what: string): T {
  if (typeof method !== 'string' || !Object.hasOwn(catalogue, method)) { fail(`${at}.method`, `unknown ${what} ${JSON.stringify(method)}`); }
  return catalogue[method]!;
}

const fromWebview = schema<FromWebview>((v, at) => {
  if (!isRecord(v)) { fail(at, 'expected an object'); }
  if (v.type === 'request') {
    const { params } = entry<{ params: Schema<unknown> }>(REQUESTS, v.method, at, 'request');
    object({ type: str, id, method: str, params }).check(v, at);
  } else if (v.type === 'notification') {
    const params = entry<Schema<unknown>>(WEBVIEW_NOTIFICATIONS, v.method, at, 'notification');
    object({ type: str, method: str, params }).check(v, at);
  } else {
    fail(`${at}.type`, 'expected "request" or "notification"');
  }
});

/** Validates a message from a webview: a known request or notification with well-formed params. */
export function parseFromWebview(message: unknown): Parsed<FromWebview> {
  return parse(message, fromWebview);
}

const fromHost = schema<FromHost>((v, at) => {
  if (!isRecord(v)) { fail(at, 'expected an object'); }
  if (v.type === 'response') {
    id.check(v.id, `${at}.id`);
    if (v.ok === true) { if (!('result' in v)) { fail(`${at}.result`, 'missing'); } return; }
    if (v.ok === false) { errorInfo.check(v.error, `${at}.error`); return; }
    fail(`${at}.ok`, 'expected a boolean');
  } else if (v.type === 'notification') {
    entry<Schema<unknown>>(HOST_NOTIFICATIONS, v.method, at, 'notification').check(v.params, `${at}.params`);
  } else {
    fail(`${at}.type`, 'expected "response" or "notification"');
  }
});

/**
 * Validates a message from the host: the envelope, and the params of a notification (the host is
 * trusted; this keeps stray messages, e.g. from extensions of the page, from being taken for ours).
 */
export function parseFromHost(message: unknown): Parsed<FromHost> {
  return parse(message, fromHost);
}

/** Validates a saved panel state (the serializer's input after a window reload). */
export function parsePanelState(state: unknown): Parsed<PanelState> {
  return parse(state, panelState);
}

/** Validates a panel target (for hosts that receive one from elsewhere). */
export function parsePanelTarget(value: unknown): Parsed<PanelTarget> {
  return parse(value, panelTarget);
}

/** Validates an item browser query from elsewhere (a saved query file, the query history). */
export function parseItemQuery(value: unknown): Parsed<ItemQuery> {
  return parse(value, itemQuery);
}
