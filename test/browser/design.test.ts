/**
 * The design view's bundle (dist/webview/design.js, from `npm run build`) in headless Chromium
 * under the panel's own page and CSP, answered by a stub host with the design view of the
 * skill's e-commerce design (built by src/design/view.ts, as the panel host does). Shows: the
 * entity map, facets and pattern costs render; markup in names stays text and nothing runs under
 * the strict CSP; every table has column and row headers and is one Tab stop after the toolbar;
 * the buttons ask the host. Screenshots (dark, light) go to e2e-out/.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { designView, shapeOfSpec } from '../../src/design/view';
import type { DesignSpec } from '../../src/model/design';
import { contentSecurityPolicy, makeNonce, panelHtml } from '../../src/vscode/panels/html';
import type { DesignData } from '../../webview/protocol';
import { ECOMMERCE_DESIGN, ecommerceTable } from '../support/ecommerceDesign';
import { repoRoot } from '../support/paths';

// Browser globals, used only in code that runs in the page (the node program has no DOM library).
interface PageElement { id: string; tagName: string; querySelector(selector: string): { id: string } | null }
declare const window: { postMessage(message: unknown, targetOrigin: string): void };
declare const document: {
  addEventListener(type: 'securitypolicyviolation', listener: (event: { violatedDirective: string; blockedURI: string }) => void, capture: boolean): void;
  activeElement: PageElement | null;
};

const root = repoRoot();
const distDir = join(root, 'dist/webview');
const outDir = join(root, 'e2e-out');
const XSS = '<img src=x onerror="window.__pwned = 1">';

const THEMES: Record<'dark' | 'light', string> = {
  dark: 'body { --vscode-foreground: #cccccc; --vscode-editor-background: #1f1f1f; --vscode-descriptionForeground: #9d9d9d; --vscode-panel-border: #2b2b2b; --vscode-badge-background: #616161; --vscode-badge-foreground: #f8f8f8; --vscode-errorForeground: #f85149; --vscode-textCodeBlock-background: #2b2b2b; --vscode-textLink-foreground: #4daafc; --vscode-focusBorder: #0078d4; --vscode-font-family: sans-serif; --vscode-font-size: 13px; }',
  light: 'body { --vscode-foreground: #3b3b3b; --vscode-editor-background: #ffffff; --vscode-descriptionForeground: #717171; --vscode-panel-border: #e5e5e5; --vscode-badge-background: #cccccc; --vscode-badge-foreground: #3b3b3b; --vscode-errorForeground: #f85149; --vscode-textCodeBlock-background: #f0f0f0; --vscode-textLink-foreground: #005fb8; --vscode-focusBorder: #005fb8; --vscode-font-family: sans-serif; --vscode-font-size: 13px; }',
};

function data(): DesignData {
  const hostile: DesignSpec = {
    entities: ECOMMERCE_DESIGN.entities.map(e => (e.name === 'Product' ? { ...e, name: `Product ${XSS}` } : e)),
    patterns: ECOMMERCE_DESIGN.patterns,
  };
  const table = shapeOfSpec(ecommerceTable());
  return {
    target: { connectionId: 'config', connectionLabel: 'shop.yaml', region: '', tableName: table.name, configUri: 'file:///w/shop.yaml' },
    source: 'shop.yaml', live: false,
    // Without GSI1: "List orders by date" needs a Scan, which the view marks.
    view: designView({ ...table, indexes: table.indexes.filter(i => i.name !== 'GSI1') }, hostile),
  };
}

interface StubWindow { __requests: { method: string; params: unknown }[]; __violations: string[]; __pwned?: unknown }

/** Runs in the page before the bundle: the VS Code API, answering the design view's requests. */
function installStub(fixture: DesignData): void {
  const w = window as unknown as StubWindow & { acquireVsCodeApi: () => unknown };
  w.__requests = [];
  w.__violations = [];
  document.addEventListener('securitypolicyviolation', e => { w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`); }, true);
  let state: unknown;
  w.acquireVsCodeApi = () => ({
    postMessage: (m: { type: string; id: number; method: string; params: unknown }) => {
      if (m.type !== 'request') { return; }
      w.__requests.push({ method: m.method, params: m.params });
      const result = m.method === 'design.load' ? fixture : null;
      setTimeout(() => window.postMessage({ type: 'response', id: m.id, ok: true, result }, '*'), 5);
    },
    getState: () => state,
    setState: (s: unknown) => { state = s; },
  });
}

describe('design view bundle in Chromium (stub host)', () => {
  let server: Server;
  let origin: string;
  let browser: Browser;

  before(async () => {
    assert.ok(existsSync(join(distDir, 'design.js')), 'dist/webview/design.js missing: run `npm run build` first');
    mkdirSync(outDir, { recursive: true });
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const here = `http://${req.headers.host}`;
      if (url.pathname === '/design.html') {
        const nonce = makeNonce();
        const theme = url.searchParams.get('theme') === 'light' ? 'light' : 'dark';
        const html = panelHtml({ kind: 'design', cspSource: here, nonce, scriptUri: `${here}/dist/design.js`, title: 'design' })
          .replace('</head>', `<style nonce="${nonce}">${THEMES[theme]}</style>\n</head>`);
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': contentSecurityPolicy(here, nonce) });
        res.end(html);
      } else if (url.pathname === '/dist/design.js') {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
        res.end(readFileSync(join(distDir, 'design.js')));
      } else if (url.pathname === '/favicon.ico') {
        res.writeHead(204);
        res.end();
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  after(async () => {
    await browser?.close();
    await new Promise<void>(resolve => (server ? server.close(() => resolve()) : resolve()));
  });

  async function open(theme: 'dark' | 'light'): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: theme });
    const errors: string[] = [];
    page.on('pageerror', e => errors.push(e.message));
    page.on('console', m => { if (m.type() === 'error') { errors.push(m.text()); } });
    await page.addInitScript(installStub, data());
    await page.goto(`${origin}/design.html?theme=${theme}`);
    await page.locator('#entity-map').waitFor();
    return { page, errors };
  }

  it('shows the entity map, facets and pattern costs, names as text, nothing blocked or run (dark and light)', async () => {
    for (const theme of ['dark', 'light'] as const) {
      const { page, errors } = await open(theme);
      const map = await page.locator('#entity-map').innerText();
      for (const expected of ['USER#{userId}', 'ORDER#{createdAt}', 'EMAIL#{email}', `Product ${XSS}`, 'PRODUCT#{productId}']) {
        assert.ok(map.includes(expected), `entity map shows ${expected}`);
      }
      assert.equal(await page.locator('img').count(), 0, 'markup in a name is text');
      const gsi2 = await page.locator('#facet-GSI2').innerText();
      assert.match(gsi2, /User\s+EMAIL#\{email\}\s+USER#\{userId\}\s+174 B/);
      const byDate = page.locator('#patterns tbody tr', { hasText: 'List orders by date' });
      assert.equal(await byDate.locator('.served-scan').innerText(), 'Scan');
      const getUser = await page.locator('#patterns tbody tr', { hasText: 'Get user' }).innerText();
      assert.match(getUser, /0\.5 RRU \(1 strong\)/);
      assert.match(getUser, /0\.5 RCU \(1 strong\)/);
      assert.match(await page.locator('#patterns tbody tr', { hasText: 'Create order' }).innerText(), /\t1 WRU\t1 WCU\t/);
      await page.screenshot({ path: join(outDir, `webview-design-${theme}.png`), fullPage: true });
      const { __violations, __pwned } = await page.evaluate(() => {
        const w = window as unknown as StubWindow;
        return { __violations: w.__violations, __pwned: w.__pwned };
      });
      assert.deepEqual(__violations, []);
      assert.equal(__pwned, undefined);
      assert.deepEqual(errors, []);
      await page.close();
    }
  });

  it('tables have column and row headers, a caption, and are one Tab stop each after the toolbar', async () => {
    const { page } = await open('dark');
    const tables = page.locator('table.design-table');
    const count = await tables.count();
    assert.ok(count >= 6, `entity map, facets, patterns, samples: ${count} tables`);
    for (let i = 0; i < count; i++) {
      const t = tables.nth(i);
      assert.ok(await t.locator('caption').count() === 1);
      assert.equal(await t.locator('thead th:not([scope="col"])').count(), 0);
      assert.equal(await t.locator('tbody tr > :first-child:not(th[scope="row"])').count(), 0);
    }
    // Tab from the top: the toolbar's four buttons, then the entity map's region, then the first facet's.
    const stops: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      stops.push(await page.evaluate(() => {
        const a = document.activeElement;
        return a?.id || a?.querySelector('table')?.id || a?.tagName.toLowerCase() || 'none';
      }));
    }
    assert.deepEqual(stops, ['export-markdown', 'generate-typescript', 'generate-python', 'refresh', 'entity-map', 'facet-my-service-table']);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    const requests = await page.evaluate(() => (window as unknown as StubWindow).__requests.map(r => r.method));
    assert.deepEqual(requests.filter(m => m !== 'design.load'), [], 'Enter on the Refresh button reloads');
    assert.equal(requests.filter(m => m === 'design.load').length, 2);
    await page.locator('#generate-python').click();
    await page.locator('#export-markdown').click();
    const asked = await page.evaluate(() => (window as unknown as StubWindow).__requests.filter(r => r.method !== 'design.load'));
    assert.deepEqual(asked, [{ method: 'design.generateCode', params: { language: 'python' } }, { method: 'design.exportMarkdown', params: {} }]);
    await page.close();
  });
});
