/**
 * The e2e suite's entry, loaded by the extension host (extensionTestsPath). Runs every
 * *.test.js beside it with mocha and writes {passed, failed, results} to DDD_E2E_RESULTS.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false });
  if (process.env.DDD_E2E_GREP) { mocha.grep(process.env.DDD_E2E_GREP); }
  // The untrusted-workspace launch runs only the trust tests (test/e2e/launch/codeServer.ts).
  const only = process.env.DDD_E2E_TRUST === 'untrusted' ? ['trust.test.js'] : undefined;
  for (const file of readdirSync(__dirname).filter(f => f.endsWith('.test.js') && (!only || only.includes(f))).sort()) { mocha.addFile(join(__dirname, file)); }
  const results: { title: string; ok: boolean; error?: string }[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run(failures => {
      const passed = results.filter(r => r.ok).length;
      if (process.env.DDD_E2E_RESULTS) {
        writeFileSync(process.env.DDD_E2E_RESULTS, JSON.stringify({ passed, failed: failures, results }, null, 2));
      }
      console.log(`${passed} passed, ${failures} failed`);
      if (failures > 0) { reject(new Error(`${failures} e2e tests failed`)); } else { resolve(); }
    });
    runner.on('pass', test => results.push({ title: test.fullTitle(), ok: true }));
    runner.on('fail', (test, error: Error) => results.push({ title: test.fullTitle(), ok: false, error: String(error?.stack ?? error).split('\n').slice(0, 4).join('\n') }));
  });
}
