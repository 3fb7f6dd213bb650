/**
 * The panel protocol's validators (what the host drops), the page builder's CSP, and the pure
 * conversion of pages and items for the grid.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseFromHost, parseFromWebview, parsePanelState, PROTOCOL_VERSION } from '../../../webview/protocol';
import type { ItemQuery } from '../../../webview/protocol';
import { contentSecurityPolicy, escapeHtml, makeNonce, panelHtml } from '../../../src/vscode/panels/html';
import { findItem, itemView, sameKey, toItemRequest, toPageView } from '../../../src/items/pageView';
import { PanelError, toErrorInfo } from '../../../src/vscode/panels/errorInfo';
import { targetsOf } from '../../../src/model/items';
import type { JsonItem } from '../../../src/model/items';
import type { LiveTable } from '../../../src/model/live';
import { ItemConflictError } from '../../../src/dynamo/items';
import { RequestError } from '../../../src/items/expressions';

const query: ItemQuery = { mode: 'scan', filters: [], pageSize: 100 };

describe('protocol: messages from the webview', () => {
  it('accepts well-formed requests and notifications', () => {
    const ok = [
      { type: 'request', id: 1, method: 'items.run', params: { query } },
      { type: 'request', id: 2, method: 'items.run', params: { query: { mode: 'query', index: 'byGroup', pageSize: 10, descending: true,
        partitionKey: { name: 'g', type: 'S', value: 'x' }, sortKey: { name: 's', type: 'N', operator: 'between', value: '1', value2: '2' },
        filters: [{ path: 'a.b[0]', operator: '=', value: { type: 'BOOL', text: 'true' } }, { path: 'c', operator: 'attribute_exists' }] } } },
      { type: 'request', id: 3, method: 'items.next', params: { fromPage: 1, after: { pk: { S: 'a' }, sk: { N: '1' } } } },
      { type: 'request', id: 7, method: 'items.run', params: { query, starts: [null, { pk: { S: 'a' }, sk: { N: '1' } }] } },
      { type: 'request', id: 4, method: 'items.open', params: { key: { pk: { B: 'AA==' }, m: { M: { l: { L: [{ NULL: true }, { SS: ['x'] }] } } } } } },
      { type: 'request', id: 5, method: 'items.export', params: { scope: 'all', format: 'csv' } },
      { type: 'request', id: 6, method: 'details.load', params: {} },
      { type: 'notification', method: 'ready', params: { version: PROTOCOL_VERSION } },
      { type: 'notification', method: 'items.stop', params: {} },
      { type: 'request', id: 8, method: 'details.target', params: {} },
      { type: 'request', id: 9, method: 'details.count', params: {} },
      { type: 'request', id: 10, method: 'details.count', params: { index: 'by-status' } },
      { type: 'notification', method: 'details.stopCount', params: {} },
    ];
    for (const message of ok) { assert.deepEqual(parseFromWebview(message), { ok: true, value: message }, JSON.stringify(message)); }
  });

  it('drops unknown methods, malformed params and extra fields, saying where', () => {
    const bad: [unknown, RegExp][] = [
      [null, /expected an object/],
      ['ready', /expected an object/],
      [{ type: 'request', id: 1, method: 'items.evil', params: {} }, /unknown request "items.evil"/],
      [{ type: 'request', id: 1, method: 'toString', params: {} }, /unknown request/],
      [{ type: 'request', id: 1, method: '__proto__', params: {} }, /unknown request/],
      [{ type: 'request', id: -1, method: 'details.load', params: {} }, /\$\.id/],
      [{ type: 'request', id: 1, method: 'details.count', params: { index: 3 } }, /\$\.params\.index: expected a string/],
      [{ type: 'request', id: 1, method: 'details.count', params: { table: 'other' } }, /\$\.params\.table: unexpected field/],
      [{ type: 'request', id: 1.5, method: 'details.load', params: {} }, /\$\.id/],
      [{ type: 'request', id: 1, method: 'details.load', params: { x: 1 } }, /\$\.params\.x: unexpected field/],
      [{ type: 'request', id: 1, method: 'details.load' }, /\$\.params: expected an object/],
      [{ type: 'request', id: 1, method: 'details.load', params: {}, extra: true }, /\$\.extra: unexpected field/],
      [{ type: 'request', id: 1, method: 'items.run', params: { query: { ...query, pageSize: 0 } } }, /pageSize/],
      [{ type: 'request', id: 1, method: 'items.run', params: { query: { ...query, pageSize: 5000 } } }, /pageSize/],
      [{ type: 'request', id: 1, method: 'items.run', params: { query: { ...query, mode: 'delete' } } }, /mode: expected one of scan, query/],
      [{ type: 'request', id: 1, method: 'items.run', params: { query: { ...query, filters: [{ path: 'a', operator: 'OR 1=1' }] } } }, /operator/],
      [{ type: 'request', id: 1, method: 'items.run', params: { query: { ...query, sortKey: { name: 's', type: 'BOOL', operator: '=', value: '1' } } } }, /sortKey\.type/],
      [{ type: 'request', id: 1, method: 'items.open', params: { key: { pk: { S: 'a', N: '1' } } } }, /exactly one type key/],
      [{ type: 'request', id: 1, method: 'items.open', params: { key: { pk: { X: 'a' } } } }, /unknown attribute type/],
      [{ type: 'request', id: 1, method: 'items.open', params: { key: { pk: { NULL: false } } } }, /NULL: expected true/],
      [{ type: 'request', id: 1, method: 'items.open', params: { key: { pk: { SS: [1] } } } }, /SS\[0\]: expected a string/],
      [{ type: 'request', id: 1, method: 'items.previous', params: { fromPage: 1 } }, /fromPage/],
      [{ type: 'request', id: 1, method: 'items.run', params: { query, starts: [null, 'a'] } }, /starts\[1\]: expected an item/],
      [{ type: 'request', id: 1, method: 'items.export', params: { scope: 'page', format: 'xml' } }, /format/],
      [{ type: 'notification', method: 'ready', params: {} }, /version/],
      [{ type: 'notification', method: 'hello', params: {} }, /unknown notification/],
      [{ type: 'response', id: 1, ok: true, result: 1 }, /expected "request" or "notification"/],
    ];
    for (const [message, reason] of bad) {
      const parsed = parseFromWebview(message);
      assert.equal(parsed.ok, false, JSON.stringify(message));
      assert.match((parsed as { reason: string }).reason, reason, JSON.stringify(message));
    }
  });

  it('refuses objects that are not plain data (class instances, deep nesting)', () => {
    class Sneaky { S = 'x'; }
    assert.equal(parseFromWebview({ type: 'request', id: 1, method: 'items.open', params: { key: { pk: new Sneaky() } } }).ok, false);
    let deep: unknown = { S: 'x' };
    for (let i = 0; i < 40; i++) { deep = { L: [deep] }; }
    const parsed = parseFromWebview({ type: 'request', id: 1, method: 'items.open', params: { key: { pk: deep } } });
    assert.equal(parsed.ok, false);
    assert.match((parsed as { reason: string }).reason, /nested too deeply/);
  });

  it('refuses fields named like Object.prototype members (only declared fields are known)', () => {
    for (const field of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) {
      const params = JSON.parse(`{"${field}": 1}`) as unknown;
      const parsed = parseFromWebview({ type: 'request', id: 1, method: 'details.count', params });
      assert.equal(parsed.ok, false, field);
      assert.match((parsed as { reason: string }).reason, new RegExp(`\\$\\.params\\.${field}: unexpected field`), field);
    }
  });
});

describe('protocol: messages from the host and saved state', () => {
  it('checks envelopes', () => {
    assert.equal(parseFromHost({ type: 'response', id: 3, ok: true, result: null }).ok, true);
    assert.equal(parseFromHost({ type: 'response', id: 3, ok: false, error: { code: 'AccessDeniedException', message: 'No permission.' } }).ok, true);
    assert.equal(parseFromHost({ type: 'notification', method: 'progress', params: { requests: 1, scannedCount: 5, count: 0 } }).ok, true);
    assert.equal(parseFromHost({ type: 'response', id: 3, ok: false, error: { message: 'no code' } }).ok, false);
    assert.equal(parseFromHost({ type: 'response', id: 3, ok: true }).ok, false);
    assert.equal(parseFromHost({ type: 'notification', method: 'eval', params: {} }).ok, false);
    assert.equal(parseFromHost({ type: 'notification', method: 'browse', params: { index: 'byG' } }).ok, true);
    assert.equal(parseFromHost({ source: 'react-devtools' }).ok, false);
  });

  it("checks each host notification's params against its declaration", () => {
    const page = { pageNumber: 1, hasNext: false, hasPrevious: false, columns: [], keyColumns: [], rows: [], scannedCount: 0, count: 0, requests: 1, query, starts: [null] };
    const ok = [
      { type: 'notification', method: 'progress', params: { requests: 2, scannedCount: 0, count: 0 } },
      { type: 'notification', method: 'notice', params: { level: 'warning', message: 'Saved.', code: 'ItemSaved' } },
      { type: 'notification', method: 'notice', params: { level: 'info', message: 'Saved.' } },
      { type: 'notification', method: 'refresh', params: {} },
      { type: 'notification', method: 'browse', params: {} },
      { type: 'notification', method: 'page', params: page },
    ];
    for (const message of ok) { assert.deepEqual(parseFromHost(message), { ok: true, value: message }, JSON.stringify(message)); }
    const bad: [unknown, RegExp][] = [
      [{ type: 'notification', method: 'progress', params: { requests: 1, scannedCount: -1, count: 0 } }, /\$\.params\.scannedCount: expected a whole number/],
      [{ type: 'notification', method: 'progress', params: { requests: 1, count: 0 } }, /\$\.params\.scannedCount/],
      [{ type: 'notification', method: 'notice', params: { level: 'fatal', message: 'x' } }, /\$\.params\.level: expected one of info, warning, error/],
      [{ type: 'notification', method: 'notice', params: { level: 'info' } }, /\$\.params\.message: expected a string/],
      [{ type: 'notification', method: 'refresh', params: { table: 'T' } }, /\$\.params\.table: unexpected field/],
      [{ type: 'notification', method: 'browse', params: { index: 3 } }, /\$\.params\.index: expected a string/],
      [{ type: 'notification', method: 'page', params: [] }, /\$\.params: expected an object/],
      [{ type: 'notification', method: 'toString', params: {} }, /unknown notification "toString"/],
      [{ type: 'notification', method: 'ready', params: { version: 1 } }, /unknown notification "ready"/],
    ];
    for (const [message, reason] of bad) {
      const parsed = parseFromHost(message);
      assert.equal(parsed.ok, false, JSON.stringify(message));
      assert.match((parsed as { reason: string }).reason, reason, JSON.stringify(message));
    }
  });

  it('restores only a valid panel state', () => {
    const target = { connectionId: 'local', connectionLabel: 'Local', region: 'us-east-1', tableName: 'T' };
    assert.equal(parsePanelState({ v: 1, kind: 'items', target, query }).ok, true);
    assert.equal(parsePanelState({ v: 1, kind: 'details', target }).ok, true);
    assert.equal(parsePanelState({ v: 2, kind: 'details', target }).ok, false);
    assert.equal(parsePanelState({ v: 1, kind: 'plan', target }).ok, false);
    assert.equal(parsePanelState({ v: 1, kind: 'details', target: { ...target, tableName: 3 } }).ok, false);
    assert.equal(parsePanelState(undefined).ok, false);
    const key = { pk: { S: 'a' }, sk: { N: '1' } };
    assert.equal(parsePanelState({ v: 1, kind: 'items', target, query, starts: [null, key], selected: key, itemOpen: true }).ok, true);
    assert.equal(parsePanelState({ v: 1, kind: 'items', target, query, starts: [undefined] }).ok, false, 'JSON has no undefined: page 1 is null');
    assert.equal(parsePanelState({ v: 1, kind: 'items', target, query, selected: { pk: { Q: 'a' } } }).ok, false);
    assert.equal(parsePanelState({ v: 1, kind: 'items', target, query, itemOpen: 'yes' }).ok, false);
  });
});

describe('panel page: strict CSP', () => {
  const cspSource = 'https://abc.vscode-cdn.net';
  it('allows only the nonce for scripts and nothing by default', () => {
    const nonce = makeNonce();
    const csp = contentSecurityPolicy(cspSource, nonce);
    assert.match(csp, /^default-src 'none'; /);
    assert.match(csp, new RegExp(`script-src 'nonce-${nonce.replace(/[+/]/g, '\\$&')}';`));
    assert.doesNotMatch(csp, /unsafe|\*/);
    const html = panelHtml({ kind: 'items', cspSource, nonce, scriptUri: `${cspSource}/dist/webview/items.js`, title: 'T <b>' });
    assert.ok(html.includes(`content="${escapeHtml(csp)}"`));
    assert.ok(html.includes(`<script type="module" nonce="${nonce}" src="${cspSource}/dist/webview/items.js"></script>`));
    assert.equal(html.match(/<script/g)?.length, 1, 'one script, external');
    assert.ok(html.includes('<title>T &lt;b&gt;</title>'));
  });

  it('refuses a weak nonce and makes fresh ones', () => {
    assert.throws(() => panelHtml({ kind: 'details', cspSource, nonce: 'abc', scriptUri: 'x', title: 't' }), /nonce/);
    assert.throws(() => panelHtml({ kind: 'details', cspSource, nonce: '"><script>x</script>aaaaaaaaaa', scriptUri: 'x', title: 't' }), /nonce/);
    assert.notEqual(makeNonce(), makeNonce());
  });
});

const table: LiveTable = {
  name: 'T', status: 'ACTIVE', attributes: { pk: 'S', sk: 'N', g: 'S' },
  keySchema: [{ name: 'pk', keyType: 'HASH' }, { name: 'sk', keyType: 'RANGE' }], billingMode: 'PAY_PER_REQUEST',
  globalSecondaryIndexes: [{ kind: 'GSI', name: 'byG', keySchema: [{ name: 'g', keyType: 'HASH' }], projectionType: 'ALL', nonKeyAttributes: [] }],
  localSecondaryIndexes: [], stream: { enabled: false }, sse: { enabled: false }, tableClass: 'STANDARD', deletionProtection: false,
  ttl: { state: 'known', value: { enabled: false } }, tags: { state: 'known', value: {} }, pointInTimeRecovery: { state: 'known', value: { enabled: false } },
};
const targets = targetsOf(table);

describe('page view', () => {
  const items: JsonItem[] = [
    { pk: { S: 'a' }, sk: { N: '1' }, g: { S: 'x' }, common: { S: 'c' }, rare: { BOOL: true }, big: { N: '12345678901234567890123456789012345678' } },
    { pk: { S: 'b' }, sk: { N: '2' }, common: { S: 'd' }, set: { NS: ['1', '2'] } },
  ];

  it('puts keys first, then frequent attributes up to maxColumns; counts hidden ones', () => {
    const view = toPageView({ items, scannedCount: 7, count: 2, requests: 1, lastEvaluatedKey: { pk: { S: 'b' }, sk: { N: '2' } } },
      { pageNumber: 2, hasPrevious: true, query, target: targets[0]!, maxColumns: 3, starts: [undefined, { pk: { S: '0' }, sk: { N: '0' } }] });
    assert.deepEqual(view.columns, ['pk', 'sk', 'common']);
    assert.deepEqual(view.keyColumns, ['pk', 'sk']);
    assert.deepEqual(view.rows.map(r => r.hidden), [3, 1]);
    assert.deepEqual(view.rows[0]!.key, { pk: { S: 'a' }, sk: { N: '1' } });
    assert.deepEqual(view.rows[0]!.cells[1], { type: 'N', text: '1', truncated: false });
    assert.equal(view.hasNext, true);
    assert.equal(view.pageNumber, 2);
    assert.equal(view.scannedCount, 7);
    assert.equal(view.consumedCapacity, undefined);
    assert.deepEqual(view.starts, [null, { pk: { S: '0' }, sk: { N: '0' } }], 'start keys as plain JSON (null for page 1)');
  });

  it('on an index, the index key comes first and the row key stays the table key', () => {
    const view = toPageView({ items: [items[0]!], scannedCount: 1, count: 1, requests: 1 }, { pageNumber: 1, hasPrevious: false, query, target: targets[1]!, maxColumns: 8, starts: [undefined] });
    assert.deepEqual(view.columns.slice(0, 3), ['g', 'pk', 'sk']);
    assert.deepEqual(view.keyColumns, ['g', 'pk', 'sk']);
    assert.deepEqual(view.rows[0]!.key, { pk: { S: 'a' }, sk: { N: '1' } });
    assert.equal(view.hasNext, false);
  });

  it('builds requests for the table or a named index, refusing unknown ones', () => {
    assert.equal(toItemRequest(query, targets).target.index, undefined);
    assert.equal(toItemRequest({ ...query, index: 'byG' }, targets).target.indexKind, 'GSI');
    assert.throws(() => toItemRequest({ ...query, index: 'nope' }, targets), /no index named "nope"/);
    assert.throws(() => toItemRequest(query, []), /the table has not been read yet/);
  });

  it('finds an item by key and shows it both ways', () => {
    assert.equal(findItem(items, { sk: { N: '2' }, pk: { S: 'b' } }, ['pk', 'sk']), items[1]);
    assert.equal(findItem(items, { pk: { S: 'b' }, sk: { N: '3' } }, ['pk', 'sk']), undefined);
    const view = itemView(items[0]!, ['pk', 'sk']);
    assert.equal(view.keyText, 'pk="a", sk=1');
    assert.deepEqual(JSON.parse(view.dynamoJson), items[0]);
    assert.match(view.plainJson, /"big": 12345678901234567890123456789012345678/);
    assert.ok(view.plainNotes.some(n => n.includes('big')));
    assert.equal(sameKey({ a: { S: '1' }, b: { N: '2' } }, { b: { N: '2' }, a: { S: '1' } }), true);
    assert.equal(sameKey(undefined, { a: { S: '1' } }), false);
  });
});

describe('errors in words', () => {
  it('keeps AWS codes and names our own', () => {
    const aws = Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } });
    assert.deepEqual(toErrorInfo(aws), { code: 'AccessDeniedException', message: 'No permission. (User is not authorized)' });
    assert.equal(toErrorInfo(new PanelError('StalePage', 'x')).code, 'StalePage');
    assert.equal(toErrorInfo(new RequestError('bad')).code, 'InvalidRequest');
    assert.equal(toErrorInfo(new ItemConflictError('changed', { pk: { S: 'a' } }, { pk: { S: 'a' } }, ['n'], 'saved')).code, 'ItemConflict:changed');
    const secret = toErrorInfo(Object.assign(new Error('key AKIAABCDEFGHIJKLMNOP leaked'), { name: 'ValidationException' }));
    assert.doesNotMatch(secret.message, /AKIA/);
  });
});
