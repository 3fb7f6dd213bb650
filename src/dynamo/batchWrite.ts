/**
 * BatchWriteItem with several requests in flight, for import and bulk delete. Requests are
 * grouped 25 to a batch (DynamoDB's limit); a batch never holds the same key twice (DynamoDB
 * refuses such a batch): a second write of a key first sends the batch holding the first, so the
 * later write lands last, as with one put after another. UnprocessedItems are sent again after
 * an exponential backoff with full jitter; throttling errors that outlast the SDK's own retries
 * (its standard mode already backs off) are retried the same way. A batch refused as invalid is
 * split into single writes so the bad item is named (by its line, when the caller gave one).
 * Every call takes the AbortSignal; progress reports items written and items per second.
 */
import { BatchWriteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { WriteRequest } from '@aws-sdk/client-dynamodb';
import type { JsonItem } from '../model/items';
import { keyString } from '../items/importFormat';
import { toSdkItem } from '../items/itemJson';
import { keepProtoAttributes } from './protoAttributes';

export interface WriteProgress {
  /** Items written (puts) or deleted so far. */
  readonly done: number;
  readonly elapsedMs: number;
  /** Average since the start. */
  readonly itemsPerSecond: number;
  /** Batches re-sent because of unprocessed items or throttling. */
  readonly retries: number;
}

/** A write the server refused (not throttling): the item's line when known, and why. */
export interface WriteFailure {
  readonly line?: number;
  readonly reason: string;
}

export interface BatchWriterOptions {
  /** Batches in flight at once (default 8). */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: WriteProgress) => void;
  /** Called for each write the server refuses; the writer goes on with the others. */
  readonly onFailure?: (failure: WriteFailure) => void;
  /** Retries of one batch's unprocessed items or throttling before giving up (default 12). */
  readonly maxRetries?: number;
  /** First backoff in ms (default 50), doubled per retry up to `maxBackoffMs` (default 5000). */
  readonly baseBackoffMs?: number;
  readonly maxBackoffMs?: number;
}

interface Pending { readonly request: WriteRequest; readonly line?: number }

const THROTTLING = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException']);

export class BatchWriter {
  private batch: Pending[] = [];
  private keys = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown;
  private written = 0;
  private retries = 0;
  private readonly started = Date.now();
  private readonly concurrency: number;

  constructor(private readonly client: DynamoDBClient, private readonly table: string, private readonly keyNames: readonly string[], private readonly options: BatchWriterOptions = {}) {
    keepProtoAttributes(client);
    this.concurrency = Math.max(1, options.concurrency ?? 8);
  }

  get done(): number { return this.written; }

  /** Queues a put of the item (`line`: where it came from, for messages). */
  put(item: JsonItem, line?: number): Promise<void> {
    return this.add(item, { PutRequest: { Item: toSdkItem(item) } }, line);
  }

  /** Queues a delete of the item with this key. */
  delete(key: JsonItem): Promise<void> {
    return this.add(key, { DeleteRequest: { Key: toSdkItem(key) } });
  }

  /** Sends what is queued and waits for every batch in flight. */
  async flush(): Promise<void> {
    if (this.batch.length) { await this.send(); }
    while (this.inFlight.size) { await Promise.race(this.inFlight); this.throwIfFailed(); }
    this.throwIfFailed();
  }

  /** Waits for the batches in flight without sending more (after a cancel or an error). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  private async add(item: JsonItem, request: WriteRequest, line?: number): Promise<void> {
    this.throwIfFailed();
    this.options.signal?.throwIfAborted();
    const key = keyString(item, this.keyNames);
    if (this.keys.has(key)) { await this.send(); }
    this.batch.push({ request, ...(line !== undefined ? { line } : {}) });
    this.keys.add(key);
    if (this.batch.length >= 25) { await this.send(); }
  }

  /** Starts the queued batch once fewer than `concurrency` are in flight. */
  private async send(): Promise<void> {
    const batch = this.batch;
    this.batch = [];
    this.keys = new Set();
    while (this.inFlight.size >= this.concurrency) { await Promise.race(this.inFlight); this.throwIfFailed(); }
    const running = this.write(batch).then(
      () => { this.inFlight.delete(running); },
      (error: unknown) => { this.inFlight.delete(running); this.failure ??= error; },
    );
    this.inFlight.add(running);
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) { throw this.failure; }
  }

  private async write(batch: readonly Pending[]): Promise<void> {
    let pending = batch;
    for (let attempt = 0; pending.length; attempt++) {
      this.options.signal?.throwIfAborted();
      if (attempt > 0) {
        if (attempt > (this.options.maxRetries ?? 12)) {
          throw new Error(`${pending.length} write(s) to ${this.table} were still unprocessed after ${attempt - 1} retries (the table's write capacity is exhausted); run the same command again to continue: writes are idempotent by key`);
        }
        this.retries++;
        await backoff(attempt, this.options, this.options.signal);
      }
      let unprocessed: WriteRequest[];
      try {
        const output = await this.client.send(new BatchWriteItemCommand({ RequestItems: { [this.table]: pending.map(p => p.request) } }), { abortSignal: this.options.signal });
        unprocessed = output.UnprocessedItems?.[this.table] ?? [];
      } catch (error) {
        const name = (error as { name?: string }).name ?? '';
        if (THROTTLING.has(name)) { continue; }
        if (name === 'ValidationException') {
          await this.writeOneByOne(pending, error as Error);
          return;
        }
        throw error;
      }
      const done = pending.length - unprocessed.length;
      this.count(done);
      if (unprocessed.length === 0) { return; }
      const left = new Set(unprocessed.map(r => JSON.stringify(r)));
      const sdkText = (p: Pending): string => JSON.stringify(p.request);
      // Match the unprocessed requests back to their lines (the server returns them as sent).
      const next = pending.filter(p => left.has(sdkText(p)));
      pending = next.length === unprocessed.length ? next : unprocessed.map(request => ({ request }));
    }
  }

  /** A batch refused as invalid: each write alone, so only the bad ones fail, each named. */
  private async writeOneByOne(batch: readonly Pending[], error: Error): Promise<void> {
    if (batch.length === 1) {
      this.options.onFailure?.({ ...(batch[0]!.line !== undefined ? { line: batch[0]!.line } : {}), reason: error.message });
      return;
    }
    for (const one of batch) { await this.write([one]); }
  }

  private count(done: number): void {
    if (done === 0) { return; }
    this.written += done;
    const elapsedMs = Date.now() - this.started;
    this.options.onProgress?.({ done: this.written, elapsedMs, itemsPerSecond: elapsedMs > 0 ? (this.written * 1000) / elapsedMs : 0, retries: this.retries });
  }
}

/** Exponential backoff with full jitter: a random wait up to base * 2^(attempt-1), capped. */
export function backoffMs(attempt: number, options: { baseBackoffMs?: number; maxBackoffMs?: number } = {}, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxBackoffMs ?? 5000, (options.baseBackoffMs ?? 50) * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * ceiling);
}

function backoff(attempt: number, options: BatchWriterOptions, signal: AbortSignal | undefined): Promise<void> {
  return sleep(backoffMs(attempt, options), signal);
}

/** Waits `ms`, or rejects with the signal's reason when it is aborted first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) { reject(signal.reason as Error); return; }
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = (): void => { clearTimeout(timer); reject(signal!.reason as Error); };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
