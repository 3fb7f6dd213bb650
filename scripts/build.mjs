// Builds the bundles with esbuild:
//   dist/extension.js     the extension (node, cjs, `vscode` external)
//   dist/cli.js           the `dynamodb-designer` CLI (node, cjs, with a shebang)
//   dist/analysisWorker.js the language service's worker thread for large documents
//   dist/dynaliteMain.js  the embedded local DynamoDB's child process (dynalite + its LevelDB addon,
//                         whose prebuilt binaries are copied to dist/native/classic-level)
//   dist/webview/*.js     the webview code (browser, esm)
// Flags: --production (minify, no source maps), --watch.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = fileURLToPath(new URL('..', import.meta.url));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const require = createRequire(import.meta.url);

/** classic-level loads its addon relative to its own folder: point it at dist/native/classic-level. */
const nativeAddon = {
  name: 'classic-level-native',
  setup(build) {
    build.onLoad({ filter: /classic-level[\\/]binding\.js$/ }, () => ({
      contents: "module.exports = require('node-gyp-build')(require('path').join(__dirname, 'native', 'classic-level'))",
      resolveDir: dirname(require.resolve('classic-level/binding.js')),
      loader: 'js',
    }));
  },
};

/** dynalite requires its actions by computed name: give esbuild a static table of them. */
const dynaliteActions = {
  name: 'dynalite-static-requires',
  setup(build) {
    build.onLoad({ filter: /dynalite[\\/]index\.js$/ }, async (args) => {
      const { readFileSync } = await import('node:fs');
      const dir = dirname(args.path);
      const table = (folder) => '{' + readdirSync(join(dir, folder)).filter(f => f.endsWith('.js'))
        .map(f => `${JSON.stringify(f.slice(0, -3))}: () => require(${JSON.stringify(`./${folder}/${f}`)})`).join(',\n') + '}';
      let contents = readFileSync(args.path, 'utf8');
      const dynamic = ["require('./actions/' + action)", "require('./validations/' + action)"];
      if (!dynamic.every(d => contents.includes(d))) { throw new Error('dynalite changed its action loading: update scripts/build.mjs'); }
      contents = contents.replace(dynamic[0], '__actions[action]()').replace(dynamic[1], '__validations[action]()');
      contents = `var __actions = ${table('actions')};\nvar __validations = ${table('validations')};\n${contents}`;
      return { contents, resolveDir: dir, loader: 'js' };
    });
  },
};

function copyNative() {
  const source = dirname(require.resolve('classic-level/package.json'));
  const target = join(root, 'dist/native/classic-level');
  rmSync(target, { recursive: true, force: true });
  mkdirSync(join(target, 'prebuilds'), { recursive: true });
  cpSync(join(source, 'package.json'), join(target, 'package.json'));
  // Desktop platforms only (VS Code does not run on Android).
  for (const platform of readdirSync(join(source, 'prebuilds')).filter(p => !p.startsWith('android'))) {
    cpSync(join(source, 'prebuilds', platform), join(target, 'prebuilds', platform), { recursive: true });
  }
}

const common = {
  absWorkingDir: root,
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'info',
  legalComments: 'none',
};

const node = {
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  // The AWS SDK's optional CRT and similar are not used.
  mainFields: ['module', 'main'],
};

const optional = (entry) => existsSync(join(root, entry));
const builds = [
  { ...node, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { dynaliteMain: 'src/dynamo/dynaliteMain.ts' }, outdir: 'dist', plugins: [nativeAddon, dynaliteActions] },
];
// The language service's worker thread for large documents (src/vscode/language/analyses.ts).
builds.push({ ...node, entryPoints: { analysisWorker: 'src/vscode/language/analysisWorker.ts' }, outdir: 'dist' });
if (optional('src/cli/main.ts')) {
  builds.push({ ...node, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } });
}
const webviewEntries = ['details', 'items', 'plan'].filter(n => optional(`webview/${n}.ts`));
if (webviewEntries.length) {
  builds.push({
    ...common,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    entryPoints: Object.fromEntries(webviewEntries.map(n => [n, `webview/${n}.ts`])),
    outdir: 'dist/webview',
    loader: { '.css': 'text' },
  });
}

if (!watch) { rmSync(join(root, 'dist'), { recursive: true, force: true }); }
copyNative();
if (watch) {
  const contexts = await Promise.all(builds.map(b => esbuild.context(b)));
  await Promise.all(contexts.map(c => c.watch()));
  console.log('watching for changes (Ctrl+C to stop)');
} else {
  await Promise.all(builds.map(b => esbuild.build(b)));
}
