/**
 * UI tests: what a person sees, in the real web workbench (code-server) in Chromium. Each scenario
 * drives the UI and saves screenshots under e2e-out/ (git-ignored) to look at.
 * Usage: node out/test/e2e/launch/ui.js [scenario-name-substring] [--screenshots]
 * (`npm run test:ui -- --screenshots`): after a run in which every scenario passed, the README's
 * screenshots (SHOWCASE) are cropped from this run's PNGs into media/screenshots/ (committed).
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { BatchWriteItemCommand, CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { componentWithFindings } from '../../support/configs';
import { ECOMMERCE_TABLE } from '../../support/ecommerceDesign';
import { startDynamoDbLocal } from '../../support/servers';
import { CodeServer, elapsed, launchBrowser, root, startCodeServer } from './harness';
import { activityIcon, browseAction, contextMenu, editorTab, openWorkbench, runCommand, seed, setTheme, webview } from './workbench';
import type { View } from './workbench';

export const outDir = join(root, 'e2e-out');
/** The README's screenshots, committed: made from the UI scenarios' PNGs by --screenshots. */
export const screenshotsDir = join(root, 'media/screenshots');

/**
 * The README's pictures: which PNG of a scenario, the part of it that shows the feature (CSS
 * pixels of the 1400x900 window) and the width it is scaled to, to keep the files small.
 */
export const SHOWCASE: readonly { from: string; to: string; clip: { x: number; y: number; width: number; height: number }; width: number }[] = [
  { from: 'explorer-indexes.png', to: 'explorer.png', clip: { x: 0, y: 30, width: 350, height: 260 }, width: 350 },
  { from: 'details-dark.png', to: 'details.png', clip: { x: 345, y: 30, width: 1055, height: 840 }, width: 1055 },
  { from: 'items-item-dark.png', to: 'item-browser.png', clip: { x: 345, y: 30, width: 1055, height: 845 }, width: 1055 },
  { from: 'quick-fix.png', to: 'quick-fix.png', clip: { x: 345, y: 30, width: 935, height: 640 }, width: 935 },
  { from: 'preview.png', to: 'preview.png', clip: { x: 860, y: 30, width: 540, height: 800 }, width: 540 },
  { from: 'apply-report.png', to: 'apply.png', clip: { x: 860, y: 30, width: 540, height: 845 }, width: 540 },
  { from: 'design-patterns-dark.png', to: 'design-view.png', clip: { x: 345, y: 30, width: 1055, height: 845 }, width: 1055 },
  { from: 'walkthrough.png', to: 'walkthrough.png', clip: { x: 0, y: 30, width: 1280, height: 830 }, width: 1280 },
  { from: 'partiql-results.png', to: 'partiql.png', clip: { x: 345, y: 30, width: 1055, height: 480 }, width: 1055 },
  { from: 'import-dry-run.png', to: 'import-dry-run.png', clip: { x: 0, y: 30, width: 980, height: 700 }, width: 840 },
];

interface Scenario {
  readonly name: string;
  readonly theme?: 'light' | 'dark';
  readonly settings?: Record<string, unknown>;
  /** Environment of code-server (and so of the extension host). */
  readonly env?: Record<string, string>;
  /** The browser window (default 1400x900). */
  readonly viewport?: { width: number; height: number };
  run(this: Scenario, page: Page, server: CodeServer): Promise<void>;
}

/**
 * The design the design view scenarios show: until the config dialects read entities and access
 * patterns (branch `patterns`), the extension takes it from the file this variable names.
 */

/** Scrolls a webview element to the top of the panel. */
async function scrollToTop(view: View, selector: string): Promise<void> {
  await view.locator(selector).evaluate(e => (e as unknown as { scrollIntoView(options: object): void }).scrollIntoView({ block: 'start' }));
}

const scenarios: Scenario[] = [
  {
    name: 'typing into a 10,000-line config updates its diagnostics while the workbench stays responsive',
    async run(page, server) {
      // 10,000 lines, 800 findings (shown capped per code): analysed off the extension host's main thread.
      writeFileSync(join(server.workspace, 'big.yaml'), componentWithFindings(10_000));
      await openWorkbench(page, server, this.theme ?? 'dark');
      await openFile(page, 'big.yaml');
      const editor = page.locator('.editor-group-container .monaco-editor').first();
      const nameLine = editor.locator('.view-line:has-text("tableName: Readings0")');
      await nameLine.waitFor();
      // Diagnostics of the opened file: 800 findings, shown as 100 per code plus one summary each.
      const problems = page.locator('[id="status.problems"]');
      const errors = async (): Promise<number> => Number(/\d+/.exec(await problems.innerText())?.[0] ?? -1);
      await until(async () => (await errors()) === 202, 60000);
      await editor.locator('.squiggly-error').first().waitFor();
      // Type at the end of line 5 (the first tableName): a space in the table name is an error of its own.
      await page.keyboard.press('Control+G');
      await page.locator('.quick-input-widget input').fill(':5');
      await page.keyboard.press('Enter');
      await page.keyboard.press('End');
      await page.keyboard.type(' x');
      await editor.locator('.view-line:has-text("tableName: Readings0 x")').waitFor();
      // While the new version is validated, the extension host answers a command of ours at once.
      await runCommand(page, 'DynamoDB: Show Log');
      await page.locator('.part.panel .view-line:has-text("DynamoDB Designer")').first().waitFor({ timeout: 5000 });
      // The diagnostics follow the edit: one more error, on the name.
      await until(async () => (await errors()) === 203, 60000);
      await editor.locator('.squiggly-error').first().waitFor();
      await nameLine.hover();
      await settle(page);
      await page.screenshot({ path: join(outDir, 'typing-10k-lines.png') });
    },
  },
  {
    name: 'explorer view opens from the DynamoDB activity-bar icon',
    async run(page, server) {
      await openWorkbench(page, server, this.theme ?? 'dark');
      await activityIcon(page).click();
      await page.locator('.part.sidebar .title-label h2', { hasText: /DynamoDB: Tables/i }).waitFor();
      await page.locator('.part.sidebar .monaco-list, .part.sidebar .welcome-view').first().waitFor();
      await page.screenshot({ path: join(outDir, 'explorer.png') });
    },
  },
  {
    name: 'explorer expanded down to a table\'s indexes (embedded local DynamoDB, seeded)',
    async run(page, server) {
      await openWorkbench(page, server, this.theme ?? 'dark');
      await activityIcon(page).click();
      await runCommand(page, 'DynamoDB: Seed Demo Tables');
      await page.locator('.notifications-toasts .notification-toast:has-text("Demo tables ready")').waitFor({ timeout: 60000 });
      const sidebar = page.locator('.part.sidebar');
      await sidebar.locator('.monaco-list-row:has-text("invoices")').first().waitFor();
      await sidebar.locator('.monaco-list-row:has-text("invoices")').first().click();
      await sidebar.locator('.monaco-list-row:has-text("by-status")').waitFor();
      await sidebar.locator('.monaco-list-row:has-text("by-due-date")').waitFor();
      await sidebar.locator('.monaco-list-row:has-text("invoices") .label-description:has-text("provisioned")').waitFor();
      await page.locator('.notifications-toasts .notification-toast').first().hover();
      await page.keyboard.press('Escape');
      await page.screenshot({ path: join(outDir, 'explorer-indexes.png') });
    },
  },
  {
    name: 'new table config wizard: numbered steps, Back button, the table name checked as typed',
    async run(page, server) {
      await openWorkbench(page, server, this.theme ?? 'dark');
      await runCommand(page, 'DynamoDB: New Table Config');
      const widget = page.locator('.quick-input-widget');
      await widget.locator('.quick-input-list .monaco-list-row:has-text("planton (YAML)")').click();
      await widget.locator('.quick-input-title:has-text("New Table Config (2/9)")').waitFor();
      const input = widget.locator('.quick-input-box input');
      await input.fill('my table');
      await widget.getByText('Table name "my table" contains " "').waitFor();
      await page.screenshot({ path: join(outDir, 'new-config-name.png') });
      await input.fill('orders');
      await page.keyboard.press('Enter');
      await widget.locator('.quick-input-title:has-text("New Table Config (3/9)")').waitFor();
      await widget.locator('.quick-input-list .monaco-list-row:has-text("PROVISIONED")').waitFor();
      await widget.locator('.quick-input-left-action-bar .action-label').first().waitFor();
      await page.screenshot({ path: join(outDir, 'new-config-billing.png') });
      await page.keyboard.press('Escape');
    },
  },
  {
    name: 'preview a config, apply it from the lens through the real confirmation dialog, delete needs the typed name',
    async run(page, server) {
      await openWorkbench(page, server, this.theme ?? 'dark');
      await openFile(page, 'genesys.toml');
      // The embedded server holds one set of tables whatever the region: the file's eu-west-1 is not shown as a target.
      await page.locator('.statusbar-item:has-text("Local (embedded) · any region")').waitFor();
      await runCommand(page, 'DynamoDB: Preview Changes');
      const preview = page.locator('.editor-group-container .monaco-editor:has(.view-line:has-text("Preview of genesys.toml"))');
      await preview.locator('.view-line:has-text("Table invoices: will be created")').waitFor({ timeout: 60000 });
      const lens = page.locator('.codelens-decoration a:has-text("Apply 2 table changes")');
      await lens.waitFor();
      await page.screenshot({ path: join(outDir, 'preview.png') });

      await lens.click();
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.getByText('Apply genesys.toml to carts, invoices on Local (embedded) · any region?').waitFor();
      await dialog.getByText('Create table invoices').first().waitFor();
      await page.screenshot({ path: join(outDir, 'apply-confirmation.png') });
      await dialog.locator('.monaco-button:has-text("Apply")').click();
      // The embedded server ignores streams, deletion protection and tags on create, and lacks TTL and
      // PITR: the report says so, and the preview, planned again, shows what is still pending.
      const report = page.locator('.notification-toast:has-text("Partly applied genesys.toml on Local (embedded) · any region.")');
      await report.waitFor({ timeout: 60000 });
      await report.getByText('carts: 1 of 2 steps done; not supported by this server: Enable TTL on expires_at. invoices: 1 of 2 steps done; not supported by this server: Enable point-in-time recovery; left as it was by the server: stream, deletion protection, tags.').waitFor();
      await page.locator('.notification-toast:has-text("Applying genesys.toml")').waitFor({ state: 'detached' });
      await preview.locator('.view-line:has-text("Table carts: 1 update step(s)")').waitFor({ timeout: 30000 });
      await page.screenshot({ path: join(outDir, 'apply-report.png') });

      await openFile(page, 'genesys.toml');
      await runCommand(page, 'DynamoDB: Delete Table(s) in Config');
      // One confirmation lists every table and what it loses, before any name is typed.
      const confirmation = page.locator('.monaco-dialog-box');
      await confirmation.getByText('Delete 2 tables (carts, invoices) on Local (embedded) · any region?').waitFor();
      await confirmation.getByText('• carts: no items (counted now).').waitFor();
      await confirmation.getByText('• invoices: no items (counted now), its indexes GSI by-status, LSI by-due-date.').waitFor();
      await confirmation.getByText(/This server does not protect tables: .* invoices has deletion protection on in the config, but that does not stop this delete\./).waitFor();
      await page.screenshot({ path: join(outDir, 'delete-confirmation.png') });
      await confirmation.locator('.monaco-button:has-text("Delete…")').click();
      const widget = page.locator('.quick-input-widget');
      await widget.locator('.quick-input-title:has-text("Delete table carts on Local (embedded) · any region (1/2)")').waitFor();
      await widget.locator('.quick-input-box input').fill('cart');
      await widget.getByText('Type carts exactly to delete it').waitFor();
      await page.keyboard.press('Enter');
      await widget.getByText('Type carts exactly to delete it').waitFor();
      await page.screenshot({ path: join(outDir, 'delete-typed-name.png') });
      await page.keyboard.press('Escape');
      await activityIcon(page).click();
      await page.locator('.part.sidebar .monaco-list-row:has-text("carts")').waitFor();
      await page.locator('.part.sidebar .monaco-list-row:has-text("invoices")').first().waitFor();
    },
  },
  {
    name: 'a mistake in a config is marked where it is, listed in Problems, and its quick-fix repairs it',
    async run(page, server) {
      await openWorkbench(page, server, this.theme ?? 'dark');
      await openFile(page, 'genesys.toml');
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.part.panel .markers-panel').waitFor();
      await page.keyboard.press('Control+1');
      await goToLine(page, 9);
      await page.keyboard.press('Home');
      await page.keyboard.press('Shift+End');
      await page.keyboard.insertText('billing_mode = "ON_DEMAND"');
      const editor = page.locator('.editor-group-container .monaco-editor').first();
      await editor.locator('.squiggly-error').waitFor();
      // Typing may have opened the completion list: close it, the picture is of the quick-fix.
      await page.keyboard.press('Escape');
      await page.locator('.monaco-editor .suggest-widget.visible').waitFor({ state: 'detached' });
      const problem = page.locator('.part.panel .markers-panel .monaco-list-row', { hasText: 'billing_mode "ON_DEMAND" is not valid: use PAY_PER_REQUEST or PROVISIONED' });
      await problem.waitFor();
      assert.match(await problem.innerText(), /enum-value/);
      await page.keyboard.press('Control+.');
      const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'PAY_PER_REQUEST' }).first();
      await fix.waitFor();
      await settle(page);
      await page.screenshot({ path: join(outDir, 'quick-fix.png') });
      await fix.click();
      await editor.locator('.view-line', { hasText: 'billing_mode = "PAY_PER_REQUEST"' }).waitFor();
      await editor.locator('.squiggly-error').waitFor({ state: 'detached' });
      await problem.waitFor({ state: 'detached' });
    },
  },
  {
    name: 'explorer welcome view with the embedded server off and profiles hidden: says so, and Get Started opens the walkthrough',
    settings: { 'dynamodbDesigner.local.enabled': false, 'dynamodbDesigner.showAwsProfiles': false },
    async run(page, server) {
      await openWorkbench(page, server, this.theme ?? 'dark');
      await activityIcon(page).click();
      const welcome = page.locator('.part.sidebar .welcome-view');
      await welcome.getByText('The embedded local DynamoDB is turned off.', { exact: false }).waitFor();
      await welcome.getByText('AWS profiles are hidden', { exact: false }).waitFor();
      assert.equal(await welcome.getByText('No AWS profile was found', { exact: false }).count(), 0, 'not the message for profiles shown but none found');
      for (const button of ['Turn On the Embedded DynamoDB', 'Show AWS Profiles', 'Get Started']) { await welcome.locator('.monaco-button', { hasText: button }).waitFor(); }
      await settle(page);
      await page.screenshot({ path: join(outDir, 'explorer-welcome.png') });
      await welcome.locator('.monaco-button', { hasText: 'Get Started' }).click();
      await page.locator('.gettingStartedContainer').getByText('Get Started with DynamoDB Designer').first().waitFor();
      await page.locator('.gettingStartedContainer button.getting-started-step', { hasText: 'Seed the demo tables' }).waitFor();
    },
  },
  {
    name: 'Getting Started walkthrough: opened from the palette, its steps checked as their buttons run',
    async run(page, server) {
      await openWorkbench(page, server, this.theme ?? 'dark');
      await runCommand(page, 'Welcome: Open Walkthrough');
      const widget = page.locator('.quick-input-widget');
      await widget.locator('.quick-input-list .monaco-list-row', { hasText: 'Get Started with DynamoDB Designer' }).first().click();
      const walkthrough = page.locator('.gettingStartedContainer');
      await walkthrough.getByText('Get Started with DynamoDB Designer').first().waitFor();
      const step = (title: string) => walkthrough.locator('button.getting-started-step', { hasText: title });
      for (const title of ['Seed the demo tables', 'Browse items', 'Write a table config', 'Preview the changes', 'Apply it']) { await step(title).waitFor(); }
      // The workbench marks a completed step with aria-checked (and a check icon).
      const done = (title: string) => walkthrough.locator('button.getting-started-step[aria-checked="true"]', { hasText: title });
      assert.equal(await done('Seed the demo tables').count(), 0, 'not done before its button ran');
      assert.equal(await step('Seed the demo tables').getAttribute('aria-checked'), 'false');

      await step('Seed the demo tables').locator('.monaco-button').filter({ hasText: 'Seed Demo Tables' }).first().click();
      await page.locator('.notifications-toasts .notification-toast:has-text("Demo tables ready")').waitFor({ timeout: 60000 });
      await done('Seed the demo tables').waitFor();

      await step('Browse items').click();
      await step('Browse items').locator('.monaco-button').filter({ hasText: 'Browse Items' }).first().click();
      await widget.locator('.quick-input-list .monaco-list-row', { hasText: 'DeviceReadings' }).first().click();
      await editorTab(page, 'DeviceReadings (items)').waitFor();
      await editorTab(page, 'Walkthrough: DynamoDB Designer').click();
      await done('Browse items').waitFor();
      await activityIcon(page).click();
      await page.locator('.part.sidebar .monaco-list-row:has-text("DeviceReadings")').first().waitFor();
      await step('Write a table config').click();
      // The step's markdown, shown beside the steps in a webview of its own.
      await until(async () => {
        for (const frame of page.frames()) {
          if (await frame.getByText('asks, step by step, for the dialect').count().catch(() => 0)) { return true; }
        }
        return false;
      });
      await page.locator('.notifications-toasts .notification-toast').first().hover().catch(() => undefined);
      await page.keyboard.press('Escape');
      await settle(page);
      await page.screenshot({ path: join(outDir, 'walkthrough.png') });
    },
  },
  {
    name: 'apply examples/genesys.toml to the seeded demo tables: an honest report',
    async run(page, server) {
      await openWorkbench(page, server, this.theme ?? 'dark');
      await seed(page);
      await openFile(page, 'genesys.toml');
      await page.locator('.statusbar-item:has-text("Local (embedded) · any region")').waitFor();
      await runCommand(page, 'DynamoDB: Preview Changes');
      const preview = page.locator('.editor-group-container .monaco-editor:has(.view-line:has-text("Preview of genesys.toml"))');
      await preview.locator('.view-line:has-text("the file\'s region eu-west-1 is ignored by this server")').waitFor({ timeout: 60000 });
      const lens = page.locator('.codelens-decoration a:has-text("Apply 2 table changes")');
      await lens.waitFor();
      await lens.click();
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.getByText('Apply genesys.toml to carts, invoices on Local (embedded) · any region?').waitFor();
      await dialog.locator('.monaco-button:has-text("Apply")').click();
      // The tables exist (seeded): the server ignores streams and deletion protection and lacks TTL
      // and PITR. The report's first words say it was partly applied, as a warning, never an error,
      // and nothing the server is known to ignore is sent as a failing request.
      // The report (not the "Planning …"/"Applying …" progress), whatever its first words.
      const report = page.locator('.notification-toast').filter({ hasText: /(applied|failed to apply) genesys\.toml on Local \(embedded\) · any region/i });
      await report.waitFor({ timeout: 60000 });
      await page.locator('.notification-toast:has-text("Applying genesys.toml")').waitFor({ state: 'detached' });
      await page.screenshot({ path: join(outDir, 'apply-seeded-report.png') });
      const text = (await report.locator('.notification-list-item-message').innerText()).trim();
      assert.match(text, /^Partly applied genesys\.toml on Local \(embedded\) · any region/i, `the report's first words: ${text}`);
      assert.doesNotMatch(text, /ValidationException|failed/i, text);
      assert.equal(await report.locator('.codicon-error').count(), 0, 'not shown as an error');
      assert.equal(await report.locator('.codicon-warning').count(), 1, 'shown as a warning: partly applied');
    },
  },
  ...(['dark', 'light'] as const).map((theme): Scenario => ({
    name: `design view from a config's CodeLens: entity map, facets, access patterns with their costs${theme === 'dark' ? '; a live table\'s from the explorer' : ''} (${theme})`,
    theme,
    async run(page, server) {
      // The skill's e-commerce design as the genesys dialect writes it: the view shows what the language service reads.
      writeFileSync(join(server.workspace, 'shop.toml'), readFileSync(join(root, 'examples/ecommerce.toml'), 'utf8'));
      await openWorkbench(page, server, theme);
      await openFile(page, 'shop.toml');
      const lens = page.locator('.codelens-decoration a', { hasText: 'Design View' });
      await lens.waitFor({ timeout: 60000 });
      await lens.click();
      await editorTab(page, `${ECOMMERCE_TABLE} (design)`).waitFor();
      const view = webview(page);
      await view.locator('#entity-map').waitFor();
      const map = await view.locator('#entity-map').innerText();
      for (const expected of ['User Email', 'Order Item', 'USER#{userId}', 'ORDER#{createdAt}', 'EMAIL#{email}', 'PRODUCT#{productId}']) {
        assert(map.includes(expected), `the entity map shows ${expected}`);
      }
      await settle(page);
      await page.screenshot({ path: join(outDir, `design-entities-${theme}.png`) });
      await scrollToTop(view, '#facets-heading');
      assert.match(await view.locator('#facet-GSI1').innerText(), /Order\s+USER#\{userId\}\s+ORDER#\{createdAt\}/);
      await settle(page);
      await page.screenshot({ path: join(outDir, `design-facets-${theme}.png`) });
      await scrollToTop(view, '#patterns-heading');
      const byDate = await view.locator('#patterns tbody tr', { hasText: 'List orders by date' }).innerText();
      assert.match(byDate, /GSI GSI1/);
      assert.match(await view.locator('#patterns tbody tr', { hasText: 'Get user by ID' }).innerText(), /0\.5 RRU \(1 strong\)/);
      await settle(page);
      await page.screenshot({ path: join(outDir, `design-patterns-${theme}.png`) });
      if (theme === 'dark') {
        await seed(page);
        await contextMenu(page, 'invoices', 'Open Design View');
        await editorTab(page, 'invoices (design)').waitFor();
        await view.locator('#no-entities').waitFor();
        assert.match(await view.locator('#indexes tbody tr', { hasText: 'by-status' }).innerText(), /by-status\s+GSI\s+status\s+issued_at\s+INCLUDE total, currency/);
        await settle(page);
        await page.screenshot({ path: join(outDir, 'design-live-dark.png') });
      }
    },
  })),
  ...(['dark', 'light'] as const).flatMap((theme): Scenario[] => [
    {
      name: `table details from the explorer's context menu, an index browsed, panels hidden and shown again (${theme})`,
      theme,
      async run(page, server) {
        await openWorkbench(page, server, theme);
        await seed(page);
        await contextMenu(page, 'invoices', 'Open Table Details');
        const view = webview(page);
        await view.locator('header h1', { hasText: 'invoices' }).waitFor();
        const details = await view.locator('#details').innerText();
        for (const expected of ['customer_id', 'issued_at', 'partition key', 'sort key', 'by-status', 'INCLUDE: total, currency', 'by-due-date', 'KEYS_ONLY', '8 read / 4 write capacity units', 'Team', 'billing']) {
          assert(details.includes(expected), `the details show ${expected}`);
        }
        assert(await view.locator('.limitation', { hasText: 'TTL' }).count() === 1, 'TTL labelled as missing on the embedded server');
        await settle(page);
        await page.screenshot({ path: join(outDir, `details-${theme}.png`) });
        await view.locator('h2', { hasText: 'Tags' }).scrollIntoViewIfNeeded();
        await settle(page);
        await page.screenshot({ path: join(outDir, `details-end-${theme}.png`) });

        // Browse the GSI from its block: the item browser opens on it.
        await view.locator('.index[data-index="by-status"] vscode-button', { hasText: 'Browse' }).click();
        await editorTab(page, 'invoices (items)').waitFor();
        await view.locator('#grid tbody tr').nth(99).waitFor();
        assert.equal(await view.locator('#target').evaluate(d => (d as unknown as { value: string }).value), 'by-status', 'the GSI is the target');
        assert.deepEqual((await headers(view)).slice(0, 3), ['status', 'issued_at', 'customer_id'], 'the index key first, then the table key');
        await view.locator('#next').click();
        await view.locator('#page-number', { hasText: 'Page 2' }).waitFor();
        const firstOnPage2 = await cellText(view, 0);
        await view.locator('#grid tbody tr').nth(3).click();
        await view.locator('#open').click();
        const key = await view.locator('#item-key').innerText();
        await settle(page);
        await page.screenshot({ path: join(outDir, `items-gsi-${theme}.png`) });

        // Hide the item browser behind the details panel, then show it again: the webview is
        // rebuilt (no retained context) and comes back on the same page, row and open item.
        await editorTab(page, 'invoices (table)').click();
        await view.locator('header h1', { hasText: 'invoices' }).waitFor();
        await editorTab(page, 'invoices (items)').click();
        await view.locator('#page-number', { hasText: 'Page 2' }).waitFor();
        await view.locator('#item-key').waitFor();
        assert.equal(await cellText(view, 0), firstOnPage2, 'the same page 2');
        assert.equal(await view.locator('#item-key').innerText(), key, 'the same item open');
        assert.equal(await view.locator('#grid tbody tr.selected').getAttribute('data-row'), '3', 'the same row selected');
        await view.locator('#previous').click();
        await view.locator('#page-number', { hasText: 'Page 1' }).waitFor();
      },
    },
    {
      name: `item browser from the inline action: pages, a query on partition and sort key, an item (${theme})`,
      theme,
      async run(page, server) {
        await openWorkbench(page, server, theme);
        await seed(page);
        await (await browseAction(page, 'DeviceReadings')).click();
        const view = webview(page);
        const rows = view.locator('#grid tbody tr');
        await rows.nth(99).waitFor();
        assert.equal(await rows.count(), 100);
        assert.equal(await view.locator('#page-number').innerText(), 'Page 1');
        await settle(page);
        await page.screenshot({ path: join(outDir, `items-${theme}.png`) });

        // Forward to the end (300 demo items: 3 pages, no empty 4th) and back.
        const page1 = await cellText(view, 0);
        await view.locator('#next').click();
        await view.locator('#page-number', { hasText: 'Page 2' }).waitFor();
        const page2 = await cellText(view, 0);
        assert.notEqual(page2, page1);
        await view.locator('#next').click();
        await view.locator('#page-number', { hasText: 'Page 3' }).waitFor();
        await view.locator('#last-page').waitFor();
        assert.equal(await rows.count(), 100);
        assert(await disabled(view.locator('#next')), 'no page after the last');
        await view.locator('#previous').click();
        await view.locator('#page-number', { hasText: 'Page 2' }).waitFor();
        assert.equal(await cellText(view, 0), page2, 'Previous shows page 2 as it was');

        // Query: the partition key alone, then with sort-key conditions taken from what it found.
        await choose(view, '#mode', 'query');
        await view.locator('#pk input').fill('dev-007');
        await view.locator('#run').click();
        await view.locator('#page-number', { hasText: 'Page 1' }).waitFor();
        await view.locator('#last-page').waitFor();
        const all = await columnValues(view, 'readAt');
        assert(all.length > 6, `dev-007 has ${all.length} readings`);
        assert.deepEqual(await columnValues(view, 'deviceId'), all.map(() => 'dev-007'));
        assert.deepEqual(all, [...all].sort((a, b) => Number(a) - Number(b)), 'in sort key order');
        await choose(view, '#sk-op', '>=');
        await view.locator('#sk input').fill(all[4]!);
        await view.locator('#run').click();
        await until(async () => (await columnValues(view, 'readAt')).length === all.length - 4);
        assert.deepEqual(await columnValues(view, 'readAt'), all.slice(4));
        await choose(view, '#sk-op', 'between');
        await view.locator('#sk input').fill(all[2]!);
        await view.locator('#sk2 input').fill(all[5]!);
        await view.locator('#descending').click();
        await view.locator('#run').click();
        await until(async () => (await columnValues(view, 'readAt')).length === 4);
        assert.deepEqual(await columnValues(view, 'readAt'), all.slice(2, 6).reverse(), 'between, descending');
        assert.equal(await view.locator('#sk-op').evaluate(d => (d as unknown as { value: string }).value), 'between');
        await settle(page);
        await page.screenshot({ path: join(outDir, `items-query-${theme}.png`) });

        // Open an item (double-click), then follow the selection with the keyboard.
        await rows.nth(1).dblclick();
        await view.locator('#item-key', { hasText: `readAt=${all[4]}` }).waitFor();
        const dynamoJson = await view.locator('#dynamo-json').textContent();
        assert(dynamoJson!.includes('"deviceId": {\n    "S": "dev-007"'), `DynamoDB JSON shows the item: ${dynamoJson}`);
        assert(await view.locator('#plain-json').isVisible(), 'plain JSON first');
        await rows.nth(1).press('ArrowDown');
        await view.locator('#item-key', { hasText: `readAt=${all[3]}` }).waitFor();
        await settle(page);
        await page.screenshot({ path: join(outDir, `items-item-${theme}.png`) });
        await view.locator('#tab-dynamo').click();
        await view.locator('#dynamo-json').waitFor();
        await settle(page);
        await page.screenshot({ path: join(outDir, `items-item-dynamodb-json-${theme}.png`) });

        // Edit it in an editor, beside the browser.
        await view.locator('#item-edit').click();
        const editor = page.locator('.editor-instance .monaco-editor').last();
        await editorTab(page, `readAt = ${all[3]}.json`).waitFor();
        await editor.locator('.view-lines', { hasText: 'dev-007' }).waitFor();
        await settle(page);
        await page.screenshot({ path: join(outDir, `items-edit-${theme}.png`) });

        // Bad input gets words next to the form, and the browser stays usable.
        await view.locator('#sk input').fill('soon');
        await view.locator('#run').click();
        const alert = view.locator('.error[role=alert]');
        await alert.waitFor();
        assert.match(await alert.innerText(), /Query: .*readAt.*number.*\(InvalidRequest\)/s);
        await settle(page);
        await page.screenshot({ path: join(outDir, `items-error-${theme}.png`) });
        await view.locator('#sk input').fill(all[2]!);
        await view.locator('#run').click();
        await alert.waitFor({ state: 'detached' });

        // Nothing found is said in words.
        await view.locator('#pk input').fill('dev-999');
        await view.locator('#run').click();
        await view.locator('#grid tr.empty', { hasText: 'No items match this query.' }).waitFor();
        await settle(page);
        await page.screenshot({ path: join(outDir, `items-empty-${theme}.png`) });
      },
    },
  ]),
  {
    name: 'keyboard only: browse, query, filter, open and edit an item without the mouse',
    theme: 'dark',
    async run(page, server) {
      await openWorkbench(page, server, 'dark');
      await seed(page);
      // The command palette and its pickers, by keyboard.
      await page.keyboard.press('F1');
      await page.keyboard.type('>DynamoDB: Browse Items');
      await page.locator('.quick-input-list .monaco-list-row:has-text("DynamoDB: Browse Items")').first().waitFor();
      await page.keyboard.press('Enter');
      const widget = page.locator('.quick-input-widget');
      // One connection with one region: the picker asks for the table at once.
      // DeviceReadings comes first (and has the focus).
      await widget.locator('.quick-input-list .monaco-list-row.focused:has-text("DeviceReadings")').waitFor();
      await page.keyboard.press('Enter');
      const view = webview(page);
      const rows = view.locator('#grid tbody tr');
      await rows.nth(99).waitFor();

      // Into the form: Read from, Operation (ArrowDown picks Query and the focus stays), page size, partition key.
      assert.equal(await tabTo(page, view, f => f === 'target', 5), 'target');
      assert.equal(await press(page, view, 'Tab'), 'mode');
      assert.equal(await press(page, view, 'ArrowDown'), 'mode', 'the Operation dropdown keeps the focus');
      await view.locator('#pk').waitFor();
      assert.equal(await press(page, view, 'Tab'), 'page-size');
      assert.equal(await press(page, view, 'Tab'), 'pk');
      await page.keyboard.type('dev-007');
      await page.keyboard.press('Enter');
      await view.locator('#last-page').waitFor();
      assert.deepEqual([...new Set(await columnValues(view, 'deviceId'))], ['dev-007']);
      const all = (await columnValues(view, 'readAt')).length;

      // A filter: Add filter puts the focus into the new row; Operator and Type by arrows.
      await tabTo(page, view, f => f === 'add-filter');
      assert.equal(await press(page, view, 'Enter'), 'filter-0-path', 'the new filter row takes the focus');
      await page.keyboard.type('battery');
      assert.equal(await press(page, view, 'Tab'), 'filter-0-op');
      for (let i = 0; i < 5; i++) { assert.equal(await press(page, view, 'ArrowDown'), 'filter-0-op'); }
      assert.equal(await view.locator('[data-focus="filter-0-op"]').inputValue(), '>=');
      assert.equal(await press(page, view, 'Tab'), 'filter-0-type');
      assert.equal(await press(page, view, 'ArrowDown'), 'filter-0-type');
      assert.equal(await view.locator('[data-focus="filter-0-type"]').inputValue(), 'N');
      assert.equal(await press(page, view, 'Shift+Tab'), 'filter-0-op', 'Shift+Tab from a dropdown stays in the panel');
      await tabTo(page, view, f => f === 'filter-0-value', 3);
      await page.keyboard.type('50');
      await page.keyboard.press('Enter');
      await until(async () => { const b = await columnValues(view, 'battery'); return b.length > 0 && b.length < all && b.every(v => Number(v) >= 50); });
      assert.equal(await focusIn(view), 'filter-0-value', 'Enter runs the query and the field keeps the focus');
      await settle(page);
      await page.screenshot({ path: join(outDir, 'keyboard-filter.png') });

      // Ctrl+Enter runs the form as it is, from any field (the keybinding of Run Item Query: the
      // field's own Enter leaves a modified Enter alone, so only the keybinding can have run it).
      await page.keyboard.press('End');
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Backspace');
      await page.keyboard.type('80');
      assert.equal(await view.locator('[data-focus="filter-0-value"]').evaluate(f => (f as unknown as { value: string }).value), '80');
      await page.keyboard.press('Control+Enter');
      await until(async () => { const b = await columnValues(view, 'battery'); return b.length > 0 && b.every(v => Number(v) >= 80); });
      assert.equal(await focusIn(view), 'filter-0-value', 'Ctrl+Enter keeps the focus in the field');
      await settle(page);
      await page.screenshot({ path: join(outDir, 'keyboard-ctrl-enter.png') });

      // Run keeps the focus after the read.
      await tabTo(page, view, f => f === 'run');
      await page.keyboard.press('Enter');
      await until(async () => (await focusIn(view)) === 'run');

      // The grid is one Tab stop: the arrows move in it, Enter opens the item.
      const stops = await tabTo(page, view, f => f.startsWith('row '));
      assert.equal(stops, 'row 0');
      const count = await rows.count();
      assert.equal(await press(page, view, 'ArrowDown'), 'row 1');
      assert.equal(await press(page, view, 'End'), `row ${count - 1}`);
      assert.equal(await press(page, view, 'Home'), 'row 0');
      assert.equal(await press(page, view, 'ArrowDown'), 'row 1');
      await page.keyboard.press('Enter');
      await view.locator('#item-key').waitFor();
      const key = await view.locator('#item-key').innerText();
      assert.equal(await focusIn(view), 'row 1', 'the row keeps the focus with its item open');
      assert.equal(await press(page, view, 'Tab'), 'item-edit', 'one Tab leaves the grid for the item pane');
      await settle(page);
      await page.screenshot({ path: join(outDir, 'keyboard-item.png') });

      // Edit: the editor opens beside, named like the key; the change is saved with Ctrl+S.
      await page.keyboard.press('Enter');
      const readAt = /readAt=(\d+)/.exec(key)![1];
      const tab = editorTab(page, `deviceId = dev-007, readAt = ${readAt}.json`);
      await tab.waitFor();
      const editor = page.locator('.editor-instance .monaco-editor').last();
      await editor.locator('.view-lines', { hasText: 'dev-007' }).waitFor();
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.insertText('"note": { "S": "typed without a mouse" },');
      await page.keyboard.press('Control+S');
      await tab.locator('.codicon-close, .tab-actions').first().waitFor();
      await until(async () => !(await tab.evaluate(t => t.classList.contains('dirty'))));
      await view.locator('#plain-json', { hasText: 'typed without a mouse' }).waitFor();
      await settle(page);
      await page.screenshot({ path: join(outDir, 'keyboard-edit-saved.png') });
    },
  },
  {
    name: 'item browser at 1000x700: a filter and the item pane open leave the grid its rows; the selected-item buttons wrap together',
    theme: 'dark',
    viewport: { width: 1000, height: 700 },
    async run(page, server) {
      await openWorkbench(page, server, 'dark');
      await seed(page);
      await contextMenu(page, 'invoices', 'Browse Items');
      const view = webview(page);
      const rows = view.locator('#grid tbody tr');
      await rows.nth(99).waitFor();
      await view.locator('#add-filter').click();
      await view.locator('[data-focus="filter-0-path"] input').fill('status');
      await view.locator('[data-focus="filter-0-value"] input').fill('paid');
      await view.locator('#run').click();
      await until(async () => (await columnValues(view, 'status')).every(s => s === 'paid'));
      await rows.nth(2).click();
      await view.locator('#open').click();
      await view.locator('#item-key').waitFor();
      await settle(page);
      await page.screenshot({ path: join(outDir, 'items-1000x700.png') });
      // Rows fully in view in the grid's area.
      const visible = await view.locator('.grid-wrap').evaluate(wrap => {
        const area = wrap.getBoundingClientRect();
        const bottom = Math.min(area.bottom, (wrap.ownerDocument.defaultView as unknown as { innerHeight: number }).innerHeight);
        return [...wrap.querySelectorAll('tbody tr')].filter(r => { const b = r.getBoundingClientRect(); return b.top >= area.top && b.bottom <= bottom; }).length;
      });
      assert.ok(visible >= 8, `at least 8 grid rows in view (${visible})`);
      const tops = await Promise.all(['#open', '#edit', '#duplicate', '#delete'].map(async id => Math.round((await view.locator(id).boundingBox())!.y)));
      assert.equal(new Set(tops).size, 1, `Open, Edit, Duplicate and Delete on one line (${tops.join(', ')})`);
      // Folding the filters gives the grid more room; the filter still applies.
      await view.locator('#toggle-filters').click();
      await view.locator('#filters-summary', { hasText: 'status = "paid"' }).waitFor();
      await settle(page);
      await page.screenshot({ path: join(outDir, 'items-1000x700-filters-hidden.png') });
    },
  },
  {
    name: 'table details on the embedded server: item count not reported, counted on demand; a failed item save says what went wrong first',
    theme: 'dark',
    async run(page, server) {
      await openWorkbench(page, server, 'dark');
      await seed(page);
      await paletteTable(page, 'DynamoDB: Open Table Details', 'invoices');
      const view = webview(page);
      await view.locator('header h1', { hasText: 'invoices' }).waitFor();
      // One set of tables whatever the region: the header says "any region", as the explorer does.
      assert.match(await view.locator('header .subtitle').innerText(), /^Local \(embedded\) · any region · read at /);
      assert.equal(await view.locator('#item-count-reported').innerText(), 'not reported by this server');
      assert(!(await view.locator('#details').innerText()).includes('six hours'), 'no AWS refresh note on the embedded server');
      await view.locator('#count-items').click();
      await view.locator('[data-count-table] .counted', { hasText: /^300 items counted at/ }).waitFor();
      await settle(page);
      await page.screenshot({ path: join(outDir, 'details-item-count.png') });

      // A save the server refuses (the text is not an item): the message leads with what went wrong.
      await paletteTable(page, 'DynamoDB: Browse Items', 'invoices');
      await view.locator('#grid tbody tr').nth(99).waitFor();
      assert.equal(await view.locator('header .subtitle').innerText(), 'Local (embedded) · any region');
      await view.locator('#grid tbody tr').nth(0).click();
      await view.locator('#edit').click();
      const editor = page.locator('.editor-instance .monaco-editor').last();
      await editor.locator('.view-lines', { hasText: 'customer_id' }).waitFor();
      await editor.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText('{ "customer_id": { "S": 5 } }');
      await page.keyboard.press('Control+S');
      // VS Code's own toast ("Failed to save '<name>': Unable to write file '<address>' (...)") comes
      // with ours, which leads with what went wrong and the item's key.
      const ours = page.locator('.notification-toast .notification-list-item-message').filter({ hasText: /^Could not save the item customer_id=/ });
      await ours.waitFor();
      await ours.hover();
      const text = await ours.innerText();
      assert.match(text, /^Could not save the item customer_id="[^"]+", issued_at=\S+ to invoices: .*\(InvalidItem\)$/);
      assert(!text.includes('dynamodb-item:'), 'no internal address');
      await settle(page);
      await page.screenshot({ path: join(outDir, 'item-save-error.png') });
      // VS Code's own toast cannot be worded by an extension: close it; ours stays, in full.
      const theirs = page.locator('.notification-toast').filter({ hasText: 'Failed to save' });
      await theirs.hover();
      await theirs.locator('.codicon-notifications-clear').click();
      await theirs.waitFor({ state: 'detached' });
      const toast = page.locator('.notification-toast').filter({ hasText: 'Could not save the item' });
      await toast.hover();
      await toast.locator('.codicon-notifications-expand').click();
      await settle(page);
      await page.screenshot({ path: join(outDir, 'item-save-error-explained.png') });
      await page.keyboard.press('Control+Z');
    },
  },
  {
    name: 'a window reload brings both panels back: the same query, page, row and item; the explorer lists its tables again',
    theme: 'dark',
    async run(page, server) {
      const treeErrors: string[] = [];
      page.on('console', m => { if (/already registered|Data tree node not found/.test(m.text())) { treeErrors.push(m.text().split('\n')[0]); } });
      await openWorkbench(page, server, 'dark');
      await seed(page);
      await contextMenu(page, 'carts', 'Open Table Details');
      const view = webview(page);
      await view.locator('header h1', { hasText: 'carts' }).waitFor();
      await contextMenu(page, 'library-loans', 'Browse Items');
      await view.locator('#grid tbody tr').nth(99).waitFor();
      await view.locator('#page-size input').fill('40');
      await view.locator('#run').click();
      // The 100-row page is still shown while the new query reads: wait for the 40-item page itself.
      await view.locator('#returned', { hasText: /^40 items$/ }).waitFor();
      await view.locator('#grid tbody tr').nth(40).waitFor({ state: 'detached' });
      await view.locator('#next').click();
      await view.locator('#page-number', { hasText: 'Page 2' }).waitFor();
      await view.locator('#next').click();
      await view.locator('#page-number', { hasText: 'Page 3' }).waitFor();
      const first = await cellText(view, 0);
      await view.locator('#grid tbody tr').nth(5).dblclick();
      await view.locator('#grid tbody tr.selected[data-row="5"]').waitFor();
      const key = await view.locator('#item-key').innerText();

      // Reload as a person does (the command saves the editors and their state, then reloads).
      await runCommand(page, 'Developer: Reload Window');
      await page.waitForEvent('framenavigated', { predicate: frame => frame === page.mainFrame() });
      await page.locator('.monaco-workbench').waitFor();
      await editorTab(page, 'library-loans (items)').waitFor({ timeout: 60000 });
      await view.locator('#page-number', { hasText: 'Page 3' }).waitFor({ timeout: 60000 });
      await view.locator('#item-key').waitFor();
      assert.equal(await cellText(view, 0), first, 'the same page 3');
      assert.equal(await view.locator('#item-key').innerText(), key, 'the same item open');
      assert.equal(await view.locator('#grid tbody tr.selected').getAttribute('data-row'), '5', 'the same row selected');
      assert.equal(await view.locator('#page-size input').inputValue(), '40', 'the same query');
      for (const table of ['carts', 'invoices', 'library-loans', 'DeviceReadings']) {
        await page.locator(`.part.sidebar .monaco-list-row:has-text("${table}")`).first().waitFor();
      }
      assert.deepEqual(treeErrors, [], 'the explorer tree kept its rows');
      await settle(page);
      await page.screenshot({ path: join(outDir, 'items-after-reload.png') });
      await view.locator('#previous').click();
      await view.locator('#page-number', { hasText: 'Page 2' }).waitFor();
      await editorTab(page, 'carts (table)').click();
      await view.locator('header h1', { hasText: 'carts' }).waitFor();
      const carts = await view.locator('#details').innerText();
      for (const expected of ['cart_id', 'on demand (PAY_PER_REQUEST)', 'No secondary indexes.', 'No tags.']) { assert(carts.includes(expected), `carts: ${expected}`); }
      await settle(page);
      await page.screenshot({ path: join(outDir, 'details-no-indexes-after-reload.png') });
    },
  },
  {
    name: 'PartiQL: a .partiql file runs into the item browser (page 2), a scanning SELECT is warned about, the query history lists the runs',
    async run(page, server) {
      // DynamoDB Local (the embedded server has no PartiQL), the only connection of this window.
      const local = await startDynamoDbLocal();
      try {
        const client = local.client();
        await client.send(new CreateTableCommand({
          TableName: 'orders', BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
        }));
        const items = Array.from({ length: 24 }, (_, i) => ({
          pk: { S: `USER#${1 + (i % 2)}` }, sk: { S: `ORDER#2026-0${1 + (i % 9)}-${String(10 + i)}` }, total: { N: String(12.5 * (i + 1)) }, status: { S: i % 3 ? 'paid' : 'open' },
        }));
        await client.send(new BatchWriteItemCommand({ RequestItems: { orders: items.map(Item => ({ PutRequest: { Item } })) } }));
        const settingsFile = join(server.tmp, 'user-data/User/settings.json');
        writeFileSync(settingsFile, JSON.stringify({
          ...JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>,
          'dynamodbDesigner.connections': [{ type: 'endpoint', name: 'DynamoDB Local', endpoint: local.endpoint, region: 'us-east-1' }],
          'dynamodbDesigner.local.enabled': false, 'dynamodbDesigner.showAwsProfiles': false, 'dynamodbDesigner.items.pageSize': 5,
        }, null, 2));
        writeFileSync(join(server.workspace, 'orders.partiql'), [
          '-- Orders of one customer (Ctrl+Enter runs the statement at the cursor)',
          'SELECT pk, sk, total, status FROM "orders" WHERE pk = \'USER#1\';',
          '',
          '-- params: ["paid"]',
          'SELECT * FROM "orders" WHERE status = ?;',
          '',
        ].join('\n'));

        await openWorkbench(page, server, this.theme ?? 'dark');
        await openFile(page, 'orders.partiql');
        await page.locator('.codelens-decoration a:has-text("Run Statement")').first().waitFor({ timeout: 60000 });
        await page.locator('.codelens-decoration a:has-text("DynamoDB Local · us-east-1")').waitFor();
        await goToLine(page, 2);
        await page.keyboard.press('Control+Enter');
        const view = webview(page);
        await view.locator('#statement', { hasText: 'WHERE pk = \'USER#1\'' }).waitFor({ timeout: 60000 });
        await view.locator('#grid tbody tr').nth(4).waitFor();
        assert.equal(await view.locator('#page-number').innerText(), 'Page 1');
        await view.locator('#next').click();
        await view.locator('#page-number', { hasText: 'Page 2' }).waitFor();
        assert.deepEqual((await columnValues(view, 'pk')).every(v => v === 'USER#1'), true);
        await settle(page);
        await page.screenshot({ path: join(outDir, 'partiql-results.png') });

        await editorTab(page, 'orders.partiql').click();
        await goToLine(page, 5);
        await page.keyboard.press('Control+Enter');
        const dialog = page.locator('.monaco-dialog-box');
        await dialog.getByText('This SELECT reads all of the table orders: its WHERE has no equality on the partition key pk.').waitFor();
        await dialog.getByText(/DynamoDB runs it as a Scan/).waitFor();
        await settle(page);
        await page.screenshot({ path: join(outDir, 'partiql-scan-warning.png') });
        await dialog.locator('.monaco-button:has-text("Run Anyway")').click();
        await view.locator('#statement', { hasText: 'WHERE status = ?' }).waitFor({ timeout: 30000 });
        await view.locator('#statement-parameters', { hasText: 'Parameters: {"S":"paid"}' }).waitFor();

        await runCommand(page, 'DynamoDB: Query History');
        const widget = page.locator('.quick-input-widget');
        await widget.locator('.quick-input-list .monaco-list-row:has-text("SELECT * FROM \\"orders\\" WHERE status = ?")').waitFor();
        await widget.locator('.quick-input-list .monaco-list-row:has-text("WHERE pk = \'USER#1\'")').waitFor();
        await settle(page);
        await page.screenshot({ path: join(outDir, 'query-history.png') });
        await page.keyboard.press('Escape');
      } finally {
        await local.stop();
      }
    },
  },
  {
    name: 'import items: the dry run in the confirmation, then the progress with items/s and a cancel',
    async run(page, server) {
      const lines: string[] = [];
      for (let i = 0; i < 20_000; i++) {
        lines.push(JSON.stringify({
          customer_id: { S: `import#${i % 500}` }, issued_at: { N: String(1_700_000_000 + i) }, status: { S: i % 3 ? 'paid' : 'open' },
          due_at: { N: String(1_702_000_000 + i) }, total: { N: `${i}.50` }, tags: { SS: ['imported', `batch-${i % 10}`] }, note: { S: '' },
        }));
      }
      lines.splice(1200, 0, '{"customer_id":{"S":"bad"},"issued_at":{"S":"yesterday"}}');
      lines.splice(5000, 0, '{"customer_id":{"S":"broken"},');
      writeFileSync(join(server.workspace, 'invoices-import.jsonl'), `${lines.join('\n')}\n`);
      await openWorkbench(page, server, this.theme ?? 'dark');
      await seed(page);
      await contextMenu(page, 'invoices', 'Import Items…');
      // The file dialog (code-server's simple dialog): the path typed, Enter.
      const widget = page.locator('.quick-input-widget');
      // It lists the folder first (and sets its own value then): wait for the file's row.
      await widget.locator('.quick-input-list .monaco-list-row:has-text("invoices-import.jsonl")').waitFor();
      const path = widget.locator('.quick-input-box input');
      await path.fill(join(server.workspace, 'invoices-import.jsonl'));
      await widget.locator('.quick-input-list .monaco-list-row:has-text("invoices-import.jsonl")').waitFor();
      await page.keyboard.press('Enter');
      const confirmation = page.locator('.monaco-dialog-box');
      await confirmation.getByText(/^Import 20,000 items from invoices-import\.jsonl into invoices on .* and skip 2 invalid line\(s\)\?$/).waitFor({ timeout: 60000 });
      await confirmation.getByText(/line 1201: the sort key issued_at is of type S; the table declares N/).waitFor();
      await confirmation.getByText(/line 5001: not valid JSON/).waitFor();
      await confirmation.getByText(/Estimated write units: 20,000 on the table, plus the writes of its 1 global secondary index/).waitFor();
      await settle(page);
      await page.screenshot({ path: join(outDir, 'import-dry-run.png') });
      await confirmation.locator('.monaco-button:has-text("Import")').click();
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Importing invoices-import.jsonl into invoices' });
      await toast.getByText(/[\d,]+ of 20,000 items · [\d,]+ items\/s/).waitFor({ timeout: 30000 });
      await page.mouse.move(700, 5);
      await page.screenshot({ path: join(outDir, 'import-progress.png') });
      // The cancel stops it: what was written stays, and the message says how to finish.
      await toast.locator('.monaco-button:has-text("Cancel")').click();
      await page.locator('.notifications-toasts').getByText(/^Import cancelled: [\d,]+ items were written\. Run it again to finish: puts are idempotent by key\.$/).waitFor({ timeout: 30000 });
      await page.screenshot({ path: join(outDir, 'import-cancelled.png') });
    },
  },
];

/** Opens a workspace file with Quick Open, as a person does. */
async function openFile(page: Page, name: string): Promise<void> {
  await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } }).catch(() => undefined);
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(name);
  await page.locator(`.quick-input-list .monaco-list-row:has-text("${name}")`).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active:has-text("${name}")`).first().waitFor();
}

/**
 * Runs a table command from the palette and picks the table in its picker by keyboard (one
 * connection, one region: the picker lists the tables at once).
 */
async function paletteTable(page: Page, command: string, table: string): Promise<void> {
  await runCommand(page, command);
  const widget = page.locator('.quick-input-widget');
  await widget.locator('.quick-input-list .monaco-list-row.focused').waitFor();
  for (let i = 0; i < 10 && !(await widget.locator(`.quick-input-list .monaco-list-row.focused:has-text("${table}")`).count()); i++) {
    await page.keyboard.press('ArrowDown');
  }
  await widget.locator(`.quick-input-list .monaco-list-row.focused:has-text("${table}")`).waitFor();
  await page.keyboard.press('Enter');
}

/** Goes to a line of the active editor with Ctrl+G. */
async function goToLine(page: Page, line: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

/** Width and height of a PNG, from its header. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * Crops and scales this run's SHOWCASE PNGs into media/screenshots/ with Chromium (no image
 * library): the picture as a scaled <img> shifted by the clip, the page screenshotted.
 * A PNG not written by this run (its scenario was filtered out or failed) is an error.
 */
export async function exportScreenshots(since: number): Promise<void> {
  mkdirSync(screenshotsDir, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'ddd-shots-'));
  const { context, page } = await launchBrowser(tmp);
  try {
    for (const { from, to, clip, width } of SHOWCASE) {
      const source = join(outDir, from);
      if ((statSync(source, { throwIfNoEntry: false })?.mtimeMs ?? 0) < since) { throw new Error(`${from} was not made by this run: run the scenarios that make it`); }
      const png = readFileSync(source);
      const size = pngSize(png);
      const scale = width / clip.width;
      const height = Math.round(clip.height * scale);
      await page.setViewportSize({ width, height });
      await page.setContent(`<body style="margin:0;overflow:hidden"><img style="position:absolute;left:${-clip.x * scale}px;top:${-clip.y * scale}px;width:${size.width * scale}px;height:${size.height * scale}px" src="data:image/png;base64,${png.toString('base64')}"></body>`);
      await page.locator('img').evaluate(img => (img as unknown as { decode(): Promise<void> }).decode());
      await page.screenshot({ path: join(screenshotsDir, to), clip: { x: 0, y: 0, width, height } });
      console.log(`media/screenshots/${to}: ${width}x${height}, ${statSync(join(screenshotsDir, to)).size} bytes`);
    }
  } finally {
    await context.close().catch(() => undefined);
    rmSync(tmp, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
  }
}

/** Lets animations and fonts settle before a screenshot. */
async function settle(page: Page): Promise<void> {
  await page.mouse.move(700, 5); // no tooltip of a hovered explorer row in the picture
  await page.waitForTimeout(300);
}

async function until(probe: () => Promise<boolean>, ms = 15000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > end) { throw new Error('timed out waiting for the panel'); }
    await new Promise(r => setTimeout(r, 100));
  }
}

/** The column headers of the item grid (names only). */
const headers = (view: View) => view.locator('#grid thead th .name').allInnerTexts();

/** The value text of the first column of a row. */
const cellText = (view: View, row: number) => view.locator('#grid tbody tr').nth(row).locator('td .value').first().innerText();

/** The values of one column, by its name. */
async function columnValues(view: View, column: string): Promise<string[]> {
  const index = (await headers(view)).indexOf(column);
  assert(index >= 0, `a column ${column}`);
  return view.locator(`#grid tbody tr td:nth-child(${index + 1}) .value`).allInnerTexts();
}

const disabled = (control: ReturnType<View['locator']>) => control.evaluate(e => (e as unknown as { disabled: boolean }).disabled);

/** Chooses a value in a dropdown (a native select). */
async function choose(view: View, dropdown: string, value: string): Promise<void> {
  await view.locator(dropdown).selectOption(value);
}

/** What has the keyboard focus in the webview: a control's id or form name, or `row N` in the grid. */
async function focusIn(view: View): Promise<string> {
  return view.locator('body').evaluate(body => {
    type Focused = { id: string; tagName: string; dataset: Record<string, string | undefined> };
    const doc = (body as unknown as { ownerDocument: { activeElement: Focused | null; body: unknown } }).ownerDocument;
    const a = doc.activeElement;
    if (!a || a === doc.body) { return 'body'; }
    return a.dataset.row !== undefined ? `row ${a.dataset.row}` : a.dataset.focus ?? (a.id || a.tagName.toLowerCase());
  });
}

/** Presses a key in the webview and says where the focus went. */
async function press(page: Page, view: View, key: string): Promise<string> {
  await page.keyboard.press(key);
  return focusIn(view);
}

/** Presses Tab until the focus reaches `wanted` (at most `max` times); the stops passed on the way. */
async function tabTo(page: Page, view: View, wanted: (focus: string) => boolean, max = 40): Promise<string> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    const focus = await press(page, view, 'Tab');
    seen.push(focus);
    if (wanted(focus)) { return focus; }
  }
  throw new Error(`Tab never reached the control; passed ${seen.join(' > ')}`);
}

/**
 * `npm start` as a newcomer runs it (the code-server path): it must print a URL whose workbench
 * has the extension loaded and the demo tables in the explorer; Ctrl+C must stop what it started.
 */
async function npmStartScenario(): Promise<void> {
  const state = mkdtempSync(join(tmpdir(), 'ddd-start-'));
  const child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
    cwd: root, env: { ...process.env, DDD_START_STATE: state, DDD_START_BROWSER_ONLY: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      log += d;
      const m = /^\s+(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)$/m.exec(log);
      if (m) { resolve(m[1]); }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', code => reject(new Error(`npm start exited (${code}):\n${log.slice(-1500)}`)));
    setTimeout(() => reject(new Error(`npm start printed no URL in 180 s:\n${log.slice(-1500)}`)), 180000).unref();
  });
  const { context, page } = await launchBrowser(state);
  page.setDefaultTimeout(30000);
  try {
    await page.goto(url);
    await activityIcon(page).waitFor({ timeout: 60000 });
    await setTheme(page, 'dark');
    await activityIcon(page).click();
    const sidebar = page.locator('.part.sidebar');
    await sidebar.locator('.monaco-list-row:has-text("started by npm start")').waitFor();
    for (const table of ['carts', 'invoices', 'library-loans', 'DeviceReadings']) {
      await sidebar.locator(`.monaco-list-row:has-text("${table}")`).first().waitFor();
    }
    await page.screenshot({ path: join(outDir, 'npm-start.png') });
  } catch (error) {
    await page.screenshot({ path: join(outDir, 'failure-npm-start.png') }).catch(() => undefined);
    throw error;
  } finally {
    await context.close().catch(() => undefined);
    const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)));
    child.kill('SIGINT');
    const code = await Promise.race([exited, new Promise<'hung'>(r => setTimeout(() => r('hung'), 15000))]);
    rmSync(state, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
    if (code === 'hung') { child.kill('SIGKILL'); throw new Error('npm start did not stop on Ctrl+C'); }
  }
}

async function main(): Promise<number> {
  mkdirSync(outDir, { recursive: true });
  const started = Date.now();
  const args = process.argv.slice(2);
  const screenshots = args.includes('--screenshots');
  const filter = args.find(a => !a.startsWith('--')) ?? '';
  let passed = 0;
  let failed = 0;
  if ('npm start serves the workbench'.includes(filter)) {
    try {
      await npmStartScenario();
      passed++;
      console.log(`ok   npm start serves the workbench with the extension and the seeded embedded DynamoDB (${elapsed()})`);
    } catch (error) {
      failed++;
      console.log(`FAIL npm start: ${(error as Error).message.split('\n').slice(0, 6).join('\n')}`);
    }
  }
  for (const scenario of scenarios.filter(s => s.name.includes(filter))) {
    const theme = scenario.theme ?? 'dark';
    const server = await startCodeServer({ workspaceFrom: join(root, 'test/fixtures/workspace'), settings: scenario.settings, ...(scenario.env ? { env: scenario.env } : {}) });
    const { context, page } = await launchBrowser(server.tmp, { colorScheme: theme, ...(scenario.viewport ? { viewport: scenario.viewport } : {}) });
    page.setDefaultTimeout(30000);
    try {
      await scenario.run.call(scenario, page, server);
      passed++;
      console.log(`ok   ${scenario.name} (${elapsed()})`);
    } catch (error) {
      failed++;
      const shot = join(outDir, `failure-${scenario.name.replace(/\W+/g, '-')}.png`);
      await page.screenshot({ path: shot }).catch(() => undefined);
      console.log(`FAIL ${scenario.name}: ${(error as Error).message.split('\n')[0]} (screenshot ${shot})`);
      if (process.env.UI_STACK) { console.log((error as Error).stack); }
    } finally {
      await context.close().catch(() => undefined);
      await server.stop();
    }
  }
  console.log(`ui (workbench in Chromium): ${passed} passed, ${failed} failed`);
  if (screenshots) {
    if (failed > 0 || passed === 0) { console.log('--screenshots: not updated, a scenario failed'); return 1; }
    await exportScreenshots(started);
  }
  return failed === 0 && passed > 0 ? 0 : 1;
}

if (require.main === module) {
  main().then(code => process.exit(code), (error: Error) => { console.error(error.message); process.exit(1); });
}
