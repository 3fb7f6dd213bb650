/**
 * Options of the data commands (import, export): the connection options of the other
 * subcommands (--profile, --region, --endpoint, --timeout) plus each command's own.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LiveTable } from '../model/live';
import { describeAwsError, isAbortError } from '../dynamo/errors';
import { describeTable } from '../dynamo/tables';
import { CliError, errorLine, makeClient, type TableCommandArgs } from './preview';
import type { CliIo } from './validate';
import { HELP_FLAGS, readOptions, timeoutOption } from './options';

/** The table's description; a table that does not exist is named, with where it was looked for. */
export async function describeNamedTable(client: DynamoDBClient, table: string, args: DataArgs, signal?: AbortSignal): Promise<LiveTable> {
  try {
    return await describeTable(client, table, { signal });
  } catch (error) {
    if (describeAwsError(error).kind === 'not-found') {
      const region = await client.config.region();
      throw new CliError(`there is no table ${table} at ${args.connection.endpoint ?? 'AWS'} (region ${region})`);
    }
    throw error;
  }
}

export const DATA_CONNECTION_HELP = `  --profile P         AWS profile from ~/.aws/config and ~/.aws/credentials
  --region R          region (default AWS_REGION / AWS_DEFAULT_REGION)
  --endpoint URL      a custom endpoint such as DynamoDB Local (dummy credentials unless the
                      environment has keys)
  --timeout SECONDS   how long to wait for the server to answer a request (default 60)
  -h, --help          show this help`;

export interface DataArgs {
  readonly positional: readonly string[];
  readonly values: Readonly<Record<string, string>>;
  readonly flags: ReadonlySet<string>;
  /** For makeClient. */
  readonly connection: TableCommandArgs;
}

/** Parses `args`: `valued` options take a value (`--x V` or `--x=V`), `flags` none. */
export function parseDataArgs(args: readonly string[], valued: readonly string[], flags: readonly string[]): DataArgs {
  const { positional, values, flags: seen } = readOptions(args, {
    valued: ['--profile', '--region', '--endpoint', '--timeout', '--table', ...valued],
    flags: { ...HELP_FLAGS, ...Object.fromEntries(flags.map(f => [f, f])) },
  }, CliError);
  const timeout = timeoutOption(values, CliError);
  return {
    positional, values, flags: seen,
    connection: {
      profile: values['--profile'], region: values['--region'], endpoint: values['--endpoint'], table: values['--table'],
      timeout, yes: seen.has('--yes'), format: 'text', help: seen.has('--help'),
    },
  };
}

/** A whole number option within [min, max], or undefined when absent. */
export function intOption(args: DataArgs, name: string, min: number, max: number): number | undefined {
  const text = args.values[name];
  if (text === undefined) { return undefined; }
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) { throw new CliError(`${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(text)}`); }
  return value;
}

/** A number option greater than 0, or undefined when absent. */
export function positiveOption(args: DataArgs, name: string): number | undefined {
  const text = args.values[name];
  if (text === undefined) { return undefined; }
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) { throw new CliError(`${name} must be a number greater than 0, not ${JSON.stringify(text)}`); }
  return value;
}

/** How a data command's failures read: after `cancelled` on Ctrl-C, and which errors are printed by their message alone. */
export interface DataFailures {
  readonly cancelled: string;
  readonly byMessage?: (error: unknown) => boolean;
}

/**
 * Runs a data command's work with Ctrl-C as its cancellation: `work` gets `connect` (makes the
 * client, once, when the work is ready to talk to the server) and the signal. A cancel, an error
 * `byMessage` knows and any other error are each one line and exit 1; the client is destroyed
 * and the Ctrl-C handler removed either way.
 */
export async function runDataCommand(
  command: string, args: DataArgs, io: CliIo, failures: DataFailures, work: (connect: () => DynamoDBClient, signal: AbortSignal) => Promise<number>,
): Promise<number> {
  let client: DynamoDBClient | undefined;
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.once('SIGINT', onSignal);
  try {
    return await work(() => (client ??= makeClient(args.connection, undefined)), controller.signal);
  } catch (error) {
    if (isAbortError(error) || controller.signal.aborted) {
      io.err(`dynamodb-designer ${command}: cancelled${failures.cancelled}`);
      return 1;
    }
    if (failures.byMessage?.(error)) {
      io.err(`dynamodb-designer ${command}: ${(error as Error).message}`);
      return 1;
    }
    io.err(errorLine(command, error, { profile: args.connection.profile, target: args.connection.endpoint }));
    return 1;
  } finally {
    process.removeListener('SIGINT', onSignal);
    client?.destroy();
  }
}
