/**
 * Export of a whole table (or index) for big tables: a parallel Scan (`segments` at once, each
 * paging on its own), a read-capacity cap, and a resume point; written with the item browser's
 * writers (JSON Lines or CSV, itemExport.ts) to a file or any stream (the CLI's stdout).
 *
 * Capacity cap: each Scan asks for ReturnConsumedCapacity TOTAL. Before a request, a segment
 * reserves what its last page cost; it may start once the capacity reserved so far, spread at
 * `maxRcu` per second from the start, is due; the reservation is then corrected by what the
 * server reports. Pages are kept small enough (Limit, adapted from the units per item seen) that
 * one page costs at most a fraction of a second's cap, so no second's reads go far over it.
 * A server that reports no consumed capacity is estimated at 0.5 unit per 4 KB read.
 *
 * Resume (files only): the state file records, after each chunk written, the bytes of the
 * partial file, the items written and each segment's LastEvaluatedKey (and the CSV columns).
 * Run again with the same state file, the export truncates the partial file to the recorded
 * bytes and goes on from each segment's key; at the end the file is renamed into place and the
 * state file removed.
 */
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { readFile, rename, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient, ScanCommandInput } from '@aws-sdk/client-dynamodb';
import type { JsonItem } from '../model/items';
import { toJsonItem, toSdkItem, validateItem } from '../items/itemJson';
import { sleep } from './batchWrite';
import { CsvWriter, jsonLinesText, type Column, type ExportFormat } from './itemExport';
import { keepProtoAttributes } from './protoAttributes';

export interface TableExportOptions {
  readonly table: string;
  readonly index?: string;
  readonly format: ExportFormat;
  /** Key attribute names (table keys, then the index's), first among CSV columns. */
  readonly keyNames: readonly string[];
  /** Parallel scan segments (default 1). */
  readonly segments?: number;
  /** Read capacity units per second, at most (measured from ConsumedCapacity). */
  readonly maxRcu?: number;
  /** Resume state file (files only). */
  readonly resume?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: { items: number; consumedCapacity: number; elapsedMs: number }) => void;
  /** Each Scan's consumed capacity as the server reported it, with when the answer came. */
  readonly onCapacity?: (units: number, atMs: number, reported: boolean) => void;
  /** More of the Scan's input: a filter and its names and values (the item browser's Scan). */
  readonly scanInput?: Pick<ScanCommandInput, 'FilterExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues' | 'ConsistentRead'>;
  /** Items per Scan request (default: the server's 1 MB pages, or what the cap allows). */
  readonly pageLimit?: number;
}

export interface TableExportResult {
  readonly items: number;
  readonly bytes: number;
  readonly consumedCapacity: number;
  readonly elapsedMs: number;
  /** True when the capacity is an estimate (the server reported none). */
  readonly capacityEstimated: boolean;
  readonly resumed: boolean;
}

interface SegmentState { startKey?: JsonItem; done: boolean }

interface ResumeState {
  readonly version: 1;
  readonly table: string;
  readonly index: string | null;
  readonly format: ExportFormat;
  readonly segments: number;
  readonly out: string;
  bytes: number;
  items: number;
  columns?: Column[];
  positions: SegmentState[];
}

/** Paces requests so capacity consumed stays within `rate` units per second. */
export class CapacityLimiter {
  private reserved = 0;
  private readonly start = Date.now();

  constructor(private readonly rate: number) {}

  /** Waits until `estimate` more units may be spent; returns the reservation to settle. */
  async acquire(estimate: number, signal?: AbortSignal): Promise<number> {
    const due = this.start + (this.reserved / this.rate) * 1000;
    this.reserved += estimate;
    const wait = due - Date.now();
    if (wait > 0) { await sleep(wait, signal); }
    return estimate;
  }

  /** Corrects a reservation by what was really consumed. */
  settle(estimate: number, actual: number): void {
    this.reserved += actual - estimate;
  }
}

class ExportError extends Error {}

/** Exports to `out` (a file path) or to a stream (stdout; no resume there). */
export async function exportTable(client: DynamoDBClient, out: string | Writable, options: TableExportOptions): Promise<TableExportResult> {
  keepProtoAttributes(client);
  const segments = options.segments ?? 1;
  if (!Number.isInteger(segments) || segments < 1 || segments > 1_000_000) { throw new ExportError('segments must be a whole number from 1 to 1000000'); }
  if (options.maxRcu !== undefined && !(options.maxRcu > 0)) { throw new ExportError('the read capacity cap must be greater than 0'); }
  const signal = options.signal;
  const started = Date.now();
  let state: ResumeState | undefined;
  let resumed = false;
  let stream: Writable;
  let file: WriteStream | undefined;
  const partial = typeof out === 'string' ? `${out}.partial` : undefined;
  if (typeof out === 'string') {
    if (options.resume) {
      state = await loadState(options.resume, out, options, segments);
      resumed = state !== undefined;
    }
    if (state) {
      const size = await stat(partial!).then(s => s.size, () => -1);
      if (size < state.bytes) { throw new ExportError(`cannot resume: ${partial} is missing or shorter than the ${state.bytes} bytes the state file ${options.resume} records; delete the state file to start over`); }
      await truncate(partial!, state.bytes);
    } else {
      state = {
        version: 1, table: options.table, index: options.index ?? null, format: options.format, segments, out,
        bytes: 0, items: 0, positions: Array.from({ length: segments }, () => ({ done: false })),
      };
    }
    file = createWriteStream(partial!, { flags: resumed ? 'a' : 'w' });
    stream = file;
    await Promise.race([once(file, 'open'), once(file, 'error').then(([e]) => { throw e as Error; })]);
  } else {
    if (options.resume) { throw new ExportError('a resume point needs an output file (--out)'); }
    stream = out;
    state = {
      version: 1, table: options.table, index: options.index ?? null, format: options.format, segments, out: '-',
      bytes: 0, items: 0, positions: Array.from({ length: segments }, () => ({ done: false })),
    };
  }
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => undefined);
  const write = (chunk: string): Promise<void> => new Promise<void>((resolve, reject) => {
    stream.write(chunk, error => (error ? reject(error) : resolve()));
  });
  const csv = options.format === 'csv' ? new CsvWriter(options.keyNames, 1000, state.columns) : undefined;
  const limiter = options.maxRcu !== undefined ? new CapacityLimiter(options.maxRcu) : undefined;
  let items = state.items;
  let bytes = state.bytes;
  let capacity = 0;
  let estimated = false;
  // Pages handed from the segments to the one writer, in the order they arrive.
  const queue: { segment: number; items: JsonItem[]; lastKey?: JsonItem }[] = [];
  let wake: (() => void) | undefined;
  const spaceWaiters: (() => void)[] = [];
  const space = (): void => { for (const resolve of spaceWaiters.splice(0)) { resolve(); } };
  const highWater = Math.max(2, segments * 2);
  const pending = new Set(state.positions.map((p, i) => (p.done ? -1 : i)).filter(i => i >= 0));
  const controller = new AbortController();
  const inner = signal ? AbortSignal.any([signal, controller.signal]) : controller.signal;
  inner.addEventListener('abort', () => { wake?.(); space(); }, { once: true });
  const baseItems = state.items;

  const scanSegment = async (segment: number): Promise<void> => {
    let startKey = state.positions[segment]!.startKey;
    let unitsPerItem: number | undefined;
    let lastCost = 1;
    for (;;) {
      inner.throwIfAborted();
      let limit = options.pageLimit;
      if (limiter && unitsPerItem !== undefined) {
        // One page: at most a quarter of a second's share of this segment.
        const budget = Math.max(1, options.maxRcu! / segments / 4);
        limit = Math.max(1, Math.min(limit ?? 10_000, Math.floor(budget / Math.max(unitsPerItem, 1e-6))));
      } else if (limiter) {
        limit = Math.min(limit ?? 100, 100);
      }
      const input: ScanCommandInput = {
        ...options.scanInput,
        TableName: options.table, ReturnConsumedCapacity: 'TOTAL',
        ...(options.index ? { IndexName: options.index } : {}),
        ...(segments > 1 ? { Segment: segment, TotalSegments: segments } : {}),
        ...(limit ? { Limit: limit } : {}),
        ...(startKey ? { ExclusiveStartKey: toSdkItem(startKey) } : {}),
      };
      const reservation = limiter ? await limiter.acquire(lastCost, inner) : 0;
      const output = await client.send(new ScanCommand(input), { abortSignal: inner });
      const page = (output.Items ?? []).map(toJsonItem);
      const reported = output.ConsumedCapacity?.CapacityUnits;
      let units: number;
      if (reported !== undefined) {
        units = reported;
      } else {
        estimated = true;
        const size = page.reduce((n, item) => n + JSON.stringify(item).length, 0);
        units = Math.max(0.5, Math.ceil(size / 4096) * 0.5);
      }
      limiter?.settle(reservation, units);
      options.onCapacity?.(units, Date.now() - started, reported !== undefined);
      capacity += units;
      lastCost = units;
      const scanned = output.ScannedCount ?? page.length;
      if (scanned > 0) { unitsPerItem = units / scanned; }
      startKey = output.LastEvaluatedKey ? toJsonItem(output.LastEvaluatedKey) : undefined;
      while (queue.length >= highWater) { await new Promise<void>(resolve => { spaceWaiters.push(resolve); }); inner.throwIfAborted(); }
      queue.push({ segment, items: page, ...(startKey ? { lastKey: startKey } : {}) });
      wake?.();
      if (!startKey) { return; }
    }
  };

  const writer = async (): Promise<void> => {
    let lastSave = 0;
    for (;;) {
      while (queue.length === 0) {
        if (pending.size === 0) { return; }
        inner.throwIfAborted();
        await new Promise<void>(resolve => { wake = resolve; });
        wake = undefined;
        inner.throwIfAborted();
      }
      const page = queue.shift()!;
      space();
      const text = csv ? csv.add(page.items) : jsonLinesText(page.items);
      if (text) {
        await Promise.race([write(text), failed]);
        bytes += Buffer.byteLength(text);
      }
      const position = state.positions[page.segment]!;
      if (page.lastKey) { position.startKey = page.lastKey; } else { position.done = true; delete position.startKey; pending.delete(page.segment); }
      items = csv ? baseItems + csv.written : items + page.items.length;
      options.onProgress?.({ items, consumedCapacity: capacity, elapsedMs: Date.now() - started });
      // The state is consistent only when nothing is buffered (CSV collects a sample first).
      if (options.resume && file && (!csv || csv.chosenColumns) && Date.now() - lastSave >= 200) {
        lastSave = Date.now();
        await saveState(options.resume, { ...state, bytes, items, ...(csv?.chosenColumns ? { columns: [...csv.chosenColumns] } : {}) });
      }
    }
  };

  const scans = [...pending].map(i => scanSegment(i).catch((error: unknown) => {
    // Tell the writer and the other segments to stop.
    controller.abort(error);
    throw error;
  }));
  try {
    const writing = writer();
    writing.catch(() => controller.abort(new Error('the export stopped')));
    await Promise.all([...scans, writing]);
    if (csv) {
      const tail = csv.end();
      if (tail) { await Promise.race([write(tail), failed]); bytes += Buffer.byteLength(tail); }
      items = baseItems + csv.written;
    }
    if (file) {
      file.end();
      await Promise.race([once(file, 'finish'), failed]);
      await rename(partial!, out as string);
      if (options.resume) { await rm(options.resume, { force: true }); }
    }
  } catch (error) {
    controller.abort(error);
    await Promise.allSettled(scans);
    if (file) {
      const closed = once(file, 'close').catch(() => undefined);
      file.destroy();
      await closed;
      // With a resume point the partial file is kept for the next run; otherwise nothing is left.
      if (!options.resume) { await rm(partial!, { force: true }); }
    }
    throw (signal?.aborted ? signal.reason : error) as Error;
  }
  return { items, bytes, consumedCapacity: capacity, elapsedMs: Date.now() - started, capacityEstimated: estimated, resumed };
}

async function loadState(path: string, out: string, options: TableExportOptions, segments: number): Promise<ResumeState | undefined> {
  let text: string;
  try { text = await readFile(path, 'utf8'); } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') { return undefined; }
    throw new ExportError(`cannot read the resume state ${path}: ${(error as Error).message}`);
  }
  let state: ResumeState;
  try {
    state = JSON.parse(text) as ResumeState;
    if (state.version !== 1 || !Array.isArray(state.positions)) { throw new Error('not a state file of this version'); }
    state.positions = state.positions.map(p => ({ done: p.done === true, ...(p.startKey ? { startKey: validateItem(p.startKey) } : {}) }));
  } catch (error) {
    throw new ExportError(`${path} is not an export resume state (${(error as Error).message}); delete it to start over`);
  }
  const mismatch = state.table !== options.table ? `table ${state.table}` : state.index !== (options.index ?? null) ? `index ${state.index ?? '(none)'}`
    : state.format !== options.format ? `format ${state.format}` : state.segments !== segments ? `${state.segments} segments` : state.out !== out ? `output ${state.out}` : undefined;
  if (mismatch) { throw new ExportError(`the resume state ${path} is for another export (${mismatch}); use the same options or delete it to start over`); }
  return state;
}

async function saveState(path: string, state: ResumeState): Promise<void> {
  await writeFile(`${path}.tmp`, JSON.stringify(state));
  await rename(`${path}.tmp`, path);
}
