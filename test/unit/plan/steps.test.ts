/**
 * The step table (src/plan/steps.ts) covers every kind of change the planner makes: each change
 * a plan holds has a row, and that row names the step that carries it. A new kind of change
 * without a row, or sent by a step its row does not name, fails here.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Plan, Setting } from '../../../src/model/plan';
import { plan } from '../../../src/plan/plan';
import { CHANGE_STEPS, STEP_KINDS, featureOf } from '../../../src/plan/steps';
import { liveOf, specOf, type SimpleTable } from './builder';

const everything: SimpleTable = {
  name: 'orders', billingMode: 'PROVISIONED', read: 5, write: 5,
  attributes: { pk: 'S', sk: 'S', status: 'S', owner: 'S' }, hash: 'pk', range: 'sk',
  gsis: [{ name: 'by-status', hash: 'status', projection: 'ALL', read: 2, write: 2 }],
  lsis: [{ name: 'by-owner', hash: 'pk', range: 'owner', projection: 'KEYS_ONLY' }],
  stream: { enabled: true, viewType: 'NEW_IMAGE' }, ttl: { enabled: true, attributeName: 'exp' }, pitr: true,
  sse: { enabled: true, kmsKeyId: 'alias/orders' }, tableClass: 'STANDARD_INFREQUENT_ACCESS', deletionProtection: true, tags: { team: 'a' },
};
const plain: SimpleTable = { name: 'orders', billingMode: 'PAY_PER_REQUEST', attributes: { pk: 'S', status: 'S' }, hash: 'pk', tags: { old: 'x' } };

/** Plans that between them make every kind of change: a create, updates both ways, a replacement. */
function plans(): Plan[] {
  return [
    plan(specOf(everything), undefined),
    plan(specOf({ ...everything, read: 7, gsis: [{ name: 'by-status', hash: 'status', projection: 'ALL', read: 3, write: 3 }] }), liveOf(everything)),
    plan(specOf(everything), liveOf({ ...plain, attributes: { ...everything.attributes }, range: 'sk', lsis: everything.lsis })),
    plan(specOf({ ...plain, stream: { enabled: false }, ttl: { enabled: false }, pitr: false, sse: { enabled: false }, tableClass: 'STANDARD', deletionProtection: false, tags: {} }),
      liveOf({ ...plain, stream: { enabled: true, viewType: 'KEYS_ONLY' }, ttl: { enabled: true, attributeName: 'exp' }, pitr: true, sse: { enabled: true }, tableClass: 'STANDARD_INFREQUENT_ACCESS', deletionProtection: true })),
    plan(specOf({ ...plain, attributes: { pk: 'N', status: 'S' } }), liveOf(plain)),
    plan(specOf({ ...plain, hash: 'status' }), liveOf(plain)),
  ];
}

describe('the step table', () => {
  it('has a row for every kind of change the planner makes, naming the step that sends it', () => {
    const seen = new Set<Setting>();
    for (const p of plans()) {
      for (const step of p.steps) {
        assert.ok(step.kind in STEP_KINDS, `no step-table row for step ${step.kind}`);
        for (const change of step.changes) {
          const row = CHANGE_STEPS[change.setting];
          assert.ok(row, `no step-table row for a change of ${change.setting} (${change.field})`);
          assert.ok(row.sentBy.includes(step.kind), `${change.setting} (${change.field}) is sent by ${step.kind}, the step table says ${row.sentBy.join(', ')}`);
          seen.add(change.setting);
        }
      }
      for (const change of p.changes) { assert.ok(CHANGE_STEPS[change.setting], `no step-table row for ${change.setting}`); }
    }
    assert.deepEqual([...seen].sort(), Object.keys(CHANGE_STEPS).sort(), 'every row of the table is a change the planner makes');
  });

  it('keys the server features by setting: nothing needed to ask for what every server does unasked', () => {
    const turnedOff = plans()[3];
    const features = turnedOff.steps.flatMap(s => s.changes.map(c => [c.setting, featureOf(c, s.kind) ?? null]));
    assert.deepEqual(Object.fromEntries(features), {
      stream: null, ttl: null, pitr: 'pitr', sse: null, 'table-class': null, 'deletion-protection': null, tag: 'tags',
    });
  });

  it('marks the steps a server may lack as optional', () => {
    assert.deepEqual(Object.entries(STEP_KINDS).filter(([, row]) => row.optional).map(([kind]) => kind).sort(),
      ['TagResource', 'UntagResource', 'UpdateContinuousBackups', 'UpdateTimeToLive']);
  });
});
