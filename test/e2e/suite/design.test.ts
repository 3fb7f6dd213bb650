/**
 * The single-table design in the editor: a diagnostic and its quick-fix on a design (GSI1 removed:
 * "List orders by date" needs a Scan; the fix adds the GSI back), the sidecar of a planton
 * manifest checked against the manifest, the hover on a pattern, the "Validate Access Patterns"
 * code lens and command on the embedded local DynamoDB (its report in a document beside).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { ExtensionApi } from '../../../src/extension';
import type { PatternsResult } from '../../../src/vscode/commands/patterns';
import { Answer, ScriptedPrompts } from './prompts';
import { api, until } from './support';

const examples = join(__dirname, '../../../../examples');
const read = (name: string): string => readFileSync(join(examples, name), 'utf8');
const GSI1 = '[[resources.dynamodb.global_secondary_indexes]]\nname = "GSI1"                             # orders by date\nhash_key_name = "GSI1PK"\nhash_key_type = "S"\nrange_key_name = "GSI1SK"\nrange_key_type = "S"\nprojection_type = "ALL"\n\n';
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

async function write(name: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, name);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
  return uri;
}

describe('single-table design in the editor', () => {
  let a: ExtensionApi;
  before(async () => { a = await api(); });

  it('without GSI1, "List orders by date" needs a Scan; the quick-fix adds a GSI and the diagnostic goes away', async () => {
    const full = read('ecommerce.toml');
    assert.ok(full.includes(GSI1));
    const uri = await write('design-nogsi.toml', full.replace(GSI1, ''));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const diagnostic = await until('pattern-needs-scan', () => vscode.languages.getDiagnostics(uri).find(d => codeOf(d) === 'pattern-needs-scan'));
    assert.equal(diagnostic.message, 'Pattern "List orders by date" needs a Scan: the table has no index GSI1.');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(document.getText(diagnostic.range), '"GSI1"');
    assert.ok(typeof diagnostic.code === 'object' && String(diagnostic.code.target).includes('README.md#rule-pattern-needs-scan'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find(x => x.title === 'Add GSI GSI1 (GSI1PK HASH, GSI1SK RANGE) for "List orders by date"');
    assert.ok(fix?.edit, `the GSI fix among ${actions.map(x => x.title)}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.getText(), /\[\[resources\.dynamodb\.global_secondary_indexes\]\]\nname = "GSI1"\nhash_key_name = "GSI1PK"\nhash_key_type = "S"\nrange_key_name = "GSI1SK"\nrange_key_type = "S"\nprojection_type = "ALL"\n/);
    await until('no diagnostic left', () => (vscode.languages.getDiagnostics(uri).length === 0 ? true : undefined));
  });

  it('hover on a pattern names the index and the key condition', async () => {
    const uri = await write('design-hover.toml', read('ecommerce.toml'));
    const document = await vscode.workspace.openTextDocument(uri);
    const at = document.positionAt(document.getText().indexOf('"List orders by date"') + 3);
    const text = await until('a hover', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
      const t = hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
      return t.includes('GSI1') ? t : undefined;
    });
    assert.match(text, /Query on GSI GSI1 with GSI1PK = "USER#\{userId\}" AND begins_with\(GSI1SK, "ORDER#"\)/);
  });

  it('a planton sidecar is checked against its manifest, and follows the manifest\'s edits', async () => {
    const manifestUri = await write('shop.planton.yaml', read('ecommerce.planton.yaml'));
    const sidecarUri = await write('shop.planton.design.yaml', read('ecommerce.planton.design.yaml'));
    const sidecar = await vscode.workspace.openTextDocument(sidecarUri);
    await vscode.window.showTextDocument(sidecar);
    const lens = await until('the Validate Access Patterns lens', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', sidecarUri);
      return lenses.find(l => l.command?.command === 'dynamodbDesigner.validatePatterns');
    });
    assert.equal(lens.command?.title, '$(beaker) Validate Access Patterns (8)');
    const manifest = await vscode.workspace.openTextDocument(manifestUri);
    const edit = new vscode.WorkspaceEdit();
    const text = manifest.getText();
    const gsi1 = '    - name: GSI1                          # orders by date\n      keySchema:\n        - { attributeName: GSI1PK, keyType: KEY_TYPE_HASH }\n        - { attributeName: GSI1SK, keyType: KEY_TYPE_RANGE }\n      projection:\n        type: PROJECTION_TYPE_ALL\n';
    const start = text.indexOf(gsi1);
    assert.ok(start > 0);
    edit.delete(manifestUri, new vscode.Range(manifest.positionAt(start), manifest.positionAt(start + gsi1.length)));
    assert.ok(await vscode.workspace.applyEdit(edit));
    const scan = await until('pattern-needs-scan in the sidecar', () => vscode.languages.getDiagnostics(sidecarUri).find(d => codeOf(d) === 'pattern-needs-scan'));
    assert.equal(sidecar.getText(scan.range), 'GSI1');
    assert.ok(await vscode.workspace.applyEdit((() => { const e = new vscode.WorkspaceEdit(); e.insert(manifestUri, manifest.positionAt(start), gsi1); return e; })()));
    await until('clean again', () => (vscode.languages.getDiagnostics(sidecarUri).length === 0 ? true : undefined));
  });

  it('Validate Access Patterns runs the design on the embedded server and shows the report', async () => {
    const uri = await write('design-run.toml', read('ecommerce.toml'));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const candidates = (await a.services.connections()).filter(c => c.kind === 'local' || c.kind === 'endpoint');
    const answers: Answer[] = candidates.length > 1 ? [{ pick: 'Local' }] : [];
    const prompts = new ScriptedPrompts(answers);
    const previous = a.setPrompts(prompts);
    try {
      const result = await vscode.commands.executeCommand<PatternsResult>('dynamodbDesigner.validatePatterns', uri);
      assert.deepEqual(prompts.problems, []);
      assert.ok(result, 'the command gave its result');
      assert.equal(result.report.ok, true, result.text);
      assert.equal(result.report.results.length, 8);
      assert.match(result.text, /^ok {3}List orders by date: Query on GSI1, (\d+) item\(s\) of \1 expected \[\1 Order\]/m);
      const shown = await until('the report beside', () => vscode.window.visibleTextEditors.find(e => e.document.uri.scheme === 'dynamodb-patterns'));
      assert.equal(shown.document.getText(), result.text);
      const client = await a.services.client(result.connection, 'us-east-1');
      const names = (await client.send(new ListTablesCommand({}))).TableNames ?? [];
      assert.deepEqual(names.filter(n => n.includes('-patterns-')), [], 'scratch tables deleted');
    } finally {
      a.setPrompts(previous);
    }
  });
});
