/**
 * UI tests: what a person sees, in the real web workbench (code-server) in Chromium. Each scenario
 * drives the UI and saves screenshots under e2e-out/ (git-ignored) to look at.
 * Usage: node out/test/e2e/launch/ui.js [scenario-name-substring]
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CodeServer, elapsed, launchBrowser, root, startCodeServer } from './harness';

export const outDir = join(root, 'e2e-out');

interface Scenario {
  readonly name: string;
  readonly theme?: 'light' | 'dark';
  readonly settings?: Record<string, unknown>;
  run(page: Page, server: CodeServer): Promise<void>;
}

async function openWorkbench(page: Page, server: CodeServer): Promise<void> {
  await page.goto(server.url([['extensionDevelopmentPath', server.remote(root)]]));
  await page.locator('.monaco-workbench').waitFor();
  await activityIcon(page).waitFor({ timeout: 60000 });
}

const activityIcon = (page: Page) => page.locator('.activitybar .action-item a[aria-label^="DynamoDB"]');

const scenarios: Scenario[] = [
  {
    name: 'explorer view opens from the DynamoDB activity-bar icon',
    async run(page, server) {
      await openWorkbench(page, server);
      await activityIcon(page).click();
      await page.locator('.part.sidebar .title-label h2', { hasText: /DynamoDB: Tables/i }).waitFor();
      await page.locator('.part.sidebar .monaco-list, .part.sidebar .welcome-view').first().waitFor();
      await page.screenshot({ path: join(outDir, 'explorer.png') });
    },
  },
];

async function main(): Promise<number> {
  mkdirSync(outDir, { recursive: true });
  const filter = process.argv[2] ?? '';
  let passed = 0;
  let failed = 0;
  for (const scenario of scenarios.filter(s => s.name.includes(filter))) {
    const theme = scenario.theme ?? 'dark';
    const server = await startCodeServer({
      workspaceFrom: join(root, 'test/fixtures/workspace'),
      settings: { 'workbench.colorTheme': theme === 'dark' ? 'Default Dark Modern' : 'Default Light Modern', ...scenario.settings },
    });
    const { context, page } = await launchBrowser(server.tmp, { colorScheme: theme });
    page.setDefaultTimeout(30000);
    try {
      await scenario.run(page, server);
      passed++;
      console.log(`ok   ${scenario.name} (${elapsed()})`);
    } catch (error) {
      failed++;
      const shot = join(outDir, `failure-${scenario.name.replace(/\W+/g, '-')}.png`);
      await page.screenshot({ path: shot }).catch(() => undefined);
      console.log(`FAIL ${scenario.name}: ${(error as Error).message.split('\n')[0]} (screenshot ${shot})`);
    } finally {
      await context.close().catch(() => undefined);
      await server.stop();
    }
  }
  console.log(`ui (workbench in Chromium): ${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(code => process.exit(code), (error: Error) => { console.error(error.message); process.exit(1); });
