/**
 * The table details panel and the item browser in the real extension host, on the embedded
 * demo tables (dynalite). The extension host cannot see a webview's DOM, so these tests watch
 * what the host posts to the real webview (PanelHost.onDidPost: the webview's own requests and
 * their answers) and drive the host through the same handlers the webview calls; what a person
 * sees is the UI test's part (test/e2e/launch/ui.ts). Every figure is checked against the table
 * itself, read with the SDK.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { GetItemCommand, QueryCommand, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ExtensionApi } from '../../../src/extension';
import type { ExplorerNode } from '../../../src/vscode/explorer/nodes';
import type { PanelHost } from '../../../src/vscode/panels/host';
import type { JsonItem } from '../../../src/model/items';
import type { DetailsData, FromHost, ItemQuery, ItemsInit, ItemView, PageView, PanelKind, PanelTarget } from '../../../webview/protocol';
import { ScriptedPrompts } from './prompts';
import { api, until } from './support';

const LOCAL = { connectionId: 'local', region: 'us-east-1' };

async function tableNode(a: ExtensionApi, name: string): Promise<ExplorerNode> {
  const roots = await a.explorer.getChildren();
  const local = roots.find(n => a.explorer.getTreeItem(n).contextValue === 'connection.local')!;
  const [region] = await a.explorer.getChildren(local);
  const node = (await a.explorer.getChildren(region)).find(n => a.explorer.getTreeItem(n).label === name);
  assert.ok(node, `${name} in the explorer`);
  return node;
}

/** An index node (a table's children are its indexes once the background describe answered). */
async function indexNode(a: ExtensionApi, table: string, index: string): Promise<ExplorerNode> {
  const parent = await tableNode(a, table);
  const node = await until(`index ${index} of ${table} in the explorer`, async () =>
    (await a.explorer.getChildren(parent)).find(n => a.explorer.getTreeItem(n).label === index));
  assert.ok(String(a.explorer.getTreeItem(node).contextValue).startsWith('index'));
  return node;
}

const target = (tableName: string): PanelTarget => ({ ...LOCAL, connectionLabel: 'Local (embedded)', tableName });

async function panel(a: ExtensionApi, kind: PanelKind, table: string): Promise<PanelHost> {
  return until(`the ${kind} panel of ${table}`, () => a.findPanel(kind, target(table)));
}

/** The item browser of a table, opened from its explorer node (an open one is focused). */
async function openItems(a: ExtensionApi, table: string): Promise<PanelHost> {
  await vscode.commands.executeCommand('dynamodbDesigner.browseItems', await tableNode(a, table));
  return panel(a, 'items', table);
}

/** Everything a panel posts to its webview from now on. */
function record(host: PanelHost): { posted: FromHost[]; dispose(): void } {
  const posted: FromHost[] = [];
  const subscription = host.onDidPost(m => posted.push(m));
  return { posted, dispose: () => subscription.dispose() };
}

/** The result of the first successful response posted that passes `test`. */
function answered<T>(posted: readonly FromHost[], test: (result: T) => boolean): T | undefined {
  for (const m of posted) {
    if (m.type === 'response' && m.ok && m.result !== null && test(m.result as T)) { return m.result as T; }
  }
  return undefined;
}

const isPage = (r: unknown): r is PageView => typeof r === 'object' && r !== null && 'rows' in r && 'pageNumber' in r;

/** The error a request is refused with, in the shape the webview receives it (code and words). */
async function refusal(promise: Promise<unknown>): Promise<{ name: string; code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as Error & { code?: string };
    return { name: e.name, code: e.code, message: e.message };
  }
  throw new Error('the request was not refused');
}

const keyOf = (item: JsonItem, names: readonly string[]): JsonItem => Object.fromEntries(names.map(n => [n, item[n]!]));
const keyString = (key: JsonItem): string => JSON.stringify(Object.keys(key).sort().map(k => [k, key[k]]));

describe('panels: table details and the item browser', () => {
  let a: ExtensionApi;
  let client: DynamoDBClient;

  before(async function () {
    this.timeout(120000);
    a = await api();
    const seeded = await vscode.commands.executeCommand<{ name: string }[]>('dynamodbDesigner.seedDemoTables');
    assert.ok(seeded && seeded.length >= 4);
    a.explorer.refresh();
    client = await a.services.client(LOCAL.connectionId, LOCAL.region);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens the details of a seeded table from its explorer node: the webview reads it; opening again focuses the same panel', async () => {
    await vscode.commands.executeCommand('dynamodbDesigner.openTableDetails', await tableNode(a, 'invoices'));
    const details = await panel(a, 'details', 'invoices');
    const log = record(details);
    try {
      const data = await until('the webview read the table', () => answered<DetailsData>(log.posted, r => 'table' in r));
      assert.equal(data.table.name, 'invoices');
      assert.equal(data.location, 'Local (embedded) · any region', 'the header names the server as the explorer does: it ignores regions');
      assert.deepEqual(data.table.keySchema, [{ name: 'customer_id', keyType: 'HASH' }, { name: 'issued_at', keyType: 'RANGE' }]);
      assert.deepEqual(data.table.globalSecondaryIndexes.map(i => [i.name, i.projectionType, i.nonKeyAttributes]), [['by-status', 'INCLUDE', ['total', 'currency']]]);
      assert.deepEqual(data.table.localSecondaryIndexes.map(i => i.name), ['by-due-date']);
      assert.ok(data.limitations.some(l => l.feature === 'ttl'), 'the embedded server\'s limits are named');
      assert.equal(data.canExportConfig, true, 'the details panel offers Export as Config');
      // The embedded server reports 0 items: the panel says "not reported" and counts on demand.
      assert.equal(data.itemCounts, 'not-reported');
      assert.equal(data.table.itemCount, 0, 'what dynalite reports whatever the table holds');
      const expected = (await client.send(new ScanCommand({ TableName: 'invoices', Select: 'COUNT' }))).Count;
      const counted = await details.request('details.count', {});
      assert.ok(counted.done && counted.count === expected && expected > 0, `counted ${JSON.stringify(counted)}, the SDK counts ${expected}`);
      assert.ok(log.posted.some(m => m.type === 'notification' && m.method === 'progress'), 'progress reached the webview');
      const byStatus = await details.request('details.count', { index: 'by-status' });
      assert.ok(byStatus.done && byStatus.count === expected, 'every invoice has a status: the GSI holds them all');
      const exported = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'invoices-from-details.toml');
      const person = new ScriptedPrompts([{ pick: 'genesys' }, { save: exported }]);
      const previous = a.setPrompts(person);
      try {
        assert.equal(await details.request('details.exportConfig', {}), null);
      } finally {
        a.setPrompts(previous);
      }
      assert.deepEqual(person.problems, []);
      const exportedDoc = await vscode.workspace.openTextDocument(exported);
      assert.match(exportedDoc.getText(), /name = "invoices"/);
      assert.deepEqual(a.diagnostics.analysisOf(exportedDoc)?.findings.filter(f => f.severity === 'error').map(f => f.message), []);
      await vscode.commands.executeCommand('dynamodbDesigner.openTableDetails', await tableNode(a, 'invoices'));
      assert.equal(a.findPanel('details', target('invoices')), details, 'one details panel per table');
      await until('the details panel shown again', () => details.panel.visible || undefined);
    } finally {
      log.dispose();
    }
  });

  it('browses a GSI from the details panel', async () => {
    const details = await panel(a, 'details', 'invoices');
    await details.request('details.browse', { index: 'by-status' });
    const items = await panel(a, 'items', 'invoices');
    const log = record(items);
    try {
      const first = await until('the first page of the GSI', () => answered<PageView>(log.posted, r => isPage(r)));
      assert.equal(first.query.index, 'by-status');
      assert.deepEqual(first.columns.slice(0, 3), ['status', 'issued_at', 'customer_id']);
      // The GSI projects keys, total and currency: open reads the whole item from the table.
      const view = await items.request('items.open', { key: first.rows[0]!.key });
      const table = await client.send(new GetItemCommand({ TableName: 'invoices', Key: first.rows[0]!.key as never, ConsistentRead: true }));
      assert.deepEqual(JSON.parse(view.dynamoJson), table.Item);
      assert.match(view.note ?? '', /GSI by-status holds the keys and total, currency/);
    } finally {
      log.dispose();
    }
  });

  it('browses items: the webview reads the first 100; pages forward to the end (no empty page) and back; a stale page is refused', async () => {
    await vscode.commands.executeCommand('dynamodbDesigner.browseItems', await tableNode(a, 'DeviceReadings'));
    const items = await openItems(a, 'DeviceReadings');
    const log = record(items);
    try {
      const page1 = await until('the webview\'s first page', () => answered<PageView>(log.posted, r => isPage(r)));
      assert.equal(page1.pageNumber, 1);
      assert.equal(page1.rows.length, 100);
      assert.ok(page1.hasNext && !page1.hasPrevious);
      const page2 = await items.request('items.next', { fromPage: 1, after: page1.lastEvaluatedKey! });
      const page3 = await items.request('items.next', { fromPage: 2, after: page2.lastEvaluatedKey! });
      assert.deepEqual([page2.pageNumber, page3.pageNumber], [2, 3]);
      assert.equal(page3.hasNext, false, '300 items: page 3 is the last');
      const keys = [page1, page2, page3].flatMap(p => p.rows.map(r => keyString(r.key)));
      const all = await client.send(new ScanCommand({ TableName: 'DeviceReadings', Select: 'COUNT' }));
      assert.equal(new Set(keys).size, all.Count, 'every item once');
      const back = await items.request('items.previous', { fromPage: 3 });
      assert.deepEqual(back.rows, page2.rows, 'previous shows page 2 as read before');
      const stale = await refusal(items.request('items.next', { fromPage: 1, after: page1.lastEvaluatedKey! }));
      assert.equal(stale.code, 'StalePage');
      assert.match(stale.message, /page 2 was read last/);
    } finally {
      log.dispose();
    }
  });

  it('runs queries: partition key = with a sort-key condition, on the table and on a GSI, as the SDK counts them; bad input refused in words', async () => {
    const items = await openItems(a, 'DeviceReadings');
    const device = await client.send(new QueryCommand({ TableName: 'DeviceReadings', KeyConditionExpression: 'deviceId = :d', ExpressionAttributeValues: { ':d': { S: 'dev-007' } } }));
    const times = device.Items!.map(i => i.readAt!.N!).sort((x, y) => Number(x) - Number(y));
    assert.ok(times.length > 6, 'dev-007 has readings');
    const [from, to] = [times[1]!, times[times.length - 2]!];
    const query: ItemQuery = {
      mode: 'query', pageSize: 100, filters: [],
      partitionKey: { name: 'deviceId', type: 'S', value: 'dev-007' },
      sortKey: { name: 'readAt', type: 'N', operator: 'between', value: from, value2: to },
    };
    const page = await items.request('items.run', { query });
    const column = (p: PageView, name: string) => p.rows.map(r => r.cells[p.columns.indexOf(name)]?.text);
    assert.deepEqual(column(page, 'deviceId'), times.slice(1, -1).map(() => 'dev-007'));
    assert.deepEqual(column(page, 'readAt'), times.slice(1, -1), 'between, in sort key order');
    const descending = await items.request('items.run', { query: { ...query, descending: true } });
    assert.deepEqual(column(descending, 'readAt'), times.slice(1, -1).reverse());

    const since = times[3]!;
    const byKind = await items.request('items.run', { query: {
      mode: 'query', index: 'ByKind', pageSize: 1000, filters: [],
      partitionKey: { name: 'sensorKind', type: 'S', value: 'co2' }, sortKey: { name: 'readAt', type: 'N', operator: '>', value: since },
    } });
    const expected = await client.send(new QueryCommand({
      TableName: 'DeviceReadings', IndexName: 'ByKind', Select: 'COUNT',
      KeyConditionExpression: 'sensorKind = :k AND readAt > :t', ExpressionAttributeValues: { ':k': { S: 'co2' }, ':t': { N: since } },
    }));
    assert.equal(byKind.rows.length, expected.Count);
    assert.ok(byKind.rows.length > 0);
    assert.ok(column(byKind, 'sensorKind').every(k => k === 'co2'));
    assert.ok(column(byKind, 'readAt').every(t => Number(t) > Number(since)));

    const notANumber = await refusal(items.request('items.run', { query: { ...query, sortKey: { ...query.sortKey!, value: 'soon' } } }));
    assert.equal(notANumber.name, 'RequestError');
    assert.match(notANumber.message, /sort key readAt: "soon" is not a number/);
    const malformed = await refusal(items.request('items.run', { query: { ...query, pageSize: 0 } }));
    assert.equal(malformed.code, 'InvalidMessage');
    const unknownIndex = await refusal(items.request('items.run', { query: { ...query, index: 'nope' } }));
    assert.match(unknownIndex.message, /no index named "nope"/);
  });

  it('opens an item as GetItem returns it; edits it in a dynamodb-item: editor, and a concurrent change or a key change is never overwritten', async () => {
    const items = await openItems(a, 'DeviceReadings');
    const page = await items.request('items.run', { query: { mode: 'scan', pageSize: 100, filters: [] } });
    const key = page.rows[7]!.key;
    const read = async () => (await client.send(new GetItemCommand({ TableName: 'DeviceReadings', Key: key as never, ConsistentRead: true }))).Item as JsonItem | undefined;
    const original = (await read())!;
    const view: ItemView = await items.request('items.open', { key });
    assert.deepEqual(JSON.parse(view.dynamoJson), original);
    assert.equal(JSON.parse(view.plainJson).deviceId, (original.deviceId as { S: string }).S);
    assert.equal(view.keyText, `deviceId=${JSON.stringify((key.deviceId as { S: string }).S)}, readAt=${(key.readAt as { N: string }).N}`);

    await items.request('items.edit', { key });
    const fileName = `deviceId = ${(key.deviceId as { S: string }).S}, readAt = ${(key.readAt as { N: string }).N}.json`;
    const document = await until('the item editor', () => vscode.workspace.textDocuments.find(d => d.uri.scheme === 'dynamodb-item' && d.uri.path.endsWith(`/${fileName}`)));
    assert.equal(document.languageId, 'json');
    assert.doesNotMatch(document.uri.toString(true), /[{}"]/, 'no JSON in the editor\'s address (VS Code shows it in its messages)');
    assert.deepEqual(JSON.parse(document.getText()), original);
    const replaceText = async (item: JsonItem): Promise<void> => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), `${JSON.stringify(item, null, 2)}\n`);
      assert.ok(await vscode.workspace.applyEdit(edit));
    };

    const log = record(items);
    try {
      await replaceText({ ...original, battery: { N: '1' }, note: { S: 'checked' } });
      assert.equal(await document.save(), true, 'saved');
      assert.deepEqual(await read(), { ...original, battery: { N: '1' }, note: { S: 'checked' } });
      await until('the browser reloaded its page', () => log.posted.some(m => m.type === 'notification' && m.method === 'page'));
    } finally {
      log.dispose();
    }

    // Someone else changes the item; saving the editor's older version must not overwrite it.
    await client.send(new UpdateItemCommand({ TableName: 'DeviceReadings', Key: key as never, UpdateExpression: 'SET battery = :b', ExpressionAttributeValues: { ':b': { N: '2' } } }));
    await replaceText({ ...original, battery: { N: '3' }, note: { S: 'checked' } });
    assert.equal(await document.save(), false, 'the save is refused');
    assert.deepEqual((await read())!.battery, { N: '2' }, 'the other change is kept');
    // What the failure says names the item by its key and says what went wrong (VS Code wraps it
    // as "Unable to write file '<address>' (...)": the address holds no JSON).
    const refused = await refusal(Promise.resolve(vscode.workspace.fs.writeFile(document.uri, new TextEncoder().encode(document.getText()))));
    assert.match(refused.message, new RegExp(`The item deviceId="${(key.deviceId as { S: string }).S}", readAt=${(key.readAt as { N: string }).N} changed since you opened it`));
    assert.doesNotMatch(refused.message, /\?\{|%7B/);
    const invalid = await refusal(Promise.resolve(vscode.workspace.fs.writeFile(document.uri, new TextEncoder().encode('{ "deviceId": { "S": 1 } }'))));
    assert.match(invalid.message, new RegExp(`Could not save the item deviceId="${(key.deviceId as { S: string }).S}", readAt=${(key.readAt as { N: string }).N} to DeviceReadings: .*\\(InvalidItem\\)`));

    // Changing the key would write another item and leave this one: refused.
    const moved = { ...original, readAt: { N: '1' } };
    await replaceText(moved);
    assert.equal(await document.save(), false);
    assert.equal((await client.send(new GetItemCommand({ TableName: 'DeviceReadings', Key: keyOf(moved, ['deviceId', 'readAt']) as never }))).Item, undefined, 'no item created under the new key');
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('duplicates an item into a new one: refused while it has the key of an existing item, created once the key is new', async () => {
    const items = await openItems(a, 'DeviceReadings');
    const page = await items.request('items.run', { query: { mode: 'scan', pageSize: 20, filters: [] } });
    const key = page.rows[2]!.key;
    const get = async (k: JsonItem) => (await client.send(new GetItemCommand({ TableName: 'DeviceReadings', Key: k as never, ConsistentRead: true }))).Item as JsonItem | undefined;
    const original = (await get(key))!;
    const before = new Set(vscode.workspace.textDocuments.map(d => d.uri.toString()));
    await items.request('items.duplicate', { key });
    const document = await until('the new item editor', () => vscode.workspace.textDocuments.find(d => d.uri.scheme === 'dynamodb-item' && !before.has(d.uri.toString())));
    assert.deepEqual(JSON.parse(document.getText()), original, 'a copy of the whole item');
    assert.equal(await document.save(), true, 'nothing to save while unchanged');
    const write = async (item: JsonItem): Promise<boolean> => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), JSON.stringify(item, null, 2));
      assert.ok(await vscode.workspace.applyEdit(edit));
      return document.save();
    };
    assert.equal(await write({ ...original, note: { S: 'copy' } }), false, 'the key is taken: refused');
    assert.deepEqual(await get(key), original, 'the original is untouched');
    const copyKey = { deviceId: { S: 'dev-copy' }, readAt: (original.readAt as { N: string }) };
    assert.equal(await write({ ...original, ...copyKey, note: { S: 'copy' } }), true);
    assert.deepEqual(await get(copyKey), { ...original, ...copyKey, note: { S: 'copy' } });
    assert.equal(await write({ ...original, ...copyKey, note: { S: 'copy, edited' } }), true, 'after the first save the editor edits the new item');
    assert.deepEqual((await get(copyKey))!.note, { S: 'copy, edited' });
    assert.deepEqual(await get(key), original);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('deletes an item only when the person confirms, with its key named in the question', async () => {
    const items = await openItems(a, 'DeviceReadings');
    const person = new ScriptedPrompts([{ confirm: false }, { confirm: true }]);
    const previous = a.setPrompts(person);
    try {
      const page = await items.request('items.run', { query: { mode: 'scan', pageSize: 50, filters: [] } });
      const key = page.rows[3]!.key;
      const exists = async () => (await client.send(new GetItemCommand({ TableName: 'DeviceReadings', Key: key as never, ConsistentRead: true }))).Item !== undefined;
      assert.deepEqual(await items.request('items.delete', { key }), { deleted: false, reason: 'cancelled' });
      assert.ok(await exists(), 'kept when the person says no');
      assert.match(person.asked[0]!.title, new RegExp(`^Delete the item deviceId="${(key.deviceId as { S: string }).S}", readAt=${(key.readAt as { N: string }).N} from table DeviceReadings\\?$`));
      assert.match(person.asked[0]!.detail ?? '', /This cannot be undone/);
      const outcome = await items.request('items.delete', { key });
      assert.equal(outcome.deleted, true);
      assert.equal(await exists(), false);
      assert.ok(!outcome.page!.rows.some(r => keyString(r.key) === keyString(key)), 'the page shown again without it');
      assert.equal((await refusal(items.request('items.open', { key }))).code, 'NotOnPage');
      assert.deepEqual(person.problems, []);
      assert.equal(person.left, 0);
    } finally {
      a.setPrompts(previous);
    }
  });

  it('exports the page and the whole result to the file the person chooses; nothing when they cancel', async () => {
    const items = await openItems(a, 'DeviceReadings');
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const person = new ScriptedPrompts([{ save: vscode.Uri.joinPath(folder, 'page.jsonl') }, { save: vscode.Uri.joinPath(folder, 'all.csv') }, { save: undefined }]);
    const previous = a.setPrompts(person);
    try {
      const page = await items.request('items.run', { query: { mode: 'scan', pageSize: 100, filters: [] } });
      const pageOut = await items.request('items.export', { scope: 'page', format: 'jsonl' });
      assert.ok(pageOut.done);
      const lines = readFileSync(join(folder.fsPath, 'page.jsonl'), 'utf8').trim().split('\n');
      assert.equal(lines.length, page.rows.length);
      assert.deepEqual(lines.map(l => keyString(keyOf(JSON.parse(l) as JsonItem, ['deviceId', 'readAt']))), page.rows.map(r => keyString(r.key)));
      const allOut = await items.request('items.export', { scope: 'all', format: 'csv' });
      const count = (await client.send(new ScanCommand({ TableName: 'DeviceReadings', Select: 'COUNT' }))).Count;
      assert.ok(allOut.done && allOut.items === count, `${allOut.done && allOut.items} of ${count}`);
      assert.equal(readFileSync(join(folder.fsPath, 'all.csv'), 'utf8').trim().split('\r\n').length, count! + 1, 'a header and a row per item');
      assert.deepEqual(await items.request('items.export', { scope: 'page', format: 'csv' }), { done: false, reason: 'cancelled' });
      assert.deepEqual(person.asked.map(q => `${q.kind}: ${q.title}`), ['save: Export the page', 'save: Export the whole result', 'save: Export the page']);
      assert.deepEqual(person.problems, []);
    } finally {
      a.setPrompts(previous);
    }
  });

  it('a hidden item browser keeps its page: the webview rebuilt when shown again gets it back', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('dynamodbDesigner.browseItems', await tableNode(a, 'library-loans'));
    const items = await panel(a, 'items', 'library-loans');
    let log = record(items);
    const page1 = await until('the first page', () => answered<PageView>(log.posted, r => isPage(r)));
    log.dispose();
    const page2 = await items.request('items.next', { fromPage: 1, after: page1.lastEvaluatedKey! });
    await vscode.commands.executeCommand('dynamodbDesigner.openTableDetails', await tableNode(a, 'carts'));
    await until('the item browser hidden', () => !items.panel.visible);
    log = record(items);
    try {
      items.reveal();
      const init = await until('the rebuilt webview\'s init', () => answered<ItemsInit>(log.posted, r => 'targets' in r));
      assert.equal(init.location, 'Local (embedded) · any region', 'the item browser\'s header as the explorer says it');
      assert.equal(init.page?.pageNumber, 2);
      assert.deepEqual(init.page?.rows, page2.rows);
      assert.deepEqual(init.page?.starts, page2.starts);
    } finally {
      log.dispose();
    }
  });

  it('Run Item Query (Ctrl+Enter) re-reads the active item browser\'s first page with its form as it is', async () => {
    // A fresh panel: its webview's first read comes after the recording starts.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const items = await openItems(a, 'carts');
    const first = record(items);
    try {
      await until('the webview\'s first page', () => answered<PageView>(first.posted, isPage));
    } finally {
      first.dispose();
    }
    await until('the item browser in front', () => items.panel.active);
    const log = record(items);
    try {
      await vscode.commands.executeCommand('dynamodbDesigner.runItemQuery');
      assert.ok(log.posted.some(m => m.type === 'notification' && m.method === 'run'), 'the host told the webview to run');
      const page = await until('the page the webview read for Run', () => answered<PageView>(log.posted, isPage));
      assert.equal(page.pageNumber, 1);
      assert.equal(page.query.index ?? '', '');
    } finally {
      log.dispose();
    }
  });

  it('browsing an index of a table whose browser is open switches that browser to the index, hidden or not', async () => {
    await vscode.commands.executeCommand('dynamodbDesigner.browseItems', await tableNode(a, 'invoices'));
    const items = await panel(a, 'items', 'invoices');
    for (const [index, hidden] of [['by-status', false], ['by-due-date', true]] as const) {
      if (hidden) {
        await vscode.commands.executeCommand('dynamodbDesigner.openTableDetails', await tableNode(a, 'carts'));
        await until('the item browser hidden', () => !items.panel.visible);
      }
      const log = record(items);
      try {
        await vscode.commands.executeCommand('dynamodbDesigner.browseItems', await indexNode(a, 'invoices', index));
        assert.equal(a.findPanel('items', target('invoices')), items, 'the same panel');
        await until('the item browser shown', () => items.panel.visible);
        const page = await until(`the ${index} page the webview asked for`, () => answered<PageView>(log.posted, r => isPage(r) && r.query.index === index));
        assert.equal(page.columns[0], index === 'by-status' ? 'status' : 'customer_id');
        assert.equal(page.pageNumber, 1);
      } finally {
        log.dispose();
      }
    }
  });
});
