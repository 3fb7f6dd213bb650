import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, api, until } from './support';

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
