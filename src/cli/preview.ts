/**
 * `dynamodb-designer preview FILE [--profile P] [--region R] [--endpoint URL] [--table NAME]
 * [--format text|json]`: plans each table of the config against the live tables.
 * Exit 0 = no changes, 2 = changes pending, 1 = error (a config with validation errors included).
 *
 * Also the shared part of preview, apply and delete: their options, loading and validating the
 * config, the client (credentials: --profile -> fromIni; --endpoint -> the environment's keys if
 * any, else dummy local ones; otherwise the SDK's default chain), and one-line errors.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { fromEnv, fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { planSpecs } from '../dynamo/apply';
import { LOCAL_SERVER_CREDENTIALS, explainedProvider, withoutSdkLogger } from '../dynamo/clients';
import { describeAwsError } from '../dynamo/errors';
import { DEFAULT_CONNECTION_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, timeoutConfig } from '../dynamo/timeouts';
import { appliedByOtherTool, otherToolRefusal } from '../language/dialects/registry';
import { analyze } from '../language/service';
import type { Analysis } from '../language/service';
import { comparableOf, formatComparison } from '../plan/compare';
import { formatPlan } from '../plan/words';
import { configRegion, type TableSpec } from '../model/spec';
import type { CliIo } from './validate';
import { HELP_FLAGS, YES_FLAGS, choiceOption, readOptions, timeoutOption } from './options';
import { isTerraformPath, loadHcl } from '../language/hcl/parser';

export const CONNECTION_OPTIONS_HELP = `  --profile P         AWS profile from ~/.aws/config and ~/.aws/credentials
  --region R          region (default: the file's region, then AWS_REGION / AWS_DEFAULT_REGION)
  --endpoint URL      a custom endpoint such as DynamoDB Local (dummy credentials unless the
                      environment has keys)
  --table NAME        only this table of the file
  --timeout SECONDS   how long to wait for the server to answer a request (default 60)
  --format text|json  output format (default text)
  -h, --help          show this help`;

export const PREVIEW_HELP = `Usage: dynamodb-designer preview FILE [options]

Shows what applying the config would change on each live table it names: the ordered steps and
every change as field: old -> new. Nothing is changed.
Options:
${CONNECTION_OPTIONS_HELP}
Exit status: 0 no changes, 2 changes pending, 1 error (including a config with errors).`;

export interface TableCommandArgs {
  readonly file?: string;
  readonly profile?: string;
  readonly region?: string;
  readonly endpoint?: string;
  readonly table?: string;
  /** Seconds to wait for an answer to one request (--timeout). */
  readonly timeout?: number;
  readonly yes: boolean;
  readonly format: 'text' | 'json';
  readonly help: boolean;
  /** apply only: allow a replacement of this table without a terminal. */
  readonly confirmReplace?: string;
}

/** A problem the user can fix, printed as one line. */
export class CliError extends Error {}

/** Parses the shared options; `allow` turns on the options only some commands take. */
export function parseTableArgs(args: readonly string[], command: string, allow: { yes?: boolean; confirmReplace?: boolean } = {}): TableCommandArgs {
  const { positional: files, values, flags } = readOptions(args, {
    valued: ['--profile', '--region', '--endpoint', '--table', '--format', '--timeout', ...(allow.confirmReplace ? ['--confirm-replace'] : [])],
    flags: { ...HELP_FLAGS, ...(allow.yes ? YES_FLAGS : {}) },
  }, CliError);
  const help = flags.has('--help');
  const format = choiceOption(values, '--format', ['text', 'json'], 'text', CliError);
  const timeout = timeoutOption(values, CliError);
  if (!help && files.length !== 1) { throw new CliError(`${command} needs exactly one FILE (got ${files.length})`); }
  return {
    file: files[0], profile: values['--profile'], region: values['--region'], endpoint: values['--endpoint'], table: values['--table'],
    timeout, yes: flags.has('--yes'), format, help, confirmReplace: values['--confirm-replace'],
  };
}

export interface LoadedConfig {
  readonly tables: readonly TableSpec[];
  /** The region the file names (genesys), if any. */
  readonly region?: string;
  readonly analysis: Analysis;
}

/** Refuses to change the tables of a file another tool applies: its state would drift. */
export function refuseAppliedElsewhere(file: string, config: LoadedConfig, what: 'apply' | 'delete'): void {
  const tool = appliedByOtherTool(config.tables);
  if (tool) { throw new CliError(otherToolRefusal(file, tool, what)); }
}

/** Reads, analyzes and validates the config; errors (severity error) refuse with their lines. */
export async function loadConfig(args: TableCommandArgs, io: CliIo): Promise<LoadedConfig> {
  const file = args.file!;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new CliError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code ?? (e as Error).message}`);
  }
  // Terraform needs the HCL parser's wasm, loaded once.
  if (isTerraformPath(file)) { await loadHcl(); }
  const analysis = analyze(text, { uri: file, advice: false });
  if (!analysis) { throw new CliError(`${file} is not a DynamoDB table config (genesys TOML, planton or component YAML)`); }
  const errors = analysis.findings.filter(f => f.severity === 'error');
  if (errors.length > 0) {
    for (const f of errors) { io.err(`${file}:${f.range.start.line + 1}:${f.range.start.character + 1} error ${f.code} ${f.message}`); }
    throw new CliError(`${file} has ${errors.length} error(s); fix them first (dynamodb-designer validate ${file})`);
  }
  let tables = analysis.tables;
  if (args.table !== undefined) {
    tables = tables.filter(t => t.name?.value === args.table);
    if (tables.length === 0) {
      throw new CliError(`${file} has no table ${JSON.stringify(args.table)}; it has ${analysis.tables.map(t => t.name?.value ?? '?').join(', ') || 'none'}`);
    }
  }
  if (tables.length === 0) { throw new CliError(`${file} names no table`); }
  return { tables, region: configRegion(tables), analysis };
}

/** The client for the options; the region comes from --region, the file, then the environment. */
export function makeClient(args: TableCommandArgs, fileRegion: string | undefined, env: NodeJS.ProcessEnv = process.env): DynamoDBClient {
  const region = args.region ?? fileRegion ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? (args.endpoint ? 'us-east-1' : undefined);
  if (!region) { throw new CliError('no region: pass --region, set region in the file, or set AWS_REGION'); }
  if (args.endpoint !== undefined && !/^https?:\/\/[^\s/]+/.test(args.endpoint)) {
    throw new CliError(`--endpoint must be an http(s) URL, not ${JSON.stringify(args.endpoint)}`);
  }
  const credentials = args.profile !== undefined ? explainedProvider(fromIni({ profile: args.profile }), args.profile)
    : args.endpoint !== undefined ? (env.AWS_ACCESS_KEY_ID ? explainedProvider(fromEnv(), undefined) : async () => LOCAL_SERVER_CREDENTIALS)
      : explainedProvider(fromNodeProviderChain(), undefined);
  const requestTimeoutMs = args.timeout !== undefined ? Math.round(args.timeout * 1000) : DEFAULT_REQUEST_TIMEOUT_MS;
  return withoutSdkLogger(new DynamoDBClient({
    region, endpoint: args.endpoint, credentials,
    ...timeoutConfig({ requestTimeoutMs, connectionTimeoutMs: Math.min(DEFAULT_CONNECTION_TIMEOUT_MS, requestTimeoutMs), maxAttempts: 5 }),
  }));
}

/** One line for any error (no stack trace; main.ts redacts every line printed). */
export function errorLine(command: string, error: unknown, context: { profile?: string; target?: string } = {}): string {
  let message: string;
  if (error instanceof CliError) {
    message = error.message;
  } else {
    const described = describeAwsError(error, context);
    message = described.message + (described.code === 'TimeoutError' ? ' Pass --timeout SECONDS to wait longer.' : '');
  }
  return `dynamodb-designer ${command}: ${message.replace(/\s*[\r\n]+\s*/g, ' ').trim()}`;
}

/** Asks a question on the terminal; the answer trimmed. */
export async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

/**
 * The preview of a file another tool applies (CloudFormation, Terraform): its comparison with the
 * live tables, as the editor's Preview and Compare with Live Table show it. A table whose name the
 * file leaves to that tool (`TableName: !Sub ...`, `name = var.x`) is not compared, and a line
 * says why; the others are.
 */
async function previewComparison(client: DynamoDBClient, args: TableCommandArgs, config: LoadedConfig, tool: string, io: CliIo): Promise<number> {
  const compared = comparableOf(config.analysis, config.tables);
  const plans = await planSpecs(client, compared.tables);
  const changes = plans.some(p => p.kind !== 'none');
  if (args.format === 'json') {
    io.out(JSON.stringify({ changes, appliedBy: tool, tables: plans, notCompared: compared.notCompared }, null, 2));
  } else {
    const where = args.endpoint ?? `${args.profile ?? 'AWS'} (${await client.config.region()})`;
    io.out(formatComparison({ fileName: basename(args.file!), where, appliedBy: tool, plans, compared }).trimEnd());
  }
  return changes ? 2 : 0;
}

export async function runPreview(argv: readonly string[], io: CliIo): Promise<number> {
  let args: TableCommandArgs | undefined;
  let client: DynamoDBClient | undefined;
  try {
    args = parseTableArgs(argv, 'preview');
    if (args.help) { io.out(PREVIEW_HELP); return 0; }
    const config = await loadConfig(args, io);
    client = makeClient(args, config.region);
    const tool = appliedByOtherTool(config.tables);
    if (tool) { return await previewComparison(client, args, config, tool, io); }
    const plans = await planSpecs(client, config.tables);
    if (args.format === 'json') {
      io.out(JSON.stringify({ changes: plans.some(p => p.kind !== 'none'), tables: plans }, null, 2));
    } else {
      for (const p of plans) { io.out(formatPlan(p)); }
    }
    return plans.some(p => p.kind !== 'none') ? 2 : 0;
  } catch (error) {
    io.err(errorLine('preview', error, { profile: args?.profile, target: args?.endpoint }));
    return 1;
  } finally {
    client?.destroy();
  }
}

/** For the dispatch table in main.ts: `preview: PREVIEW_COMMAND`. */
export const PREVIEW_COMMAND = { summary: 'show what applying a config would change (exit 2 when changes are pending)', help: PREVIEW_HELP, run: runPreview };
