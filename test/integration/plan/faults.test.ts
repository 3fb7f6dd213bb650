/**
 * The CLI against hostile endpoints (test/support/hostile.ts, real HTTP servers on 127.0.0.1):
 * one that never answers (a bounded wait, one line, exit 1), one that echoes the request headers
 * in its error (no session token, signature or secret printed, text or JSON), a failing
 * credential_process that prints the token (not printed either), and endpoints that are not
 * DynamoDB at all (404 with an empty body, 200 with HTML: said so in one line).
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ClientFactory } from '../../../src/dynamo/clients';
import type { Connection } from '../../../src/dynamo/connections';
import { listAllTables } from '../../../src/dynamo/tables';
import { runCli, type CliRun } from '../../support/cli';
import { startHostile, type HostileServer } from '../../support/hostile';
import { repoRoot } from '../../support/paths';

/** A session token and a secret key that match no redaction pattern: only knowing them removes them. */
const SESSION_TOKEN = 'session-token-of-the-fault-test-0123456789';
const SECRET_KEY = 'secret-key-of-the-fault-test-9876543210';
/** A token shaped like STS's, known to nobody but the credential process. */
const STS_SHAPED_TOKEN = 'IQoJb3JpZ2luX2VjEHAaCXVzLWVhc3QtMSJHMEUCIQD' + Buffer.from('a session token known only to the credential process, 0123456789').toString('base64');
const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIDFAULTTEST', AWS_SECRET_ACCESS_KEY: SECRET_KEY, AWS_SESSION_TOKEN: SESSION_TOKEN };

function oneLine(run: CliRun): string {
  const lines = run.err.trim().split('\n');
  assert.equal(lines.length, 1, `expected one line on stderr, got:\n${run.err}`);
  return lines[0];
}

function assertNoSecret(run: CliRun, ...secrets: string[]): void {
  const printed = run.out + run.err;
  for (const secret of secrets) { assert.ok(!printed.includes(secret), `printed ${secret}:\n${printed}`); }
  assert.doesNotMatch(printed, /x-amz-security-token\\?"\s*:\s*\\?"(?!\[redacted\])/i, printed);
  assert.doesNotMatch(printed, /authorization\\?"\s*:\s*\\?"(?!\[redacted\])/i, printed);
}

describe('CLI against hostile endpoints', () => {
  const servers: HostileServer[] = [];
  let dir: string;
  let config: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ddd-faults-'));
    config = join(dir, 'genesys.toml');
    writeFileSync(config, readFileSync(join(repoRoot(), 'examples/genesys.toml')));
  });
  after(async () => {
    await Promise.all(servers.map(s => s.stop()));
    if (dir) { rmSync(dir, { recursive: true, force: true }); }
  });
  async function server(kind: Parameters<typeof startHostile>[0]): Promise<HostileServer> {
    const s = await startHostile(kind);
    servers.push(s);
    return s;
  }

  it('a server that never answers: --timeout bounds the wait, one line names the endpoint and the timeout, exit 1, no retry', { timeout: 60000 }, async () => {
    const silent = await server('silent');
    for (const args of [['preview'], ['apply', '--yes'], ['delete', '--yes']]) {
      const before = silent.requests;
      const run = await runCli([...args, config, '--table', 'carts', '--endpoint', silent.endpoint, '--timeout', '0.5']);
      assert.equal(run.code, 1, run.err);
      assert.equal(oneLine(run), `dynamodb-designer ${args[0]}: No answer from ${silent.endpoint} within 500 ms: it accepted the connection but did not respond. Pass --timeout SECONDS to wait longer.`);
      assert.equal(silent.requests - before, 1, 'a request that timed out is not sent again');
    }
  });

  it("the extension's clients give up after their request timeout too (the SDK only warned), without retrying", { timeout: 60000 }, async () => {
    const silent = await server('silent');
    const factory = new ClientFactory({ extensionName: 'test', extensionVersion: '0', requestTimeoutMs: 400 });
    const connection: Connection = { kind: 'endpoint', id: 'silent', label: 'silent', url: silent.endpoint, region: 'us-east-1', regions: ['us-east-1'] };
    try {
      const before = silent.requests;
      await assert.rejects(listAllTables(await factory.client(connection)),
        { message: `No answer from ${silent.endpoint} within 400 ms: it accepted the connection but did not respond.` });
      assert.equal(silent.requests - before, 1);
    } finally {
      factory.dispose();
    }
  });

  it('--timeout is in --help and README, and must be a positive number', async () => {
    for (const command of ['preview', 'apply', 'delete']) {
      const help = await runCli([command, '--help']);
      assert.match(help.out, /--timeout SECONDS\s+how long to wait for the server to answer a request \(default 60\)/);
    }
    assert.match(readFileSync(join(repoRoot(), 'README.md'), 'utf8'), /`--timeout SECONDS`/);
    const bad = await runCli(['preview', config, '--timeout', '0']);
    assert.equal(bad.code, 1);
    assert.equal(oneLine(bad), 'dynamodb-designer preview: --timeout must be a number of seconds greater than 0, not "0"');
  });

  it('a server echoing the request headers: preview, apply and delete print no session token, signature or secret (text and JSON)', async () => {
    const echo = await server('echo-headers');
    for (const args of [['preview'], ['apply', '--yes'], ['delete', '--yes']]) {
      for (const format of ['text', 'json']) {
        const run = await runCli([...args, config, '--endpoint', echo.endpoint, '--format', format], CREDENTIALS);
        assert.equal(run.code, 1, run.err);
        assert.match(run.err, /headers: .*"x-amz-security-token":"\[redacted\]".*"authorization":"\[redacted\]"/);
        assertNoSecret(run, SESSION_TOKEN, SECRET_KEY);
      }
    }
  });

  it('a failing credential_process that prints the token and the secret: neither is printed', async () => {
    const echo = await server('echo-headers');
    const script = join(dir, 'credentials.js');
    writeFileSync(script, `process.stderr.write('refresh failed: token=' + process.env.AWS_SESSION_TOKEN + ' secret ' + process.env.AWS_SECRET_ACCESS_KEY + ' new token ${STS_SHAPED_TOKEN}\\n'); process.exit(1);\n`);
    const awsConfig = join(dir, 'aws-config');
    writeFileSync(awsConfig, `[profile broken]\ncredential_process = ${JSON.stringify(process.execPath)} ${JSON.stringify(script)}\n`);
    const env = { ...CREDENTIALS, AWS_CONFIG_FILE: awsConfig, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none') };
    for (const args of [['preview'], ['apply', '--yes'], ['delete', '--yes']]) {
      const run = await runCli([...args, config, '--endpoint', echo.endpoint, '--profile', 'broken'], env);
      assert.equal(run.code, 1, run.err);
      assert.match(oneLine(run), new RegExp(`^dynamodb-designer ${args[0]}: No usable AWS credentials for profile "broken" .*refresh failed`));
      assertNoSecret(run, SESSION_TOKEN, SECRET_KEY, STS_SHAPED_TOKEN, STS_SHAPED_TOKEN.slice(20, 60));
    }
  });

  it('endpoints that are not DynamoDB: what answered, in one line', async () => {
    const empty = await server('empty-404');
    const html = await server('html-200');
    for (const [s, answer] of [[empty, 'HTTP 404 with an empty body'], [html, 'HTTP 200 with text/html']] as const) {
      for (const args of [['preview'], ['apply', '--yes'], ['delete', '--yes']]) {
        const run = await runCli([...args, config, '--endpoint', s.endpoint]);
        assert.equal(run.code, 1, run.err);
        assert.equal(oneLine(run), `dynamodb-designer ${args[0]}: ${s.endpoint} answered ${answer}: that is not DynamoDB. Check the endpoint.`);
      }
    }
  });
});
