import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DynamoError, describeAwsError, isAbortError, redact, ssoLoginCommand, toDynamoError } from '../../../src/dynamo/errors';

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
});
