/**
 * Issue 10.1, the plan side: a config giving one attribute two types is never planned, and a live
 * table whose key attribute types differ from the config shows the difference (replacement for the
 * table's keys and LSIs, the GSI deleted and created again for a GSI's keys). Against dynalite.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { applyPlan, planSpec } from '../../../src/dynamo/apply';
import { plan } from '../../../src/plan/plan';
import { analyze } from '../../../src/language/service';
import { formatPlan } from '../../../src/plan/words';
import type { TableSpec } from '../../../src/model/spec';
import { LocalServer, startDynalite } from '../../support/servers';

function genesys(table: { sk: string; gsiSk: string; g?: string; lsi?: string }): string {
  return `[[resources.dynamodb]]
name = "events"
billing_mode = "PAY_PER_REQUEST"
hash_key_name = "pk"
hash_key_type = "S"
range_key_name = "sk"
range_key_type = "${table.sk}"

[[resources.dynamodb.global_secondary_indexes]]
name = "by-kind"
hash_key_name = "kind"
hash_key_type = "S"
range_key_name = "sk"
range_key_type = "${table.gsiSk}"
projection_type = "ALL"
${table.g ? `
[[resources.dynamodb.global_secondary_indexes]]
name = "by-g"
hash_key_name = "g"
hash_key_type = "${table.g}"
projection_type = "KEYS_ONLY"
` : ''}${table.lsi ? `
[[resources.dynamodb.local_secondary_indexes]]
name = "by-due"
range_key_name = "due"
range_key_type = "${table.lsi}"
projection_type = "KEYS_ONLY"
` : ''}`;
}

function specOf(text: string): TableSpec {
  const analysis = analyze(text, { uri: 'events.toml' });
  assert.ok(analysis);
  assert.equal(analysis.tables.length, 1);
  return analysis.tables[0];
}

describe('key attribute types: plan against dynalite', () => {
  let server: LocalServer;
  let client: DynamoDBClient;
  before(async () => { server = await startDynalite(); client = server.client(); });
  after(async () => { await server?.stop(); });

  it('sk typed N by the table and S by a GSI: no plan is built (create or update), the error names both types', async () => {
    const conflicting = specOf(genesys({ sk: 'N', gsiSk: 'S' }));
    assert.throws(() => plan(conflicting, undefined), /attribute sk is given two types \(N and S\); fix the config first/);
    await assert.rejects(planSpec(client, conflicting), /attribute sk is given two types/);
  });

  it('the table created with sk as S (what the conflicting config used to create): the config with sk N plans a replacement', async () => {
    const created = specOf(genesys({ sk: 'S', gsiSk: 'S', g: 'S', lsi: 'N' }));
    const report = await applyPlan(client, await planSpec(client, created), { spec: created });
    assert.equal(report.outcome, 'done', report.message);
    assert.equal((await planSpec(client, created)).kind, 'none');

    const fixed = await planSpec(client, specOf(genesys({ sk: 'N', gsiSk: 'N', g: 'S', lsi: 'N' })));
    assert.equal(fixed.kind, 'replace', formatPlan(fixed));
    assert.deepEqual(fixed.replaceReasons, ['key attribute sk changes type (S -> N)']);
    assert.deepEqual(fixed.changes.filter(c => c.field.startsWith('attribute ')).map(c => `${c.field}: ${c.from} -> ${c.to}`), ['attribute sk.type: S -> N']);
  });

  it('an LSI sort key typed differently plans a replacement; a GSI key typed differently deletes and creates the GSI again', async () => {
    const lsi = await planSpec(client, specOf(genesys({ sk: 'S', gsiSk: 'S', g: 'S', lsi: 'S' })));
    assert.equal(lsi.kind, 'replace', formatPlan(lsi));
    assert.deepEqual(lsi.replaceReasons, ['LSI by-due changes; local secondary indexes cannot be altered']);

    const gsi = await planSpec(client, specOf(genesys({ sk: 'S', gsiSk: 'S', g: 'N', lsi: 'N' })));
    assert.equal(gsi.kind, 'update', formatPlan(gsi));
    assert.deepEqual(gsi.steps.map(s => s.title), ['Delete GSI by-g (to create it again with a new key schema or projection)', 'Create GSI by-g']);
    const create = gsi.steps[1];
    assert.equal(create.kind, 'UpdateTable');
    assert.deepEqual(create.kind === 'UpdateTable' ? create.input.AttributeDefinitions?.find(d => d.AttributeName === 'g') : undefined, { AttributeName: 'g', AttributeType: 'N' });
  });
});
