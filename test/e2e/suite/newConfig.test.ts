import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import { BACK, type InputOptions, type PickOptions, type Prompts } from '../../../src/vscode/platform/prompts';

const EXTENSION_ID = 'dynamodb-designer.dynamodb-designer';

async function api(): Promise<ExtensionApi> {
  return vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)!.activate();
}

/** One answer of the scripted person, in the order the questions come. */
type Answer =
  | { readonly pick: string | typeof BACK | undefined }
  | { readonly input: string | typeof BACK | undefined; readonly shown?: string }
  | { readonly save: vscode.Uri | undefined }
  | { readonly confirm: boolean };

/**
 * A person answering from a script, as the real one would: typed text must pass the step's check
 * (the input box refuses it otherwise), a picked label must be among the items. Every question is
 * logged as `step/total kind text`; a question the script did not expect is a problem.
 */
class ScriptedPerson implements Prompts {
  readonly asked: string[] = [];
  readonly problems: string[] = [];
  readonly saveDefaults: string[] = [];
  constructor(private readonly script: Answer[]) {}

  private next<K extends 'pick' | 'input' | 'save' | 'confirm'>(kind: K, question: string): Extract<Answer, Record<K, unknown>> | undefined {
    const answer = this.script.shift();
    if (!answer || !(kind in answer)) {
      this.problems.push(`unexpected ${kind} "${question}" (script: ${answer ? JSON.stringify(answer) : 'ended'})`);
      return undefined;
    }
    return answer as Extract<Answer, Record<K, unknown>>;
  }

  get unanswered(): number { return this.script.length; }

  async confirm(message: string): Promise<boolean> {
    this.asked.push(`confirm ${message}`);
    return this.next('confirm', message)?.confirm ?? false;
  }

  async input(options: InputOptions): Promise<string | undefined | typeof BACK> {
    this.asked.push(`${options.step}/${options.totalSteps} input ${options.prompt} [${options.value ?? ''}]`);
    const answer = this.next('input', options.prompt ?? options.title);
    if (!answer) { return undefined; }
    if (answer.shown !== undefined && answer.shown !== options.value) { this.problems.push(`input "${options.prompt}" showed "${options.value}", not "${answer.shown}"`); }
    if (typeof answer.input === 'string') {
      const problem = options.validate?.(answer.input);
      if (problem) { this.problems.push(`"${answer.input}" refused: ${problem}`); return undefined; }
    }
    return answer.input;
  }

  async pick<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions<T>): Promise<T | undefined | typeof BACK> {
    this.asked.push(`${options.step}/${options.totalSteps} pick ${options.placeHolder}`);
    const answer = this.next('pick', options.placeHolder ?? options.title);
    const label = answer?.pick;
    if (label === undefined || label === BACK) { return label; }
    const item = items.find(i => i.label === label);
    if (!item) { this.problems.push(`no item "${label}" among ${items.map(i => i.label).join(', ')}`); }
    return item;
  }

  async saveLocation(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined> {
    this.asked.push('save');
    this.saveDefaults.push(options.defaultUri?.toString() ?? '');
    return this.next('save', 'save location')?.save;
  }
}

const workspace = () => vscode.workspace.workspaceFolders![0].uri;
const fileIn = (name: string) => vscode.Uri.joinPath(workspace(), name);

async function listWorkspace(): Promise<string[]> {
  return (await vscode.workspace.fs.readDirectory(workspace())).map(([name]) => name).sort();
}

async function run(person: ScriptedPerson): Promise<vscode.Uri | undefined> {
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
    const person = new ScriptedPerson([
      { pick: 'component (YAML)' },
      { input: 'e2e-orders' },
      { pick: 'PROVISIONED' },
      { input: '7', shown: '5' },
      { input: BACK },
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
    assert.equal(person.unanswered, 0);
    assert.equal(written?.toString(), target().toString());
    assert.deepEqual(person.saveDefaults, [target().toString()], 'the save dialog proposes <workspace>/<table>.yaml');
    // Step numbers count the steps that apply: capacity appears with PROVISIONED, the sort key type with a sort key, ...
    assert.deepEqual(person.asked.map(q => q.split(' ')[0]), [
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
    const person = new ScriptedPerson(onDemandScript('e2e-orders', { save: target() }, { confirm: false }, { save: undefined }));
    const written = await run(person);
    assert.deepEqual(person.problems, []);
    assert.equal(person.unanswered, 0);
    assert.equal(written, undefined);
    assert.ok(person.asked.includes('confirm e2e-orders.yaml already exists. Replace it with the new table config?'), person.asked.join('\n'));
    assert.deepEqual(person.saveDefaults, [target().toString(), target().toString()], 'no: the save dialog again, to choose another name');
    assert.deepEqual(Buffer.from(await vscode.workspace.fs.readFile(target())), Buffer.from(before));
  });

  it('replaces the existing file when the person confirms', async () => {
    const person = new ScriptedPerson(onDemandScript('e2e-orders', { save: target() }, { confirm: true }));
    const written = await run(person);
    assert.deepEqual(person.problems, []);
    assert.equal(written?.toString(), target().toString());
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target()));
    assert.match(text, /billingMode: PAY_PER_REQUEST/);
    assert.doesNotMatch(text, /readCapacityUnits/);
  });

  it('writes nothing when cancelled at a step or at the save dialog', async () => {
    const files = await listWorkspace();
    const atTtl = new ScriptedPerson([
      { pick: 'genesys (TOML)' }, { input: 'e2e-cancelled' }, { pick: 'PAY_PER_REQUEST' }, { input: 'id' }, { pick: 'N' }, { input: '' },
      { pick: 'On' }, { pick: 'KEYS_ONLY' }, { pick: undefined },
    ]);
    assert.equal(await run(atTtl), undefined);
    assert.deepEqual(atTtl.problems, []);
    assert.ok(!atTtl.asked.includes('save'), 'no save dialog after Escape');
    const atFirst = new ScriptedPerson([{ pick: undefined }]);
    assert.equal(await run(atFirst), undefined);
    assert.deepEqual(atFirst.asked.length, 1);
    const atSave = new ScriptedPerson(onDemandScript('e2e-cancelled', { save: undefined }));
    assert.equal(await run(atSave), undefined);
    assert.deepEqual(atSave.problems, []);
    assert.deepEqual(await listWorkspace(), files);
  });
});
