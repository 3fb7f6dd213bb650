/**
 * PartiQL, the query history and saved queries as commands:
 * - Run Statement (Ctrl+Enter / Cmd+Enter in a `.partiql` file, and a CodeLens per statement):
 *   the statement at the cursor, its `?` parameters from a `-- params: [...]` comment or asked
 *   one by one; a SELECT that does not pin the partition key asks first (it scans the whole
 *   table), then its pages show in the table's item browser; INSERT, UPDATE and DELETE ask in a
 *   modal naming the statement and the table, then run. An error is marked on the statement.
 * - Query History: the last runs (item browser Scan/Query, PartiQL) per connection, re-run on pick.
 * - Save Query...: the item browser's query (or the statement at the cursor) to a
 *   `*.dynamodb-query.json` file in the workspace; Open Saved Query runs such a file in the item
 *   browser (also its CodeLens).
 */
import { posix } from 'node:path';
import * as vscode from 'vscode';
import { LOCAL_CONNECTION_ID, locationLabel } from '../../dynamo/connections';
import { itemCountSource } from '../../dynamo/count';
import { executeStatement, PARTIQL_UNSUPPORTED } from '../../dynamo/partiql';
import type { JsonAttributeValue } from '../../model/items';
import { formatBytes } from '../../model/live';
import {
  hasPartitionKeyEquality, isWrite, parametersFromComments, parseParameter, scanWarning, splitStatements, statementAt,
} from '../../items/partiql';
import type { Statement } from '../../items/partiql';
import { formatSavedQuery, parseSavedQuery, queryWords, SAVED_QUERY_SUFFIX } from '../../items/savedQuery';
import type { HistoryEntry } from '../../items/savedQuery';
import type { ItemQuery, PanelTarget } from '../../../webview/protocol';
import { registerCommand, requireTrust } from '../commands/register';
import { pickConnection } from '../commands/tableRef';
import { ItemsPanel } from '../panels/itemsPanel';
import { findPanel, openItemBrowser, openPanels } from '../panels/panels';
import type { PanelServices } from '../panels/services';
import { describeError, isCancellation, UserError } from '../platform/errors';
import { fileExists, mayWrite } from '../platform/files';
import { BACK } from '../platform/prompts';
import { readSettings } from '../platform/settings';
import type { Services } from '../services';
import type { QueryHistory } from './history';
import { PARTIQL_LANGUAGE } from './language';
import type { PartiqlCatalog, PartiqlTargets, StatementTarget } from './language';

export interface PartiqlContext {
  readonly context: vscode.ExtensionContext;
  readonly services: Services;
  readonly panels: PanelServices;
  readonly targets: PartiqlTargets;
  readonly catalog: PartiqlCatalog;
  readonly history: QueryHistory;
  /** Errors of the last run, on the statement that failed. */
  readonly diagnostics: vscode.DiagnosticCollection;
}

function panelTargetOf(target: StatementTarget, tableName: string): PanelTarget {
  return { connectionId: target.connection.id, connectionLabel: target.connection.label, region: target.region, tableName };
}

/** Short statement text for a dialog: one line, at most 300 characters. */
function statementLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

/** The parameters of a statement: from its `-- params:` comment, else asked one by one; undefined when dismissed. */
async function parametersFor(p: PartiqlContext, statement: Statement): Promise<JsonAttributeValue[] | undefined> {
  const fromComment = parametersFromComments(statement.comments);
  if (fromComment) {
    if (fromComment.length !== statement.parameterCount) {
      throw new UserError(`The statement has ${statement.parameterCount} ? parameter(s) but its params comment gives ${fromComment.length} value(s).`);
    }
    return fromComment;
  }
  const values: JsonAttributeValue[] = [];
  for (let i = 0; i < statement.parameterCount; i++) {
    const answer = await p.services.prompts.input({
      title: `PartiQL parameter ${i + 1} of ${statement.parameterCount}`, step: i + 1, totalSteps: statement.parameterCount,
      prompt: 'A number (3), text (USER#1 or "42"), true/false, null, or JSON (DynamoDB JSON like {"SS": ["a"]}, or a list/map)',
      validate: value => { try { parseParameter(value); return undefined; } catch (error) { return (error as Error).message; } },
    });
    if (answer === BACK) { i = Math.max(-1, i - 2); values.splice(Math.max(0, i + 1)); continue; }
    if (answer === undefined) { return undefined; }
    values.push(parseParameter(answer));
  }
  return values;
}

/**
 * Runs a parsed statement against a target: SELECT in the item browser (after the scan warning
 * when it does not pin the partition key), writes after a modal confirmation. False when the
 * person said no.
 */
export async function runStatement(p: PartiqlContext, target: StatementTarget, statement: Statement, parameters: readonly JsonAttributeValue[]): Promise<boolean> {
  if (target.connection.id === LOCAL_CONNECTION_ID) { throw new UserError(PARTIQL_UNSUPPORTED); }
  if (parameters.length !== statement.parameterCount) {
    throw new UserError(`The statement has ${statement.parameterCount} ? parameter(s) but ${parameters.length} value(s) were given.`);
  }
  const table = statement.table;
  const where = locationLabel(target.connection, target.region);
  if (isWrite(statement.kind)) {
    // A write from a file's content (a .partiql file, a saved query) waits for the workspace's trust.
    requireTrust('write to');
    if (!table) { throw new UserError('Cannot tell which table this statement writes to.'); }
    const verb = statement.kind.toUpperCase();
    const ok = await p.services.prompts.confirm(
      `Run this ${verb} on table ${table.table}?`,
      `${statementLine(statement.text)}\n\n${where}. It changes items and cannot be undone.`,
      `Run ${verb}`,
    );
    if (!ok) { return false; }
    const client = await p.services.client(target.connection.id, target.region);
    await executeStatement(client, { statement: statement.text, parameters });
    p.history.record(panelTargetOf(target, table.table), { mode: 'partiql', statement: statement.text, ...(parameters.length ? { parameters: [...parameters] } : {}), filters: [], pageSize: readSettings().pageSize });
    p.services.log.info(`PartiQL ${verb} on ${table.table} (${where}) done`);
    void vscode.window.showInformationMessage(`${verb} on ${table.table} done.`);
    const panel = findPanel('items', panelTargetOf(target, table.table));
    if (panel instanceof ItemsPanel) { void panel.pageChanged(); }
    return true;
  }
  if (statement.kind !== 'select') {
    // Not a statement DynamoDB's PartiQL knows (it has SELECT, INSERT, UPDATE, DELETE): its own
    // answer says what is wrong, in its words, and reaches the statement as a diagnostic.
    const client = await p.services.client(target.connection.id, target.region);
    await executeStatement(client, { statement: statement.text, parameters });
    void vscode.window.showInformationMessage('The statement ran.');
    return true;
  }
  if (!table) { throw new UserError('Cannot tell which table this SELECT reads: name it after FROM.'); }
  const live = await p.services.describeTable(target.connection.id, target.region, table.table);
  const index = table.index ? [...live.globalSecondaryIndexes, ...live.localSecondaryIndexes].find(i => i.name === table.index) : undefined;
  if (table.index && !index) { throw new UserError(`The table ${table.table} has no index named ${table.index}.`); }
  const partitionKey = (index?.keySchema ?? live.keySchema).find(k => k.keyType === 'HASH')?.name;
  if (partitionKey && !hasPartitionKeyEquality(statement, partitionKey)) {
    const counts = itemCountSource(target.connection.id);
    // An index's own figures when reading an index; the table's otherwise.
    const figures = index ?? live;
    const warning = scanWarning({
      table: table.table, ...(table.index ? { index: table.index } : {}), partitionKey, counts,
      ...(counts !== 'not-reported' && figures.itemCount !== undefined ? { itemCount: figures.itemCount } : {}),
      ...(counts !== 'not-reported' && figures.sizeBytes !== undefined ? { sizeText: formatBytes(figures.sizeBytes) } : {}),
    });
    if (!(await p.services.prompts.confirm(warning.message, `${warning.detail}\n\n${statementLine(statement.text)}`, 'Run Anyway'))) { return false; }
  }
  await showInBrowser(p, panelTargetOf(target, table.table), {
    mode: 'partiql', statement: statement.text, ...(parameters.length ? { parameters: [...parameters] } : {}),
    ...(table.index ? { index: table.index } : {}), filters: [], pageSize: readSettings().pageSize,
  });
  return true;
}

/** Opens (or focuses) the table's item browser and reads the query's first page in it. */
async function showInBrowser(p: PartiqlContext, target: PanelTarget, query: ItemQuery): Promise<void> {
  await openItemBrowser(p.context, p.panels, target);
  const panel = findPanel('items', target);
  if (!(panel instanceof ItemsPanel)) { throw new Error('the item browser did not open'); }
  await panel.runQuery(query);
}

/** Re-runs a query (a history entry, a saved query) on a connection and region. */
async function rerun(p: PartiqlContext, target: PanelTarget, query: ItemQuery): Promise<void> {
  if (query.mode !== 'partiql') { await showInBrowser(p, target, query); return; }
  const [statement, ...more] = splitStatements(query.statement ?? '');
  if (!statement || more.length) { throw new UserError('A saved PartiQL query holds exactly one statement.'); }
  const connection = await p.services.connection(target.connectionId);
  await runStatement(p, { connection, region: target.region }, statement, query.parameters ?? []);
}

/** The statement at the cursor (or at `offset`) of a PartiQL document. */
function statementOf(document: vscode.TextDocument, offset: number | undefined): Statement {
  const editor = vscode.window.activeTextEditor;
  const at = offset ?? (editor?.document === document ? document.offsetAt(editor.selection.active) : 0);
  const statements = splitStatements(document.getText());
  const statement = statementAt(statements, at) ?? (statements.length === 1 ? statements[0] : undefined);
  if (!statement) { throw new UserError(statements.length ? 'Put the cursor in the statement to run.' : 'This file has no statement to run.'); }
  return statement;
}

async function partiqlDocument(uri: unknown): Promise<vscode.TextDocument> {
  const document = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!document || document.languageId !== PARTIQL_LANGUAGE) { throw new UserError('Run Statement runs a statement of a PartiQL file (.partiql): open one.'); }
  return document;
}

/** Where to save: the workspace folder (or beside nothing), `<table>.dynamodb-query.json`, never over a file without asking. */
async function saveTo(p: PartiqlContext, table: string, text: string): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const stem = table.replace(/[^A-Za-z0-9_.-]/g, '-');
  let proposed: vscode.Uri | undefined;
  for (let i = 1; folder && i < 100; i++) {
    const candidate = vscode.Uri.joinPath(folder, `${stem}${i === 1 ? '' : `-${i}`}${SAVED_QUERY_SUFFIX}`);
    if (!(await fileExists(candidate))) { proposed = candidate; break; }
  }
  const uri = await p.services.prompts.saveLocation({ title: 'Save Query', ...(proposed ? { defaultUri: proposed } : {}), filters: { 'DynamoDB query': ['json'] } });
  if (!uri) { return undefined; }
  const named = uri.path.endsWith(SAVED_QUERY_SUFFIX) ? uri : uri.with({ path: `${uri.path.replace(/\.json$/, '')}${SAVED_QUERY_SUFFIX}` });
  if (!(await mayWrite(p.services.prompts, named, 'this query'))) { return undefined; }
  await vscode.workspace.fs.writeFile(named, Buffer.from(text, 'utf8'));
  return named;
}

function historyItems(entries: readonly HistoryEntry[]): (vscode.QuickPickItem & { entry?: HistoryEntry })[] {
  const items: (vscode.QuickPickItem & { entry?: HistoryEntry })[] = [];
  let last: string | undefined;
  for (const entry of entries) {
    const group = entry.target.connectionLabel;
    if (group !== last) { items.push({ label: group, kind: vscode.QuickPickItemKind.Separator }); last = group; }
    items.push({
      label: queryWords(entry.query),
      description: `${entry.target.tableName} · ${entry.target.region}`,
      detail: `${entry.query.mode === 'partiql' ? 'PartiQL' : entry.query.mode === 'query' ? 'Query' : 'Scan'} · ${new Date(entry.at).toLocaleString()}`,
      entry,
    });
  }
  return items;
}

export function registerPartiqlCommands(p: PartiqlContext): vscode.Disposable[] {
  const { services } = p;
  const log = services.log;
  return [
    registerCommand(log, 'dynamodbDesigner.runStatement', { doing: 'Run Statement' }, async (run, uri?: unknown, offset?: unknown) => {
      const document = await partiqlDocument(uri);
      const statement = statementOf(document, typeof offset === 'number' ? offset : undefined);
      const range = new vscode.Range(document.positionAt(statement.codeStart), document.positionAt(statement.codeEnd));
      p.diagnostics.delete(document.uri);
      try {
        const target = await p.targets.getOrChoose(document.uri, services.prompts);
        if (!target) { return false; }
        run.doing = `Run Statement on ${locationLabel(target.connection, target.region)}`;
        const parameters = await parametersFor(p, statement);
        if (!parameters) { return false; }
        return await runStatement(p, target, statement, parameters);
      } catch (error) {
        if (!isCancellation(error)) {
          const diagnostic = new vscode.Diagnostic(range, describeError(error), vscode.DiagnosticSeverity.Error);
          diagnostic.source = 'PartiQL';
          p.diagnostics.set(document.uri, [diagnostic]);
        }
        throw error;
      }
    }),
    vscode.workspace.onDidChangeTextDocument(e => { if (e.contentChanges.length && p.diagnostics.has(e.document.uri)) { p.diagnostics.delete(e.document.uri); } }),
    registerCommand(log, 'dynamodbDesigner.choosePartiqlConnection', { doing: 'Choose the connection of a PartiQL file' }, async (_run, uri?: unknown) => {
      const document = await partiqlDocument(uri);
      return p.targets.choose(document.uri, services.prompts);
    }),
    registerCommand(log, 'dynamodbDesigner.queryHistory', { doing: 'Query History' }, async () => {
      const entries = p.history.entries();
      if (entries.length === 0) { void vscode.window.showInformationMessage('The query history is empty: run a Scan, a Query or a PartiQL statement first.'); return undefined; }
      const picked = await services.prompts.pick(historyItems(entries), { title: 'DynamoDB: Query History (newest first; pick one to run it again)', placeHolder: 'Filter by statement, table or connection' });
      if (!picked || picked === BACK || !picked.entry) { return undefined; }
      await rerun(p, { ...picked.entry.target }, picked.entry.query);
      return picked.entry;
    }),
    registerCommand(log, 'dynamodbDesigner.saveQuery', { doing: 'Save Query' }, async () => {
      const editor = vscode.window.activeTextEditor;
      let saved: { table: string; query: ItemQuery } | undefined;
      const panel = [...openPanels.values()].find((x): x is ItemsPanel => x instanceof ItemsPanel && x.panel.active);
      if (panel?.shownQuery) {
        saved = { table: panel.target.tableName, query: panel.shownQuery };
      } else if (editor?.document.languageId === PARTIQL_LANGUAGE) {
        const statement = statementOf(editor.document, undefined);
        if (!statement.table) { throw new UserError('Cannot tell which table this statement is about.'); }
        const parameters = parametersFromComments(statement.comments);
        saved = {
          table: statement.table.table,
          query: { mode: 'partiql', statement: statement.text, ...(parameters?.length ? { parameters } : {}), ...(statement.table.index ? { index: statement.table.index } : {}), filters: [], pageSize: readSettings().pageSize },
        };
      } else {
        const entries = p.history.entries();
        if (!entries.length) { throw new UserError('Save Query saves the query of the item browser in front, the PartiQL statement at the cursor, or one of the query history: there is none.'); }
        const picked = await services.prompts.pick(historyItems(entries), { title: 'Save Query: which query of the history?' });
        if (!picked || picked === BACK || !picked.entry) { return undefined; }
        saved = { table: picked.entry.target.tableName, query: picked.entry.query };
      }
      const uri = await saveTo(p, saved.table, formatSavedQuery(saved));
      if (uri) { void vscode.window.showInformationMessage(`Saved the query as ${posix.basename(uri.path)}.`); }
      return uri;
    }),
    registerCommand(log, 'dynamodbDesigner.openSavedQuery', { doing: 'Open Saved Query' }, async (run, argument?: unknown) => {
      let uri = argument instanceof vscode.Uri ? argument : vscode.window.activeTextEditor?.document.uri;
      if (!uri || !uri.path.endsWith(SAVED_QUERY_SUFFIX)) {
        const files = await vscode.workspace.findFiles(`**/*${SAVED_QUERY_SUFFIX}`, '**/node_modules/**', 200);
        if (!files.length) { throw new UserError(`No saved query (*${SAVED_QUERY_SUFFIX}) in the workspace: save one with Save Query...`); }
        const picked = await services.prompts.pick(files.map(f => ({ label: vscode.workspace.asRelativePath(f), uri: f })), { title: 'Open Saved Query' });
        if (!picked || picked === BACK) { return undefined; }
        uri = picked.uri;
      }
      const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri!.toString());
      const text = open ? open.getText() : Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
      let saved: ReturnType<typeof parseSavedQuery>;
      try { saved = parseSavedQuery(text); } catch (error) { throw new UserError(`${posix.basename(uri.path)}: ${(error as Error).message}`); }
      run.doing = `Open Saved Query ${posix.basename(uri.path)}`;
      const connection = await pickConnection(services.prompts, await services.connections(), { title: `Run ${posix.basename(uri.path)} (${saved.table}) against` });
      if (!connection) { return undefined; }
      let region = connection.regions[0];
      if (connection.regions.length > 1) {
        const picked = await services.prompts.pick(connection.regions.map(r => ({ label: r })), { title: `Region of ${connection.label}` });
        if (!picked || picked === BACK) { return undefined; }
        region = picked.label;
      }
      await rerun(p, { connectionId: connection.id, connectionLabel: connection.label, region, tableName: saved.table }, saved.query);
      return saved;
    }),
    vscode.languages.registerCodeLensProvider({ pattern: `**/*${SAVED_QUERY_SUFFIX}` }, {
      provideCodeLenses: document => {
        let title: string;
        try { title = `$(play) Run in the Item Browser: ${queryWords(parseSavedQuery(document.getText()).query).slice(0, 80)}`; } catch { return []; }
        return [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title, command: 'dynamodbDesigner.openSavedQuery', arguments: [document.uri] })];
      },
    }),
  ];
}
