/**
 * `dynamodb-designer delete FILE [--yes] [connection options]`: deletes the table(s) the config
 * names, after showing what will be lost. Without --yes the table name must be typed back on the
 * terminal; without --yes and without a terminal it refuses. Deletion protection refuses with how
 * to turn it off. Waits until each table is gone. Exit 0 = done, 1 = error.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeletionRefused, deleteTable, describeDeletion } from '../dynamo/deleteTable';
import { DynamoError } from '../dynamo/errors';
import { CONNECTION_OPTIONS_HELP, CliError, ask, errorLine, loadConfig, makeClient, parseTableArgs, refuseAppliedElsewhere, type TableCommandArgs } from './preview';
import type { CliIo } from './validate';

export const DELETE_HELP = `Usage: dynamodb-designer delete FILE [options]

Deletes the table(s) the config names, with all their items, after showing what will be lost.
Without --yes, each table name must be typed back. Tables with deletion protection are refused.
Options:
  -y, --yes           do not ask (required when stdin is not a terminal)
${CONNECTION_OPTIONS_HELP}
Exit status: 0 done, 1 error (including a refusal).`;

interface DeleteResult { readonly table: string; readonly outcome: 'deleted' | 'absent' }

export async function runDelete(argv: readonly string[], io: CliIo): Promise<number> {
  let args: TableCommandArgs | undefined;
  let client: DynamoDBClient | undefined;
  const results: DeleteResult[] = [];
  try {
    args = parseTableArgs(argv, 'delete', { yes: true });
    if (args.help) { io.out(DELETE_HELP); return 0; }
    if (!args.yes && process.stdin.isTTY !== true) {
      throw new CliError('refusing to delete without --yes: stdin is not a terminal, so no one can type the table name back');
    }
    const config = await loadConfig(args, io);
    refuseAppliedElsewhere(args.file!, config, 'delete');
    client = makeClient(args, config.region);
    for (const spec of config.tables) {
      const name = spec.name!.value!;
      let words: string;
      try {
        words = (await describeDeletion(client, name)).words;
      } catch (error) {
        if (error instanceof DynamoError && error.kind === 'not-found') {
          if (args.format === 'text') { io.out(`Table ${name} does not exist; nothing to delete.`); }
          results.push({ table: name, outcome: 'absent' });
          continue;
        }
        throw error;
      }
      if (args.format === 'text') { io.out(words); }
      const confirm = args.yes ? name : await ask(`Type the table name (${name}) to delete it: `);
      await deleteTable(client, name, { confirm });
      if (args.format === 'text') { io.out(`Table ${name} deleted.`); }
      results.push({ table: name, outcome: 'deleted' });
    }
    if (args.format === 'json') { io.out(JSON.stringify({ tables: results }, null, 2)); }
    return 0;
  } catch (error) {
    if (args?.format === 'json') { io.out(JSON.stringify({ tables: results }, null, 2)); }
    const line = error instanceof DeletionRefused ? `dynamodb-designer delete: ${error.message}` : errorLine('delete', error, { profile: args?.profile, target: args?.endpoint });
    io.err(line);
    return 1;
  } finally {
    client?.destroy();
  }
}

/** For the dispatch table in main.ts: `delete: DELETE_COMMAND`. */
export const DELETE_COMMAND = { summary: 'delete the table(s) a config names (typed confirmation)', help: DELETE_HELP, run: runDelete };
