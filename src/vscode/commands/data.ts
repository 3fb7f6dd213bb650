/**
 * Data commands on a table: Import Items... (a file picked, a dry run shown, a confirmation, then
 * the import with progress and cancel) and Empty Table... (deleteMatching.ts on a Scan of the
 * whole table). Thin: the work is in src/dynamo (importItems.ts, bulkDelete.ts).
 */
import * as vscode from 'vscode';
import { basename } from 'node:path';
import { locationLabel } from '../../dynamo/connections';
import { isAbortError } from '../../dynamo/errors';
import { dryRunImport, importFile, importTableOf, ImportFileError, ImportStoppedError } from '../../dynamo/importItems';
import { formatDryRun } from '../../items/importFormat';
import { targetsOf } from '../../model/items';
import { describeTable } from '../../dynamo/tables';
import type { ExplorerProvider } from '../explorer/provider';
import { UserError } from '../platform/errors';
import type { Services } from '../services';
import { withCancellableProgress } from './config';
import { confirmAndDeleteMatching, type DeleteMatchingOutcome } from './deleteMatching';
import { registerCommand } from './register';
import { resolveTableRef } from './tableRef';

export type ImportOutcome =
  | { readonly done: true; readonly written: number; readonly skipped: number }
  | { readonly done: false; readonly reason: 'cancelled' | 'stopped' | 'nothing'; readonly written?: number };

/** Invalid lines listed in the confirmation (all of them go to the log). */
const SHOWN_INVALID = 8;

export function registerDataCommands(services: Services, explorer: ExplorerProvider): vscode.Disposable[] {
  return [
    registerCommand(services.log, 'dynamodbDesigner.importItems', { doing: 'Importing items', trust: 'import items into' }, async (run, argument?: unknown): Promise<ImportOutcome | undefined> => {
      const ref = await resolveTableRef(services, services.prompts, argument, 'Import Items');
      if (!ref) { return undefined; }
      const table = ref.tableName;
      const where = locationLabel(ref.connection, ref.region);
      run.doing = `Importing items into ${table}`;
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const uri = await services.prompts.openLocation({
        title: `Import items into ${table}`, openLabel: 'Check and Import',
        ...(folder ? { defaultUri: folder } : {}),
        filters: { 'Items (JSON Lines, CSV, gzip)': ['jsonl', 'ndjson', 'json', 'csv', 'gz'], 'All files': ['*'] },
      });
      if (!uri) { return { done: false, reason: 'cancelled' }; }
      if (uri.scheme !== 'file') { throw new UserError('Import reads files on this machine only.'); }
      const file = uri.fsPath;
      const name = basename(file);
      const client = await services.client(ref.connection.id, ref.region);
      let report;
      try {
        report = await withCancellableProgress(`Checking ${name} against ${table} (dry run: nothing is written)`, (progress, signal) =>
          dryRunImport(client, table, file, { signal, onRead: lines => progress.report({ message: `${lines.toLocaleString('en-US')} lines read` }) }));
      } catch (error) {
        if (isAbortError(error)) { return { done: false, reason: 'cancelled' }; }
        if (error instanceof ImportFileError) { throw new UserError(error.message); }
        throw error;
      }
      const full = formatDryRun(report, name, table);
      services.log.info(`import dry run of ${file} into ${table} on ${where}:\n${full}`);
      if (report.items === 0) {
        void vscode.window.showWarningMessage(`${name} has no item to import into ${table}${report.invalidCount ? ` (${report.invalidCount} invalid lines; see the log)` : ''}.`);
        return { done: false, reason: 'nothing' };
      }
      const lines = full.split('\n');
      const shownLines = lines.slice(1, 5 + Math.min(SHOWN_INVALID, report.invalid.length));
      if (report.invalidCount > SHOWN_INVALID) { shownLines.push(`  ... ${report.invalidCount - SHOWN_INVALID} more invalid line(s): see the log (DynamoDB: Show Log)`); }
      const skip = report.invalidCount ? ` and skip ${report.invalidCount.toLocaleString('en-US')} invalid line(s)` : '';
      const confirmed = await services.prompts.confirm(
        `Import ${report.items.toLocaleString('en-US')} items from ${name} into ${table} on ${where}${skip}?`,
        `${shownLines.join('\n')}\n\nItems with the same key as an item in ${table} are replaced. Puts are idempotent by key: an import stopped half-way, run again, ends with exactly the file's items.`,
        'Import',
      );
      if (!confirmed) { return { done: false, reason: 'cancelled' }; }
      let written = 0;
      try {
        const result = await withCancellableProgress(`Importing ${name} into ${table}`, (progress, signal) => {
          let reported = 0;
          return importFile(client, importTableOf(report.table), file, {
            format: report.format, maxErrors: report.invalidCount, signal,
            onProgress: p => {
              written = p.done;
              progress.report({
                message: `${p.done.toLocaleString('en-US')} of ${report.items.toLocaleString('en-US')} items · ${Math.round(p.itemsPerSecond).toLocaleString('en-US')} items/s`,
                increment: Math.min(100, ((p.done - reported) / report.items) * 100),
              });
              reported = p.done;
            },
          });
        });
        services.log.info(`imported ${result.written} items from ${file} into ${table} on ${where} in ${result.elapsedMs} ms`);
        void vscode.window.showInformationMessage(`Imported ${result.written.toLocaleString('en-US')} items into ${table}${result.invalidCount ? ` (${result.invalidCount} invalid line(s) skipped)` : ''}.`);
        return { done: true, written: result.written, skipped: result.invalidCount };
      } catch (error) {
        if (isAbortError(error)) {
          services.log.info(`import of ${file} into ${table}: cancelled after ${written} items`);
          void vscode.window.showWarningMessage(`Import cancelled: ${written.toLocaleString('en-US')} items were written. Run it again to finish: puts are idempotent by key.`);
          return { done: false, reason: 'stopped', written };
        }
        if (error instanceof ImportStoppedError || error instanceof ImportFileError) { throw new UserError(error.message); }
        throw error;
      } finally {
        explorer.refresh();
      }
    }),
    registerCommand(services.log, 'dynamodbDesigner.emptyTable', { doing: 'Emptying table' }, async (run, argument?: unknown): Promise<DeleteMatchingOutcome | undefined> => {
      const ref = await resolveTableRef(services, services.prompts, argument, 'Empty Table');
      if (!ref) { return undefined; }
      run.doing = `Emptying table ${ref.tableName}`;
      const client = await services.client(ref.connection.id, ref.region);
      const live = await withCancellableProgress(`Reading ${ref.tableName}`, (_p, signal) => describeTable(client, ref.tableName, { signal }), true);
      const target = targetsOf(live)[0]!;
      return confirmAndDeleteMatching(services, client, { target, mode: 'scan', pageSize: 1000 }, locationLabel(ref.connection, ref.region), { emptyTable: true });
    }),
  ];
}
