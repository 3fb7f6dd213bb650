/**
 * Import of items from a file into a table: a dry run (read and check every line, write nothing)
 * and the import itself (the same reading, then BatchWriteItem through batchWrite.ts).
 *
 * The file is streamed: read in chunks with backpressure (gunzipped on the fly when its first
 * bytes say gzip), split into lines or CSV records as it goes, so memory stays flat whatever its
 * size; nothing but the batches in flight is held. The line formats are in items/importFormat.ts.
 *
 * Puts are idempotent by key: an import killed or cancelled half-way, run again on the same
 * file, ends with exactly the file's items in the table (items with the same key are replaced,
 * other items of the table are left alone). No vscode import; every call takes an AbortSignal.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { JsonItem } from '../model/items';
import type { LiveTable } from '../model/live';
import type { DryRunReport, ImportFormat, ImportTable, InvalidLine, JsonFlavor } from '../items/importFormat';
import { checkItem, detectJsonFlavor, isGzip, looksLikeCsv, parseJsonLine, writeUnits } from '../items/importFormat';
import { BatchWriter, type WriteProgress } from './batchWrite';
import { CsvParser, parseHeader, parseRow, type Column } from './itemExport';
import { describeTable } from './tables';

/** One line (or CSV record) of the file: an item, or why it is not one. */
export interface SourceRecord {
  readonly line: number;
  readonly item?: JsonItem;
  readonly error?: string;
}

/** A problem with the file as a whole (unreadable, a CSV header that is not ours): one message. */
export class ImportFileError extends Error {
  constructor(message: string) { super(message); this.name = 'ImportFileError'; }
}

/** The file's items, line by line, in batches (one per chunk read). */
export class ImportSource {
  /** Known once reading has started. */
  format: ImportFormat | undefined;
  gzip = false;
  bytes = 0;

  constructor(readonly path: string, private readonly forced?: ImportFormat) {
    this.format = forced;
  }

  async *records(signal?: AbortSignal): AsyncGenerator<SourceRecord[], void> {
    this.gzip = await this.detectGzip();
    const raw = createReadStream(this.path, { highWaterMark: 256 * 1024 });
    raw.on('data', (chunk: Buffer | string) => { this.bytes += chunk.length; });
    const input = this.gzip ? raw.pipe(createGunzip()) : raw;
    raw.once('error', error => input.destroy(error));
    const decoder = new StringDecoder('utf8');
    let rest = '';
    let line = 0;
    let flavor: JsonFlavor | undefined = this.forced === 'csv' ? undefined : this.forced;
    let csv: { parser: CsvParser; columns?: Column[]; records: string[][] } | undefined;
    const csvRecords = (out: SourceRecord[]): void => {
      for (const record of csv!.records) {
        line++;
        if (!csv!.columns) {
          try { csv!.columns = parseHeader(record, this.path); } catch (error) { throw new ImportFileError((error as Error).message); }
          continue;
        }
        try {
          out.push({ line, item: parseRow(record, csv!.columns, `row ${line}`) });
        } catch (error) {
          out.push({ line, error: (error as Error).message.replace(/^row \d+(, )?:?\s*/, '') });
        }
      }
      csv!.records.length = 0;
    };
    const jsonLines = (text: string, out: SourceRecord[]): void => {
      const parts = text.split('\n');
      for (const part of parts) {
        line++;
        const text = part.endsWith('\r') ? part.slice(0, -1) : part;
        if (text.trim() === '') { continue; }
        flavor ??= detectJsonFlavor(text);
        if (!flavor) { out.push({ line, error: 'not a JSON object' }); continue; }
        this.format ??= flavor;
        try { out.push({ line, item: parseJsonLine(text, flavor) }); } catch (error) { out.push({ line, error: (error as Error).message }); }
      }
    };
    try {
      for await (const chunk of input) {
        signal?.throwIfAborted();
        let text = decoder.write(chunk as Buffer);
        const out: SourceRecord[] = [];
        if (this.format === undefined && !csv && flavor === undefined) {
          const head = (rest + text).replace(/^\uFEFF/, '');
          if (head.trim() === '') { rest += text; continue; }
          if (this.forced === 'csv' || looksLikeCsv(head)) { this.format = 'csv'; }
        }
        if (this.format === 'csv' || this.forced === 'csv') {
          this.format = 'csv';
          csv ??= { parser: new CsvParser(), records: [] };
          if (rest) { text = rest + text; rest = ''; }
          try { csv.parser.push(line === 0 && !csv.columns ? text.replace(/^\uFEFF/, '') : text, csv.records); } catch (error) {
            throw new ImportFileError(`${this.path}: CSV after row ${line + csv.records.length}: ${(error as Error).message.replace(/^CSV: /, '')}`);
          }
          csvRecords(out);
        } else {
          text = rest + text;
          const end = text.lastIndexOf('\n');
          if (end < 0) { rest = text; continue; }
          rest = text.slice(end + 1);
          jsonLines(text.slice(0, end), out);
        }
        if (out.length) { yield out; }
      }
      const tail = rest + decoder.end();
      const out: SourceRecord[] = [];
      if (this.format === 'csv') {
        try { csv!.parser.push(tail, csv!.records); csv!.parser.end(csv!.records); } catch (error) {
          throw new ImportFileError(`${this.path}: CSV at the end: ${(error as Error).message.replace(/^CSV: /, '')}`);
        }
        csvRecords(out);
        if (!csv!.columns) { throw new ImportFileError(`${this.path}: the CSV file is empty (no header)`); }
      } else if (tail.trim() !== '') {
        jsonLines(tail, out);
      }
      if (out.length) { yield out; }
    } catch (error) {
      throw fileError(this.path, error);
    } finally {
      raw.destroy();
    }
  }

  private async detectGzip(): Promise<boolean> {
    let handle;
    try {
      handle = await open(this.path, 'r');
      const head = Buffer.alloc(2);
      const { bytesRead } = await handle.read(head, 0, 2, 0);
      return isGzip(head.subarray(0, bytesRead));
    } catch (error) {
      throw fileError(this.path, error);
    } finally {
      await handle?.close();
    }
  }
}

function fileError(path: string, error: unknown): unknown {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') { return new ImportFileError(`cannot read ${path}: no such file`); }
  if (code === 'EISDIR') { return new ImportFileError(`cannot read ${path}: it is a directory`); }
  if (code === 'EACCES' || code === 'EPERM') { return new ImportFileError(`cannot read ${path}: permission denied`); }
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') { return new ImportFileError(`${path} starts like gzip but is not valid gzip (${(error as Error).message})`); }
  return error;
}

/** The table as the import checks it (keys, key types, index keys). */
export function importTableOf(table: Pick<LiveTable, 'name' | 'keySchema' | 'attributes' | 'globalSecondaryIndexes' | 'localSecondaryIndexes'>): ImportTable {
  const keyNames = table.keySchema.map(k => k.name);
  const indexKeys: Record<string, string[]> = {};
  for (const index of [...table.globalSecondaryIndexes, ...table.localSecondaryIndexes]) {
    for (const key of index.keySchema) {
      if (keyNames.includes(key.name)) { continue; }
      (indexKeys[key.name] ??= []).push(index.name);
    }
  }
  return { name: table.name, keyNames, indexKeys, attributeTypes: table.attributes };
}

export interface ImportOptions {
  readonly format?: ImportFormat;
  readonly signal?: AbortSignal;
  /** Invalid lines and refused writes tolerated; one more stops the import (default 0). */
  readonly maxErrors?: number;
  /** Batches in flight (default 8). */
  readonly concurrency?: number;
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Dry run: called with the number of lines read so far. */
  readonly onRead?: (lines: number, bytes: number) => void;
}

export interface ImportProgress extends WriteProgress {
  readonly lines: number;
  readonly bytes: number;
}

/** Reads and checks the whole file against the table; writes nothing. */
export async function dryRunImport(client: DynamoDBClient, tableName: string, path: string, options: ImportOptions = {}): Promise<DryRunReport & { table: LiveTable }> {
  const live = await describeTable(client, tableName, { signal: options.signal });
  const table = importTableOf(live);
  const source = new ImportSource(path, options.format);
  const invalid: InvalidLine[] = [];
  let invalidCount = 0;
  let items = 0;
  let units = 0;
  let lines = 0;
  for await (const batch of source.records(options.signal)) {
    for (const record of batch) {
      lines = record.line;
      const reason = record.error ?? checkItem(record.item!, table);
      if (reason !== undefined) {
        invalidCount++;
        if (invalid.length < 100) { invalid.push({ line: record.line, reason }); }
        continue;
      }
      items++;
      units += writeUnits(record.item!);
    }
    options.onRead?.(lines, source.bytes);
  }
  return {
    table: live, format: source.format ?? 'dynamodb-json', gzip: source.gzip, lines, items, invalid, invalidCount,
    writeUnits: units, bytes: source.bytes, globalIndexes: live.globalSecondaryIndexes.length,
  };
}

export interface ImportResult {
  readonly written: number;
  readonly invalid: readonly InvalidLine[];
  readonly invalidCount: number;
  readonly elapsedMs: number;
}

/** Too many errors: the import stopped (what was written stays; running it again is safe). */
export class ImportStoppedError extends Error {
  constructor(message: string, readonly written: number, readonly invalid: readonly InvalidLine[]) {
    super(message);
    this.name = 'ImportStoppedError';
  }
}

/**
 * Writes the file's valid items to the table. Invalid lines and refused writes are collected;
 * more than `maxErrors` of them stop the import. Cancel (the signal) waits for the batches in
 * flight and throws the abort.
 */
export async function importFile(client: DynamoDBClient, table: ImportTable, path: string, options: ImportOptions = {}): Promise<ImportResult> {
  const maxErrors = options.maxErrors ?? 0;
  const source = new ImportSource(path, options.format);
  const invalid: InvalidLine[] = [];
  let invalidCount = 0;
  let lines = 0;
  const started = Date.now();
  const stopper = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stopper.signal]) : stopper.signal;
  const noteError = (bad: InvalidLine): void => {
    invalidCount++;
    if (invalid.length < 100) { invalid.push(bad); }
    if (invalidCount > maxErrors) { stopper.abort(new ImportStoppedError(tooMany(invalidCount, maxErrors, bad), writer.done, invalid)); }
  };
  const writer = new BatchWriter(client, table.name, table.keyNames, {
    concurrency: options.concurrency, signal,
    onProgress: progress => options.onProgress?.({ ...progress, lines, bytes: source.bytes }),
    onFailure: failure => noteError({ line: failure.line ?? 0, reason: `refused by DynamoDB: ${failure.reason}` }),
  });
  try {
    for await (const batch of source.records(signal)) {
      for (const record of batch) {
        lines = record.line;
        const reason = record.error ?? checkItem(record.item!, table);
        if (reason !== undefined) {
          noteError({ line: record.line, reason });
          signal.throwIfAborted();
          continue;
        }
        await writer.put(record.item!, record.line);
      }
    }
    await writer.flush();
  } catch (error) {
    await writer.settle();
    if (stopper.signal.aborted) { throw stopper.signal.reason as Error; }
    throw error;
  }
  if (stopper.signal.aborted) { throw stopper.signal.reason as Error; }
  return { written: writer.done, invalid, invalidCount, elapsedMs: Date.now() - started };
}

function tooMany(count: number, maxErrors: number, last: InvalidLine): string {
  return `stopped after ${count} error(s), more than the ${maxErrors} allowed (--max-errors); the last: line ${last.line}: ${last.reason}. What was written stays; fix the file and run the same import again (puts are idempotent by key).`;
}
