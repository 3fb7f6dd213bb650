/**
 * Runs the extension in a real VS Code here: code-server 4.100.3 (VS Code 1.100.3's server and
 * web workbench, installed by scripts/setup.sh into .vscode-test/) driven by Debian's Chromium
 * through playwright-core. Everything binds 127.0.0.1, runs with its own HOME/XDG/TMPDIR, and is
 * stopped by PID.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { repoRoot } from '../../support/paths';

export const root = repoRoot();

export interface CodeServer {
  readonly port: number;
  readonly tmp: string;
  readonly workspace: string;
  readonly pid: number;
  /** A path on the server as a `vscode-remote://` URI (for the dev/test payload). */
  remote(path: string): string;
  /** The workbench URL for the workspace, with an optional dev/test payload. */
  url(payload?: [string, string][]): string;
  log(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** A folder copied into a fresh temporary workspace (tests may write there). */
  readonly workspaceFrom: string;
  readonly env?: Record<string, string>;
  readonly settings?: Record<string, unknown>;
  /** The workspace folder's own .vscode/settings.json. */
  readonly workspaceSettings?: Record<string, unknown>;
  /**
   * Workspace trust on (default off: every folder trusted): the folder opens untrusted (restricted
   * mode, no startup prompt to answer).
   */
  readonly untrusted?: boolean;
}

function codeServerEntry(): string {
  const entry = process.env.CODE_SERVER_BIN ?? join(root, '.vscode-test/code-server/node_modules/code-server/out/node/entry.js');
  if (!existsSync(entry)) { throw new Error(`code-server is not installed at ${entry}: run \`bash scripts/setup.sh\` (npm test runs it first)`); }
  return entry;
}

export async function startCodeServer(options: StartOptions): Promise<CodeServer> {
  const entry = codeServerEntry();
  const tmp = mkdtempSync(join(process.env.TMPDIR ?? tmpdir(), 'ddd-e2e-'));
  const home = join(tmp, 'home');
  const workspace = join(tmp, 'workspace');
  cpSync(options.workspaceFrom, workspace, { recursive: true });
  if (options.workspaceSettings) {
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    writeFileSync(join(workspace, '.vscode/settings.json'), JSON.stringify(options.workspaceSettings, null, 2));
  }
  mkdirSync(join(tmp, 'user-data/User'), { recursive: true });
  mkdirSync(join(tmp, 'tmp'), { recursive: true });
  writeFileSync(join(tmp, 'user-data/User/settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'update.mode': 'none',
    'security.workspace.trust.enabled': options.untrusted === true,
    ...(options.untrusted ? { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' } : {}),
    'window.commandCenter': false,
    ...options.settings,
  }, null, 2));
  writeFileSync(join(tmp, 'config.yaml'), 'auth: none\n');
  const env: NodeJS.ProcessEnv = {
    ...process.env, ...options.env,
    HOME: home, TMPDIR: join(tmp, 'tmp'),
    XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local/share'), XDG_CACHE_HOME: join(home, '.cache'),
  };
  delete env.VSCODE_IPC_HOOK_CLI;
  const args = [entry, '--config', join(tmp, 'config.yaml'), '--auth', 'none', '--bind-addr', '127.0.0.1:0',
    '--user-data-dir', join(tmp, 'user-data'), '--extensions-dir', join(tmp, 'extensions'),
    '--disable-telemetry', '--disable-update-check', ...(options.untrusted ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override', workspace];
  const child: ChildProcess = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (d: Buffer) => {
      log += d;
      const m = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(log);
      if (m) { resolve(Number(m[1])); }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', code => reject(new Error(`code-server exited (${code}):\n${log}`)));
    setTimeout(() => reject(new Error(`code-server did not start in 60 s:\n${log}`)), 60000).unref();
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    port, tmp, workspace, pid: child.pid!,
    remote: path => `vscode-remote://127.0.0.1:${port}${path}`,
    url: payload => `${base}/?folder=${encodeURIComponent(workspace)}` +
      (payload ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ''),
    log: () => log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
        await exited;
        clearTimeout(timer);
      }
      if (!process.env.KEEP_TMP) { await removeLingering(tmp); }
    },
  };
}

/**
 * Removes a run's folder. The extension host and the embedded server it started may outlive
 * code-server by a few seconds and still write there (ENOTEMPTY): retry for up to 20 s, then
 * say so and go on (a leftover temporary folder must not fail the run).
 */
async function removeLingering(dir: string): Promise<void> {
  const end = Date.now() + 20000;
  for (;;) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 200 });
      return;
    } catch (error) {
      if (Date.now() > end) { console.warn(`could not remove ${dir}: ${(error as Error).message}`); return; }
      await new Promise(resolve => setTimeout(resolve, 500));
    }
  }
}

export async function launchBrowser(tmp: string, options: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const { chromium } = await import('playwright-core');
  mkdirSync(join(tmp, 'tmp'), { recursive: true });
  const context = await chromium.launchPersistentContext(join(tmp, 'chromium'), {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    viewport: options.viewport ?? { width: 1400, height: 900 },
    colorScheme: options.colorScheme ?? 'dark',
    env: { ...process.env, HOME: join(tmp, 'browser-home'), TMPDIR: join(tmp, 'tmp') },
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = context.pages()[0] ?? await context.newPage();
  return { context, page };
}

export const elapsed = (() => { const t0 = Date.now(); return () => `${((Date.now() - t0) / 1000).toFixed(1)}s`; })();
