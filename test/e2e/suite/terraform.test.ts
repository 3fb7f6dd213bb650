import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { until } from './support';

/** The repository's Terraform example (the launcher passes the repository root). */
const EXAMPLE = readFileSync(join(process.env.DDD_REPO_ROOT ?? '', 'examples', 'terraform.tf'), 'utf8');

async function openTf(name: string, text: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, name);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return document;
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

describe('Terraform files in the editor', () => {
  it('a .tf file is the terraform language and its example has no problems', async () => {
    const document = await openTf('clean.tf', EXAMPLE);
    assert.equal(document.languageId, 'terraform');
    // The analysis ran (the HCL wasm loaded): a stray edit that breaks a key shows up, the clean text has nothing.
    await until('the clean example analysed', async () => {
      const items = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri,
        new vscode.Position(document.getText().split('\n').findIndex(l => l.startsWith('  billing_mode = "PROVISIONED"')), '  billing_mode = '.length));
      return items.items.some(i => (typeof i.label === 'string' ? i.label : i.label.label) === 'PAY_PER_REQUEST') ? true : undefined;
    });
    assert.deepEqual(vscode.languages.getDiagnostics(document.uri).filter(d => d.severity !== vscode.DiagnosticSeverity.Hint).map(d => `${codeOf(d)}: ${d.message}`), []);
  });

  it('two HASH keys get key-schema-shape on the second hash_key, and its quick-fix makes it the range key', async () => {
    const broken = EXAMPLE.replace('  range_key    = "orderId"', '  hash_key     = "orderId"');
    assert.notEqual(broken, EXAMPLE);
    const document = await openTf('broken.tf', broken);
    const line = broken.split('\n').findIndex(l => l === '  hash_key     = "orderId"');
    const diagnostic = await until('key-schema-shape', () => vscode.languages.getDiagnostics(document.uri).find(d => codeOf(d) === 'key-schema-shape'));
    assert.equal(diagnostic.source, 'dynamodb');
    assert.equal(diagnostic.range.start.line, line);
    assert.equal(document.getText(diagnostic.range), 'hash_key');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find(a => a.title === 'Change "orderId" to RANGE');
    assert.ok(fix?.edit, `a preferred fix among ${actions.map(a => a.title)}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.lineAt(line).text, '  range_key     = "orderId"');
    await until('no errors left', () => (vscode.languages.getDiagnostics(document.uri).some(d => d.severity === vscode.DiagnosticSeverity.Error) ? undefined : true));
  });

  it('a module input left to a variable gives no finding; the ARC module\'s GSI without capacity under PROVISIONED does', async () => {
    const module = `module "leaderboard" {
  source = "sourcefuse/arc-dynamodb/aws"

  table_name   = var.table_name
  billing_mode = "PROVISIONED"
  hash_key     = "gameId"
  attributes   = var.attributes

  read_capacity  = 5
  write_capacity = 5

  global_secondary_indexes = [
    {
      name            = "PlayerIndex"
      hash_key        = "playerId"
      projection_type = "ALL"
    }
  ]
}
`;
    const document = await openTf('module.tf', module);
    const diagnostic = await until('gsi-throughput-matches-billing', () => vscode.languages.getDiagnostics(document.uri).find(d => codeOf(d) === 'gsi-throughput-matches-billing'));
    assert.equal(diagnostic.range.start.line, 13);
    assert.deepEqual(vscode.languages.getDiagnostics(document.uri).filter(d => d.severity !== vscode.DiagnosticSeverity.Hint).map(codeOf), ['gsi-throughput-matches-billing']);
  });
});
