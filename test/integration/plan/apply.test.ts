import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { applyPlan, applyPlans, describeLive, formatApplyReport, planSpec, planSpecs, type ApplyProgress } from '../../../src/dynamo/apply';
import { DeletionRefused, deleteTable, describeDeletion } from '../../../src/dynamo/deleteTable';
import { plan } from '../../../src/plan/plan';
import { formatChange } from '../../../src/plan/words';
import type { TableSpec } from '../../../src/model/spec';
import { LocalServer, startDynalite, startDynamoDbLocal } from '../../support/servers';
import { liveOf, specOf, type SimpleTable } from '../../unit/plan/builder';

async function applySpec(client: DynamoDBClient, spec: TableSpec, extra: { onProgress?: (p: ApplyProgress) => void; signal?: AbortSignal; confirmReplace?: () => Promise<boolean> } = {}) {
  const p = await planSpec(client, spec);
  const report = await applyPlan(client, p, { spec, ...extra });
  return { plan: p, report };
}

const base: SimpleTable = {
  name: 'orders',
  billingMode: 'PROVISIONED', read: 5, write: 5,
  attributes: { pk: 'S', sk: 'N', status: 'S', owner: 'S' },
  hash: 'pk', range: 'sk',
  gsis: [{ name: 'by-status', hash: 'status', range: 'sk', projection: 'INCLUDE', nonKey: ['total'], read: 2, write: 1 }],
  stream: { enabled: true, viewType: 'NEW_IMAGE' },
  ttl: { enabled: true, attributeName: 'expires' },
  deletionProtection: false,
};

describe('plan and apply against DynamoDB Local', () => {
  let server: LocalServer;
  let client: DynamoDBClient;
  before(async () => { server = await startDynamoDbLocal(); client = server.client(); });
  after(async () => { await server?.stop(); });

  it('creates a table, then plans empty', async () => {
    const { plan: p, report } = await applySpec(client, specOf(base));
    assert.equal(p.kind, 'create');
    assert.equal(report.outcome, 'done', report.message);
    assert.deepEqual(report.notApplied, []);
    const again = await planSpec(client, specOf(base));
    assert.equal(again.kind, 'none', again.changes.map(formatChange).join('; '));
  });

  it('throughput change + a GSI added + another removed: two ordered GSI steps, applied, then empty', async () => {
    await client.send(new PutItemCommand({ TableName: 'orders', Item: { pk: { S: 'a' }, sk: { N: '1' }, owner: { S: 'ann' }, status: { S: 'open' } } }));
    const edited: SimpleTable = { ...base, read: 9, write: 6, gsis: [{ name: 'by-owner', hash: 'owner', projection: 'KEYS_ONLY', read: 3, write: 2 }] };
    const progress: ApplyProgress[] = [];
    const { plan: p, report } = await applySpec(client, specOf(edited), { onProgress: e => progress.push(e) });
    assert.deepEqual(p.steps.map(s => s.title), ['Delete GSI by-status', 'Update provisioned throughput', 'Create GSI by-owner']);
    assert.equal(report.outcome, 'done', report.message);
    assert.deepEqual(report.steps.map(s => s.status), ['done', 'done', 'done']);
    assert.deepEqual(progress.filter(e => e.state === 'done').map(e => e.index), [0, 1, 2]);
    const live = await describeLive(client, 'orders');
    assert.deepEqual(live?.globalSecondaryIndexes.map(i => [i.name, i.status, i.throughput]), [['by-owner', 'ACTIVE', { read: 3, write: 2 }]]);
    assert.deepEqual(live?.throughput, { read: 9, write: 6 });
    assert.equal(plan(specOf(edited), live).kind, 'none');
    Object.assign(base, edited);
  });

  it('changes the stream view type: off, then on', async () => {
    const edited: SimpleTable = { ...base, stream: { enabled: true, viewType: 'NEW_AND_OLD_IMAGES' } };
    const { plan: p, report } = await applySpec(client, specOf(edited));
    assert.deepEqual(p.steps.map(s => s.title), ['Disable the stream (to change its view type)', 'Enable the stream (NEW_AND_OLD_IMAGES)']);
    assert.equal(report.outcome, 'done', report.message);
    assert.deepEqual((await describeLive(client, 'orders'))?.stream.viewType, 'NEW_AND_OLD_IMAGES');
    assert.equal((await planSpec(client, specOf(edited))).kind, 'none');
    Object.assign(base, edited);
  });

  it('turns TTL off, then on again', async () => {
    const off = await applySpec(client, specOf({ ...base, ttl: { enabled: false } }));
    assert.deepEqual(off.plan.changes.map(formatChange), ['TTL: enabled (expires) -> disabled']);
    assert.equal(off.report.outcome, 'done', off.report.message);
    const liveOff = await describeLive(client, 'orders');
    assert.deepEqual(liveOff?.ttl.state === 'known' && liveOff.ttl.value.enabled, false);
    const on = await applySpec(client, specOf(base));
    assert.deepEqual(on.plan.changes.map(formatChange), ['TTL: disabled -> enabled (expires)']);
    assert.equal(on.report.outcome, 'done', on.report.message);
    assert.equal((await planSpec(client, specOf(base))).kind, 'none');
  });

  it('deletion protection blocks delete, and the message says how to turn it off', async () => {
    const protectedSpec = specOf({ ...base, deletionProtection: true });
    const { report } = await applySpec(client, protectedSpec);
    assert.equal(report.outcome, 'done', report.message);
    const details = await describeDeletion(client, 'orders');
    assert.equal(details.deletionProtection, true);
    assert.deepEqual(details.indexes, ['GSI by-owner']);
    assert.match(details.words, /Deletion protection is ON/);
    await assert.rejects(deleteTable(client, 'orders', { confirm: 'orders' }), (error: unknown) => {
      assert.ok(error instanceof DeletionRefused);
      assert.equal(error.reason, 'deletion-protection');
      assert.match(error.message, /deletion protection on/);
      assert.match(error.message, /deletionProtectionEnabled: false/);
      assert.match(error.message, /--no-deletion-protection-enabled/);
      return true;
    });
    assert.ok(await describeLive(client, 'orders'), 'the table is still there');
    const { report: off } = await applySpec(client, specOf({ ...base, deletionProtection: false }));
    assert.equal(off.outcome, 'done', off.message);
  });

  it('a key schema change plans as replacement and apply refuses without confirmation', async () => {
    const rekeyed = specOf({ ...base, range: undefined });
    // Deletion protection on: even a confirmed replacement stops at the delete, and says how to turn it off.
    assert.equal((await applySpec(client, specOf({ ...base, deletionProtection: true }))).report.outcome, 'done');
    const guarded = await applyPlan(client, await planSpec(client, rekeyed), { spec: rekeyed, confirmReplace: async () => true });
    assert.equal(guarded.outcome, 'failed');
    assert.deepEqual(guarded.steps.map(s => s.status), ['failed', 'not-run', 'not-run']);
    assert.match(guarded.error?.message ?? '', /deletion protection on.*--no-deletion-protection-enabled/);
    // What still differs is against the table that exists: the key schema (and the protection the config turns off), not a create's "(none) -> …".
    assert.deepEqual(guarded.notApplied?.map(formatChange), [
      'key schema: pk (S, HASH), sk (N, RANGE) -> pk (S, HASH)', 'deletion protection: enabled -> disabled',
    ]);
    assert.match(guarded.message, /^Failed: table orders, step "Delete table orders \(all its items are lost\)" failed .* Still pending: 2 change\(s\)\./);
    assert.equal((await applySpec(client, specOf(base))).report.outcome, 'done');
    const p = await planSpec(client, rekeyed);
    assert.equal(p.kind, 'replace');
    assert.match(p.replaceReasons?.[0] ?? '', /key schema differs/);
    const refused = await applyPlan(client, p, { spec: rekeyed });
    assert.equal(refused.outcome, 'refused');
    assert.match(refused.message, /DELETES the table and 1 item/);
    assert.deepEqual(refused.steps.map(s => s.status), p.steps.map(() => 'not-run'));
    const declined = await applyPlan(client, p, { spec: rekeyed, confirmReplace: async () => false });
    assert.equal(declined.outcome, 'refused');
    assert.deepEqual((await describeLive(client, 'orders'))?.keySchema.map(k => k.name), ['pk', 'sk'], 'the table is untouched');
    let asked = '';
    const confirmed = await applyPlan(client, p, { spec: rekeyed, confirmReplace: async d => { asked = d.words; return d.table === 'orders'; } });
    assert.match(asked, /cannot be undone/);
    assert.equal(confirmed.outcome, 'done', confirmed.message);
    assert.deepEqual((await describeLive(client, 'orders'))?.keySchema.map(k => k.name), ['pk']);
    assert.equal((await planSpec(client, rekeyed)).kind, 'none');
  });

  it('cancel after the first step leaves a consistent table and an honest report', async () => {
    const start: SimpleTable = { name: 'cancel-me', billingMode: 'PAY_PER_REQUEST', attributes: { id: 'S', a: 'S', b: 'S' }, hash: 'id', gsis: [{ name: 'by-a', hash: 'a' }] };
    { const r = (await applySpec(client, specOf(start))).report; assert.equal(r.outcome, 'done', r.message); }
    const edited: SimpleTable = { ...start, gsis: [{ name: 'by-b', hash: 'b' }], stream: { enabled: true, viewType: 'KEYS_ONLY' } };
    const controller = new AbortController();
    const { plan: p, report } = await applySpec(client, specOf(edited), {
      signal: controller.signal,
      onProgress: e => { if (e.state === 'done' && e.index === 0) { controller.abort(); } },
    });
    assert.deepEqual(p.steps.map(s => s.title), ['Delete GSI by-a', 'Create GSI by-b', 'Enable the stream (KEYS_ONLY)']);
    assert.equal(report.outcome, 'cancelled');
    assert.deepEqual(report.steps.map(s => s.status), ['done', 'not-run', 'not-run']);
    assert.match(report.message, /^Cancelled: table cancel-me, after 1 of 3 step\(s\); 2 not run/);
    assert.deepEqual(report.notApplied?.map(c => c.field), ['GSI by-b', 'stream']);
    const live = await describeLive(client, 'cancel-me');
    assert.equal(live?.status, 'ACTIVE');
    assert.deepEqual(live?.globalSecondaryIndexes, []);
    const rest = await applySpec(client, specOf(edited));
    assert.equal(rest.report.outcome, 'done', rest.report.message);
    assert.deepEqual(rest.plan.steps.map(s => s.title), ['Create GSI by-b', 'Enable the stream (KEYS_ONLY)']);
  });

  it('a failed step stops the apply with the AWS error and what was applied', async () => {
    const start: SimpleTable = { name: 'fails', billingMode: 'PAY_PER_REQUEST', attributes: { id: 'S', a: 'S' }, hash: 'id' };
    { const r = (await applySpec(client, specOf(start))).report; assert.equal(r.outcome, 'done', r.message); }
    // A GSI on an attribute typed S in the config, where the step is forged to declare it as N twice.
    const edited = specOf({ ...start, gsis: [{ name: 'by-a', hash: 'a' }], stream: { enabled: true, viewType: 'KEYS_ONLY' } });
    const p = await planSpec(client, edited);
    const broken = { ...p, steps: p.steps.map(s => s.kind === 'UpdateTable' && s.input.GlobalSecondaryIndexUpdates
      ? { ...s, input: { ...s.input, AttributeDefinitions: [{ AttributeName: 'zz', AttributeType: 'N' as const }] } } : s) };
    const report = await applyPlan(client, broken, { spec: edited });
    assert.equal(report.outcome, 'failed');
    assert.deepEqual(report.steps.map(s => s.status), ['failed', 'not-run']);
    assert.equal(report.error?.code, 'ValidationException');
    assert.match(report.message, /step "Create GSI by-a" failed \(ValidationException: .+\); 0 step\(s\) applied, 1 not run/);
  });

  it('when the table cannot be read again after a failure, what is not applied is unknown (null), not empty', async () => {
    const start: SimpleTable = { name: 'unverified', billingMode: 'PAY_PER_REQUEST', attributes: { id: 'S', a: 'S' }, hash: 'id' };
    { const r = (await applySpec(client, specOf(start))).report; assert.equal(r.outcome, 'done', r.message); }
    const edited = specOf({ ...start, gsis: [{ name: 'by-a', hash: 'a' }] });
    const p = await planSpec(client, edited);
    const broken = { ...p, steps: p.steps.map(s => s.kind === 'UpdateTable' && s.input.GlobalSecondaryIndexUpdates
      ? { ...s, input: { ...s.input, AttributeDefinitions: [{ AttributeName: 'zz', AttributeType: 'N' as const }] } } : s) };
    // A client whose DescribeTable fails (the server went away, say): the failed step is real, the verification cannot run.
    const blind = server.client();
    blind.middlewareStack.add(next => async args => {
      if ((args.request as { headers?: Record<string, string> }).headers?.['x-amz-target']?.endsWith('.DescribeTable')) { throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }); }
      return next(args);
    }, { step: 'finalizeRequest', name: 'failDescribe' });
    const report = await applyPlan(blind, broken, { spec: edited });
    assert.equal(report.outcome, 'failed');
    assert.ok(report.verifyError, report.message);
    assert.equal(report.notApplied, null);
    assert.equal(JSON.parse(JSON.stringify(report)).notApplied, null);
    assert.match(report.message, /Could not verify what is applied \(unknown\)/);
    assert.ok(formatApplyReport(report).includes('  not applied: unknown (the table could not be read again)'));
  });

  it('delete asks for the exact name, then waits until the table is gone', async () => {
    await assert.rejects(deleteTable(client, 'cancel-me', { confirm: 'cancel-m' }), /is not the table name/);
    await deleteTable(client, 'cancel-me', { confirm: 'cancel-me' });
    assert.equal(await describeLive(client, 'cancel-me'), undefined);
  });
});

describe('applyPlans: the one apply loop of the CLI and the extension, against dynalite', () => {
  let server: LocalServer;
  let client: DynamoDBClient;
  before(async () => { server = await startDynalite(); client = server.client(); });
  after(async () => { await server?.stop(); });

  it('applies tables in order and stops after one that does not end done: the rest is not started', async () => {
    const simple = (name: string, hash = 'pk'): SimpleTable => ({ name, billingMode: 'PAY_PER_REQUEST', attributes: { pk: 'S', other: 'S' }, hash });
    await applySpec(client, specOf(simple('loop-b')));
    const specs = [specOf(simple('loop-a')), specOf(simple('loop-b', 'other')), specOf(simple('loop-c'))];
    const plans = await planSpecs(client, specs);
    assert.deepEqual(plans.map(p => p.kind), ['create', 'replace', 'create']);
    const seen: string[] = [];
    const reports = await applyPlans(client, plans.map((plan, i) => ({ plan, spec: specs[i] })), { onReport: (r, t) => seen.push(`${t.plan.table}:${r.outcome}`) });
    assert.deepEqual(reports.map(r => [r.table, r.outcome]), [['loop-a', 'done'], ['loop-b', 'refused']], 'a replacement without confirmation is refused');
    assert.deepEqual(seen, ['loop-a:done', 'loop-b:refused']);
    assert.equal(await describeLive(client, 'loop-c'), undefined, 'the table after the refused one is not created');
  });

  it('starts nothing when cancelled before the first table', async () => {
    const spec = specOf({ name: 'loop-d', billingMode: 'PAY_PER_REQUEST', attributes: { pk: 'S' }, hash: 'pk' });
    const controller = new AbortController();
    controller.abort();
    const reports = await applyPlans(client, [{ plan: await planSpec(client, spec), spec }], { signal: controller.signal });
    assert.deepEqual(reports, []);
    assert.equal(await describeLive(client, 'loop-d'), undefined);
  });
});

describe('tags against dynalite', () => {
  let server: LocalServer;
  let client: DynamoDBClient;
  before(async () => { server = await startDynalite(); client = server.client(); });
  after(async () => { await server?.stop(); });

  it('creates with tags (dynalite ignores CreateTable Tags: reported as not applied), then tags, retags and untags', async () => {
    const t: SimpleTable = { name: 'tagged', billingMode: 'PAY_PER_REQUEST', attributes: { id: 'S' }, hash: 'id', tags: { team: 'a', env: 'dev' } };
    const created = await applySpec(client, specOf(t));
    assert.equal(created.report.outcome, 'done', created.report.message);
    assert.deepEqual(created.report.notApplied?.map(formatChange), ['tag team: (none) -> a', 'tag env: (none) -> dev']);
    assert.match(created.report.message, /Not applied by the server: tag team: \(none\) -> a/);
    const tagged = await applySpec(client, specOf(t));
    assert.deepEqual(tagged.plan.steps.map(s => s.kind), ['TagResource']);
    assert.equal(tagged.report.outcome, 'done', tagged.report.message);
    assert.deepEqual(tagged.report.notApplied, []);
    assert.deepEqual((await describeLive(client, 'tagged'))?.tags, { state: 'known', value: { team: 'a', env: 'dev' } });
    const edited: SimpleTable = { ...t, tags: { team: 'b', cost: 'x' } };
    const { plan: p, report } = await applySpec(client, specOf(edited));
    assert.deepEqual(p.steps.map(s => s.kind), ['TagResource', 'UntagResource']);
    assert.equal(report.outcome, 'done', report.message);
    assert.deepEqual(report.notApplied, []);
    const after = await describeLive(client, 'tagged');
    assert.deepEqual(after?.tags, { state: 'known', value: { team: 'b', cost: 'x' } });
  });
});

/** The only stub: neither local server serves PITR (UpdateContinuousBackups/DescribeContinuousBackups). */
describe('PITR step against a STUBBED client (no local server serves PITR)', () => {
  it('sends UpdateContinuousBackups, retries while backups are unavailable, and verifies by planning again', async () => {
    const t: SimpleTable = { name: 'pitr', billingMode: 'PAY_PER_REQUEST', attributes: { id: 'S' }, hash: 'id', pitr: true };
    let pitr = false;
    let unavailable = 1;
    const sent: string[] = [];
    const stub = {
      send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
        const name = command.constructor.name;
        sent.push(name);
        const live = liveOf({ ...t, pitr });
        switch (name) {
          case 'UpdateContinuousBackupsCommand': {
            if (unavailable-- > 0) { throw Object.assign(new Error('Backups are being enabled'), { name: 'ContinuousBackupsUnavailableException' }); }
            pitr = (command.input.PointInTimeRecoverySpecification as { PointInTimeRecoveryEnabled: boolean }).PointInTimeRecoveryEnabled;
            return {};
          }
          case 'DescribeTableCommand':
            return { Table: {
              TableName: 'pitr', TableArn: live.arn, TableStatus: 'ACTIVE', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
              KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
            } };
          case 'DescribeTimeToLiveCommand': return { TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' } };
          case 'ListTagsOfResourceCommand': return { Tags: [] };
          case 'DescribeContinuousBackupsCommand':
            return { ContinuousBackupsDescription: { PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: pitr ? 'ENABLED' : 'DISABLED' } } };
          default: throw new Error(`stub: unexpected ${name}`);
        }
      },
    } as unknown as DynamoDBClient;
    const p = await planSpec(stub, specOf(t));
    assert.deepEqual(p.steps.map(s => [s.kind, s.input]), [['UpdateContinuousBackups', { TableName: 'pitr', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }]]);
    const report = await applyPlan(stub, p, { spec: specOf(t) });
    assert.equal(report.outcome, 'done', report.message);
    assert.equal(pitr, true);
    assert.equal(sent.filter(n => n === 'UpdateContinuousBackupsCommand').length, 2);
    assert.deepEqual(report.notApplied, []);
  });
});
