/**
 * Runs the same mocha suite in desktop VS Code with @vscode/test-electron, on a machine that can
 * download VS Code (a developer's laptop). Here (no network but the npm registry) use
 * `npm run test:e2e`, which runs the suite in code-server instead.
 * Usage: node out/test/e2e/launch/electron.js
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from '../../support/paths';

async function main(): Promise<void> {
  const root = repoRoot();
  const workspace = mkdtempSync(join(tmpdir(), 'ddd-e2e-ws-'));
  const { cpSync } = await import('node:fs');
  cpSync(join(root, 'test/fixtures/workspace'), workspace, { recursive: true });
  await runTests({
    version: '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out/test/e2e/suite/index'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { DDD_E2E_RESULTS: join(workspace, '.e2e-results.json'), DDD_REPO_ROOT: root },
  });
}

main().catch((error: Error) => { console.error(`e2e (desktop VS Code) failed: ${error.message}`); process.exit(1); });
