/**
 * The activation entry (dist/extension.js) registers stand-ins and loads the language service and
 * the AWS code on demand: bundling it with esbuild, as the build does, must pull in no parser, no
 * schema validator and no SDK. A stray import (a helper taken from parse.ts instead of a small
 * module) silently put yaml and the TOML parser back into every activation.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { repoRoot } from '../../support/paths';

describe('lint: the activation entry stays lean', () => {
  it('bundles src/extension.ts without yaml, the TOML parser, ajv, the validators or the AWS SDK', async () => {
    const root = repoRoot();
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: [join(root, 'src', 'extension.ts')],
      bundle: true, platform: 'node', format: 'cjs', external: ['vscode'], write: false, metafile: true, logLevel: 'silent',
      // Measured as the VSIX ships it (build.mjs --production minifies).
      minify: true,
    });
    const inputs = Object.keys(result.metafile.inputs);
    assert.ok(inputs.some(i => i.endsWith('src/extension.ts')), 'the entry itself is bundled');
    const heavy = inputs.filter(i => /node_modules\/(yaml|toml-eslint-parser|ajv|@aws-sdk|@smithy)\//.test(i) || /src\/language\/(parse|schema|service|validators)/.test(i));
    assert.deepEqual(heavy, [], 'modules the entry must load lazily');
    const bytes = result.outputFiles[0].contents.byteLength;
    assert.ok(bytes < 64 * 1024, `the minified entry bundle is ${bytes} bytes`);
  });
});
