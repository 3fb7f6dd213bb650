import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, api, until } from './support';

/** Whether this extension host has loaded a bundle of dist/ (the extension runs in this process). */
function loaded(bundle: string): boolean {
  return Object.keys(require.cache).some(path => path.endsWith(`${sep}dist${sep}${bundle}`));
}

describe('extension', () => {
  // First of the suite: nothing has used the extension yet.
  it('lean activation: a YAML file that is no table config loads only the entry; a config loads the language bundle; a command the AWS bundle', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed = (extension.packageJSON.contributes.commands as { command: string }[]).map(c => c.command);
    const other = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'name: build\non:\n  push: {}\njobs:\n  test:\n    runs-on: ubuntu-latest\n' });
    await vscode.window.showTextDocument(other);
    await until('activation by a YAML document (onLanguage:yaml)', () => extension.isActive);
    assert.ok(loaded('extension.js'), 'the entry bundle is loaded');
    assert.deepEqual(['language.js', 'aws.js'].filter(loaded), [], 'a YAML file that is not a config loads nothing more');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter(c => !registered.has(c)), [], 'every contributed command is there before its bundle is loaded');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    const folder = vscode.workspace.workspaceFolders![0].uri;
    const config = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'planton.yaml'));
    await until('the language bundle, for a config', () => loaded('language.js'));
    assert.equal(loaded('aws.js'), false, 'a config that is not shown does not need the AWS code');
    assert.ok((await extension.activate()).diagnostics.analysisOf(config), 'the config is analyzed');

    // The stand-in loads the AWS bundle and runs the real handler.
    await vscode.commands.executeCommand('dynamodbDesigner.refreshExplorer');
    assert.ok(loaded('aws.js'), 'a command loads the AWS bundle');
    const after = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter(c => !after.has(c)), [], 'the real handlers replaced the stand-ins');
  });

  it('activates in the real extension host and returns its API', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    const api = await extension.activate();
    assert.ok(extension.isActive);
    assert.ok(api.explorer, 'the API exposes the explorer');
  });

  it('registers every contributed command', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed = (extension.packageJSON.contributes.commands as { command: string }[]).map(c => c.command);
    assert.ok(contributed.length >= 2);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter(c => !registered.has(c));
    assert.deepEqual(missing, [], 'contributed but not registered');
  });

  it('gives .toml files the toml language id (VS Code ships none)', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'genesys.toml'));
    assert.equal(document.languageId, 'toml');
    const yaml = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'planton.yaml'));
    assert.equal(yaml.languageId, 'yaml');
  });

  it('writes no session token, secret key or signed header value to its log, whatever a message holds', async () => {
    const a = await api();
    const marker = `redaction-check-${Date.now()}`;
    a.services.log.error(`${marker} Bad request, headers: {"x-amz-security-token":"tok-e2e-0123456789","authorization":"AWS4-HMAC-SHA256 Credential=AKIDE2E/x, Signature=abc0123"}`);
    a.services.log.warn(`${marker} aws_secret_access_key = secret-e2e-0123456789`, new Error('X-Amz-Security-Token: tok-e2e-0123456789'));
    a.services.log.info(`${marker} done`);
    const text = await until('the three lines in the log file', () => {
      let names: string[];
      try { names = readdirSync(a.logUri.fsPath); } catch { return undefined; }
      for (const name of names) {
        const content = readFileSync(join(a.logUri.fsPath, name), 'utf8');
        if (content.split(marker).length > 3) { return content; }
      }
      return undefined;
    });
    assert.match(text, /"x-amz-security-token":"\[redacted\]","authorization":"\[redacted\]"/);
    assert.match(text, /aws_secret_access_key = \[redacted\]/);
    assert.doesNotMatch(text, /tok-e2e|secret-e2e|AWS4-HMAC|abc0123/);
  });
});
