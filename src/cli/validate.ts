/**
 * `dynamodb-designer validate FILE... [--format text|json] [--no-advice]`: the language service
 * on files. Text: `file:line:col severity code message`; JSON: an array of
 * {file, line, column, endLine, endColumn, severity, code, message} (1-based).
 * Exit 0 without errors (warnings and hints allowed), 1 with any error, 2 on usage errors or an
 * unreadable file.
 */
import { readFile } from 'node:fs/promises';
import { stripBom } from '../language/bom';
import { analyze } from '../language/service';
import type { Severity } from '../language/types';
import { isTerraformPath, loadHcl } from '../language/hcl/parser';

export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export class UsageError extends Error {}

export const VALIDATE_HELP = `Usage: dynamodb-designer validate FILE... [--format text|json] [--no-advice]

Checks DynamoDB table configs (genesys TOML, planton and component YAML) against the dialect's
schema and the table rules, and prints one line per problem:
  file:line:col severity code message
Options:
  --format text|json  output format (default text); json prints an array of
                      {file, line, column, endLine, endColumn, severity, code, message}
  --no-advice         leave out advice (hint severity)
  -h, --help          show this help
Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage error or unreadable file.`;

export interface Problem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
}

interface ValidateArgs { readonly files: readonly string[]; readonly format: 'text' | 'json'; readonly advice: boolean; readonly help: boolean }

export function parseValidateArgs(args: readonly string[]): ValidateArgs {
  const files: string[] = [];
  let format: 'text' | 'json' = 'text';
  let advice = true;
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { files.push(...args.slice(i + 1)); break; }
    if (a === '-h' || a === '--help') { help = true; continue; }
    if (a === '--no-advice') { advice = false; continue; }
    if (a === '--format' || a.startsWith('--format=')) {
      const value = a === '--format' ? args[++i] : a.slice('--format='.length);
      if (value !== 'text' && value !== 'json') { throw new UsageError(`--format must be text or json, not ${value === undefined ? 'nothing' : JSON.stringify(value)}`); }
      format = value;
      continue;
    }
    if (a.startsWith('-') && a !== '-') { throw new UsageError(`unknown option ${a}`); }
    files.push(a);
  }
  if (!help && files.length === 0) { throw new UsageError('validate needs at least one FILE'); }
  return { files, format, advice, help };
}

export async function validateFiles(files: readonly string[], advice: boolean, io: CliIo): Promise<{ problems: Problem[]; unreadable: boolean }> {
  const problems: Problem[] = [];
  let unreadable = false;
  for (const file of files) {
    let text: string;
    try {
      // Positions count from the first character after a byte-order mark, as an editor shows the file.
      text = stripBom(await readFile(file, 'utf8'));
    } catch (e) {
      const code = (e as { code?: string }).code;
      io.err(`dynamodb-designer: cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message}`);
      unreadable = true;
      continue;
    }
    // Terraform needs the HCL parser's wasm, loaded once.
    if (isTerraformPath(file)) { await loadHcl(); }
    const result = analyze(text, { uri: file, advice });
    if (!result) {
      io.err(`dynamodb-designer: ${file}: not a DynamoDB table config (skipped)`);
      continue;
    }
    for (const f of result.findings) {
      problems.push({
        file,
        line: f.range.start.line + 1,
        column: f.range.start.character + 1,
        endLine: f.range.end.line + 1,
        endColumn: f.range.end.character + 1,
        severity: f.severity,
        code: f.code,
        message: f.message,
      });
    }
  }
  return { problems, unreadable };
}

export async function runValidate(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseValidateArgs(args);
  if (parsed.help) { io.out(VALIDATE_HELP); return 0; }
  const { problems, unreadable } = await validateFiles(parsed.files, parsed.advice, io);
  if (parsed.format === 'json') {
    io.out(JSON.stringify(problems, null, 2));
  } else {
    for (const p of problems) { io.out(`${p.file}:${p.line}:${p.column} ${p.severity} ${p.code} ${p.message}`); }
  }
  if (unreadable) { return 2; }
  return problems.some(p => p.severity === 'error') ? 1 : 0;
}
