import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { applyPlan, describeLive, planSpec } from '../../../src/dynamo/apply';
import { exportConfig } from '../../../src/config/export';
import { plan } from '../../../src/plan/plan';
import { analyze } from '../../../src/language/service';
import { formatPlan } from '../../../src/plan/words';
import type { Dialect } from '../../../src/model/spec';
import { repoRoot } from '../../support/paths';
import { LocalServer, startDynamoDbLocal } from '../../support/servers';

const EXAMPLES: readonly { file: string; tables: readonly string[] }[] = [
  { file: 'genesys.toml', tables: ['carts', 'invoices'] },
  { file: 'planton.yaml', tables: ['library-loans'] },
  { file: 'component.yaml', tables: ['DeviceReadings'] },
];
const DIALECTS: readonly Dialect[] = ['genesys', 'planton', 'component'];

describe('the example configs against DynamoDB Local', () => {
  let server: LocalServer;
  let client: DynamoDBClient;
  before(async () => { server = await startDynamoDbLocal(); client = server.client(); });
  after(async () => { await server?.stop(); });

  for (const example of EXAMPLES) {
    it(`${example.file}: creates its tables, then plans empty (PITR, tags and SSE unknown on this server)`, async () => {
      const file = join(repoRoot(), 'examples', example.file);
      const analysis = analyze(readFileSync(file, 'utf8'), { uri: file });
      assert.ok(analysis);
      assert.deepEqual(analysis.findings.filter(f => f.severity === 'error'), []);
      assert.deepEqual(analysis.tables.map(t => t.name?.value), example.tables);
      for (const spec of analysis.tables) {
        const p = await planSpec(client, spec);
        assert.equal(p.kind, 'create');
        const report = await applyPlan(client, p, { spec });
        assert.equal(report.outcome, 'done', report.message);
        // DynamoDB Local has no PITR: the step is reported as unsupported, not failed.
        const pitr = report.steps.find(s => s.kind === 'UpdateContinuousBackups');
        if (pitr) { assert.equal(pitr.status, 'unsupported'); }
        assert.deepEqual(report.notApplied, [], report.message);
        const again = await planSpec(client, spec);
        assert.equal(again.kind, 'none', formatPlan(again));
        assert.deepEqual(again.steps, []);
        for (const u of again.unknown) { assert.match(u.field, /^(tags|point-in-time recovery|SSE)$/); }
      }
    });
  }

  it('the export of every created table, in every dialect, validates clean and plans empty', async () => {
    const names = EXAMPLES.flatMap(e => e.tables);
    for (const name of names) {
      const live = await describeLive(client, name);
      assert.ok(live, name);
      for (const dialect of DIALECTS) {
        const text = exportConfig(live, dialect);
        const analysis = analyze(text, { uri: dialect === 'genesys' ? 'export.toml' : 'export.yaml' });
        assert.ok(analysis, `${name} as ${dialect}`);
        assert.deepEqual(analysis.findings.filter(f => f.severity === 'error' || f.severity === 'warning').map(f => f.message), [], text);
        const p = plan(analysis.tables[0], live);
        assert.equal(p.kind, 'none', `${name} as ${dialect}:\n${formatPlan(p)}\n${text}`);
      }
    }
  });
});
