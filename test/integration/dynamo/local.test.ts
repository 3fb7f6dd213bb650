import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CreateTableCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ClientFactory } from '../../../src/dynamo/clients';
import { buildConnections } from '../../../src/dynamo/connections';
import { LocalDynamo, LocalStatus } from '../../../src/dynamo/local';
import { describeTable, listAllTables } from '../../../src/dynamo/tables';
import { repoRoot } from '../../support/paths';

const ENTRY = join(repoRoot(), 'out/src/dynamo/dynaliteMain.js');

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

describe('embedded local DynamoDB (LocalDynamo)', () => {
  const dirs: string[] = [];
  const servers: LocalDynamo[] = [];
  function make(entryScript = ENTRY, dataDir = mkdtempSync(join(tmpdir(), 'ddd-local-'))): LocalDynamo {
    dirs.push(dataDir);
    const local = new LocalDynamo({ entryScript, dataDir, stopTimeoutMs: 3000 });
    servers.push(local);
    return local;
  }
  after(async () => {
    await Promise.all(servers.map(s => s.stop()));
    dirs.forEach(d => rmSync(d, { recursive: true, force: true }));
  });

  it('starts once for concurrent callers, on 127.0.0.1, reporting starting then running', async () => {
    const local = make();
    const seen: LocalStatus['state'][] = [];
    local.onStatus(s => seen.push(s.state));
    const [a, b, c] = await Promise.all([local.start(), local.start(), local.ensureStarted()]);
    assert.equal(a, b);
    assert.equal(b, c);
    assert.match(a, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(local.endpoint, a);
    assert.deepEqual(seen, ['starting', 'running']);
    assert.ok(local.pid && alive(local.pid));
    await local.stop();
  });

  it('restarts with its data intact and stops its child by PID', async () => {
    const local = make();
    const connection = buildConnections({}, {}, []).connections.find(c => c.kind === 'local')!;
    const factory = new ClientFactory({ extensionName: 'test', extensionVersion: '0', localEndpoint: s => local.ensureStarted(s) });
    const client = await factory.client(connection);
    await client.send(new CreateTableCommand({
      TableName: 'kept', BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    }));
    await client.send(new PutItemCommand({ TableName: 'kept', Item: { id: { S: 'a' }, n: { N: '12345678901234567890123456789012345678' } } }));
    const pid = local.pid!;
    factory.dispose();
    await local.stop();
    assert.equal(local.status.state, 'stopped');
    assert.equal(local.endpoint, undefined);
    assert.equal(alive(pid), false, 'the child process is gone');

    const again = new ClientFactory({ extensionName: 'test', extensionVersion: '0', localEndpoint: s => local.ensureStarted(s) });
    const client2 = await again.client(connection);
    assert.notEqual(local.pid, pid);
    assert.deepEqual(await listAllTables(client2), ['kept']);
    const item = await client2.send(new GetItemCommand({ TableName: 'kept', Key: { id: { S: 'a' } } }));
    assert.deepEqual(item.Item?.n, { N: '12345678901234567890123456789012345678' });
    assert.equal((await describeTable(client2, 'kept')).status, 'ACTIVE');
    again.dispose();
    await local.stop();
  });

  it('reports a crash as failed and starts again on the next use', async () => {
    const local = make();
    await local.start();
    const states: LocalStatus[] = [];
    local.onStatus(s => states.push(s));
    const exited = new Promise<void>(resolve => local.onStatus(s => { if (s.state === 'failed') { resolve(); } }));
    process.kill(local.pid!, 'SIGKILL');
    await exited;
    assert.equal(states[0].state, 'failed');
    assert.match(states[0].state === 'failed' ? states[0].message : '', /exited unexpectedly \(SIGKILL\)/);
    const endpoint = await local.start();
    assert.match(endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(local.status.state, 'running');
    await local.stop();
  });

  it('a start that fails reports failed with the stderr tail, and the client factory does not cache it', async () => {
    const local = make(join(repoRoot(), 'out/src/dynamo/no-such-entry.js'));
    await assert.rejects(local.start(), (e: Error) => /embedded local DynamoDB: exited during start/.test(e.message) && /Cannot find module/.test(e.message));
    const status = local.status;
    assert.equal(status.state, 'failed');
    assert.match(status.state === 'failed' ? status.stderrTail : '', /Cannot find module/);
    const connection = buildConnections({}, {}, []).connections.find(c => c.kind === 'local')!;
    const factory = new ClientFactory({ extensionName: 'test', extensionVersion: '0', localEndpoint: s => local.ensureStarted(s) });
    await assert.rejects(factory.client(connection));
    await assert.rejects(factory.client(connection), 'tried again, not a cached failure');
    factory.dispose();
  });

  it('a data folder held by another running server fails the second start with a clear message', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ddd-local-'));
    const first = make(ENTRY, dataDir);
    await first.start();
    const second = make(ENTRY, dataDir);
    await assert.rejects(second.start(), (e: Error) => /in use by another embedded server/.test(e.message));
    assert.equal(second.status.state, 'failed');
    await first.stop();
    assert.match(await second.start(), /^http:\/\/127\.0\.0\.1:\d+$/, 'free again once the first stopped');
    await second.stop();
  });

  it('stop() while stopped is harmless and an aborted wait does not cancel the shared start', async () => {
    const local = make();
    await local.stop();
    assert.equal(local.status.state, 'stopped');
    const controller = new AbortController();
    const waiting = local.start(controller.signal);
    controller.abort();
    await assert.rejects(waiting, (e: Error) => e.name === 'AbortError');
    const endpoint = await local.start();
    assert.match(endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    await local.stop();
  });
});
