import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { plan } from '../../../src/plan/plan';
import type { Plan, Step } from '../../../src/model/plan';
import { formatChange, formatPlan } from '../../../src/plan/words';
import { liveOf, specOf, type SimpleTable } from './builder';

const orders: SimpleTable = {
  name: 'orders',
  billingMode: 'PROVISIONED', read: 5, write: 5,
  attributes: { pk: 'S', sk: 'N', status: 'S', owner: 'S', due: 'N' },
  hash: 'pk', range: 'sk',
  gsis: [{ name: 'by-status', hash: 'status', range: 'sk', projection: 'INCLUDE', nonKey: ['total'], read: 2, write: 1 }],
  lsis: [{ name: 'by-due', range: 'due', projection: 'KEYS_ONLY' }],
  stream: { enabled: true, viewType: 'NEW_IMAGE' },
  ttl: { enabled: true, attributeName: 'expires' },
  pitr: true,
  sse: { enabled: true },
  tableClass: 'STANDARD',
  deletionProtection: true,
  tags: { team: 'a', env: 'dev' },
};

function titles(p: Plan): string[] { return p.steps.map(s => s.title); }
function updates(step: Step) {
  assert.equal(step.kind, 'UpdateTable');
  return step.input;
}

describe('plan(): create', () => {
  it('puts everything CreateTable accepts in one call, then TTL and PITR steps', () => {
    const p = plan(specOf(orders), undefined);
    assert.equal(p.kind, 'create');
    assert.deepEqual(p.steps.map(s => s.kind), ['CreateTable', 'UpdateTimeToLive', 'UpdateContinuousBackups']);
    const create = p.steps[0];
    assert.equal(create.kind, 'CreateTable');
    const input = create.input;
    assert.deepEqual(input.KeySchema, [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }]);
    assert.deepEqual(input.AttributeDefinitions?.map(a => a.AttributeName).sort(), ['due', 'pk', 'sk', 'status']);
    assert.deepEqual(input.ProvisionedThroughput, { ReadCapacityUnits: 5, WriteCapacityUnits: 5 });
    assert.deepEqual(input.GlobalSecondaryIndexes?.[0].Projection, { ProjectionType: 'INCLUDE', NonKeyAttributes: ['total'] });
    assert.deepEqual(input.GlobalSecondaryIndexes?.[0].ProvisionedThroughput, { ReadCapacityUnits: 2, WriteCapacityUnits: 1 });
    assert.deepEqual(input.LocalSecondaryIndexes?.[0].KeySchema, [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'due', KeyType: 'RANGE' }]);
    assert.deepEqual(input.StreamSpecification, { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
    assert.deepEqual(input.SSESpecification, { Enabled: true, SSEType: 'KMS' });
    assert.equal(input.DeletionProtectionEnabled, true);
    assert.equal(input.TableClass, 'STANDARD');
    assert.deepEqual(input.Tags, [{ Key: 'team', Value: 'a' }, { Key: 'env', Value: 'dev' }]);
    assert.ok(p.changes.some(c => formatChange(c) === 'billing mode: (none) -> PROVISIONED'));
    assert.match(formatPlan(p), /will be created/);
  });

  it('an on-demand table has no throughput, and its GSIs none either', () => {
    const t: SimpleTable = { name: 'od', billingMode: 'PAY_PER_REQUEST', attributes: { id: 'S', g: 'S' }, hash: 'id', gsis: [{ name: 'gg', hash: 'g' }] };
    const input = plan(specOf(t), undefined).steps[0].input as { ProvisionedThroughput?: unknown; GlobalSecondaryIndexes?: { ProvisionedThroughput?: unknown }[] };
    assert.equal(input.ProvisionedThroughput, undefined);
    assert.equal(input.GlobalSecondaryIndexes?.[0].ProvisionedThroughput, undefined);
  });

  it('the component dialect reads a missing billing mode as PROVISIONED', () => {
    const t: SimpleTable = { dialect: 'component', name: 'c', read: 1, write: 1, attributes: { id: 'S' }, hash: 'id' };
    const create = plan(specOf(t), undefined).steps[0];
    assert.equal(create.kind === 'CreateTable' && create.input.BillingMode, 'PROVISIONED');
  });

  it('refuses a key attribute without a type', () => {
    assert.throws(() => plan(specOf({ name: 'x', billingMode: 'PAY_PER_REQUEST', attributes: {}, hash: 'id' }), undefined), /key attribute id has no type/);
  });
});

describe('plan(): no change', () => {
  it('an unchanged table plans empty', () => {
    const p = plan(specOf(orders), liveOf(orders));
    assert.equal(p.kind, 'none');
    assert.deepEqual(p.steps, []);
    assert.deepEqual(p.changes, []);
    assert.deepEqual(p.unknown, []);
  });

  it('settings the server does not report are unknown, not changes', () => {
    const p = plan(specOf(orders), liveOf(orders, ['ttl', 'tags', 'pitr']));
    assert.equal(p.kind, 'none');
    assert.deepEqual(p.unknown.map(u => u.field).sort(), ['TTL', 'point-in-time recovery', 'tags']);
    assert.match(p.unknown[0].reason, /UnknownOperationException/);
  });

  it('settings the config does not mention are left alone (no drift)', () => {
    const bare: SimpleTable = { name: 'orders', attributes: orders.attributes, hash: 'pk', range: 'sk', gsis: orders.gsis, lsis: orders.lsis };
    const p = plan(specOf(bare), liveOf(orders));
    assert.equal(p.kind, 'none', formatPlan(p));
  });

  it('SSE on DynamoDB Local (ARN region ddblocal, never reports SSE) is unknown; on AWS it is a change', () => {
    const local = { ...liveOf(orders), sse: { enabled: false } };
    const p = plan(specOf(orders), local);
    assert.equal(p.kind, 'none');
    assert.deepEqual(p.unknown.map(u => [u.field, u.reason]), [['SSE', 'DynamoDB Local does not report server-side encryption']]);
    const aws = plan(specOf(orders), { ...local, arn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders' });
    assert.deepEqual(aws.changes.map(formatChange), ['SSE: disabled (AWS owned key) -> enabled (KMS, AWS managed key)']);
  });

  it('AWS-owned aws: tags are not removed', () => {
    const live = { ...liveOf(orders), tags: { state: 'known' as const, value: { team: 'a', env: 'dev', 'aws:cloudformation:stack-name': 's' } } };
    assert.equal(plan(specOf(orders), live).kind, 'none');
  });
});

describe('plan(): ordered updates', () => {
  it('throughput change + a GSI added + another removed: delete, throughput, create, in that order', () => {
    const edited: SimpleTable = {
      ...orders, read: 10, write: 7,
      gsis: [{ name: 'by-owner', hash: 'owner', projection: 'KEYS_ONLY', read: 3, write: 3 }],
    };
    const p = plan(specOf(edited), liveOf(orders));
    assert.equal(p.kind, 'update');
    assert.deepEqual(titles(p), ['Delete GSI by-status', 'Update provisioned throughput', 'Create GSI by-owner']);
    assert.deepEqual(updates(p.steps[0]).GlobalSecondaryIndexUpdates, [{ Delete: { IndexName: 'by-status' } }]);
    assert.deepEqual(updates(p.steps[1]).ProvisionedThroughput, { ReadCapacityUnits: 10, WriteCapacityUnits: 7 });
    assert.equal(updates(p.steps[1]).GlobalSecondaryIndexUpdates, undefined);
    const create = updates(p.steps[2]);
    assert.deepEqual(create.AttributeDefinitions, [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }, { AttributeName: 'owner', AttributeType: 'S' }]);
    assert.deepEqual(create.GlobalSecondaryIndexUpdates, [{ Create: {
      IndexName: 'by-owner', KeySchema: [{ AttributeName: 'owner', KeyType: 'HASH' }],
      Projection: { ProjectionType: 'KEYS_ONLY' }, ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: 3 },
    } }]);
    assert.deepEqual(p.changes.map(formatChange), [
      'GSI by-status: keys status (S, HASH), sk (N, RANGE); projection INCLUDE [total] -> (none)',
      'throughput: read 5 / write 5 -> read 10 / write 7',
      'GSI by-owner: (none) -> keys owner (S, HASH); projection KEYS_ONLY',
    ]);
  });

  it('a GSI throughput change goes in the throughput step', () => {
    const edited: SimpleTable = { ...orders, gsis: [{ ...orders.gsis![0], read: 9 }] };
    const p = plan(specOf(edited), liveOf(orders));
    assert.deepEqual(titles(p), ['Update provisioned throughput']);
    assert.deepEqual(updates(p.steps[0]).GlobalSecondaryIndexUpdates, [{ Update: { IndexName: 'by-status', ProvisionedThroughput: { ReadCapacityUnits: 9, WriteCapacityUnits: 1 } } }]);
    assert.equal(updates(p.steps[0]).ProvisionedThroughput, undefined);
  });

  it('a GSI whose projection changes is deleted, then created again', () => {
    const edited: SimpleTable = { ...orders, gsis: [{ ...orders.gsis![0], projection: 'ALL', nonKey: undefined }] };
    const p = plan(specOf(edited), liveOf(orders));
    assert.equal(p.steps.length, 2);
    assert.match(p.steps[0].title, /^Delete GSI by-status/);
    assert.equal(p.steps[1].title, 'Create GSI by-status');
  });

  it('switching to PROVISIONED gives every kept GSI its throughput in the same call', () => {
    const od: SimpleTable = { name: 't', billingMode: 'PAY_PER_REQUEST', attributes: { id: 'S', g: 'S', h: 'S' }, hash: 'id', gsis: [{ name: 'g1', hash: 'g' }, { name: 'g2', hash: 'h' }] };
    const prov: SimpleTable = { ...od, billingMode: 'PROVISIONED', read: 4, write: 2, gsis: [{ name: 'g1', hash: 'g', read: 1, write: 1 }] };
    const p = plan(specOf(prov), liveOf(od));
    assert.deepEqual(titles(p), ['Delete GSI g2', 'Switch billing mode to PROVISIONED']);
    const input = updates(p.steps[1]);
    assert.equal(input.BillingMode, 'PROVISIONED');
    assert.deepEqual(input.ProvisionedThroughput, { ReadCapacityUnits: 4, WriteCapacityUnits: 2 });
    assert.deepEqual(input.GlobalSecondaryIndexUpdates, [{ Update: { IndexName: 'g1', ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } } }]);
  });

  it('switching to PAY_PER_REQUEST sends the mode alone, and new GSIs carry no throughput', () => {
    const od: SimpleTable = { ...orders, billingMode: 'PAY_PER_REQUEST', read: undefined, write: undefined, gsis: [{ name: 'by-status', hash: 'status', range: 'sk', projection: 'INCLUDE', nonKey: ['total'] }, { name: 'g', hash: 'owner' }] };
    const p = plan(specOf(od), liveOf(orders));
    assert.deepEqual(titles(p), ['Switch billing mode to PAY_PER_REQUEST', 'Create GSI g']);
    assert.deepEqual(updates(p.steps[0]), { TableName: 'orders', BillingMode: 'PAY_PER_REQUEST' });
    const create = updates(p.steps[1]).GlobalSecondaryIndexUpdates?.[0].Create;
    assert.equal(create?.ProvisionedThroughput, undefined);
  });

  it('a stream view type change is off, then on', () => {
    const p = plan(specOf({ ...orders, stream: { enabled: true, viewType: 'KEYS_ONLY' } }), liveOf(orders));
    assert.deepEqual(p.steps.map(s => updates(s).StreamSpecification), [{ StreamEnabled: false }, { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' }]);
    assert.deepEqual(p.changes.map(formatChange), ['stream: enabled (NEW_IMAGE) -> enabled (KEYS_ONLY)']);
  });

  it('stream off and on', () => {
    const off = plan(specOf({ ...orders, stream: { enabled: false } }), liveOf(orders));
    assert.deepEqual(off.steps.map(s => updates(s).StreamSpecification), [{ StreamEnabled: false }]);
    const on = plan(specOf(orders), liveOf({ ...orders, stream: { enabled: false } }));
    assert.deepEqual(on.steps.map(s => updates(s).StreamSpecification), [{ StreamEnabled: true, StreamViewType: 'NEW_IMAGE' }]);
  });

  it('TTL off, on, and moved to another attribute (two steps)', () => {
    const off = plan(specOf({ ...orders, ttl: { enabled: false } }), liveOf(orders));
    assert.deepEqual(off.steps.map(s => s.input), [{ TableName: 'orders', TimeToLiveSpecification: { Enabled: false, AttributeName: 'expires' } }]);
    const on = plan(specOf(orders), liveOf({ ...orders, ttl: { enabled: false } }));
    assert.deepEqual(on.steps.map(s => s.input), [{ TableName: 'orders', TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' } }]);
    const moved = plan(specOf({ ...orders, ttl: { enabled: true, attributeName: 'gone_at' } }), liveOf(orders));
    assert.deepEqual(moved.steps.map(s => s.kind), ['UpdateTimeToLive', 'UpdateTimeToLive']);
    assert.deepEqual(moved.changes.map(formatChange), ['TTL: enabled (expires) -> enabled (gone_at)']);
  });

  it('tags added, changed and removed: TagResource then UntagResource with the live ARN', () => {
    const p = plan(specOf({ ...orders, tags: { team: 'b', cost: 'x' } }), liveOf(orders));
    assert.deepEqual(p.steps.map(s => [s.kind, s.input]), [
      ['TagResource', { ResourceArn: 'arn:aws:dynamodb:ddblocal:000000000000:table/orders', Tags: [{ Key: 'team', Value: 'b' }, { Key: 'cost', Value: 'x' }] }],
      ['UntagResource', { ResourceArn: 'arn:aws:dynamodb:ddblocal:000000000000:table/orders', TagKeys: ['env'] }],
    ]);
    assert.ok(p.changes.map(formatChange).includes('tag team: a -> b'));
    assert.ok(p.changes.map(formatChange).includes('tag env: dev -> (none)'));
  });

  it('an empty tag value is shown as "", never as nothing after the arrow', () => {
    const added = plan(specOf({ ...orders, tags: { team: 'a', env: 'dev', note: '' } }), liveOf(orders));
    assert.deepEqual(added.changes.map(formatChange), ['tag note: (none) -> ""']);
    const emptied = plan(specOf({ ...orders, tags: { team: '', env: 'dev' } }), liveOf(orders));
    assert.deepEqual(emptied.changes.map(formatChange), ['tag team: a -> ""']);
    const live = { ...liveOf(orders), tags: { state: 'known' as const, value: { team: 'a', env: 'dev', note: '' } } };
    assert.deepEqual(plan(specOf(orders), live).changes.map(formatChange), ['tag note: "" -> (none)']);
    assert.deepEqual(added.steps[0].input, { ResourceArn: 'arn:aws:dynamodb:ddblocal:000000000000:table/orders', Tags: [{ Key: 'note', Value: '' }] }, 'the value sent stays empty');
  });

  it('PITR, deletion protection, table class and SSE are one step each', () => {
    const edited: SimpleTable = { ...orders, pitr: false, deletionProtection: false, tableClass: 'STANDARD_INFREQUENT_ACCESS', sse: { enabled: false } };
    const p = plan(specOf(edited), liveOf(orders));
    assert.deepEqual(p.steps.map(s => s.kind), ['UpdateTable', 'UpdateTable', 'UpdateTable', 'UpdateContinuousBackups']);
    assert.deepEqual(p.steps.map(s => s.input), [
      { TableName: 'orders', SSESpecification: { Enabled: false } },
      { TableName: 'orders', TableClass: 'STANDARD_INFREQUENT_ACCESS' },
      { TableName: 'orders', DeletionProtectionEnabled: false },
      { TableName: 'orders', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false } },
    ]);
  });

  it('a KMS key given by id matches the live key ARN; another key is a change', () => {
    const withKey: SimpleTable = { ...orders, sse: { enabled: true, kmsKeyId: 'k-1' } };
    assert.equal(plan(specOf(withKey), liveOf(withKey)).kind, 'none');
    const p = plan(specOf({ ...orders, sse: { enabled: true, kmsKeyId: 'k-2' } }), liveOf(withKey));
    assert.deepEqual(p.steps.map(s => s.input), [{ TableName: 'orders', SSESpecification: { Enabled: true, SSEType: 'KMS', KMSMasterKeyId: 'k-2' } }]);
  });
});

describe('plan(): replacement', () => {
  it('a key schema change needs replacement: delete, then create with everything', () => {
    const p = plan(specOf({ ...orders, range: undefined, lsis: [] }), liveOf(orders));
    assert.equal(p.kind, 'replace');
    assert.match(p.replaceReasons![0], /key schema differs/);
    assert.deepEqual(p.steps.map(s => s.kind), ['DeleteTable', 'CreateTable', 'UpdateTimeToLive', 'UpdateContinuousBackups']);
    assert.match(formatPlan(p), /REPLACEMENT needed/);
  });

  it('a key attribute type change needs replacement', () => {
    const p = plan(specOf({ ...orders, attributes: { ...orders.attributes, sk: 'S' } }), liveOf(orders));
    assert.equal(p.kind, 'replace');
    assert.deepEqual(p.replaceReasons, ['key attribute sk changes type (N -> S)']);
  });

  it('an LSI added, changed or removed needs replacement', () => {
    const added = plan(specOf({ ...orders, lsis: [...orders.lsis!, { name: 'by-x', range: 'due' }] }), liveOf(orders));
    assert.equal(added.kind, 'replace');
    const changed = plan(specOf({ ...orders, lsis: [{ name: 'by-due', range: 'due', projection: 'ALL' }] }), liveOf(orders));
    assert.match(changed.replaceReasons![0], /LSI by-due changes/);
    const removed = plan(specOf({ ...orders, lsis: [] }), liveOf(orders));
    assert.match(removed.replaceReasons![0], /LSI by-due is removed/);
  });
});
