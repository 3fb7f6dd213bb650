/**
 * The DynamoDB explorer's TreeDataProvider. Tables are listed a page (100) at a time; each table
 * is then described in the background (a few at a time) so billing, item count and status show
 * without blocking the list, and tables in CREATING/UPDATING/DELETING are polled until ACTIVE.
 */
import { setMaxListeners } from 'node:events';
import * as vscode from 'vscode';
import type { Services } from '../services';
import { describeError } from '../platform/errors';
import { readSettings } from '../platform/settings';
import { ConnectionNode, ExplorerNode, NodeHost, RegionNode, TableNode } from './nodes';

const DESCRIBE_CONCURRENCY = 4;
const POLL_MS = 2000;
/** Quiet time after a region's last table update before the region itself is redrawn. */
const SETTLE_MS = 300;

export class ExplorerProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable, NodeHost {
  private readonly emitter = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private roots: Promise<ConnectionNode[]> | undefined;
  private readonly queue: TableNode[] = [];
  private running = 0;
  /** Table nodes queued or being described. */
  private readonly inFlight = new Set<TableNode>();
  /** Regions being listed, by `connectionId region`. */
  private readonly listing = new Map<string, number>();
  /** Nodes waiting to redraw their description (see regionListed and the local server's status). */
  private readonly settling = new Map<RegionNode | ConnectionNode, NodeJS.Timeout>();
  private readonly polling = new Map<string, NodeJS.Timeout>();
  private readonly abort = new AbortController();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly services: Services) {
    // One signal for every background call of the explorer (aborted on dispose).
    setMaxListeners(0, this.abort.signal);
    this.disposables.push(
      services.onDidChangeConnections(() => this.refresh()),
      // The embedded connection's description says the server's state; redrawn once its subtree is quiet.
      services.local.onStatus(() => void this.roots?.then(roots => roots.filter(r => r.connection.kind === 'local').forEach(r => this.settle(r)))),
    );
  }

  getTreeItem(element: ExplorerNode): vscode.TreeItem { return element.treeItem(); }

  getParent(element: ExplorerNode): ExplorerNode | undefined { return element.parent; }

  async getChildren(element?: ExplorerNode): Promise<ExplorerNode[]> {
    if (element) { return element.children(); }
    this.roots ??= this.services.connections().then(list => list.map(c => new ConnectionNode(c, this)));
    return this.roots;
  }

  /** Refreshes one node (its children are fetched again), or everything. */
  refresh(node?: ExplorerNode): void {
    if (!node) {
      this.roots = undefined;
      this.emitter.fire(undefined);
      return;
    }
    node.invalidate();
    this.emitter.fire(node);
  }

  /** Lists a region's tables again (after apply or delete changed them), if it is loaded. */
  refreshRegion(connectionId: string, region: string): void {
    void this.roots?.then(async roots => {
      const root = roots.find(r => r.connection.id === connectionId);
      const node = root ? (await root.children()).find(n => n instanceof RegionNode && n.region === region) : undefined;
      if (node) { this.refresh(node); }
    });
  }

  /** After the filter setting changed: re-filter loaded regions without listing again. */
  async refilter(): Promise<void> {
    for (const root of await (this.roots ?? Promise.resolve([]))) {
      for (const child of await root.children()) {
        if (child instanceof RegionNode) { child.refilter(); }
      }
    }
  }

  // NodeHost

  listTables(connectionId: string, region: string, startAfter: string | undefined, signal?: AbortSignal) {
    const key = `${connectionId} ${region}`;
    this.listing.set(key, (this.listing.get(key) ?? 0) + 1);
    return this.services.listTables(connectionId, region, startAfter, signal ?? this.abort.signal).finally(() => {
      const left = this.listing.get(key)! - 1;
      if (left > 0) { this.listing.set(key, left); } else { this.listing.delete(key); }
      this.resettle();
    });
  }

  filter(): string { return readSettings().filterTables.trim(); }

  localStatus(): string {
    if (this.services.localAttached) { return `running at ${this.services.localEndpoint!.replace('http://', '')} (started by npm start)`; }
    const status = this.services.local.status;
    switch (status.state) {
      case 'running': return `running at ${status.endpoint.replace('http://', '')}`;
      case 'starting': return 'starting…';
      case 'failed': return `failed: ${status.message}`;
      case 'stopped': return 'starts when expanded';
    }
  }

  localEndpoint(): string | undefined { return this.services.localEndpoint; }
  connectionOrigin(id: string): string | undefined { return this.services.connectionOrigin(id); }

  changed(node: ExplorerNode | undefined): void { this.emitter.fire(node); }

  regionListed(node: RegionNode): void { this.settle(node); }

  /**
   * Redraws a region or connection SETTLE_MS after nothing below it is being listed or described:
   * a refresh of a node while VS Code still waits for its children (or their updates) makes the
   * workbench lose rows ("Data tree node not found", "Element ... is already registered").
   */
  private settle(node: RegionNode | ConnectionNode): void {
    clearTimeout(this.settling.get(node));
    this.settling.set(node, setTimeout(() => {
      if (this.busy(node)) { return; } // settled again when the work below it ends
      this.settling.delete(node);
      if (!this.abort.signal.aborted) { this.changed(node); }
    }, SETTLE_MS));
  }

  private busy(node: RegionNode | ConnectionNode): boolean {
    const below = (region: RegionNode) => region === node || region.parent === node;
    const connectionId = node.connection.id;
    const listingBelow = node instanceof RegionNode
      ? this.listing.has(`${connectionId} ${node.region}`)
      : [...this.listing.keys()].some(k => k.startsWith(`${connectionId} `));
    return listingBelow || [...this.inFlight].some(t => below(t.regionNode));
  }

  /** After some listing or describe ended: the nodes waiting for quiet try again. */
  private resettle(): void {
    for (const node of [...this.settling.keys()]) { if (!this.busy(node)) { this.settle(node); } }
  }

  requestDescribe(node: TableNode): void {
    this.inFlight.add(node);
    this.queue.push(node);
    this.pump();
  }

  private pump(): void {
    while (this.running < DESCRIBE_CONCURRENCY && this.queue.length) {
      const node = this.queue.shift()!;
      this.running++;
      this.services.describeTable(node.connection.id, node.region, node.name, this.abort.signal)
        .then(table => node.update(table), error => node.update(undefined, describeError(error)))
        .finally(() => {
          this.running--;
          this.inFlight.delete(node);
          this.resettle();
          this.schedulePoll(node);
          this.pump();
        });
    }
  }

  /** Tables in transition are described again until ACTIVE. */
  private schedulePoll(node: TableNode): void {
    clearTimeout(this.polling.get(node.id));
    this.polling.delete(node.id);
    if (!node.transitional || this.abort.signal.aborted) { return; }
    this.polling.set(node.id, setTimeout(() => {
      this.polling.delete(node.id);
      this.requestDescribe(node);
    }, POLL_MS));
  }

  /** All table nodes currently loaded (for commands that find a table by name, and tests). */
  async loadedTables(): Promise<TableNode[]> {
    const out: TableNode[] = [];
    for (const root of await (this.roots ?? Promise.resolve([]))) {
      for (const region of await root.children()) {
        if (!(region instanceof RegionNode)) { continue; }
        for (const table of await region.children()) { if (table instanceof TableNode) { out.push(table); } }
      }
    }
    return out;
  }

  /** Tables of the regions already listed, with where they are (no request is made). */
  async listedTables(): Promise<{ name: string; node: RegionNode }[]> {
    const out: { name: string; node: RegionNode }[] = [];
    for (const root of await (this.roots ?? Promise.resolve([]))) {
      for (const region of await root.children()) {
        if (region instanceof RegionNode) { out.push(...(region.listedNames ?? []).map(name => ({ name, node: region }))); }
      }
    }
    return out;
  }

  dispose(): void {
    this.abort.abort();
    this.polling.forEach(timer => clearTimeout(timer));
    this.settling.forEach(timer => clearTimeout(timer));
    this.disposables.forEach(d => d.dispose());
    this.emitter.dispose();
  }
}
