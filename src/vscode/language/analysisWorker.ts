/**
 * The analysis of a large document, off the extension host's main thread (a worker_threads
 * Worker; bundled as dist/analysisWorker.js). It keeps the analysis of the one document it serves
 * and answers the requests of analyses.ts: analyze, fixes of a finding, fix-all, completion,
 * hover. No vscode import: plain data in and out.
 */
import { parentPort } from 'node:worker_threads';
import { isTerraformPath, loadHcl } from '../../language/hcl/parser';
import { analyze, completeIn, fixAll, fixesOf, hoverIn } from '../../language/service';
import type { Analysis, AnalyzeOptions } from '../../language/service';

/** Every request names the document version it is about; the worker holds one version. */
export type WorkerRequest = { readonly id: number; readonly version: number } & (
  | { readonly kind: 'analyze'; readonly text: string; readonly options: AnalyzeOptions }
  | { readonly kind: 'fixes'; readonly index: number }
  | { readonly kind: 'fixAll' }
  | { readonly kind: 'complete'; readonly offset: number }
  | { readonly kind: 'hover'; readonly offset: number });

export interface WorkerResponse { readonly id: number; readonly result?: unknown; readonly error?: string }

let current: Analysis | undefined;
let currentVersion: number | undefined;

function answer(request: WorkerRequest): unknown {
  if (request.kind === 'analyze') {
    current = analyze(request.text, request.options);
    currentVersion = request.version;
    return current ? { format: current.format, dialect: current.dialect, findings: current.findings, tables: current.tables } : undefined;
  }
  if (!current || currentVersion !== request.version) { throw new Error('analysis cancelled: a newer version was analysed'); }
  switch (request.kind) {
    case 'fixes': return fixesOf(current, current.findings[request.index]);
    case 'fixAll': return fixAll(current);
    case 'complete': return completeIn(current, request.offset);
    case 'hover': return hoverIn(current, request.offset);
  }
}

async function respond(request: WorkerRequest): Promise<void> {
  let response: WorkerResponse;
  try {
    // A Terraform document needs the HCL parser's wasm, loaded once (asynchronously).
    if (request.kind === 'analyze' && isTerraformPath(request.options.uri)) { await loadHcl().catch(() => undefined); }
    response = { id: request.id, result: answer(request) };
  } catch (e) {
    response = { id: request.id, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort?.postMessage(response);
}

/** Requests are answered in order (an analyze waiting for the wasm holds back the requests after it). */
let queue: Promise<void> = Promise.resolve();
parentPort?.on('message', (request: WorkerRequest) => { queue = queue.then(() => respond(request)); });
