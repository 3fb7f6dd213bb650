import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { buildConnections, connectionId, ignoresRegion, locationLabel, orderRegions, regionLabel, targetLocationLabel } from '../../../src/dynamo/connections';
import { ProfileInfo, defaultProfileName, profileFacts, profileNames, sharedFilePaths } from '../../../src/dynamo/profiles';

function profile(name: string, region?: string, endpointUrl?: string): ProfileInfo {
  return { name, kind: 'static', region, endpointUrl, credentialProcess: false, sources: ['config'] };
}

describe('regions', () => {
  it('keeps order, drops duplicates, blanks and malformed names, falls back to us-east-1', () => {
    assert.deepEqual(orderRegions('eu-west-1', ['us-east-1', 'eu-west-1', ' ', 'nonsense', 'ap-southeast-2'], undefined), ['eu-west-1', 'us-east-1', 'ap-southeast-2']);
    assert.deepEqual(orderRegions(undefined, []), ['us-east-1']);
    assert.deepEqual(orderRegions('us-gov-west-1', 'cn-north-1'), ['us-gov-west-1', 'cn-north-1']);
  });
});

describe('region story per connection', () => {
  it('the embedded server ignores regions: one region, shown as "any region"; endpoints and profiles keep theirs', () => {
    const { connections } = buildConnections({
      connections: [
        { type: 'local', regions: ['eu-west-1', 'us-west-2'] },
        { type: 'endpoint', url: 'http://127.0.0.1:8000', region: 'eu-west-1', regions: ['us-west-2'], label: 'DynamoDB Local' },
      ],
    }, {}, [profile('dev', 'eu-central-1')]);
    const local = connections.find(c => c.kind === 'local')!;
    const endpoint = connections.find(c => c.kind === 'endpoint')!;
    const dev = connections.find(c => c.kind === 'profile')!;
    assert.deepEqual(local.regions, ['eu-west-1'], 'one region: every region holds the same tables');
    assert.equal(ignoresRegion(local), true);
    assert.equal(regionLabel(local, 'eu-west-1'), 'any region');
    assert.equal(locationLabel(local, local.regions[0]), 'Local (embedded) · any region');
    // DynamoDB Local without -sharedDb keeps tables per region: a user's endpoint keeps its regions.
    assert.deepEqual(endpoint.regions, ['eu-west-1', 'us-west-2']);
    assert.equal(ignoresRegion(endpoint), false);
    assert.equal(locationLabel(endpoint, 'us-west-2'), 'DynamoDB Local · us-west-2');
    assert.equal(ignoresRegion(dev), false);
    assert.equal(locationLabel(dev, 'eu-central-1'), 'dev · eu-central-1');
    // A panel's target names its connection by id and label: the same words.
    for (const [connection, region] of [[local, 'us-east-1'], [endpoint, 'us-west-2'], [dev, 'eu-central-1']] as const) {
      assert.equal(targetLocationLabel({ connectionId: connection.id, connectionLabel: connection.label, region }), locationLabel(connection, region));
    }
  });
});

describe('settings resolution', () => {
  const profiles = [profile('default', 'eu-west-1'), profile('dev', undefined, 'http://localhost:8000'), profile('prod', 'us-west-2')];

  it('defaults: every profile (region first, then the configured list), no env without keys, local always', () => {
    const { connections, problems } = buildConnections({ regions: ['us-east-1', 'eu-west-1'] }, {}, profiles);
    assert.deepEqual(problems, []);
    assert.deepEqual(connections.map(c => [c.id, c.regions]), [
      ['profile:default', ['eu-west-1', 'us-east-1']],
      ['profile:dev', ['us-east-1', 'eu-west-1']],
      ['profile:prod', ['us-west-2', 'us-east-1', 'eu-west-1']],
      ['local', ['us-east-1']],
    ]);
    const dev = connections[1];
    assert.equal(dev.kind === 'profile' && dev.endpoint, 'http://localhost:8000');
  });

  it('adds env when AWS_ACCESS_KEY_ID and the secret are set, with AWS_REGION first', () => {
    const env = { AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y', AWS_DEFAULT_REGION: 'eu-north-1' };
    const ids = buildConnections({ regions: ['us-east-1'] }, env, []).connections.map(c => [c.id, c.regions]);
    assert.deepEqual(ids, [['env', ['eu-north-1', 'us-east-1']], ['local', ['us-east-1']]]);
    assert.deepEqual(buildConnections({}, { AWS_ACCESS_KEY_ID: 'x' }, []).connections.map(c => c.id), ['local']);
  });

  it('settings entries come first, override defaults with the same id, and can hide them', () => {
    const { connections, problems } = buildConnections({
      regions: ['us-east-1'],
      connections: [
        { type: 'endpoint', url: 'http://127.0.0.1:8000', region: 'eu-west-1', label: 'DynamoDB Local' },
        { type: 'profile', profile: 'prod', regions: ['eu-central-1'], label: 'Production' },
        { type: 'profile', profile: 'dev', enabled: false },
        { type: 'local', label: 'Sandbox' },
      ],
    }, {}, profiles);
    assert.deepEqual(problems, []);
    assert.deepEqual(connections.map(c => [c.id, c.label, c.regions]), [
      ['endpoint:DynamoDB Local', 'DynamoDB Local', ['eu-west-1']],
      ['profile:prod', 'Production', ['eu-central-1', 'us-west-2', 'us-east-1']],
      ['local', 'Sandbox', ['us-east-1']],
      ['profile:default', 'default', ['eu-west-1', 'us-east-1']],
    ]);
  });

  it('reports bad entries without losing the good ones', () => {
    const { connections, problems } = buildConnections({
      connections: [{ type: 'endpoint' }, { type: 'endpoint', url: 'ftp://x' }, { type: 'endpoint', url: 'not a url' }, { type: 'profile' },
        { type: 'cloud' }, 'text', { type: 'profile', profile: 'ghost' }],
    }, {}, [], );
    assert.deepEqual(problems, [
      'connection #1: an endpoint connection needs "url"',
      'connection #2: "url" must be http or https',
      'connection #3: "url" is not a URL: not a url',
      'connection #4: a profile connection needs "profile"',
      'connection #5: "type" must be profile, env, endpoint or local',
      'connection #6: not an object',
      'profile "ghost" is not in the AWS config or credentials file',
    ]);
    assert.deepEqual(connections.map(c => c.id), ['profile:ghost', 'local']);
    assert.deepEqual(buildConnections({ connections: 'nope' }, {}, []).problems, ['dynamodbDesigner.connections must be a list']);
    assert.deepEqual(buildConnections({ discoverProfiles: false }, {}, profiles).connections.map(c => c.id), ['local']);
  });

  it('puts the AWS_PROFILE profile first among discovered ones', () => {
    assert.deepEqual(buildConnections({}, { AWS_PROFILE: 'prod' }, profiles).connections.map(c => c.id), ['profile:prod', 'profile:default', 'profile:dev', 'local']);
  });

  it('endpoint ids without a label use url and region', () => {
    assert.equal(connectionId({ type: 'endpoint', url: 'http://h:1', region: 'eu-west-1' }), 'endpoint:http://h:1#eu-west-1');
  });
});

describe('profile facts from parsed files', () => {
  const config = {
    default: { region: 'eu-west-1' },
    admin: { role_arn: 'arn:aws:iam::1:role/A', source_profile: 'default' },
    web: { web_identity_token_file: '/t', role_arn: 'arn:aws:iam::1:role/W' },
    corp: { sso_session: 'c', sso_account_id: '1', sso_role_name: 'R', services: 'svc' },
    'sso-session.c': { sso_start_url: 'https://c.awsapps.com/start', sso_region: 'eu-west-1' },
    'services.svc': { 'dynamodb.endpoint_url': 'http://svc:8000' },
    legacy: { sso_start_url: 'https://l.awsapps.com/start', sso_account_id: '1', sso_role_name: 'R', endpoint_url: 'http://p:1' },
    proc: { credential_process: '/usr/bin/get-creds --secret' },
  };
  const credentials = { default: { aws_access_key_id: 'AKIAIOSFODNN7EXAMPLE', aws_secret_access_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }, onlycreds: { aws_access_key_id: 'a', aws_secret_access_key: 'b' } };

  it('lists names from both files, default first, skipping sso-session and services sections', () => {
    assert.deepEqual(profileNames(config, credentials), ['default', 'admin', 'corp', 'legacy', 'onlycreds', 'proc', 'web']);
  });

  it('classifies each profile and keeps no secret', () => {
    const facts = Object.fromEntries(profileNames(config, credentials).map(n => [n, profileFacts(n, config, credentials)]));
    assert.deepEqual(Object.fromEntries(Object.entries(facts).map(([n, f]) => [n, f.kind])),
      { default: 'static', admin: 'role', corp: 'sso', legacy: 'sso', onlycreds: 'static', proc: 'process', web: 'role' });
    assert.deepEqual(facts.default.sources, ['config', 'credentials']);
    assert.equal(facts.corp.ssoStartUrl, 'https://c.awsapps.com/start');
    assert.equal(facts.corp.ssoRegion, 'eu-west-1');
    assert.equal(facts.corp.endpointUrl, 'http://svc:8000');
    assert.equal(facts.legacy.endpointUrl, 'http://p:1');
    assert.equal(facts.proc.credentialProcess, true);
    const text = JSON.stringify(facts);
    for (const secret of ['AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI', 'get-creds']) { assert.ok(!text.includes(secret), secret); }
  });

  it('reads file paths and the selected profile from the environment', () => {
    assert.deepEqual(sharedFilePaths({ AWS_CONFIG_FILE: '/c', AWS_SHARED_CREDENTIALS_FILE: '/k' }), { configFile: '/c', credentialsFile: '/k' });
    assert.deepEqual(sharedFilePaths({}), { configFile: undefined, credentialsFile: undefined });
    assert.equal(defaultProfileName({ AWS_PROFILE: 'dev' }), 'dev');
    assert.equal(defaultProfileName({}), 'default');
  });
});
