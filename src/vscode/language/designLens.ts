/**
 * The code lens above a config's first access pattern: "Validate Access Patterns" (runs the design
 * on scratch tables, commands/patterns.ts). From the shared analysis; no parse of its own.
 */
import * as vscode from 'vscode';
import { toRange } from './diagnostics';
import { AnalysisLenses } from './lenses';

export const VALIDATE_PATTERNS = 'dynamodbDesigner.validatePatterns';

export class DesignLenses extends AnalysisLenses {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const analysis = this.diagnostics.analysisOf(document);
    const patterns = analysis?.design?.patterns ?? [];
    if (!analysis || patterns.length === 0) { return []; }
    const at = analysis.config.map.get(patterns[0].pointer);
    if (!at) { return []; }
    const start = toRange(at.keyRange ?? at.valueRange).start;
    const range = new vscode.Range(start.line, 0, start.line, 0);
    return [new vscode.CodeLens(range, {
      title: `$(beaker) Validate Access Patterns (${patterns.length})`,
      tooltip: 'Run every access pattern on scratch copies of the tables (the embedded local DynamoDB or an endpoint), with generated sample items',
      command: VALIDATE_PATTERNS,
      arguments: [document.uri],
    })];
  }
}
