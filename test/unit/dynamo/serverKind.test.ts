import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { serverKindOfArn } from '../../../src/plan/steps';

describe('serverKindOfArn: which local server a table ARN comes from', () => {
  it('dynalite (account 000000000000, a real region), DynamoDB Local (region ddblocal), AWS and junk (unknown)', () => {
    assert.equal(serverKindOfArn('arn:aws:dynamodb:us-east-1:000000000000:table/orders'), 'dynalite');
    assert.equal(serverKindOfArn('arn:aws:dynamodb:ddblocal:000000000000:table/orders'), 'dynamodb-local');
    assert.equal(serverKindOfArn('arn:aws:dynamodb:eu-west-1:123456789012:table/orders'), undefined);
    assert.equal(serverKindOfArn('arn:aws:s3:::000000000000'), undefined);
    assert.equal(serverKindOfArn(''), undefined);
    assert.equal(serverKindOfArn(undefined), undefined);
  });
});
