/**
 * The services the VS Code layer shares, built once in activate(): the connection list (from
 * settings, AWS shared files and the environment), the client factory, the embedded local
 * DynamoDB, and thin table operations for the explorer and commands. Tree nodes and commands call
 * these; none of them calls the SDK itself.
 */
import * as vscode from 'vscode';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ClientFactory } from '../dynamo/clients';
import { Connection, connectionId, ConnectionSetting, resolveConnections } from '../dynamo/connections';
import { LocalDynamo } from '../dynamo/local';
import { seedDemoTables, SeededTable } from '../dynamo/seed';
import { describeTable, listTables, TablePage, TABLE_PAGE_SIZE } from '../dynamo/tables';
import type { LiveTable } from '../model/live';
import type { Log } from './platform/log';
import { windowPrompts } from './platform/prompts';
import type { Prompts } from './platform/prompts';
import { describeConnectionsOrigin, onSettingsChanged, readSettings } from './platform/settings';

/** Set by `npm start`: attach the embedded connection to a server it already started. */
const ATTACH_ENV = 'DYNAMODB_DESIGNER_LOCAL_ENDPOINT';

export class Services implements vscode.Disposable {
  readonly local: LocalDynamo;
  readonly clients: ClientFactory;
  private connectionList: Promise<readonly Connection[]> | undefined;
  /** Connection id -> where `dynamodbDesigner.connections` listed it, in words (for its tooltip). */
  private connectionOrigins = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the connection list may have changed (settings, AWS files). */
  readonly onDidChangeConnections = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  /** Every question to the person goes here (the e2e suite scripts the answers). */
  prompts: Prompts = windowPrompts;

  constructor(context: vscode.ExtensionContext, readonly log: Log) {
    const attached = process.env[ATTACH_ENV];
    this.local = new LocalDynamo({
      entryScript: context.asAbsolutePath('dist/dynaliteMain.js'),
      dataDir: vscode.Uri.joinPath(context.globalStorageUri, 'local-dynamodb').fsPath,
    });
    this.clients = new ClientFactory({
      extensionName: 'dynamodb-designer',
      extensionVersion: String(context.extension.packageJSON.version),
      localEndpoint: attached ? async () => attached : signal => this.local.ensureStarted(signal),
    });
    this.disposables.push(
      this.changed,
      this.local.onStatus(status => {
        if (status.state === 'failed') { log.error(`embedded local DynamoDB: ${status.message}\n${status.stderrTail}`); }
        else { log.info(`embedded local DynamoDB: ${status.state}${status.state === 'running' ? ` at ${status.endpoint} (pid ${status.pid})` : ''}`); }
      }),
      onSettingsChanged(['connections', 'regions', 'showAwsProfiles', 'local.enabled'], () => this.reloadConnections()),
      // The workspace's own connections count from now on.
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.reloadConnections()),
    );
    if (attached) { log.info(`embedded local DynamoDB: attached to ${attached} (started by npm start)`); }
    this.watchAwsFiles();
  }

  /** Whether the embedded connection uses a server started outside the extension (npm start). */
  get localAttached(): boolean { return Boolean(process.env[ATTACH_ENV]); }

  /** The embedded server's URL while it runs (or the one npm start gave), for tooltips and the log. */
  get localEndpoint(): string | undefined { return process.env[ATTACH_ENV] || this.local.endpoint; }

  private watchAwsFiles(): void {
    const home = process.env.HOME ?? process.env.USERPROFILE;
    const files = [process.env.AWS_CONFIG_FILE, process.env.AWS_SHARED_CREDENTIALS_FILE].filter((f): f is string => Boolean(f));
    if (home) { files.push(`${home}/.aws/config`, `${home}/.aws/credentials`); }
    for (const file of new Set(files)) {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(file).with({ path: vscode.Uri.file(file).path.replace(/\/[^/]*$/, '') }), file.replace(/^.*[\\/]/, '')));
      watcher.onDidChange(() => this.reloadConnections());
      watcher.onDidCreate(() => this.reloadConnections());
      watcher.onDidDelete(() => this.reloadConnections());
      this.disposables.push(watcher);
    }
  }

  reloadConnections(): void {
    const previous = this.connectionList;
    this.connectionList = undefined;
    void previous?.then(list => list.forEach(c => this.clients.forget(c.id)), () => undefined);
    this.changed.fire();
  }

  connections(): Promise<readonly Connection[]> {
    if (!this.connectionList) {
      const settings = readSettings();
      const connectionSettings: ConnectionSetting[] = settings.connections.map(c => ({
        type: c.type, profile: c.profile, url: c.endpoint, region: c.region, regions: c.regions, label: c.name,
      }));
      const origin = describeConnectionsOrigin(settings.connectionsOrigin);
      this.connectionOrigins = new Map(origin ? connectionSettings.map(c => [connectionId(c), origin]) : []);
      if (!settings.localEnabled) { connectionSettings.push({ type: 'local', enabled: false }); }
      this.connectionList = resolveConnections({
        connections: connectionSettings, regions: settings.regions, discoverProfiles: settings.showAwsProfiles,
      }).then(resolved => {
        for (const problem of resolved.problems) { this.log.warn(`connections: ${problem}`); }
        return resolved.connections;
      });
    }
    return this.connectionList;
  }

  /** Where the settings listed a connection, in words; undefined for one found in the AWS files or built in. */
  connectionOrigin(id: string): string | undefined { return this.connectionOrigins.get(id); }

  async connection(id: string): Promise<Connection> {
    const found = (await this.connections()).find(c => c.id === id);
    if (!found) { throw new Error(`no connection "${id}" (it may have been removed from the settings)`); }
    return found;
  }

  async client(connectionId: string, region: string, signal?: AbortSignal): Promise<DynamoDBClient> {
    return this.clients.client(await this.connection(connectionId), region, signal);
  }

  async listTables(connectionId: string, region: string, startAfter: string | undefined, signal?: AbortSignal): Promise<TablePage> {
    const client = await this.client(connectionId, region, signal);
    return listTables(client, { startAfter, limit: TABLE_PAGE_SIZE, signal });
  }

  async describeTable(connectionId: string, region: string, table: string, signal?: AbortSignal): Promise<LiveTable> {
    return describeTable(await this.client(connectionId, region, signal), table, { signal });
  }

  async seedDemoTables(connectionId: string, region: string, onProgress: (message: string) => void, signal?: AbortSignal): Promise<SeededTable[]> {
    const client = await this.client(connectionId, region, signal);
    return seedDemoTables(client, { signal, onProgress });
  }

  dispose(): void {
    this.disposables.forEach(d => d.dispose());
    this.clients.dispose();
  }

  /** Stops the embedded server and waits for it (deactivate). */
  async shutdown(): Promise<void> {
    this.dispose();
    await this.local.stop();
  }
}
