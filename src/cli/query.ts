/**
 * `dynamodb-designer query "STATEMENT" [--param VALUE ...] [--format json|jsonl] [--limit N]
 * [connection options]`: runs one PartiQL statement (ExecuteStatement) and prints every item of
 * its result, reading page after page (NextToken) to the end or to --limit. Items are DynamoDB
 * JSON (exact: numbers keep their digits, sets and binary their types): `json` one array, `jsonl`
 * one item per line, streamed. INSERT, UPDATE and DELETE need --yes. Exit 0 done, 1 error, 2 usage.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { readStatement } from '../dynamo/partiql';
import { isWrite, parametersFromComments, parseParameter, splitStatements } from '../items/partiql';
import type { JsonAttributeValue } from '../model/items';
import { errorLine, makeClient } from './preview';
import type { TableCommandArgs } from './preview';
import { UsageError } from './validate';
import { HELP_FLAGS, YES_FLAGS, choiceOption, readOptions, timeoutOption } from './options';
import type { CliIo } from './validate';

export const QUERY_HELP = `Usage: dynamodb-designer query "STATEMENT" [options]

Runs one PartiQL statement and prints the items of its result as DynamoDB JSON, reading every
page (NextToken) to the end, or to --limit. A SELECT without an equality on the partition key
reads the whole table. INSERT, UPDATE and DELETE change items: they need --yes.
Options:
  --param VALUE       the value of the next ? of the statement (repeat for each): a number (3),
                      text (USER#1, or "42" to keep digits as a string), true, false, null, or
                      JSON (DynamoDB JSON such as {"SS":["a"]}, or a plain list or map). Without
                      --param, a comment in the statement such as -- params: ["USER#1", 3] gives them
  --format json|jsonl one JSON array (default), or one item per line
  --limit N           stop after N items
  --page-size N       items per request (ExecuteStatement's Limit; default: as many as fit in 1 MB)
  -y, --yes           run an INSERT, UPDATE or DELETE
  --profile P         AWS profile from ~/.aws/config and ~/.aws/credentials
  --region R          region (default: AWS_REGION / AWS_DEFAULT_REGION)
  --endpoint URL      a custom endpoint such as DynamoDB Local (dummy credentials unless the
                      environment has keys)
  --timeout SECONDS   how long to wait for the server to answer a request (default 60)
  -h, --help          show this help
Exit status: 0 done, 1 error, 2 usage error.`;

interface QueryArgs {
  readonly statement?: string;
  readonly params: string[];
  readonly format: 'json' | 'jsonl';
  readonly limit?: number;
  readonly pageSize?: number;
  readonly yes: boolean;
  readonly help: boolean;
  readonly connection: TableCommandArgs;
}

function parseQueryArgs(argv: readonly string[]): QueryArgs {
  const { positional, values, lists, flags } = readOptions(argv, {
    valued: ['--profile', '--region', '--endpoint', '--timeout', '--format', '--limit', '--page-size'],
    repeated: ['--param'],
    emptyAllowed: ['--param'],
    flags: { ...HELP_FLAGS, ...YES_FLAGS },
    // A statement may start with a comment (`-- params: [...]`): an option is one word.
    isOption: a => /^--?[A-Za-z]/.test(a) && !/\s/.test(a),
  }, UsageError);
  const params = lists['--param'] ?? [];
  const yes = flags.has('--yes');
  const help = flags.has('--help');
  const format = choiceOption(values, '--format', ['json', 'jsonl'], 'json', UsageError);
  const limit = values['--limit'] === undefined ? undefined : Number(values['--limit']);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) { throw new UsageError(`--limit must be a whole number greater than 0, not ${JSON.stringify(values['--limit'])}`); }
  const pageSize = values['--page-size'] === undefined ? undefined : Number(values['--page-size']);
  if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize > 0)) { throw new UsageError(`--page-size must be a whole number greater than 0, not ${JSON.stringify(values['--page-size'])}`); }
  const timeout = timeoutOption(values, UsageError);
  if (!help && positional.length !== 1) { throw new UsageError(`query needs exactly one STATEMENT, in quotes (got ${positional.length} arguments)`); }
  return {
    statement: positional[0], params, format, ...(limit !== undefined ? { limit } : {}), ...(pageSize !== undefined ? { pageSize } : {}), yes, help,
    connection: { profile: values['--profile'], region: values['--region'], endpoint: values['--endpoint'], timeout, yes, format: 'text', help },
  };
}

export async function runQuery(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseQueryArgs(argv);
  if (args.help) { io.out(QUERY_HELP); return 0; }
  const statements = splitStatements(args.statement!);
  if (statements.length !== 1) { throw new UsageError(statements.length ? `one statement at a time (got ${statements.length})` : 'the statement is empty'); }
  const statement = statements[0]!;
  let parameters: JsonAttributeValue[];
  try {
    parameters = args.params.length ? args.params.map((p, i) => {
      try { return parseParameter(p); } catch (error) { throw new UsageError(`--param ${i + 1} (${JSON.stringify(p)}): ${(error as Error).message}`); }
    }) : parametersFromComments(statement.comments) ?? [];
  } catch (error) {
    if (error instanceof UsageError) { throw error; }
    throw new UsageError((error as Error).message);
  }
  if (parameters.length !== statement.parameterCount) {
    throw new UsageError(`the statement has ${statement.parameterCount} ? parameter(s) but ${parameters.length} value(s) were given (--param)`);
  }
  if (isWrite(statement.kind) && !args.yes) {
    io.err(`dynamodb-designer query: refusing to run ${statement.kind.toUpperCase()} on ${statement.table?.table ?? 'a table'} without --yes: it changes items.`);
    return 1;
  }
  let client: DynamoDBClient | undefined;
  let count = 0;
  let requests = 0;
  // json: each item is printed when the next one (or the end) says whether a comma follows.
  let held: string | undefined;
  const close = (): void => {
    if (args.format !== 'json') { return; }
    if (held === undefined && count === 0) { io.out('[]'); return; }
    if (held !== undefined) { io.out(`  ${held}`); }
    io.out(']');
  };
  try {
    client = makeClient(args.connection, undefined);
    for await (const items of readStatement(client, { statement: statement.text, parameters }, { ...(args.limit ? { limit: args.limit } : {}), ...(args.pageSize ? { pageSize: args.pageSize } : {}) })) {
      requests++;
      for (const item of items) {
        const line = JSON.stringify(item);
        if (args.format === 'jsonl') {
          io.out(line);
        } else {
          if (count === 0) { io.out('['); } else { io.out(`  ${held!},`); }
          held = line;
        }
        count++;
      }
    }
    close();
    io.err(isWrite(statement.kind) ? `${statement.kind.toUpperCase()} on ${statement.table?.table ?? 'the table'} done.` : `${count} item(s) in ${requests} request(s).`);
    return 0;
  } catch (error) {
    if (count) { close(); }
    io.err(errorLine('query', error, { profile: args.connection.profile, target: args.connection.endpoint }));
    if (count) { io.err(`(${count} item(s) printed before the error)`); }
    return 1;
  } finally {
    client?.destroy();
  }
}

/** For the dispatch table in main.ts. */
export const QUERY_COMMAND = { summary: 'run a PartiQL statement and print every item of its result', help: QUERY_HELP, run: runQuery };
