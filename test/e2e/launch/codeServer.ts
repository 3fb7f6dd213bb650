/**
 * Runs the mocha suite (out/test/e2e/suite) inside code-server's real Node extension host, with the
 * built extension loaded from this folder as a development extension. The workbench takes the
 * dev/test paths in its URL payload and calls window.codeAutomationExit(code) when the tests end;
 * the suite writes its results to the file named by DDD_E2E_RESULTS.
 * Usage: node out/test/e2e/launch/codeServer.js [--grep PATTERN]
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { elapsed, launchBrowser, root, startCodeServer } from './harness';

interface Results { passed: number; failed: number; results: { title: string; ok: boolean; error?: string }[] }

async function main(): Promise<number> {
  if (!existsSync(join(root, 'dist/extension.js'))) { throw new Error('dist/extension.js is missing: run `npm run build` first'); }
  const resultsDir = mkdtempSync(join(tmpdir(), 'ddd-e2e-results-'));
  const resultsFile = join(resultsDir, 'results.json');
  const grep = process.argv.includes('--grep') ? process.argv[process.argv.indexOf('--grep') + 1] : '';
  const server = await startCodeServer({
    workspaceFrom: join(root, 'test/fixtures/workspace'),
    env: { DDD_E2E_RESULTS: resultsFile, DDD_E2E_GREP: grep, DDD_REPO_ROOT: root },
  });
  console.log(`code-server on 127.0.0.1:${server.port} (${elapsed()})`);
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
    console.log(`extension host finished: ${code} (${elapsed()})`);
  } finally {
    await context.close().catch(() => undefined);
    await server.stop();
  }
  if (!existsSync(resultsFile)) {
    console.error('The extension host wrote no results: the suite did not run (see the log above).');
    rmSync(resultsDir, { recursive: true, force: true });
    return 1;
  }
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as Results;
  rmSync(resultsDir, { recursive: true, force: true });
  for (const r of results.results) { console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.title}${r.ok ? '' : `\n     ${r.error}`}`); }
  console.log(`e2e (extension host): ${results.passed} passed, ${results.failed} failed`);
  return code === 0 && results.failed === 0 && results.passed > 0 ? 0 : 1;
}

main().then(code => process.exit(code), (error: Error) => { console.error(error.message); process.exit(1); });
