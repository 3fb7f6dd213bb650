/**
 * Our analysis next to cfn-lint's on the templates that mirror cfn-lint's DynamoDB fixtures
 * (test/support/cfnLintCases.ts). Run after `npm run compile`: `node out/test/cfnlint/compare.js`.
 * cfn-lint is not a dependency: when the `cfn-lint` command is on PATH its findings are read
 * (`--format json`), else only ours are shown. Prints one line per case and exits 1 when either
 * tool's findings differ from what the case records.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../src/language/service';
import { CFN_LINT_CASES } from '../support/cfnLintCases';

interface CfnLintMatch { readonly Rule: { readonly Id: string }; readonly Location: { readonly Start: { readonly LineNumber: number } } }

function cfnLint(file: string): string[] | undefined {
  let out: string;
  try {
    out = execFileSync('cfn-lint', ['--format', 'json', '--', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const error = e as { code?: string; stdout?: string };
    if (error.code === 'ENOENT') { return undefined; }
    out = error.stdout ?? '';
  }
  return (JSON.parse(out || '[]') as CfnLintMatch[])
    .filter(m => /^E/.test(m.Rule.Id))
    .map(m => `${m.Location.Start.LineNumber} ${m.Rule.Id}`);
}

const dir = mkdtempSync(join(tmpdir(), 'cfnlint-compare-'));
let differ = 0;
try {
  for (const c of CFN_LINT_CASES) {
    const file = join(dir, 'template.yaml');
    writeFileSync(file, c.template);
    const ours = (analyze(c.template, { uri: file })?.findings ?? []).filter(f => f.severity === 'error').map(f => `${f.range.start.line + 1} ${f.code}`);
    const theirs = cfnLint(file);
    const same = (a: readonly string[], b: readonly string[]): boolean => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
    const ok = same(ours, c.ours) && (theirs === undefined || same(theirs, c.cfnLint));
    if (!ok) { differ++; }
    console.log(`${ok ? 'ok  ' : 'DIFF'} ${c.name} [${c.mirrors}]\n     ours: ${ours.join(', ') || '-'}\n     cfn-lint: ${theirs === undefined ? '(not installed)' : theirs.join(', ') || '-'}\n     ${c.note}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(differ === 0 ? 'every case as recorded' : `${differ} case(s) differ from what is recorded`);
process.exitCode = differ === 0 ? 0 : 1;
