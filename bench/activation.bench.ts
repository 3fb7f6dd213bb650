/**
 * Activation and package figures (issue 14): packages the VSIX for this machine's platform first
 * (scripts/package.mjs: production bundles, this platform's LevelDB prebuild only, checked), so
 * dist/ holds the production build afterwards, as users run it. Then:
 * - `require` of each bundle, median of fresh `node` processes with a stub `vscode` module (every
 *   name @types/vscode declares, each a do-anything proxy): the entry (what activation loads), the
 *   language bundle (first config document) and the AWS bundle (first explorer/command use), and
 *   all three in one process (what the single bundle cost before the split); goal: entry <= 30 ms;
 * - the first analysis of a config in that process (the schema validators are precompiled at
 *   build time: nothing compiles at run time);
 * - what a YAML file that is not a table config costs once the entry is loaded: the detection;
 * - the size of each bundle and of the VSIX (goal <= 2 MB).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectDialect } from '../src/language/dialects/detect';
import { repoRoot } from '../test/support/paths';
import { measure, summarize } from './main';
import type { Row } from './main';

const PROCESSES = 15;
const ENTRY_GOAL_MS = 30;
const VSIX_GOAL_BYTES = 2 * 1024 * 1024;

/** Runs in each fresh process: installs the stub, times the requires, prints the ms as JSON. */
const CHILD = `
const Module = require('module');
const { readFileSync } = require('fs');
const [root, ...bundles] = process.argv.slice(2);
const dts = readFileSync(root + '/node_modules/@types/vscode/index.d.ts', 'utf8');
const names = new Set([...dts.matchAll(/^\\s*export (?:class|namespace|enum|function|const|let|var) (\\w+)/gm)].map(m => m[1]));
const any = () => new Proxy(function () {}, {
  get: (_, key) => (key === Symbol.toPrimitive ? () => '' : key === 'then' ? undefined : any()),
  apply: () => any(), construct: () => any(),
});
const stub = Object.fromEntries([...names].map(n => [n, any()]));
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? stub : load.call(this, request, ...rest); };
const time = fn => { const t = process.hrtime.bigint(); fn(); return Number(process.hrtime.bigint() - t) / 1e6; };
const ms = bundles.map(b => time(() => require(root + '/dist/' + b)));
if (process.env.FIRST_ANALYSIS) {
  // The first config's analysis (parse, schema validators, rules): no schema compiles at run time.
  const { analyze } = require(root + '/dist/language.js').modules['src/language/service.ts'];
  const text = readFileSync(process.env.FIRST_ANALYSIS, 'utf8');
  ms.push(time(() => { if (!analyze(text, { uri: process.env.FIRST_ANALYSIS })) { throw new Error('not analyzed'); } }));
}
process.stdout.write(JSON.stringify(ms));
`;

/** This machine as a VS Code platform (`vsce --target`). */
function hostTarget(): string {
  const arch = process.arch === 'arm' ? 'armhf' : process.arch;
  return `${process.platform}-${arch}`;
}

function requireTimes(script: string, bundles: readonly string[], env: NodeJS.ProcessEnv = {}): number[][] {
  const root = repoRoot();
  const runs: number[][] = [];
  for (let i = 0; i < PROCESSES; i++) {
    const child = spawnSync(process.execPath, [script, root, ...bundles], { encoding: 'utf8', env: { ...process.env, ...env } });
    if (child.status !== 0) { throw new Error(`require of ${bundles.join(', ')} failed: ${child.stderr}`); }
    runs.push(JSON.parse(child.stdout) as number[]);
  }
  return runs;
}

/** A 1,000-line YAML file that is not a table config (a CI workflow's shape). */
function otherYaml(): string {
  const lines = ['name: build', 'on:', '  push:', '    branches: [main]', 'jobs:'];
  for (let i = 0; lines.length < 1000; i++) {
    lines.push(`  job${i}:`, '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4', `      - run: npm test -- --shard=${i}`);
  }
  return lines.join('\n');
}

export async function run(): Promise<Row[]> {
  const root = repoRoot();
  const dir = mkdtempSync(join(tmpdir(), 'activation-bench-'));
  try {
    const target = hostTarget();
    const vsix = join(dir, `dynamodb-designer-${target}.vsix`);
    const started = process.hrtime.bigint();
    execFileSync(process.execPath, [join(root, 'scripts/package.mjs'), '--target', target, '--out', vsix], { cwd: root, stdio: 'pipe' });
    const packaging = summarize('package', [Number(process.hrtime.bigint() - started) / 1e6]);

    const script = join(dir, 'require.js');
    writeFileSync(script, CHILD);
    const bundles = ['extension.js', 'language.js', 'aws.js'];
    const kb = (file: string): string => `${(statSync(join(root, 'dist', file)).size / 1024).toFixed(1)} KB`;
    // One process loads the three in order (as the extension does), another only the entry.
    const entryAlone = requireTimes(script, ['extension.js']).map(r => r[0]!);
    const all = requireTimes(script, bundles, { FIRST_ANALYSIS: join(root, 'examples/planton.yaml') });
    const rows: Row[] = [];
    const entry = summarize(`activation: require dist/extension.js (entry, ${kb('extension.js')}), fresh process`, entryAlone);
    rows.push({ ...entry, name: `${entry.name}: goal <= ${ENTRY_GOAL_MS} ms ${entry.medianMs <= ENTRY_GOAL_MS ? 'met' : 'NOT MET'}` });
    rows.push(summarize(`activation: then require dist/language.js (${kb('language.js')}, first config document)`, all.map(r => r[1]!)));
    rows.push(summarize('activation: then the first analysis of a config (examples/planton.yaml; validators precompiled)', all.map(r => r[3]!)));
    rows.push(summarize(`activation: then require dist/aws.js (${kb('aws.js')}, first explorer/panel/command use)`, all.map(r => r[2]!)));
    const total = summarize('activation: all three bundles (what the one bundle cost before the split)', all.map(r => r[0]! + r[1]! + r[2]!));
    rows.push({ ...total, name: `${total.name}: the entry is ${(entry.medianMs / total.medianMs).toFixed(2)}x of it` });

    const yaml = otherYaml();
    rows.push(await measure('activation: a 1,000-line YAML that is no table config costs one detection (onLanguage:yaml)', 50, () => {
      if (detectDialect(yaml, 'toml') !== undefined || detectDialect(yaml, 'yaml') !== undefined) { throw new Error('detected a config'); }
    }));

    const size = statSync(vsix).size;
    const sizes = ['extension.js', 'language.js', 'aws.js', 'dynaliteMain.js', 'webview/items.js', 'webview/details.js'].map(f => `${f} ${kb(f)}`).join(', ');
    rows.push({ ...packaging, name: `package: VSIX ${target} ${(size / 1024 / 1024).toFixed(2)} MB, goal <= 2 MB ${size <= VSIX_GOAL_BYTES ? 'met' : 'NOT MET'} (bundles: ${sizes})` });
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
