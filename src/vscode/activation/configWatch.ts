/**
 * Until the language bundle is loaded, the entry watches open documents for one that may be a
 * table config, with the language service's own detection (dialects/detect.ts: a few regular
 * expressions over the text, no parse) and the `configFiles` globs. A TOML or YAML file that is
 * not a table config costs that detection and nothing more; the first that may be one loads the
 * language bundle, whose diagnostics take over every document.
 */
import * as vscode from 'vscode';
import { matchesConfigGlobs } from '../../language/globs';
import { isConfigText } from '../../language/dialects/detect';
import { configLanguageIds } from '../../language/dialects/registry';
import { readSettings } from '../platform/settings';

const DEBOUNCE_MS = 150;

/**
 * Whether the language service may analyze the document as a config: a superset of its own
 * decision (either format's detection, whatever the file's extension says).
 */
export function mayBeConfig(document: vscode.TextDocument): boolean {
  if (document.isClosed) { return false; }
  const globs = readSettings(document.uri).configFiles;
  if (globs.length > 0 && matchesConfigGlobs(document.uri.path, globs)) { return true; }
  if (!configLanguageIds().includes(document.languageId)) { return false; }
  const text = document.getText();
  return isConfigText(text);
}

/** Calls `found` once, for the first open (or edited) document that may be a config. */
export function watchConfigDocuments(found: () => void): vscode.Disposable {
  const timers = new Map<string, NodeJS.Timeout>();
  const disposables: vscode.Disposable[] = [];
  let done = false;
  const stop = (): void => {
    timers.forEach(t => clearTimeout(t));
    timers.clear();
    disposables.forEach(d => d.dispose());
  };
  const check = (document: vscode.TextDocument): void => {
    if (done || !mayBeConfig(document)) { return; }
    done = true;
    stop();
    found();
  };
  disposables.push(
    vscode.workspace.onDidOpenTextDocument(check),
    vscode.workspace.onDidChangeTextDocument(({ document }) => {
      if (!configLanguageIds().includes(document.languageId) && readSettings(document.uri).configFiles.length === 0) { return; }
      const key = document.uri.toString();
      clearTimeout(timers.get(key));
      timers.set(key, setTimeout(() => { timers.delete(key); check(document); }, DEBOUNCE_MS));
    }),
    vscode.workspace.onDidCloseTextDocument(document => {
      const key = document.uri.toString();
      clearTimeout(timers.get(key));
      timers.delete(key);
    }),
    vscode.workspace.onDidChangeConfiguration(event => {
      if (event.affectsConfiguration('dynamodbDesigner.configFiles')) { vscode.workspace.textDocuments.forEach(check); }
    }),
  );
  vscode.workspace.textDocuments.forEach(check);
  return { dispose: () => { done = true; stop(); } };
}
