/**
 * Quick-fixes from the language service's resolved fixes (minimal text edits), the preferred one
 * marked, and a "Fix all auto-fixable problems" source action that applies preferred fixes until
 * none is left (re-analyzing between rounds, so fixes never overlap).
 */
import * as vscode from 'vscode';
import type { TextEdit as LspTextEdit } from 'vscode-languageserver-types';
import { analyze } from '../../language/service';
import { readSettings } from '../platform/settings';
import { ConfigDiagnostics, DIAGNOSTIC_SOURCE, toRange } from './diagnostics';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('dynamodb');

/** Applies LSP edits to a text (edits do not overlap; applied from the end). */
export function applyEdits(text: string, edits: readonly LspTextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) { if (text.charCodeAt(i) === 10) { lineStarts.push(i + 1); } }
  const offset = (p: { line: number; character: number }) => Math.min(text.length, (lineStarts[p.line] ?? text.length) + p.character);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const edit of sorted) { out = out.slice(0, offset(edit.range.start)) + edit.newText + out.slice(offset(edit.range.end)); }
  return out;
}

export class ConfigCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly diagnostics: ConfigDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const analysis = this.diagnostics.analysisOf(document);
    if (!analysis) { return []; }
    const actions: vscode.CodeAction[] = [];
    const wantsQuickFix = !context.only || context.only.contains(vscode.CodeActionKind.QuickFix) || vscode.CodeActionKind.QuickFix.contains(context.only);
    if (wantsQuickFix) {
      for (const diagnostic of context.diagnostics.filter(d => d.source === DIAGNOSTIC_SOURCE)) {
        const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
        const finding = analysis.findings.find(f => f.code === code && toRange(f.range).isEqual(diagnostic.range) && f.message === diagnostic.message);
        for (const fix of finding?.resolvedFixes ?? []) {
          const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          action.diagnostics = [diagnostic];
          action.isPreferred = fix.preferred;
          action.edit = new vscode.WorkspaceEdit();
          for (const edit of fix.edits) { action.edit.replace(document.uri, toRange(edit.range), edit.newText); }
          actions.push(action);
        }
      }
    }
    const wantsFixAll = context.only ? FIX_ALL_KIND.contains(context.only) || context.only.contains(FIX_ALL_KIND) : analysis.findings.some(f => f.resolvedFixes.some(x => x.preferred));
    if (wantsFixAll && analysis.findings.some(f => f.resolvedFixes.some(x => x.preferred))) {
      const action = new vscode.CodeAction('Fix all auto-fixable problems', FIX_ALL_KIND);
      const fixed = fixAll(document.getText(), document.uri.path, readSettings(document.uri).advice);
      if (fixed !== document.getText()) {
        action.edit = new vscode.WorkspaceEdit();
        const { range, newText } = minimalReplacement(document, fixed);
        action.edit.replace(document.uri, range, newText);
        actions.push(action);
      }
    }
    return actions;
  }
}

/** Applies the preferred fix of the first fixable finding, re-analyzes, repeats (bounded). */
export function fixAll(text: string, uri: string, advice: boolean): string {
  let current = text;
  const seen = new Set<string>([current]);
  for (let round = 0; round < 100; round++) {
    const analysis = analyze(current, { uri, advice });
    const fix = analysis?.findings.flatMap(f => f.resolvedFixes.filter(x => x.preferred))[0];
    if (!fix) { break; }
    const next = applyEdits(current, fix.edits);
    if (seen.has(next)) { break; }
    seen.add(next);
    current = next;
  }
  return current;
}

/** One replacement covering only the lines that differ. */
function minimalReplacement(document: vscode.TextDocument, fixed: string): { range: vscode.Range; newText: string } {
  const before = document.getText();
  let start = 0;
  while (start < before.length && start < fixed.length && before[start] === fixed[start]) { start++; }
  let endBefore = before.length;
  let endAfter = fixed.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === fixed[endAfter - 1]) { endBefore--; endAfter--; }
  return { range: new vscode.Range(document.positionAt(start), document.positionAt(endBefore)), newText: fixed.slice(start, endAfter) };
}
