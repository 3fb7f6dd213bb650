/**
 * `dynamodb-designer export --table NAME`: every item of a table (or an index) as JSON Lines or
 * CSV, the item browser's formats, to stdout or a file; a parallel Scan (--segments), a read
 * capacity cap (--max-rcu, measured from the ConsumedCapacity DynamoDB reports) and a resume
 * point (--resume STATE). Exit 0 done, 1 error, 2 usage error.
 */
import type { LiveKeyElement } from '../model/live';
import { exportTable } from '../dynamo/tableExport';
import type { ExportFormat } from '../dynamo/itemExport';
import { DATA_CONNECTION_HELP, describeNamedTable, intOption, parseDataArgs, positiveOption, runDataCommand } from './dataArgs';
import { CliError } from './preview';
import { choiceOption } from './options';
import type { CliIo } from './validate';

export const EXPORT_HELP = `Usage: dynamodb-designer export --table NAME [options]

Writes every item of the table (or of one of its indexes) as JSON Lines (DynamoDB JSON, one item
per line, lossless) or CSV (the item browser's export formats), to stdout or to a file.
Options:
  --table NAME        the table (required)
  --index I           read this index instead of the table
  --format jsonl|csv  output format (default jsonl)
  --out FILE          write to FILE (written as FILE.partial, renamed when complete);
                      default stdout
  --segments N        parallel Scan with N segments (default 1)
  --max-rcu N         read at most N capacity units per second, measured from the
                      ConsumedCapacity DynamoDB reports for each Scan
  --resume STATE      keep a resume point in the file STATE (needs --out): run the same
                      command again after a stop to continue where it was
${DATA_CONNECTION_HELP}
Exit status: 0 done, 1 error, 2 usage error.`;

export interface ExportIo extends CliIo {
  /** Where the items go without --out (default process.stdout). */
  readonly stdout?: NodeJS.WritableStream;
}

export async function runExport(argv: readonly string[], io: ExportIo): Promise<number> {
  const args = parseDataArgs(argv, ['--index', '--format', '--out', '--segments', '--max-rcu', '--resume'], []);
  if (args.flags.has('--help')) { io.out(EXPORT_HELP); return 0; }
  if (args.positional.length) { throw new CliError(`export takes no FILE (got ${args.positional.join(' ')}); use --out FILE`); }
  const table = args.values['--table'];
  if (!table) { throw new CliError('export needs --table NAME'); }
  const format: ExportFormat = choiceOption(args.values, '--format', ['jsonl', 'csv'], 'jsonl', CliError);
  const segments = intOption(args, '--segments', 1, 1_000_000) ?? 1;
  const maxRcu = positiveOption(args, '--max-rcu');
  const out = args.values['--out'];
  const resume = args.values['--resume'];
  if (resume && !out) { throw new CliError('--resume needs --out FILE'); }
  const index = args.values['--index'];
  return runDataCommand('export', args, io, { cancelled: resume ? `; run the same command again to continue from ${resume}.` : '.' }, async (connect, signal) => {
    const client = connect();
    const live = await describeNamedTable(client, table, args, signal);
    let keyNames = live.keySchema.map(k => k.name);
    if (index) {
      const found = [...live.globalSecondaryIndexes, ...live.localSecondaryIndexes].find(i => i.name === index);
      if (!found) { throw new CliError(`${table} has no index ${JSON.stringify(index)}; it has ${[...live.globalSecondaryIndexes, ...live.localSecondaryIndexes].map(i => i.name).join(', ') || 'none'}`); }
      keyNames = [...keyNames, ...found.keySchema.map((k: LiveKeyElement) => k.name).filter(n => !keyNames.includes(n))];
    }
    const result = await exportTable(client, out ?? (io.stdout ?? process.stdout) as never, {
      table, index, format, keyNames, segments, maxRcu, resume, signal,
    });
    const rate = result.consumedCapacity / Math.max(result.elapsedMs / 1000, 0.001);
    io.err(`Exported ${result.items} item(s) of ${table}${index ? ` (index ${index})` : ''}${out ? ` to ${out}` : ''}${result.resumed ? ' (resumed)' : ''} in ${(result.elapsedMs / 1000).toFixed(1)} s; ${result.consumedCapacity} read unit(s)${result.capacityEstimated ? ' (estimated: the server reports none)' : ''}, ${rate.toFixed(1)} per second.`);
    return 0;
  });
}

/** For the dispatch table in main.ts. */
export const EXPORT_COMMAND = { summary: 'write every item of a table as JSON Lines or CSV (parallel scan, capacity cap, resume)', help: EXPORT_HELP, run: runExport };
