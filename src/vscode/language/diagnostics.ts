/**
 * Diagnostics for table configs: analyze on open, on change (debounced, skipping versions already
 * analyzed) and clear on close. Keeps the last analysis per document for code actions.
 */
import * as vscode from 'vscode';
import type { Range as LspRange } from 'vscode-languageserver-types';
import { associatedDialect, matchesConfigGlobs } from '../../language/association';
import { analyze, Analysis } from '../../language/service';
import type { ResolvedFinding, Severity } from '../../language/types';
import { readSettings } from '../platform/settings';

export const DIAGNOSTIC_SOURCE = 'dynamodb';
const DEBOUNCE_MS = 150;
const LANGUAGES = new Set(['toml', 'yaml']);
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

interface Entry { readonly version: number; readonly analysis: Analysis | undefined }

export class ConfigDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly entries = new Map<string, Entry>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a document's diagnostics were updated. */
  readonly onDidAnalyze = this.changed.event;

  constructor(private readonly readme: vscode.Uri) {
    this.disposables.push(
      this.collection,
      this.changed,
      vscode.workspace.onDidOpenTextDocument(d => this.update(d)),
      vscode.workspace.onDidChangeTextDocument(e => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument(d => this.forget(d.uri)),
      vscode.workspace.onDidChangeConfiguration(e => {
        if (e.affectsConfiguration('dynamodbDesigner.configFiles') || e.affectsConfiguration('dynamodbDesigner.validation')) {
          this.entries.clear();
          vscode.workspace.textDocuments.forEach(d => this.update(d));
        }
      }),
    );
    vscode.workspace.textDocuments.forEach(d => this.update(d));
  }

  /** The analysis of the document's current version (computed now if needed). */
  analysisOf(document: vscode.TextDocument): Analysis | undefined {
    const entry = this.entries.get(document.uri.toString());
    if (entry && entry.version === document.version) { return entry.analysis; }
    return this.update(document);
  }

  private schedule(document: vscode.TextDocument): void {
    if (!this.isCandidate(document)) { return; }
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => { this.timers.delete(key); this.update(document); }, DEBOUNCE_MS));
  }

  private isCandidate(document: vscode.TextDocument): boolean {
    if (document.isClosed) { return false; }
    if (LANGUAGES.has(document.languageId)) { return true; }
    const globs = readSettings(document.uri).configFiles;
    return globs.length > 0 && matchesConfigGlobs(document.uri.path, globs);
  }

  private update(document: vscode.TextDocument): Analysis | undefined {
    if (!this.isCandidate(document)) { return undefined; }
    const key = document.uri.toString();
    const previous = this.entries.get(key);
    if (previous && previous.version === document.version) { return previous.analysis; }
    const settings = readSettings(document.uri);
    const text = document.getText();
    const forcedDialect = settings.configFiles.length ? associatedDialect(document.uri.path, text, settings.configFiles) : undefined;
    const analysis = analyze(text, { uri: document.uri.path, advice: settings.advice, forcedDialect });
    this.entries.set(key, { version: document.version, analysis });
    this.collection.set(document.uri, analysis ? analysis.findings.map(f => this.diagnostic(f)) : []);
    this.changed.fire(document.uri);
    return analysis;
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
    this.entries.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    this.timers.forEach(t => clearTimeout(t));
    this.disposables.forEach(d => d.dispose());
  }
}
