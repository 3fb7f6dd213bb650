/**
 * `__proto__` as an attribute name in the real extension host (issue 10.5): an item holding it at
 * the top level and inside a map is browsed, opened, edited in its dynamodb-item: editor and saved,
 * and a new one is created from DynamoDB JSON. On DynamoDB Local behind an endpoint connection, and
 * on the embedded server (the extension's own dist/dynaliteMain.js: dynalite 4.0 rejected a
 * top-level `__proto__` and dropped a nested one until scripts/patch-deps.mjs made its maps
 * prototype-free).
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ExtensionApi } from '../../../src/extension';
import type { ExplorerNode } from '../../../src/vscode/explorer/nodes';
import type { JsonItem } from '../../../src/model/items';
import { attributeOf } from '../../../src/model/items';
import { getItem, putItem } from '../../../src/dynamo/items';
import { parseDynamoJson } from '../../../src/items/itemJson';
import { waitForActive } from '../../../src/dynamo/tables';
import type { ItemView, PageView, PanelTarget } from '../../../webview/protocol';
import { LOCAL_CREDENTIALS, LocalServer, startDynamoDbLocal } from '../../support/servers';
import { api, until } from './support';

const TABLE = { name: 'proto-items', keySchema: [{ name: 'pk', keyType: 'HASH' as const }] };
const ITEM = '{"pk":{"S":"p1"},"__proto__":{"S":"top"},"m":{"M":{"__proto__":{"N":"1"},"x":{"S":"y"}}}}';
const NAME = 'Proto server';
const target: PanelTarget = { connectionId: `endpoint:${NAME}`, region: 'us-east-1', connectionLabel: NAME, tableName: TABLE.name };

function nested(item: JsonItem | undefined): unknown {
  const m = item && attributeOf(item, 'm');
  return m && 'M' in m ? attributeOf(m.M, '__proto__') : undefined;
}

/** Browses the table holding ITEM from its explorer node, opens, edits and saves the item, creates another. */
async function browseEditCreate(a: ExtensionApi, client: DynamoDBClient, table: ExplorerNode, target: PanelTarget): Promise<void> {
  await vscode.commands.executeCommand('dynamodbDesigner.browseItems', table);
  const items = await until('the item browser', () => a.findPanel('items', target));

  const page: PageView = await items.request('items.run', { query: { mode: 'scan', pageSize: 100, filters: [] } });
  assert.deepEqual(page.columns.slice(0, 2), ['pk', '__proto__']);
  const row = page.rows[0]!;
  assert.deepEqual(row.cells[page.columns.indexOf('__proto__')], { type: 'S', text: 'top', truncated: false });
  assert.match(row.cells[page.columns.indexOf('m')]!.text, /__proto__: 1/);

  const view: ItemView = await items.request('items.open', { key: row.key });
  const opened = parseDynamoJson(view.dynamoJson);
  assert.deepEqual(attributeOf(opened, '__proto__'), { S: 'top' });
  assert.deepEqual(nested(opened), { N: '1' });
  assert.match(view.plainJson, /"__proto__": "top"/);

  const open = new Set(vscode.workspace.textDocuments.map(d => d.uri.toString()));
  await items.request('items.edit', { key: row.key });
  const document = await until('the item editor', () => vscode.workspace.textDocuments.find(d => d.uri.scheme === 'dynamodb-item' && !open.has(d.uri.toString()) && d.getText().includes('"top"')));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), document.getText().replace('"top"', '"top, edited"').replace(/"N": "1"/, '"N": "2"'));
  assert.ok(await vscode.workspace.applyEdit(edit));
  assert.equal(await document.save(), true, 'saved');
  const saved = await getItem(client, TABLE.name, { pk: { S: 'p1' } });
  assert.deepEqual(attributeOf(saved!, '__proto__'), { S: 'top, edited' });
  assert.deepEqual(nested(saved), { N: '2' });
  assert.deepEqual(attributeOf(saved!, 'm') && Object.keys((attributeOf(saved!, 'm') as { M: JsonItem }).M).sort(), ['__proto__', 'x']);

  const before = new Set(vscode.workspace.textDocuments.map(d => d.uri.toString()));
  await items.request('items.create', {});
  const created = await until('the new item editor', () => vscode.workspace.textDocuments.find(d => d.uri.scheme === 'dynamodb-item' && !before.has(d.uri.toString())));
  const write = new vscode.WorkspaceEdit();
  write.replace(created.uri, new vscode.Range(0, 0, created.lineCount, 0), ITEM.replace('"p1"', '"p2"'));
  assert.ok(await vscode.workspace.applyEdit(write));
  assert.equal(await created.save(), true, 'created');
  const p2 = await getItem(client, TABLE.name, { pk: { S: 'p2' } });
  assert.deepEqual(attributeOf(p2!, '__proto__'), { S: 'top' });
  assert.deepEqual(nested(p2), { N: '1' });
}

async function createTable(client: DynamoDBClient): Promise<void> {
  await client.send(new CreateTableCommand({
    TableName: TABLE.name, BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  }));
  await waitForActive(client, TABLE.name, { timeoutMs: 30000 }); // dynalite: CREATING until its next tick
  await putItem(client, TABLE, parseDynamoJson(ITEM), { expected: 'absent' });
}

describe('__proto__ as an attribute name in the item browser (DynamoDB Local)', () => {
  let a: ExtensionApi;
  let server: LocalServer;
  let client: DynamoDBClient;
  const settings = () => vscode.workspace.getConfiguration('dynamodbDesigner');

  before(async function () {
    this.timeout(120000);
    a = await api();
    server = await startDynamoDbLocal();
    client = server.client();
    await createTable(client);
    await settings().update('connections', [{ type: 'endpoint', name: NAME, endpoint: server.endpoint, region: 'us-east-1' }], vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await settings().update('connections', undefined, vscode.ConfigurationTarget.Global);
    await server?.stop();
  });

  it('browses, opens, edits and saves such an item, and creates one from DynamoDB JSON', async () => {
    const connection = await until('the endpoint connection', async () => (await a.explorer.getChildren()).find(n => a.explorer.getTreeItem(n).label === NAME));
    const [region] = await a.explorer.getChildren(connection);
    const table = await until('the table node', async () => (await a.explorer.getChildren(region)).find(n => a.explorer.getTreeItem(n).label === TABLE.name));
    await browseEditCreate(a, client, table, target);
  });
});

describe('__proto__ as an attribute name in the item browser (the embedded server)', () => {
  let a: ExtensionApi;
  let client: DynamoDBClient;

  before(async function () {
    this.timeout(120000);
    a = await api();
    await a.services.client('local', 'us-east-1'); // the embedded server started
    // A client of the test's own: the extension's is patched by its bundled copy of our item code.
    client = new DynamoDBClient({ endpoint: a.services.localEndpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
    await createTable(client);
    a.explorer.refresh();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await client?.send(new DeleteTableCommand({ TableName: TABLE.name })).catch(() => undefined);
    client?.destroy();
    a?.explorer.refresh();
  });

  it('browses, opens, edits and saves such an item, and creates one from DynamoDB JSON', async () => {
    const local = await until('the embedded connection', async () => (await a.explorer.getChildren()).find(n => a.explorer.getTreeItem(n).contextValue === 'connection.local'));
    const [region] = await a.explorer.getChildren(local);
    const table = await until('the table node', async () => (await a.explorer.getChildren(region)).find(n => a.explorer.getTreeItem(n).label === TABLE.name));
    await browseEditCreate(a, client, table, { connectionId: 'local', region: 'us-east-1', connectionLabel: 'Local (embedded)', tableName: TABLE.name });
  });
});
