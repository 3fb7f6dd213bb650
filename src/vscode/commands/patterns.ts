/**
 * Validate Access Patterns: runs a config's design (its entities and access patterns; for a
 * planton manifest, its NAME.design.yaml sidecar) on scratch copies of its tables on the embedded
 * local DynamoDB or a chosen endpoint connection (never on AWS: the scratch tables would be real),
 * and shows the report per pattern in a read-only document beside the config. The scratch tables
 * are deleted afterwards, also on failure or cancel.
 */
import { posix } from 'node:path';
import * as vscode from 'vscode';
import { isSidecarPath, sidecarPathOf } from '../../design/read';
import { formatRunReport, runDesign } from '../../dynamo/patterns';
import type { DesignRunReport } from '../../dynamo/patterns';
import type { Connection } from '../../dynamo/connections';
import { DESIGN_RULES } from '../../language/rules/design';
import { UserError } from '../platform/errors';
import { BACK } from '../platform/prompts';
import { registerCommand } from './register';
import { configDocument, withCancellableProgress } from './config';
import type { ConfigCommandContext } from './config';

export const PATTERNS_SCHEME = 'dynamodb-patterns';
const DESIGN_CODES = new Set(DESIGN_RULES.map(r => r.id));

export interface PatternsResult {
  readonly source: vscode.Uri;
  readonly connection: string;
  readonly report: DesignRunReport;
  readonly text: string;
  readonly uri: vscode.Uri;
}

/** The reports shown, by document URI (read-only documents of scheme dynamodb-patterns). */
export class PatternReports implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly shown = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  static uriFor(source: vscode.Uri): vscode.Uri {
    return vscode.Uri.from({ scheme: PATTERNS_SCHEME, path: `/Access patterns of ${posix.basename(source.path)}`, query: encodeURIComponent(source.toString()) });
  }

  set(source: vscode.Uri, text: string): vscode.Uri {
    const uri = PatternReports.uriFor(source);
    this.shown.set(uri.toString(), text);
    this.emitter.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.shown.get(uri.toString()) ?? 'No run yet: run "DynamoDB: Validate Access Patterns" on a config with access patterns.\n';
  }

  dispose(): void { this.emitter.dispose(); }
}

/** The server to run on: the embedded one, or an endpoint connection the person picks. */
async function chooseServer(context: ConfigCommandContext): Promise<Connection | undefined> {
  const candidates = (await context.services.connections()).filter(c => c.kind === 'local' || c.kind === 'endpoint');
  if (candidates.length === 0) {
    throw new UserError('No local server to run the patterns on: turn on dynamodbDesigner.local.enabled or add an endpoint connection (dynamodbDesigner.connections).');
  }
  if (candidates.length === 1) { return candidates[0]; }
  const items = candidates.map(c => ({ label: c.label, description: c.kind === 'local' ? 'embedded local DynamoDB' : c.url, connection: c }));
  const picked = await context.services.prompts.pick(items, { title: 'Validate Access Patterns: run on which server?', placeHolder: 'Scratch copies of the tables are created there, and deleted after' });
  return picked === undefined || picked === BACK ? undefined : picked.connection;
}

export async function validatePatterns(context: ConfigCommandContext, reports: PatternReports, argument: unknown): Promise<PatternsResult | undefined> {
  let config = await configDocument(context.diagnostics, argument, 'validate the access patterns of');
  if ((config.analysis.design?.patterns.length ?? 0) === 0 && !isSidecarPath(config.document.uri.path)) {
    const sidecar = config.document.uri.with({ path: sidecarPathOf(config.document.uri.path) });
    if (sidecar.path !== config.document.uri.path) {
      try {
        await vscode.workspace.fs.stat(sidecar);
        config = await configDocument(context.diagnostics, sidecar, 'validate the access patterns of');
      } catch {
        // No sidecar: said below.
      }
    }
  }
  const { analysis, fileName } = config;
  const design = analysis.design;
  if (!design || design.patterns.length === 0) {
    throw new UserError(`${fileName} declares no access patterns: add entities and access patterns to a table (see the README's "Single-table design").`);
  }
  const errors = analysis.findings.filter(f => f.severity === 'error' && !DESIGN_CODES.has(f.code));
  if (errors.length > 0) {
    throw new UserError(`${fileName} has ${errors.length} error${errors.length === 1 ? '' : 's'} in its tables; fix them first (line ${errors[0].range.start.line + 1}: ${errors[0].message}).`,
      { title: 'Show Problems', command: 'workbench.actions.view.problems' });
  }
  const connection = await chooseServer(context);
  if (!connection) { return undefined; }
  const tables = analysis.designTables ?? analysis.tables;
  const region = connection.regions[0] ?? 'us-east-1';
  const report = await withCancellableProgress(`Validating the access patterns of ${fileName} on ${connection.label}`, async (progress, signal) => {
    const client = await context.services.client(connection.id, region, signal);
    return runDesign(client, design, tables, { signal, progress: line => progress.report({ message: line }) });
  });
  const header = [
    `Access patterns of ${fileName}, run on ${connection.label} (${new Date().toISOString()})`,
    `Scratch copies of ${report.tables.map(t => `${t.name} (${t.items} generated items)`).join(', ')}, deleted after the run.`,
    '',
  ];
  const text = [...header, ...formatRunReport(report), ''].join('\n');
  context.services.log.info(`access patterns of ${config.document.uri.fsPath}:\n${text}`);
  const uri = reports.set(config.document.uri, text);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: false });
  const failed = report.results.filter(r => !r.ok).length;
  if (failed > 0) {
    void vscode.window.showWarningMessage(`${failed} of ${report.results.length} access pattern${report.results.length === 1 ? '' : 's'} of ${fileName} not served as declared.`);
  } else {
    void vscode.window.showInformationMessage(`All ${report.results.length} access patterns of ${fileName} served as declared.`);
  }
  return { source: config.document.uri, connection: connection.id, report, text, uri };
}

export function registerPatterns(context: ConfigCommandContext): vscode.Disposable[] {
  const reports = new PatternReports();
  return [
    reports,
    vscode.workspace.registerTextDocumentContentProvider(PATTERNS_SCHEME, reports),
    registerCommand(context.services.log, 'dynamodbDesigner.validatePatterns', { doing: 'Validate Access Patterns' },
      (_run, argument?: unknown) => validatePatterns(context, reports, argument)),
  ];
}
