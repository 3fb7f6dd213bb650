import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DynamoError, describeAwsError, isAbortError, isRequestTimeout, redact, rememberSecret, ssoLoginCommand, toDynamoError } from '../../../src/dynamo/errors';

function sdkError(name: string, message: string, status = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status }, $fault: 'client' });
}

describe('AWS errors in words', () => {
  it('SSO token problems name the login command for the profile', () => {
    for (const message of [
      'The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.',
      "Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
      'The SSO session token associated with profile=dev was not found or is invalid. To refresh this SSO session run aws sso login with the corresponding profile.',
    ]) {
      const d = describeAwsError(Object.assign(new Error(message), { name: 'TokenProviderError' }), { profile: 'dev' });
      assert.equal(d.kind, 'sso-expired', message);
      assert.equal(d.message, 'The AWS SSO session of profile "dev" has expired or was never started. Run `aws sso login --profile dev` in a terminal, then refresh.');
      assert.equal(d.retryable, false);
    }
    assert.equal(ssoLoginCommand('default'), 'aws sso login');
    assert.equal(ssoLoginCommand('prod-admin'), 'aws sso login --profile prod-admin');
  });

  it('throttling is retryable and says so', () => {
    for (const name of ['ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded']) {
      const d = describeAwsError(sdkError(name, 'Rate exceeded'), { operation: 'Scan' });
      assert.deepEqual([d.kind, d.code, d.retryable], ['throttling', name, true]);
      assert.match(d.message, /throttling requests to Scan/);
    }
  });

  it('access denied names the permission and keeps the server text without key ids', () => {
    const d = describeAwsError(sdkError('AccessDeniedException',
      'User: arn:aws:iam::123456789012:user/ana is not authorized to perform: dynamodb:ListTagsOfResource (key AKIAIOSFODNN7EXAMPLE)'), { operation: 'ListTagsOfResource' });
    assert.equal(d.kind, 'access-denied');
    assert.equal(d.message, 'No permission (dynamodb:ListTagsOfResource). (User: arn:aws:iam::123456789012:user/ana is not authorized to perform: dynamodb:ListTagsOfResource (key [access key id]))');
  });

  it('network failures say what could not be reached and why, including Node AggregateErrors', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4567'), { code: 'ECONNREFUSED' });
    assert.deepEqual(describeAwsError(refused, { target: 'http://127.0.0.1:4567' }),
      { kind: 'network', code: 'ECONNREFUSED', httpStatus: undefined, retryable: true, message: 'Cannot reach http://127.0.0.1:4567: nothing is listening there. Is the server running?' });
    const aggregate = new AggregateError([Object.assign(new Error('x'), { code: 'EHOSTUNREACH' })], 'all failed');
    assert.equal(describeAwsError(aggregate).code, 'EHOSTUNREACH');
    assert.match(describeAwsError(aggregate).message, /^Cannot reach the server: the network is unreachable/);
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND dynamodb.nowhere.example'), { code: 'ENOTFOUND' });
    assert.match(describeAwsError(dns, { target: 'DynamoDB in eu-west-1' }).message, /^Cannot reach DynamoDB in eu-west-1: the host name does not resolve/);
  });

  it('credentials rejected, unknown operations, not found and validation get their own kinds', () => {
    assert.equal(describeAwsError(sdkError('UnrecognizedClientException', 'The security token included in the request is invalid.'), { profile: 'x' }).message,
      'The server rejected the credentials. Check the credentials of profile "x". (The security token included in the request is invalid.)');
    assert.equal(describeAwsError(sdkError('ExpiredTokenException', 'The security token included in the request is expired')).message, 'The credentials have expired.');
    assert.deepEqual([describeAwsError(sdkError('UnknownOperationException', ''), { operation: 'UpdateTimeToLive' })].map(d => [d.kind, d.message]),
      [['unsupported', 'UpdateTimeToLive is not supported by this server.']]);
    assert.equal(describeAwsError(sdkError('ResourceNotFoundException', 'Requested resource not found: Table: x not found')).kind, 'not-found');
    assert.equal(describeAwsError(sdkError('ValidationException', 'One or more parameter values were invalid')).kind, 'validation');
    assert.equal(describeAwsError(sdkError('InternalServerError', 'boom', 500)).retryable, true);
    assert.equal(describeAwsError('plain string').message, 'plain string');
  });

  it('aborts are recognised and pass through toDynamoError unchanged', () => {
    const abort = new DOMException('This operation was aborted', 'AbortError');
    assert.equal(isAbortError(abort), true);
    assert.equal(toDynamoError(abort), abort);
    const wrapped = toDynamoError(sdkError('ThrottlingException', 'slow down'));
    assert.ok(wrapped instanceof DynamoError);
    assert.equal(wrapped.kind, 'throttling');
    assert.equal(toDynamoError(wrapped), wrapped);
  });

  it('redacts key ids, 40-character secrets and signatures but not ordinary words', () => {
    assert.equal(redact('secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY here'), 'secret [redacted] here');
    assert.equal(redact('X-Amz-Signature=abcdef0123&x=1'), 'X-Amz-Signature=[redacted]&x=1');
    assert.equal(redact('ASIAY34FZKBOKMUTVV7A used'), '[access key id] used');
    assert.equal(redact('table/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'), 'table/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
  });

  it('redacts Authorization and X-Amz-* header values however they are quoted, and credential fields', () => {
    const echoed = 'Bad request, headers: {"content-type":"application/x-amz-json-1.0","x-amz-security-token":"tok-123","authorization":"AWS4-HMAC-SHA256 Credential=AKIDX/20261202/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0a1b","host":"127.0.0.1:8000"}';
    assert.equal(redact(echoed), 'Bad request, headers: {"content-type":"application/x-amz-json-1.0","x-amz-security-token":"[redacted]","authorization":"[redacted]","host":"127.0.0.1:8000"}');
    // The same message inside JSON output: the quotes are escaped.
    assert.equal(redact(JSON.stringify({ message: echoed })), JSON.stringify({ message: redact(echoed) }));
    assert.equal(redact("{ host: 'h', 'X-Amz-Security-Token': 'tok-123' }"), "{ host: 'h', 'X-Amz-Security-Token': '[redacted]' }");
    assert.equal(redact('POST / HTTP/1.1\nAuthorization: AWS4-HMAC-SHA256 Credential=x, Signature=y\nX-Amz-Security-Token: tok 123\nHost: h'),
      'POST / HTTP/1.1\nAuthorization: [redacted]\nX-Amz-Security-Token: [redacted]\nHost: h');
    assert.equal(redact('https://h/?X-Amz-Security-Token=tok%2B1&X-Amz-Credential=AKID%2F1&a=1'), 'https://h/?X-Amz-Security-Token=[redacted]&X-Amz-Credential=[redacted]&a=1');
    assert.equal(redact('Error: X-Amz-Security-Token: tok 123'), 'Error: X-Amz-Security-Token: [redacted]');
    assert.equal(redact('aws_secret_access_key = abc\naws_session_token=def'), 'aws_secret_access_key = [redacted]\naws_session_token=[redacted]');
    assert.equal(redact('{"Version":1,"AccessKeyId":"AKIDX","SecretAccessKey":"abc","SessionToken":"def"}'), '{"Version":1,"AccessKeyId":"AKIDX","SecretAccessKey":"[redacted]","SessionToken":"[redacted]"}');
    // Our own words stay.
    assert.equal(redact('No permission (dynamodb:ListTagsOfResource). Check the credentials of profile "dev".'), 'No permission (dynamodb:ListTagsOfResource). Check the credentials of profile "dev".');
  });

  it('redacts the secret and token of the environment and of resolved credentials, whatever their shape, and session-token-shaped runs', () => {
    const saved = { secret: process.env.AWS_SECRET_ACCESS_KEY, token: process.env.AWS_SESSION_TOKEN };
    try {
      process.env.AWS_SECRET_ACCESS_KEY = 'plain-secret-of-the-unit-test';
      process.env.AWS_SESSION_TOKEN = 'plain-token-of-the-unit-test';
      assert.equal(redact('stderr: plain-token-of-the-unit-test / plain-secret-of-the-unit-test'), 'stderr: [redacted] / [redacted]');
    } finally {
      for (const [k, v] of [['AWS_SECRET_ACCESS_KEY', saved.secret], ['AWS_SESSION_TOKEN', saved.token]] as const) {
        if (v === undefined) { delete process.env[k]; } else { process.env[k] = v; }
      }
    }
    rememberSecret('resolved-by-a-credential-process');
    assert.equal(redact('echo: resolved-by-a-credential-process.'), 'echo: [redacted].');
    const sts = 'IQoJb3JpZ2luX2VjEHAaCXVzLWVhc3QtMSJHMEUCIQD' + Buffer.from('a token nobody told us about, 0123456789 and more').toString('base64');
    assert.equal(redact(`token ${sts} expired`), 'token [redacted] expired');
    assert.equal(redact(`token ${sts.slice(10, 90)} expired`), 'token [redacted] expired');
    // A 40-character name is not a secret key (no base64 sign), nor is a path.
    const table = 'CustomerOrderHistoryByRegionAndDate2024X';
    assert.equal(redact(`Table ${table}: will be created`), `Table ${table}: will be created`);
    const path = '/Users/Alice2/Documents/Configs/MyTables/Production/DynamoDB/orders.toml:1:1';
    assert.equal(redact(path), path);
    const sha = 'a'.repeat(32) + '0123456789abcdef'.repeat(2);
    assert.equal(redact(`x-amz-content-sha256 ${sha}`), `x-amz-content-sha256 ${sha}`);
  });

  it('a request that timed out says from where no answer came and after how long', () => {
    const timeout = Object.assign(new Error('@smithy/node-http-handler - [ERROR] a request has exceeded the configured 60000 ms requestTimeout.'), { name: 'TimeoutError', code: 'ETIMEDOUT' });
    assert.equal(isRequestTimeout(timeout), true);
    assert.deepEqual(describeAwsError(timeout, { target: 'http://127.0.0.1:9000' }),
      { kind: 'network', code: 'TimeoutError', httpStatus: undefined, retryable: true, message: 'No answer from http://127.0.0.1:9000 within 60 s: it accepted the connection but did not respond.' });
    assert.equal(describeAwsError(new DynamoError({ kind: 'other', code: 'x', message: 'wrapped', retryable: false }, { cause: timeout })).message, 'wrapped');
    const connect = Object.assign(new Error('connect timeout'), { name: 'TimeoutError' });
    assert.equal(isRequestTimeout(connect), false);
    assert.match(describeAwsError(connect).message, /^Cannot reach the server: the connection timed out/);
  });

  it('an answer that is not DynamoDB says what answered: status and content type', () => {
    // The shapes the SDK gives (see test/integration/plan/faults.test.ts for the real thing).
    const response = (statusCode: number, headers: Record<string, string>) => ({ statusCode, headers, body: undefined });
    const empty404 = Object.assign(new Error('UnknownError'), { name: 'Unknown', $fault: 'client', $metadata: { httpStatusCode: 404 }, $response: response(404, { 'content-length': '0' }) });
    assert.deepEqual(describeAwsError(empty404, { target: 'http://127.0.0.1:8000' }),
      { kind: 'other', code: 'NotDynamoDB', httpStatus: 404, retryable: false, message: 'http://127.0.0.1:8000 answered HTTP 404 with an empty body: that is not DynamoDB. Check the endpoint.' });
    const html = Object.assign(new SyntaxError('Unexpected token \'<\', "<!doctype "... is not valid JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.'),
      { $metadata: { httpStatusCode: 200 }, $response: response(200, { 'Content-Type': 'text/html; charset=utf-8' }) });
    assert.equal(describeAwsError(html).message, 'The server answered HTTP 200 with text/html: that is not DynamoDB. Check the endpoint.');
    const emptyHtml = Object.assign(new Error('UnknownError'), { name: 'Unknown', $response: response(502, { 'content-type': 'text/html', 'content-length': '0' }) });
    assert.match(describeAwsError(emptyHtml).message, /answered HTTP 502 with an empty text\/html body: that is not DynamoDB/);
    // A DynamoDB answer, even an odd one, is not called foreign.
    const json = Object.assign(new Error('UnknownError'), { name: 'Unknown', $metadata: { httpStatusCode: 500 }, $response: response(500, { 'content-type': 'application/x-amz-json-1.0' }) });
    assert.equal(describeAwsError(json).code, 'Unknown');
    // Nor is a named AWS error of another service (STS answering XML for a role assumption).
    const sts = Object.assign(new Error('Access denied'), { name: 'AccessDenied', $response: response(403, { 'content-type': 'text/xml' }) });
    assert.equal(describeAwsError(sts).kind, 'access-denied');
  });
});
