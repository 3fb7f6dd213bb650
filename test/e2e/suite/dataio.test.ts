/**
 * Import Items... and Empty Table... in the real extension host against the embedded server, the
 * person's answers scripted (ScriptedPrompts): the file picked, the dry run shown in the
 * confirmation (items, the invalid line with its number and reason, write units), then the items
 * written; a refused confirmation writes nothing; Empty Table asks for the plan and the typed name
 * and leaves the table empty.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { CreateTableCommand, DeleteTableCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ExtensionApi } from '../../../src/extension';
import type { ImportOutcome } from '../../../src/vscode/commands/data';
import type { DeleteMatchingOutcome } from '../../../src/vscode/commands/deleteMatching';
import { waitForActive } from '../../../src/dynamo/tables';
import { ScriptedPrompts, type Answer } from './prompts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, until } from './support';

const TABLE = 'e2e-import';
const target = { connectionId: 'local', connectionLabel: 'Local (embedded)', region: 'us-east-1', tableName: TABLE };

describe('Import Items and Empty Table', () => {
  let a: ExtensionApi;
  let previous: ReturnType<ExtensionApi['setPrompts']>;
  let client: DynamoDBClient;
  let file: vscode.Uri;

  async function answered<T>(command: string, answers: readonly Answer[]): Promise<{ result: T; prompts: ScriptedPrompts }> {
    const prompts = new ScriptedPrompts(answers);
    a.setPrompts(prompts);
    const result = await vscode.commands.executeCommand<T>(command, target);
    assert.deepEqual(prompts.problems, [], 'the questions asked are the ones scripted');
    assert.equal(prompts.left, 0, `all answers were used; asked: ${JSON.stringify(prompts.asked)}`);
    return { result, prompts };
  }

  async function count(): Promise<number> {
    let n = 0;
    let start: Record<string, never> | undefined;
    do {
      const out = await client.send(new ScanCommand({ TableName: TABLE, Select: 'COUNT', ...(start ? { ExclusiveStartKey: start } : {}) }));
      n += out.Count ?? 0;
      start = out.LastEvaluatedKey as Record<string, never> | undefined;
    } while (start);
    return n;
  }

  before(async function () {
    this.timeout(60000);
    a = await api();
    previous = a.setPrompts(new ScriptedPrompts([]));
    client = await a.services.client('local', 'us-east-1');
    await client.send(new CreateTableCommand({
      TableName: TABLE, BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'n', AttributeType: 'N' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'n', KeyType: 'RANGE' }],
    }));
    await waitForActive(client, TABLE, { timeoutMs: 30000 });
    const lines = Array.from({ length: 600 }, (_, i) => JSON.stringify({ pk: { S: `p${i % 7}` }, n: { N: String(i) }, tags: { SS: ['a', `t${i}`] }, empty: { S: '' } }));
    lines.splice(100, 0, '{"pk":{"S":"bad"},"n":{"S":"not a number key"}}');
    file = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'e2e-import.jsonl');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(`${lines.join('\n')}\n`));
  });

  after(async () => {
    a.setPrompts(previous);
    await client.send(new DeleteTableCommand({ TableName: TABLE })).catch(() => undefined);
    await vscode.workspace.fs.delete(file).then(undefined, () => undefined);
  });

  it('a refused confirmation after the dry run writes nothing', async function () {
    this.timeout(30000);
    const { result, prompts } = await answered<ImportOutcome>('dynamodbDesigner.importItems', [{ open: file }, { confirm: false }]);
    assert.deepEqual(result, { done: false, reason: 'cancelled' });
    const confirm = prompts.asked[1]!;
    assert.match(confirm.title, /^Import 600 items from e2e-import\.jsonl into e2e-import on .+ and skip 1 invalid line\(s\)\?$/);
    assert.match(confirm.detail!, /Format: dynamodb-json; 601 line\(s\) read\./);
    assert.match(confirm.detail!, /Items to write: 600; invalid lines: 1\./);
    assert.match(confirm.detail!, /line 101: the sort key n is of type S; the table declares N/);
    assert.match(confirm.detail!, /Estimated write units: 600\./);
    assert.match(confirm.detail!, /idempotent by key/);
    assert.equal(await count(), 0);
  });

  it('imports the valid items after the confirmation', async function () {
    this.timeout(30000);
    const { result } = await answered<ImportOutcome>('dynamodbDesigner.importItems', [{ open: file }, { confirm: true }]);
    assert.deepEqual(result, { done: true, written: 600, skipped: 1 });
    assert.equal(await count(), 600);
  });

  it('Delete all matching in the item browser: a Query of one partition deletes its items only; Export all reads with 4 segments', async function () {
    this.timeout(60000);
    await vscode.commands.executeCommand('dynamodbDesigner.browseItems', target);
    const items = await until('the item browser', () => a.findPanel('items', target));
    const page = await items.request('items.run', { query: { mode: 'query', pageSize: 100, filters: [], partitionKey: { name: 'pk', type: 'S', value: 'p3' } } });
    assert.equal(page.rows.length, 86, 'p3 holds every 7th item of 600');
    const person = new ScriptedPrompts([{ confirm: true }, { input: 'wrong' , invalid: true }]);
    a.setPrompts(person);
    assert.deepEqual(await items.request('items.deleteAll', {}), { done: false, reason: 'cancelled' }, 'a wrong name deletes nothing');
    assert.equal(await count(), 600);
    const { prompts } = await (async () => {
      const scripted = new ScriptedPrompts([{ confirm: true }, { input: TABLE }]);
      a.setPrompts(scripted);
      const outcome = await items.request('items.deleteAll', {});
      assert.ok(outcome.done && outcome.deleted === 86, JSON.stringify(outcome));
      assert.equal(outcome.page?.rows.length, 0, 'the page read again is empty');
      return { prompts: scripted };
    })();
    assert.deepEqual(prompts.problems, []);
    assert.match(prompts.asked[0]!.title, /^Delete 86 matching items from e2e-import on /);
    assert.match(prompts.asked[0]!.detail!, /^86 item\(s\) of e2e-import will be deleted, about 86 write unit\(s\)\.\nFirst keys: pk="p3", n=3; pk="p3", n=10;/);
    assert.equal(await count(), 514);

    const settings = vscode.workspace.getConfiguration('dynamodbDesigner');
    await settings.update('items.exportSegments', 4, vscode.ConfigurationTarget.Global);
    try {
      const folder = vscode.workspace.workspaceFolders![0]!.uri;
      a.setPrompts(new ScriptedPrompts([{ save: vscode.Uri.joinPath(folder, 'e2e-import-all.jsonl') }]));
      await items.request('items.run', { query: { mode: 'scan', pageSize: 100, filters: [] } });
      const exported = await items.request('items.export', { scope: 'all', format: 'jsonl' });
      assert.ok(exported.done && exported.items === 514, JSON.stringify(exported));
      const lines = readFileSync(join(folder.fsPath, 'e2e-import-all.jsonl'), 'utf8').trim().split('\n');
      assert.equal(new Set(lines).size, 514, 'every item once');
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, 'e2e-import-all.jsonl'));
    } finally {
      await settings.update('items.exportSegments', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('Empty Table: the plan, the typed name, then every item deleted', async function () {
    this.timeout(30000);
    const { result, prompts } = await answered<DeleteMatchingOutcome>('dynamodbDesigner.emptyTable', [{ confirm: true }, { input: TABLE }]);
    assert.deepEqual(result, { done: true, deleted: 514, planned: 514 });
    assert.match(prompts.asked[0]!.title, new RegExp(`^Empty table ${TABLE} on Local`));
    assert.match(prompts.asked[0]!.detail!, /^514 item\(s\) of e2e-import will be deleted, about 514 write unit\(s\)\.\nFirst keys: /);
    assert.match(prompts.asked[0]!.detail!, /deleting the table and creating it again may be faster and cheaper/);
    assert.equal(await count(), 0);
  });
});
