/**
 * Diagnostics for table configs: analyze on open, on change (debounced; one analysis per
 * document version, shared with code actions, completion and hover through `analysisFor`) and
 * clear on close. Large documents are analysed in a worker thread (analyses.ts); a pass whose
 * version is no longer the document's is cancelled and its result dropped.
 */
import * as vscode from 'vscode';
import type { Range as LspRange } from 'vscode-languageserver-types';
import { configLanguageIds } from '../../language/dialects/registry';
import { associatedDialect, matchesConfigGlobs } from '../../language/association';
import { analyze } from '../../language/service';
import type { Analysis } from '../../language/service';
import type { ResolvedFinding, Severity } from '../../language/types';
import { readSettings } from '../platform/settings';
import { Analyses } from './analyses';
import { DEBOUNCE_MS } from './debounce';
import type { DocumentAnalysis } from './analyses';

export const DIAGNOSTIC_SOURCE = 'dynamodb';
const SCHEMA_CODES = new Set(['syntax', 'required', 'type', 'enum-value', 'unknown-key', 'range', 'pattern', 'internal']);

export function toRange(range: LspRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

const severities: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export class ConfigDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly analyses = new Analyses();
  private readonly published = new Map<string, number>();
  private readonly full = new Map<string, { version: number; analysis: Analysis | undefined }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a document's diagnostics were updated. */
  readonly onDidAnalyze = this.changed.event;

  constructor(private readonly readme: vscode.Uri) {
    this.disposables.push(
      this.collection,
      this.changed,
      vscode.workspace.onDidOpenTextDocument(d => void this.update(d)),
      vscode.workspace.onDidChangeTextDocument(e => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument(d => this.forget(d.uri)),
      vscode.workspace.onDidChangeConfiguration(e => {
        if (e.affectsConfiguration('dynamodbDesigner.configFiles') || e.affectsConfiguration('dynamodbDesigner.validation')) {
          this.analyses.clear();
          this.published.clear();
          this.full.clear();
          vscode.workspace.textDocuments.forEach(d => void this.update(d));
        }
      }),
    );
    vscode.workspace.textDocuments.forEach(d => void this.update(d));
  }

  /**
   * The analysis of the document's current version (the shared one; computed now if needed, in a
   * worker for a large document). Undefined for documents that are not table configs.
   */
  async analysisFor(document: vscode.TextDocument, token?: vscode.CancellationToken): Promise<DocumentAnalysis | undefined> {
    if (!this.isCandidate(document)) { return undefined; }
    const analysis = await this.analysisOfVersion(document);
    if (token?.isCancellationRequested) { return undefined; }
    if (analysis) { this.publish(document, analysis); }
    return analysis;
  }

  /**
   * The full analysis of the document's current version, on this thread (for commands such as
   * preview and apply, which need the parsed config): the shared one when it was computed here.
   */
  analysisOf(document: vscode.TextDocument): Analysis | undefined {
    if (!this.isCandidate(document)) { return undefined; }
    const key = document.uri.toString();
    const shared = this.analyses.local(key, document.version);
    if (shared) { return shared; }
    const full = this.full.get(key);
    if (full && full.version === document.version) { return full.analysis; }
    const settings = readSettings(document.uri);
    const text = document.getText();
    const forcedDialect = settings.configFiles.length ? associatedDialect(document.uri.path, text, settings.configFiles) : undefined;
    const analysis = analyze(text, { uri: document.uri.path, advice: settings.advice, forcedDialect });
    this.full.set(key, { version: document.version, analysis });
    return analysis;
  }

  private analysisOfVersion(document: vscode.TextDocument): Promise<DocumentAnalysis | undefined> {
    const settings = readSettings(document.uri);
    return this.analyses.get(document.uri.toString(), document.version, () => document.getText(), {
      uri: document.uri.path,
      advice: settings.advice,
      get forcedDialect() {
        return settings.configFiles.length ? associatedDialect(document.uri.path, document.getText(), settings.configFiles) : undefined;
      },
    }).catch(() => undefined);
  }

  private schedule(document: vscode.TextDocument): void {
    if (!this.isCandidate(document)) { return; }
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => { this.timers.delete(key); void this.update(document); }, DEBOUNCE_MS));
  }

  private isCandidate(document: vscode.TextDocument): boolean {
    if (document.isClosed) { return false; }
    if (configLanguageIds().includes(document.languageId)) { return true; }
    const globs = readSettings(document.uri).configFiles;
    return globs.length > 0 && matchesConfigGlobs(document.uri.path, globs);
  }

  private async update(document: vscode.TextDocument): Promise<void> {
    if (!this.isCandidate(document)) { return; }
    const version = document.version;
    const analysis = await this.analysisOfVersion(document);
    // A newer version arrived meanwhile: its own pass publishes.
    if (document.isClosed || document.version !== version) { return; }
    if (analysis) { this.publish(document, analysis); } else if (this.published.get(document.uri.toString()) !== version) {
      // Not (or no longer) a table config: nothing of ours stays on it.
      this.published.set(document.uri.toString(), version);
      this.collection.set(document.uri, []);
      this.changed.fire(document.uri);
    }
  }

  private publish(document: vscode.TextDocument, analysis: DocumentAnalysis): void {
    const key = document.uri.toString();
    if (this.published.get(key) === analysis.version || document.version !== analysis.version) { return; }
    this.published.set(key, analysis.version);
    this.collection.set(document.uri, analysis.findings.map(f => this.diagnostic(f)));
    this.changed.fire(document.uri);
  }

  private diagnostic(finding: ResolvedFinding): vscode.Diagnostic {
    const diagnostic = new vscode.Diagnostic(toRange(finding.range), finding.message, severities[finding.severity]);
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = SCHEMA_CODES.has(finding.code)
      ? finding.code
      : { value: finding.code, target: this.readme.with({ fragment: `rule-${finding.code}` }) };
    if (finding.code === 'not-applied') { diagnostic.tags = [vscode.DiagnosticTag.Unnecessary]; }
    return diagnostic;
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.analyses.forget(key);
    this.published.delete(key);
    this.full.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    this.timers.forEach(t => clearTimeout(t));
    this.analyses.clear();
    this.disposables.forEach(d => d.dispose());
  }
}
