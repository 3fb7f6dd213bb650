/**
 * yaml-language-server (Red Hat YAML's engine, a dev dependency) driven over LSP on stdio the way
 * an editor drives it: initialize, settings (our JSON schema for the file, no SchemaStore, so it
 * fetches nothing), didOpen, then one-character didChange -> publishDiagnostics, completion right
 * after an edit, and hover. A small Content-Length framer; the server is a child process stopped
 * by its PID.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../test/support/paths';

interface Message { id?: number; method?: string; params?: unknown; result?: unknown; error?: { message: string } }

export class YamlLanguageServer {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private next = 1;
  private readonly pending = new Map<number, (m: Message) => void>();
  private readonly listeners: ((m: Message) => void)[] = [];
  private version = 1;

  constructor() {
    const bin = join(repoRoot(), 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
    this.child = spawn(process.execPath, [bin, '--stdio'], { stdio: 'pipe' });
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.resume();
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) { return; }
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) { return; }
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body) as Message);
    }
  }

  private dispatch(m: Message): void {
    if (m.id !== undefined && m.method === undefined) {
      const resolve = this.pending.get(m.id);
      this.pending.delete(m.id);
      resolve?.(m);
      return;
    }
    if (m.id !== undefined && m.method !== undefined) {
      // A request of the server (configuration, capability registration, progress): answer it.
      const result = m.method === 'workspace/configuration'
        ? ((m.params as { items?: { section?: string }[] }).items ?? []).map(i => (i.section === 'yaml' ? this.settings().yaml : i.section ? null : this.settings()))
        : null;
      this.send({ id: m.id, result });
      return;
    }
    this.listeners.forEach(l => l(m));
  }

  private send(m: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...m }), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  request<T>(method: string, params: unknown): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, m => (m.error ? reject(new Error(m.error.message)) : resolve(m.result as T)));
      this.send({ id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  private schemaFor = '';

  private settings(): { yaml: object } {
    return {
      yaml: {
        validate: true, hover: true, completion: true, format: { enable: false },
        schemaStore: { enable: false },
        schemas: this.schemaFor ? { [this.schemaFor]: '*.yaml' } : {},
      },
    };
  }

  /** initialize + initialized + settings that map every *.yaml to `schema` (a file of schemas/). */
  async start(schema: string): Promise<void> {
    this.schemaFor = pathToFileURL(join(repoRoot(), 'schemas', schema)).toString();
    await this.request('initialize', {
      processId: process.pid, rootUri: null, workspaceFolders: null,
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true }, completion: { completionItem: { snippetSupport: true } }, hover: { contentFormat: ['markdown', 'plaintext'] } }, workspace: { configuration: true } },
    });
    this.notify('initialized', {});
    this.notify('workspace/didChangeConfiguration', { settings: this.settings() });
  }

  /** Resolves with the next publishDiagnostics for `uri` at or after `version`. */
  diagnostics(uri: string, version?: number): Promise<unknown[]> {
    return new Promise(resolve => {
      const listener = (m: Message): void => {
        const p = m.params as { uri?: string; version?: number; diagnostics?: unknown[] } | undefined;
        if (m.method !== 'textDocument/publishDiagnostics' || p?.uri !== uri) { return; }
        if (version !== undefined && p.version !== undefined && p.version < version) { return; }
        this.listeners.splice(this.listeners.indexOf(listener), 1);
        resolve(p.diagnostics ?? []);
      };
      this.listeners.push(listener);
    });
  }

  open(uri: string, text: string): Promise<unknown[]> {
    const published = this.diagnostics(uri);
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: this.version, text } });
    return published;
  }

  /** A one-character edit (insert or delete at a position); returns the new version. */
  change(uri: string, line: number, character: number, insert: string | undefined): number {
    this.version++;
    const range = insert === undefined
      ? { start: { line, character }, end: { line, character: character + 1 } }
      : { start: { line, character }, end: { line, character } };
    this.notify('textDocument/didChange', { textDocument: { uri, version: this.version }, contentChanges: [{ range, text: insert ?? '' }] });
    return this.version;
  }

  completion(uri: string, line: number, character: number): Promise<unknown> {
    return this.request('textDocument/completion', { textDocument: { uri }, position: { line, character } });
  }

  hover(uri: string, line: number, character: number): Promise<unknown> {
    return this.request('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.request('shutdown', null), new Promise(r => setTimeout(r, 2000))]);
      this.notify('exit', null);
    } finally {
      if (this.child.pid !== undefined && this.child.exitCode === null) { process.kill(this.child.pid); }
    }
  }
}
