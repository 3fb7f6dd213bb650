/**
 * Items as editor documents: a `dynamodb-item:` file system. Opening an item reads it (strongly
 * consistent) as DynamoDB JSON; saving parses and validates the text and writes it with PutItem
 * conditioned on the item being exactly as it was read, so a concurrent change is never
 * overwritten: the save fails with the explanation and the current item opens beside it.
 * New items (create, duplicate) are written only if no item has their key; after the first
 * successful save the document edits that item.
 *
 * URI: dynamodb-item:/<table>/<key in words>.json?<token>: the tab reads like the key; the token
 * names the address {c, r, t, k, key?, id?} (connection, region, table, key names; key for an
 * existing item; id for a new one), kept in memory and in the workspace state, so editors open
 * before a window reload find their item again, and no JSON shows in VS Code's own messages.
 * (Editors from before tokens carry the address as JSON in the query: still read.)
 */
import * as vscode from 'vscode';
import type { JsonItem } from '../../model/items';
import type { LiveKeyElement } from '../../model/live';
import { getItem, ItemConflictError, putItem } from '../../dynamo/items';
import { keyText } from '../../items/keys';
import type { ItemTable } from '../../dynamo/items';
import { formatDynamoJson, parseDynamoJson } from '../../items/itemJson';
import type { PanelTarget } from '../../../webview/protocol';
import { createHash } from 'node:crypto';
import { toErrorInfo } from './errorInfo';
import { itemFileName, safeFileName, saveFailure } from './itemNames';
import type { PanelServices } from './services';

export const ITEM_SCHEME = 'dynamodb-item';

/** Workspace-state key of the addresses of item editors (by token), and how many are kept. */
const ADDRESSES_KEY = 'dynamodbDesigner.itemEditors';
const MAX_KEPT_ADDRESSES = 200;

/** The address of an editor opened before tokens: the JSON query itself. */
function legacyAddress(query: string): ItemAddress | undefined {
  try { return JSON.parse(query) as ItemAddress; } catch { return undefined; }
}

interface ItemAddress {
  readonly c: string;
  readonly r: string;
  readonly t: string;
  /** Table key names, partition key first. */
  readonly k: readonly string[];
  readonly key?: JsonItem;
  readonly id?: string;
}

interface Entry {
  /** The item as last read or written (undefined: a new item not yet saved). */
  original: JsonItem | undefined;
  text: Uint8Array;
  mtime: number;
  ctime: number;
}

let newCounter = 0;

export interface OpenOptions {
  /** Beside the active editor (the item browser stays in view). */
  readonly beside?: boolean;
}

export class ItemDocuments implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  private readonly entries = new Map<string, Entry>();
  private readonly saved = new vscode.EventEmitter<{ target: PanelTarget; key: JsonItem }>();
  /** Fired after an item is written (item panels of that table reload their page). */
  readonly onDidSave = this.saved.event;

  /** Addresses by token (see the URI above). */
  private readonly addresses = new Map<string, ItemAddress>();

  /** `store` (the workspace state) keeps the addresses of open editors across a window reload. */
  constructor(private readonly services: PanelServices, private readonly store?: vscode.Memento) {}

  /** Opens an existing item for editing. */
  async openExisting(target: PanelTarget, keySchema: readonly LiveKeyElement[], key: JsonItem, options: OpenOptions = {}): Promise<vscode.TextEditor> {
    const uri = this.uriOf({ c: target.connectionId, r: target.region, t: target.tableName, k: keySchema.map(k => k.name), key }, itemFileName(key));
    const document = await vscode.workspace.openTextDocument(uri);
    return this.show(document, options);
  }

  /** Opens a new item (a template or a copy) that saving creates. */
  async openNew(target: PanelTarget, keySchema: readonly LiveKeyElement[], item: JsonItem, label: string, options: OpenOptions = {}): Promise<vscode.TextEditor> {
    const id = `${Date.now().toString(36)}-${++newCounter}`;
    const uri = this.uriOf({ c: target.connectionId, r: target.region, t: target.tableName, k: keySchema.map(k => k.name), id }, safeFileName(label));
    const now = Date.now();
    this.entries.set(uri.toString(), { original: undefined, text: new TextEncoder().encode(formatDynamoJson(item)), mtime: now, ctime: now });
    return this.show(await vscode.workspace.openTextDocument(uri), options);
  }

  private async show(document: vscode.TextDocument, options: OpenOptions): Promise<vscode.TextEditor> {
    const json = document.languageId === 'json' ? document : await vscode.languages.setTextDocumentLanguage(document, 'json');
    return vscode.window.showTextDocument(json, { preview: false, ...(options.beside ? { viewColumn: vscode.ViewColumn.Beside } : {}) });
  }

  /** The URI of an address: the same address gives the same URI (re-opening focuses its editor). */
  private uriOf(address: ItemAddress, name: string): vscode.Uri {
    const token = createHash('sha256').update(JSON.stringify(address)).digest('hex').slice(0, 16);
    this.addresses.set(token, address);
    if (this.store) {
      const kept = { ...this.store.get<Record<string, ItemAddress>>(ADDRESSES_KEY, {}), [token]: address };
      void this.store.update(ADDRESSES_KEY, Object.fromEntries(Object.entries(kept).slice(-MAX_KEPT_ADDRESSES)));
    }
    return vscode.Uri.from({ scheme: ITEM_SCHEME, path: `/${safeFileName(address.t)}/${name}.json`, query: token });
  }

  private address(uri: vscode.Uri): ItemAddress {
    const token = uri.query;
    const found = this.addresses.get(token) ?? this.store?.get<Record<string, ItemAddress>>(ADDRESSES_KEY, {})[token] ?? legacyAddress(token);
    if (found && typeof found.c === 'string' && typeof found.r === 'string' && typeof found.t === 'string' && Array.isArray(found.k)) {
      this.addresses.set(token, found);
      return found;
    }
    throw vscode.FileSystemError.FileNotFound(`${uri.path.split('/').pop() ?? 'this item'}: the item editor no longer knows its table; open the item again from the item browser`);
  }

  private table(a: ItemAddress): ItemTable {
    return { name: a.t, keySchema: a.k.map((name, i) => ({ name, keyType: i === 0 ? 'HASH' as const : 'RANGE' as const })) };
  }

  private targetOf(a: ItemAddress): PanelTarget {
    return { connectionId: a.c, connectionLabel: a.c, region: a.r, tableName: a.t };
  }

  watch(): vscode.Disposable { return new vscode.Disposable(() => undefined); }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    // The table's folder (`/<table>`): VS Code's file service looks at it before it writes a file.
    if (!uri.path.endsWith('.json')) { return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 }; }
    const entry = this.entries.get(uri.toString()) ?? await this.load(uri);
    return { type: vscode.FileType.File, ctime: entry.ctime, mtime: entry.mtime, size: entry.text.byteLength };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const entry = this.entries.get(uri.toString());
    // An existing item is read from the server each time the document is (re)loaded.
    if (entry && (entry.original === undefined)) { return entry.text; }
    return (await this.load(uri)).text;
  }

  private async load(uri: vscode.Uri): Promise<Entry> {
    const a = this.address(uri);
    if (!a.key) {
      const entry = this.entries.get(uri.toString());
      if (entry) { return entry; }
      throw vscode.FileSystemError.FileNotFound(uri);
    }
    const client = await this.services.client(a.c, a.r);
    const item = await getItem(client, a.t, a.key);
    if (!item) { throw vscode.FileSystemError.FileNotFound(`the item ${keyText(a.key)} no longer exists in ${a.t}`); }
    const now = Date.now();
    const entry: Entry = { original: item, text: new TextEncoder().encode(formatDynamoJson(item)), mtime: now, ctime: this.entries.get(uri.toString())?.ctime ?? now };
    this.entries.set(uri.toString(), entry);
    return entry;
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const a = this.address(uri);
    const entry = this.entries.get(uri.toString()) ?? (a.key ? await this.load(uri) : undefined);
    if (!entry) { throw vscode.FileSystemError.FileNotFound(uri); }
    let item: JsonItem;
    try {
      item = parseDynamoJson(new TextDecoder().decode(content));
      const client = await this.services.client(a.c, a.r);
      await putItem(client, this.table(a), item, { expected: entry.original ?? 'absent' });
    } catch (error) {
      // VS Code's own message starts with the document's address; this one leads with what went wrong.
      const info = toErrorInfo(error);
      const text = saveFailure(a.t, a.key, info.message, info.code, error instanceof ItemConflictError);
      this.services.log.warn(`save: ${text}`);
      if (error instanceof ItemConflictError) { void this.explainConflict(error, text); } else { void vscode.window.showErrorMessage(text); }
      throw new Error(text);
    }
    entry.original = item;
    entry.text = content;
    entry.mtime = Date.now();
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
    this.saved.fire({ target: this.targetOf(a), key: Object.fromEntries(a.k.map(n => [n, item[n]!])) });
    void vscode.window.setStatusBarMessage(`Saved the item ${keyText(Object.fromEntries(a.k.map(n => [n, item[n]!])))} to ${a.t}.`, 5000);
  }

  /** Shows why a save was refused, with the current item beside the edit. */
  private async explainConflict(error: ItemConflictError, text: string): Promise<void> {
    const show = error.current ? 'Show Current Item' : undefined;
    const choice = await vscode.window.showErrorMessage(text, ...(show ? [show] : []));
    if (choice && error.current) {
      const document = await vscode.workspace.openTextDocument({ language: 'json', content: formatDynamoJson(error.current) });
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }
  }

  readDirectory(): [string, vscode.FileType][] { return []; }
  createDirectory(uri: vscode.Uri): void { throw vscode.FileSystemError.NoPermissions(uri); }
  delete(uri: vscode.Uri): void { throw vscode.FileSystemError.NoPermissions(uri); }
  rename(uri: vscode.Uri): void { throw vscode.FileSystemError.NoPermissions(uri); }

  dispose(): void {
    this.changed.dispose();
    this.saved.dispose();
    this.entries.clear();
  }
}
