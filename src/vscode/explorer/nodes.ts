/**
 * Explorer nodes: connection -> region -> tables (paged, "Load more") -> table -> indexes and
 * feature leaves. Each node builds its TreeItem from its own state and loads its children lazily
 * through the Services (never the SDK); children are cached on the node until it is refreshed.
 */
import * as vscode from 'vscode';
import type { Connection } from '../../dynamo/connections';
import { describeConnection, ignoresRegion, regionLabel } from '../../dynamo/connections';
import { SERVER_LIMITATIONS, limitationOf } from '../../plan/steps';
import type { LiveIndex, LiveTable } from '../../model/live';
import { formatBytes } from '../../model/live';
import { describeError } from '../platform/errors';

export interface NodeHost {
  listTables(connectionId: string, region: string, startAfter: string | undefined, signal?: AbortSignal): Promise<{ names: readonly string[]; lastEvaluated?: string }>;
  /** Queues a DescribeTable; the node is updated when it answers. */
  requestDescribe(node: TableNode): void;
  localStatus(): string;
  /** The embedded server's URL while it runs (started here or by npm start). */
  localEndpoint(): string | undefined;
  /** Which settings file listed the connection, in words (undefined: not listed in settings). */
  connectionOrigin(id: string): string | undefined;
  filter(): string;
  changed(node: ExplorerNode | undefined): void;
  /**
   * A region listed its tables while VS Code waits for its children: its description (the count)
   * is redrawn once its tables' first describes have answered, never in the middle (a refresh of a
   * region racing its tables' own updates makes the workbench lose the table rows).
   */
  regionListed(node: RegionNode): void;
}

export abstract class ExplorerNode {
  private cached: Promise<ExplorerNode[]> | undefined;

  constructor(readonly parent: ExplorerNode | undefined, readonly id: string) {}

  abstract treeItem(): vscode.TreeItem;

  protected loadChildren(): Promise<ExplorerNode[]> { return Promise.resolve([]); }

  children(): Promise<ExplorerNode[]> {
    this.cached ??= this.loadChildren().catch(error => [new ErrorNode(this, describeError(error))]);
    return this.cached;
  }

  /** Forgets the cached children (and their state); the next expand loads them again. */
  invalidate(): void { this.cached = undefined; }
}

const kindIcon: Record<Connection['kind'], string> = { profile: 'account', env: 'key', endpoint: 'plug', local: 'vm' };

export class ConnectionNode extends ExplorerNode {
  constructor(readonly connection: Connection, private readonly host: NodeHost) {
    super(undefined, `connection:${connection.id}`);
  }

  treeItem(): vscode.TreeItem {
    const c = this.connection;
    const item = new vscode.TreeItem(c.label, c.kind === 'local' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(kindIcon[c.kind]);
    item.contextValue = `connection.${c.kind}`;
    const tooltip = new vscode.MarkdownString(`**${c.label}**\n\n${describeConnection(c)}`);
    if (c.kind === 'local') {
      item.description = this.host.localStatus();
      const url = this.host.localEndpoint();
      tooltip.appendMarkdown(url
        ? `\n\nEndpoint: \`${url}\` (for the CLI: \`npx dynamodb-designer preview FILE --endpoint ${url}\`)`
        : '\n\nEndpoint: none yet (the server starts when the connection is expanded)');
      tooltip.appendMarkdown('\n\nThe embedded server (dynalite) runs on 127.0.0.1 with its data in the extension\'s storage. It holds one set of tables whatever the region a request names. It lacks or ignores:\n');
      for (const limitation of SERVER_LIMITATIONS.dynalite) { tooltip.appendMarkdown(`\n- ${limitation.label}`); }
    } else if (c.kind === 'endpoint') {
      item.description = c.url;
    } else if (c.kind === 'profile') {
      item.description = c.info ? c.info.kind : 'profile not found';
    }
    const origin = this.host.connectionOrigin(c.id);
    if (origin) { tooltip.appendMarkdown(`\n\n${origin}`); }
    item.tooltip = tooltip;
    return item;
  }

  protected override async loadChildren(): Promise<ExplorerNode[]> {
    return this.connection.regions.map(region => new RegionNode(this, this.connection, region, this.host));
  }
}

export class RegionNode extends ExplorerNode {
  private names: string[] = [];
  private lastEvaluated: string | undefined;
  private loaded = false;
  private loadingMore = false;

  constructor(parent: ConnectionNode, readonly connection: Connection, readonly region: string, private readonly host: NodeHost) {
    super(parent, `region:${connection.id}:${region}`);
  }

  treeItem(): vscode.TreeItem {
    const single = this.connection.regions.length === 1;
    const item = new vscode.TreeItem(regionLabel(this.connection, this.region), single ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('globe');
    item.contextValue = 'region';
    if (ignoresRegion(this.connection)) {
      item.tooltip = 'This server holds one set of tables whatever the region: a config\'s region is ignored here.';
    }
    if (this.loaded) {
      const filter = this.host.filter();
      const shown = this.visibleNames().length;
      const more = this.lastEvaluated ? '+' : '';
      item.description = filter ? `${shown} of ${this.names.length}${more} tables match "${filter}"` : `${this.names.length}${more} tables`;
    }
    return item;
  }

  get hasMore(): boolean { return this.lastEvaluated !== undefined; }

  /** The table names listed so far; undefined before the region was listed. */
  get listedNames(): readonly string[] | undefined { return this.loaded ? this.names : undefined; }

  private visibleNames(): string[] {
    const filter = this.host.filter().toLowerCase();
    return filter ? this.names.filter(n => n.toLowerCase().includes(filter)) : this.names;
  }

  override invalidate(): void {
    super.invalidate();
    this.names = [];
    this.lastEvaluated = undefined;
    this.loaded = false;
  }

  protected override async loadChildren(): Promise<ExplorerNode[]> {
    if (!this.loaded) {
      const page = await this.host.listTables(this.connection.id, this.region, undefined);
      this.names = [...page.names];
      this.lastEvaluated = page.lastEvaluated;
      this.loaded = true;
      this.host.regionListed(this);
    }
    return this.build();
  }

  private tableNodes = new Map<string, TableNode>();

  private build(): ExplorerNode[] {
    const nodes: ExplorerNode[] = this.visibleNames().map(name => {
      let node = this.tableNodes.get(name);
      if (!node) { node = new TableNode(this, name, this.host); this.tableNodes.set(name, node); }
      return node;
    });
    if (this.names.length === 0) {
      nodes.push(new InfoNode(this, this.connection.kind === 'local'
        ? 'No tables yet: run "DynamoDB: Seed Demo Tables" or apply a config'
        : 'No tables in this region', this.connection.kind === 'local' ? { command: 'dynamodbDesigner.seedDemoTables', title: 'Seed Demo Tables', arguments: [this] } : undefined));
    } else if (nodes.length === 0) {
      nodes.push(new InfoNode(this, `No table name contains "${this.host.filter()}"`, { command: 'dynamodbDesigner.clearFilter', title: 'Clear Filter' }));
    }
    if (this.lastEvaluated) { nodes.push(new LoadMoreNode(this)); }
    return nodes;
  }

  /** Fetches the next page of table names and shows it below the ones already listed. */
  async loadMore(): Promise<void> {
    if (!this.lastEvaluated || this.loadingMore) { return; }
    this.loadingMore = true;
    try {
      const page = await this.host.listTables(this.connection.id, this.region, this.lastEvaluated);
      this.names.push(...page.names.filter(n => !this.names.includes(n)));
      this.lastEvaluated = page.lastEvaluated;
      super.invalidate(); // children are rebuilt from the names now loaded
    } finally {
      this.loadingMore = false;
    }
    this.host.changed(this);
  }

  /** After a filter change: same names, other nodes shown. */
  refilter(): void {
    if (!this.loaded) { return; }
    super.invalidate(); // children are rebuilt from the names already loaded
    this.host.changed(this);
  }
}

export class TableNode extends ExplorerNode {
  table: LiveTable | undefined;
  error: string | undefined;
  private requested = false;

  constructor(readonly regionNode: RegionNode, readonly name: string, private readonly host: NodeHost) {
    super(regionNode, `table:${regionNode.connection.id}:${regionNode.region}:${name}`);
  }

  get connection(): Connection { return this.regionNode.connection; }
  get region(): string { return this.regionNode.region; }

  /** Not ACTIVE (or an index is not): the explorer polls until it is. */
  get transitional(): boolean {
    const t = this.table;
    return Boolean(t && (t.status !== 'ACTIVE' || t.globalSecondaryIndexes.some(i => (i.status && i.status !== 'ACTIVE') || i.backfilling)));
  }

  treeItem(): vscode.TreeItem {
    if (!this.requested) { this.requested = true; this.host.requestDescribe(this); }
    const t = this.table;
    const item = new vscode.TreeItem(this.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.contextValue = t?.arn ? 'table.withArn' : 'table';
    if (this.error) {
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
      item.description = 'cannot describe';
      item.tooltip = this.error;
      return item;
    }
    if (!t) {
      item.iconPath = new vscode.ThemeIcon('table');
      return item;
    }
    const busy = this.transitional;
    item.iconPath = busy ? new vscode.ThemeIcon('loading~spin') : new vscode.ThemeIcon('table');
    const billing = t.billingMode === 'PAY_PER_REQUEST' ? 'on-demand' : `provisioned ${t.throughput?.read ?? '?'}/${t.throughput?.write ?? '?'}`;
    // The embedded server always reports 0 items: no count rather than a wrong one.
    const items = t.itemCount === undefined || this.connection.kind === 'local' ? '' : ` · ${t.itemCount.toLocaleString('en-US')} items`;
    item.description = busy ? `${t.status === 'ACTIVE' ? 'INDEX UPDATING' : t.status} · ${billing}` : `${billing}${items}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${t.name}** — ${t.status}\n\n`);
    tooltip.appendMarkdown(`| | |\n|---|---|\n`);
    tooltip.appendMarkdown(`| ARN | \`${t.arn ?? 'unknown'}\` |\n`);
    tooltip.appendMarkdown(`| Keys | ${t.keySchema.map(k => `${k.name} (${t.attributes[k.name] ?? '?'}, ${k.keyType})`).join(', ')} |\n`);
    tooltip.appendMarkdown(`| Billing | ${billing} |\n`);
    // The embedded server reports 0 for every table: "not reported", never a wrong 0.
    const unreported = this.connection.kind === 'local' ? 'not reported by this server' : 'unknown';
    tooltip.appendMarkdown(`| Items | ${this.connection.kind === 'local' ? unreported : t.itemCount ?? unreported} |\n`);
    tooltip.appendMarkdown(`| Size | ${this.connection.kind === 'local' || t.sizeBytes === undefined ? unreported : formatBytes(t.sizeBytes)} |\n`);
    tooltip.appendMarkdown(`| Class | ${t.tableClass} |\n`);
    tooltip.appendMarkdown(`| Deletion protection | ${t.deletionProtection ? 'on' : 'off'} |\n`);
    if (this.connection.kind === 'local') { tooltip.appendMarkdown('\nThe embedded server reports no item count or size: Delete Table counts the items it would lose.'); }
    else { tooltip.appendMarkdown('\nAWS refreshes item count and size about every six hours.'); }
    item.tooltip = tooltip;
    return item;
  }

  protected override async loadChildren(): Promise<ExplorerNode[]> {
    const t = this.table;
    if (!t) { return [new InfoNode(this, this.error ? `Cannot describe: ${this.error}` : 'Loading…')]; }
    const nodes: ExplorerNode[] = [];
    nodes.push(...t.globalSecondaryIndexes.map(i => new IndexNode(this, i)));
    nodes.push(...t.localSecondaryIndexes.map(i => new IndexNode(this, i)));
    const local = this.connection.kind === 'local';
    nodes.push(new FeatureNode(this, 'stream', 'Stream', t.stream.enabled ? t.stream.viewType ?? 'enabled' : 'off',
      local ? limitationOf('dynalite', 'stream')?.short : undefined, t.stream.arn));
    const ttl = t.ttl.state === 'known'
      ? (t.ttl.value.enabled ? `on (${t.ttl.value.attributeName ?? '?'})` : 'off')
      : `unknown: ${t.ttl.reason}`;
    nodes.push(new FeatureNode(this, 'ttl', 'TTL', ttl, local ? limitationOf('dynalite', 'ttl')?.short : undefined));
    return nodes;
  }

  /** New description from the server: redraw, and rebuild children when expanded later. */
  update(table: LiveTable | undefined, error?: string): void {
    this.table = table;
    this.error = error;
    super.invalidate();
    this.host.changed(this);
  }

  /** Refresh = describe again. */
  override invalidate(): void {
    super.invalidate();
    this.requested = false;
  }
}

export class IndexNode extends ExplorerNode {
  constructor(readonly tableNode: TableNode, readonly index: LiveIndex) {
    super(tableNode, `${tableNode.id}:index:${index.name}`);
  }

  treeItem(): vscode.TreeItem {
    const i = this.index;
    const item = new vscode.TreeItem(i.name, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(i.kind === 'GSI' ? 'list-tree' : 'list-flat');
    item.contextValue = `index.${i.kind}`;
    const keys = i.keySchema.map(k => k.name).join(', ');
    const projection = i.projectionType === 'INCLUDE' ? `INCLUDE ${i.nonKeyAttributes.join(', ')}` : i.projectionType;
    const status = i.status && i.status !== 'ACTIVE' ? ` · ${i.status}` : i.backfilling ? ' · BACKFILLING' : '';
    item.description = `${i.kind} · ${keys} · ${projection}${status}`;
    item.tooltip = new vscode.MarkdownString(`**${i.name}** (${i.kind === 'GSI' ? 'global' : 'local'} secondary index)\n\n` +
      `Keys: ${i.keySchema.map(k => `${k.name} (${k.keyType})`).join(', ')}\n\nProjection: ${projection}` +
      (i.throughput ? `\n\nThroughput: ${i.throughput.read} read / ${i.throughput.write} write` : ''));
    return item;
  }
}

export class FeatureNode extends ExplorerNode {
  constructor(parent: TableNode, feature: string, private readonly label: string, private readonly value: string,
    private readonly limitation: string | undefined, private readonly detail?: string) {
    super(parent, `${parent.id}:feature:${feature}`);
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(`${this.label}: ${this.value}`, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.limitation ? 'circle-slash' : 'info');
    item.description = this.limitation;
    item.tooltip = [this.detail, this.limitation].filter(Boolean).join('\n') || undefined;
    // Screen readers hear the setting and its value, then what the server lacks ("Stream: off, ignored by ...").
    item.accessibilityInformation = { label: [`${this.label}: ${this.value}`, this.limitation].filter(Boolean).join(', ') };
    item.contextValue = 'feature';
    return item;
  }
}

export class LoadMoreNode extends ExplorerNode {
  constructor(readonly regionNode: RegionNode) {
    super(regionNode, `${regionNode.id}:load-more`);
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Load more…', vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('more');
    item.command = { command: 'dynamodbDesigner.loadMoreTables', title: 'Load More', arguments: [this.regionNode] };
    item.contextValue = 'loadMore';
    return item;
  }
}

export class ErrorNode extends ExplorerNode {
  constructor(readonly owner: ExplorerNode, readonly message: string) {
    super(owner, `${owner.id}:error`);
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.message, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    item.tooltip = `${this.message}\n\nClick to retry.`;
    item.description = 'retry';
    item.contextValue = 'error';
    item.command = { command: 'dynamodbDesigner.refreshNode', title: 'Retry', arguments: [this.owner] };
    return item;
  }
}

export class InfoNode extends ExplorerNode {
  constructor(parent: ExplorerNode, private readonly text: string, private readonly command?: vscode.Command) {
    super(parent, `${parent.id}:info`);
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.text, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('info');
    item.command = this.command;
    item.contextValue = 'info';
    return item;
  }
}
