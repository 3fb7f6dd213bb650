/**
 * The `.partiql` language's editor features: which connection and region a PartiQL file runs
 * against (asked once per file, remembered in the workspace state, shown in a CodeLens above the
 * first line), a catalogue of table names and attribute names per connection (cached a minute:
 * the tables, their key schemas and the attributes of a sample of items), completion of both,
 * hover on a table name with its keys, indexes and size, a Run Statement CodeLens per statement,
 * and the diagnostics that show an error at the statement that caused it.
 */
import * as vscode from 'vscode';
import type { Connection } from '../../dynamo/connections';
import { LOCAL_CONNECTION_ID, locationLabel } from '../../dynamo/connections';
import { itemCountSource } from '../../dynamo/count';
import { sampleAttributeNames } from '../../dynamo/partiql';
import { completionContext, quoteName, splitStatements } from '../../items/partiql';
import type { LiveTable } from '../../model/live';
import { formatBytes } from '../../model/live';
import { everyKeyElement } from '../../model/spec';
import { BACK } from '../platform/prompts';
import type { Prompts } from '../platform/prompts';
import type { Services } from '../services';
import { pickConnection } from '../commands/tableRef';

export const PARTIQL_LANGUAGE = 'partiql';
const STATE_KEY = 'dynamodbDesigner.partiqlTargets';

export interface StatementTarget {
  readonly connection: Connection;
  readonly region: string;
}

/** The connection and region of each PartiQL file. */
export class PartiqlTargets implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento, private readonly services: Services) {}

  private all(): Record<string, { connectionId: string; region: string }> {
    return this.state.get<Record<string, { connectionId: string; region: string }>>(STATE_KEY, {});
  }

  /** The remembered target of a file; with one connection only, that one. */
  async get(uri: vscode.Uri): Promise<StatementTarget | undefined> {
    const remembered = this.all()[uri.toString()];
    const connections = await this.services.connections();
    if (remembered) {
      const connection = connections.find(c => c.id === remembered.connectionId);
      if (connection) { return { connection, region: connection.regions.includes(remembered.region) ? remembered.region : connection.regions[0] }; }
    }
    return connections.length === 1 ? { connection: connections[0]!, region: connections[0]!.regions[0] } : undefined;
  }

  /** Asks for the connection (and region, when it has several) of a file; undefined when dismissed. */
  async choose(uri: vscode.Uri, prompts: Prompts): Promise<StatementTarget | undefined> {
    const connections = await this.services.connections();
    const current = this.all()[uri.toString()];
    const title = 'PartiQL: run this file against';
    for (;;) {
      const connection = await pickConnection(prompts, connections, { title, step: 1, totalSteps: 2, ...(current ? { current: current.connectionId } : {}) });
      if (!connection) { return undefined; }
      let region = connection.regions[0];
      if (connection.regions.length > 1) {
        const picked = await prompts.pick(connection.regions.map(r => ({ label: r })), { title: `${title}: region of ${connection.label}`, step: 2, totalSteps: 2 });
        if (picked === BACK) { continue; }
        if (!picked) { return undefined; }
        region = picked.label;
      }
      await this.state.update(STATE_KEY, { ...this.all(), [uri.toString()]: { connectionId: connection.id, region } });
      this.changed.fire();
      return { connection, region };
    }
  }

  /** The file's target, asking when it has none. */
  async getOrChoose(uri: vscode.Uri, prompts: Prompts): Promise<StatementTarget | undefined> {
    return (await this.get(uri)) ?? this.choose(uri, prompts);
  }

  dispose(): void { this.changed.dispose(); }
}

interface TableInfo { readonly table: LiveTable; readonly attributes: readonly string[] }

/** Table names and attribute names per connection and region, each kept a minute. */
export class PartiqlCatalog {
  private readonly cache = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(private readonly services: Services, private readonly ttlMs = 60_000) {}

  private cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) { return hit.value as Promise<T>; }
    const value = load();
    this.cache.set(key, { at: Date.now(), value });
    value.catch(() => this.cache.delete(key));
    return value;
  }

  tables(target: StatementTarget): Promise<readonly string[]> {
    return this.cached(`tables|${target.connection.id}|${target.region}`, async () => (await this.services.listTables(target.connection.id, target.region, undefined)).names);
  }

  /** The table's description and the attribute names of a sample of its items (keys first). */
  table(target: StatementTarget, name: string): Promise<TableInfo> {
    return this.cached(`table|${target.connection.id}|${target.region}|${name}`, async () => {
      const table = await this.services.describeTable(target.connection.id, target.region, name);
      const client = await this.services.client(target.connection.id, target.region);
      const sample = await sampleAttributeNames(client, table).catch(() => [] as string[]);
      const keys = everyKeyElement(table).map(k => k.name);
      return { table, attributes: [...new Set([...keys, ...sample])] };
    });
  }

  clear(): void { this.cache.clear(); }
}

/** A table's keys, indexes and size in Markdown (hover). */
export function tableMarkdown(table: LiveTable, connectionId: string, location: string): vscode.MarkdownString {
  const keyText = (schema: LiveTable['keySchema']) => schema.map(k => `\`${k.name}\` (${table.attributes[k.name] ?? '?'}, ${k.keyType === 'HASH' ? 'partition' : 'sort'} key)`).join(', ');
  const lines = [`**${table.name}** · ${location}`, '', `Keys: ${keyText(table.keySchema)}`];
  for (const i of table.globalSecondaryIndexes) { lines.push('', `GSI \`${i.name}\`: ${keyText(i.keySchema)}, projects ${i.projectionType}`); }
  for (const i of table.localSecondaryIndexes) { lines.push('', `LSI \`${i.name}\`: ${keyText(i.keySchema)}, projects ${i.projectionType}`); }
  const source = itemCountSource(connectionId);
  lines.push('', source === 'not-reported'
    ? 'Item count and size: not reported by the embedded server.'
    : `About ${(table.itemCount ?? 0).toLocaleString('en-US')} items, ${formatBytes(table.sizeBytes ?? 0)}${source === 'aws' ? ' (DynamoDB updates these about every six hours)' : ''}.`);
  const markdown = new vscode.MarkdownString(lines.join('\n'));
  markdown.supportHtml = false;
  return markdown;
}

/** Completion, hover, CodeLenses and the run diagnostics of `.partiql` files. */
export function registerPartiqlLanguage(targets: PartiqlTargets, catalog: PartiqlCatalog, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const selector: vscode.DocumentSelector = { language: PARTIQL_LANGUAGE };
  const lensesChanged = new vscode.EventEmitter<void>();
  const failures = async <T>(what: string, work: () => Promise<T>): Promise<T | undefined> => {
    try { return await work(); } catch (error) { log.warn(`PartiQL ${what}: ${(error as Error).message}`); return undefined; }
  };
  return [
    lensesChanged,
    targets.onDidChange(() => lensesChanged.fire()),
    vscode.languages.registerCompletionItemProvider(selector, {
      provideCompletionItems: (document, position) => failures('completion', async () => {
        const target = await targets.get(document.uri);
        if (!target) { return undefined; }
        const text = document.getText();
        const offset = document.offsetAt(position);
        const context = completionContext(text, offset);
        if (context === 'none') { return undefined; }
        const word = document.getWordRangeAtPosition(position, /"[^"]*"?|[A-Za-z0-9_.$-]+/);
        if (context === 'table') {
          return (await catalog.tables(target)).map(name => {
            const item = new vscode.CompletionItem(name, vscode.CompletionItemKind.Class);
            item.insertText = `"${name.replace(/"/g, '""')}"`;
            item.filterText = `"${name}"`;
            item.detail = `table · ${locationLabel(target.connection, target.region)}`;
            if (word) { item.range = word; }
            return item;
          });
        }
        const statement = splitStatements(text).find(s => offset >= s.start && offset <= s.end + 1);
        const tableName = statement?.table?.table;
        if (!tableName) { return undefined; }
        const info = await catalog.table(target, tableName);
        const keys = new Set([...info.table.keySchema, ...info.table.globalSecondaryIndexes.flatMap(i => i.keySchema)].map(k => k.name));
        return info.attributes.map((name, i) => {
          const item = new vscode.CompletionItem(name, keys.has(name) ? vscode.CompletionItemKind.Field : vscode.CompletionItemKind.Property);
          item.insertText = quoteName(name);
          item.detail = keys.has(name) ? `key attribute of ${tableName} (${info.table.attributes[name] ?? '?'})` : `attribute seen in items of ${tableName}`;
          item.sortText = String(i).padStart(4, '0');
          return item;
        });
      }),
    }, ' ', '"'),
    vscode.languages.registerHoverProvider(selector, {
      provideHover: (document, position) => failures('hover', async () => {
        const offset = document.offsetAt(position);
        const statement = splitStatements(document.getText()).find(s => s.table && offset >= s.table.start && offset <= s.table.end);
        if (!statement?.table) { return undefined; }
        const target = await targets.get(document.uri);
        if (!target) { return new vscode.Hover('Choose the connection of this file (the CodeLens above its first line) to see the table.'); }
        const info = await catalog.table(target, statement.table.table);
        const range = new vscode.Range(document.positionAt(statement.table.start), document.positionAt(statement.table.end));
        return new vscode.Hover(tableMarkdown(info.table, target.connection.id, locationLabel(target.connection, target.region)), range);
      }),
    }),
    vscode.languages.registerCodeLensProvider(selector, {
      onDidChangeCodeLenses: lensesChanged.event,
      provideCodeLenses: async document => {
        const target = await targets.get(document.uri).catch(() => undefined);
        const top = new vscode.Range(0, 0, 0, 0);
        const lenses = [new vscode.CodeLens(top, {
          title: target ? `$(plug) ${locationLabel(target.connection, target.region)}${target.connection.id === LOCAL_CONNECTION_ID ? ' (no PartiQL: choose DynamoDB Local or AWS)' : ''}` : '$(plug) Choose a connection',
          command: 'dynamodbDesigner.choosePartiqlConnection', arguments: [document.uri],
          tooltip: 'The connection and region this file\'s statements run against',
        })];
        for (const statement of splitStatements(document.getText())) {
          const at = document.positionAt(statement.codeStart);
          lenses.push(new vscode.CodeLens(new vscode.Range(at, at), {
            title: '$(play) Run Statement', command: 'dynamodbDesigner.runStatement', arguments: [document.uri, statement.codeStart],
            tooltip: 'Run this statement (Ctrl+Enter / Cmd+Enter with the cursor in it)',
          }));
        }
        return lenses;
      },
    }),
  ];
}
