import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import type { ExplorerNode } from '../../../src/vscode/explorer/nodes';
import { startHostile } from '../../support/hostile';
import { api, until } from './support';

async function labels(api: ExtensionApi, nodes: ExplorerNode[]): Promise<string[]> {
  return nodes.map(n => String(api.explorer.getTreeItem(n).label));
}

async function localRegion(a: ExtensionApi): Promise<ExplorerNode> {
  const roots = await a.explorer.getChildren();
  const local = roots.find(n => a.explorer.getTreeItem(n).contextValue === 'connection.local');
  assert.ok(local, `a local connection among ${await labels(a, roots)}`);
  const regions = await a.explorer.getChildren(local);
  assert.equal(regions.length, 1);
  return regions[0];
}

async function tableNode(a: ExtensionApi, name: string): Promise<ExplorerNode> {
  const region = await localRegion(a);
  const tables = await a.explorer.getChildren(region);
  const node = tables.find(n => a.explorer.getTreeItem(n).label === name);
  assert.ok(node, `${name} among ${await labels(a, tables)}`);
  return node;
}

const childItemsOf = (a: ExtensionApi, nodes: readonly ExplorerNode[]): vscode.TreeItem[] => nodes.map(n => a.explorer.getTreeItem(n) as vscode.TreeItem);

describe('explorer', () => {
  before(async function () {
    this.timeout(120000);
    const a = await api();
    await vscode.workspace.getConfiguration('dynamodbDesigner').update('filterTables', '', vscode.ConfigurationTarget.Global);
    const seeded = await vscode.commands.executeCommand<{ name: string }[]>('dynamodbDesigner.seedDemoTables');
    assert.ok(seeded && seeded.length >= 4, 'the demo tables were seeded');
    a.explorer.refresh();
  });

  it('shows the embedded connection, its region and the seeded tables', async () => {
    const a = await api();
    const region = await localRegion(a);
    const names = await labels(a, await a.explorer.getChildren(region));
    for (const expected of ['carts', 'invoices', 'library-loans', 'DeviceReadings']) { assert.ok(names.includes(expected), `${expected} in ${names}`); }
    const regionItem = a.explorer.getTreeItem(region);
    assert.match(String(regionItem.description), /^\d+ tables$/);
    // One set of tables whatever the region: no region name pretending otherwise.
    assert.equal(regionItem.label, 'any region');
    assert.match(String(regionItem.tooltip), /one set of tables whatever the region/);
    const local = (await a.explorer.getChildren()).find(n => a.explorer.getTreeItem(n).contextValue === 'connection.local')!;
    const tooltip = (a.explorer.getTreeItem(local).tooltip as vscode.MarkdownString).value;
    const url = a.services.localEndpoint;
    assert.ok(url && /^http:\/\/127\.0\.0\.1:\d+$/.test(url), `the embedded server's URL: ${url}`);
    assert.ok(tooltip.includes(`Endpoint: \`${url}\``), tooltip);
    assert.ok(tooltip.includes(`--endpoint ${url}`), 'how to point the CLI at it');
  });

  it('describes a table in the background: billing, status and tooltip, then its indexes and features', async () => {
    const a = await api();
    const invoices = await tableNode(a, 'invoices');
    const item = await until('invoices described', () => {
      const i = a.explorer.getTreeItem(invoices);
      return i.description ? i : undefined;
    });
    assert.match(String(item.description), /^provisioned 8\/4/);
    assert.equal(item.contextValue, 'table.withArn');
    assert.match((item.tooltip as vscode.MarkdownString).value, /arn:aws:dynamodb:/);
    // The embedded server reports 0 items for a seeded table: the tooltip says so rather than a wrong 0.
    assert.match((item.tooltip as vscode.MarkdownString).value, /\| Items \| not reported by this server \|/);
    assert.doesNotMatch((item.tooltip as vscode.MarkdownString).value, /\| Items \| 0 \||\b0 (B|bytes)\b/);
    const children = await a.explorer.getChildren(invoices);
    const childItems = children.map(c => a.explorer.getTreeItem(c));
    const gsi = childItems.find(c => c.label === 'by-status');
    assert.ok(gsi, 'GSI by-status shown');
    assert.match(String(gsi.description), /^GSI · status, issued_at · INCLUDE total, currency/);
    const lsi = childItems.find(c => c.label === 'by-due-date');
    assert.match(String(lsi?.description), /^LSI · customer_id, due_at · KEYS_ONLY/);
    const ttl = childItems.find(c => String(c.label).startsWith('TTL'));
    assert.equal(ttl?.description, 'not supported by the embedded server');
    // The accessible label keeps the setting's value, then what the server lacks.
    assert.equal(ttl?.accessibilityInformation?.label, 'TTL: off, not supported by the embedded server');
    const cartsNode = await tableNode(a, 'carts');
    await until('carts described', () => Boolean(a.explorer.getTreeItem(cartsNode).description));
    const carts = childItemsOf(a, await a.explorer.getChildren(cartsNode));
    const stream = carts.find(c => String(c.label).startsWith('Stream'));
    assert.equal(stream?.accessibilityInformation?.label, 'Stream: off, ignored by the embedded server');
  });

  it('filters tables by the setting and shows the filter', async () => {
    const a = await api();
    await vscode.workspace.getConfiguration('dynamodbDesigner').update('filterTables', 'CART', vscode.ConfigurationTarget.Global);
    try {
      const region = await localRegion(a);
      const names = await until('filtered list', async () => {
        const n = await labels(a, await a.explorer.getChildren(region));
        return n.length === 1 ? n : undefined;
      });
      assert.deepEqual(names, ['carts']);
      assert.match(String(a.explorer.getTreeItem(region).description), /1 of \d+ tables match "CART"/);
    } finally {
      await vscode.workspace.getConfiguration('dynamodbDesigner').update('filterTables', '', vscode.ConfigurationTarget.Global);
    }
    await until('unfiltered list', async () => (await a.explorer.getChildren(await localRegion(a))).length >= 4 || undefined);
  });

  it('refreshes a region and lists a table created meanwhile', async () => {
    const a = await api();
    const { CreateTableCommand } = await import('@aws-sdk/client-dynamodb');
    const client = await a.services.client('local', 'us-east-1');
    await client.send(new CreateTableCommand({
      TableName: 'e2e-refresh', BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    }));
    const region = await localRegion(a);
    assert.ok(!(await labels(a, await a.explorer.getChildren(region))).includes('e2e-refresh'), 'cached until refreshed');
    await vscode.commands.executeCommand('dynamodbDesigner.refreshNode', region);
    assert.ok((await labels(a, await a.explorer.getChildren(region))).includes('e2e-refresh'));
  });

  it('copies a table ARN to the clipboard', async () => {
    const a = await api();
    const carts = await tableNode(a, 'carts');
    await vscode.env.clipboard.writeText('before');
    await vscode.commands.executeCommand('dynamodbDesigner.copyTableArn', carts);
    const text = await vscode.env.clipboard.readText();
    assert.match(text, /^arn:aws:dynamodb:us-east-1:\d+:table\/carts$/);
  });

  it('shows a region that cannot be reached as an error node with a retry, and the other connections still list', async () => {
    const a = await api();
    const config = vscode.workspace.getConfiguration('dynamodbDesigner');
    await config.update('connections', [{ type: 'endpoint', name: 'Stopped server', endpoint: 'http://127.0.0.1:9', region: 'us-east-1' }], vscode.ConfigurationTarget.Global);
    try {
      const stopped = await until('the endpoint connection', async () => {
        const roots = await a.explorer.getChildren();
        return roots.find(n => a.explorer.getTreeItem(n).label === 'Stopped server');
      });
      const [region] = await a.explorer.getChildren(stopped);
      const [error] = await a.explorer.getChildren(region);
      const item = a.explorer.getTreeItem(error);
      assert.equal(item.contextValue, 'error');
      assert.match(String(item.label), /127\.0\.0\.1:9/);
      assert.equal(item.command?.command, 'dynamodbDesigner.refreshNode');
      assert.equal(item.command?.arguments?.[0], region, 'retry refreshes the region');
      const local = await labels(a, await a.explorer.getChildren(await localRegion(a)));
      assert.ok(local.includes('carts'), `the embedded connection still lists: ${local}`);
    } finally {
      await config.update('connections', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('an endpoint that is not DynamoDB, or echoes the signed headers: the error node says what answered, in the CLI\'s words, with no header value', async () => {
    const a = await api();
    const config = vscode.workspace.getConfiguration('dynamodbDesigner');
    const servers = await Promise.all([startHostile('empty-404'), startHostile('html-200'), startHostile('echo-headers')]);
    const [empty, html, echo] = servers;
    await config.update('connections', [
      { type: 'endpoint', name: 'Empty 404', endpoint: empty.endpoint, region: 'us-east-1' },
      { type: 'endpoint', name: 'Web page', endpoint: html.endpoint, region: 'us-east-1' },
      { type: 'endpoint', name: 'Echo', endpoint: echo.endpoint, region: 'us-east-1' },
    ], vscode.ConfigurationTarget.Global);
    try {
      const errorOf = async (name: string): Promise<vscode.TreeItem> => {
        const connection = await until(`the ${name} connection`, async () => (await a.explorer.getChildren()).find(n => a.explorer.getTreeItem(n).label === name));
        const [region] = await a.explorer.getChildren(connection);
        const [error] = await a.explorer.getChildren(region);
        const item = a.explorer.getTreeItem(error);
        assert.equal(item.contextValue, 'error');
        return item;
      };
      assert.equal((await errorOf('Empty 404')).label, `${empty.endpoint} answered HTTP 404 with an empty body: that is not DynamoDB. Check the endpoint. (NotDynamoDB)`);
      assert.equal((await errorOf('Web page')).label, `${html.endpoint} answered HTTP 200 with text/html: that is not DynamoDB. Check the endpoint. (NotDynamoDB)`);
      const echoed = String((await errorOf('Echo')).label);
      assert.match(echoed, /"authorization":"\[redacted\]"/);
      assert.match(echoed, /"x-amz-date":"\[redacted\]"/);
      assert.doesNotMatch(echoed, /Signature=(?!\[redacted\])|AWS4-HMAC-SHA256/);
    } finally {
      await config.update('connections', undefined, vscode.ConfigurationTarget.Global);
      await Promise.all(servers.map(s => s.stop()));
    }
  });

  it('lists 100 tables, then the rest after "Load more"', async function () {
    this.timeout(120000);
    const a = await api();
    const { CreateTableCommand, DeleteTableCommand } = await import('@aws-sdk/client-dynamodb');
    const client = await a.services.client('local', 'us-east-1');
    const names = Array.from({ length: 101 }, (_, i) => `e2e-page-${String(i).padStart(3, '0')}`);
    const created: string[] = [];
    try {
      for (const name of names) {
        await client.send(new CreateTableCommand({
          TableName: name, BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        }));
        created.push(name);
      }
      const region = await localRegion(a);
      await vscode.commands.executeCommand('dynamodbDesigner.refreshNode', region);
      const first = await a.explorer.getChildren(region);
      assert.equal(first.length, 101, '100 tables and a "Load more" node');
      const more = first[100];
      assert.equal(a.explorer.getTreeItem(more).label, 'Load more…');
      assert.match(String(a.explorer.getTreeItem(region).description), /^100\+ tables$/);
      await vscode.commands.executeCommand(a.explorer.getTreeItem(more).command!.command, ...(a.explorer.getTreeItem(more).command!.arguments ?? []));
      const all = await labels(a, await a.explorer.getChildren(region));
      assert.ok(!all.includes('Load more…'));
      for (const name of [...names, 'carts', 'invoices']) { assert.ok(all.includes(name), `${name} listed`); }
      assert.equal(new Set(all).size, all.length, 'every table once');
    } finally {
      for (const name of created) { await client.send(new DeleteTableCommand({ TableName: name })).catch(() => undefined); }
      await vscode.commands.executeCommand('dynamodbDesigner.refreshNode', await localRegion(a));
    }
  });
});
