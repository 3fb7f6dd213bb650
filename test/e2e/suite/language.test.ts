import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { until } from './support';

const BROKEN = `provider = "aws"
region = "eu-west-1"

[[resources.dynamodb]]
name = "orders"
billing_mode = "ON_DEMAND"   # not a DynamoDB value
hash_key_name = "order_id"
hash_key_type = "S"
enable_streams = true
`;

async function openConfig(name: string, text: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, name);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return document;
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

describe('language service in the editor', () => {
  it('shows diagnostics with rule codes on the exact value, and the example configs are clean', async () => {
    const document = await openConfig('broken.toml', BROKEN);
    const diagnostics = await until('diagnostics', () => {
      const d = vscode.languages.getDiagnostics(document.uri);
      return d.length >= 2 ? d : undefined;
    });
    const byCode = new Map(diagnostics.map(d => [codeOf(d), d]));
    const billing = byCode.get('enum-value');
    assert.ok(billing, `enum-value among ${[...byCode.keys()]}`);
    assert.equal(billing.source, 'dynamodb');
    assert.deepEqual([billing.range.start.line, billing.range.start.character, billing.range.end.line, billing.range.end.character], [5, 15, 5, 26]);
    assert.equal(billing.severity, vscode.DiagnosticSeverity.Error);
    const stream = byCode.get('stream-view-type');
    assert.ok(stream, `stream-view-type among ${[...byCode.keys()]}`);
    assert.ok(typeof stream.code === 'object' && String(stream.code.target).includes('README.md#rule-stream-view-type'), 'rules link to their README section');
    for (const example of ['genesys.toml', 'planton.yaml', 'component.yaml']) {
      const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, example);
      await vscode.workspace.openTextDocument(uri);
      await new Promise(r => setTimeout(r, 300));
      assert.deepEqual(vscode.languages.getDiagnostics(uri).filter(d => d.severity !== vscode.DiagnosticSeverity.Hint).map(d => `${codeOf(d)}: ${d.message}`), [], example);
    }
  });

  it('applies a quick-fix through the code action provider and the diagnostic goes away', async () => {
    const document = await openConfig('fixme.toml', BROKEN);
    const diagnostic = await until('enum-value', () => vscode.languages.getDiagnostics(document.uri).find(d => codeOf(d) === 'enum-value'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find(a => a.title === 'Change to PAY_PER_REQUEST');
    assert.ok(fix, `the closest value among ${actions.map(a => a.title)}`);
    assert.equal(fix.isPreferred, true, `preferred: ${JSON.stringify(actions.map(a => [a.title, a.isPreferred, a.diagnostics?.map(codeOf)]))}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.equal(document.lineAt(5).text, 'billing_mode = "PAY_PER_REQUEST"   # not a DynamoDB value');
    await until('enum-value gone', () => (vscode.languages.getDiagnostics(document.uri).some(d => codeOf(d) === 'enum-value') ? undefined : true));
  });

  it('fixes all auto-fixable problems with one source action', async () => {
    const document = await openConfig('fixall.toml', BROKEN);
    await until('diagnostics', () => (vscode.languages.getDiagnostics(document.uri).length ? true : undefined));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri,
      new vscode.Range(0, 0, 0, 0), 'source.fixAll.dynamodb');
    const fixAll = actions.find(a => a.title === 'Fix all auto-fixable problems');
    assert.ok(fixAll?.edit, `fix-all among ${actions.map(a => a.title)}`);
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    await until('no errors left', () => (vscode.languages.getDiagnostics(document.uri).some(d => d.severity === vscode.DiagnosticSeverity.Error) ? undefined : true));
    assert.match(document.getText(), /# not a DynamoDB value/, 'comments kept');
  });

  it('completes keys and enum values, and hovers with the schema description', async () => {
    const document = await openConfig('complete.toml', BROKEN.replace('enable_streams = true\n', 'enable_streams = true\nstream_view_type = ""\n'));
    const line = document.lineAt(9).text;
    assert.equal(line, 'stream_view_type = ""');
    const values = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(9, line.length - 1));
    const valueLabels = values.items.map(i => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const v of ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES']) { assert.ok(valueLabels.includes(v), `${v} in ${valueLabels}`); }
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(10, 0), '\n');
    await vscode.workspace.applyEdit(edit);
    const keys = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(10, 0));
    const keyLabels = keys.items.map(i => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(keyLabels.includes('range_key_name'), `range_key_name offered among ${keyLabels}`);
    assert.ok(!keyLabels.includes('hash_key_name'), 'keys already present are not offered');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(6, 3));
    const text = hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /partition key/i, `hover on hash_key_name: ${text}`);
  });

  it('completes and hovers in a file opted in by dynamodbDesigner.configFiles (its content does not say it is a config)', async () => {
    const config = vscode.workspace.getConfiguration('dynamodbDesigner');
    await config.update('configFiles', ['**/opted-in.toml'], vscode.ConfigurationTarget.Global);
    try {
      const document = await openConfig('opted-in.toml', 'provider = "aws"\n\n[[resources.dynamo_tables]]\nname = "t"\n');
      const keys = await until('completion of the forced dialect', async () => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(1, 0));
        const labels = list.items.map(i => (typeof i.label === 'string' ? i.label : i.label.label));
        return labels.includes('region') ? labels : undefined;
      });
      assert.ok(!keys.includes('provider'), 'keys already present are not offered');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(0, 3));
      assert.ok(hovers.length > 0, 'a hover on a key of the forced dialect');
    } finally {
      await config.update('configFiles', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
