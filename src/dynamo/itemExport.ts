/**
 * Export items to JSON Lines or CSV, streaming to disk (a write stream with backpressure, never
 * the whole result in memory), with progress and cancel; and readers for both formats.
 *
 * Files are written to `<path>.partial` and renamed to `<path>` when complete; on cancel or error
 * the partial file is removed and nothing is left at `<path>`.
 *
 * JSON Lines: one item per line in DynamoDB JSON (`{"pk":{"S":"a"},"n":{"N":"1"}}`), lossless.
 *
 * CSV (RFC 4180: comma separated, CRLF line ends, a field quoted with `"` when it holds a comma,
 * quote, CR or LF, quotes doubled inside):
 * - Columns are chosen from the first `csvSampleSize` items (default 1,000; rounded up to whole
 *   batches, i.e. server pages), buffered before the header is written: the key attributes first, then every other attribute of the sample by
 *   frequency (most first, ties by name). Each column is typed by its most frequent type in the
 *   sample, and the header names it `name:TYPE` (e.g. `price:N`; the type is after the last `:`).
 * - A last column `_other` holds, as a DynamoDB JSON map, any attributes of an item that have no
 *   column (those first seen after the sample); empty when there are none.
 * - A cell is empty when the item lacks the attribute. A value of the column's type is written as
 *   plain text when the column is S, N, B or BOOL: S as is, N with its exact digits, B as base64,
 *   BOOL as true/false. Every other value (another type, a set, a list, a map, NULL, an empty
 *   string, or a string starting with `{`) is written as its DynamoDB JSON value (`{"S":""}`,
 *   `{"SS":["a","b"]}`). So a cell starting with `{` is always DynamoDB JSON, and `readCsv` gives
 *   back exactly the items written.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ItemRequest, JsonAttributeValue, JsonItem, ValueType } from '../model/items';
import { attributeOf, setAttribute } from '../model/items';
import { readAll } from './items';
import { startKeyNames } from '../items/keys';
import { typeOf, validateItem, validateValue } from '../items/itemJson';

export type ExportFormat = 'jsonl' | 'csv';

export interface ExportOptions {
  readonly format: ExportFormat;
  readonly signal?: AbortSignal;
  /** Called after each chunk is written, with the number of items written so far. */
  readonly onProgress?: (itemsWritten: number) => void;
  /** Key attribute names, placed first among CSV columns. */
  readonly keyNames?: readonly string[];
  /** Items buffered to choose CSV columns (default 1,000). */
  readonly csvSampleSize?: number;
}

export interface ExportResult {
  readonly path: string;
  readonly items: number;
  readonly bytes: number;
  /** CSV only: the columns written (attribute names, without types), then `_other`. */
  readonly columns?: readonly string[];
}

/** Exports a page already in memory (the browser's current page). */
export function exportPage(items: readonly JsonItem[], path: string, options: ExportOptions): Promise<ExportResult> {
  return exportItems((async function* () { yield items; })(), path, options);
}

/** Exports the whole result of a request, read again from its beginning in the server's own pages. */
export function exportResult(client: DynamoDBClient, request: ItemRequest, path: string, options: ExportOptions): Promise<ExportResult> {
  return exportItems(readAll(client, request, { signal: options.signal }), path, { ...options, keyNames: options.keyNames ?? startKeyNames(request.target) });
}

/**
 * Reads one batch ahead: the next page is being fetched while this one is converted and written,
 * so the server and the conversion work at the same time. A read still in flight when the
 * consumer stops is left to settle (its rejection, e.g. the abort, is swallowed).
 */
async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T, void> {
  const iterator = source[Symbol.asyncIterator]();
  let pending = iterator.next();
  try {
    for (;;) {
      const result = await pending;
      if (result.done) { return; }
      pending = iterator.next();
      yield result.value;
    }
  } finally {
    pending.catch(() => undefined);
  }
}

/** Exports items from any source of item batches. */
export async function exportItems(batches: AsyncIterable<readonly JsonItem[]>, path: string, options: ExportOptions): Promise<ExportResult> {
  const source = readAhead(batches);
  const partial = `${path}.partial`;
  const stream = createWriteStream(partial, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => undefined);
  const write = async (chunk: string): Promise<void> => {
    if (!stream.write(chunk)) { await Promise.race([once(stream, 'drain'), failed]); }
  };
  let items = 0;
  let columns: readonly string[] | undefined;
  try {
    await Promise.race([once(stream, 'open'), failed]);
    options.signal?.throwIfAborted();
    if (options.format === 'jsonl') {
      for await (const batch of source) {
        options.signal?.throwIfAborted();
        await write(jsonLinesText(batch));
        items += batch.length;
        options.onProgress?.(items);
      }
    } else {
      const csv = new CsvWriter(options.keyNames ?? [], options.csvSampleSize ?? 1000);
      for await (const batch of source) {
        options.signal?.throwIfAborted();
        const chunk = csv.add(batch);
        if (chunk) { await write(chunk); }
        items += batch.length;
        if (chunk) { options.onProgress?.(csv.written); }
      }
      options.signal?.throwIfAborted();
      await write(csv.end());
      options.onProgress?.(items);
      columns = [...csv.columnNames(), '_other'];
    }
    options.signal?.throwIfAborted();
    stream.end();
    await Promise.race([once(stream, 'finish'), failed]);
    await rename(partial, path);
  } catch (error) {
    await discard(stream, partial);
    throw error;
  }
  return { path, items, bytes: stream.bytesWritten, ...(columns ? { columns } : {}) };
}

/** JSON Lines text of a batch: one item per line in DynamoDB JSON. */
export function jsonLinesText(batch: readonly JsonItem[]): string {
  let chunk = '';
  for (const item of batch) { chunk += `${JSON.stringify(item)}\n`; }
  return chunk;
}

async function discard(stream: WriteStream, partial: string): Promise<void> {
  if (!stream.closed) {
    const closed = once(stream, 'close').catch(() => undefined);
    stream.destroy();
    await closed;
  }
  await rm(partial, { force: true });
}

// ---------------------------------------------------------------------------------------------
// CSV

const PLAIN_TYPES: ReadonlySet<ValueType> = new Set(['S', 'N', 'B', 'BOOL']);

/** A CSV column: an attribute name and the type its plain cells hold. */
export interface Column { readonly name: string; readonly type: ValueType }

export class CsvWriter {
  private sample: JsonItem[] = [];
  private columns: Column[] | undefined;
  written = 0;

  /** `columns`: the columns of a file being continued (resume), so no header is written. */
  constructor(private readonly keyNames: readonly string[], private readonly sampleSize: number, columns?: readonly Column[]) {
    if (columns) { this.columns = [...columns]; }
  }

  /** The columns once chosen (undefined while the sample is being collected). */
  get chosenColumns(): readonly Column[] | undefined { return this.columns; }

  /** Text to write for a batch ('' while the sample is still being collected). */
  add(batch: readonly JsonItem[]): string {
    if (!this.columns) {
      this.sample.push(...batch);
      if (this.sample.length < this.sampleSize) { return ''; }
      return this.flushSample();
    }
    return this.rows(batch);
  }

  end(): string {
    return this.columns ? '' : this.flushSample();
  }

  columnNames(): string[] { return (this.columns ?? []).map(c => c.name); }

  private flushSample(): string {
    this.columns = chooseCsvColumns(this.sample, this.keyNames);
    const header = [...this.columns.map(c => `${c.name}:${c.type}`), '_other'].map(csvField).join(',');
    const text = `${header}\r\n${this.rows(this.sample)}`;
    this.sample = [];
    return text;
  }

  private rows(items: readonly JsonItem[]): string {
    const columns = this.columns!;
    const names = new Set(columns.map(c => c.name));
    let text = '';
    for (const item of items) {
      const fields = columns.map(c => {
        const value = attributeOf(item, c.name);
        return value ? csvField(cellText(value, c.type)) : '';
      });
      let other: Record<string, JsonAttributeValue> | undefined;
      for (const name of Object.keys(item)) {
        if (!names.has(name)) { setAttribute(other ??= {}, name, item[name]!); }
      }
      fields.push(other ? csvField(JSON.stringify(other)) : '');
      text += `${fields.join(',')}\r\n`;
    }
    this.written += items.length;
    return text;
  }
}

function chooseCsvColumns(sample: readonly JsonItem[], keyNames: readonly string[]): Column[] {
  const counts = new Map<string, number>();
  const types = new Map<string, Map<ValueType, number>>();
  for (const item of sample) {
    for (const [name, value] of Object.entries(item)) {
      counts.set(name, (counts.get(name) ?? 0) + 1);
      const byType = types.get(name) ?? new Map<ValueType, number>();
      const type = typeOf(value);
      byType.set(type, (byType.get(type) ?? 0) + 1);
      types.set(name, byType);
    }
  }
  const typeFor = (name: string): ValueType => {
    const byType = [...(types.get(name) ?? new Map<ValueType, number>()).entries()];
    byType.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return byType[0]?.[0] ?? 'S';
  };
  const keys = keyNames.filter((k, i) => keyNames.indexOf(k) === i);
  const others = [...counts.entries()].filter(([n]) => !keys.includes(n))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([n]) => n);
  return [...keys, ...others].map(name => ({ name, type: typeFor(name) }));
}

function cellText(value: JsonAttributeValue, columnType: ValueType): string {
  if (PLAIN_TYPES.has(columnType) && typeOf(value) === columnType) {
    if ('S' in value) {
      if (value.S !== '' && !value.S.startsWith('{')) { return value.S; }
    } else if ('N' in value) {
      return value.N;
    } else if ('B' in value) {
      if (value.B !== '') { return value.B; }
    } else if ('BOOL' in value) {
      return String(value.BOOL);
    }
  }
  return JSON.stringify(value);
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Parses RFC 4180 CSV text chunk by chunk into records (arrays of fields). */
export class CsvParser {
  private field = '';
  private record: string[] = [];
  private quoted = false;
  private afterQuote = false;
  private pendingCr = false;
  private started = false;

  push(chunk: string, out: string[][]): void {
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i]!;
      if (this.quoted) {
        if (ch === '"') { this.quoted = false; this.afterQuote = true; } else { this.field += ch; }
        continue;
      }
      if (this.pendingCr) {
        this.pendingCr = false;
        if (ch === '\n') { continue; }
      }
      if (ch === '"') {
        if (this.afterQuote) { this.field += '"'; this.quoted = true; this.afterQuote = false; continue; }
        if (this.field !== '') { throw new Error('CSV: a quote inside an unquoted field'); }
        this.quoted = true;
        this.started = true;
        continue;
      }
      this.afterQuote = false;
      if (ch === ',') { this.record.push(this.field); this.field = ''; this.started = true; continue; }
      if (ch === '\r' || ch === '\n') {
        this.record.push(this.field);
        out.push(this.record);
        this.record = [];
        this.field = '';
        this.started = false;
        this.pendingCr = ch === '\r';
        continue;
      }
      this.field += ch;
      this.started = true;
    }
  }

  end(out: string[][]): void {
    if (this.quoted) { throw new Error('CSV: unclosed quoted field at the end'); }
    if (this.started || this.field !== '' || this.record.length) {
      this.record.push(this.field);
      out.push(this.record);
    }
  }
}

/** Reads a JSON Lines export back into items (DynamoDB JSON, validated). */
export async function readJsonLines(path: string): Promise<JsonItem[]> {
  const items: JsonItem[] = [];
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let number = 0;
  for await (const line of lines) {
    number++;
    if (line.trim() === '') { continue; }
    try {
      items.push(validateItem(JSON.parse(line), `line ${number}`));
    } catch (error) {
      throw new Error(`${path}: line ${number}: ${(error as Error).message}`);
    }
  }
  return items;
}

/** Reads a CSV export (the format documented above) back into items. */
export async function readCsv(path: string): Promise<JsonItem[]> {
  const parser = new CsvParser();
  const records: string[][] = [];
  const items: JsonItem[] = [];
  let columns: Column[] | undefined;
  let row = 0;
  const take = (): void => {
    for (const record of records) {
      row++;
      if (!columns) { columns = parseHeader(record, path); continue; }
      items.push(parseRow(record, columns, `${path}: row ${row}`));
    }
    records.length = 0;
  };
  for await (const chunk of createReadStream(path, { encoding: 'utf8' })) {
    parser.push(chunk as string, records);
    take();
  }
  parser.end(records);
  take();
  return items;
}

export function parseHeader(record: string[], path: string): Column[] {
  if (record[record.length - 1] !== '_other') { throw new Error(`${path}: the last CSV column must be _other`); }
  return record.slice(0, -1).map(field => {
    const at = field.lastIndexOf(':');
    const type = field.slice(at + 1) as ValueType;
    if (at <= 0 || !['S', 'N', 'B', 'BOOL', 'NULL', 'SS', 'NS', 'BS', 'L', 'M'].includes(type)) {
      throw new Error(`${path}: CSV header ${JSON.stringify(field)} is not name:TYPE`);
    }
    return { name: field.slice(0, at), type };
  });
}

export function parseRow(record: string[], columns: readonly Column[], where: string): JsonItem {
  if (record.length !== columns.length + 1) { throw new Error(`${where}: ${record.length} fields, expected ${columns.length + 1}`); }
  const item: Record<string, JsonAttributeValue> = {};
  columns.forEach((column, i) => {
    const text = record[i]!;
    if (text === '') { return; }
    const at = `${where}, column ${column.name}`;
    if (text.startsWith('{')) {
      setAttribute(item, column.name, validateValue(JSON.parse(text), at));
      return;
    }
    const plain: unknown = column.type === 'S' ? { S: text } : column.type === 'N' ? { N: text } : column.type === 'B' ? { B: text }
      : column.type === 'BOOL' && (text === 'true' || text === 'false') ? { BOOL: text === 'true' } : undefined;
    if (plain === undefined) { throw new Error(`${at}: ${JSON.stringify(text)} is not a ${column.type} value`); }
    setAttribute(item, column.name, validateValue(plain, at));
  });
  const other = record[columns.length]!;
  if (other !== '') {
    for (const [name, value] of Object.entries(validateItem(JSON.parse(other), `${where}, _other`))) { setAttribute(item, name, value); }
  }
  return item;
}
