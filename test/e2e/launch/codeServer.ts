/**
 * Runs the mocha suite (out/test/e2e/suite) inside code-server's real Node extension host, with the
 * built extension loaded from this folder as a development extension. The workbench takes the
 * dev/test paths in its URL payload and calls window.codeAutomationExit(code) when the tests end;
 * the suite writes its results to the file named by DDD_E2E_RESULTS.
 * A second launch enables workspace trust and opens the folder untrusted (trust.test.ts).
 * Usage: node out/test/e2e/launch/codeServer.js [--grep PATTERN] [--untrusted-only]
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { elapsed, launchBrowser, root, startCodeServer } from './harness';
import type { StartOptions } from './harness';

interface Results { passed: number; failed: number; results: { title: string; ok: boolean; error?: string }[] }

/** One launch: code-server on a copy of the fixture workspace, the suite in its extension host. */
async function launch(name: string, options: Omit<StartOptions, 'workspaceFrom'>, grep: string): Promise<number> {
  const resultsDir = mkdtempSync(join(tmpdir(), 'ddd-e2e-results-'));
  const resultsFile = join(resultsDir, 'results.json');
  const server = await startCodeServer({
    ...options,
    workspaceFrom: join(root, 'test/fixtures/workspace'),
    env: { DDD_E2E_RESULTS: resultsFile, DDD_E2E_GREP: grep, DDD_REPO_ROOT: root, ...options.env },
  });
  console.log(`${name}: code-server on 127.0.0.1:${server.port} (${elapsed()})`);
  let code: number | 'timeout' = 1;
  const { context, page } = await launchBrowser(server.tmp);
  try {
    let done: (code: number) => void = () => undefined;
    const exited = new Promise<number>(resolve => { done = resolve; });
    await page.exposeFunction('codeAutomationExit', (c: number) => done(c));
    page.on('console', message => {
      const text = message.text();
      if (process.env.VERBOSE || /\b(ERR|FAIL)\b|rejected promise/i.test(text)) { console.log('[workbench]', text.split('\n')[0]); }
    });
    await page.goto(server.url([
      ['extensionDevelopmentPath', server.remote(root)],
      ['extensionTestsPath', server.remote(join(root, 'out/test/e2e/suite/index'))],
    ]));
    const limit = Number(process.env.E2E_TIMEOUT_MS ?? 300000);
    code = await Promise.race([exited, new Promise<'timeout'>(resolve => setTimeout(() => resolve('timeout'), limit).unref())]);
    console.log(`${name}: extension host finished: ${code} (${elapsed()})`);
  } finally {
    await context.close().catch(() => undefined);
    await server.stop();
  }
  if (!existsSync(resultsFile)) {
    console.error(`${name}: the extension host wrote no results: the suite did not run (see the log above).`);
    rmSync(resultsDir, { recursive: true, force: true });
    return 1;
  }
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as Results;
  rmSync(resultsDir, { recursive: true, force: true });
  for (const r of results.results) { console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.title}${r.ok ? '' : `\n     ${r.error}`}`); }
  console.log(`e2e (${name}): ${results.passed} passed, ${results.failed} failed`);
  return code === 0 && results.failed === 0 && results.passed > 0 ? 0 : 1;
}

async function main(): Promise<number> {
  if (!existsSync(join(root, 'dist/extension.js'))) { throw new Error('dist/extension.js is missing: run `npm run build` first'); }
  const grep = process.argv.includes('--grep') ? process.argv[process.argv.indexOf('--grep') + 1]! : '';
  const trusted = process.argv.includes('--untrusted-only') ? 0 : await launch('extension host', {}, grep);
  // Workspace trust on and an untrusted folder whose own settings list a connection (the
  // suite's index runs only trust.test.js there): a second code-server, since trust is per launch.
  const untrusted = grep && !/trust/i.test(grep) ? 0 : await launch('untrusted workspace', {
    untrusted: true,
    env: { DDD_E2E_TRUST: 'untrusted' },
    settings: { 'dynamodbDesigner.connections': [{ type: 'endpoint', name: 'User endpoint', endpoint: 'http://127.0.0.1:9', region: 'us-east-1' }] },
    workspaceSettings: { 'dynamodbDesigner.connections': [{ type: 'endpoint', name: 'Workspace endpoint', endpoint: 'http://127.0.0.1:8', region: 'us-east-1' }] },
  }, '');
  return trusted || untrusted;
}

main().then(code => process.exit(code), (error: Error) => { console.error(error.message); process.exit(1); });
