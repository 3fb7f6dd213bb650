/**
 * Choosing where a config is previewed and applied, with two connections: the picker's title
 * reads as a sentence, the current target is marked and offered first, and the embedded server
 * (one set of tables whatever the region) asks for no region and is shown as "any region".
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import type { ConfigTarget } from '../../../src/vscode/commands/target';
import { Answer, ScriptedPrompts } from './prompts';
import { api, until } from './support';

const CONFIG = `apiVersion: aws.project-planton.org/v1
kind: AwsDynamodb
metadata:
  name: e2e-target
spec:
  tableName: e2e-target
  billingMode: BILLING_MODE_PAY_PER_REQUEST
  attributeDefinitions:
    - attributeName: id
      attributeType: S
  keySchema:
    - attributeName: id
      keyType: HASH
`;

describe('the target of a config', () => {
  let a: ExtensionApi;
  let previous: ReturnType<ExtensionApi['setPrompts']>;
  let uri: vscode.Uri;
  const settings = () => vscode.workspace.getConfiguration('dynamodbDesigner');

  async function choose(answers: readonly Answer[]): Promise<{ target: ConfigTarget | undefined; prompts: ScriptedPrompts }> {
    const prompts = new ScriptedPrompts(answers);
    a.setPrompts(prompts);
    const target = await vscode.commands.executeCommand<ConfigTarget | undefined>('dynamodbDesigner.chooseConfigTarget', uri);
    assert.deepEqual(prompts.problems, []);
    assert.equal(prompts.left, 0);
    return { target, prompts };
  }

  before(async function () {
    this.timeout(60000);
    a = await api();
    previous = a.setPrompts(new ScriptedPrompts([]));
    await settings().update('connections', [{ type: 'endpoint', name: 'Other server', endpoint: 'http://127.0.0.1:9', region: 'eu-west-1' }], vscode.ConfigurationTarget.Global);
    await until('two connections', async () => (await a.services.connections()).length >= 2);
    uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'e2e-target.yaml');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(CONFIG));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  });

  after(async () => {
    a.setPrompts(previous);
    await settings().update('connections', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('asks "Target of FILE: connection", then no region on the embedded server (any region)', async () => {
    const { target, prompts } = await choose([{ pick: 'Local (embedded)' }]);
    assert.equal(prompts.asked[0].title, 'Target of e2e-target.yaml: connection');
    assert.equal(prompts.asked[0].step, '1/1', 'no second step follows: neither connection asks for a region (the embedded one ignores it, the endpoint has one)');
    assert.ok(prompts.asked[0].items?.includes('Other server'));
    assert.equal(prompts.asked.length, 1, 'no region asked: the embedded server ignores regions');
    assert.equal(target?.connection.kind, 'local');
    assert.equal(target?.region, 'us-east-1', "the embedded connection's one region");
  });

  it('marks the current target and offers it first; a region step on an endpoint marks its current region', async () => {
    const { prompts } = await choose([{ pick: 'Other server' }]);
    assert.equal(prompts.asked[0].active, 'Local (embedded)');
    assert.deepEqual(prompts.asked[0].current, ['Local (embedded)']);
    assert.equal(prompts.asked[0].items?.[0], 'Local (embedded)', 'the current connection first');
    assert.equal(prompts.asked.length, 1, 'the endpoint has one region and none was chosen before: not asked');

    const { target, prompts: again } = await choose([{ pick: 'Other server' }, { pick: 'eu-west-1' }]);
    assert.deepEqual(again.asked[0].current, ['Other server']);
    assert.equal(again.asked[0].step, '1/2', 'a region was chosen on the endpoint before: its region step follows');
    assert.equal(again.asked[1].title, 'Target of e2e-target.yaml: region on Other server');
    assert.equal(again.asked[1].step, '2/2');
    assert.deepEqual(again.asked[1].current, ['eu-west-1']);
    assert.equal(again.asked[1].active, 'eu-west-1');
    assert.equal(target?.region, 'eu-west-1', 'an endpoint connection keeps its region (DynamoDB Local keeps tables per region)');
  });

  it("a file's own region: noted as ignored on the embedded server, kept on an endpoint connection", async () => {
    const genesys = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'e2e-target-region.toml');
    await vscode.workspace.fs.writeFile(genesys, new TextEncoder().encode(
      'provider = "aws"\nregion = "eu-west-2"\n\n[[resources.dynamodb]]\nname = "e2e-target-region"\nbilling_mode = "PAY_PER_REQUEST"\nhash_key_name = "id"\nhash_key_type = "S"\n'));
    try {
      const document = await vscode.workspace.openTextDocument(genesys);
      const analysis = await until('the file analysed', () => a.diagnostics.analysisOf(document));
      await a.targets.remember(genesys, 'local', undefined);
      const local = await a.targets.known(genesys, analysis);
      assert.deepEqual([local?.connection.kind, local?.region, local?.regionFromFile, local?.ignoredRegion], ['local', 'us-east-1', false, 'eu-west-2']);
      const endpoint = (await a.services.connections()).find(c => c.label === 'Other server')!;
      await a.targets.remember(genesys, endpoint.id, undefined);
      const other = await a.targets.known(genesys, analysis);
      assert.deepEqual([other?.connection.id, other?.region, other?.regionFromFile, other?.ignoredRegion], [endpoint.id, 'eu-west-2', true, undefined]);
    } finally {
      await vscode.workspace.fs.delete(genesys).then(undefined, () => undefined);
    }
  });
});
