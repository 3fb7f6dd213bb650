/**
 * `dynamodb-designer patterns FILE [--endpoint URL] [--format json]`: runs the design of a config
 * (its entities and access patterns) on scratch copies of its tables, on the embedded local
 * DynamoDB (started for the run, in a temporary folder) or on the given endpoint, and reports
 * per pattern what it returned. Exit 0 when every pattern is served as declared, 1 otherwise
 * (a failure included), 2 for a usage error.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { isSidecarPath, manifestPathsOf, sidecarPathOf } from '../design/read';
import { LocalDynamo } from '../dynamo/local';
import { formatRunReport, runDesign } from '../dynamo/patterns';
import { analyze } from '../language/service';
import type { Analysis } from '../language/service';
import { DESIGN_RULES } from '../language/rules/design';
import { configRegion } from '../model/spec';
import { CliError, errorLine, makeClient } from './preview';
import type { TableCommandArgs } from './preview';
import { UsageError } from './validate';
import { HELP_FLAGS, choiceOption, readOptions, timeoutOption } from './options';
import type { CliIo } from './validate';

export const PATTERNS_HELP = `Usage: dynamodb-designer patterns FILE [options]

Runs the design of a config (its entities and access patterns; for a planton manifest, the
NAME.design.yaml beside it) on scratch copies of its tables: writes generated sample items for
every entity, sends every pattern as its real call (GetItem, Query, Scan, PutItem, ...) and
reports what each returned: items, the entities among them, consumed capacity, whether it
scanned, and whether that is what the key templates promise. The scratch tables (unique names)
are deleted afterwards. Without --endpoint, the embedded local DynamoDB is started for the run.
Options:
  --endpoint URL      a server such as DynamoDB Local (dummy credentials unless the environment has keys)
  --profile P         AWS profile (with --region: runs on AWS, creating and deleting scratch tables)
  --region R          region (default: the file's region, then AWS_REGION / AWS_DEFAULT_REGION)
  --seed N            seed of the sample items (default 42)
  --count ENTITY=N    sample items of an entity (repeatable; default: its sample count, else 10)
  --timeout SECONDS   how long to wait for the server to answer a request (default 60)
  --format text|json  output format (default text)
  -h, --help          show this help
Exit status: 0 every pattern served as declared, 1 otherwise (or on error), 2 usage error.`;

interface PatternsArgs extends TableCommandArgs {
  readonly seed?: number;
  readonly counts: Record<string, number>;
}

export function parsePatternsArgs(args: readonly string[]): PatternsArgs {
  const { positional: files, values, lists, flags } = readOptions(args, {
    valued: ['--endpoint', '--profile', '--region', '--seed', '--timeout', '--format'],
    repeated: ['--count'],
    flags: HELP_FLAGS,
  }, UsageError);
  const counts: Record<string, number> = {};
  for (const value of lists['--count'] ?? []) {
    const m = /^(.+)=(\d+)$/.exec(value);
    if (!m || Number(m[2]) > 1000) { throw new UsageError(`--count takes ENTITY=N with N from 0 to 1000, not ${JSON.stringify(value)}`); }
    counts[m[1]] = Number(m[2]);
  }
  const help = flags.has('--help');
  const format = choiceOption(values, '--format', ['text', 'json'], 'text', UsageError);
  const seed = values['--seed'] === undefined ? undefined : Number(values['--seed']);
  if (seed !== undefined && !Number.isInteger(seed)) { throw new UsageError(`--seed must be an integer, not ${JSON.stringify(values['--seed'])}`); }
  const timeout = timeoutOption(values, UsageError);
  if (!help && files.length !== 1) { throw new UsageError(`patterns needs exactly one FILE (got ${files.length})`); }
  return {
    file: files[0], endpoint: values['--endpoint'], profile: values['--profile'], region: values['--region'], timeout,
    yes: false, help, format, seed, counts,
  };
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new CliError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code ?? (e as Error).message}`);
  }
}

/**
 * The analysis that holds a file's design: the file itself, or (a planton manifest) the sidecar
 * beside it; a sidecar is analysed with its manifest.
 */
export async function loadDesign(file: string): Promise<{ analysis: Analysis; file: string }> {
  if (isSidecarPath(file)) {
    const manifest = manifestPathsOf(file).find(p => existsSync(p));
    const analysis = analyze(await readText(file), { uri: file, advice: false, companion: manifest ? await readText(manifest) : undefined });
    if (!analysis) { throw new CliError(`${file} is not a design sidecar (entities, accessPatterns) beside a manifest`); }
    return { analysis, file };
  }
  const analysis = analyze(await readText(file), { uri: file, advice: false });
  if (!analysis) { throw new CliError(`${file} is not a DynamoDB table config (genesys TOML, planton or component YAML)`); }
  const sidecar = sidecarPathOf(file);
  if ((analysis.design?.patterns.length ?? 0) === 0 && sidecar !== file && existsSync(sidecar)) { return loadDesign(sidecar); }
  return { analysis, file };
}

const DESIGN_CODES = new Set(DESIGN_RULES.map(r => r.id));

/** The embedded server's entry beside this file (dist/cli.js) or in the compiled tree (out/src/cli). */
function embeddedEntry(): string | undefined {
  return [join(__dirname, 'dynaliteMain.js'), join(__dirname, '..', 'dynamo', 'dynaliteMain.js')].find(p => existsSync(p));
}

export async function runPatterns(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parsePatternsArgs(argv);
  if (args.help) { io.out(PATTERNS_HELP); return 0; }
  let client: DynamoDBClient | undefined;
  let local: LocalDynamo | undefined;
  let dataDir: string | undefined;
  try {
    const { analysis, file } = await loadDesign(args.file!);
    const errors = analysis.findings.filter(f => f.severity === 'error' && !DESIGN_CODES.has(f.code));
    if (errors.length > 0) {
      for (const f of errors) { io.err(`${file}:${f.range.start.line + 1}:${f.range.start.character + 1} error ${f.code} ${f.message}`); }
      throw new CliError(`${file} has ${errors.length} error(s) in its tables; fix them first (dynamodb-designer validate ${file})`);
    }
    const design = analysis.design;
    const tables = analysis.designTables ?? analysis.tables;
    if (!design || design.patterns.length === 0) { throw new CliError(`${file} declares no access patterns`); }
    if (args.format === 'text') {
      for (const f of analysis.findings.filter(x => DESIGN_CODES.has(x.code) && x.severity !== 'hint')) {
        io.out(`${file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.code} ${f.message}`);
      }
    }
    let endpoint = args.endpoint;
    if (endpoint === undefined && args.profile === undefined) {
      const entry = embeddedEntry();
      if (!entry) { throw new CliError('the embedded local DynamoDB is not part of this install: pass --endpoint URL (such as DynamoDB Local)'); }
      dataDir = await mkdtemp(join(tmpdir(), 'dynamodb-designer-patterns-'));
      local = new LocalDynamo({ entryScript: entry, dataDir });
      endpoint = await local.start();
    }
    client = makeClient({ ...args, endpoint }, configRegion(tables));
    const report = await runDesign(client, design, tables, {
      seed: args.seed, counts: args.counts,
      progress: args.format === 'text' ? line => io.err(line) : undefined,
    });
    if (args.format === 'json') {
      io.out(JSON.stringify({ file, endpoint: args.endpoint ?? (local ? 'embedded' : undefined), ...report }, null, 2));
    } else {
      for (const line of formatRunReport(report)) { io.out(line); }
    }
    return report.ok ? 0 : 1;
  } catch (error) {
    io.err(errorLine('patterns', error, { profile: args.profile, target: args.endpoint }));
    return 1;
  } finally {
    client?.destroy();
    await local?.stop();
    if (dataDir) { await rm(dataDir, { recursive: true, force: true }); }
  }
}

export const PATTERNS_COMMAND = { summary: 'run the access patterns of a design on scratch tables (exit 1 when one is not served as declared)', help: PATTERNS_HELP, run: runPatterns };
