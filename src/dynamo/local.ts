/**
 * The embedded local DynamoDB: dynalite in a child process (`node dynaliteMain.js --path DIR
 * --exit-with-stdin`), bound to 127.0.0.1 on a free port, data in a folder that survives restarts.
 * Started once on first use (concurrent callers share the start), stopped by PID (SIGTERM, then
 * SIGKILL after a timeout). Status changes are reported to listeners, with the stderr tail on failure.
 *
 * Also: what each local server lacks, as data, so the UI labels those features instead of faking them.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';

export type LocalStatus =
  | { readonly state: 'stopped' }
  | { readonly state: 'starting' }
  | { readonly state: 'running'; readonly endpoint: string; readonly pid: number }
  | { readonly state: 'failed'; readonly message: string; readonly stderrTail: string };

export interface LocalDynamoOptions {
  /** The child's entry script: the extension's bundled dynaliteMain.js, or out/src/dynamo/dynaliteMain.js in tests. */
  readonly entryScript: string;
  /** Data folder (created if missing), e.g. the extension's global storage + `/dynalite`. */
  readonly dataDir: string;
  /** The Node binary (default process.execPath; inside VS Code that is Electron, run as Node). */
  readonly nodePath?: string;
  /** Milliseconds to wait for the child's `{"port":N}` line (default 15000). */
  readonly startTimeoutMs?: number;
  /** Milliseconds between SIGTERM and SIGKILL (default 5000). */
  readonly stopTimeoutMs?: number;
}

export interface Disposable {
  dispose(): void;
}

const STDERR_TAIL = 4000;
/** How long a start may take while the child rebuilds the indexes of an old data folder. */
const REBUILD_TIMEOUT_MS = 10 * 60_000;

export class LocalDynamo {
  private child: ChildProcess | undefined;
  private starting: Promise<string> | undefined;
  private stopping: Promise<void> | undefined;
  private current: LocalStatus = { state: 'stopped' };
  private readonly listeners = new Set<(status: LocalStatus) => void>();
  private stderrTail = '';

  constructor(private readonly options: LocalDynamoOptions) {}

  get status(): LocalStatus {
    return this.current;
  }

  /** `http://127.0.0.1:PORT` while running, else undefined. */
  get endpoint(): string | undefined {
    return this.current.state === 'running' ? this.current.endpoint : undefined;
  }

  get pid(): number | undefined {
    return this.current.state === 'running' ? this.current.pid : undefined;
  }

  onStatus(listener: (status: LocalStatus) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => { this.listeners.delete(listener); } };
  }

  private set(status: LocalStatus): void {
    this.current = status;
    for (const listener of [...this.listeners]) {
      try { listener(status); } catch { /* a listener's failure is its own */ }
    }
  }

  /**
   * Starts the server unless it runs (or is starting: callers share that start); resolves to the
   * endpoint. The signal abandons the wait only, not the shared start.
   */
  async start(signal?: AbortSignal): Promise<string> {
    signal?.throwIfAborted();
    if (this.stopping) { await this.stopping; }
    if (this.current.state === 'running') { return this.current.endpoint; }
    if (!this.starting) {
      this.starting = this.spawnChild().finally(() => { this.starting = undefined; });
    }
    if (!signal) { return this.starting; }
    return new Promise<string>((resolve, reject) => {
      const onAbort = (): void => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      this.starting!.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  /** Same as start(): the name the client factory's `localEndpoint` option reads well with. */
  ensureStarted(signal?: AbortSignal): Promise<string> {
    return this.start(signal);
  }

  private spawnChild(): Promise<string> {
    this.set({ state: 'starting' });
    this.stderrTail = '';
    mkdirSync(this.options.dataDir, { recursive: true });
    const child = spawn(this.options.nodePath ?? process.execPath,
      [this.options.entryScript, '--path', this.options.dataDir, '--exit-with-stdin'], {
        // stdin stays open: when this process dies, the pipe closes and the child exits with it.
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
        windowsHide: true,
      });
    this.child = child;
    child.stderr!.on('data', (d: Buffer) => { this.stderrTail = (this.stderrTail + d.toString()).slice(-STDERR_TAIL); });
    return new Promise<string>((resolve, reject) => {
      let out = '';
      let settled = false;
      const fail = (message: string): void => {
        if (settled) { return; }
        settled = true;
        clearTimeout(timer);
        if (child.exitCode === null && child.signalCode === null) { child.kill('SIGKILL'); }
        this.child = undefined;
        const stderrTail = this.stderrTail.trim();
        this.set({ state: 'failed', message, stderrTail });
        reject(new Error(`embedded local DynamoDB: ${message}${stderrTail ? `\n${stderrTail}` : ''}`));
      };
      let timer = setTimeout(() => fail(`did not start within ${(this.options.startTimeoutMs ?? 15000) / 1000} s`), this.options.startTimeoutMs ?? 15000);
      let rebuilding = false;
      child.stdout!.on('data', (d: Buffer) => {
        if (settled) { return; }
        out += d.toString();
        // A data folder written before the index-key patch is rebuilt once before listening (dynaliteIndexes.ts).
        if (!rebuilding && out.includes('{"rebuildingIndexes":true}')) {
          rebuilding = true;
          clearTimeout(timer);
          timer = setTimeout(() => fail(`did not finish rebuilding its indexes within ${REBUILD_TIMEOUT_MS / 60000} minutes`), REBUILD_TIMEOUT_MS);
        }
        const line = out.split('\n').find(l => l.startsWith('{"port":') && l.endsWith('}'));
        if (!line) { return; }
        let port: number;
        try {
          port = (JSON.parse(line) as { port: number }).port;
        } catch {
          return;
        }
        settled = true;
        clearTimeout(timer);
        const endpoint = `http://127.0.0.1:${port}`;
        this.set({ state: 'running', endpoint, pid: child.pid! });
        resolve(endpoint);
      });
      child.once('error', error => fail(`cannot run ${this.options.nodePath ?? process.execPath}: ${error.message}`));
      child.once('exit', (code, sig) => {
        if (!settled) { fail(`exited during start (${sig ?? `code ${code}`})`); return; }
        if (this.child !== child) { return; }
        this.child = undefined;
        // An exit we did not ask for (crash, killed from outside) is a failure the UI shows.
        if (!this.stopping) {
          this.set({ state: 'failed', message: `exited unexpectedly (${sig ?? `code ${code}`})`, stderrTail: this.stderrTail.trim() });
        }
      });
    });
  }

  /** Stops the child by PID: SIGTERM, then SIGKILL after the timeout. Safe to call at any time. */
  async stop(): Promise<void> {
    if (this.stopping) { return this.stopping; }
    if (this.starting) { await this.starting.catch(() => undefined); }
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      this.child = undefined;
      if (this.current.state !== 'failed') { this.set({ state: 'stopped' }); }
      return;
    }
    this.stopping = new Promise<void>(resolve => {
      const timer = setTimeout(() => { child.kill('SIGKILL'); }, this.options.stopTimeoutMs ?? 5000);
      child.once('exit', () => { clearTimeout(timer); resolve(); });
      child.kill('SIGTERM');
    });
    try {
      await this.stopping;
    } finally {
      this.child = undefined;
      this.stopping = undefined;
      this.set({ state: 'stopped' });
    }
  }

  /** For `context.subscriptions`: stops the server (fire and forget; deactivate awaits stop() itself). */
  dispose(): void {
    void this.stop();
  }
}
