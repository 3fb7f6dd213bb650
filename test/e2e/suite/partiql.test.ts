/**
 * PartiQL, the query history and saved queries in the real extension host, on DynamoDB Local
 * behind an endpoint connection (the embedded server, dynalite, has no ExecuteStatement: that is
 * checked too). A statement of a `.partiql` file runs with Run Statement, its first page shows in
 * the table's item browser and page 2 follows by NextToken; a SELECT that scans asks first; a
 * write asks in a modal naming the statement and the table; a DynamoDB error is marked on the
 * statement; the history re-runs a statement; a saved query file runs back in the item browser.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { BatchWriteItemCommand, CreateTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ExtensionApi } from '../../../src/extension';
import { getItem } from '../../../src/dynamo/items';
import { waitForActive } from '../../../src/dynamo/tables';
import type { ItemsInit, PageView, PanelTarget } from '../../../webview/protocol';
import { LocalServer, startDynamoDbLocal } from '../../support/servers';
import { ScriptedPrompts } from './prompts';
import type { Answer } from './prompts';
import { api, until } from './support';

const TABLE = 'partiql-orders';
const NAME = 'PartiQL server';
const target: PanelTarget = { connectionId: `endpoint:${NAME}`, region: 'us-east-1', connectionLabel: NAME, tableName: TABLE };
const FILE = [
  '-- Orders of one customer',
  `SELECT * FROM "${TABLE}" WHERE pk = 'USER#1';`,
  '',
  `SELECT * FROM "${TABLE}" WHERE total > 10;`,
  '',
  '-- params: [3]',
  `UPDATE "${TABLE}" SET flag = true WHERE pk = 'USER#2' AND sk = ?;`,
  '',
  `SELEC * FROM "${TABLE}";`,
  '',
  `SELECT * FROM "${TABLE}" WHERE pk = ? AND sk >= ?;`,
].join('\n');

const sks = (page: PageView): number[] => page.rows.map(r => Number((r.key.sk as { N: string }).N));

async function seed(client: DynamoDBClient): Promise<void> {
  await client.send(new CreateTableCommand({
    TableName: TABLE, BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
  }));
  await waitForActive(client, TABLE, { timeoutMs: 30000 });
  const items = [
    ...Array.from({ length: 8 }, (_, i) => ({ pk: { S: 'USER#1' }, sk: { N: String(i) }, total: { N: String(i * 5) } })),
    ...Array.from({ length: 4 }, (_, i) => ({ pk: { S: 'USER#2' }, sk: { N: String(i) }, total: { N: '1' } })),
  ];
  await client.send(new BatchWriteItemCommand({ RequestItems: { [TABLE]: items.map(Item => ({ PutRequest: { Item } })) } }));
}

describe('PartiQL, query history and saved queries (DynamoDB Local)', () => {
  let a: ExtensionApi;
  let server: LocalServer;
  let client: DynamoDBClient;
  let dir: string;
  let document: vscode.TextDocument;
  const settings = () => vscode.workspace.getConfiguration('dynamodbDesigner');

  /** Runs a command with a scripted person; checks every answer was used as meant. */
  async function withPerson<T>(answers: Answer[], work: (person: ScriptedPrompts) => Promise<T>): Promise<T> {
    const person = new ScriptedPrompts(answers);
    const previous = a.setPrompts(person);
    try {
      const result = await work(person);
      assert.deepEqual(person.problems, []);
      assert.equal(person.left, 0, 'every answer was asked for');
      return result;
    } finally {
      a.setPrompts(previous);
    }
  }

  /** Puts the cursor in the statement that contains `text` and runs Run Statement (as Ctrl+Enter does). */
  async function runAt(text: string): Promise<unknown> {
    const editor = await vscode.window.showTextDocument(document);
    const at = document.positionAt(document.getText().indexOf(text) + 2);
    editor.selection = new vscode.Selection(at, at);
    return vscode.commands.executeCommand('dynamodbDesigner.runStatement');
  }

  before(async function () {
    this.timeout(120000);
    a = await api();
    server = await startDynamoDbLocal();
    client = server.client();
    await seed(client);
    await settings().update('connections', [{ type: 'endpoint', name: NAME, endpoint: server.endpoint, region: 'us-east-1' }], vscode.ConfigurationTarget.Global);
    await settings().update('items.pageSize', 5, vscode.ConfigurationTarget.Global);
    dir = mkdtempSync(join(tmpdir(), 'ddd-partiql-'));
    writeFileSync(join(dir, 'orders.partiql'), FILE);
    document = await vscode.workspace.openTextDocument(vscode.Uri.file(join(dir, 'orders.partiql')));
    assert.equal(document.languageId, 'partiql');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await settings().update('connections', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('items.pageSize', undefined, vscode.ConfigurationTarget.Global);
    await server?.stop();
    if (dir) { rmSync(dir, { recursive: true, force: true }); }
  });

  it('runs a SELECT of a .partiql file: its first page in the item browser, then page 2 by NextToken', async () => {
    // Opening a .partiql file in an editor loads the extension's AWS part, which brings its lenses.
    await vscode.window.showTextDocument(document);
    const lenses = await until('a Run Statement lens per statement', async () => {
      const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 100);
      return all.filter(l => l.command?.command === 'dynamodbDesigner.runStatement').length === 5 && all;
    });
    assert.ok(lenses.some(l => l.command?.command === 'dynamodbDesigner.choosePartiqlConnection'));

    const ran = await withPerson([{ pick: NAME }], async person => {
      const result = await runAt(`SELECT * FROM "${TABLE}" WHERE pk = 'USER#1'`);
      assert.equal(person.asked[0]?.kind, 'pick', 'the file\'s connection is asked once');
      return result;
    });
    assert.equal(ran, true);
    const items = await until('the item browser', () => a.findPanel('items', target));
    const init: ItemsInit = await items.request('items.init', {});
    const first = init.page!;
    assert.equal(first.query.mode, 'partiql');
    assert.equal(first.query.statement, `SELECT * FROM "${TABLE}" WHERE pk = 'USER#1'`);
    assert.equal(first.rows.length, 5);
    assert.ok(first.hasNext && first.lastEvaluatedKey, 'a NextToken leads on');
    const second: PageView = await items.request('items.next', { fromPage: 1, after: first.lastEvaluatedKey! });
    assert.equal(second.pageNumber, 2);
    assert.deepEqual([...sks(first), ...sks(second)].sort((x, y) => x - y), [0, 1, 2, 3, 4, 5, 6, 7]);
    const back: PageView = await items.request('items.previous', { fromPage: 2 });
    assert.deepEqual(sks(back), sks(first));
  });

  it('completes table names after FROM and attribute names (keys, then those of sampled items) in a statement; hover on a table shows its keys', async () => {
    const text = document.getText();
    const afterFrom = document.positionAt(text.indexOf(`"${TABLE}"`));
    const tables = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, afterFrom);
    assert.ok(tables.items.some(i => i.label === TABLE && i.insertText === `"${TABLE}"`), tables.items.map(i => String(i.label)).join(', '));
    const inWhere = document.positionAt(text.indexOf('pk = \'USER#1\''));
    const attributes = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, inWhere);
    const labels = attributes.items.map(i => String(i.label));
    assert.deepEqual(labels.filter(l => ['pk', 'sk', 'total'].includes(l)), ['pk', 'sk', 'total'], 'the keys first, then what the sampled items hold');
    const [hover] = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(text.indexOf(TABLE) + 2));
    const markdown = hover!.contents.map(c => (typeof c === 'string' ? c : c.value)).join('\n');
    assert.match(markdown, /\*\*partiql-orders\*\* · PartiQL server · us-east-1/);
    assert.match(markdown, /Keys: `pk` \(S, partition key\), `sk` \(N, sort key\)/);
    assert.match(markdown, /About 12 items/);
  });

  it('asks before a SELECT that scans the whole table, naming the partition key; No runs nothing', async () => {
    const ran = await withPerson([{ confirm: false }], async person => {
      const result = await runAt(`SELECT * FROM "${TABLE}" WHERE total > 10`);
      assert.match(person.asked[0]!.title, /^This SELECT reads all of the table partiql-orders: its WHERE has no equality on the partition key pk\.$/);
      assert.match(person.asked[0]!.detail!, /runs it as a Scan.*WHERE pk = \.\.\./s);
      return result;
    });
    assert.equal(ran, false);
  });

  it('a write asks in a modal naming the statement and the table, with parameters from the params comment', async () => {
    await withPerson([{ confirm: false }], () => runAt('UPDATE'));
    assert.equal((await getItem(client, TABLE, { pk: { S: 'USER#2' }, sk: { N: '3' } }))?.flag, undefined, 'No changed nothing');
    const ran = await withPerson([{ confirm: true }], async person => {
      const result = await runAt('UPDATE');
      assert.equal(person.asked[0]!.title, 'Run this UPDATE on table partiql-orders?');
      assert.match(person.asked[0]!.detail!, /UPDATE "partiql-orders" SET flag = true WHERE pk = 'USER#2' AND sk = \?/);
      return result;
    });
    assert.equal(ran, true);
    assert.deepEqual((await getItem(client, TABLE, { pk: { S: 'USER#2' }, sk: { N: '3' } }))?.flag, { BOOL: true });
  });

  it('asks for ? parameters typed as DynamoDB values, and marks a DynamoDB error on the statement', async () => {
    const refused = await withPerson([{ input: 'USER#1' }, { input: '{"N": "x"}', invalid: true }], async person => {
      const result = await runAt(`SELECT * FROM "${TABLE}" WHERE pk = ? AND`);
      assert.equal(person.asked[1]!.title, 'PartiQL parameter 2 of 2');
      assert.match(person.asked[1]!.validation!, /not a number/);
      return result;
    });
    assert.equal(refused, false, 'a value the box refuses is never sent');
    const ran = await withPerson([{ input: 'USER#1' }, { input: '6' }], () => runAt(`SELECT * FROM "${TABLE}" WHERE pk = ? AND`));
    assert.equal(ran, true);
    const items = a.findPanel('items', target)!;
    const page = (await items.request('items.init', {})).page!;
    assert.deepEqual(page.query.parameters, [{ S: 'USER#1' }, { N: '6' }]);
    assert.deepEqual(sks(page), [6, 7]);

    await runAt('SELEC *');
    const marked = await until('the error on the statement', () => vscode.languages.getDiagnostics(document.uri).find(d => d.source === 'PartiQL'));
    assert.equal(marked.range.start.line, FILE.split('\n').findIndex(l => l.startsWith('SELEC ')));
    assert.match(marked.message, /well formed|syntax|ValidationException/i);
  });

  it('keeps the runs in the query history (PartiQL, and Scan and Query from the item browser, not its own first read) and runs one again from it', async () => {
    const browser = a.findPanel('items', target)!;
    await browser.request('items.run', { query: { mode: 'scan', pageSize: 5, filters: [] }, initial: true });
    await browser.request('items.run', { query: { mode: 'query', pageSize: 5, filters: [], partitionKey: { name: 'pk', type: 'S', value: 'USER#2' } } });
    const entry = await withPerson([{ pick: `SELECT * FROM "${TABLE}" WHERE pk = 'USER#1'` }], async person => {
      const result = await vscode.commands.executeCommand('dynamodbDesigner.queryHistory');
      const items = person.asked[0]!.items!;
      assert.equal(items[1], 'Query pk = "USER#2"', 'the newest first, after the connection\'s separator');
      assert.ok(items.includes(`UPDATE "${TABLE}" SET flag = true WHERE pk = 'USER#2' AND sk = ?`), items.join('\n'));
      assert.ok(!items.some(i => /total > 10/.test(i)), 'a statement not run is not in the history');
      // Other suites' runs may be listed too (other connections): the entry just older than the Query is this suite's last statement, not the Scan.
      assert.equal(items[2], `SELECT * FROM "${TABLE}" WHERE pk = ? AND sk >= ?`, 'the panel\'s own first read is not kept');
      return result;
    });
    assert.ok(entry);
    const page = (await a.findPanel('items', target)!.request('items.init', {})).page!;
    assert.equal(page.query.statement, `SELECT * FROM "${TABLE}" WHERE pk = 'USER#1'`);
  });

  it('saves the statement at the cursor as a .dynamodb-query.json file and opens it back into the item browser', async () => {
    const file = vscode.Uri.file(join(dir, 'user-1.dynamodb-query.json'));
    const editor = await vscode.window.showTextDocument(document);
    const at = document.positionAt(document.getText().indexOf(`WHERE pk = 'USER#1'`));
    editor.selection = new vscode.Selection(at, at);
    await withPerson([{ save: file }], async () => vscode.commands.executeCommand('dynamodbDesigner.saveQuery'));
    const saved = JSON.parse(readFileSync(file.fsPath, 'utf8')) as Record<string, unknown>;
    assert.deepEqual(saved, { dynamodbQuery: 1, table: TABLE, kind: 'partiql', statement: `SELECT * FROM "${TABLE}" WHERE pk = 'USER#1'`, pageSize: 5 });
    assert.doesNotMatch(readFileSync(file.fsPath, 'utf8'), /endpoint|127\.0\.0\.1|secret|local/i, 'nothing of the connection is written');

    a.findPanel('items', target)?.dispose();
    await withPerson([{ pick: NAME }], async () => vscode.commands.executeCommand('dynamodbDesigner.openSavedQuery', file));
    const items = await until('the item browser', () => a.findPanel('items', target));
    const page = (await items.request('items.init', {})).page!;
    assert.deepEqual(sks(page), [0, 1, 2, 3, 4]);
  });

  it('on the embedded server, says that it has no PartiQL, at the statement', async () => {
    await withPerson([{ pick: 'Local' }], async () => vscode.commands.executeCommand('dynamodbDesigner.choosePartiqlConnection', document.uri));
    const ran = await runAt(`SELECT * FROM "${TABLE}" WHERE pk = 'USER#1'`);
    assert.equal(ran, undefined);
    const marked = await until('the error on the statement', () => vscode.languages.getDiagnostics(document.uri).find(d => d.source === 'PartiQL'));
    assert.match(marked.message, /embedded local DynamoDB \(dynalite\) does not run PartiQL/);
  });
});
