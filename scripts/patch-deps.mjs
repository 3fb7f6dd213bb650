// Patches applied to installed dependencies (run by scripts/build.mjs before bundling and by
// scripts/compile.mjs before the tests, so also after `npm ci`; no install script: the npm package's
// consumers would be asked to approve it). Idempotent: a file already patched is left alone; a
// file whose content is neither the expected upstream text nor the patched text fails the build
// loudly, so an upgrade of the dependency is looked at instead of shipping silently without the fix.
//
// dynalite 4.0 `db/index.js` createIndexKey: the key of an item in a secondary index was the index
// key followed by 6 hex digits (24 bits) of an MD5 of the table key, so two items with the same
// index key values collide with a probability of 1 in 16.7 million per pair (with 5,000 items under
// one GSI key, about 0.7 collisions expected) and the later write replaces the earlier one: an item
// vanishes from the index. The patch appends the table key itself (its range encoding, as dynalite
// writes it in table keys, '/'-separated) after those 6 digits: index keys become unique, and the
// order and range bounds of queries stay as before (every appended character sorts below '~', the
// bound dynalite's query ranges end with, and above the '/' that ends the index key part).
//
// Usage: node scripts/patch-deps.mjs [--root DIR] [--check]
//   --root DIR  the project folder whose node_modules to patch (default: this repository)
//   --check     change nothing; exit 1 unless every patch is applied
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PATCH_MARK = 'dynamodb-designer patch: unique index keys';

export const patches = [
  {
    name: 'dynalite unique index keys',
    file: 'node_modules/dynalite/db/index.js',
    upstream: [
      'function createIndexKey (item, table, keySchema) {',
      '  var tableKeyPieces = []',
      '  traverseKey(table, function (attr, type) { tableKeyPieces.push(item[attr][type], type) })',
      '  return createKey(item, table, keySchema) + hashPrefix.apply(this, tableKeyPieces)',
      '}',
    ].join('\n'),
    patched: [
      'function createIndexKey (item, table, keySchema) {',
      `  // ${PATCH_MARK} (the 6-digit hash alone collides; the table key after it makes the key unique)`,
      "  var tableKeyPieces = [], tableKeyStr = ''",
      '  traverseKey(table, function (attr, type) {',
      '    tableKeyPieces.push(item[attr][type], type)',
      "    tableKeyStr += '/' + toRangeStr(item[attr][type], type)",
      '  })',
      '  return createKey(item, table, keySchema) + hashPrefix.apply(this, tableKeyPieces) + tableKeyStr',
      '}',
    ].join('\n'),
  },
];

function count(text, part) {
  return text.split(part).length - 1;
}

/**
 * Applies every patch under `root`; returns one line per patch ('applied' or 'already applied').
 * Throws, naming the file, when a file is missing or its content is not the one expected.
 */
export function patchDeps(root = fileURLToPath(new URL('..', import.meta.url)), { check = false } = {}) {
  const lines = [];
  for (const patch of patches) {
    const path = join(root, patch.file);
    let text;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new Error(`patch-deps: ${patch.name}: cannot read ${path} (${error.code ?? error.message})`);
    }
    // Files checked out with CRLF line ends compare as LF.
    const lf = text.replace(/\r\n/g, '\n');
    if (count(lf, patch.patched) === 1 && count(lf, patch.upstream) === 0) {
      lines.push(`${patch.name}: already applied`);
      continue;
    }
    if (count(lf, patch.upstream) !== 1 || lf.includes(PATCH_MARK)) {
      throw new Error(`patch-deps: ${patch.name}: ${path} is not the expected version (the dependency changed?): `
        + 'check whether the fix is upstream, then update or drop the patch in scripts/patch-deps.mjs');
    }
    if (check) { throw new Error(`patch-deps: ${patch.name}: not applied to ${path} (run npm install or node scripts/patch-deps.mjs)`); }
    writeFileSync(path, lf.replace(patch.upstream, patch.patched));
    lines.push(`${patch.name}: applied`);
  }
  return lines;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rootIndex = process.argv.indexOf('--root');
  const root = rootIndex >= 0 ? process.argv[rootIndex + 1] : undefined;
  try {
    for (const line of patchDeps(root, { check: process.argv.includes('--check') })) { console.log(`patch-deps: ${line}`); }
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
