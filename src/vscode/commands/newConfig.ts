/**
 * New Table Config: asks the wizard's steps (src/config/newConfig.ts) through Prompts, with Back
 * keeping the earlier answers and Escape cancelling, then writes the config where the person
 * chooses (an existing file only after they confirm replacing it) and opens it. Thin: the steps,
 * their checks and the text are the pure module's.
 */
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { locationLabel } from '../../dynamo/connections';
import { answersOf, configFileName, configFilters, configProblem, newConfigText, wizardSteps, type Draft, type NewTableAnswers } from '../../config/newConfig';
import type { ExplorerProvider } from '../explorer/provider';
import { registerCommand } from './register';
import { freeFile, mayWrite } from '../platform/files';
import { BACK, type Prompts } from '../platform/prompts';
import type { Services } from '../services';

const TITLE = 'New Table Config';

/** Where tables of each name were listed in the explorer (no request is made). */
async function listedTables(explorer: ExplorerProvider): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  for (const { name, node } of await explorer.listedTables()) {
    found.set(name, [...(found.get(name) ?? []), locationLabel(node.connection, node.region)]);
  }
  return found;
}

/** The warning for a table name that already exists somewhere listed. */
export function existingTableWarning(name: string, where: readonly string[] | undefined): string | undefined {
  return where?.length
    ? `A table named ${name} already exists on ${where.join(', ')}: this config will describe it, and Apply changes it to match.`
    : undefined;
}

/**
 * The answered draft from step `start` on, or undefined when the person dismissed a step.
 * `existing`: where tables of a name were listed, to warn at the name step.
 */
async function askSteps(prompts: Prompts, existing: ReadonlyMap<string, readonly string[]>, from: Draft = {}, start = 0): Promise<Draft | undefined> {
  let draft: Draft = from;
  let i = start;
  for (;;) {
    const steps = wizardSteps(draft);
    if (i >= steps.length) { return draft; }
    const step = steps[i];
    const position = { title: TITLE, step: i + 1, totalSteps: steps.length };
    let next: Draft | undefined | typeof BACK;
    if (step.kind === 'pick') {
      const picked = await prompts.pick(step.choices, { ...position, placeHolder: step.placeHolder, active: step.active });
      next = picked === undefined || picked === BACK ? picked : picked.apply(draft);
    } else {
      const warn = step.id === 'tableName' ? (v: string) => existingTableWarning(v, existing.get(v)) : undefined;
      const typed = await prompts.input({ ...position, prompt: step.prompt, placeHolder: step.placeHolder, value: step.value, validate: step.validate, ...(warn ? { warn } : {}) });
      next = typed === undefined || typed === BACK ? typed : step.accept(draft, typed);
    }
    if (next === undefined) { return undefined; }
    if (next === BACK) { i = Math.max(0, i - 1); continue; }
    draft = next;
    i++;
  }
}

/** Where to write: the save dialog (default `<workspace folder>/<table>.<ext>`); an existing file only once the person confirms. */
async function chooseFile(prompts: Prompts, answers: NewTableAnswers): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  const name = configFileName(answers);
  let defaultUri = await freeFile(folder ? folder.uri : vscode.Uri.file(homedir()), name);
  const filters = configFilters(answers.dialect);
  for (;;) {
    const uri = await prompts.saveLocation({ defaultUri, filters, saveLabel: 'Create', title: `${TITLE}: save ${answers.tableName} as` });
    if (!uri) { return undefined; }
    if (await mayWrite(prompts, uri, 'the new table config', 'Choose another name by answering no.')) { return uri; }
    defaultUri = uri;
  }
}

/**
 * Runs the wizard; the written file, or undefined when the person cancelled (nothing written).
 * Escape in the save dialog goes back to the last step, every answer kept.
 */
async function newConfig(prompts: Prompts, explorer: ExplorerProvider): Promise<vscode.Uri | undefined> {
  const existing = await listedTables(explorer);
  let draft: Draft | undefined = {};
  let start = 0;
  for (;;) {
    draft = await askSteps(prompts, existing, draft, start);
    if (!draft) { return undefined; }
    const answers = answersOf(draft);
    // Every typed value was checked on the way; a problem here is a bug, not the person's input.
    const problem = configProblem(answers);
    if (problem) { throw new Error(`the answers make a config the language service rejects (${problem})`); }
    const uri = await chooseFile(prompts, answers);
    if (!uri) { start = wizardSteps(draft).length - 1; continue; }
    return write(uri, answers, existing.get(answers.tableName));
  }
}

async function write(uri: vscode.Uri, answers: NewTableAnswers, existsOn: readonly string[] | undefined): Promise<vscode.Uri> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(newConfigText(answers, { existsOn })));
  await vscode.window.showTextDocument(uri, { preview: false });
  return uri;
}

export function registerNewConfigCommand(services: Services, explorer: ExplorerProvider): vscode.Disposable {
  return registerCommand(services.log, 'dynamodbDesigner.newConfig', { doing: 'New Table Config' }, () => newConfig(services.prompts, explorer));
}
