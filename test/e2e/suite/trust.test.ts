/**
 * Workspace trust and `dynamodbDesigner.connections` (issue 16): a workspace's own settings must
 * not add a connection that would be signed with the user's credentials until the workspace is
 * trusted. The untrusted half runs only in the launch that enables workspace trust and opens an
 * untrusted folder whose .vscode/settings.json lists a connection (DDD_E2E_TRUST=untrusted,
 * test/e2e/launch/codeServer.ts); the trusted half runs in the main launch (trust disabled, so the
 * folder is trusted) and checks the connection's tooltip names the settings that listed it.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { ScriptedPrompts } from './prompts';
import { api, until } from './support';

const UNTRUSTED = process.env.DDD_E2E_TRUST === 'untrusted';

function tooltipText(item: vscode.TreeItem): string {
  const t = item.tooltip;
  return typeof t === 'string' ? t : t?.value ?? '';
}

(UNTRUSTED ? describe : describe.skip)('untrusted workspace: restricted connections', () => {
  it('ignores the workspace settings\' connections and keeps the user\'s, saying where they came from', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the launch opened an untrusted folder');
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const file = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, '.vscode/settings.json'))).toString('utf8')) as Record<string, { name: string }[]>;
    assert.deepEqual(file['dynamodbDesigner.connections']!.map(c => c.name), ['Workspace endpoint'], 'the folder\'s settings do list a connection');
    // VS Code 1.100 itself leaves a restricted setting's workspace value out in an untrusted
    // workspace, from get() and from inspect() alike (the extension does not rely on it).
    assert.equal(vscode.workspace.getConfiguration('dynamodbDesigner').inspect('connections')?.workspaceValue, undefined);
    const effective = vscode.workspace.getConfiguration('dynamodbDesigner').get<{ name: string }[]>('connections');
    assert.deepEqual(effective?.map(c => c.name), ['User endpoint']);
    const a = await api();
    const labels = (await a.services.connections()).map(c => c.label);
    assert.ok(labels.includes('User endpoint'), labels.join(', '));
    assert.ok(!labels.includes('Workspace endpoint'), `the workspace's connection is not used: ${labels.join(', ')}`);
    const roots = await a.explorer.getChildren();
    const user = roots.map(n => a.explorer.getTreeItem(n)).find(i => i.label === 'User endpoint');
    assert.ok(user, 'the user\'s connection is in the explorer');
    assert.match(tooltipText(user), /your user settings/);
    assert.ok(!roots.some(n => a.explorer.getTreeItem(n).label === 'Workspace endpoint'));
  });

  it('refuses a PartiQL write from a file before asking to run it or sending anything', async () => {
    const a = await api();
    const document = await vscode.workspace.openTextDocument({ language: 'partiql', content: `UPDATE "orders" SET paid = true WHERE pk = 'USER#1'` });
    await vscode.window.showTextDocument(document);
    const person = new ScriptedPrompts([{ pick: 'User endpoint' }]);
    const previous = a.setPrompts(person);
    try {
      assert.equal(await vscode.commands.executeCommand('dynamodbDesigner.runStatement', document.uri, 0), undefined);
    } finally {
      a.setPrompts(previous);
    }
    assert.deepEqual(person.asked.map(q => q.kind), ['pick'], 'only the connection was asked: no confirmation to run');
    const marked = await until('the refusal at the statement', () => vscode.languages.getDiagnostics(document.uri).find(d => d.source === 'PartiQL'));
    assert.match(marked.message, /This workspace is not trusted: DynamoDB Designer does not write to tables from its files/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

(UNTRUSTED ? describe.skip : describe)('trusted workspace: where a connection came from', () => {
  it('names the workspace settings in the tooltip of a connection they list, and the user settings for one of theirs', async () => {
    assert.equal(vscode.workspace.isTrusted, true);
    const a = await api();
    const config = vscode.workspace.getConfiguration('dynamodbDesigner');
    const item = async (name: string) => until(`the ${name} connection`, async () => {
      const roots = await a.explorer.getChildren();
      return roots.map(n => a.explorer.getTreeItem(n)).find(i => i.label === name);
    });
    try {
      await config.update('connections', [{ type: 'endpoint', name: 'Trust user endpoint', endpoint: 'http://127.0.0.1:9', region: 'us-east-1' }], vscode.ConfigurationTarget.Global);
      assert.match(tooltipText(await item('Trust user endpoint')), /your user settings/);
      await config.update('connections', [{ type: 'endpoint', name: 'Trust workspace endpoint', endpoint: 'http://127.0.0.1:9', region: 'us-east-1' }], vscode.ConfigurationTarget.Workspace);
      const workspace = tooltipText(await item('Trust workspace endpoint'));
      assert.match(workspace, /workspace settings/);
      assert.match(workspace, /\.vscode\/settings\.json/);
      // A list setting is taken whole from the most specific level: the user's entry is not shown.
      assert.ok(!(await a.explorer.getChildren()).some(n => a.explorer.getTreeItem(n).label === 'Trust user endpoint'));
    } finally {
      await config.update('connections', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('connections', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
