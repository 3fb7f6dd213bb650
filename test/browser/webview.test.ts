/**
 * The webview bundles (dist/webview/*.js, from `npm run build`) in headless Chromium, outside VS
 * Code: the page is the one the panel host builds (panelHtml), served from 127.0.0.1 with its CSP
 * as a header and a meta tag; a stub `acquireVsCodeApi` answers the protocol's requests with
 * fixtures built by the host's own page code (toPageView, itemView).
 *
 * Shows: values holding markup (`<img src=x onerror=...>`, `</script>`) render as text and
 * nothing executes; the CSP is strict and the bundle runs under it without a violation; paging
 * asks the host for the right pages; the item view and the details panel render.
 * Screenshots go to e2e-out/ (git-ignored).
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { repoRoot } from '../support/paths';
import { contentSecurityPolicy, makeNonce, panelHtml } from '../../src/vscode/panels/html';
import { itemView, toPageView } from '../../src/items/pageView';
import type { ItemPage, JsonItem, QueryTarget } from '../../src/model/items';
import { targetsOf } from '../../src/model/items';
import { targetLocationLabel } from '../../src/dynamo/connections';
import type { LiveTable } from '../../src/model/live';
import type { DetailsData, ItemQuery, ItemsInit, PageView, PanelKind, PanelTarget } from '../../webview/protocol';

// Browser globals, used only in code that runs in the page (init script, evaluate): the node
// program has no DOM library, so the little used is declared here.
interface PageNode { nodeName: string; getRootNode(): { host?: { nodeName: string } } }
interface ViolationEvent { violatedDirective: string; blockedURI: string; sample: string; target: PageNode | null }
declare const window: { postMessage(message: unknown, targetOrigin: string): void; scrollTo(x: number, y: number): void };
declare const document: {
  addEventListener(type: 'securitypolicyviolation', listener: (event: ViolationEvent) => void, capture: boolean): void;
  createElement(tag: 'div'): { innerHTML: string };
  body: { append(node: unknown): void };
};

const root = repoRoot();
const distDir = join(root, 'dist/webview');
const outDir = join(root, 'e2e-out');

const XSS_IMG = '<img src=x onerror="window.__pwned = \'img\'">';
const XSS_SCRIPT = '</script><script>window.__pwned = "script"</script>';
const XSS_NAME = '<b onmouseover="window.__pwned=\'name\'">name</b>';

const table: LiveTable = {
  name: 'Orders',
  arn: 'arn:aws:dynamodb:us-east-1:123456789012:table/Orders',
  status: 'ACTIVE',
  createdAt: '2024-05-01T10:00:00.000Z',
  attributes: { pk: 'S', sk: 'N', gpk: 'S' },
  keySchema: [{ name: 'pk', keyType: 'HASH' }, { name: 'sk', keyType: 'RANGE' }],
  billingMode: 'PAY_PER_REQUEST',
  globalSecondaryIndexes: [{ kind: 'GSI', name: 'byGroup', keySchema: [{ name: 'gpk', keyType: 'HASH' }], projectionType: 'ALL', nonKeyAttributes: [], status: 'ACTIVE', itemCount: 0, sizeBytes: 0 }],
  localSecondaryIndexes: [],
  stream: { enabled: false },
  sse: { enabled: false },
  tableClass: 'STANDARD',
  deletionProtection: false,
  itemCount: 0,
  sizeBytes: 0,
  ttl: { state: 'known', value: { enabled: false } },
  tags: { state: 'known', value: { team: XSS_IMG, owner: XSS_SCRIPT } },
  pointInTimeRecovery: { state: 'unknown', reason: 'ContinuousBackups is not supported by this server (UnknownOperationException)' },
};

const target: PanelTarget = { connectionId: 'local', connectionLabel: 'Local (embedded)', region: 'us-east-1', tableName: 'Orders' };
const targets: QueryTarget[] = targetsOf(table);
/** The header's words for the target, computed as the panel hosts compute them. */
const location = targetLocationLabel(target);
const PAGE_SIZE = 100;

/** 250 items: the first holds markup in values and in an attribute name. */
const items: JsonItem[] = Array.from({ length: 250 }, (_, i): JsonItem => ({
  pk: { S: `order-${String(i).padStart(3, '0')}` },
  sk: { N: String(i) },
  gpk: { S: `group-${i % 7}` },
  note: { S: i === 0 ? XSS_IMG : `note ${i}` },
  body: { S: i === 0 ? XSS_SCRIPT : 'plain' },
  tags: { SS: ['a', 'b'] },
  big: { N: '12345678901234567890123456789012345678' },
  blob: { B: 'AAEC' },
  flag: { BOOL: i % 2 === 0 },
  nothing: { NULL: true },
  list: { L: [{ S: 'x' }, { N: '1' }] },
  map: { M: { inner: { S: i === 0 ? XSS_SCRIPT : 'ok' } } },
  mixed: i % 2 === 0 ? { S: 'text' } : { N: String(i) },
  ...(i === 0 ? { [XSS_NAME]: { S: 'odd name' } } : {}),
}));

const scanQuery: ItemQuery = { mode: 'scan', filters: [], pageSize: PAGE_SIZE };

function pageFrom(start: number, pageNumber: number): PageView {
  const slice = items.slice(start, start + PAGE_SIZE);
  const last = slice[slice.length - 1];
  const page: ItemPage = {
    items: slice, scannedCount: slice.length, count: slice.length, requests: 1, consumedCapacity: 12.5,
    ...(start + PAGE_SIZE < items.length && last ? { lastEvaluatedKey: { pk: last.pk!, sk: last.sk! } } : {}),
  };
  const starts = Array.from({ length: pageNumber }, (_, n) => (n === 0 ? undefined : { pk: items[n * PAGE_SIZE - 1]!.pk!, sk: items[n * PAGE_SIZE - 1]!.sk! }));
  return toPageView(page, { pageNumber, hasPrevious: pageNumber > 1, query: scanQuery, target: targets[0]!, maxColumns: 20, starts });
}

/** What the stub host answers, computed in node: every page by its start index, the item views. */
interface Fixtures {
  readonly init: ItemsInit;
  readonly pagesByStart: Record<string, PageView>;
  readonly keyIndex: Record<string, number>;
  readonly views: Record<string, ReturnType<typeof itemView>>;
  readonly details: DetailsData;
  readonly pageSize: number;
}

function keyString(key: JsonItem): string {
  return JSON.stringify([key.pk, key.sk]);
}

function fixtures(): Fixtures {
  const pagesByStart: Record<string, PageView> = {};
  for (let start = 0, n = 1; start < items.length; start += PAGE_SIZE, n++) { pagesByStart[String(start)] = pageFrom(start, n); }
  const keyIndex: Record<string, number> = {};
  const views: Record<string, ReturnType<typeof itemView>> = {};
  items.forEach((item, i) => {
    const key = { pk: item.pk!, sk: item.sk! };
    keyIndex[keyString(key)] = i;
    views[keyString(key)] = itemView(item, ['pk', 'sk']);
  });
  const details: DetailsData = {
    target, location, table, fetchedAt: '2024-06-01T12:00:00.000Z', canExportConfig: true, itemCounts: 'aws',
    limitations: [{ feature: 'pitr', support: 'unsupported', label: 'PITR: not supported by the embedded server', detail: 'unknown operation' }],
  };
  return { init: { target, location, tableName: 'Orders', targets, pageSize: PAGE_SIZE, maxColumns: 20 }, pagesByStart, keyIndex, views, details, pageSize: PAGE_SIZE };
}

interface StubWindow {
  __requests: { method: string; params: unknown }[];
  __pwned?: string;
  __violations: string[];
  acquireVsCodeApi(): unknown;
}

/** Runs in the page before the bundle (as an init script, outside the page's CSP). */
function installStub(f: Fixtures): void {
  const w = window as unknown as StubWindow;
  w.__requests = [];
  w.__violations = [];
  document.addEventListener('securitypolicyviolation', e => {
    const target = e.target;
    const host = target?.getRootNode().host;
    w.__violations.push(`${e.violatedDirective}: ${e.blockedURI} at ${target?.nodeName ?? '?'} in ${host?.nodeName ?? 'document'} (${e.sample})`);
  }, true);
  let state: unknown;
  const keyString = (key: Record<string, unknown>): string => JSON.stringify([key.pk, key.sk]);
  const answer = (id: number, result: unknown): void => { window.postMessage({ type: 'response', id, ok: true, result }, '*'); };
  const refuse = (id: number, code: string, message: string): void => { window.postMessage({ type: 'response', id, ok: false, error: { code, message } }, '*'); };
  // The host's pager: the start index of each page read, like the stack of LastEvaluatedKeys.
  let starts: number[] = [];
  // Behaviours asked for by the page's URL: ?fail-load (the first details.load fails),
  // ?not-reported (a server that reports no counts), ?hold-count (a count runs until stopped).
  const flags = new URLSearchParams((window as unknown as { location: { search: string } }).location.search);
  let loads = 0;
  let countId: number | undefined;
  const notify = (method: string, params: unknown): void => { window.postMessage({ type: 'notification', method, params }, '*'); };
  const handle = (m: { type: string; id: number; method: string; params: Record<string, unknown> }): void => {
    if (m.type === 'notification' && m.method === 'details.stopCount' && countId !== undefined) {
      answer(countId, { done: false, reason: 'cancelled' });
      countId = undefined;
    }
    if (m.type !== 'request') { return; }
    w.__requests.push({ method: m.method, params: m.params });
    switch (m.method) {
      case 'details.target': answer(m.id, f.details.target); return;
      case 'details.count':
        notify('progress', { requests: 1, scannedCount: 120, count: 120 });
        notify('progress', { requests: 2, scannedCount: 240, count: 240 });
        if (flags.has('hold-count')) { countId = m.id; return; }
        setTimeout(() => answer(m.id, { done: true, count: 250, scannedCount: 250, requests: 3 }), 50);
        return;
      case 'items.init': answer(m.id, f.init); return;
      case 'items.run': starts = [0]; answer(m.id, f.pagesByStart['0']); return;
      case 'items.next': {
        const after = m.params.after as Record<string, unknown>;
        if (m.params.fromPage !== starts.length) { refuse(m.id, 'StalePage', 'not the page shown'); return; }
        const index = f.keyIndex[keyString(after)];
        if (index === undefined) { refuse(m.id, 'BadStartKey', 'no such key'); return; }
        starts.push(index + 1);
        answer(m.id, f.pagesByStart[String(index + 1)]);
        return;
      }
      case 'items.previous':
        if (m.params.fromPage !== starts.length || starts.length < 2) { refuse(m.id, 'StalePage', 'not the page shown'); return; }
        starts.pop();
        answer(m.id, f.pagesByStart[String(starts[starts.length - 1])]);
        return;
      case 'items.open': answer(m.id, f.views[keyString(m.params.key as Record<string, unknown>)]); return;
      case 'items.delete': refuse(m.id, 'AccessDeniedException', 'No permission (dynamodb:DeleteItem).'); return;
      case 'details.load':
        if (flags.has('fail-load') && loads++ === 0) { refuse(m.id, 'ResourceNotFoundException', 'Requested resource not found: Table: Orders not found'); return; }
        answer(m.id, flags.has('not-reported') ? { ...f.details, itemCounts: 'not-reported' } : f.details);
        return;
      default: answer(m.id, null);
    }
  };
  w.acquireVsCodeApi = () => ({
    postMessage: (m: unknown) => { setTimeout(() => handle(m as Parameters<typeof handle>[0]), 5); },
    getState: () => state,
    setState: (s: unknown) => { state = s; },
  });
}

const THEMES: Record<'dark' | 'light', string> = {
  dark: `body { --vscode-foreground: #cccccc; --vscode-editor-background: #1f1f1f; --vscode-descriptionForeground: #9d9d9d; --vscode-panel-border: #2b2b2b;
    --vscode-badge-background: #616161; --vscode-badge-foreground: #f8f8f8; --vscode-button-background: #0078d4; --vscode-button-foreground: #fff;
    --vscode-input-background: #313131; --vscode-input-foreground: #cccccc; --vscode-dropdown-background: #313131; --vscode-dropdown-foreground: #cccccc;
    --vscode-list-activeSelectionBackground: #04395e; --vscode-errorForeground: #f85149; --vscode-font-family: sans-serif; --vscode-font-size: 13px; }`,
  light: `body { --vscode-foreground: #3b3b3b; --vscode-editor-background: #ffffff; --vscode-descriptionForeground: #717171; --vscode-panel-border: #e5e5e5;
    --vscode-badge-background: #cccccc; --vscode-badge-foreground: #3b3b3b; --vscode-button-background: #005fb8; --vscode-button-foreground: #fff;
    --vscode-input-background: #ffffff; --vscode-input-foreground: #3b3b3b; --vscode-dropdown-background: #ffffff; --vscode-dropdown-foreground: #3b3b3b;
    --vscode-list-activeSelectionBackground: #e8e8e8; --vscode-list-activeSelectionForeground: #000; --vscode-errorForeground: #f85149; --vscode-font-family: sans-serif; --vscode-font-size: 13px; }`,
};

interface Served { server: Server; origin: string }

/** Serves /<kind>.html?theme=dark|light (the host's page, CSP header too) and the bundles. */
async function serve(): Promise<Served> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = `http://${req.headers.host}`;
    const page = /^\/(details|items)\.html$/.exec(url.pathname);
    if (page) {
      const kind = page[1] as PanelKind;
      const nonce = makeNonce();
      let html = panelHtml({ kind, cspSource: origin, nonce, scriptUri: `${origin}/dist/${kind}.js`, title: `Orders ${kind}` });
      // VS Code puts its theme variables into the webview; here a nonce'd style stands in for them.
      const theme = url.searchParams.get('theme') === 'light' ? 'light' : 'dark';
      html = html.replace('</head>', `<style nonce="${nonce}">${THEMES[theme]}</style>\n</head>`);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': contentSecurityPolicy(origin, nonce) });
      res.end(html);
      return;
    }
    const file = /^\/dist\/(details|items)\.js$/.exec(url.pathname);
    if (file) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(readFileSync(join(distDir, `${file[1]}.js`)));
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('webview bundle in Chromium (stub host)', () => {
  let served: Served;
  let browser: Browser;

  before(async () => {
    assert.ok(existsSync(join(distDir, 'items.js')) && existsSync(join(distDir, 'details.js')), 'dist/webview/*.js missing: run `npm run build` first');
    mkdirSync(outDir, { recursive: true });
    served = await serve();
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  after(async () => {
    await browser?.close();
    await new Promise<void>(resolve => (served ? served.server.close(() => resolve()) : resolve()));
  });

  async function open(kind: PanelKind, theme: 'dark' | 'light' = 'dark', flags = ''): Promise<{ page: Page; csp: string | undefined; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: theme });
    const errors: string[] = [];
    page.on('pageerror', e => errors.push(e.message));
    page.on('console', m => { if (m.type() === 'error') { errors.push(m.text()); } });
    await page.addInitScript(installStub, fixtures());
    const response = await page.goto(`${served.origin}/${kind}.html?theme=${theme}${flags ? `&${flags}` : ''}`);
    return { page, csp: response?.headers()['content-security-policy'], errors };
  }

  const stub = (page: Page) => page.evaluate(() => {
    const w = window as unknown as StubWindow;
    return { requests: w.__requests, pwned: w.__pwned, violations: w.__violations };
  });

  it('the CSP header and meta are present and strict', async () => {
    const { page, csp } = await open('items');
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    await page.close();
    for (const policy of [csp, meta]) {
      assert.ok(policy, 'a CSP is present');
      assert.match(policy, /(^|; )default-src 'none'(;|$)/);
      assert.match(policy, /script-src 'nonce-[A-Za-z0-9+/=]{16,}'(;|$)/);
      assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|\*|https?:\/\/(?!127\.0\.0\.1)/);
    }
    assert.equal(meta, csp);
  });

  it('renders markup in values and names as text, and nothing executes', async () => {
    const { page, errors } = await open('items');
    await page.locator('#grid tbody tr').nth(99).waitFor();
    const firstRow = page.locator('#grid tbody tr').first();
    assert.equal(await page.locator('#grid tbody tr').count(), 100);
    const rowText = await firstRow.innerText();
    assert.ok(rowText.includes(XSS_IMG), `the img markup is shown as text: ${rowText}`);
    assert.ok(rowText.includes(XSS_SCRIPT), 'the script markup is shown as text');
    assert.ok((await page.locator('#grid thead').innerText()).includes(XSS_NAME), 'an attribute name with markup is a column header, as text');
    assert.equal(await page.locator('#grid img, #app script, #grid b').count(), 0, 'no element was made from a value');
    // Every type is visible: in the header of a column that holds one type, beside each value in a column that mixes them.
    const head = page.locator('#grid thead');
    for (const type of ['S', 'N', 'B', 'BOOL', 'NULL', 'SS', 'L', 'M']) {
      assert.ok(await head.locator('.type', { hasText: new RegExp(`^${type}$`) }).count() > 0, `type ${type} shown`);
    }
    const mixed = (await page.locator('#grid thead th .name').allInnerTexts()).indexOf('mixed');
    assert.ok(mixed >= 0, 'the mixed column is shown');
    assert.equal(await head.locator('th').nth(mixed).locator('.type').count(), 0, 'no one type for a mixed column');
    assert.deepEqual(await page.locator(`#grid tbody tr:nth-child(-n+2) td:nth-child(${mixed + 1}) .type`).allInnerTexts(), ['S', 'N'], 'each value says its type');
    assert.equal(await page.locator(`#grid tbody tr td:nth-child(${mixed + 1}).num`).count(), 0, 'a mixed column is not aligned as numbers');
    assert.ok(await page.locator('#grid thead th', { hasText: 'big' }).evaluate(th => th.classList.contains('num')), 'numbers align right');
    assert.ok(rowText.includes('12345678901234567890123456789012345678'), '38 digits kept');
    // Open the item: both views hold the markup as text.
    await firstRow.dblclick();
    await page.locator('#dynamo-json').waitFor({ state: 'attached' });
    assert.ok((await page.locator('#plain-json').textContent())!.includes(JSON.stringify(XSS_IMG).slice(1, -1)));
    assert.ok((await page.locator('#dynamo-json').textContent())!.includes(JSON.stringify(XSS_SCRIPT).slice(1, -1)));
    await page.locator('#item-view').screenshot({ path: join(outDir, 'webview-item-view-dark.png') });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(outDir, 'webview-items-dark.png'), fullPage: false });
    const { pwned, violations } = await stub(page);
    assert.equal(pwned, undefined, 'no injected handler or script ran');
    assert.deepEqual(violations, [], 'the bundle runs under the CSP without a violation');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('the CSP blocks inline handlers even if markup got into the page (control)', async () => {
    const { page } = await open('items');
    await page.locator('#grid tbody tr').first().waitFor();
    await page.evaluate(html => { const d = document.createElement('div'); d.innerHTML = html; document.body.append(d); }, XSS_IMG.replace('x', '/nonexistent.png'));
    await page.waitForFunction(() => (window as unknown as StubWindow).__violations.length > 0);
    const { pwned, violations } = await stub(page);
    assert.equal(pwned, undefined);
    assert.ok(violations.some(v => v.startsWith('script-src')), violations.join('\n'));
    await page.close();
  });

  it('a PartiQL page the host shows: the statement and its parameters in the form, no filters or scanned figure, Run sends the statement again', async () => {
    const { page, errors } = await open('items');
    await page.locator('#grid tbody tr').nth(99).waitFor();
    const statement = 'SELECT * FROM "Orders" WHERE pk = ?';
    const shown = { ...fixtures().pagesByStart['0']!, query: { mode: 'partiql', statement, parameters: [{ S: '<b>USER#1</b>' }], filters: [], pageSize: 100 } };
    await page.evaluate(p => { window.postMessage({ type: 'notification', method: 'query', params: p }, '*'); }, shown);
    await page.locator('#statement', { hasText: statement }).waitFor();
    assert.equal(await page.locator('#statement-parameters').innerText(), 'Parameters: {"S":"<b>USER#1</b>"}', 'parameters as text');
    assert.equal(await page.locator('#mode').evaluate(d => (d as unknown as { value: string }).value), 'partiql');
    assert.equal(await page.locator('#filters').count(), 0, 'no filter rows for a statement');
    assert.equal(await page.locator('#scanned').count(), 0, 'ExecuteStatement reports no scanned count');
    assert.ok(await page.locator('#export-all').evaluate(b => (b as unknown as { disabled: boolean }).disabled), 'Export all re-reads a Scan or Query: off for a statement');
    await page.locator('#run').click();
    await page.locator('#statement', { hasText: statement }).waitFor();
    await until(async () => (await stub(page)).requests.filter(r => r.method === 'items.run').length === 2, 'the statement run again');
    const runs = (await stub(page)).requests.filter(r => r.method === 'items.run');
    assert.deepEqual(runs[1]!.params, { query: { mode: 'partiql', statement, parameters: [{ S: '<b>USER#1</b>' }], filters: [], pageSize: 100 } });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('pages forward and back, asking the host from the right start keys', async () => {
    const { page, errors } = await open('items');
    const firstCell = page.locator('#grid tbody tr').first().locator('td').first();
    await page.locator('#grid tbody tr').nth(99).waitFor();
    assert.equal(await page.locator('#page-number').innerText(), 'Page 1');
    assert.ok((await firstCell.innerText()).includes('order-000'));
    await page.locator('#next').click();
    await page.locator('#page-number', { hasText: 'Page 2' }).waitFor();
    assert.ok((await firstCell.innerText()).includes('order-100'));
    await page.locator('#next').click();
    await page.locator('#page-number', { hasText: 'Page 3' }).waitFor();
    assert.equal(await page.locator('#grid tbody tr').count(), 50, 'the last page holds the rest');
    assert.ok(await page.locator('#next').evaluate(b => (b as unknown as { disabled: boolean }).disabled), 'no next page after the last');
    await page.locator('#previous').click();
    await page.locator('#page-number', { hasText: 'Page 2' }).waitFor();
    assert.ok((await firstCell.innerText()).includes('order-100'), 'previous shows the same page 2 as before');
    const paging = (await stub(page)).requests.filter(r => r.method.startsWith('items.') && r.method !== 'items.init');
    assert.deepEqual(paging, [
      // The panel's own first read on opening: not kept in the query history.
      { method: 'items.run', params: { query: scanQuery, initial: true } },
      { method: 'items.next', params: { fromPage: 1, after: { pk: { S: 'order-099' }, sk: { N: '99' } } } },
      { method: 'items.next', params: { fromPage: 2, after: { pk: { S: 'order-199' }, sk: { N: '199' } } } },
      { method: 'items.previous', params: { fromPage: 3 } },
    ]);
    // An error answer is shown in words with its code, and the panel stays usable.
    await page.locator('#grid tbody tr').first().click();
    await page.locator('#delete').click();
    const alert = page.locator('.error[role=alert]');
    await alert.waitFor();
    assert.match(await alert.innerText(), /No permission \(dynamodb:DeleteItem\)\.[\s\S]*\(AccessDeniedException\)/);
    await page.locator('#next').click();
    await page.locator('#page-number', { hasText: 'Page 3' }).waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('the query builder is typed by the key schema', async () => {
    const { page } = await open('items');
    await page.locator('#grid tbody tr').first().waitFor();
    await page.locator('#mode').selectOption('query');
    await page.locator('#pk').waitFor();
    assert.match(await page.locator('#pk').innerText(), /pk = \(S, text\)/);
    const ops = await page.locator('#sk-op option').allInnerTexts();
    assert.ok(!ops.includes('begins_with'), 'begins_with is not offered on a number sort key');
    await page.locator('#sk-op').selectOption('between');
    await page.locator('#sk2').waitFor();
    assert.equal(await page.locator('#sk-op').evaluate(d => (d as unknown as { value: string }).value), 'between', 'the rebuilt operator dropdown shows the operator chosen');
    await page.locator('#pk input').fill('order-007');
    await page.locator('#sk input').fill('1');
    await page.locator('#sk2 input').fill('9');
    await page.locator('#add-filter').click();
    await page.locator('#filters .filter vscode-text-field').first().locator('input').fill('flag');
    await page.locator('#run').click();
    await page.waitForFunction(() => (window as unknown as StubWindow).__requests.filter(r => r.method === 'items.run').length === 2);
    const run = (await stub(page)).requests.filter(r => r.method === 'items.run')[1]!;
    assert.deepEqual(run.params, { query: {
      mode: 'query', filters: [{ path: 'flag', operator: '=', value: { type: 'S', text: '' } }], pageSize: PAGE_SIZE,
      partitionKey: { name: 'pk', type: 'S', value: 'order-007' },
      sortKey: { name: 'sk', type: 'N', operator: 'between', value: '1', value2: '9' },
    } });
    await page.screenshot({ path: join(outDir, 'webview-items-query-dark.png') });
    await page.close();
  });

  it('details panel: everything readable, unknowns with reasons, limitations labelled (dark and light)', async () => {
    for (const theme of ['dark', 'light'] as const) {
      const { page, errors } = await open('details', theme);
      await page.locator('header h1', { hasText: 'Orders' }).waitFor();
      const text = `${await page.locator('header').innerText()}\n${await page.locator('#details').innerText()}`;
      for (const expected of ['Orders', 'ACTIVE', table.arn!, 'on demand', 'byGroup', 'about every six hours', 'unknown: ContinuousBackups is not supported', 'PITR: not supported by the embedded server', XSS_IMG, XSS_SCRIPT]) {
        assert.ok(text.includes(expected), `details show ${expected}`);
      }
      assert.equal(await page.locator('#details img').count(), 0);
      // The embedded server keeps one set of tables whatever the region: the header says so.
      assert.match(await page.locator('header .subtitle').innerText(), /^Local \(embedded\) · any region · read at /);
      await page.screenshot({ path: join(outDir, `webview-details-${theme}.png`), fullPage: true });
      const { pwned, violations } = await stub(page);
      assert.equal(pwned, undefined);
      assert.deepEqual(violations, []);
      assert.deepEqual(errors, []);
      await page.close();
    }
    const { page } = await open('items', 'light');
    await page.locator('#grid tbody tr').nth(99).waitFor();
    assert.equal(await page.locator('header .subtitle').innerText(), 'Local (embedded) · any region', 'the item browser\'s header names no region either');
    await page.screenshot({ path: join(outDir, 'webview-items-light.png') });
    await page.close();
  });

  /** Waits for a condition of the page; the message says what was last seen. */
  async function until(probe: () => Promise<boolean>, what: string): Promise<void> {
    const end = Date.now() + 10000;
    while (!(await probe())) {
      if (Date.now() > end) { throw new Error(`timed out waiting for ${what}`); }
      await new Promise(r => setTimeout(r, 50));
    }
  }

  /** The id (or data-focus name, or row) of what has the keyboard focus in the page. */
  const focused = (page: Page) => page.evaluate(() => {
    const a = (document as unknown as { activeElement: { id: string; tagName: string; dataset: Record<string, string> } | null }).activeElement;
    if (!a) { return 'none'; }
    return a.dataset.row !== undefined ? `row ${a.dataset.row}` : a.dataset.focus ?? (a.id || a.tagName.toLowerCase());
  });

  it('keyboard: dropdowns keep the focus, the new filter row takes it, Run and Next keep it, the grid is one Tab stop', async () => {
    const { page, errors } = await open('items');
    await page.locator('#grid tbody tr').nth(99).waitFor();
    // Operation: ArrowDown changes the value (the form is rebuilt) and the focus stays on it.
    await page.locator('#mode').focus();
    await page.keyboard.press('ArrowDown');
    await page.locator('#pk').waitFor();
    assert.equal(await focused(page), 'mode');
    assert.equal(await page.locator('#mode').inputValue(), 'query');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(page), 'target', 'Shift+Tab goes to the previous control, inside the panel');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowUp');
    await page.locator('#pk').waitFor({ state: 'detached' });
    assert.equal(await focused(page), 'mode');
    // Add filter: the new row comes before the button, and the focus goes into it.
    await page.locator('#add-filter').focus();
    await page.keyboard.press('Enter');
    await page.locator('#filters .filter').waitFor();
    assert.equal(await focused(page), 'filter-0-path');
    await page.keyboard.type('flag');
    await page.keyboard.press('Tab');
    assert.equal(await focused(page), 'filter-0-op');
    await page.keyboard.press('End');
    assert.equal(await page.locator('[data-focus="filter-0-op"]').inputValue(), 'attribute_type');
    assert.equal(await focused(page), 'filter-0-op', 'the operator keeps the focus when its choice rebuilds the row');
    await page.keyboard.press('Home');
    await page.locator('[data-focus="filter-0-type"]').waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await focused(page), 'filter-0-type');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.locator('[data-focus="filter-0-type"]').inputValue(), 'N');
    assert.equal(await focused(page), 'filter-0-type');
    await page.locator('[data-focus="filter-0-remove"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('#filters .filter').waitFor({ state: 'detached' });
    assert.equal(await focused(page), 'add-filter', 'the last filter removed: back to Add filter');
    // Run and Next keep the focus after reading.
    await page.locator('#run').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window as unknown as StubWindow).__requests.filter(r => r.method === 'items.run').length === 2);
    await page.locator('#grid tbody tr').nth(99).waitFor();
    await until(async () => (await focused(page)) === 'run', 'focus on Run').catch(async e => { throw new Error(`${e.message}: ${await focused(page)}`); });
    await page.locator('#next').focus();
    await page.keyboard.press('Enter');
    await page.locator('#page-number', { hasText: 'Page 2' }).waitFor();
    await until(async () => (await focused(page)) === 'next', 'focus on Next');
    await page.keyboard.press('Enter');
    await page.locator('#page-number', { hasText: 'Page 3' }).waitFor();
    // Next is disabled on the last page: the focus goes to the grid.
    await until(async () => (await focused(page)) === 'row 0', 'focus on the grid');
    // The grid: one Tab stop; arrows, Home/End, PageDown move; Enter opens; Tab leaves it.
    assert.equal(await page.locator('#grid tbody tr[tabindex="0"]').count(), 1, 'one row is a Tab stop');
    assert.equal(await page.locator('#grid').getAttribute('role'), 'grid');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(page), 'row 2');
    assert.equal(await page.locator('#grid tbody tr.selected').getAttribute('aria-selected'), 'true');
    await page.keyboard.press('End');
    assert.equal(await focused(page), 'row 49');
    await page.keyboard.press('Home');
    await page.keyboard.press('PageDown');
    const afterPageDown = Number((await focused(page)).slice(4));
    assert.ok(afterPageDown > 5 && afterPageDown < 49, `PageDown moves by a screenful (${afterPageDown})`);
    await page.keyboard.press('Enter');
    await page.locator('#item-key').waitFor();
    assert.equal(await focused(page), `row ${afterPageDown}`, 'the row keeps the focus with its item open');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(page), 'delete', 'Shift+Tab leaves the grid for the toolbar, not the previous row');
    await page.keyboard.press('Tab');
    assert.equal(await focused(page), `row ${afterPageDown}`, 'Tab comes back to the current row');
    await page.keyboard.press('Tab');
    assert.equal(await focused(page), 'item-edit', 'the next Tab stop after the grid is the item pane');
    await page.locator('#close-item').focus();
    await page.keyboard.press('Enter');
    await page.locator('#item-key').waitFor({ state: 'detached' });
    assert.equal(await focused(page), `row ${afterPageDown}`, 'closing the item gives the focus back to its row');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('the filter row: every label above its control, the controls on one line; the filters fold away', async () => {
    const { page } = await open('items');
    await page.locator('#grid tbody tr').first().waitFor();
    await page.locator('#add-filter').click();
    const row = page.locator('#filters .filter').first();
    await row.waitFor();
    const boxes = await row.evaluate(r => {
      const box = (e: { getBoundingClientRect(): { top: number; bottom: number; left: number } } | null) => e ? e.getBoundingClientRect() : null;
      const q = (sel: string) => (r as unknown as { querySelector(s: string): never }).querySelector(sel);
      const labels = [...(r as unknown as { querySelectorAll(s: string): { firstChild: unknown; querySelector(s: string): never }[] }).querySelectorAll('label')].map(l => {
        const range = (document as unknown as { createRange(): { selectNodeContents(n: unknown): void; getBoundingClientRect(): { top: number; bottom: number; left: number } } }).createRange();
        range.selectNodeContents(l.firstChild);
        return { text: range.getBoundingClientRect(), control: box(l.querySelector('select')) };
      });
      return { labels, attribute: box(q('[data-focus="filter-0-path"]')), value: box(q('[data-focus="filter-0-value"]')) };
    });
    assert.equal(boxes.labels.length, 2, 'Operator and Type');
    for (const l of boxes.labels) {
      assert.ok(l.control && l.control.top >= l.text.bottom - 1, `the label is above its dropdown (${JSON.stringify(l)})`);
      assert.ok(l.control && Math.abs(l.control.left - l.text.left) < 2, 'and starts where it starts');
    }
    const bottoms = [boxes.attribute!.bottom, boxes.value!.bottom, ...boxes.labels.map(l => l.control!.bottom)];
    assert.ok(Math.max(...bottoms) - Math.min(...bottoms) < 3, `the controls line up (${bottoms.join(', ')})`);
    await row.screenshot({ path: join(outDir, 'webview-filter-row.png') });
    await page.locator('[data-focus="filter-0-path"] input').fill('flag');
    await page.locator('#toggle-filters').click();
    await page.locator('#filters-summary', { hasText: '1 filter applies (hidden): flag = ""' }).waitFor();
    assert.equal(await page.locator('#toggle-filters').getAttribute('aria-expanded'), 'false');
    await page.locator('#toggle-filters').click();
    await row.waitFor();
    await page.close();
  });

  it('details: counts "not reported by this server", an on-demand count with progress, and Stop', async () => {
    const { page, errors } = await open('details', 'dark', 'not-reported');
    await page.locator('header h1', { hasText: 'Orders' }).waitFor();
    assert.equal(await page.locator('#item-count-reported').innerText(), 'not reported by this server');
    assert.ok(!(await page.locator('#details').innerText()).includes('six hours'), 'no AWS refresh note for this server');
    await page.locator('#count-items').click();
    await page.locator('[data-count-table] .counted', { hasText: /^250 items counted at/ }).waitFor();
    assert.match(await page.locator('[data-count-table]').innerText(), /a scan of 3 requests/);
    await page.screenshot({ path: join(outDir, 'webview-details-count.png') });
    await page.close();

    const held = await open('details', 'dark', 'not-reported&hold-count');
    await held.page.locator('#count-items').click();
    await held.page.locator('[data-count-table] .busy', { hasText: 'Counting… 240 items so far (2 requests)' }).waitFor();
    await held.page.locator('#stop-count').click();
    await held.page.locator('[data-count-table]', { hasText: 'Count stopped.' }).waitFor();
    assert.ok((await stub(held.page)).requests.some(r => r.method === 'details.count'));
    assert.deepEqual([...errors, ...held.errors], []);
    await held.page.close();
  });

  it('details: a failed first load keeps the panel state and offers Retry', async () => {
    const { page } = await open('details', 'dark', 'fail-load');
    const alert = page.locator('.error[role=alert]');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Cannot read the table: Requested resource not found/);
    const state = await page.evaluate(() => ((window as unknown as StubWindow).acquireVsCodeApi as unknown as () => { getState(): unknown })().getState());
    assert.deepEqual(state, { v: 1, kind: 'details', target }, 'the target is kept: a window reload brings the panel back');
    await page.locator('#retry').click();
    await page.locator('header h1', { hasText: 'Orders' }).waitFor();
    await alert.waitFor({ state: 'detached' });
    await page.close();
  });
});
