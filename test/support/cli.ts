/** Runs the built CLI (`node out/src/cli/main.js`) in a child process, stdin not a terminal. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './paths';

export interface CliRun { code: number | null; out: string; err: string }

/** AWS credentials of the test runner's environment never reach the CLI unless `env` sets them. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) { delete base[k]; }
  const child = spawn(process.execPath, [join(repoRoot(), 'out/src/cli/main.js'), ...args], { env: { ...base, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.end();
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => { out += d; });
  child.stderr.on('data', (d: Buffer) => { err += d; });
  return new Promise(resolve => child.once('close', code => resolve({ code, out, err })));
}
