// `npm run package`: one VSIX per VS Code platform, each with only that platform's LevelDB
// prebuild and without the CLI bundle (the extension never loads dist/cli.js), then checks what
// went in. vsce runs the `vscode:prepublish` script (the production build), told the target through
// DYNAMODB_DESIGNER_TARGET; the project has no public repository yet (--allow-missing-repository). Usage: node scripts/package.mjs [--target linux-x64] [--out file.vsix] | --all
// (every platform of scripts/platforms.mjs to dynamodb-designer-<target>.vsix).
// Default: linux-x64 to dynamodb-designer.vsix (what CI packages and checks, .ci/run).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { NATIVE_PREBUILDS } from './platforms.mjs';
import { bundledPackageDirs, packageLicense } from './notices.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
/** The size budget of one VSIX (issue 14). */
export const MAX_VSIX_BYTES = 2 * 1024 * 1024;

/**
 * The README as packaged without a base address: images with a relative address (the
 * screenshots) left out with their paragraph, relative links turned into their text. Links to
 * anchors (#rules) and absolute addresses stay.
 */
export function packagedReadme(text) {
  const relative = (address) => !/^[a-z][a-z0-9+.-]*:/i.test(address) && !address.startsWith('#');
  return text
    .split(/\n{2,}/)
    .filter(paragraph => ![...paragraph.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)/g)].some(m => relative(m[1])))
    .join('\n\n')
    .replace(/(?<!!)\[([^\]]+)\]\(([^)\s]+)\)/g, (link, label, address) => (relative(address) ? label : link));
}

/** The file names in a zip archive, from its central directory. */
export function zipEntries(path) {
  const zip = readFileSync(path);
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) { throw new Error(`${path} is not a zip archive`); }
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) { throw new Error(`${path}: broken central directory`); }
    const nameLength = zip.readUInt16LE(at + 28);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return names;
}

/** The text of one file of a zip archive (stored or deflated), undefined when absent. */
export function zipText(path, wanted) {
  const zip = readFileSync(path);
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < zip.readUInt16LE(eocd + 10); i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (name === wanted) {
      const method = zip.readUInt16LE(at + 10);
      const compressed = zip.readUInt32LE(at + 20);
      const local = zip.readUInt32LE(at + 42);
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + compressed);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return undefined;
}

/**
 * What the notices lack: every package bundled into the builds of dist/meta (but `except`, a
 * bundle the archive does not hold) with its version and each license file's text.
 */
export function noticesProblems(notices, except) {
  const metaDir = join(root, 'dist/meta');
  const metafiles = readdirSync(metaDir).filter(f => f.endsWith('.json') && f !== except).map(f => JSON.parse(readFileSync(join(metaDir, f), 'utf8')));
  const problems = [];
  for (const dir of bundledPackageDirs(metafiles)) {
    const p = packageLicense(root, dir);
    if (!notices.includes(`\n${p.name} ${p.version}\nLicense: ${p.license}\n`)) { problems.push(`ThirdPartyNotices.txt lacks ${p.name} ${p.version}`); }
    for (const t of p.texts) { if (!notices.includes(t.text)) { problems.push(`ThirdPartyNotices.txt lacks ${p.name}'s ${t.file}`); } }
  }
  return problems;
}

/** What is wrong with a packaged VSIX for a target (empty: nothing). */
export function vsixProblems(path, target) {
  const problems = [];
  const size = statSync(path).size;
  if (size > MAX_VSIX_BYTES) { problems.push(`${size} bytes, more than ${MAX_VSIX_BYTES}`); }
  const names = zipEntries(path);
  const [folder, file] = NATIVE_PREBUILDS[target];
  const prebuilds = names.filter(n => n.endsWith('.node'));
  const expected = `extension/dist/native/classic-level/prebuilds/${folder}/${file}`;
  if (prebuilds.length !== 1 || prebuilds[0] !== expected) { problems.push(`native prebuilds ${JSON.stringify(prebuilds)}, expected only ${expected}`); }
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const walkthroughMedia = (manifest.contributes?.walkthroughs ?? []).flatMap(w => w.steps.flatMap(s => [s.media?.markdown, s.media?.image].filter(m => typeof m === 'string')));
  for (const file of walkthroughMedia.filter(f => !names.includes(`extension/${f}`))) { problems.push(`${file} (a walkthrough step's media) is missing`); }
  if (!names.some(n => n.toLowerCase() === 'extension/readme.md')) { problems.push('the README is missing'); }
  for (const bundle of ['extension.js', 'language.js', 'aws.js', 'dynaliteMain.js', 'tree-sitter.wasm', 'tree-sitter-hcl.wasm']) {
    if (!names.includes(`extension/dist/${bundle}`)) { problems.push(`dist/${bundle} is missing`); }
  }
  for (const name of names.filter(n => /^extension\/dist\/cli\.js|\.map$|^extension\/(src|out|test|node_modules|media\/screenshots)\//.test(n))) {
    problems.push(`${name} should not be packaged`);
  }
  const notices = zipText(path, 'extension/ThirdPartyNotices.txt');
  if (notices === undefined) { problems.push('ThirdPartyNotices.txt is missing'); }
  else if (!notices.includes('VS Code extension: third-party notices')) { problems.push('ThirdPartyNotices.txt is not the extension\'s (the CLI\'s notices were packaged)'); }
  else { problems.push(...noticesProblems(notices, 'cli.json')); }
  for (const manifestName of ['extension.vsixmanifest', 'extension/package.json']) {
    if (zipText(path, manifestName)?.includes('example.invalid')) { problems.push(`${manifestName} links to example.invalid`); }
  }
  return problems;
}

function packageTarget(target, out, baseUrl) {
  if (!NATIVE_PREBUILDS[target]) { throw new Error(`unknown target ${target} (known: ${Object.keys(NATIVE_PREBUILDS).join(', ')})`); }
  let readme;
  if (baseUrl) {
    readme = ['--baseContentUrl', baseUrl, '--baseImagesUrl', baseUrl];
  } else {
    // Not in dist/: vsce's `vscode:prepublish` build clears dist/ before it reads the README.
    mkdirSync(join(root, 'out'), { recursive: true });
    writeFileSync(join(root, 'out/README.packaged.md'), packagedReadme(readFileSync(join(root, 'README.md'), 'utf8')));
    readme = ['--readme-path', 'out/README.packaged.md'];
  }
  const vsce = join(root, 'node_modules/@vscode/vsce/vsce');
  // vsce runs `vscode:prepublish` (the production build) first, for this target.
  const output = execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--target', target, '--out', out, ...readme], {
    cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, DYNAMODB_DESIGNER_TARGET: target },
  });
  process.stdout.write(output);
  const warnings = output.split('\n').filter(line => /\bWARNING\b/.test(line));
  if (warnings.length) { throw new Error(`vsce warned:\n  ${warnings.join('\n  ')}`); }
  const problems = vsixProblems(resolve(root, out), target);
  if (problems.length) { throw new Error(`${out}:\n  ${problems.join('\n  ')}`); }
  console.log(`${out}: ${statSync(resolve(root, out)).size} bytes, ${target} prebuild only, no CLI bundle`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
  try {
    if (args.includes('--all')) {
      for (const target of Object.keys(NATIVE_PREBUILDS)) { packageTarget(target, `dynamodb-designer-${target}.vsix`, option('--base-url')); }
    } else {
      packageTarget(option('--target') ?? 'linux-x64', option('--out') ?? 'dynamodb-designer.vsix', option('--base-url'));
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
