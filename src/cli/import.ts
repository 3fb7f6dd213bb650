/**
 * `dynamodb-designer import FILE --table NAME`: writes a file's items into a table. A dry run
 * always comes first (every line read and checked against the table's keys; invalid lines listed
 * with their numbers and reasons; write units estimated); with --dry-run that is all. Then, after
 * a confirmation (--yes without a terminal), BatchWriteItem with several requests in flight.
 * Exit 0 done, 1 error (too many invalid lines included), 2 usage error.
 */
import { formatDryRun, IMPORT_FORMATS, type ImportFormat } from '../items/importFormat';
import { dryRunImport, importFile, importTableOf, ImportFileError, ImportStoppedError } from '../dynamo/importItems';
import { DATA_CONNECTION_HELP, describeNamedTable, intOption, parseDataArgs, runDataCommand } from './dataArgs';
import { ask, CliError } from './preview';
import type { CliIo } from './validate';

export const IMPORT_HELP = `Usage: dynamodb-designer import FILE --table NAME [options]

Writes the items of FILE into the table NAME with BatchWriteItem (several requests in flight,
unprocessed items retried with backoff). FILE is JSON Lines (DynamoDB JSON as the export writes
it, plain JSON objects, or DynamoDB's S3 export {"Item": {...}} lines; gzip is detected) or CSV
as the export writes it. A dry run comes first: every line is read and checked against the
table's key schema and key types, invalid lines are listed with their line numbers, and the
write units are estimated. Items with the same key as an item in the table replace it.
Puts are idempotent by key: an import stopped half-way (killed, cancelled, too many errors),
run again on the same file, ends with exactly the file's items in the table.
Options:
  --table NAME        the table to write to (required)
  --dry-run           only read and check the file; write nothing
  --max-errors N      invalid lines (and writes DynamoDB refuses) tolerated, reported and
                      skipped; one more stops the import (default 0)
  --input-format F    ${IMPORT_FORMATS.join('|')} (default: detected from the content)
  --concurrency N     BatchWriteItem requests in flight (default 8)
  -y, --yes           do not ask before writing (required when stdin is not a terminal)
${DATA_CONNECTION_HELP}
Exit status: 0 done, 1 error (including more invalid lines than --max-errors), 2 usage error.`;

export async function runImport(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseDataArgs(argv, ['--max-errors', '--input-format', '--concurrency'], ['--dry-run', '--yes', '-y']);
  if (args.flags.has('--help')) { io.out(IMPORT_HELP); return 0; }
  if (args.positional.length !== 1) { throw new CliError(`import needs exactly one FILE (got ${args.positional.length})`); }
  const table = args.values['--table'];
  if (!table) { throw new CliError('import needs --table NAME'); }
  const file = args.positional[0]!;
  const maxErrors = intOption(args, '--max-errors', 0, Number.MAX_SAFE_INTEGER) ?? 0;
  const concurrency = intOption(args, '--concurrency', 1, 64) ?? 8;
  const format = args.values['--input-format'] as ImportFormat | undefined;
  if (format !== undefined && !IMPORT_FORMATS.includes(format)) { throw new CliError(`--input-format must be one of ${IMPORT_FORMATS.join(', ')}, not ${JSON.stringify(format)}`); }
  const yes = args.flags.has('--yes') || args.flags.has('-y');
  const dryRunOnly = args.flags.has('--dry-run');
  const failures = {
    cancelled: '; what was written stays. Run the same import again to finish (puts are idempotent by key).',
    byMessage: (error: unknown) => error instanceof ImportStoppedError || error instanceof ImportFileError,
  };
  return runDataCommand('import', args, io, failures, async (connect, signal) => {
    if (!dryRunOnly && !yes && process.stdin.isTTY !== true) {
      throw new CliError('refusing to write without --yes: stdin is not a terminal, so no one can confirm (use --dry-run to only check the file)');
    }
    const client = connect();
    await describeNamedTable(client, table, args, signal);
    const report = await dryRunImport(client, table, file, { format, signal });
    io.err(formatDryRun(report, file, table));
    if (dryRunOnly) { return report.invalidCount > maxErrors ? 1 : 0; }
    if (report.invalidCount > maxErrors) {
      throw new CliError(`${report.invalidCount} invalid line(s), more than the ${maxErrors} allowed (--max-errors); nothing was written`);
    }
    if (report.items === 0) { io.err('Nothing to write.'); return 0; }
    if (!yes) {
      const answer = await ask(`Write ${report.items} item(s) into ${table}? Items with the same key are replaced. [y/N] `);
      if (!/^y(es)?$/i.test(answer)) { io.err('Not imported.'); return 1; }
    }
    let lastLine = Date.now();
    const result = await importFile(client, importTableOf(report.table), file, {
      format: report.format, maxErrors, concurrency, signal,
      onProgress: p => {
        if (Date.now() - lastLine < 1000) { return; }
        lastLine = Date.now();
        io.err(`written ${p.done} of ${report.items} item(s), ${Math.round(p.itemsPerSecond)} items/s`);
      },
    });
    for (const bad of result.invalid) { io.err(`  skipped line ${bad.line}: ${bad.reason}`); }
    const seconds = result.elapsedMs / 1000;
    io.out(`Imported ${result.written} item(s) into ${table} in ${seconds.toFixed(1)} s (${Math.round(result.written / Math.max(seconds, 0.001))} items/s)${result.invalidCount ? `; ${result.invalidCount} invalid line(s) skipped` : ''}.`);
    return 0;
  });
}

/** For the dispatch table in main.ts. */
export const IMPORT_COMMAND = { summary: 'write the items of a JSON Lines or CSV file into a table (dry run first)', help: IMPORT_HELP, run: runImport };
