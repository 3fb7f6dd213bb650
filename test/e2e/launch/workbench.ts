/**
 * Driving the real web workbench (code-server in Chromium) as a person does: shared by the UI
 * scenarios (ui.ts) and the panel benchmark (bench/panels.bench.ts).
 */
import type { Locator, Page } from 'playwright-core';
import type { CodeServer } from './harness';
import { root } from './harness';

/** A webview's document (webviews are nested iframes). */
export type View = ReturnType<Page['frameLocator']>;

export const activityIcon = (page: Page): Locator => page.locator('.activitybar .action-item a[aria-label^="DynamoDB"]');

/** The visible webview (one at a time: panels in one editor group). */
export const webview = (page: Page): View => page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');

/** An editor tab by (part of) its title. */
export const editorTab = (page: Page, title: string): Locator => page.locator(`.tabs-container .tab:has-text("${title}")`).first();

/** An explorer row by (part of) its label. */
export const explorerRow = (page: Page, label: string): Locator => page.locator(`.part.sidebar .monaco-list-row:has-text("${label}")`).first();

/** The workbench with this extension loaded (no test payload), in a theme. */
export async function openWorkbench(page: Page, server: CodeServer, theme: 'light' | 'dark'): Promise<void> {
  await page.goto(server.url([['extensionDevelopmentPath', server.remote(root)]]));
  await page.locator('.monaco-workbench').waitFor();
  await activityIcon(page).waitFor({ timeout: 60000 });
  await setTheme(page, theme);
}

/**
 * The Extension Development Host window ignores the user's and the workspace's theme setting, so
 * the theme is switched the way a person does, from the command palette.
 */
export async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  const wanted = theme === 'dark' ? 'vs-dark' : 'vs';
  if (await page.locator(`.monaco-workbench.${wanted}`).count()) { return; }
  await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
  await page.locator(`.monaco-workbench.${wanted}`).waitFor();
}

/** Runs a command through the command palette, by its title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  // Focus the workbench (not a webview, where F1 goes nowhere) on a spot that does nothing:
  // the title bar (a click in the editor area would land in a panel and select a row there).
  await page.locator('.part.titlebar').click({ position: { x: 5, y: 5 } }).catch(() => undefined);
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator(`.quick-input-list .monaco-list-row:has-text("${title}")`).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Seeds the demo tables into the embedded DynamoDB and waits until the explorer lists them. */
export async function seed(page: Page): Promise<void> {
  await activityIcon(page).click();
  await runCommand(page, 'DynamoDB: Seed Demo Tables');
  await page.locator('.notifications-toasts .notification-toast:has-text("Demo tables ready")').waitFor({ timeout: 60000 });
  await page.locator('.notifications-toasts .notification-toast').first().hover();
  await page.keyboard.press('Escape');
  await explorerRow(page, 'invoices').waitFor();
  // The region's table count is redrawn once its tables' first describes answered: until then a
  // redraw can replace a table row under the mouse, and its inline action then runs without its table.
  await page.locator('.part.sidebar .monaco-list-row', { hasText: /\d+ tables?\b/ }).first().waitFor();
}

/**
 * Runs an explorer context-menu entry on a table row. The menu is driven by keyboard: the
 * workbench ignores a mouse release that comes right after the menu opened.
 */
export async function contextMenu(page: Page, table: string, entry: string): Promise<void> {
  await explorerRow(page, table).click({ button: 'right' });
  await page.getByRole('menuitem', { name: entry }).hover();
  await page.keyboard.press('Enter');
  await page.getByRole('menuitem', { name: entry }).waitFor({ state: 'detached' });
}

/** The inline "Browse Items" action of a table row (shown on hover). */
export async function browseAction(page: Page, table: string): Promise<Locator> {
  const row = explorerRow(page, table);
  await row.hover();
  return row.locator('.action-label[aria-label="Browse Items"]');
}
