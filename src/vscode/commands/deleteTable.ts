/**
 * Delete Table (explorer, palette) and Delete Table(s) in Config: each table is deleted only
 * after the person read what will be lost and typed its name back; deletion protection refuses
 * before anything is asked, saying how to turn it off; the command waits until the table is gone.
 */
import * as vscode from 'vscode';
import { DeletionRefused, deleteTable, deletionProtectionHelp, describeDeletion } from '../../dynamo/deleteTable';
import { DynamoError } from '../../dynamo/errors';
import { findPanel } from '../panels/panels';
import { reportError, UserError } from '../platform/errors';
import type { Services } from '../services';
import { configDocument, requireTrust, withCancellableProgress } from './config';
import type { ConfigCommandContext } from './config';
import { panelTarget, resolveTableRef } from './tableRef';
import type { TableRef } from './tableRef';
import { targetLabel } from './target';

export type DeleteOutcome = 'deleted' | 'absent' | 'cancelled';

/** Shows what will be lost, asks for the typed name, deletes and waits until the table is gone. */
export async function confirmAndDelete(services: Services, ref: TableRef): Promise<DeleteOutcome> {
  const name = ref.tableName;
  const where = `${ref.connection.label} · ${ref.region}`;
  const client = await services.client(ref.connection.id, ref.region);
  let words: string;
  try {
    const details = await describeDeletion(client, name);
    if (details.deletionProtection) { throw new UserError(deletionProtectionHelp(name)); }
    words = details.words;
  } catch (error) {
    if (error instanceof DynamoError && error.kind === 'not-found') {
      void vscode.window.showInformationMessage(`Table ${name} does not exist on ${where}; nothing to delete.`);
      return 'absent';
    }
    throw error;
  }
  const typed = await services.prompts.input({
    title: `Delete table ${name} on ${where}`,
    prompt: `${words} Type the table name to delete it.`,
    placeHolder: name,
    validate: v => (v === name ? undefined : `Type ${name} exactly to delete it`),
  });
  if (typed !== name) { return 'cancelled'; }
  try {
    await withCancellableProgress(`Deleting table ${name} on ${where}`, (progress, signal) => {
      progress.report({ message: 'waiting until it is gone' });
      return deleteTable(client, name, { confirm: typed, signal });
    });
  } catch (error) {
    if (error instanceof DeletionRefused) { throw new UserError(error.message); }
    throw error;
  }
  const target = panelTarget(ref);
  findPanel('details', target)?.dispose();
  findPanel('items', target)?.dispose();
  services.log.info(`deleted table ${name} on ${where}`);
  void vscode.window.showInformationMessage(`Table ${name} deleted from ${where}.`);
  return 'deleted';
}

/** Deletes the tables a config names, one confirmation each; stops at the first one declined. */
export async function deleteConfigTables(context: ConfigCommandContext, argument: unknown): Promise<Record<string, DeleteOutcome> | undefined> {
  requireTrust('delete');
  const config = await configDocument(context.diagnostics, argument, 'delete the tables of');
  if (config.tables.length === 0) { throw new UserError(`${config.fileName} names no table with a valid name.`); }
  const target = await context.targets.resolve(config.document, config.analysis);
  if (!target) { return undefined; }
  const outcomes: Record<string, DeleteOutcome> = {};
  try {
    for (const spec of config.tables) {
      const tableName = spec.name!.value!;
      outcomes[tableName] = await confirmAndDelete(context.services, { connection: target.connection, region: target.region, tableName });
      if (outcomes[tableName] === 'cancelled') {
        context.services.log.info(`delete of ${config.fileName} on ${targetLabel(target)} stopped at ${tableName}: not confirmed`);
        break;
      }
    }
  } finally {
    context.explorer.refreshRegion(target.connection.id, target.region);
  }
  return outcomes;
}

export function registerDelete(context: ConfigCommandContext): vscode.Disposable[] {
  const { services } = context;
  return [
    vscode.commands.registerCommand('dynamodbDesigner.deleteTable', async (argument?: unknown) => {
      let ref: TableRef | undefined;
      try {
        ref = await resolveTableRef(services, services.prompts, argument, 'Delete Table');
        if (!ref) { return undefined; }
        return await confirmAndDelete(services, ref);
      } catch (error) {
        reportError(services.log, `Deleting table ${ref?.tableName ?? ''}`.trim(), error);
        return undefined;
      } finally {
        if (ref) { context.explorer.refreshRegion(ref.connection.id, ref.region); }
      }
    }),
    vscode.commands.registerCommand('dynamodbDesigner.deleteConfigTables', async (argument?: unknown) => {
      try {
        return await deleteConfigTables(context, argument);
      } catch (error) {
        reportError(services.log, 'Delete tables in config', error);
        return undefined;
      }
    }),
  ];
}
