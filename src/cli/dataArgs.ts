/**
 * Options of the data commands (import, export): the connection options of the other
 * subcommands (--profile, --region, --endpoint, --timeout) plus each command's own.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LiveTable } from '../model/live';
import { describeAwsError } from '../dynamo/errors';
import { describeTable } from '../dynamo/tables';
import { CliError, type TableCommandArgs } from './preview';

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
  const allValued = new Set(['--profile', '--region', '--endpoint', '--timeout', '--table', ...valued]);
  const allFlags = new Set(['-h', '--help', ...flags]);
  const positional: string[] = [];
  const values: Record<string, string> = {};
  const seen = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') { positional.push(...args.slice(i + 1)); break; }
    if (allFlags.has(a)) { seen.add(a === '-h' ? '--help' : a); continue; }
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (allValued.has(name)) {
      const value = name === a ? args[++i] : a.slice(eq + 1);
      if (value === undefined || value === '') { throw new CliError(`${name} needs a value`); }
      values[name] = value;
      continue;
    }
    if (a.startsWith('-') && a !== '-') { throw new CliError(`unknown option ${a}`); }
    positional.push(a);
  }
  const timeoutText = values['--timeout'];
  const timeout = timeoutText === undefined ? undefined : Number(timeoutText);
  if (timeout !== undefined && !(Number.isFinite(timeout) && timeout > 0)) {
    throw new CliError(`--timeout must be a number of seconds greater than 0, not ${JSON.stringify(timeoutText)}`);
  }
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
