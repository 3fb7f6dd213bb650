/**
 * PartiQL against real servers: the CLI's `query` reads every item of a partition across pages
 * (pages cut by the 1 MB response limit, and by --page-size), with --limit, parameters from
 * --param and from a params comment, writes refused without --yes; the item browser's pager
 * (StatementPager) pages exactly with NextToken, Previous included. On DynamoDB Local; dynalite
 * (the embedded server) has no ExecuteStatement, which the CLI says in words.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { BatchWriteItemCommand, CreateTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { StatementPager, fetchStatementPage } from '../../../src/dynamo/partiql';
import { targetsOf } from '../../../src/model/items';
import type { JsonItem } from '../../../src/model/items';
import { describeTable, waitForActive } from '../../../src/dynamo/tables';
import { runCli } from '../../support/cli';
import { LocalServer, startDynalite, startDynamoDbLocal } from '../../support/servers';

const TABLE = 'partiql-items';
const BIG = 'x'.repeat(100_000);

async function seed(client: DynamoDBClient): Promise<void> {
  await client.send(new CreateTableCommand({
    TableName: TABLE, BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
  }));
  await waitForActive(client, TABLE, { timeoutMs: 30000 });
  const items: Record<string, unknown>[] = [];
  // USER#1: 25 items of 100 KB (more than 2 MB: DynamoDB's 1 MB response limit cuts pages); USER#2 and USER#3: small ones.
  for (let i = 0; i < 25; i++) { items.push({ pk: { S: 'USER#1' }, sk: { N: String(i) }, blob: { S: BIG } }); }
  for (let i = 0; i < 40; i++) { items.push({ pk: { S: `USER#${2 + (i % 2)}` }, sk: { N: String(i) }, n: { N: '12345678901234567890123456789012345678' } }); }
  for (let i = 0; i < items.length; i += 25) {
    await client.send(new BatchWriteItemCommand({ RequestItems: { [TABLE]: items.slice(i, i + 25).map(Item => ({ PutRequest: { Item: Item as never } })) } }));
  }
}

const query = (server: LocalServer, ...args: string[]) => runCli(['query', ...args, '--endpoint', server.endpoint]);
const sks = (items: JsonItem[]) => items.map(i => Number((i.sk as { N: string }).N)).sort((a, b) => a - b);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('PartiQL on DynamoDB Local', () => {
  let server: LocalServer;
  let client: DynamoDBClient;
  before(async () => {
    server = await startDynamoDbLocal();
    client = server.client();
    await seed(client);
  });
  after(async () => { await server?.stop(); });

  it('the CLI prints every item of a partition, across pages cut at 1 MB (jsonl)', async () => {
    const run = await query(server, `SELECT * FROM "${TABLE}" WHERE pk = 'USER#1'`, '--format', 'jsonl');
    assert.equal(run.code, 0, run.err);
    const items = run.out.trim().split('\n').map(l => JSON.parse(l) as JsonItem);
    assert.deepEqual(sks(items), range(25));
    assert.ok(items.every(i => (i.blob as { S: string }).S === BIG));
    const requests = Number(/in (\d+) request/.exec(run.err)?.[1]);
    assert.ok(requests >= 3, `more than 2 MB comes in several responses: ${run.err}`);
  });

  it('the CLI pages with --page-size, takes --param (38 digits kept) and a params comment, stops at --limit (json)', async () => {
    const run = await query(server, `SELECT pk, sk, n FROM "${TABLE}" WHERE pk = ?`, '--param', 'USER#2', '--page-size', '3');
    assert.equal(run.code, 0, run.err);
    const items = JSON.parse(run.out) as JsonItem[];
    assert.deepEqual(sks(items), range(20).map(i => i * 2));
    assert.ok(items.every(i => (i.n as { N: string }).N === '12345678901234567890123456789012345678'));
    assert.match(run.err, /^20 item\(s\) in (7|8) request\(s\)\.$/m);

    const commented = await query(server, `-- params: ["USER#3"]\nSELECT * FROM "${TABLE}" WHERE pk = ?`, '--format', 'jsonl', '--page-size', '4', '--limit', '9');
    assert.equal(commented.code, 0, commented.err);
    assert.equal(commented.out.trim().split('\n').length, 9);

    const none = await query(server, `SELECT * FROM "${TABLE}" WHERE pk = 'nobody'`);
    assert.equal(none.code, 0, none.err);
    assert.deepEqual(JSON.parse(none.out), []);
  });

  it('the CLI refuses a write without --yes, runs it with --yes; usage and server errors in one line', async () => {
    const statement = `UPDATE "${TABLE}" SET flag = true WHERE pk = 'USER#2' AND sk = 0`;
    const refused = await query(server, statement);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /refusing to run UPDATE on partiql-items without --yes/);
    const check = async () => JSON.parse((await query(server, `SELECT flag FROM "${TABLE}" WHERE pk = 'USER#2' AND sk = 0`)).out) as JsonItem[];
    assert.deepEqual(await check(), [{}]);
    const done = await query(server, statement, '--yes');
    assert.equal(done.code, 0, done.err);
    assert.deepEqual(await check(), [{ flag: { BOOL: true } }]);

    const count = await query(server, `SELECT * FROM "${TABLE}" WHERE pk = ? AND sk = ?`, '--param', 'USER#2');
    assert.equal(count.code, 2);
    assert.match(count.err, /2 \? parameter\(s\) but 1 value/);
    const syntax = await query(server, `SELEC * FROM "${TABLE}"`);
    assert.equal(syntax.code, 1);
    assert.match(syntax.err, /^dynamodb-designer query: .*(Statement wasn't well formed|syntax)/im);
    assert.doesNotMatch(syntax.err, /\n\s+at /, 'no stack trace');
  });

  it('the item browser\'s pager reads exact pages with NextToken, next and previous', async () => {
    const table = await describeTable(client, TABLE);
    const request = { target: targetsOf(table)[0]!, mode: 'scan' as const, pageSize: 6 };
    const pager = new StatementPager(client, request, { statement: `SELECT pk, sk FROM "${TABLE}" WHERE pk = ?`, parameters: [{ S: 'USER#3' }] });
    const seen: number[][] = [];
    let page = await pager.first();
    seen.push(sks([...page.items]));
    while (pager.hasNext) { page = await pager.next(); seen.push(sks([...page.items])); }
    assert.deepEqual(seen.flat().sort((a, b) => a - b), range(20).map(i => i * 2 + 1));
    assert.ok(seen.length >= 4, `20 items in pages of 6: ${JSON.stringify(seen)}`);
    const last = pager.pageNumber;
    const back = await pager.previous();
    assert.equal(pager.pageNumber, last - 1);
    assert.deepEqual(sks([...back.items]), seen[last - 2]);
    const alone = await fetchStatementPage(client, { statement: `SELECT * FROM "${TABLE}" WHERE pk = 'USER#9'` }, 5, undefined);
    assert.deepEqual([alone.items.length, alone.lastEvaluatedKey], [0, undefined]);
  });
});

describe('PartiQL on dynalite (the embedded server)', () => {
  let server: LocalServer;
  before(async () => { server = await startDynalite(); });
  after(async () => { await server?.stop(); });
  it('says that the server has no ExecuteStatement, in one line', async () => {
    const run = await query(server, 'SELECT * FROM "anything"');
    assert.equal(run.code, 1);
    assert.match(run.err, /^dynamodb-designer query: This server does not run PartiQL statements \(no ExecuteStatement; dynalite/m);
  });
});
