/**
 * Preview Changes: plans every table of a config against its target and shows the plan in a
 * read-only document (scheme dynamodb-plan) beside the config, with code lenses to apply it or
 * plan again. Nothing is changed on the server.
 */
import { posix } from 'node:path';
import * as vscode from 'vscode';
import { formatPreview } from '../../plan/words';
import type { Plan, Step } from '../../model/plan';
import type { StepNotes } from '../../plan/words';
import { limitationsOfStep } from '../../plan/steps';
import { planSpecs } from '../../dynamo/apply';
import type { TableSpec } from '../../model/spec';
import { dialectOf } from '../../language/dialects/registry';
import { comparableOf, formatComparison } from '../../plan/compare';
import { registerCommand } from './register';
import { configDocument, PLAN_SCHEME, refuseErrors, sourceOfPlan, targetClient, withCancellableProgress } from './config';
import type { ConfigCommandContext } from './config';
import { targetLabel, targetNote } from './target';
import type { ConfigTarget } from './target';

export interface PreviewResult {
  readonly source: vscode.Uri;
  readonly target: ConfigTarget;
  readonly plans: readonly Plan[];
  readonly text: string;
  readonly uri: vscode.Uri;
}

interface Shown {
  readonly text: string;
  readonly pending: number;
  readonly target: string;
  /** A comparison (read-only, no Apply lens; its refresh compares again) rather than a preview. */
  readonly compare?: boolean;
}

/** On the embedded server, what it lacks or ignores of each step (that part stays pending). */
export function stepNotes(target: ConfigTarget): StepNotes | undefined {
  return target.connection.kind === 'local' ? (step: Step) => limitationsOfStep('dynalite', step).map(l => l.label) : undefined;
}

/** The preview documents: their text by config URI, refreshed when a preview runs again. */
export class PlanDocuments implements vscode.TextDocumentContentProvider, vscode.CodeLensProvider, vscode.Disposable {
  private readonly shown = new Map<string, Shown>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly lenses = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lenses.event;

  static uriFor(source: vscode.Uri, compare = false): vscode.Uri {
    const name = posix.basename(source.path);
    return vscode.Uri.from({ scheme: PLAN_SCHEME, path: `/${compare ? 'Compare' : 'Preview'} ${name}`, query: encodeURIComponent(source.toString()) });
  }

  set(source: vscode.Uri, shown: Shown): vscode.Uri {
    const uri = PlanDocuments.uriFor(source, shown.compare);
    this.shown.set(uri.toString(), shown);
    this.emitter.fire(uri);
    this.lenses.fire();
    return uri;
  }

  /** The text shown for a config, if it was previewed. */
  textOf(source: vscode.Uri, compare = false): string | undefined {
    return this.shown.get(PlanDocuments.uriFor(source, compare).toString())?.text;
  }

  isOpen(source: vscode.Uri): boolean {
    const uri = PlanDocuments.uriFor(source).toString();
    return vscode.workspace.textDocuments.some(d => d.uri.toString() === uri && !d.isClosed);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.shown.get(uri.toString())?.text ?? `No preview yet: run "DynamoDB: Preview Changes" on ${sourceOfPlan(uri).path}.\n`;
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const shown = this.shown.get(document.uri.toString());
    if (!shown) { return []; }
    const source = sourceOfPlan(document.uri);
    const top = new vscode.Range(0, 0, 0, 0);
    if (shown.compare) {
      return [new vscode.CodeLens(top, { title: '$(refresh) Compare again', command: 'dynamodbDesigner.compareWithLive', arguments: [source] })];
    }
    const lenses = [new vscode.CodeLens(top, { title: '$(refresh) Preview again', command: 'dynamodbDesigner.previewConfig', arguments: [source] })];
    if (shown.pending > 0) {
      lenses.unshift(new vscode.CodeLens(top, {
        title: `$(play) Apply ${shown.pending} table change${shown.pending === 1 ? '' : 's'} on ${shown.target}…`, command: 'dynamodbDesigner.applyConfig', arguments: [source],
      }));
    }
    return lenses;
  }

  dispose(): void {
    this.emitter.dispose();
    this.lenses.dispose();
  }
}

/** The plan of `tables` on the target, under a cancellable progress titled `title` (a quiet one: in the status bar, not cancellable). */
function planOnTarget(context: ConfigCommandContext, target: ConfigTarget, tables: readonly TableSpec[], title: string, quiet: boolean): Thenable<Plan[]> {
  return withCancellableProgress(title, async (_progress, signal) => {
    const client = await targetClient(context, target, signal);
    return planSpecs(client, tables, { signal });
  }, quiet);
}

/** Opens a plan document (a preview or a comparison) beside the config, in the plan language. */
async function showPlanDocument(uri: vscode.Uri): Promise<void> {
  let document = await vscode.workspace.openTextDocument(uri);
  if (document.languageId !== 'dynamodb-plan') { document = await vscode.languages.setTextDocumentLanguage(document, 'dynamodb-plan'); }
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: false });
}

/** Plans the config and shows (or refreshes) its preview document. */
export async function previewConfig(context: ConfigCommandContext, plans: PlanDocuments, argument: unknown, options: { reveal?: boolean } = {}): Promise<PreviewResult | undefined> {
  const config = await configDocument(context.diagnostics, argument, 'preview');
  // A file another tool applies (a CloudFormation template) has no preview to apply: its comparison.
  if (dialectOf(config.analysis.dialect).appliedBy) { return compareWithLive(context, plans, config.document.uri, options); }
  refuseErrors(config, 'preview it');
  const target = await context.targets.resolve(config.document, config.analysis);
  if (!target) { return undefined; }
  const planned = await planOnTarget(context, target, config.tables, `Planning ${config.fileName} on ${targetLabel(target)}`, options.reveal === false);
  const text = formatPreview(config.fileName, targetLabel(target) + targetNote(target), planned, new Date(), stepNotes(target));
  const uri = plans.set(config.document.uri, { text, pending: planned.filter(p => p.kind !== 'none').length, target: targetLabel(target) });
  context.services.log.info(`preview of ${config.document.uri.fsPath} on ${targetLabel(target)}:\n${text}`);
  if (options.reveal !== false) { await showPlanDocument(uri); }
  return { source: config.document.uri, target, plans: planned, text, uri };
}

/**
 * Compare with Live Table: the plan of every table of the file against its target, worded as
 * differences, in the same read-only document as a preview but without an Apply lens. Values a
 * template leaves to deploy time are listed as not known; a file another tool applies says so.
 */
export async function compareWithLive(context: ConfigCommandContext, plans: PlanDocuments, argument: unknown, options: { reveal?: boolean } = {}): Promise<PreviewResult | undefined> {
  const config = await configDocument(context.diagnostics, argument, 'compare');
  refuseErrors(config, 'compare it');
  const target = await context.targets.resolve(config.document, config.analysis);
  if (!target) { return undefined; }
  const { analysis } = config;
  const definition = dialectOf(analysis.dialect);
  const compared = comparableOf(analysis);
  const planned = await planOnTarget(context, target, compared.tables, `Comparing ${config.fileName} with ${targetLabel(target)}`, options.reveal === false);
  const text = formatComparison({
    fileName: config.fileName, where: targetLabel(target) + targetNote(target), appliedBy: definition.appliedBy, plans: planned, compared, notes: stepNotes(target),
  });
  const uri = plans.set(config.document.uri, { text, pending: 0, target: targetLabel(target), compare: true });
  context.services.log.info(`comparison of ${config.document.uri.fsPath} with ${targetLabel(target)}:\n${text}`);
  if (options.reveal !== false) { await showPlanDocument(uri); }
  return { source: config.document.uri, target, plans: planned, text, uri };
}

export function registerPreview(context: ConfigCommandContext, plans: PlanDocuments): vscode.Disposable[] {
  return [
    plans,
    vscode.workspace.registerTextDocumentContentProvider(PLAN_SCHEME, plans),
    vscode.languages.registerCodeLensProvider({ scheme: PLAN_SCHEME }, plans),
    registerCommand(context.services.log, 'dynamodbDesigner.previewConfig', { doing: 'Preview' },
      (_run, argument?: unknown) => previewConfig(context, plans, argument)),
    registerCommand(context.services.log, 'dynamodbDesigner.compareWithLive', { doing: 'Compare with live' },
      (_run, argument?: unknown) => compareWithLive(context, plans, argument)),
  ];
}
