/**
 * The language bundle (dist/language.js): diagnostics, quick-fixes, completion and hover for table
 * configs. The entry (src/extension.ts) loads it on the first document that may be a config (or
 * before the AWS bundle); documents are analyzed from then on by ConfigDiagnostics itself.
 */
import * as vscode from 'vscode';
import { configLanguageIds } from '../../language/dialects/registry';
import { ConfigCodeActions } from '../language/codeActions';
import { ConfigDiagnostics } from '../language/diagnostics';
import { ConfigCompletion, ConfigHover } from '../language/providers';

/** The documents the language features serve: files of the registered formats (TOML, YAML) on disk or unsaved. */
const CONFIG_SELECTOR: vscode.DocumentSelector = configLanguageIds().flatMap(language => [{ language, scheme: 'file' }, { language, scheme: 'untitled' }]);

export interface LanguageFeatures {
  readonly diagnostics: ConfigDiagnostics;
}

export function activateLanguage(context: vscode.ExtensionContext): LanguageFeatures {
  const diagnostics = new ConfigDiagnostics(vscode.Uri.joinPath(context.extensionUri, 'README.md'));
  // The editor menus' key (Preview, Apply) also before the AWS bundle sets it with the target.
  const showActive = (): void => {
    const document = vscode.window.activeTextEditor?.document;
    const isConfig = document?.uri.scheme === 'file' && diagnostics.analysisOf(document) !== undefined;
    void vscode.commands.executeCommand('setContext', 'dynamodbDesigner.activeIsConfig', isConfig);
  };
  context.subscriptions.push(
    diagnostics,
    vscode.languages.registerCodeActionsProvider(CONFIG_SELECTOR, new ConfigCodeActions(diagnostics), ConfigCodeActions.metadata),
    vscode.languages.registerCompletionItemProvider(CONFIG_SELECTOR, new ConfigCompletion(diagnostics), '=', ':', ' ', '"', '\n'),
    vscode.languages.registerHoverProvider(CONFIG_SELECTOR, new ConfigHover(diagnostics)),
    vscode.window.onDidChangeActiveTextEditor(showActive),
    diagnostics.onDidAnalyze(uri => { if (uri.toString() === vscode.window.activeTextEditor?.document.uri.toString()) { showActive(); } }),
  );
  showActive();
  return { diagnostics };
}
