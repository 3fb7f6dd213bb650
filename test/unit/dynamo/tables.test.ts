import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { fetchedOrUnknown, fromTableDescription, isFullyActive } from '../../../src/dynamo/tables';

describe('DescribeTable -> LiveTable (pure part)', () => {
  it('defaults: absent billing summary means PROVISIONED, absent class STANDARD, no stream, no SSE', () => {
    const t = fromTableDescription({
      TableName: 't', TableStatus: 'ACTIVE', CreationDateTime: new Date('2025-02-03T04:05:06Z'),
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 }, ItemCount: 3, TableSizeBytes: 99,
    });
    assert.deepEqual(t, {
      name: 't', arn: undefined, status: 'ACTIVE', createdAt: '2025-02-03T04:05:06.000Z', attributes: { id: 'S' },
      keySchema: [{ name: 'id', keyType: 'HASH' }], billingMode: 'PROVISIONED', throughput: { read: 5, write: 5 },
      globalSecondaryIndexes: [], localSecondaryIndexes: [],
      stream: { enabled: false, viewType: undefined, arn: undefined, label: undefined },
      sse: { enabled: false, type: undefined, kmsKeyArn: undefined }, tableClass: 'STANDARD', deletionProtection: false,
      itemCount: 3, sizeBytes: 99,
    });
  });

  it('on-demand 0/0 throughput is no throughput; SSE, class, GSI status and backfill are kept', () => {
    const t = fromTableDescription({
      TableName: 't', TableStatus: 'UPDATING', BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
      ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 0 },
      SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: 'arn:aws:kms:eu-west-1:1:key/k' },
      TableClassSummary: { TableClass: 'STANDARD_INFREQUENT_ACCESS' }, DeletionProtectionEnabled: true,
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' }, LatestStreamLabel: 'l',
      GlobalSecondaryIndexes: [{ IndexName: 'g', IndexStatus: 'CREATING', Backfilling: true, KeySchema: [{ AttributeName: 'k', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['a'] }, ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 0 } }],
    });
    assert.equal(t.throughput, undefined);
    assert.deepEqual(t.sse, { enabled: true, type: 'KMS', kmsKeyArn: 'arn:aws:kms:eu-west-1:1:key/k' });
    assert.equal(t.tableClass, 'STANDARD_INFREQUENT_ACCESS');
    assert.deepEqual(t.stream, { enabled: true, viewType: 'KEYS_ONLY', arn: undefined, label: 'l' });
    const g = t.globalSecondaryIndexes[0];
    assert.deepEqual([g.status, g.backfilling, g.projectionType, g.nonKeyAttributes, g.throughput], ['CREATING', true, 'INCLUDE', ['a'], undefined]);
  });

  it('isFullyActive needs the table and every GSI ACTIVE and not backfilling', () => {
    const gsi = (IndexStatus: string, Backfilling = false) => ({ IndexName: 'g', IndexStatus: IndexStatus as 'ACTIVE', Backfilling });
    assert.equal(isFullyActive({ TableStatus: 'ACTIVE' }), true);
    assert.equal(isFullyActive({ TableStatus: 'ACTIVE', GlobalSecondaryIndexes: [gsi('ACTIVE')] }), true);
    assert.equal(isFullyActive({ TableStatus: 'ACTIVE', GlobalSecondaryIndexes: [gsi('CREATING')] }), false);
    assert.equal(isFullyActive({ TableStatus: 'ACTIVE', GlobalSecondaryIndexes: [gsi('ACTIVE', true)] }), false);
    assert.equal(isFullyActive({ TableStatus: 'UPDATING' }), false);
  });

  it('a side call that fails becomes unknown with a reason; a cancel propagates', async () => {
    const denied = Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' });
    assert.deepEqual(await fetchedOrUnknown('ListTagsOfResource', async () => { throw denied; }),
      { state: 'unknown', reason: 'no permission (dynamodb:ListTagsOfResource)' });
    const unknownOp = Object.assign(new Error(''), { name: 'UnknownOperationException' });
    assert.deepEqual(await fetchedOrUnknown('DescribeContinuousBackups', async () => { throw unknownOp; }), { state: 'unknown', reason: 'not supported by this server' });
    assert.deepEqual(await fetchedOrUnknown('X', async () => 7), { state: 'known', value: 7 });
    await assert.rejects(fetchedOrUnknown('X', async () => { throw new DOMException('aborted', 'AbortError'); }), (e: Error) => e.name === 'AbortError');
  });
});
