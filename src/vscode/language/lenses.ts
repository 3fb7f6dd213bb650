/**
 * The base of the code lens providers that read the shared analysis (ConfigDiagnostics): their
 * lenses change whenever a document is analyzed again.
 */
import * as vscode from 'vscode';
import type { ConfigDiagnostics } from './diagnostics';

export abstract class AnalysisLenses implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(protected readonly diagnostics: ConfigDiagnostics) {
    diagnostics.onDidAnalyze(() => this.changed.fire());
  }

  abstract provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[];

  dispose(): void {
    this.changed.dispose();
  }
}
