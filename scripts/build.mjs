// Builds the bundles with esbuild:
//   dist/extension.js     the extension's entry (node, cjs, `vscode` external): registers every
//                         contribution and loads the two below on demand (src/extension.ts)
//   dist/language.js      the language service and its VS Code providers
//   dist/aws.js           the services, SDK, explorer, panels and commands
//   dist/cli.js           the `dynamodb-designer` CLI (node, cjs, with a shebang)
//   dist/analysisWorker.js the language service's worker thread for large documents
//   dist/dynaliteMain.js  the embedded local DynamoDB's child process (dynalite + its LevelDB addon,
//                         whose prebuilt binaries are copied to dist/native/classic-level)
//   dist/webview/*.js     the webview code (browser, esm)
// Flags: --production (minify, no source maps), --watch, --target <VS Code platform> (only that
// platform's LevelDB prebuild, for `vsce package --target`; see NATIVE_PREBUILDS; also read from
// DYNAMODB_DESIGNER_TARGET, which scripts/package.mjs sets for `vscode:prepublish`), --cli-only
// (only dist/cli.js, for `npm pack`: the `prepack` script).
// Also writes ThirdPartyNotices.txt for the packages bundled into what is shipped: the extension's
// bundles (the VSIX), or with --cli-only the CLI (the npm package).
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { NATIVE_PREBUILDS } from './platforms.mjs';
import { patchDeps } from './patch-deps.mjs';
import { schemaDialects, validatorsSource } from './validators.mjs';
import { noticesText } from './notices.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const targetFlag = process.argv.indexOf('--target');
const vscodeTarget = targetFlag >= 0 ? process.argv[targetFlag + 1] : process.env.DYNAMODB_DESIGNER_TARGET || undefined;
const cliOnly = process.argv.includes('--cli-only');
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

/** The schema validators, compiled now (ajv standalone code) instead of at run time. */
const precompiledValidators = {
  name: 'precompiled-validators',
  setup(build) {
    build.onLoad({ filter: /src[\\/]language[\\/]schemaValidators\.ts$/ }, () => ({
      contents: validatorsSource(root),
      resolveDir: root,
      loader: 'js',
      watchFiles: schemaDialects(root).map(d => join(root, 'schemas', `${d}.schema.json`)),
    }));
  },
};

/**
 * The language bundle's modules, shared: dist/language.js exports every module of these folders
 * in a table by path, and the aws bundle (loaded after it, src/extension.ts) takes its imports of
 * them from that table instead of bundling copies (one instance of each module, one parse).
 */
const SHARED_LANGUAGE_DIRS = ['src/language', 'src/vscode/language'];
/** Packages of the language bundle that the aws bundle uses too. */
const SHARED_PACKAGES = ['yaml'];
const sharedLanguageModules = () => SHARED_LANGUAGE_DIRS.flatMap(function walk(dir) {
  return readdirSync(join(root, dir)).flatMap(name => {
    const path = `${dir}/${name}`;
    if (statSync(join(root, path)).isDirectory()) { return walk(path); }
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}).sort();

const languageBundleEntry = {
  name: 'language-bundle-entry',
  setup(build) {
    build.onResolve({ filter: /^language-bundle-entry$/ }, () => ({ path: 'language-bundle-entry', namespace: 'language-entry' }));
    build.onLoad({ filter: /.*/, namespace: 'language-entry' }, () => {
      const modules = [...sharedLanguageModules(), ...SHARED_PACKAGES];
      return {
        resolveDir: root,
        loader: 'js',
        contents: [
          "export { activateLanguage } from './src/vscode/activation/language.ts';",
          ...modules.map((m, i) => `import * as m${i} from '${SHARED_PACKAGES.includes(m) ? m : `./${m}`}';`),
          `export const modules = {${modules.map((m, i) => `${JSON.stringify(m)}: m${i}`).join(', ')}};`,
        ].join('\n'),
      };
    });
  },
};

const useLanguageBundle = {
  name: 'use-language-bundle',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^(${SHARED_PACKAGES.join('|')})$`) }, args => ({ path: args.path, namespace: 'language-bundle' }));
    build.onResolve({ filter: /^\.\.?\// }, args => {
      const base = join(args.resolveDir, args.path);
      const file = [`${base}.ts`, base].find(f => existsSync(f) && statSync(f).isFile());
      const path = file && relative(root, file).replace(/\\/g, '/');
      if (!path?.endsWith('.ts') || !SHARED_LANGUAGE_DIRS.some(d => path.startsWith(`${d}/`))) { return undefined; }
      return { path, namespace: 'language-bundle' };
    });
    build.onLoad({ filter: /.*/, namespace: 'language-bundle' }, args => ({
      contents: `module.exports = require(require('path').join(__dirname, 'language.js')).modules[${JSON.stringify(args.path)}];`,
      loader: 'js',
    }));
  },
};

function copyNative() {
  const source = dirname(require.resolve('classic-level/package.json'));
  const target = join(root, 'dist/native/classic-level');
  rmSync(target, { recursive: true, force: true });
  mkdirSync(join(target, 'prebuilds'), { recursive: true });
  cpSync(join(source, 'package.json'), join(target, 'package.json'));
  if (vscodeTarget) {
    const prebuild = NATIVE_PREBUILDS[vscodeTarget];
    if (!prebuild) { throw new Error(`no LevelDB prebuild for VS Code target ${vscodeTarget} (known: ${Object.keys(NATIVE_PREBUILDS).join(', ')})`); }
    mkdirSync(join(target, 'prebuilds', prebuild[0]));
    cpSync(join(source, 'prebuilds', ...prebuild), join(target, 'prebuilds', ...prebuild));
    return;
  }
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
  metafile: true,
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
  // Separate bundles (cjs has no code splitting): the entry requires the others by file name.
  { ...node, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { language: 'language-bundle-entry' }, outdir: 'dist', plugins: [languageBundleEntry, precompiledValidators] },
  { ...node, entryPoints: { aws: 'src/vscode/activation/aws.ts' }, outdir: 'dist', plugins: [useLanguageBundle] },
  { ...node, entryPoints: { dynaliteMain: 'src/dynamo/dynaliteMain.ts' }, outdir: 'dist', plugins: [nativeAddon, dynaliteActions] },
];
// The language service's worker thread for large documents (src/vscode/language/analyses.ts).
builds.push({ ...node, entryPoints: { analysisWorker: 'src/vscode/language/analysisWorker.ts' }, outdir: 'dist' });
// The CLI (for npm installs; the VSIX leaves it out).
const cliBuild = optional('src/cli/main.ts')
  ? { ...node, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' }, plugins: [precompiledValidators] }
  : undefined;
// Output name -> entry module (a panel that outgrew one file has a folder, its entry main.ts).
const webviewEntries = Object.entries({ details: 'webview/details.ts', items: 'webview/items/main.ts', plan: 'webview/plan.ts' }).filter(([, entry]) => optional(entry));
if (webviewEntries.length) {
  builds.push({
    ...common,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    entryPoints: Object.fromEntries(webviewEntries),
    outdir: 'dist/webview',
    loader: { '.css': 'text' },
  });
}

/**
 * Writes ThirdPartyNotices.txt for the packages the given build results bundled, and each build's
 * esbuild metafile to dist/meta/ (what the notices were made from; package.mjs and the npm package
 * test check the notices against them).
 */
function writeNotices(buildList, results, title) {
  mkdirSync(join(root, 'dist/meta'), { recursive: true });
  buildList.forEach((b, i) => writeFileSync(join(root, 'dist/meta', `${Object.keys(b.entryPoints).join('+')}.json`), JSON.stringify(results[i].metafile)));
  const { text, packages } = noticesText(root, results.map(r => r.metafile), title);
  writeFileSync(join(root, 'ThirdPartyNotices.txt'), text);
  console.log(`ThirdPartyNotices.txt: ${packages.length} bundled packages (${title})`);
}

// The bundles include node_modules' code: make sure its patches are in (also after `npm ci --ignore-scripts`).
patchDeps(root);
if (cliOnly) {
  if (!cliBuild) { throw new Error('src/cli/main.ts is missing'); }
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeNotices([cliBuild], [await esbuild.build(cliBuild)], 'DynamoDB Designer CLI (npm package dynamodb-designer): third-party notices');
} else {
  if (!watch) { rmSync(join(root, 'dist'), { recursive: true, force: true }); }
  copyNative();
  if (watch) {
    const contexts = await Promise.all([...builds, ...(cliBuild ? [cliBuild] : [])].map(b => esbuild.context(b)));
    await Promise.all(contexts.map(c => c.watch()));
    console.log('watching for changes (Ctrl+C to stop)');
  } else {
    const results = await Promise.all([...builds, ...(cliBuild ? [cliBuild] : [])].map(b => esbuild.build(b)));
    if (cliBuild) { mkdirSync(join(root, 'dist/meta'), { recursive: true }); writeFileSync(join(root, 'dist/meta/cli.json'), JSON.stringify(results.at(-1).metafile)); }
    // The VSIX ships every bundle but the CLI's (.vscodeignore): its notices are theirs.
    writeNotices(builds, results.slice(0, builds.length), 'DynamoDB Designer VS Code extension: third-party notices');
  }
}
