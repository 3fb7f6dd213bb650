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
// dynalite 4.0 `validations/index.js` checkType (the Map and ParameterizedMap cases) and
// `db/index.js` mapPaths (nested maps of a projection): maps keyed by attribute names were built
// as `{}` with `newVal[key] = ...`, so an attribute named `__proto__` set the new object's
// prototype instead of an entry: at the top level of an item the request failed ("more than one
// datatypes set": the attribute value became the item's prototype and its S/N/... were seen as
// attributes), inside a map it vanished without a word. The patch builds those maps with
// Object.create(null), as dynalite already does elsewhere (deepClone, mapPaths' top level):
// `__proto__` is then an ordinary key.
//
// Usage: node scripts/patch-deps.mjs [--root DIR] [--check]
//   --root DIR  the project folder whose node_modules to patch (default: this repository)
//   --check     change nothing; exit 1 unless every patch is applied
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MARK = 'dynamodb-designer patch:';

/** Each patch: its edits of one file, every `upstream` text found exactly once and replaced by `patched`. */
export const patches = [
  {
    name: 'dynalite unique index keys',
    file: 'node_modules/dynalite/db/index.js',
    mark: `${MARK} unique index keys`,
    edits: [{
      upstream: [
        'function createIndexKey (item, table, keySchema) {',
        '  var tableKeyPieces = []',
        '  traverseKey(table, function (attr, type) { tableKeyPieces.push(item[attr][type], type) })',
        '  return createKey(item, table, keySchema) + hashPrefix.apply(this, tableKeyPieces)',
        '}',
      ].join('\n'),
      patched: [
        'function createIndexKey (item, table, keySchema) {',
        `  // ${MARK} unique index keys (the 6-digit hash alone collides; the table key after it makes the key unique)`,
        "  var tableKeyPieces = [], tableKeyStr = ''",
        '  traverseKey(table, function (attr, type) {',
        '    tableKeyPieces.push(item[attr][type], type)',
        "    tableKeyStr += '/' + toRangeStr(item[attr][type], type)",
        '  })',
        '  return createKey(item, table, keySchema) + hashPrefix.apply(this, tableKeyPieces) + tableKeyStr',
        '}',
      ].join('\n'),
    }],
  },
  {
    name: 'dynalite prototype-free maps in requests',
    file: 'node_modules/dynalite/validations/index.js',
    mark: `${MARK} prototype-free maps`,
    // The ParameterizedMap case, then the Map case: the same reduce, told apart by the line before it.
    edits: [
      "if (Array.isArray(val)) throw typeError('Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>')\n      }\n",
      "(~subtype.indexOf('.') ? subtype : 'com.amazonaws.dynamodb.v20120810.' + subtype) + '>')\n        }\n      }\n",
    ].map(before => ({
      upstream: [
        `${before}      return Object.keys(val).reduce(function (newVal, key) {`,
        '        newVal[key] = checkType(val[key], children)',
        '        return newVal',
        '      }, {})',
      ].join('\n'),
      patched: [
        `${before}      // ${MARK} prototype-free maps (a key named __proto__ is an entry, not the prototype)`,
        '      return Object.keys(val).reduce(function (newVal, key) {',
        '        newVal[key] = checkType(val[key], children)',
        '        return newVal',
        '      }, Object.create(null))',
      ].join('\n'),
    })),
  },
  {
    name: 'dynalite prototype-free maps in projections',
    file: 'node_modules/dynalite/db/index.js',
    mark: `${MARK} prototype-free projection maps`,
    edits: [{
      upstream: [
        '      else {',
        '        curItem.M = curItem.M || {}',
        '        if (j < paths[i].length - 1) {',
      ].join('\n'),
      patched: [
        '      else {',
        `        // ${MARK} prototype-free projection maps (a key named __proto__ is an entry, not the prototype)`,
        '        curItem.M = curItem.M || Object.create(null)',
        '        if (j < paths[i].length - 1) {',
      ].join('\n'),
    }],
  },
];

function count(text, part) {
  return text.split(part).length - 1;
}

/**
 * Applies every patch under `root`; returns one line per patch ('applied' or 'already applied').
 * Throws, naming the file, when a file is missing or its content is not the one expected; then
 * nothing is written (every patch is checked before any file changes).
 */
export function patchDeps(root = fileURLToPath(new URL('..', import.meta.url)), { check = false } = {}) {
  const lines = [];
  /** Per file: its text with the patches so far, and whether one of them changed it. */
  const files = new Map();
  for (const patch of patches) {
    const path = join(root, patch.file);
    if (!files.has(path)) {
      let text;
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        throw new Error(`patch-deps: ${patch.name}: cannot read ${path} (${error.code ?? error.message})`);
      }
      // Files checked out with CRLF line ends compare as LF.
      files.set(path, { text: text.replace(/\r\n/g, '\n'), changed: false });
    }
    const file = files.get(path);
    const lf = file.text;
    if (patch.edits.every(e => count(lf, e.patched) === 1 && count(lf, e.upstream) === 0)) {
      lines.push(`${patch.name}: already applied`);
      continue;
    }
    if (patch.edits.some(e => count(lf, e.upstream) !== 1) || lf.includes(patch.mark)) {
      throw new Error(`patch-deps: ${patch.name}: ${path} is not the expected version (the dependency changed?): `
        + 'check whether the fix is upstream, then update or drop the patch in scripts/patch-deps.mjs');
    }
    if (check) { throw new Error(`patch-deps: ${patch.name}: not applied to ${path} (run npm install or node scripts/patch-deps.mjs)`); }
    file.text = patch.edits.reduce((t, e) => t.replace(e.upstream, () => e.patched), lf);
    file.changed = true;
    lines.push(`${patch.name}: applied`);
  }
  for (const [path, file] of files) { if (file.changed) { writeFileSync(path, file.text); } }
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
