/**
 * One analysis per document version, shared by diagnostics, code actions, completion and hover.
 * A small document is analysed on the calling thread (a full pass is a few milliseconds); a
 * large one in a worker thread (analysisWorker.ts) that keeps its analysis and answers the
 * providers' requests, so the extension host never blocks on it. A newer version cancels the
 * pass of an older one (its worker is terminated). No vscode import: documents come as
 * (uri, version, text).
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CompletionItem, Hover } from 'vscode-languageserver-types';
import { hclLoaded, isTerraformPath, loadHcl } from '../../language/hcl/parser';
import { analyze, completeIn, fixAll, fixesOf, hoverIn } from '../../language/service';
import type { Analysis, AnalyzeOptions } from '../../language/service';
import type { Format, ResolvedFinding, ResolvedFix } from '../../language/types';
import type { Dialect, TableSpec } from '../../model/spec';
import type { WorkerRequest, WorkerResponse } from './analysisWorker';

/** Documents at least this long (characters) are analysed in a worker thread. */
export const WORKER_THRESHOLD = 100_000;

/** What the providers need of a document's analysis, wherever it was computed. */
export interface DocumentAnalysis {
  readonly version: number;
  readonly format: Format;
  readonly dialect: Dialect;
  readonly findings: readonly ResolvedFinding[];
  readonly tables: readonly TableSpec[];
  fixes(finding: ResolvedFinding): Promise<readonly ResolvedFix[]>;
  fixAll(): Promise<string>;
  complete(offset: number): Promise<CompletionItem[]>;
  hover(offset: number): Promise<Hover | undefined>;
}

export class LocalAnalysis implements DocumentAnalysis {
  constructor(readonly version: number, private readonly analysis: Analysis) {}
  get format(): Format { return this.analysis.format; }
  get dialect(): Dialect { return this.analysis.dialect; }
  get findings(): readonly ResolvedFinding[] { return this.analysis.findings; }
  get tables(): readonly TableSpec[] { return this.analysis.tables; }
  /** The full analysis (this one was computed on this thread). */
  get full(): Analysis { return this.analysis; }
  async fixes(finding: ResolvedFinding): Promise<readonly ResolvedFix[]> { return fixesOf(this.analysis, finding); }
  async fixAll(): Promise<string> { return fixAll(this.analysis); }
  async complete(offset: number): Promise<CompletionItem[]> { return completeIn(this.analysis, offset); }
  async hover(offset: number): Promise<Hover | undefined> { return hoverIn(this.analysis, offset); }
}

type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id' | 'version'> : never) : never;

/** A worker serving one document. */
class AnalysisWorker {
  private readonly worker: Worker;
  private next = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private ended = false;

  constructor(script: string) {
    this.worker = new Worker(script);
    this.worker.on('message', (m: WorkerResponse) => {
      const p = this.pending.get(m.id);
      if (!p) { return; }
      this.pending.delete(m.id);
      if (this.pending.size === 0) { this.worker.unref(); }
      if (m.error !== undefined) { p.reject(new Error(m.error)); } else { p.resolve(m.result); }
    });
    const fail = (e: Error): void => { this.ended = true; this.pending.forEach(p => p.reject(e)); this.pending.clear(); };
    this.worker.on('error', fail);
    this.worker.on('exit', () => fail(new Error('analysis cancelled')));
    this.worker.unref();
  }

  get alive(): boolean { return !this.ended; }

  /** True while a request runs (a newer version then terminates it rather than wait). */
  get busy(): boolean { return this.pending.size > 0; }

  request<T>(version: number, request: Request): Promise<T> {
    if (this.ended) { return Promise.reject(new Error('analysis cancelled')); }
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      // Keeps the process alive while a request runs, not while the worker idles.
      this.worker.ref();
      this.worker.postMessage({ ...request, id, version });
    });
  }

  terminate(): void {
    this.ended = true;
    void this.worker.terminate();
    this.pending.forEach(p => p.reject(new Error('analysis cancelled')));
    this.pending.clear();
  }
}

class RemoteAnalysis implements DocumentAnalysis {
  constructor(readonly version: number, private readonly worker: AnalysisWorker, readonly format: Format, readonly dialect: Dialect, readonly findings: readonly ResolvedFinding[], readonly tables: readonly TableSpec[]) {}
  fixes(finding: ResolvedFinding): Promise<readonly ResolvedFix[]> {
    const index = this.findings.indexOf(finding);
    return index < 0 ? Promise.resolve([]) : this.worker.request(this.version, { kind: 'fixes', index });
  }
  fixAll(): Promise<string> { return this.worker.request(this.version, { kind: 'fixAll' }); }
  complete(offset: number): Promise<CompletionItem[]> { return this.worker.request(this.version, { kind: 'complete', offset }); }
  hover(offset: number): Promise<Hover | undefined> { return this.worker.request(this.version, { kind: 'hover', offset }); }
}

interface Entry {
  readonly version: number;
  readonly result: Promise<DocumentAnalysis | undefined>;
  readonly local?: Analysis;
  worker?: AnalysisWorker;
}

/** The analyses of open documents, by URI, one per version. */
export class Analyses {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly workerScript = join(__dirname, 'analysisWorker.js'), private readonly threshold = WORKER_THRESHOLD) {}

  /** The version last asked for (its analysis may still be running). */
  versionOf(uri: string): number | undefined {
    return this.entries.get(uri)?.version;
  }

  /** The analysis of this version: the cached one, the running one, or a new pass. */
  get(uri: string, version: number, text: () => string, options: AnalyzeOptions): Promise<DocumentAnalysis | undefined> {
    const known = this.entries.get(uri);
    if (known && known.version === version) { return known.result; }
    if (!hclLoaded() && isTerraformPath(options.uri)) {
      // The HCL parser's wasm loads once, asynchronously: this version is analysed after it (a
      // failed load is reported on the document by the parser instead).
      const body = text();
      const result = loadHcl().catch(() => undefined).then(() => {
        if (this.entries.get(uri)?.version !== version) { return undefined; }
        this.entries.delete(uri);
        return this.analyzeNow(uri, version, body, options);
      });
      this.entries.set(uri, { version, result });
      return result;
    }
    return this.analyzeNow(uri, version, text(), options);
  }

  private analyzeNow(uri: string, version: number, body: string, options: AnalyzeOptions): Promise<DocumentAnalysis | undefined> {
    const known = this.entries.get(uri);
    if (body.length < this.threshold) {
      known?.worker?.terminate();
      const analysis = analyze(body, options);
      const result = Promise.resolve(analysis && new LocalAnalysis(version, analysis));
      this.entries.set(uri, { version, result, local: analysis });
      return result;
    }
    // A newer version: a pass still running on an older one is of no use any more (its worker is
    // terminated); an idle worker is kept for the next pass.
    let worker = known?.worker;
    if (worker && (worker.busy || !worker.alive)) { worker.terminate(); worker = undefined; }
    worker ??= new AnalysisWorker(this.workerScript);
    const serving = worker;
    const result = serving.request<{ format: Format; dialect: Dialect; findings: ResolvedFinding[]; tables: TableSpec[] } | undefined>(version, { kind: 'analyze', text: body, options })
      .then(r => (r ? new RemoteAnalysis(version, serving, r.format, r.dialect, r.findings, r.tables) : undefined))
      .catch((e: unknown) => {
        // Cancelled by a newer version: dropped. A worker that failed (it could not start, it
        // crashed): this version is analysed here instead, so the document still gets its answers.
        if (this.entries.get(uri)?.version !== version || serving.alive) { throw e; }
        const analysis = analyze(body, options);
        return analysis && new LocalAnalysis(version, analysis);
      });
    this.entries.set(uri, { version, result, worker });
    return result;
  }

  /** The full analysis of this version when it was computed on this thread. */
  local(uri: string, version: number): Analysis | undefined {
    const known = this.entries.get(uri);
    return known && known.version === version ? known.local : undefined;
  }

  forget(uri: string): void {
    this.entries.get(uri)?.worker?.terminate();
    this.entries.delete(uri);
  }

  clear(): void {
    for (const uri of [...this.entries.keys()]) { this.forget(uri); }
  }
}
