/**
 * Delete Table (explorer, palette) and Delete Table(s) in Config: what every table would lose is
 * shown first, in one confirmation for all of them (with what this server does not protect), then
 * each name is typed back; nothing is deleted until every answer is in, so a cancel at any
 * question leaves every table as it was. Deletion protection refuses before anything is asked,
 * saying how to turn it off; the command waits until the tables are gone.
 */
import * as vscode from 'vscode';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeletionRefused, deleteTable, deletionProtectionHelp, describeDeletion } from '../../dynamo/deleteTable';
import type { DeletionDetails } from '../../dynamo/deleteTable';
import type { Connection } from '../../dynamo/connections';
import { locationLabel } from '../../dynamo/connections';
import { DynamoError } from '../../dynamo/errors';
import { limitationOf } from '../../plan/steps';
import { findPanel } from '../panels/panels';
import { UserError } from '../platform/errors';
import type { Services } from '../services';
import { configDocument, refuseAppliedElsewhere, withCancellableProgress } from './config';
import { registerCommand } from './register';
import type { ConfigCommandContext } from './config';
import { panelTarget, resolveTableRef } from './tableRef';
import type { TableRef } from './tableRef';

export type DeleteOutcome = 'deleted' | 'absent' | 'cancelled';

/** A line per server that does not honour deletion protection (the embedded one). */
function protectionNote(connection: Connection, protectedByConfig: readonly string[]): string | undefined {
  if (connection.kind !== 'local' || !limitationOf('dynalite', 'deletion-protection')) { return undefined; }
  const asked = protectedByConfig.length
    ? ` ${protectedByConfig.join(', ')} ${protectedByConfig.length === 1 ? 'has' : 'have'} deletion protection on in the config, but that does not stop this delete.`
    : '';
  return `This server does not protect tables: the embedded server ignores deletion protection and never refuses a delete.${asked}`;
}

/** What the confirmation says: every table and what it loses, then what the server does not protect. */
export function deletionDetail(found: readonly DeletionDetails[], absent: readonly string[], note: string | undefined): string {
  const lines = found.map(d => `• ${d.table}: ${d.lost.join(', ')}.`);
  if (absent.length) { lines.push(`• ${absent.join(', ')}: ${absent.length === 1 ? 'does' : 'do'} not exist, nothing to delete.`); }
  lines.push('', 'This cannot be undone.');
  if (note) { lines.push(note); }
  lines.push(found.length === 1 ? 'You will then type the table name.' : 'You will then type each table name.');
  return lines.join('\n');
}

/**
 * Shows what every table would lose in one confirmation, asks for each name typed back, then
 * deletes them in order and waits until each is gone. Cancelled before any delete unless every
 * answer was given.
 */
export async function confirmAndDeleteAll(
  services: Services, connection: Connection, region: string, names: readonly string[],
  options: { protectedByConfig?: readonly string[] } = {},
): Promise<Record<string, DeleteOutcome>> {
  const where = locationLabel(connection, region);
  const client = await services.client(connection.id, region);
  const outcomes: Record<string, DeleteOutcome> = {};
  const found = await withCancellableProgress(`Reading what deleting ${names.join(', ')} would lose`, async (_progress, signal) => {
    const out: DeletionDetails[] = [];
    for (const name of names) {
      try {
        out.push(await describeDeletion(client, name, { signal }));
      } catch (error) {
        if (error instanceof DynamoError && error.kind === 'not-found') { outcomes[name] = 'absent'; continue; }
        throw error;
      }
    }
    return out;
  }, true);
  const absent = names.filter(n => outcomes[n] === 'absent');
  if (found.length === 0) {
    void vscode.window.showInformationMessage(`${names.length === 1 ? `Table ${names[0]} does` : `Tables ${names.join(', ')} do`} not exist on ${where}; nothing to delete.`);
    return outcomes;
  }
  const refused = found.filter(d => d.deletionProtection);
  if (refused.length) {
    const others = found.length > refused.length ? ' Nothing was deleted.' : '';
    throw new UserError(refused.map(d => deletionProtectionHelp(d.table)).join(' ') + others);
  }

  const cancel = (): Record<string, DeleteOutcome> => {
    for (const d of found) { outcomes[d.table] = 'cancelled'; }
    services.log.info(`delete of ${found.map(d => d.table).join(', ')} on ${where}: not confirmed, nothing deleted`);
    return outcomes;
  };
  const what = found.length === 1 ? `table ${found[0].table}` : `${found.length} tables (${found.map(d => d.table).join(', ')})`;
  const confirmed = await services.prompts.confirm(`Delete ${what} on ${where}?`,
    deletionDetail(found, absent, protectionNote(connection, (options.protectedByConfig ?? []).filter(n => found.some(d => d.table === n)))), 'Delete…');
  if (!confirmed) { return cancel(); }
  const typedNames: string[] = [];
  for (const [i, d] of found.entries()) {
    const typed = await services.prompts.input({
      title: `Delete table ${d.table} on ${where}`,
      ...(found.length > 1 ? { step: i + 1, totalSteps: found.length } : {}),
      prompt: `Type ${d.table} to delete it. It holds ${d.lost[0]}.`,
      placeHolder: d.table,
      validate: v => (v === d.table ? undefined : `Type ${d.table} exactly to delete it`),
    });
    if (typed !== d.table) { return cancel(); }
    typedNames.push(typed);
  }

  for (const [i, d] of found.entries()) {
    await deleteOne(services, client, { connection, region, tableName: d.table }, typedNames[i], where);
    outcomes[d.table] = 'deleted';
  }
  void vscode.window.showInformationMessage(`${found.length === 1 ? `Table ${found[0].table}` : `Tables ${found.map(d => d.table).join(', ')}`} deleted from ${where}.`);
  return outcomes;
}

async function deleteOne(services: Services, client: DynamoDBClient, ref: TableRef, typed: string, where: string): Promise<void> {
  const name = ref.tableName;
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
}

/** One table: the same confirmation, then its name typed back. */
export async function confirmAndDelete(services: Services, ref: TableRef): Promise<DeleteOutcome> {
  return (await confirmAndDeleteAll(services, ref.connection, ref.region, [ref.tableName]))[ref.tableName];
}

/** Deletes the tables a config names: one confirmation listing them all, then each name typed. */
export async function deleteConfigTables(context: ConfigCommandContext, argument: unknown): Promise<Record<string, DeleteOutcome> | undefined> {
  const config = await configDocument(context.diagnostics, argument, 'delete');
  refuseAppliedElsewhere(config, 'delete');
  if (config.tables.length === 0) { throw new UserError(`${config.fileName} names no table with a valid name.`); }
  const target = await context.targets.resolve(config.document, config.analysis);
  if (!target) { return undefined; }
  const names = [...new Set(config.tables.map(spec => spec.name!.value!))];
  const protectedByConfig = config.tables.filter(spec => spec.deletionProtection?.value === true).map(spec => spec.name!.value!);
  try {
    return await confirmAndDeleteAll(context.services, target.connection, target.region, names, { protectedByConfig });
  } finally {
    context.explorer.refreshRegion(target.connection.id, target.region);
  }
}

export function registerDelete(context: ConfigCommandContext): vscode.Disposable[] {
  const { services } = context;
  return [
    registerCommand(services.log, 'dynamodbDesigner.deleteTable', { doing: 'Deleting table' }, async (run, argument?: unknown) => {
      const ref = await resolveTableRef(services, services.prompts, argument, 'Delete Table');
      if (!ref) { return undefined; }
      run.doing = `Deleting table ${ref.tableName}`;
      try {
        return await confirmAndDelete(services, ref);
      } finally {
        context.explorer.refreshRegion(ref.connection.id, ref.region);
      }
    }),
    registerCommand(services.log, 'dynamodbDesigner.deleteConfigTables', { doing: 'Delete tables in config', trust: 'delete' },
      (_run, argument?: unknown) => deleteConfigTables(context, argument)),
  ];
}
