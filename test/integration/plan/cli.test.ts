import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../support/cli';
import { repoRoot } from '../../support/paths';
import { LocalServer, startDynalite, startDynamoDbLocal } from '../../support/servers';

const cli = (args: readonly string[]) => runCli(args);

describe('CLI end to end against DynamoDB Local', () => {
  let server: LocalServer;
  let dir: string;
  let planton: string;
  let genesys: string;
  before(async () => {
    server = await startDynamoDbLocal();
    dir = mkdtempSync(join(tmpdir(), 'ddd-cli-'));
    planton = join(dir, 'planton.yaml');
    genesys = join(dir, 'genesys.toml');
    writeFileSync(planton, readFileSync(join(repoRoot(), 'examples/planton.yaml')));
    writeFileSync(genesys, readFileSync(join(repoRoot(), 'examples/genesys.toml')));
  });
  after(async () => {
    await server?.stop();
    if (dir) { rmSync(dir, { recursive: true, force: true }); }
  });

  it('validate, preview (2), apply --yes, preview (0), delete --yes, preview (2)', async () => {
    const ep = ['--endpoint', server.endpoint];
    const validate = await cli(['validate', planton]);
    assert.equal(validate.code, 0, validate.err + validate.out);

    const before = await cli(['preview', planton, ...ep]);
    assert.equal(before.code, 2, before.err);
    assert.match(before.out, /Table library-loans: will be created/);
    assert.match(before.out, /GSI by-isbn: \(none\) -> keys isbn \(S, HASH\); projection KEYS_ONLY/);

    const applied = await cli(['apply', planton, ...ep, '--yes']);
    assert.equal(applied.code, 0, applied.err);
    assert.match(applied.out, /\[1\/3\] Create table library-loans: done/);
    assert.match(applied.out, /Enable point-in-time recovery: unsupported/);
    assert.match(applied.out, /^Partly applied: table library-loans, 2 of 3 step\(s\) applied\. Not supported by this server: Enable point-in-time recovery\./m);

    const after = await cli(['preview', planton, ...ep, '--format', 'json']);
    assert.equal(after.code, 0, after.err);
    const json = JSON.parse(after.out) as { changes: boolean; tables: { table: string; kind: string; unknown: { field: string }[] }[] };
    assert.equal(json.changes, false);
    assert.deepEqual(json.tables.map(t => [t.table, t.kind]), [['library-loans', 'none']]);
    assert.ok(json.tables[0].unknown.some(u => u.field === 'point-in-time recovery'));

    const deleted = await cli(['delete', planton, ...ep, '--yes']);
    assert.equal(deleted.code, 0, deleted.err);
    assert.match(deleted.out, /Deleting table library-loans deletes no items \(counted now\)/);
    assert.match(deleted.out, /Table library-loans deleted\./);
    const gone = await cli(['preview', planton, ...ep]);
    assert.equal(gone.code, 2, gone.err);
  });

  it('apply and delete refuse without --yes when stdin is not a terminal', async () => {
    const apply = await cli(['apply', planton, '--endpoint', server.endpoint]);
    assert.equal(apply.code, 1);
    assert.equal(apply.err.trim(), 'dynamodb-designer apply: refusing to apply without --yes: stdin is not a terminal, so there is no one to confirm');
    const del = await cli(['delete', planton, '--endpoint', server.endpoint]);
    assert.equal(del.code, 1);
    assert.match(del.err, /refusing to delete without --yes/);
  });

  it('the component documentation example (with a byte-order mark, billingMode ON_DEMAND) applies as PAY_PER_REQUEST, then previews as no change', async () => {
    const doc = join(dir, 'user-sessions.yaml');
    writeFileSync(doc, '\uFEFF' + readFileSync(join(repoRoot(), 'test/fixtures/component-doc/main-example.yaml'), 'utf8'));
    const ep = ['--endpoint', server.endpoint];
    const validate = await cli(['validate', '--no-advice', doc]);
    assert.equal(validate.code, 0, validate.err + validate.out);
    assert.equal(validate.out, '');
    const before = await cli(['preview', doc, ...ep]);
    assert.equal(before.code, 2, before.err);
    assert.match(before.out, /Table UserSessions: will be created/);
    assert.match(before.out, /billing mode: \(none\) -> PAY_PER_REQUEST/);
    const applied = await cli(['apply', doc, ...ep, '--yes']);
    assert.equal(applied.code, 0, applied.err + applied.out);
    const after = await cli(['preview', doc, ...ep, '--format', 'json']);
    assert.equal(after.code, 0, after.err + after.out);
    assert.deepEqual((JSON.parse(after.out) as { tables: { table: string; kind: string }[] }).tables.map(t => [t.table, t.kind]), [['UserSessions', 'none']]);
    const deleted = await cli(['delete', doc, ...ep, '--yes']);
    assert.equal(deleted.code, 0, deleted.err);
  });

  it('a config with validation errors is never applied', async () => {
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, readFileSync(planton, 'utf8').replace('BILLING_MODE_PROVISIONED', 'BILLING_MODE_SOMETIMES'));
    const run = await cli(['apply', broken, '--endpoint', server.endpoint, '--yes']);
    assert.equal(run.code, 1);
    assert.match(run.err, /broken\.yaml:\d+:\d+ error enum-value/);
    assert.match(run.err, /dynamodb-designer apply: .*broken\.yaml has 1 error\(s\)/);
    const preview = await cli(['preview', broken, '--endpoint', server.endpoint]);
    assert.equal(preview.code, 1);
  });

  it('deletion protection: delete exits 1 and says how to turn it off; one-line errors, no stack', async () => {
    const applied = await cli(['apply', genesys, '--endpoint', server.endpoint, '--table', 'invoices', '--yes']);
    assert.equal(applied.code, 0, applied.err);
    const del = await cli(['delete', genesys, '--endpoint', server.endpoint, '--table', 'invoices', '--yes']);
    assert.equal(del.code, 1);
    assert.match(del.err, /Table invoices has deletion protection on.*deletion_protection = false.*--no-deletion-protection-enabled/);
    assert.equal(del.err.trim().split('\n').length, 1);
    const unreachable = await cli(['preview', genesys, '--endpoint', 'http://127.0.0.1:9']);
    assert.equal(unreachable.code, 1);
    assert.equal(unreachable.err.trim().split('\n').length, 1, unreachable.err);
    assert.doesNotMatch(unreachable.err, /\n\s+at /);
    const badTable = await cli(['preview', genesys, '--endpoint', server.endpoint, '--table', 'nope']);
    assert.equal(badTable.code, 1);
    assert.match(badTable.err, /has no table "nope"; it has carts, invoices/);
  });
});

describe('CLI apply on the embedded server (dynalite): every example, twice', () => {
  let server: LocalServer;
  let dir: string;
  before(async () => {
    server = await startDynalite();
    dir = mkdtempSync(join(tmpdir(), 'ddd-cli-dynalite-'));
  });
  after(async () => {
    await server?.stop();
    if (dir) { rmSync(dir, { recursive: true, force: true }); }
  });

  for (const example of ['genesys.toml', 'planton.yaml', 'component.yaml']) {
    it(`${example}: both applies exit 0; the second sends nothing the server ignores and says "Partly applied"`, async () => {
      const file = join(dir, example);
      writeFileSync(file, readFileSync(join(repoRoot(), 'examples', example)));
      const ep = ['--endpoint', server.endpoint];
      const first = await cli(['apply', file, ...ep, '--yes']);
      assert.equal(first.code, 0, first.err + first.out);
      assert.match(first.out, /^(Fully|Partly) applied: table /m);
      const second = await cli(['apply', file, ...ep, '--yes', '--format', 'json']);
      assert.equal(second.code, 0, second.err + second.out);
      const json = JSON.parse(second.out) as { outcome?: string; tables: { message: string; outcome: string; steps: { status: string; title: string }[]; notApplied: unknown[] | null }[] };
      for (const t of json.tables) {
        assert.equal(t.outcome, 'done', t.message);
        assert.ok(t.steps.every(s => s.status !== 'failed'), t.message);
        assert.ok(Array.isArray(t.notApplied), t.message);
        assert.match(t.message, /^(Fully|Partly) applied: table /);
      }
      if (example === 'genesys.toml') {
        // invoices asks for a stream and deletion protection: ignored by dynalite, so not sent, and said so.
        const invoices = json.tables.find(t => t.message.includes('table invoices'));
        assert.ok(invoices, second.out);
        assert.match(invoices.message, /^Partly applied: table invoices, \d+ of \d+ step\(s\) applied\. Not applied by this server \(it ignores them\): Enable the stream \(NEW_AND_OLD_IMAGES\); Enable deletion protection\./);
        assert.deepEqual(invoices.steps.filter(s => s.status === 'ignored').map(s => s.title), ['Enable the stream (NEW_AND_OLD_IMAGES)', 'Enable deletion protection']);
        const text = await cli(['apply', file, ...ep, '--yes']);
        assert.equal(text.code, 0, text.err + text.out);
        assert.match(text.out, /\[\d\/\d\] Enable the stream \(NEW_AND_OLD_IMAGES\): ignored/);
        assert.match(text.out, /^Partly applied: table invoices/m);
        assert.equal(text.err, '');
      }
    });
  }
});
