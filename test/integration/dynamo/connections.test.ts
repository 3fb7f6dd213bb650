import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { ClientFactory } from '../../../src/dynamo/clients';
import { Connection, ProfileConnection, resolveConnections } from '../../../src/dynamo/connections';
import { DynamoError } from '../../../src/dynamo/errors';
import { listAllTables, listTables } from '../../../src/dynamo/tables';
import { LocalServer, startDynalite } from '../../support/servers';

const ENV_KEYS = ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE', 'HOME', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION'] as const;
// Fake keys shaped like AWS's documentation examples: not secrets, but they must never show in messages.
const FAKE_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const FAKE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('connections from a temporary AWS config and credentials file', () => {
  let server: LocalServer;
  let dir: string;
  const saved: Partial<Record<string, string | undefined>> = {};
  const factory = new ClientFactory({ extensionName: 'dynamodb-designer-test', extensionVersion: '0.0.0', maxAttempts: 2, connectionTimeoutMs: 1000 });

  before(async () => {
    server = await startDynalite();
    await server.client().send(new CreateTableCommand({
      TableName: 'through-profile', BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    }));
    dir = mkdtempSync(join(tmpdir(), 'ddd-aws-'));
    const processScript = join(dir, 'creds.js');
    writeFileSync(processScript, `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'proc', SecretAccessKey: 'proc' }));\n`);
    writeFileSync(join(dir, 'config'), [
      '[default]', 'region = eu-west-1', '',
      '[profile static-local]', 'region = eu-central-1', `endpoint_url = ${server.endpoint}`, '',
      '[profile assumer]', 'role_arn = arn:aws:iam::123456789012:role/Admin', 'source_profile = default', 'region = us-west-2', '',
      '[profile sso-new]', 'sso_session = corp', 'sso_account_id = 111122223333', 'sso_role_name = ReadOnly', 'region = ap-southeast-2', '',
      '[sso-session corp]', 'sso_start_url = https://corp.awsapps.com/start', 'sso_region = us-east-1', 'sso_registration_scopes = sso:account:access', '',
      '[profile sso-expired]', 'sso_session = old', 'sso_account_id = 111122223333', 'sso_role_name = ReadOnly', 'region = eu-north-1', '',
      '[sso-session old]', 'sso_start_url = https://old.awsapps.com/start', 'sso_region = us-east-1', '',
      '[profile proc]', `credential_process = ${process.execPath} ${processScript}`, 'region = ca-central-1', 'services = local-ddb', '',
      '[services local-ddb]', 'dynamodb =', `  endpoint_url = ${server.endpoint}`, '',
      '[profile bare]', 'output = json', '',
    ].join('\n'));
    writeFileSync(join(dir, 'credentials'), [
      '[default]', `aws_access_key_id = ${FAKE_KEY_ID}`, `aws_secret_access_key = ${FAKE_SECRET}`, '',
      '[static-local]', 'aws_access_key_id = local', 'aws_secret_access_key = local', '',
    ].join('\n'));
    // An expired token in the SSO cache of session "old" (file name: sha1 of the session name).
    mkdirSync(join(dir, '.aws/sso/cache'), { recursive: true });
    writeFileSync(join(dir, '.aws/sso/cache', `${createHash('sha1').update('old').digest('hex')}.json`), JSON.stringify({
      accessToken: 'expired-token', expiresAt: '2020-01-01T00:00:00Z', region: 'us-east-1', startUrl: 'https://old.awsapps.com/start',
    }));
    for (const key of ENV_KEYS) { saved[key] = process.env[key]; delete process.env[key]; }
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
    process.env.HOME = dir;
  });

  after(async () => {
    for (const key of ENV_KEYS) { if (saved[key] === undefined) { delete process.env[key]; } else { process.env[key] = saved[key]; } }
    factory.dispose();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function connections(settings: Parameters<typeof resolveConnections>[0] = { regions: ['us-east-1', 'eu-west-1'] }): Promise<Map<string, Connection>> {
    const resolved = await resolveConnections(settings, process.env);
    assert.deepEqual(resolved.problems, []);
    return new Map(resolved.connections.map(c => [c.id, c]));
  }

  it('finds every profile with its kind, region first, endpoint, and no secret', async () => {
    const all = await connections();
    assert.deepEqual([...all.keys()], [
      'profile:default', 'profile:assumer', 'profile:bare', 'profile:proc', 'profile:sso-expired', 'profile:sso-new', 'profile:static-local', 'local',
    ]);
    const p = (id: string) => all.get(id) as ProfileConnection;
    assert.deepEqual([p('profile:default').info?.kind, p('profile:default').regions], ['static', ['eu-west-1', 'us-east-1']]);
    assert.deepEqual([p('profile:static-local').info?.kind, p('profile:static-local').endpoint, p('profile:static-local').regions],
      ['static', server.endpoint, ['eu-central-1', 'us-east-1', 'eu-west-1']]);
    assert.deepEqual([p('profile:assumer').info?.kind, p('profile:assumer').info?.roleArn, p('profile:assumer').info?.sourceProfile, p('profile:assumer').regions[0]],
      ['role', 'arn:aws:iam::123456789012:role/Admin', 'default', 'us-west-2']);
    assert.deepEqual([p('profile:sso-new').info?.kind, p('profile:sso-new').info?.ssoSession, p('profile:sso-new').info?.ssoStartUrl, p('profile:sso-new').regions[0]],
      ['sso', 'corp', 'https://corp.awsapps.com/start', 'ap-southeast-2']);
    assert.deepEqual([p('profile:proc').info?.kind, p('profile:proc').info?.credentialProcess, p('profile:proc').endpoint, p('profile:proc').regions[0]],
      ['process', true, server.endpoint, 'ca-central-1']);
    assert.deepEqual([p('profile:bare').info?.kind, p('profile:bare').regions], ['unknown', ['us-east-1', 'eu-west-1']]);
    const text = JSON.stringify([...all.values()]);
    assert.ok(!text.includes(FAKE_KEY_ID) && !text.includes(FAKE_SECRET) && !text.includes('creds.js'), 'no key, secret or process command in connections');
  });

  it('adds the environment connection when AWS_ACCESS_KEY_ID is set, and honours AWS_REGION', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'local';
    process.env.AWS_SECRET_ACCESS_KEY = 'local';
    process.env.AWS_REGION = 'sa-east-1';
    try {
      const all = await connections();
      assert.deepEqual(all.get('env')?.regions, ['sa-east-1', 'us-east-1', 'eu-west-1']);
    } finally {
      delete process.env.AWS_ACCESS_KEY_ID; delete process.env.AWS_SECRET_ACCESS_KEY; delete process.env.AWS_REGION;
    }
  });

  it('lists tables through fromIni with a static-key profile whose endpoint_url is a local dynalite', async () => {
    const connection = (await connections()).get('profile:static-local')!;
    const client = await factory.client(connection);
    assert.equal(await client.config.region(), 'eu-central-1');
    assert.deepEqual(await listAllTables(client), ['through-profile']);
    assert.equal(await factory.client(connection), client, 'one cached client per (connection, region)');
    assert.notEqual(await factory.client(connection, 'us-east-1'), client);
  });

  it('lists tables with a credential_process profile and the services section endpoint', async () => {
    const connection = (await connections()).get('profile:proc')!;
    const client = await factory.client(connection);
    assert.deepEqual((await listTables(client)).names, ['through-profile']);
  });

  it('an SSO profile with no cached token names `aws sso login --profile NAME`', async () => {
    const connection = (await connections()).get('profile:sso-new')!;
    const client = await factory.client(connection);
    await assert.rejects(listTables(client), (e: unknown) => {
      assert.ok(e instanceof DynamoError, String(e));
      assert.equal(e.kind, 'sso-expired');
      assert.match(e.message, /`aws sso login --profile sso-new`/);
      return true;
    });
  });

  it('an SSO profile with an expired cached token names `aws sso login --profile NAME`', async () => {
    const connection = (await connections()).get('profile:sso-expired')!;
    const client = await factory.client(connection);
    await assert.rejects(listTables(client), (e: unknown) => e instanceof DynamoError && e.kind === 'sso-expired' && e.message.includes('aws sso login --profile sso-expired'));
  });

  it('a settings endpoint connection to a stopped server gives a clear network error, not a crash', async () => {
    const stopped = await startDynalite();
    const endpoint = stopped.endpoint;
    await stopped.stop();
    const all = await connections({ connections: [{ type: 'endpoint', url: endpoint, region: 'eu-west-3', label: 'gone' }] });
    const connection = all.get('endpoint:gone')!;
    assert.deepEqual(connection.regions, ['eu-west-3']);
    const client = await factory.client(connection);
    await assert.rejects(listTables(client), (e: unknown) => {
      assert.ok(e instanceof DynamoError, String(e));
      assert.equal(e.kind, 'network');
      assert.equal(e.code, 'ECONNREFUSED');
      assert.equal(e.message, `Cannot reach ${endpoint}: nothing is listening there. Is the server running?`);
      return true;
    });
  });
});
