/** scripts/patch-deps.mjs (run by scripts/build.mjs and scripts/compile.mjs): applies once, is idempotent, refuses a changed upstream file. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { repoRoot } from '../../support/paths';

const SCRIPT = join(repoRoot(), 'scripts/patch-deps.mjs');
const FILE = 'node_modules/dynalite/db/index.js';

function run(root: string, ...args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [SCRIPT, '--root', root, ...args], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe('scripts/patch-deps.mjs', () => {
  let dir: string;
  let patched: string;
  let upstream: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ddd-patch-'));
    mkdirSync(dirname(join(dir, FILE)), { recursive: true });
    // The installed file is patched (compile.mjs ran it); the upstream text is it with the patch undone.
    patched = readFileSync(join(repoRoot(), FILE), 'utf8');
    const { patches } = await import(SCRIPT) as { patches: { patched: string; upstream: string }[] };
    assert.equal(patches.length, 1);
    assert.ok(patched.includes(patches[0]!.patched), 'the installed dynalite is patched');
    upstream = patched.replace(patches[0]!.patched, patches[0]!.upstream);
    assert.notEqual(upstream, patched);
  });
  after(() => { rmSync(dir, { recursive: true, force: true }); });

  it('the installed dynalite passes --check', () => {
    const r = run(repoRoot(), '--check');
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /already applied/);
  });

  it('patches the upstream file once; a second run changes nothing', () => {
    writeFileSync(join(dir, FILE), upstream);
    assert.equal(run(dir, '--check').status, 1);
    const first = run(dir);
    assert.equal(first.status, 0, first.out);
    assert.match(first.out, /dynalite unique index keys: applied/);
    assert.equal(readFileSync(join(dir, FILE), 'utf8'), patched);
    const second = run(dir);
    assert.equal(second.status, 0, second.out);
    assert.match(second.out, /already applied/);
    assert.equal(readFileSync(join(dir, FILE), 'utf8'), patched);
  });

  it('fails loudly, changing nothing, when dynalite changed the code the patch replaces', () => {
    const changed = upstream.replace('hashPrefix.apply(this, tableKeyPieces)\n}', 'hashPrefix.apply(this, tableKeyPieces) + suffix\n}');
    assert.notEqual(changed, upstream);
    writeFileSync(join(dir, FILE), changed);
    const r = run(dir);
    assert.equal(r.status, 1);
    assert.match(r.out, /is not the expected version \(the dependency changed\?\)/);
    assert.equal(readFileSync(join(dir, FILE), 'utf8'), changed);
  });

  it('fails when the file is missing', () => {
    rmSync(join(dir, FILE));
    const r = run(dir);
    assert.equal(r.status, 1);
    assert.match(r.out, /cannot read .*index\.js \(ENOENT\)/);
  });
});
