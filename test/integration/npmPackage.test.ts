/**
 * The npm package of the CLI (issue 16): `npm pack` (its prepack builds dist/cli.js), the tarball
 * holds only what the CLI needs, it installs into an empty folder offline with an empty npm cache
 * (nothing to download: every dependency is bundled), and the installed `dynamodb-designer` says
 * its version and validates the examples. Its ThirdPartyNotices.txt names every package bundled
 * into dist/cli.js (esbuild's metafile, dist/meta/cli.json) with the license files it ships.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { repoRoot } from '../support/paths';

const root = repoRoot();
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 300_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The package folder of a bundled input (after its last node_modules/, with its scope). */
function packageDir(input: string): string | undefined {
  const path = input.replace(/\\/g, '/');
  const at = path.lastIndexOf('node_modules/');
  if (at < 0) { return undefined; }
  const parts = path.slice(at + 'node_modules/'.length).split('/');
  return path.slice(0, at) + 'node_modules/' + (parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]);
}

describe('npm package of the CLI', () => {
  let dir: string;
  let tarball: string;
  let consumer: string;
  // An empty cache and --offline: the install cannot fetch anything.
  const npmEnv = (): NodeJS.ProcessEnv => ({ npm_config_cache: join(dir, 'cache'), npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' });

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ddd-npm-'));
    const packed = run('npm', ['pack', '--pack-destination', dir], root);
    assert.equal(packed.status, 0, packed.stderr);
    const names = readdirSync(dir).filter(f => f.endsWith('.tgz'));
    assert.deepEqual(names, [`${manifest.name}-${manifest.version}.tgz`]);
    tarball = join(dir, names[0]!);
    consumer = join(dir, 'consumer');
    mkdirSync(consumer);
  });
  after(() => { if (dir) { rmSync(dir, { recursive: true, force: true }); } });

  it('holds only the CLI bundle (with the HCL parser\'s wasm), its notices, the changelog, README, LICENSE and package.json', () => {
    const listed = run('tar', ['-tzf', tarball], dir);
    assert.equal(listed.status, 0, listed.stderr);
    assert.deepEqual(listed.stdout.trim().split('\n').sort(), [
      'package/CHANGELOG.md', 'package/LICENSE', 'package/README.md', 'package/ThirdPartyNotices.txt', 'package/dist/cli.js',
      'package/dist/tree-sitter-hcl.wasm', 'package/dist/tree-sitter.wasm', 'package/package.json',
    ]);
  });

  it('installs into an empty folder offline with an empty cache, with no dependency and nothing to run', () => {
    const installed = run('npm', ['install', tarball], consumer, npmEnv());
    assert.equal(installed.status, 0, installed.stderr);
    assert.doesNotMatch(installed.stderr, /install-scripts|deprecated/);
    assert.deepEqual(readdirSync(join(consumer, 'node_modules')).filter(n => !n.startsWith('.')), ['dynamodb-designer']);
    const pkg = JSON.parse(readFileSync(join(consumer, 'node_modules/dynamodb-designer/package.json'), 'utf8')) as { dependencies?: object; private?: boolean };
    assert.equal(pkg.dependencies, undefined);
    assert.notEqual(pkg.private, true);
  });

  it('npx dynamodb-designer --version prints the package version', () => {
    const r = run('npx', ['--offline', 'dynamodb-designer', '--version'], consumer, npmEnv());
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), manifest.version);
  });

  it('npx dynamodb-designer validate passes the examples and fails a broken config with its finding', () => {
    const examples = ['genesys.toml', 'planton.yaml', 'component.yaml', 'terraform.tf'].map(f => join(root, 'examples', f));
    const clean = run('npx', ['--offline', 'dynamodb-designer', 'validate', ...examples], consumer, npmEnv());
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);
    const broken = join(dir, 'broken.toml');
    writeFileSync(broken, '[[resources.dynamodb]]\nname = "orders"\nhash_key_name = "id"\nhash_key_type = "X"\n');
    const bad = run('npx', ['--offline', 'dynamodb-designer', 'validate', broken], consumer, npmEnv());
    assert.equal(bad.status, 1, bad.stdout + bad.stderr);
    assert.match(bad.stdout, /broken\.toml:\d+:\d+ error /);
  });

  it('ships notices naming every package bundled into the CLI with the license files it ships', () => {
    const notices = readFileSync(join(consumer, 'node_modules/dynamodb-designer/ThirdPartyNotices.txt'), 'utf8');
    assert.match(notices, /^DynamoDB Designer CLI/);
    const metafile = JSON.parse(readFileSync(join(root, 'dist/meta/cli.json'), 'utf8')) as { inputs: Record<string, unknown> };
    const dirs = new Set(Object.keys(metafile.inputs).map(packageDir).filter((d): d is string => d !== undefined));
    assert.ok(dirs.size >= 10, `${dirs.size} bundled packages`);
    for (const d of dirs) {
      const pkg = JSON.parse(readFileSync(join(root, d, 'package.json'), 'utf8')) as { name: string; version: string; license?: string };
      assert.ok(notices.includes(`\n${pkg.name} ${pkg.version}\nLicense: ${pkg.license}\n`), `${pkg.name} ${pkg.version} is listed`);
      const files = readdirSync(join(root, d)).filter(f => /^(licen[cs]e|copying|notice)([-._].*)?$/i.test(f) && statSync(join(root, d, f)).isFile());
      for (const f of files) {
        const text = readFileSync(join(root, d, f), 'utf8').replace(/\r\n/g, '\n').trim();
        assert.ok(notices.includes(text), `${pkg.name}'s ${f} is in the notices`);
      }
    }
  });
});
