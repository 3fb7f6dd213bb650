/**
 * The `dynamodb-designer` command line: a table of subcommands on the same core as the
 * extension. Usage errors and failures print one clear line (never a stack trace) and exit 2.
 * Every line printed, text or JSON, goes through `redact` first: no secret key, session token
 * or signed header value reaches the terminal, whatever a server or a credential process said.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { redact } from '../dynamo/errors';
import { APPLY_COMMAND } from './apply';
import { DELETE_COMMAND } from './delete';
import { PATTERNS_COMMAND } from './patterns';
import { EXPORT_COMMAND } from './export';
import { IMPORT_COMMAND } from './import';
import { PREVIEW_COMMAND } from './preview';
import { QUERY_COMMAND } from './query';
import { UsageError, VALIDATE_HELP, runValidate } from './validate';
import type { CliIo } from './validate';

export interface Subcommand {
  readonly summary: string;
  readonly help: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** Subcommands by name. */
export const SUBCOMMANDS: Readonly<Record<string, Subcommand>> = {
  validate: { summary: 'check table configs against their schema and rules', help: VALIDATE_HELP, run: runValidate },
  preview: PREVIEW_COMMAND,
  apply: APPLY_COMMAND,
  delete: DELETE_COMMAND,
  patterns: PATTERNS_COMMAND,
  query: QUERY_COMMAND,
  import: IMPORT_COMMAND,
  export: EXPORT_COMMAND,
};

/**
 * The version of the installed package: its package.json, the first one named dynamodb-designer
 * above this file (dist/cli.js in the npm package, out/src/cli/main.js in the repository).
 */
export function cliVersion(from: string = __dirname): string | undefined {
  for (let dir = from, i = 0; i < 5; i++, dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (manifest.name === 'dynamodb-designer' && typeof manifest.version === 'string') { return manifest.version; }
    } catch {
      // No package.json here (or not JSON): look higher.
    }
  }
  return undefined;
}

function usage(): string {
  const width = Math.max(...Object.keys(SUBCOMMANDS).map(n => n.length));
  const lines = Object.entries(SUBCOMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `Usage: dynamodb-designer <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun 'dynamodb-designer <command> --help' for a command's options, 'dynamodb-designer --version' for the version.`;
}

export async function main(argv: readonly string[], rawIo: CliIo): Promise<number> {
  const io: CliIo = { out: line => rawIo.out(redact(line)), err: line => rawIo.err(redact(line)) };
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    io.out(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '-v' || name === '--version' || name === 'version') {
    const version = cliVersion();
    if (version === undefined) { io.err('dynamodb-designer: cannot find its package.json to read the version'); return 2; }
    io.out(version);
    return 0;
  }
  const command = Object.prototype.hasOwnProperty.call(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
  if (!command) {
    io.err(`dynamodb-designer: unknown command ${JSON.stringify(name)}; commands: ${Object.keys(SUBCOMMANDS).join(', ')}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`dynamodb-designer ${name}: ${e.message} (see --help)`);
      return 2;
    }
    io.err(`dynamodb-designer ${name}: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
}

if (require.main === module) {
  // The SDK's notice about its own future Node.js support is not about the user's configs.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const io: CliIo = {
    out: line => { process.stdout.write(line + '\n'); },
    err: line => { process.stderr.write(line + '\n'); },
  };
  main(process.argv.slice(2), io).then(
    code => { process.exitCode = code; },
    (e: unknown) => { process.stderr.write(`dynamodb-designer: ${redact(e instanceof Error ? e.message : String(e))}\n`); process.exitCode = 2; },
  );
}
