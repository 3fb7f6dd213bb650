/**
 * Running a design against a real local server (dynalite, the embedded server): the skill's
 * e-commerce design in all three dialects, every pattern served as declared, the counts checked
 * here against the generated data (by entity and attribute, not through the runner's own
 * expectation); a deliberately wrong pattern through the CLI (exit 1); scratch tables gone after
 * a run, also one that fails half way.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { generateSamples } from '../../../src/design/samples';
import { formatRunReport, runDesign } from '../../../src/dynamo/patterns';
import { analyze } from '../../../src/language/service';
import { runCli } from '../../support/cli';
import { ECOMMERCE_DESIGN, ecommerceTable } from '../../support/ecommerceDesign';
import { repoRoot } from '../../support/paths';
import { type LocalServer, startDynalite } from '../../support/servers';

const examples = join(repoRoot(), 'examples');
const read = (name: string): string => readFileSync(join(examples, name), 'utf8');

function designOf(name: string) {
  const sidecar = name.endsWith('.design.yaml');
  const analysis = analyze(read(name), { uri: join(examples, name), companion: sidecar ? read(name.replace('.design.yaml', '.yaml')) : undefined });
  assert.ok(analysis?.design, name);
  return { design: analysis.design, tables: analysis.designTables ?? analysis.tables };
}

async function tableNames(client: DynamoDBClient): Promise<string[]> {
  return (await client.send(new ListTablesCommand({}))).TableNames ?? [];
}

describe('patterns on dynalite', () => {
  let server: LocalServer;
  let client: DynamoDBClient;
  let dir: string;
  before(async () => {
    server = await startDynalite();
    client = server.client();
    dir = mkdtempSync(join(tmpdir(), 'ddd-patterns-'));
  });
  after(async () => {
    await server?.stop();
    if (dir) { rmSync(dir, { recursive: true, force: true }); }
  });

  for (const name of ['ecommerce.toml', 'ecommerce.component.yaml', 'ecommerce.planton.design.yaml']) {
    it(`${name}: every pattern served as declared, counts as in the generated data`, async () => {
      const { design, tables } = designOf(name);
      const report = await runDesign(client, design, tables, { seed: 7 });
      assert.deepEqual(report.results.filter(r => !r.ok).map(r => `${r.name}: ${r.problems.join('; ')}`), []);
      assert.equal(report.ok, true);
      assert.deepEqual(report.results.map(r => r.name), design.patterns.map(p => p.name));
      const samples = generateSamples(design, tables, { seed: 7 });
      assert.equal(report.tables[0].items, 48);
      assert.equal(samples.length, 48);
      const of = (entity: string, attribute: string, value: unknown) => samples.filter(s => s.entity === entity && s.item[attribute] === value).length;
      const r = Object.fromEntries(report.results.map(x => [x.name, x]));
      assert.deepEqual([r['Get user by ID'].items, r['Get user by ID'].entities], [1, { User: 1 }]);
      assert.deepEqual([r['Get product by ID'].items, r['Get product by ID'].entities], [1, { Product: 1 }]);
      const orders = of('Order', 'userId', r['List orders for a user'].parameters.userId);
      assert.ok(orders > 1, `a user with several orders is queried (${orders})`);
      assert.deepEqual([r['List orders for a user'].items, r['List orders for a user'].entities], [orders, { Order: orders }]);
      const byDate = of('Order', 'userId', r['List orders by date'].parameters.userId);
      assert.deepEqual([r['List orders by date'].items, r['List orders by date'].sent, r['List orders by date'].scanned], [byDate, 'Query', false]);
      const lines = of('Order Item', 'orderId', r['List items of an order'].parameters.orderId);
      assert.deepEqual([r['List items of an order'].items, r['List items of an order'].entities], [lines, { 'Order Item': lines }]);
      const users = of('User', 'email', r['Find user by email'].parameters.email);
      assert.deepEqual([r['Find user by email'].items, r['Find user by email'].entities], [users, { User: users }]);
      assert.equal(r['Create order'].sent, 'PutItem');
      assert.ok(report.results.filter(x => x.sent !== 'PutItem').every(x => x.consumedCapacity > 0), 'consumed capacity reported');
      const left = (await tableNames(client)).filter(t => t.includes('-patterns-'));
      assert.deepEqual(left, [], 'scratch tables deleted');
    });
  }

  it('the fixture\'s "List orders by date" takes between "ORDER#{from}" and "ORDER#{to}": the bounds are filled from the samples (the user\'s first and last order date), all its orders returned', async () => {
    const tables = [ecommerceTable()];
    const report = await runDesign(client, ECOMMERCE_DESIGN, tables, { seed: 7, counts: { Order: 40 } });
    assert.deepEqual(report.results.filter(r => !r.ok).map(r => `${r.name}: ${r.problems.join('; ')}`), []);
    const r = report.results.find(x => x.name === 'List orders by date')!;
    const samples = generateSamples(ECOMMERCE_DESIGN, tables, { seed: 7, counts: { Order: 40 } });
    const orders = samples.filter(s => s.entity === 'Order');
    const dates = orders.filter(s => s.item.userId === r.parameters.userId).map(s => String(s.item.createdAt)).sort();
    assert.ok(dates.length > 1, `a user with several orders is queried (${dates.length})`);
    assert.ok(dates.length < orders.length, 'the user has not every order (the range is the user\'s)');
    assert.deepEqual(r.parameters, { userId: r.parameters.userId, from: dates[0], to: dates[dates.length - 1] });
    assert.deepEqual([r.sent, r.scanned, r.items, r.expected, r.entities], ['Query', false, dates.length, dates.length, { Order: dates.length }]);
    assert.match(formatRunReport(report).join('\n'), /^ {5}Query on GSI GSI1 with GSI1PK = "USER#\{userId\}" AND GSI1SK BETWEEN "ORDER#\{from\}" AND "ORDER#\{to\}"; userId = "userId-\d+", from = "[^"]+", to = "[^"]+"$/m);
  });

  it('the CLI: a deliberately wrong pattern (the skill\'s "Get order by ID" on ORDER#, GSI1 not named) exits 1 and says why', async () => {
    const wrong = read('ecommerce.toml')
      .replace('name = "Get order by ID"\noperation = "get"\nkey_condition = { PK = "USER#{userId}", SK = "ORDER#{orderId}" }', 'name = "Get order by ID"\noperation = "query"\nkey_condition = { PK = "ORDER#{orderId}" }')
      .replace('index = "GSI1"\nkey_condition = { GSI1PK', 'key_condition = { GSI1PK');
    const file = join(dir, 'wrong.toml');
    writeFileSync(file, wrong);
    const run = await runCli(['patterns', file, '--endpoint', server.endpoint]);
    assert.equal(run.code, 1, run.err + run.out);
    assert.match(run.out, /^FAIL Get order by ID: Query, \d+ item\(s\) of \d+ expected \[\d+ Order Item\]/m);
    assert.match(run.out, /returned Order Item, not only Order/);
    assert.match(run.out, /^FAIL List orders by date: Scan \(scanned\)/m);
    assert.match(run.out, /^ok {3}Get user by ID: GetItem, 1 item\(s\) of 1 expected \[1 User\]/m);
    assert.match(run.out, /^2 of 8 pattern\(s\) not served as declared$/m);
    const json = await runCli(['patterns', file, '--endpoint', server.endpoint, '--format', 'json']);
    assert.equal(json.code, 1, json.err);
    const parsed = JSON.parse(json.out) as { ok: boolean; results: { name: string; ok: boolean; scanned: boolean }[] };
    assert.equal(parsed.ok, false);
    assert.deepEqual(parsed.results.filter(x => !x.ok).map(x => [x.name, x.scanned]), [['Get order by ID', false], ['List orders by date', true]]);
    assert.deepEqual((await tableNames(client)).filter(t => t.includes('-patterns-')), []);
  });

  it('the CLI on the embedded server (no --endpoint): the sidecar found from the manifest, exit 0', async () => {
    const run = await runCli(['patterns', join(examples, 'ecommerce.planton.yaml'), '--count', 'Order=30']);
    assert.equal(run.code, 0, run.err + run.out);
    assert.match(run.out, /^8 pattern\(s\), all served as declared \(scratch tables my-service-table-patterns-[0-9a-f]{8}: 66 items, deleted\)$/m);
  });

  it('deletes the scratch tables when the run fails half way (cancelled while writing)', async () => {
    const { design, tables } = designOf('ecommerce.toml');
    const abort = new AbortController();
    await assert.rejects(runDesign(client, design, tables, { signal: abort.signal, progress: line => { if (line.startsWith('writing')) { abort.abort(); } } }));
    assert.deepEqual((await tableNames(client)).filter(t => t.includes('-patterns-')), []);
  });
});
