/**
 * Quick-fixes for the diagnostics in the requested range (their edits computed now, from the
 * shared analysis: nothing is computed for findings nobody asks about), the preferred one marked,
 * and a "Fix all auto-fixable problems" source action (service.ts `fixAll`).
 */
import * as vscode from 'vscode';
import { findingsIn } from '../../language/service';
import { ConfigDiagnostics, DIAGNOSTIC_SOURCE, toRange } from './diagnostics';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('dynamodb');

export class ConfigCodeActions implements vscode.CodeActionProvider<vscode.CodeAction> {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly diagnostics: ConfigDiagnostics) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext, token?: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    const analysis = await this.diagnostics.analysisFor(document, token);
    if (!analysis || analysis.version !== document.version || token?.isCancellationRequested) { return []; }
    const actions: vscode.CodeAction[] = [];
    const wantsQuickFix = !context.only || context.only.contains(vscode.CodeActionKind.QuickFix) || vscode.CodeActionKind.QuickFix.contains(context.only);
    if (wantsQuickFix) {
      const near = findingsIn(analysis, { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } });
      for (const diagnostic of context.diagnostics.filter(d => d.source === DIAGNOSTIC_SOURCE)) {
        const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
        const finding = near.find(f => f.code === code && toRange(f.range).isEqual(diagnostic.range) && f.message === diagnostic.message)
          ?? analysis.findings.find(f => f.code === code && toRange(f.range).isEqual(diagnostic.range) && f.message === diagnostic.message);
        if (!finding) { continue; }
        for (const fix of await analysis.fixes(finding)) {
          const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          action.diagnostics = [diagnostic];
          action.isPreferred = fix.preferred;
          action.edit = new vscode.WorkspaceEdit();
          for (const edit of fix.edits) { action.edit.replace(document.uri, toRange(edit.range), edit.newText); }
          actions.push(action);
        }
      }
    }
    const fixable = analysis.findings.some(f => f.fixes?.some(x => x.preferred));
    const asked = context.only !== undefined && (FIX_ALL_KIND.contains(context.only) || context.only.contains(FIX_ALL_KIND));
    if (fixable && (asked || !context.only)) {
      const action = new FixAllAction(document, analysis.version);
      // Asked for by kind (on save, a command): computed now. Offered in the light bulb: computed
      // only when chosen (resolveCodeAction), so moving the cursor never runs a fix-all.
      if (asked) { await this.computeFixAll(action, token); }
      if (!asked || action.edit) { actions.push(action); }
    }
    return actions;
  }

  async resolveCodeAction(action: vscode.CodeAction, token: vscode.CancellationToken): Promise<vscode.CodeAction> {
    if (action instanceof FixAllAction && !action.edit) { await this.computeFixAll(action, token); }
    return action;
  }

  private async computeFixAll(action: FixAllAction, token?: vscode.CancellationToken): Promise<void> {
    const { document } = action;
    const analysis = await this.diagnostics.analysisFor(document, token);
    if (!analysis || analysis.version !== action.version || document.version !== action.version || token?.isCancellationRequested) { return; }
    const fixed = await analysis.fixAll();
    if (fixed === document.getText() || document.version !== action.version || token?.isCancellationRequested) { return; }
    action.edit = new vscode.WorkspaceEdit();
    const { range: changed, newText } = minimalReplacement(document, fixed);
    action.edit.replace(document.uri, changed, newText);
  }
}

class FixAllAction extends vscode.CodeAction {
  constructor(readonly document: vscode.TextDocument, readonly version: number) {
    super('Fix all auto-fixable problems', FIX_ALL_KIND);
  }
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
