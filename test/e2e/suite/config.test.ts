/**
 * Preview, apply, export and delete a table config through the commands, in the real extension
 * host, against the embedded local DynamoDB; the person's answers are scripted (ScriptedPrompts).
 * The steps run in order on one table, e2e-orders, and the suite leaves no table behind.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { BatchWriteItemCommand, DeleteTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { ExtensionApi } from '../../../src/extension';
import type { ApplyResult } from '../../../src/vscode/commands/apply';
import type { DeleteOutcome } from '../../../src/vscode/commands/deleteTable';
import type { PreviewResult } from '../../../src/vscode/commands/preview';
import type { ExplorerNode } from '../../../src/vscode/explorer/nodes';
import { Answer, ScriptedPrompts } from './prompts';
import { EXTENSION_ID, api, until } from './support';

const TABLE = 'e2e-orders';
const CONFIG = `# A table of the e2e suite: created, changed, replaced and deleted through the commands.
provider = "aws"
region = "us-east-1"

[[resources.dynamodb]]
name = "${TABLE}"
billing_mode = "PROVISIONED"
hash_key_name = "order_id"
hash_key_type = "S"
read_capacity_units = 2
write_capacity_units = 1
`;

describe('config commands on the embedded local DynamoDB', () => {
  let a: ExtensionApi;
  let previous: ReturnType<ExtensionApi['setPrompts']>;
  let uri: vscode.Uri;
  let document: vscode.TextDocument;
  let folder: vscode.Uri;
  /** The answers that pick the embedded connection, when it is not the only one. */
  let toLocal: Answer[];

  /** Runs a command with scripted answers; every answer must be used and nothing else asked. */
  async function answered<T>(answers: readonly Answer[], command: string, ...args: unknown[]): Promise<{ result: T; prompts: ScriptedPrompts }> {
    const prompts = new ScriptedPrompts(answers);
    a.setPrompts(prompts);
    const result = await vscode.commands.executeCommand<T>(command, ...args);
    assert.deepEqual(prompts.problems, [], 'the questions asked are the ones scripted');
    assert.equal(prompts.left, 0, `all answers were used; asked: ${JSON.stringify(prompts.asked)}`);
    return { result, prompts };
  }

  async function setText(text: string): Promise<void> {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), text);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(document.getText(), text);
  }

  async function live() {
    return a.services.describeTable('local', 'us-east-1', TABLE);
  }

  async function localTables(): Promise<string[]> {
    const roots = await a.explorer.getChildren();
    const local = roots.find(n => a.explorer.getTreeItem(n).contextValue === 'connection.local')!;
    const [region] = await a.explorer.getChildren(local);
    const children: ExplorerNode[] = await a.explorer.getChildren(region);
    return children.map(n => String(a.explorer.getTreeItem(n).label));
  }

  before(async function () {
    this.timeout(60000);
    a = await api();
    previous = a.setPrompts(new ScriptedPrompts([]));
    folder = vscode.workspace.workspaceFolders![0].uri;
    uri = vscode.Uri.joinPath(folder, `${TABLE}.toml`);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(CONFIG));
    document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    toLocal = (await a.services.connections()).length > 1 ? [{ pick: 'Local' }] : [];
  });

  after(async () => {
    a.setPrompts(previous);
    const client = await a.services.client('local', 'us-east-1');
    await client.send(new DeleteTableCommand({ TableName: TABLE })).catch(() => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('previews a new table as a create, in a read-only document beside the config with an Apply lens', async () => {
    const { result } = await answered<PreviewResult>(toLocal, 'dynamodbDesigner.previewConfig', uri);
    assert.equal(result.plans.length, 1);
    assert.equal(result.plans[0].kind, 'create');
    // The embedded server holds one set of tables whatever the region: the file's region is shown as ignored.
    assert.match(result.text, /^Preview of e2e-orders\.toml on Local \(embedded\) · any region \(the file's region us-east-1 is ignored by this server\)/);
    assert.match(result.text, /Table e2e-orders: will be created\n {2}1\. Create table e2e-orders/);
    const shown = vscode.window.visibleTextEditors.find(e => e.document.uri.scheme === 'dynamodb-plan');
    assert.ok(shown, 'the preview is visible');
    assert.equal(shown.document.getText(), result.text);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', shown.document.uri);
    assert.deepEqual(lenses.map(l => l.command?.title), ['$(play) Apply 1 table change on Local (embedded) · any region…', '$(refresh) Preview again']);
    assert.equal(lenses[0].command?.command, 'dynamodbDesigner.applyConfig');
  });

  it('applies after a confirmation that shows the plan; the explorer lists the new table; a new preview is empty', async () => {
    assert.ok(!(await localTables()).includes(TABLE), 'listed before, without the table');
    const { result, prompts } = await answered<ApplyResult>([{ confirm: true }], 'dynamodbDesigner.applyConfig', uri);
    assert.equal(prompts.asked[0].title, 'Apply e2e-orders.toml to e2e-orders on Local (embedded) · any region?');
    assert.match(prompts.asked[0].detail ?? '', /Create table e2e-orders/);
    assert.deepEqual(result.reports.map(r => r.outcome), ['done']);
    assert.equal((await live()).throughput?.read, 2);
    await until('the explorer to list the new table', async () => (await localTables()).includes(TABLE));
    const { result: again } = await answered<PreviewResult>([], 'dynamodbDesigner.previewConfig', uri);
    assert.equal(again.plans[0].kind, 'none');
    assert.match(again.text, /Table e2e-orders: no changes/);
  });

  it('changes nothing when the confirmation is declined', async () => {
    await setText(CONFIG.replace('read_capacity_units = 2', 'read_capacity_units = 4'));
    const { result } = await answered<ApplyResult | undefined>([{ confirm: false }], 'dynamodbDesigner.applyConfig', uri);
    assert.equal(result, undefined);
    assert.equal((await live()).throughput?.read, 2);
  });

  it('applies a throughput change as one update step and then plans empty', async () => {
    const { result, prompts } = await answered<ApplyResult>([{ confirm: true }], 'dynamodbDesigner.applyConfig', uri);
    assert.match(prompts.asked[0].detail ?? '', /read capacity: 2 -> 4|throughput.*2.*4/i);
    assert.equal(result.reports.length, 1);
    assert.equal(result.reports[0].outcome, 'done');
    assert.equal(result.reports[0].steps.length, 1);
    assert.equal((await live()).throughput?.read, 4);
    const { result: again } = await answered<PreviewResult>([], 'dynamodbDesigner.previewConfig', uri);
    assert.equal(again.plans[0].kind, 'none');
  });

  it('plans a key type change as a replacement and refuses it without the typed table name', async () => {
    await setText(CONFIG.replace('read_capacity_units = 2', 'read_capacity_units = 4').replace('hash_key_type = "S"', 'hash_key_type = "N"'));
    const { result: preview } = await answered<PreviewResult>([], 'dynamodbDesigner.previewConfig', uri);
    assert.equal(preview.plans[0].kind, 'replace');
    assert.match(preview.text, /Table e2e-orders: REPLACEMENT needed/);
    const { result, prompts } = await answered<ApplyResult>(
      [{ confirm: true }, { confirm: true }, { input: 'e2e-order', invalid: true }], 'dynamodbDesigner.applyConfig', uri);
    assert.match(prompts.asked[0].detail ?? '', /must be REPLACED/);
    assert.equal(prompts.asked[1].title, 'Replace table e2e-orders? All its items will be lost.');
    assert.match(prompts.asked[1].detail ?? '', /DELETES the table and/);
    assert.equal(prompts.asked[2].validation, 'Type e2e-orders exactly to delete the table and its items and create it again');
    assert.deepEqual(result.reports.map(r => r.outcome), ['refused']);
    assert.equal((await live()).attributes.order_id, 'S', 'the table is untouched');
    await setText(CONFIG.replace('read_capacity_units = 2', 'read_capacity_units = 4'));
  });

  it('exports the live table as a config that validates clean and previews no change; never overwrites without asking', async () => {
    const target = { connectionId: 'local', connectionLabel: 'Local (embedded)', region: 'us-east-1', tableName: TABLE };
    const exported = vscode.Uri.joinPath(folder, `${TABLE}-export.yaml`);
    const { result } = await answered<vscode.Uri>([{ pick: 'planton' }, { save: exported }], 'dynamodbDesigner.exportTableAsConfig', target);
    assert.equal(result.toString(), exported.toString());
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), exported.toString());
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(exported));
    assert.match(text, /kind: AwsDynamodb/);
    const exportedDoc = await vscode.workspace.openTextDocument(exported);
    const analysis = a.diagnostics.analysisOf(exportedDoc);
    assert.ok(analysis, 'the export is recognised as a config');
    assert.deepEqual(analysis.findings.filter(f => f.severity === 'error' || f.severity === 'warning').map(f => f.message), []);
    const { result: preview } = await answered<PreviewResult>([], 'dynamodbDesigner.previewConfig', exported);
    assert.deepEqual(preview.plans.map(p => p.kind), ['none'], preview.text);

    const { result: declined } = await answered<vscode.Uri | undefined>(
      [{ pick: 'planton' }, { save: exported }, { confirm: false }], 'dynamodbDesigner.exportTableAsConfig', target);
    assert.equal(declined, undefined);
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(exported)), text, 'the file is byte-identical');
  });

  it('deletes the table only after showing what it loses and its name typed back; the explorer drops it', async () => {
    const client = await a.services.client('local', 'us-east-1');
    await client.send(new BatchWriteItemCommand({ RequestItems: { [TABLE]: ['a', 'b', 'c'].map(id => ({ PutRequest: { Item: { order_id: { S: id } } } })) } }));
    const { result: wrong, prompts } = await answered<Record<string, DeleteOutcome>>(
      [{ confirm: true }, { input: 'e2e-order', invalid: true }], 'dynamodbDesigner.deleteConfigTables', uri);
    assert.deepEqual(wrong, { [TABLE]: 'cancelled' });
    // What is lost comes first, counted (the embedded server reports 0 items), with the server's lack of protection.
    assert.equal(prompts.asked[0].kind, 'confirm');
    assert.equal(prompts.asked[0].title, 'Delete table e2e-orders on Local (embedded) · any region?');
    assert.equal(prompts.asked[0].detail, [
      '• e2e-orders: 3 item(s) (counted now).', '', 'This cannot be undone.',
      'This server does not protect tables: the embedded server ignores deletion protection and never refuses a delete.',
      'You will then type the table name.',
    ].join('\n'));
    assert.equal(prompts.asked[1].title, 'Delete table e2e-orders on Local (embedded) · any region');
    assert.equal(prompts.asked[1].detail, 'Type e2e-orders to delete it. It holds 3 item(s) (counted now).');
    assert.equal((await live()).name, TABLE, 'still there');

    const { result: declined } = await answered<Record<string, DeleteOutcome>>([{ confirm: false }], 'dynamodbDesigner.deleteConfigTables', uri);
    assert.deepEqual(declined, { [TABLE]: 'cancelled' });
    assert.equal((await live()).name, TABLE, 'still there');

    const { result } = await answered<Record<string, DeleteOutcome>>([{ confirm: true }, { input: TABLE }], 'dynamodbDesigner.deleteConfigTables', uri);
    assert.deepEqual(result, { [TABLE]: 'deleted' });
    await assert.rejects(live(), /not found|not exist|ResourceNotFound/i);
    await until('the explorer to drop the table', async () => !(await localTables()).includes(TABLE));
  });

  it('applies every example twice: both end without a failed step, and the report says Partly applied for what the server ignores', async function () {
    this.timeout(120000);
    const client = await a.services.client('local', 'us-east-1');
    const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames ?? []);
    const created: string[] = [];
    const examples = vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, 'examples');
    try {
      for (const name of ['genesys.toml', 'planton.yaml', 'component.yaml']) {
        const copy = vscode.Uri.joinPath(folder, `e2e-example-${name}`);
        await vscode.workspace.fs.writeFile(copy, await vscode.workspace.fs.readFile(vscode.Uri.joinPath(examples, name)));
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(copy));
        for (const round of [1, 2]) {
          const prompts = new ScriptedPrompts([...toLocal, { confirm: true }]);
          a.setPrompts(prompts);
          const result = await vscode.commands.executeCommand<ApplyResult | undefined>('dynamodbDesigner.applyConfig', copy);
          assert.deepEqual(prompts.problems, [], `${name}, apply ${round}`);
          assert.ok(result, `${name}, apply ${round}: applied`);
          for (const report of result.reports) {
            if (round === 1 && !existing.has(report.table) && !created.includes(report.table)) { created.push(report.table); }
            assert.equal(report.outcome, 'done', `${name}, apply ${round}: ${report.message}`);
            assert.ok(report.steps.every(step => step.status !== 'failed'), report.message);
            assert.match(report.message, /^(Fully|Partly) applied: table /);
          }
          if (name === 'genesys.toml' && round === 2) {
            const invoices = result.reports.find(r => r.table === 'invoices');
            assert.ok(invoices);
            assert.deepEqual(invoices.steps.filter(step => step.status === 'ignored').map(step => step.title), ['Enable the stream (NEW_AND_OLD_IMAGES)', 'Enable deletion protection']);
            assert.match(invoices.message, /^Partly applied: table invoices, .*Not applied by this server \(it ignores them\): Enable the stream/);
          }
        }
        await vscode.workspace.fs.delete(copy);
      }
    } finally {
      for (const table of created) { await client.send(new DeleteTableCommand({ TableName: table })).catch(() => undefined); }
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.window.showTextDocument(document);
    }
  });

  it('neither previews nor applies a config with errors, and asks nothing', async () => {
    await setText(CONFIG.replace('"PROVISIONED"', '"ON_DEMAND"'));
    const { result: preview } = await answered<PreviewResult | undefined>([], 'dynamodbDesigner.previewConfig', uri);
    assert.equal(preview, undefined);
    const { result } = await answered<ApplyResult | undefined>([], 'dynamodbDesigner.applyConfig', uri);
    assert.equal(result, undefined);
    await assert.rejects(live(), /not found|not exist|ResourceNotFound/i);
  });
});
