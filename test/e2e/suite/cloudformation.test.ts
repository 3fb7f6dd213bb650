/**
 * CloudFormation templates in the real extension host: diagnostics on the exact property next to
 * intrinsic functions, a quick-fix applied (YAML and JSON), and a live table exported as a
 * template that compares as no differences (lens on the table, read-only document), while apply
 * refuses it and says CloudFormation applies it. Against the embedded local DynamoDB.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import type { ExtensionApi } from '../../../src/extension';
import type { PreviewResult } from '../../../src/vscode/commands/preview';
import { ScriptedPrompts } from './prompts';
import type { Answer } from './prompts';
import { api, until } from './support';

const TABLE = 'e2e-cfn';
const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: { Type: String }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: !Sub "\${Env}-orders"
      BillingMode: !If [IsProd, PAY_PER_REQUEST, PAY_PER_REQUEST]
      AttributeDefinitions:
        - AttributeName: pk
          AttributeType: S
      KeySchema:
        - AttributeName: pk
          KeyType: HASH
      StreamSpecification: {}
      Tags:
        - Key: env
          Value: !Ref Env
`;

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

describe('CloudFormation templates in the editor', () => {
  let a: ExtensionApi;
  let previous: ReturnType<ExtensionApi['setPrompts']>;
  let folder: vscode.Uri;

  async function open(name: string, text: string): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.joinPath(folder, name);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    return document;
  }

  async function answered<T>(answers: readonly Answer[], command: string, ...args: unknown[]): Promise<T> {
    const prompts = new ScriptedPrompts(answers);
    a.setPrompts(prompts);
    const result = await vscode.commands.executeCommand<T>(command, ...args);
    assert.deepEqual(prompts.problems, [], 'the questions asked are the ones scripted');
    assert.equal(prompts.left, 0, `all answers were used; asked: ${JSON.stringify(prompts.asked)}`);
    return result;
  }

  before(async function () {
    this.timeout(60000);
    a = await api();
    previous = a.setPrompts(new ScriptedPrompts([]));
    folder = vscode.workspace.workspaceFolders![0].uri;
  });

  after(async () => {
    a.setPrompts(previous);
    const client = await a.services.client('local', 'us-east-1');
    await client.send(new DeleteTableCommand({ TableName: TABLE })).catch(() => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('marks the one defect of a template full of intrinsics on its value, and its quick-fix clears it', async () => {
    const document = await open('orders.template.yaml', TEMPLATE);
    const diagnostic = await until('stream-view-type', () => vscode.languages.getDiagnostics(document.uri).find(d => codeOf(d) === 'stream-view-type'));
    assert.deepEqual(vscode.languages.getDiagnostics(document.uri).map(d => `${codeOf(d)} ${d.range.start.line}`), ['stream-view-type 17'], 'nothing on the intrinsics');
    assert.equal(document.getText(diagnostic.range), '{}');
    assert.equal(diagnostic.source, 'dynamodb');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find(x => x.title === 'Insert StreamViewType = NEW_AND_OLD_IMAGES');
    assert.ok(fix?.edit, `the fix among ${actions.map(x => x.title)}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.lineAt(17).text, /^ {6}StreamSpecification: \{ ?StreamViewType: NEW_AND_OLD_IMAGES ?\}$/);
    await until('no diagnostics left', () => (vscode.languages.getDiagnostics(document.uri).length === 0 ? true : undefined));
  });

  it('a JSON template gets its diagnostic and a fix that keeps it JSON', async () => {
    const template = { AWSTemplateFormatVersion: '2010-09-09', Resources: { T: { Type: 'AWS::DynamoDB::Table', Properties: {
      TableName: { 'Fn::Sub': '${AWS::StackName}-t' }, BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 5 },
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    } } } };
    const document = await open('table.template.json', JSON.stringify(template, null, 2));
    assert.equal(document.languageId, 'json');
    const diagnostic = await until('provisioned-throughput-required', () => vscode.languages.getDiagnostics(document.uri).find(d => codeOf(d) === 'provisioned-throughput-required'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find(x => x.isPreferred);
    assert.ok(fix?.edit, `a preferred fix among ${actions.map(x => x.title)}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const fixed = JSON.parse(document.getText()) as typeof template & { Resources: { T: { Properties: { ProvisionedThroughput: Record<string, number> } } } };
    assert.deepEqual(fixed.Resources.T.Properties.ProvisionedThroughput, { ReadCapacityUnits: 5, WriteCapacityUnits: 5 });
    await until('the diagnostic gone', () => (vscode.languages.getDiagnostics(document.uri).some(d => codeOf(d) === 'provisioned-throughput-required') ? undefined : true));
  });

  it('exports a live table as a template that compares as no differences (lens on the table); apply refuses it', async function () {
    this.timeout(60000);
    const client = await a.services.client('local', 'us-east-1');
    await client.send(new CreateTableCommand({
      TableName: TABLE, BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    }));
    await until('the table', async () => (await a.services.describeTable('local', 'us-east-1', TABLE).catch(() => undefined))?.status === 'ACTIVE');
    const exported = vscode.Uri.joinPath(folder, `${TABLE}.yaml`);
    const target = { connectionId: 'local', connectionLabel: 'Local (embedded)', region: 'us-east-1', tableName: TABLE };
    const result = await answered<vscode.Uri>([{ pick: 'CloudFormation' }, { save: exported }], 'dynamodbDesigner.exportTableAsConfig', target);
    assert.equal(result.toString(), exported.toString());
    const document = await vscode.workspace.openTextDocument(exported);
    assert.match(document.getText(), /Type: AWS::DynamoDB::Table/);
    await until('analysed as a template', () => a.diagnostics.analysisOf(document)?.dialect === 'cloudformation');
    assert.deepEqual(vscode.languages.getDiagnostics(exported).filter(d => d.severity !== vscode.DiagnosticSeverity.Hint).map(d => d.message), []);

    const lenses = await until('the table lens', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', exported);
      return l.length > 0 ? l : undefined;
    });
    const lens = lenses.find(l => l.command?.command === 'dynamodbDesigner.compareWithLive');
    assert.ok(lens, `the compare lens among ${lenses.map(l => l.command?.title)}`);
    assert.equal(document.lineAt(lens.range.start.line).text.trim(), 'E2eCfnTable:');

    const compared = await answered<PreviewResult>([], 'dynamodbDesigner.compareWithLive', exported);
    assert.deepEqual(compared.plans.map(p => p.kind), ['none'], compared.text);
    assert.match(compared.text, /^Comparison of e2e-cfn\.yaml with the live tables on Local \(embedded\)/);
    assert.match(compared.text, /^Table e2e-cfn: no differences$/m);
    assert.match(compared.text, /Applying stays with CloudFormation/);
    const shown = await until('the comparison document', () => vscode.window.visibleTextEditors.find(e => e.document.uri.scheme === 'dynamodb-plan'));
    assert.equal(shown.document.getText(), compared.text);
    const docLenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', shown.document.uri);
    assert.deepEqual(docLenses.map(l => l.command?.title), ['$(refresh) Compare again'], 'read-only: no Apply lens');

    // Preview of a template is its comparison; apply is CloudFormation's.
    const preview = await answered<PreviewResult>([], 'dynamodbDesigner.previewConfig', exported);
    assert.match(preview.text, /^Comparison of e2e-cfn\.yaml/);
    const applied = await answered<unknown>([], 'dynamodbDesigner.applyConfig', exported);
    assert.equal(applied, undefined, 'nothing applied, nothing asked');
  });
});
