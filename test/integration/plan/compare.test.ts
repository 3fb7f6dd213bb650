/**
 * Compare with Live Table against dynalite: the demo tables exported as CloudFormation templates
 * and as Terraform (resource and ARC module) compare as "no differences"; an edited template shows its difference; values written with
 * intrinsic functions are listed as not known from the template, never as differences; a table
 * whose name is an intrinsic is not compared, and says why.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describeLive, planSpecs } from '../../../src/dynamo/apply';
import { DEMO_TABLES, seedDemoTables } from '../../../src/dynamo/seed';
import { exportConfig } from '../../../src/config/export';
import { dialectOf } from '../../../src/language/dialects/registry';
import { loadHcl } from '../../../src/language/hcl/parser';
import { analyze } from '../../../src/language/service';
import { comparableOf, formatComparison } from '../../../src/plan/compare';
import { runCli } from '../../support/cli';
import { LocalServer, startDynalite } from '../../support/servers';

async function compare(client: DynamoDBClient, text: string, uri = 'template.yaml', dialect = 'cloudformation'): Promise<{ text: string; kinds: string[] }> {
  const analysis = analyze(text, { uri });
  assert.ok(analysis);
  assert.equal(analysis.dialect, dialect);
  assert.deepEqual(analysis.findings.filter(f => f.severity === 'error' || f.severity === 'warning').map(f => f.message), [], text);
  const compared = comparableOf(analysis);
  const plans = await planSpecs(client, compared.tables);
  return {
    text: formatComparison({ fileName: uri, where: 'dynalite', appliedBy: dialectOf(analysis.dialect).appliedBy, plans, compared, at: new Date(0) }),
    kinds: plans.map(p => p.kind),
  };
}

describe('Compare with Live Table (CloudFormation) against dynalite', () => {
  let server: LocalServer;
  let client: DynamoDBClient;
  before(async () => {
    server = await startDynalite();
    client = server.client();
    await loadHcl();
    await seedDemoTables(client, { itemsPerTable: 5 });
  });
  after(async () => { await server?.stop(); });

  it('every demo table, exported as a template, compares as no differences', async () => {
    assert.ok(DEMO_TABLES.length >= 4);
    for (const demo of DEMO_TABLES) {
      const name = demo.create.TableName!;
      const live = await describeLive(client, name);
      assert.ok(live, name);
      const template = exportConfig(live, 'cloudformation');
      const result = await compare(client, template);
      assert.deepEqual(result.kinds, ['none'], `${name}:\n${result.text}\n${template}`);
      assert.match(result.text, /^1 table compared: no differences\. Read-only: nothing has been changed\.$/m);
      assert.match(result.text, new RegExp(`^Table ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: no differences$`, 'm'));
      assert.match(result.text, /Applying stays with CloudFormation/);
      assert.match(result.text, /drift from the stack's state/);
    }
  });

  for (const dialect of ['terraform', 'terraform-module']) {
    it(`every demo table, exported as ${dialect}, compares as no differences, and applying stays with Terraform`, async () => {
      for (const demo of DEMO_TABLES) {
        const name = demo.create.TableName!;
        const live = await describeLive(client, name);
        assert.ok(live, name);
        const file = exportConfig(live, dialect);
        const result = await compare(client, file, 'main.tf', dialect);
        assert.deepEqual(result.kinds, ['none'], `${name}:\n${result.text}\n${file}`);
        assert.match(result.text, /^1 table compared: no differences\. Read-only: nothing has been changed\.$/m);
        assert.match(result.text, /Applying stays with Terraform: run terraform plan and terraform apply\./);
        assert.match(result.text, /drift from Terraform's state/);
      }
    });
  }

  it('an edited template shows the difference; intrinsic values are not known, not differences', async () => {
    // An on-demand demo table without GSIs: switched to PROVISIONED with its units.
    const lives = await Promise.all(DEMO_TABLES.map(d => describeLive(client, d.create.TableName!)));
    const live = lives.find(l => l?.billingMode === 'PAY_PER_REQUEST' && l.globalSecondaryIndexes.length === 0);
    assert.ok(live, 'an on-demand demo table without GSIs');
    const template = exportConfig(live, 'cloudformation');
    const edited = template.replace(/BillingMode: PAY_PER_REQUEST.*/, 'BillingMode: PROVISIONED\n      ProvisionedThroughput:\n        ReadCapacityUnits: 3\n        WriteCapacityUnits: 3');
    const changed = await compare(client, edited);
    assert.deepEqual(changed.kinds, ['update'], changed.text);
    assert.match(changed.text, new RegExp(`^Table ${live.name}: differs from the live table$`, 'm'));
    assert.match(changed.text, /billing mode: PAY_PER_REQUEST -> PROVISIONED/);

    const unknownBilling = template.replace(/BillingMode: (\S+)/, 'BillingMode: !If [IsProd, $1, $1]')
      .replace('Resources:', 'Conditions:\n  IsProd: !Equals [!Ref AWS::Region, eu-west-1]\nResources:');
    const unknown = await compare(client, unknownBilling);
    assert.deepEqual(unknown.kinds, ['none'], unknown.text);
    assert.match(unknown.text, /^ {2}not known from the template: BillingMode \(Fn::If\)$/m);
  });

  it('a table whose name is an intrinsic is not compared, and the document says why', async () => {
    const live = await describeLive(client, DEMO_TABLES[0].create.TableName!);
    assert.ok(live);
    const template = exportConfig(live, 'cloudformation').replace(/TableName: .*/, 'TableName: !Sub "${AWS::StackName}-t"');
    const result = await compare(client, template);
    assert.deepEqual(result.kinds, []);
    assert.match(result.text, /^Resource \w+: not compared: its TableName is not known from the template \(TableName \(Fn::Sub\)\): CloudFormation resolves it at deploy time\.$/m);
    const unnamed = await compare(client, exportConfig(live, 'cloudformation').replace(/ {6}TableName: .*\n/, ''));
    assert.match(unnamed.text, /not compared: it has no TableName: CloudFormation names the table when it creates it/);
  });

  it('the CLI preview of a template with a table named by !Sub: that table skipped with a line saying why, the other previewed; the editor\'s words, line for line', async () => {
    const live = await describeLive(client, DEMO_TABLES[0].create.TableName!);
    assert.ok(live);
    const named = exportConfig(live, 'cloudformation');
    // The same table again as a second resource, named only at deploy time.
    const [head, resources] = named.split(/^Resources:\n/m);
    const second = resources.replace(/^ {2}(\w+):/m, '  $1Copy:').replace(/TableName: .*/, 'TableName: !Sub "${AWS::StackName}-copy"');
    const template = `${head}Resources:\n${resources}${second}`;
    const dir = mkdtempSync(join(tmpdir(), 'ddd-compare-cli-'));
    try {
      const file = join(dir, 'template.yaml');
      writeFileSync(file, template);
      const run = await runCli(['preview', file, '--endpoint', server.endpoint]);
      assert.equal(run.code, 0, run.err + run.out);
      assert.equal(run.err, '');
      const editor = await compare(client, template);
      assert.deepEqual(editor.kinds, ['none']);
      // The header names where and when; every other line is what Compare (and Preview) show in the editor.
      assert.deepEqual(run.out.trimEnd().split('\n').slice(1), editor.text.trimEnd().split('\n').slice(1));
      assert.match(run.out, /^Comparison of template\.yaml with the live tables on http:\/\/127\.0\.0\.1:\d+, read /);
      assert.match(run.out, /^1 table compared: no differences\./m);
      assert.match(run.out, /^Resource \w+Copy: not compared: its TableName is not known from the template \(TableName \(Fn::Sub\)\): CloudFormation resolves it at deploy time\.$/m);
      const json = await runCli(['preview', file, '--endpoint', server.endpoint, '--format', 'json']);
      assert.equal(json.code, 0, json.err);
      const parsed = JSON.parse(json.out) as { changes: boolean; appliedBy: string; tables: { table: string; kind: string }[]; notCompared: { label: string; reason: string }[] };
      assert.deepEqual([parsed.changes, parsed.appliedBy, parsed.tables.map(t => [t.table, t.kind])], [false, 'CloudFormation', [[live.name, 'none']]]);
      assert.deepEqual(parsed.notCompared.map(n => n.label), [editor.text.match(/^Resource (\w+Copy):/m)![1]]);
      // Only tables named at deploy time: nothing to compare, and it says so (no refusal).
      const onlyUnknown = join(dir, 'only.yaml');
      writeFileSync(onlyUnknown, named.replace(/TableName: .*/, 'TableName: !Ref AWS::StackName'));
      const none = await runCli(['preview', onlyUnknown, '--endpoint', server.endpoint]);
      assert.equal(none.code, 0, none.err);
      assert.match(none.out, /^0 tables compared: no differences\./m);
      assert.match(none.out, /not compared: its TableName is not known from the template \(TableName \(Ref\)\): CloudFormation resolves it at deploy time\./);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the CLI preview of Terraform with a table named by a variable: skipped in Terraform\'s words, the rest previewed', async () => {
    const live = await describeLive(client, DEMO_TABLES[0].create.TableName!);
    assert.ok(live);
    const resource = exportConfig(live, 'terraform');
    const copy = resource.replace(/resource "aws_dynamodb_table" "(\w+)"/, 'resource "aws_dynamodb_table" "$1_copy"').replace(/^( {2}name\s*=\s*)".*"$/m, '$1"${var.prefix}-copy"');
    assert.notEqual(copy, resource);
    const dir = mkdtempSync(join(tmpdir(), 'ddd-compare-cli-'));
    try {
      const file = join(dir, 'main.tf');
      writeFileSync(file, `variable "prefix" {}\n\n${resource}\n${copy}`);
      const run = await runCli(['preview', file, '--endpoint', server.endpoint]);
      assert.equal(run.code, 0, run.err + run.out);
      assert.match(run.out, /^1 table compared: no differences\./m);
      assert.match(run.out, /^Resource aws_dynamodb_table\.\w+_copy: not compared: its name is not known from the file \(a variable, local or expression\): Terraform resolves it when it plans\.$/m);
      assert.match(run.out, /Applying stays with Terraform/);
      const editor = await compare(client, readFileSync(file, 'utf8'), 'main.tf', 'terraform');
      assert.deepEqual(run.out.trimEnd().split('\n').slice(1), editor.text.trimEnd().split('\n').slice(1));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
