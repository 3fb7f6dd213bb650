/**
 * activate(): registers every contribution, nothing else. The entry bundle stays small (vscode,
 * stand-ins and a config detection); the work is in two bundles loaded on demand:
 * - dist/language.js (src/vscode/activation/language.ts): diagnostics, fixes, completion, hover;
 *   loaded on the first document that may be a table config;
 * - dist/aws.js (src/vscode/activation/aws.ts): services, SDK, explorer, panels, commands;
 *   loaded on the first use of the explorer, a command or a panel (also a panel or item document
 *   restored after a reload), and in the background once a config is the active editor (its status
 *   bar target reads the connections).
 */
import { join } from 'node:path';
import * as vscode from 'vscode';
import type * as AwsBundle from './vscode/activation/aws';
import type { AwsFeatures } from './vscode/activation/aws';
import { watchConfigDocuments } from './vscode/activation/configWatch';
import type * as LanguageBundle from './vscode/activation/language';
import type { LanguageFeatures } from './vscode/activation/language';
import { contributedCommands, LazyTreeDataProvider, registerCommandStandIns, watchAwsTabs } from './vscode/activation/lazy';
import type { PlanDocuments } from './vscode/commands/preview';
import type { ConfigTargets } from './vscode/commands/target';
import type { ExplorerProvider } from './vscode/explorer/provider';
import type { ConfigDiagnostics } from './vscode/language/diagnostics';
import type { findPanel } from './vscode/panels/panels';
import { createLog } from './vscode/platform/log';
import type { Prompts } from './vscode/platform/prompts';
import type { Services } from './vscode/services';

/** What the extension returns from activate(): used by the e2e tests. Reading a part loads its bundle. */
export interface ExtensionApi {
  readonly services: Services;
  readonly explorer: ExplorerProvider;
  readonly diagnostics: ConfigDiagnostics;
  readonly targets: ConfigTargets;
  readonly plans: PlanDocuments;
  /** The open panel of a kind for a table (e2e). */
  readonly findPanel: typeof findPanel;
  /** Replaces the person answering prompts (e2e); returns the previous one. */
  setPrompts(prompts: Prompts): Prompts;
  /** The folder of the extension's log file (e2e: what was logged, as written). */
  readonly logUri: vscode.Uri;
}

/** The bundles beside this one in dist/ (scripts/build.mjs). */
const LANGUAGE_BUNDLE = 'language.js';
const AWS_BUNDLE = 'aws.js';
/** Commands the entry handles itself. */
const SHOW_LOG = 'dynamodbDesigner.showLog';

let shutdown: (() => Promise<void>) | undefined;

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const log = createLog();
  context.subscriptions.push(log);
  log.info(`DynamoDB Designer ${String(context.extension.packageJSON.version)} activating`);

  let language: LanguageFeatures | undefined;
  let aws: AwsFeatures | undefined;
  let configWatch: vscode.Disposable | undefined = undefined;

  const loadLanguage = (): LanguageFeatures => {
    if (!language) {
      configWatch?.dispose();
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const bundle = require(join(__dirname, LANGUAGE_BUNDLE)) as typeof LanguageBundle;
      language = bundle.activateLanguage(context);
      log.info('language service loaded');
      const active = vscode.window.activeTextEditor?.document;
      if (active && language.diagnostics.analysisOf(active)) { loadAwsSoon(); }
    }
    return language;
  };

  const tree = new LazyTreeDataProvider(() => loadAws().explorer);
  const view = vscode.window.createTreeView<unknown>('dynamodbDesigner.explorer', { treeDataProvider: tree, showCollapseAll: true });
  const standIns = registerCommandStandIns(contributedCommands(context.extension).filter(id => id !== SHOW_LOG), () => loadAws());
  let tabWatch: vscode.Disposable | undefined = undefined;

  const loadAws = (): AwsFeatures => {
    if (!aws) {
      const features = loadLanguage();
      tabWatch?.dispose();
      configEditorWatch.dispose();
      // The real handlers replace the stand-ins (a command id is registered once).
      standIns.dispose();
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const bundle = require(join(__dirname, AWS_BUNDLE)) as typeof AwsBundle;
      aws = bundle.activateAws(context, { log, view }, features);
      shutdown = aws.shutdown;
      log.info('AWS services loaded');
    }
    return aws;
  };
  /** After the current event (the first diagnostics are out): the status bar target of a config. */
  const loadAwsSoon = (): void => {
    setTimeout(() => {
      try { loadAws(); } catch (error) { log.error(`loading the AWS services failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`); }
    }, 0);
  };

  // A config that becomes the active editor later shows its target (AWS bundle) once analyzed.
  const configEditorWatch = vscode.window.onDidChangeActiveTextEditor(editor => {
    if (language && editor && language.diagnostics.analysisOf(editor.document)) { loadAwsSoon(); }
  });
  context.subscriptions.push(
    tree, view, standIns, configEditorWatch,
    vscode.commands.registerCommand(SHOW_LOG, () => log.show()),
    { dispose: () => { configWatch?.dispose(); tabWatch?.dispose(); } },
  );
  configWatch = watchConfigDocuments(() => loadLanguage());
  if (!aws) { tabWatch = watchAwsTabs(() => loadAws()); }

  return {
    get services() { return loadAws().services; },
    get explorer() { return loadAws().explorer; },
    get diagnostics() { return loadLanguage().diagnostics; },
    get targets() { return loadAws().targets; },
    get plans() { return loadAws().plans; },
    findPanel: (kind, target) => loadAws().findPanel(kind, target),
    setPrompts: prompts => loadAws().setPrompts(prompts),
    logUri: context.logUri,
  };
}

export async function deactivate(): Promise<void> {
  await shutdown?.();
}
