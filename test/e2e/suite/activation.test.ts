import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './support';

describe('extension', () => {
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
});
