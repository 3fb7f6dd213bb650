/**
 * Delete Table(s) in Config with two tables, in the real extension host against the embedded
 * server: one confirmation lists both tables and what each loses before any name is typed; a
 * cancel at the second typed name leaves both tables; the server's lack of deletion protection is
 * said. The person's answers are scripted (ScriptedPrompts).
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { BatchWriteItemCommand, CreateTableCommand, DeleteTableCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ExtensionApi } from '../../../src/extension';
import type { DeleteOutcome } from '../../../src/vscode/commands/deleteTable';
import { Answer, ScriptedPrompts } from './prompts';
import { api } from './support';

const FIRST = 'e2e-del-first';
const SECOND = 'e2e-del-second';
const CONFIG = `provider = "aws"
region = "eu-west-1"

[[resources.dynamodb]]
name = "${FIRST}"
billing_mode = "PAY_PER_REQUEST"
hash_key_name = "id"
hash_key_type = "S"

[[resources.dynamodb]]
name = "${SECOND}"
billing_mode = "PAY_PER_REQUEST"
hash_key_name = "id"
hash_key_type = "S"
deletion_protection = true
`;

describe('delete the tables of a config: one confirmation for all, then the typed names', () => {
  let a: ExtensionApi;
  let previous: ReturnType<ExtensionApi['setPrompts']>;
  let uri: vscode.Uri;
  let client: DynamoDBClient;
  let toLocal: Answer[];

  async function answered(answers: readonly Answer[]): Promise<{ result: Record<string, DeleteOutcome>; prompts: ScriptedPrompts }> {
    const prompts = new ScriptedPrompts(answers);
    a.setPrompts(prompts);
    const result = await vscode.commands.executeCommand<Record<string, DeleteOutcome>>('dynamodbDesigner.deleteConfigTables', uri);
    assert.deepEqual(prompts.problems, [], 'the questions asked are the ones scripted');
    assert.equal(prompts.left, 0, `all answers were used; asked: ${JSON.stringify(prompts.asked)}`);
    return { result, prompts };
  }

  async function exists(name: string): Promise<boolean> {
    return a.services.describeTable('local', 'us-east-1', name).then(() => true, () => false);
  }

  before(async function () {
    this.timeout(60000);
    a = await api();
    previous = a.setPrompts(new ScriptedPrompts([]));
    client = await a.services.client('local', 'us-east-1');
    for (const [name, items] of [[FIRST, 4], [SECOND, 2]] as const) {
      // Created with deletion protection on: the embedded server accepts the flag and ignores it.
      await client.send(new CreateTableCommand({
        TableName: name, BillingMode: 'PAY_PER_REQUEST', DeletionProtectionEnabled: true,
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      }));
      // The embedded server answers CreateTable with CREATING: a write before ACTIVE is ResourceNotFound.
      await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { TableName: name });
      await client.send(new BatchWriteItemCommand({ RequestItems: { [name]: Array.from({ length: items }, (_, i) => ({ PutRequest: { Item: { id: { S: `i${i}` } } } })) } }));
    }
    uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'e2e-delete-two.toml');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(CONFIG));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    toLocal = (await a.services.connections()).length > 1 ? [{ pick: 'Local' }] : [];
  });

  after(async () => {
    a.setPrompts(previous);
    for (const name of [FIRST, SECOND]) { await client.send(new DeleteTableCommand({ TableName: name })).catch(() => undefined); }
    await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('lists both tables and what each loses up front; Escape at the second name deletes neither', async () => {
    const { result, prompts } = await answered([...toLocal, { confirm: true }, { input: FIRST }, { dismiss: true }]);
    assert.deepEqual(result, { [FIRST]: 'cancelled', [SECOND]: 'cancelled' });
    assert.ok(await exists(FIRST), `${FIRST} is still there`);
    assert.ok(await exists(SECOND), `${SECOND} is still there`);
    const [confirm, first, second] = prompts.asked.slice(toLocal.length);
    assert.equal(confirm.kind, 'confirm');
    assert.equal(confirm.title, `Delete 2 tables (${FIRST}, ${SECOND}) on Local (embedded) · any region?`);
    assert.equal(confirm.detail, [
      `• ${FIRST}: 4 item(s) (counted now).`,
      `• ${SECOND}: 2 item(s) (counted now).`,
      '',
      'This cannot be undone.',
      `This server does not protect tables: the embedded server ignores deletion protection and never refuses a delete. ${SECOND} has deletion protection on in the config, but that does not stop this delete.`,
      'You will then type each table name.',
    ].join('\n'));
    assert.deepEqual([first.kind, first.title, first.step], ['input', `Delete table ${FIRST} on Local (embedded) · any region`, '1/2']);
    assert.deepEqual([second.kind, second.title, second.step], ['input', `Delete table ${SECOND} on Local (embedded) · any region`, '2/2']);
  });

  it('declining the confirmation asks no name and deletes nothing', async () => {
    const { result, prompts } = await answered([{ confirm: false }]);
    assert.deepEqual(result, { [FIRST]: 'cancelled', [SECOND]: 'cancelled' });
    assert.equal(prompts.asked.length, 1);
    assert.ok(await exists(FIRST) && await exists(SECOND));
  });

  it('deletes both once both names are typed', async () => {
    const { result } = await answered([{ confirm: true }, { input: FIRST }, { input: SECOND }]);
    assert.deepEqual(result, { [FIRST]: 'deleted', [SECOND]: 'deleted' });
    assert.equal(await exists(FIRST), false);
    assert.equal(await exists(SECOND), false);
  });
});
