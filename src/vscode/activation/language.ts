/**
 * The language bundle (dist/language.js): diagnostics, quick-fixes, completion and hover for table
 * configs. The entry (src/extension.ts) loads it on the first document that may be a config (or
 * before the AWS bundle); documents are analyzed from then on by ConfigDiagnostics itself.
 */
import * as vscode from 'vscode';
import { configLanguageIds, dialectOf } from '../../language/dialects/registry';
import { ConfigCodeActions } from '../language/codeActions';
import { parentPointer } from '../../language/sourcemap';
import { ConfigDiagnostics, toRange } from '../language/diagnostics';
import { AnalysisLenses } from '../language/lenses';
import { DesignLenses } from '../language/designLens';
import { ConfigCompletion, ConfigHover } from '../language/providers';

/** The documents the language features serve: files of the registered formats (TOML, YAML) on disk or unsaved. */
const CONFIG_SELECTOR: vscode.DocumentSelector = configLanguageIds().flatMap(language => [{ language, scheme: 'file' }, { language, scheme: 'untitled' }]);

/**
 * On each table of a file another tool applies (a CloudFormation template's table resources): a
 * Compare with Live Table lens on the resource's key.
 */
class CompareLenses extends AnalysisLenses {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const analysis = this.diagnostics.analysisOf(document);
    if (!analysis || document.uri.scheme !== 'file' || !dialectOf(analysis.dialect).appliedBy) { return []; }
    const lenses: vscode.CodeLens[] = [];
    for (const table of analysis.tables) {
      const resource = parentPointer(table.pointer);
      const at = resource === undefined ? undefined : analysis.config.map.get(resource);
      const range = at?.keyRange ?? at?.valueRange;
      if (!range) { continue; }
      lenses.push(new vscode.CodeLens(toRange(range), { title: '$(git-compare) Compare with Live Table', command: 'dynamodbDesigner.compareWithLive', arguments: [document.uri] }));
    }
    return lenses;
  }
}

export interface LanguageFeatures {
  readonly diagnostics: ConfigDiagnostics;
}

export function activateLanguage(context: vscode.ExtensionContext): LanguageFeatures {
  const diagnostics = new ConfigDiagnostics(vscode.Uri.joinPath(context.extensionUri, 'README.md'));
  const compareLenses = new CompareLenses(diagnostics);
  // The editor menus' key (Preview, Apply) also before the AWS bundle sets it with the target.
  const showActive = (): void => {
    const document = vscode.window.activeTextEditor?.document;
    const analysis = document?.uri.scheme === 'file' ? diagnostics.analysisOf(document) : undefined;
    void vscode.commands.executeCommand('setContext', 'dynamodbDesigner.activeIsConfig', analysis !== undefined);
    // A file another tool applies (a CloudFormation template): Compare instead of Preview/Apply.
    void vscode.commands.executeCommand('setContext', 'dynamodbDesigner.activeAppliedElsewhere', analysis !== undefined && dialectOf(analysis.dialect).appliedBy !== undefined);
  };
  const lenses = new DesignLenses(diagnostics);
  context.subscriptions.push(
    diagnostics,
    lenses,
    vscode.languages.registerCodeLensProvider(CONFIG_SELECTOR, lenses),
    vscode.languages.registerCodeActionsProvider(CONFIG_SELECTOR, new ConfigCodeActions(diagnostics), ConfigCodeActions.metadata),
    vscode.languages.registerCompletionItemProvider(CONFIG_SELECTOR, new ConfigCompletion(diagnostics), '=', ':', ' ', '"', '\n'),
    vscode.languages.registerHoverProvider(CONFIG_SELECTOR, new ConfigHover(diagnostics)),
    compareLenses,
    vscode.languages.registerCodeLensProvider(CONFIG_SELECTOR, compareLenses),
    vscode.window.onDidChangeActiveTextEditor(showActive),
    diagnostics.onDidAnalyze(uri => { if (uri.toString() === vscode.window.activeTextEditor?.document.uri.toString()) { showActive(); } }),
  );
  showActive();
  return { diagnostics };
}
