// ThirdPartyNotices.txt from what esbuild bundled: each input under node_modules is mapped to its
// package (the folder after the last `node_modules/`, with its scope), and each package's license
// files (LICENSE, LICENCE, COPYING, NOTICE, any extension) are copied in, or its package.json
// `license` field where it ships none. scripts/build.mjs writes it for the bundles it built.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The package folders (relative to root, `/`-separated) of a metafile's inputs, sorted. */
export function bundledPackageDirs(metafiles) {
  const dirs = new Set();
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      const path = input.replace(/\\/g, '/').replace(/^[\w-]+:/, '');
      const at = path.lastIndexOf('node_modules/');
      if (at < 0) { continue; }
      const rest = path.slice(at + 'node_modules/'.length).split('/');
      const name = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
      dirs.add(`${path.slice(0, at)}node_modules/${name}`);
    }
  }
  return [...dirs].sort();
}

const LICENSE_FILE = /^(licen[cs]e|copying|notice)([-._].*)?$/i;

/** One package's name, version, license field and license texts. */
export function packageLicense(root, dir) {
  const folder = join(root, dir);
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
  const license = typeof manifest.license === 'string' ? manifest.license
    : manifest.license?.type ?? (Array.isArray(manifest.licenses) ? manifest.licenses.map(l => l.type ?? l).join(' OR ') : 'UNKNOWN');
  const files = readdirSync(folder).filter(f => LICENSE_FILE.test(f) && statSync(join(folder, f)).isFile()).sort();
  const texts = files.map(f => ({ file: f, text: readFileSync(join(folder, f), 'utf8').replace(/\r\n/g, '\n').trim() }));
  return { name: manifest.name, version: manifest.version, license, texts };
}

/** The notices text for the packages of the given esbuild metafiles. */
export function noticesText(root, metafiles, title) {
  const packages = new Map();
  for (const dir of bundledPackageDirs(metafiles)) {
    if (!existsSync(join(root, dir, 'package.json'))) { throw new Error(`${dir}: no package.json for a bundled input`); }
    const p = packageLicense(root, dir);
    packages.set(`${p.name}@${p.version}`, p);
  }
  const list = [...packages.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  const rule = '-'.repeat(78);
  const parts = [
    `${title}`,
    '',
    'This software includes the following third-party packages, bundled into its JavaScript files.',
    'Each is listed with its version, its license and the license text it ships.',
    '',
    ...list.map(p => `- ${p.name} ${p.version} (${p.license})`),
  ];
  for (const p of list) {
    parts.push('', rule, `${p.name} ${p.version}`, `License: ${p.license}`, rule, '');
    if (p.texts.length === 0) { parts.push(`(The package ships no license file; its package.json names the license ${p.license}.)`); }
    for (const t of p.texts) { parts.push(p.texts.length > 1 ? `[${t.file}]\n${t.text}\n` : t.text); }
  }
  return { text: `${parts.join('\n')}\n`, packages: list };
}
