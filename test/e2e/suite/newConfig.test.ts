import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { Answer, ScriptedPrompts } from './prompts';
import { api } from './support';

const saveDefaults = (person: ScriptedPrompts) => person.asked.filter(q => q.kind === 'save').map(q => q.value ?? '');

const workspace = () => vscode.workspace.workspaceFolders![0].uri;
const fileIn = (name: string) => vscode.Uri.joinPath(workspace(), name);

async function listWorkspace(): Promise<string[]> {
  return (await vscode.workspace.fs.readDirectory(workspace())).map(([name]) => name).sort();
}

async function run(person: ScriptedPrompts): Promise<vscode.Uri | undefined> {
  const a = await api();
  const previous = a.setPrompts(person);
  try {
    return await vscode.commands.executeCommand<vscode.Uri | undefined>('dynamodbDesigner.newConfig');
  } finally {
    a.setPrompts(previous);
  }
}

/** A short on-demand table answered in the component dialect, ending at the save dialog. */
function onDemandScript(table: string, ...end: Answer[]): Answer[] {
  return [
    { pick: 'component (YAML)' }, { input: table }, { pick: 'PAY_PER_REQUEST' }, { input: 'id' }, { pick: 'S' }, { input: '' },
    { pick: 'Off' }, { pick: 'Off' }, { input: '' }, ...end,
  ];
}

describe('New Table Config', () => {
  const target = () => fileIn('e2e-orders.yaml');

  it('asks every step (Back keeps the earlier answer), writes a clean config into the workspace and opens it', async () => {
    const person = new ScriptedPrompts([
      { pick: 'component (YAML)' },
      { input: 'e2e-orders' },
      { pick: 'PROVISIONED' },
      { input: '7', shown: '5' },
      { back: true },
      { input: '8', shown: '7' },
      { input: '4' },
      { input: 'customerId' },
      { pick: 'S' },
      { input: 'placedAt' },
      { pick: 'N' },
      { pick: 'On' },
      { pick: 'NEW_AND_OLD_IMAGES' },
      { pick: 'On' },
      { input: 'expiresAt', shown: 'expiresAt' },
      { input: 'team=e2e, env=test' },
      { save: target() },
    ]);
    const written = await run(person);
    assert.deepEqual(person.problems, []);
    assert.equal(person.left, 0);
    assert.equal(written?.toString(), target().toString());
    assert.deepEqual(saveDefaults(person), [target().toString()], 'the save dialog proposes <workspace>/<table>.yaml');
    // Step numbers count the steps that apply: capacity appears with PROVISIONED, the sort key type with a sort key, ...
    assert.deepEqual(person.asked.map(q => q.step ?? q.kind), [
      '1/9', '2/9', '3/9', '4/11', '5/11', '4/11', '5/11', '6/11', '7/11', '8/11', '9/12', '10/12', '11/13', '12/13', '13/14', '14/14', 'save',
    ]);

    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target()));
    assert.match(text, /^# New DynamoDB table config/);
    assert.match(text, /readCapacityUnits: 8\n\s+writeCapacityUnits: 4\n/, 'the answer given after Back');
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), target().toString(), 'the new file is the active editor');

    const analysis = (await api()).diagnostics.analysisOf(editor!.document);
    assert.equal(analysis?.dialect, 'component');
    assert.deepEqual(analysis?.tables.map(t => t.name?.value), ['e2e-orders']);
    const problems = vscode.languages.getDiagnostics(target()).filter(d => d.severity <= vscode.DiagnosticSeverity.Warning);
    assert.deepEqual(problems.map(d => d.message), [], 'no errors or warnings in the editor');
  });

  it('never writes over an existing file without confirmation: answering no leaves it byte-identical', async () => {
    const before = await vscode.workspace.fs.readFile(target());
    const person = new ScriptedPrompts(onDemandScript('e2e-orders', { save: target() }, { confirm: false }, { save: undefined }, { dismiss: true }));
    const written = await run(person);
    assert.deepEqual(person.problems, []);
    assert.equal(person.left, 0);
    assert.equal(written, undefined);
    assert.equal(person.asked.at(-1)?.step, '9/9', 'Escape in the save dialog went back to the last step');
    assert.ok(person.asked.some(q => q.kind === 'confirm' && q.title === 'e2e-orders.yaml already exists. Replace it with the new table config?'), JSON.stringify(person.asked));
    assert.deepEqual(saveDefaults(person), [fileIn('e2e-orders-2.yaml').toString(), target().toString()],
      'an existing file is never proposed; after no, the dialog again where the person was');
    assert.deepEqual(Buffer.from(await vscode.workspace.fs.readFile(target())), Buffer.from(before));
  });

  it('replaces the existing file when the person confirms', async () => {
    const person = new ScriptedPrompts(onDemandScript('e2e-orders', { save: target() }, { confirm: true }));
    const written = await run(person);
    assert.deepEqual(person.problems, []);
    assert.equal(written?.toString(), target().toString());
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target()));
    assert.match(text, /billingMode: PAY_PER_REQUEST/);
    assert.doesNotMatch(text, /readCapacityUnits/);
  });

  it('writes nothing when cancelled at a step or at the save dialog', async () => {
    const files = await listWorkspace();
    const atTtl = new ScriptedPrompts([
      { pick: 'genesys (TOML)' }, { input: 'e2e-cancelled' }, { pick: 'PAY_PER_REQUEST' }, { input: 'id' }, { pick: 'N' }, { input: '' },
      { pick: 'On' }, { pick: 'KEYS_ONLY' }, { dismiss: true },
    ]);
    assert.equal(await run(atTtl), undefined);
    assert.deepEqual(atTtl.problems, []);
    assert.ok(!atTtl.asked.some(q => q.kind === 'save'), 'no save dialog after Escape');
    const atFirst = new ScriptedPrompts([{ dismiss: true }]);
    assert.equal(await run(atFirst), undefined);
    assert.deepEqual(atFirst.asked.length, 1);
    const atSave = new ScriptedPrompts(onDemandScript('e2e-cancelled', { save: undefined }, { dismiss: true }));
    assert.equal(await run(atSave), undefined);
    assert.deepEqual(atSave.problems, []);
    assert.deepEqual(await listWorkspace(), files);
  });

  it('Escape in the save dialog goes back to the last step with every answer kept, then saves', async () => {
    const file = fileIn('e2e-save-back.yaml');
    const person = new ScriptedPrompts([
      { pick: 'component (YAML)' }, { input: 'e2e-save-back' }, { pick: 'PAY_PER_REQUEST' }, { input: 'id' }, { pick: 'S' }, { input: '' },
      { pick: 'Off' }, { pick: 'Off' }, { input: 'team=e2e' },
      { save: undefined },
      { back: true }, { pick: 'On' }, { input: 'expiresAt', shown: 'expiresAt' }, { input: 'team=e2e2', shown: 'team=e2e' },
      { save: file },
    ]);
    const written = await run(person);
    assert.deepEqual(person.problems, []);
    assert.equal(person.left, 0);
    assert.equal(written?.toString(), file.toString());
    assert.deepEqual(person.asked.map(q => q.step ?? q.kind).slice(8), ['9/9', 'save', '9/9', '8/9', '9/10', '10/10', 'save']);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    assert.match(text, /tableName: e2e-save-back/);
    assert.match(text, /team: e2e2/);
    assert.match(text, /attributeName: expiresAt/);
    await vscode.workspace.fs.delete(file);
  });

  it('warns at the name step when the explorer lists a table of that name, and writes what is true', async () => {
    const a = await api();
    const client = await a.services.client('local', 'us-east-1');
    await client.send(new CreateTableCommand({
      TableName: 'e2e-existing', BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    }));
    const file = fileIn('e2e-existing.yaml');
    try {
      const local = (await a.explorer.getChildren()).find(n => a.explorer.getTreeItem(n).contextValue === 'connection.local')!;
      const [region] = await a.explorer.getChildren(local);
      region.invalidate();
      assert.ok((await a.explorer.getChildren(region)).some(n => a.explorer.getTreeItem(n).label === 'e2e-existing'), 'listed in the explorer');
      const person = new ScriptedPrompts(onDemandScript('e2e-existing', { save: file }));
      assert.equal((await run(person))?.toString(), file.toString());
      assert.deepEqual(person.problems, []);
      const name = person.asked.find(q => q.step === '2/9')!;
      assert.equal(name.warning, 'A table named e2e-existing already exists on Local (embedded) · any region: this config will describe it, and Apply changes it to match.');
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
      assert.match(text, /^# A table named e2e-existing already exists on Local \(embedded\) · any region: /m);
      assert.doesNotMatch(text, /does not exist|No table of this name/);
      const other = new ScriptedPrompts(onDemandScript('e2e-not-there', { save: undefined }, { dismiss: true }));
      await run(other);
      assert.equal(other.asked.find(q => q.step === '2/9')!.warning, undefined, 'no warning for a name not listed');
    } finally {
      await client.send(new DeleteTableCommand({ TableName: 'e2e-existing' })).catch(() => undefined);
      await vscode.workspace.fs.delete(file).then(undefined, () => undefined);
    }
  });
});
