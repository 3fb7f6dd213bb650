/**
 * The design view in the real extension host: opened from the CodeLens above a config's table,
 * drawn by the real webview (which asks the host for the design), drawn again when the config
 * changes; exported as Markdown; data-access code generated into an editor and into a file; a
 * live table's design view from its explorer node (index facets only).
 *
 * The config is examples/ecommerce.component.yaml (the skill's e-commerce design, its entities and
 * access patterns in the component dialect), copied into the workspace as shop.yaml: the view
 * shows what the language service reads from it.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import type { ExtensionApi } from '../../../src/extension';
import type { PanelHost } from '../../../src/vscode/panels/host';
import type { DesignData, FromHost, PanelTarget } from '../../../webview/protocol';
import { ECOMMERCE_TABLE } from '../../support/ecommerceDesign';
import { ScriptedPrompts } from './prompts';
import { api, until } from './support';

const LIVE_TABLE = 'e2e-design-live';
const EXAMPLE = readFileSync(join(__dirname, '../../../../examples/ecommerce.component.yaml'), 'utf8');

/** The example without GSI1 ("orders by date"): its index block, up to GSI2's. */
function withoutGsi1(text: string): string {
  const out = text.replace(/^ *- indexName: GSI1\b[\s\S]*?(?=^ *- indexName: GSI2\b)/m, '');
  assert.notEqual(out, text, 'the example declares GSI1 before GSI2');
  return out;
}

/** The answers of the webview's `design.load` requests posted from now on (the real webview asks). */
function loads(host: PanelHost): { seen: DesignData[]; dispose(): void } {
  const seen: DesignData[] = [];
  const subscription = host.onDidPost((m: FromHost) => {
    if (m.type === 'response' && m.ok) {
      const result = m.result as Partial<DesignData> | null;
      if (result && typeof result === 'object' && 'view' in result) { seen.push(result as DesignData); }
    }
  });
  return { seen, dispose: () => subscription.dispose() };
}

describe('design view', () => {
  let a: ExtensionApi;
  let previousPrompts: ReturnType<ExtensionApi['setPrompts']>;
  let uri: vscode.Uri;

  before(async () => {
    a = await api();
    previousPrompts = a.setPrompts(new ScriptedPrompts([]));
    uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'shop.yaml');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(EXAMPLE));
  });

  after(async () => {
    a.setPrompts(previousPrompts);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    const client = await a.services.client('local', 'us-east-1');
    await client.send(new DeleteTableCommand({ TableName: LIVE_TABLE })).catch(() => undefined);
  });

  const target = (): PanelTarget => ({ connectionId: 'config', connectionLabel: 'shop.yaml', region: '', tableName: ECOMMERCE_TABLE, configUri: uri.toString() });

  it('opens from the CodeLens above the config\'s table; the webview shows the entities, facets and patterns with their costs', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    const lenses = await until('the Design View lens', async () => {
      const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      const found = all.filter(l => l.command?.command === 'dynamodbDesigner.openDesignView');
      return found.length ? found : undefined;
    });
    assert.equal(lenses.length, 1);
    const lens = lenses[0]!;
    assert.equal(lens.command!.title, '$(type-hierarchy) Design View');
    assert.equal(lens.range.start.line, editor.document.getText().split('\n').findIndex(l => l.includes('config:')), 'above the table\'s block');

    await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
    const host = await until('the design panel', () => a.findPanel('design', target()));
    assert.equal(host.panel.title, `${ECOMMERCE_TABLE} (design)`);
    const recorded = loads(host);
    // What the webview was answered (its first request may have been answered before recording began: ask the same handler).
    const data = await host.request('design.load', {});
    assert.equal(data.source, 'shop.yaml');
    assert.deepEqual(data.view.entities.map(e => e.name), ['User', 'User Email', 'Order', 'Order Item', 'Product']);
    assert.deepEqual(data.view.facets.map(f => [f.index.name, f.entities.map(e => e.entity)]), [
      [ECOMMERCE_TABLE, ['User', 'User Email', 'Order', 'Order Item', 'Product']], ['GSI1', ['Order']], ['GSI2', ['User']],
    ]);
    const byDate = data.view.patterns.find(p => p.name === 'List orders by date')!;
    assert.equal(byDate.servedBy, 'GSI1');
    assert.deepEqual(data.view.patterns.find(p => p.name === 'Get user by ID')!.cost, { readEventual: 0.5, readStrong: 1, write: 0, indexWrite: 0, bytes: 200, items: 1 });

    // The config loses GSI1: the open view is drawn again by itself, "List orders by date" now a Scan.
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), withoutGsi1(EXAMPLE));
    assert.ok(await vscode.workspace.applyEdit(edit));
    const redrawn = await until('the webview to load the changed design', () =>
      recorded.seen.find(d => d.view.patterns.find(p => p.name === 'List orders by date')?.servedBy === 'Scan'));
    assert.deepEqual(redrawn.view.facets.map(f => f.index.name), [ECOMMERCE_TABLE, 'GSI2']);
    recorded.dispose();
    const back = new vscode.WorkspaceEdit();
    back.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), EXAMPLE);
    assert.ok(await vscode.workspace.applyEdit(back));
    assert.ok(await document.save());
  });

  it('shows a planton manifest\'s design from its NAME.design.yaml sidecar', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const manifest = vscode.Uri.joinPath(folder, 'shop-planton.yaml');
    const sidecar = vscode.Uri.joinPath(folder, 'shop-planton.design.yaml');
    const copy = async (name: string, to: vscode.Uri): Promise<void> =>
      vscode.workspace.fs.writeFile(to, new TextEncoder().encode(readFileSync(join(__dirname, '../../../../examples', name), 'utf8')));
    await copy('ecommerce.planton.yaml', manifest);
    await copy('ecommerce.planton.design.yaml', sidecar);
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(manifest));
      const lens = await until('the planton Design View lens', async () => {
        const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', manifest);
        return all.find(l => l.command?.command === 'dynamodbDesigner.openDesignView');
      });
      const opened = await vscode.commands.executeCommand<PanelTarget>(lens.command!.command, ...(lens.command!.arguments ?? []));
      const host = await until('the planton design panel', () => a.findPanel('design', opened));
      const data = await host.request('design.load', {});
      assert.equal(data.source, 'shop-planton.yaml');
      assert.deepEqual(data.view.entities.map(e => e.name), ['User', 'User Email', 'Order', 'Order Item', 'Product']);
      assert.equal(data.view.patterns.find(p => p.name === 'List orders by date')?.servedBy, 'GSI1');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(manifest).then(undefined, () => undefined);
      await vscode.workspace.fs.delete(sidecar).then(undefined, () => undefined);
    }
  });

  it('exports the design as Markdown into a new editor', async () => {
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('dynamodbDesigner.exportDesignMarkdown', target());
    assert.equal(document.languageId, 'markdown');
    assert.ok(document.isUntitled);
    const text = document.getText();
    assert.ok(text.startsWith(`# Design of ${ECOMMERCE_TABLE}\n\nFrom \`shop.yaml\`.`), text.slice(0, 100));
    assert.ok(text.includes('| Order | `USER#{userId}` | `ORDER#{orderId}` | `USER#{userId}` | `ORDER#{createdAt}` |'));
  });

  it('generates TypeScript into a new editor and Python into a picked file, asking before replacing one', async () => {
    const first = new ScriptedPrompts([{ pick: 'TypeScript' }, { pick: 'New editor' }]);
    a.setPrompts(first);
    const ts = await vscode.commands.executeCommand<vscode.TextDocument>('dynamodbDesigner.generateDataAccessCode', uri, ECOMMERCE_TABLE);
    assert.deepEqual([first.left, first.problems], [0, []]);
    assert.equal(ts.languageId, 'typescript');
    assert.ok(ts.getText().includes('export async function listOrdersForUser('));

    const file = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'shop_access.py');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode('# mine\n'));
    try {
      // An existing file is kept when the person does not confirm.
      let prompts = new ScriptedPrompts([{ pick: 'Python' }, { pick: 'File' }, { save: file }, { confirm: false }]);
      a.setPrompts(prompts);
      assert.equal(await vscode.commands.executeCommand('dynamodbDesigner.generateDataAccessCode', uri, ECOMMERCE_TABLE), undefined);
      assert.deepEqual([prompts.left, prompts.problems], [0, []]);
      assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)), '# mine\n');
      prompts = new ScriptedPrompts([{ pick: 'Python' }, { pick: 'File' }, { save: file }, { confirm: true }]);
      a.setPrompts(prompts);
      const py = await vscode.commands.executeCommand<vscode.TextDocument>('dynamodbDesigner.generateDataAccessCode', uri, ECOMMERCE_TABLE);
      assert.deepEqual([prompts.left, prompts.problems], [0, []]);
      assert.equal(py.uri.toString(), file.toString());
      assert.ok(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)).includes('def get_user_by_id(*, user_id: str'));
    } finally {
      await vscode.workspace.fs.delete(file).then(undefined, () => undefined);
    }
  });

  it('opens from a live table\'s explorer node: the facets of its indexes, no entities', async () => {
    const client = await a.services.client('local', 'us-east-1');
    await client.send(new CreateTableCommand({
      TableName: LIVE_TABLE, BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'g', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [{ IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } }],
    }));
    await vscode.commands.executeCommand('dynamodbDesigner.refreshExplorer');
    const node = await until(`${LIVE_TABLE} in the explorer`, async () => {
      const roots = await a.explorer.getChildren();
      const local = roots.find(n => a.explorer.getTreeItem(n).contextValue === 'connection.local');
      if (!local) { return undefined; }
      const [region] = await a.explorer.getChildren(local);
      return region ? (await a.explorer.getChildren(region)).find(n => a.explorer.getTreeItem(n).label === LIVE_TABLE) : undefined;
    });
    const opened = await vscode.commands.executeCommand<PanelTarget>('dynamodbDesigner.openDesignView', node);
    assert.equal(opened.tableName, LIVE_TABLE);
    const host = await until('the live design panel', () => a.findPanel('design', opened));
    const data = await host.request('design.load', {});
    assert.equal(data.live, true);
    assert.deepEqual(data.view.entities, []);
    assert.deepEqual(data.view.facets.map(f => [f.index.name, f.index.hash, f.index.projection]), [[LIVE_TABLE, ['pk'], 'ALL'], ['byG', ['g'], 'KEYS_ONLY']]);
  });
});
