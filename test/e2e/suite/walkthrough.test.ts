/**
 * The Getting Started walkthrough in the real extension host: it is contributed with one
 * `onCommand:` completion event per step, each step's button runs that same command, the
 * walkthrough opens with `workbench.action.openWalkthrough`, and every step's command, run in the
 * walkthrough's order as a person clicking the buttons would (no arguments, the pickers answered
 * by ScriptedPrompts), does its work on the embedded local DynamoDB.
 *
 * VS Code has no API to read a walkthrough step's completion, and a command an extension runs
 * inside its own extension host never reaches the workbench's command service (which is what
 * completes a step): the UI suite clicks the buttons in the real walkthrough page and sees the
 * steps checked (test/e2e/launch/ui.ts).
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import type { ExtensionApi } from '../../../src/extension';
import type { ApplyResult } from '../../../src/vscode/commands/apply';
import type { PreviewResult } from '../../../src/vscode/commands/preview';
import type { Answer } from './prompts';
import { ScriptedPrompts } from './prompts';
import { EXTENSION_ID, api, until } from './support';

interface Step { id: string; title: string; description: string; completionEvents?: string[]; media: { markdown?: string; image?: string } }
interface Walkthrough { id: string; title: string; steps: Step[] }

const WALKTHROUGH = `${EXTENSION_ID}#gettingStarted`;
const TABLE = 'e2e-walkthrough';

/** The extension's manifest value, with a `%key%` looked up in package.nls.json. */
async function localized(value: string): Promise<string> {
  const key = /^%(.+)%$/.exec(value)?.[1];
  if (!key) { return value; }
  const nls = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(
    vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, 'package.nls.json')))) as Record<string, string>;
  assert.ok(nls[key], `package.nls.json has ${key}`);
  return nls[key];
}

function walkthrough(): Walkthrough {
  const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { walkthroughs?: Walkthrough[] } };
  const found = manifest.contributes.walkthroughs?.find(w => `${EXTENSION_ID}#${w.id}` === WALKTHROUGH);
  assert.ok(found, `the walkthrough ${WALKTHROUGH} is contributed`);
  return found;
}

const allTabs = () => vscode.window.tabGroups.all.flatMap(g => g.tabs);

describe('Getting Started walkthrough', () => {
  let a: ExtensionApi;
  let previous: ReturnType<ExtensionApi['setPrompts']>;
  let toLocal: Answer[];
  const file = () => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, `${TABLE}.yaml`);

  before(async () => {
    a = await api();
    previous = a.setPrompts(new ScriptedPrompts([]));
    toLocal = (await a.services.connections()).length > 1 ? [{ pick: 'Local' }] : [];
  });

  after(async () => {
    a.setPrompts(previous);
    const client = await a.services.client('local', 'us-east-1');
    await client.send(new DeleteTableCommand({ TableName: TABLE })).catch(() => undefined);
    await vscode.workspace.fs.delete(file()).then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** Runs a step's command as its button does (no argument); every scripted answer must be used. */
  async function runStep<T>(step: Step, answers: readonly Answer[]): Promise<T> {
    const command = step.completionEvents![0].slice('onCommand:'.length);
    const prompts = new ScriptedPrompts(answers);
    a.setPrompts(prompts);
    const result = await vscode.commands.executeCommand<T>(command);
    assert.deepEqual(prompts.problems, [], `${step.id}: the questions asked are the ones scripted`);
    assert.equal(prompts.left, 0, `${step.id}: all answers used; asked ${JSON.stringify(prompts.asked)}`);
    return result;
  }

  it('is contributed: five steps in order, each completed by the command its button runs, each with its markdown', async () => {
    const w = walkthrough();
    assert.equal(await localized(w.title), 'Get Started with DynamoDB Designer');
    assert.deepEqual(w.steps.map(s => s.id), ['seed', 'browse', 'newConfig', 'preview', 'apply']);
    const contributed = new Set((vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string }[] } })
      .contributes.commands.map(c => c.command));
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const step of w.steps) {
      assert.equal(step.completionEvents?.length, 1, `${step.id}: one completion event`);
      const [event] = step.completionEvents!;
      const command = /^onCommand:(.+)$/.exec(event)?.[1];
      assert.ok(command && contributed.has(command) && registered.has(command), `${step.id}: ${event} names a contributed, registered command`);
      const description = await localized(step.description);
      const links = [...description.matchAll(/\]\(command:([^)?]+)/g)].map(m => m[1]);
      assert.deepEqual(links, [command], `${step.id}: its button runs ${command}`);
      assert.ok(step.media.markdown, `${step.id}: a markdown page`);
      const markdown = new TextDecoder().decode(await vscode.workspace.fs.readFile(
        vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, step.media.markdown)));
      assert.match(markdown, /^## \S/, `${step.id}: ${step.media.markdown} starts with a heading`);
    }
  });

  it('opens with workbench.action.openWalkthrough', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await until('no editor tab', () => allTabs().length === 0);
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, false);
    const tab = await until('the walkthrough tab', () => allTabs().find(t => t.isActive));
    assert.equal(tab.input, undefined, 'the Welcome page (a workbench editor, no text document)');
    assert.match(tab.label, /Welcome|Walkthrough|Get Started/i, `the tab ${tab.label}`);
  });

  it('runs every step\'s command in order: seed, browse, new config, preview, apply', async function () {
    this.timeout(120000);
    const [seed, browse, newConfig, preview, apply] = walkthrough().steps;

    const seeded = await runStep<{ name: string }[]>(seed, []);
    assert.deepEqual(seeded.map(t => t.name).sort(), ['DeviceReadings', 'carts', 'invoices', 'library-loans']);

    await runStep(browse, [...toLocal, { pick: 'DeviceReadings' }]);
    const items = await until('the item browser of DeviceReadings', () =>
      a.findPanel('items', { connectionId: 'local', region: 'us-east-1', connectionLabel: 'Local (embedded)', tableName: 'DeviceReadings' }));
    assert.ok(items);

    await vscode.workspace.fs.delete(file()).then(undefined, () => undefined);
    const written = await runStep<vscode.Uri | undefined>(newConfig, [
      { pick: 'component (YAML)' }, { input: TABLE }, { pick: 'PAY_PER_REQUEST' }, { input: 'id' }, { pick: 'S' }, { input: '' },
      { pick: 'Off' }, { pick: 'Off' }, { input: '' }, { save: file() },
    ]);
    assert.equal(written?.toString(), file().toString());
    await until('the new config as the active editor', () => vscode.window.activeTextEditor?.document.uri.toString() === file().toString());

    const plan = await runStep<PreviewResult | undefined>(preview, toLocal);
    assert.ok(plan, 'previewed');
    assert.deepEqual(plan.plans.map(p => [p.kind, p.table]), [['create', TABLE]]);

    const applied = await runStep<ApplyResult | undefined>(apply, [...toLocal, { confirm: true }]);
    assert.ok(applied, 'applied');
    assert.deepEqual(applied.reports.map(r => [r.table, r.outcome]), [[TABLE, 'done']]);
    assert.equal((await a.services.describeTable('local', 'us-east-1', TABLE)).name, TABLE, 'the table exists');
  });
});
