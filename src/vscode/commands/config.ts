/**
 * What the config commands (preview, apply, delete) share: the document a command is about (its
 * argument, a plan document's source, or the active editor), refusing a config with errors, and
 * planning every table of it against its target.
 */
import { posix } from 'node:path';
import * as vscode from 'vscode';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { appliedByOtherTool, otherToolRefusal } from '../../language/dialects/registry';
import type { Analysis } from '../../language/service';
import type { TableSpec } from '../../model/spec';
import type { ExplorerProvider } from '../explorer/provider';
import type { ConfigDiagnostics } from '../language/diagnostics';
import { UserError } from '../platform/errors';
import type { Services } from '../services';
import type { ConfigTarget, ConfigTargets } from './target';

/** Scheme of the read-only preview documents; the query holds the config's URI. */
export const PLAN_SCHEME = 'dynamodb-plan';

export interface ConfigCommandContext {
  readonly services: Services;
  readonly diagnostics: ConfigDiagnostics;
  readonly targets: ConfigTargets;
  readonly explorer: ExplorerProvider;
}

export interface ConfigDocument {
  readonly document: vscode.TextDocument;
  readonly analysis: Analysis;
  /** Tables with a valid name, in file order. */
  readonly tables: readonly TableSpec[];
  readonly fileName: string;
}

/** The config's URI for a plan document's URI. */
export function sourceOfPlan(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.parse(decodeURIComponent(uri.query), true);
}

/** The document a config command is about; throws UserError when there is none or it is no config. */
export async function configDocument(diagnostics: ConfigDiagnostics, argument: unknown, verb: string): Promise<ConfigDocument> {
  let uri = argument instanceof vscode.Uri ? argument : vscode.window.activeTextEditor?.document.uri;
  if (!uri) { throw new UserError(`Open a table config (TOML or YAML) to ${verb} it.`); }
  if (uri.scheme === PLAN_SCHEME) { uri = sourceOfPlan(uri); }
  const document = await vscode.workspace.openTextDocument(uri);
  const fileName = posix.basename(uri.path);
  const analysis = diagnostics.analysisOf(document);
  if (!analysis) {
    throw new UserError(`${fileName} is not a DynamoDB table config (genesys TOML, or planton or component YAML), so there is nothing to ${verb}.`);
  }
  const tables = analysis.tables.filter(t => t.name?.valid);
  return { document, analysis, tables, fileName };
}

/** Refuses a config with errors (they would be sent to AWS as they are). */
export function refuseErrors(config: ConfigDocument, verb: string): void {
  const errors = config.analysis.findings.filter(f => f.severity === 'error');
  if (errors.length === 0) { return; }
  const first = errors[0];
  throw new UserError(
    `${config.fileName} has ${errors.length} error${errors.length === 1 ? '' : 's'}; fix ${errors.length === 1 ? 'it' : 'them'} before you ${verb} ` +
    `(line ${first.range.start.line + 1}: ${first.message}).`,
    { title: 'Show Problems', command: 'workbench.actions.view.problems' },
  );
}

/**
 * Refuses to change the tables of a file another tool applies (a CloudFormation template): the
 * change would drift from that tool's state. Compare with Live Table shows the differences.
 */
export function refuseAppliedElsewhere(config: ConfigDocument, what: 'apply' | 'delete'): void {
  const tool = appliedByOtherTool(config.tables);
  if (!tool) { return; }
  throw new UserError(otherToolRefusal(config.fileName, tool, what), { title: 'Compare with Live Table', command: 'dynamodbDesigner.compareWithLive' });
}

/** The client of a target. */
export function targetClient(context: ConfigCommandContext, target: ConfigTarget, signal?: AbortSignal): Promise<DynamoDBClient> {
  return context.services.client(target.connection.id, target.region, signal);
}

/**
 * Runs `task` under a cancellable notification (or, `quiet`, in the status bar); the token is
 * handed on as an AbortSignal.
 */
export function withCancellableProgress<T>(
  title: string, task: (progress: vscode.Progress<{ message?: string; increment?: number }>, signal: AbortSignal) => Promise<T>, quiet = false,
): Thenable<T> {
  const location = quiet ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification;
  return vscode.window.withProgress({ location, title, cancellable: !quiet }, (progress, token) => {
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    return task(progress, controller.signal).finally(() => subscription.dispose());
  });
}
