// Transpiles src/, test/, bench/ and scripts/*.ts to out/ (CommonJS, one file per module, no
// bundling) for the node test runner and the e2e suite. Type checking is `npm run typecheck`.
import { build } from 'esbuild';
import { cpSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validatorsSource } from './validators.mjs';
import { patchDeps } from './patch-deps.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const roots = ['src', 'test', 'bench', 'webview/protocol.ts', 'webview/schema.ts', 'webview/items/state.ts'];

function collect(path, acc) {
  if (!existsSync(path)) { return acc; }
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path)) { collect(join(path, entry), acc); }
  } else if (path.endsWith('.ts') && !path.endsWith('.d.ts')) {
    acc.push(relative(root, path));
  }
  return acc;
}

// Tests and `npm start` run dynalite from node_modules: make sure its patch is in. (Not an install
// script: npm 11 would list it to every consumer of the npm package as one to approve.)
patchDeps(root);
const entryPoints = roots.flatMap(r => collect(join(root, r), []));
rmSync(join(root, 'out'), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints,
  outbase: '.',
  outdir: 'out',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: 'inline',
  bundle: false,
  logLevel: 'warning',
});
// The precompiled schema validators in place of their stub (as in the bundles, scripts/build.mjs).
writeFileSync(join(root, 'out/src/language/schemaValidators.js'), validatorsSource(root));
// JSON schemas and fixtures are read relative to the compiled modules.
for (const dir of ['schemas', 'syntaxes', 'test/fixtures']) {
  if (existsSync(join(root, dir))) { cpSync(join(root, dir), join(root, 'out', dir), { recursive: true }); }
}
console.log(`compiled ${entryPoints.length} modules to out/`);
