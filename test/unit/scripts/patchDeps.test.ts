/** scripts/patch-deps.mjs (run by scripts/build.mjs and scripts/compile.mjs): applies once, is idempotent, refuses a changed upstream file. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { repoRoot } from '../../support/paths';

const SCRIPT = join(repoRoot(), 'scripts/patch-deps.mjs');

interface Patch { name: string; file: string; mark: string; edits: { upstream: string; patched: string }[] }

function run(root: string, ...args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [SCRIPT, '--root', root, ...args], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe('scripts/patch-deps.mjs', () => {
  let dir: string;
  let patches: Patch[];
  /** Per patched file: the installed (patched) text and the upstream text (every patch undone). */
  const patched = new Map<string, string>();
  const upstream = new Map<string, string>();
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  const writeUpstream = () => { for (const [file, text] of upstream) { writeFileSync(join(dir, file), text); } };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ddd-patch-'));
    ({ patches } = await import(SCRIPT) as { patches: Patch[] });
    assert.deepEqual(patches.map(p => p.name), ['dynalite unique index keys', 'dynalite prototype-free maps in requests', 'dynalite prototype-free maps in projections']);
    for (const patch of patches) {
      // The installed file is patched (compile.mjs and build.mjs run the script); the upstream text is it with the patches undone.
      const text = patched.get(patch.file) ?? readFileSync(join(repoRoot(), patch.file), 'utf8');
      patched.set(patch.file, text);
      let undone = upstream.get(patch.file) ?? text;
      for (const edit of patch.edits) {
        assert.equal(undone.split(edit.patched).length, 2, `the installed ${patch.file} holds ${patch.name} once`);
        undone = undone.replace(edit.patched, () => edit.upstream);
      }
      upstream.set(patch.file, undone);
      mkdirSync(dirname(join(dir, patch.file)), { recursive: true });
    }
    for (const [file, text] of upstream) { assert.notEqual(text, patched.get(file), file); }
  });
  after(() => { rmSync(dir, { recursive: true, force: true }); });
  beforeEach(writeUpstream);

  it('the installed dynalite passes --check', () => {
    const r = run(repoRoot(), '--check');
    assert.equal(r.status, 0, r.out);
    for (const patch of patches) { assert.match(r.out, new RegExp(`${patch.name}: already applied`)); }
  });

  it('patches the upstream files once; a second run changes nothing', () => {
    assert.equal(run(dir, '--check').status, 1);
    const first = run(dir);
    assert.equal(first.status, 0, first.out);
    for (const patch of patches) { assert.match(first.out, new RegExp(`${patch.name}: applied`)); }
    for (const [file, text] of patched) { assert.equal(read(file), text, file); }
    const second = run(dir);
    assert.equal(second.status, 0, second.out);
    assert.doesNotMatch(second.out, /: applied/);
    for (const [file, text] of patched) { assert.equal(read(file), text, file); }
  });

  it('the prototype-free maps patch builds every attribute-name map of a request with Object.create(null)', () => {
    assert.equal(run(dir).status, 0);
    const validations = read('node_modules/dynalite/validations/index.js');
    assert.equal(validations.split('}, Object.create(null))').length - 1, 2, 'the Map and ParameterizedMap cases');
    assert.doesNotMatch(validations, /reduce\(function \(newVal, key\) \{\n\s+newVal\[key\] = checkType\(val\[key\], children\)\n\s+return newVal\n\s+\}, \{\}\)/);
    assert.match(read('node_modules/dynalite/db/index.js'), /curItem\.M = curItem\.M \|\| Object\.create\(null\)/);
  });

  it('fails loudly, changing nothing, when dynalite changed the code a patch replaces (each patch, each edit)', () => {
    for (const patch of patches) {
      patch.edits.forEach((edit, n) => {
        writeUpstream();
        const text = upstream.get(patch.file)!;
        const changed = text.replace(edit.upstream, () => edit.upstream.replace('\n', '\n  // changed upstream\n'));
        assert.notEqual(changed, text);
        writeFileSync(join(dir, patch.file), changed);
        const r = run(dir);
        assert.equal(r.status, 1, `${patch.name}, edit ${n}: ${r.out}`);
        assert.match(r.out, new RegExp(`${patch.name}: .* is not the expected version \\(the dependency changed\\?\\)`));
        assert.equal(read(patch.file), changed);
      });
    }
  });

  it('fails on a half-applied patch (one edit of two in, the other not)', () => {
    const patch = patches.find(p => p.edits.length > 1)!;
    const half = upstream.get(patch.file)!.replace(patch.edits[0]!.upstream, () => patch.edits[0]!.patched);
    writeFileSync(join(dir, patch.file), half);
    const r = run(dir);
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, /is not the expected version/);
    assert.equal(read(patch.file), half);
  });

  it('fails when a file is missing', () => {
    rmSync(join(dir, 'node_modules/dynalite/validations/index.js'));
    const r = run(dir);
    assert.equal(r.status, 1);
    assert.match(r.out, /prototype-free maps in requests: cannot read .*validations\/index\.js \(ENOENT\)/);
  });
});
