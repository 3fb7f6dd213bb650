/**
 * What an import file holds, line by line, and whether each item fits the table. Pure: no I/O.
 *
 * Formats (one item per line; blank lines are skipped):
 * - `dynamodb-json`: DynamoDB JSON, what our export writes (`{"pk":{"S":"a"},"n":{"N":"1"}}`).
 * - `s3`: DynamoDB's own export to S3, `{"Item":{"pk":{"S":"a"}}}` per line (often gzipped; the
 *   reader detects gzip from the file's first bytes, whatever its name).
 * - `json`: plain JSON objects (`{"pk":"a","n":1}`): numbers become N, strings S, booleans BOOL,
 *   null NULL, arrays L, objects M (numbers beyond 2^53 are refused rather than rounded).
 * - `csv`: the CSV our export writes (header `name:TYPE,...,_other`; see dynamo/itemExport.ts).
 * The JSON flavour is detected from the first non-blank line (`detectJsonFlavor`) unless given.
 *
 * Each item is checked against the table: the table's key attributes present with their declared
 * type (S, N or B), not empty, within DynamoDB's key size limits; an index key attribute, where
 * present, of its declared type and not empty; the item within 400 KB. Write units are estimated
 * from DynamoDB's item size rules (one unit per started KB, per write).
 */
import type { AttributeType } from '../model/spec';
import type { JsonAttributeValue, JsonItem } from '../model/items';
import { attributeOf } from '../model/items';
import { ItemParseError, parsePlainJson, typeOf, validateItem } from './itemJson';

export type JsonFlavor = 'dynamodb-json' | 's3' | 'json';
export type ImportFormat = JsonFlavor | 'csv';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['dynamodb-json', 's3', 'json', 'csv'];

/** A line that is not an item, with its 1-based line number and why. */
export interface InvalidLine {
  readonly line: number;
  readonly reason: string;
}

/** gzip's magic bytes at the start of a file. */
export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** CSV when the first non-blank text does not start with `{`; JSON Lines otherwise. */
export function looksLikeCsv(firstText: string): boolean {
  const trimmed = firstText.replace(/^\uFEFF/, '').trimStart();
  return trimmed !== '' && !trimmed.startsWith('{');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The flavour of a JSON Lines file from its first non-blank line: `s3` when it is `{"Item": {...}}`
 * whose inner object is DynamoDB JSON, `dynamodb-json` when the line is DynamoDB JSON, else `json`.
 * Undefined when the line is not a JSON object.
 */
export function detectJsonFlavor(line: string): JsonFlavor | undefined {
  let parsed: unknown;
  try { parsed = JSON.parse(line.replace(/^\uFEFF/, '')); } catch { return undefined; }
  if (!isObject(parsed)) { return undefined; }
  const keys = Object.keys(parsed);
  if (keys.length === 1 && keys[0] === 'Item' && isObject(parsed.Item)) {
    try { validateItem(parsed.Item); return 's3'; } catch { /* not S3 export */ }
  }
  try { validateItem(parsed); return 'dynamodb-json'; } catch { return 'json'; }
}

/** Parses one JSON Lines line of the given flavour; throws an Error whose message is the reason. */
export function parseJsonLine(line: string, flavor: JsonFlavor): JsonItem {
  const text = line.replace(/^\uFEFF/, '');
  if (flavor === 'json') {
    try { return parsePlainJson(text); } catch (error) { throw new Error(reason(error)); }
  }
  let parsed: unknown;
  try { parsed = JSON.parse(text); } catch (error) {
    throw new Error(`not valid JSON (${(error as Error).message})`);
  }
  try {
    if (flavor === 's3') {
      if (!isObject(parsed) || Object.keys(parsed).length !== 1 || !isObject(parsed.Item)) {
        throw new Error('expected {"Item": {...}} (DynamoDB S3 export)');
      }
      return validateItem(parsed.Item, '$.Item');
    }
    return validateItem(parsed, '$');
  } catch (error) {
    throw new Error(reason(error));
  }
}

function reason(error: unknown): string {
  return error instanceof ItemParseError ? error.message : (error as Error).message;
}

// ---------------------------------------------------------------------------------------------
// Key checks

/** What the import needs of the table: its key schema, key types, and its index keys. */
export interface ImportTable {
  readonly name: string;
  /** Table key attribute names, HASH first. */
  readonly keyNames: readonly string[];
  /** Index key attributes (not table keys): name -> the indexes that use it. */
  readonly indexKeys?: Readonly<Record<string, readonly string[]>>;
  /** Declared types of every key attribute (table and indexes). */
  readonly attributeTypes: Readonly<Record<string, AttributeType>>;
}

/** Partition key values up to 2048 bytes, sort key values up to 1024, items up to 400 KB. */
export const MAX_PARTITION_KEY_BYTES = 2048;
export const MAX_SORT_KEY_BYTES = 1024;
export const MAX_ITEM_BYTES = 400 * 1024;

/** Why the item cannot be written to the table, or undefined when it can. */
export function checkItem(item: JsonItem, table: ImportTable): string | undefined {
  for (const [i, name] of table.keyNames.entries()) {
    const value = attributeOf(item, name);
    const type = attributeOf(table.attributeTypes, name);
    const role = i === 0 ? 'partition key' : 'sort key';
    if (!value) { return `missing the ${role} ${name}`; }
    const problem = keyValueProblem(value, type);
    if (problem) { return `the ${role} ${name} ${problem}`; }
    const bytes = keyBytes(value);
    const max = i === 0 ? MAX_PARTITION_KEY_BYTES : MAX_SORT_KEY_BYTES;
    if (bytes > max) { return `the ${role} ${name} is ${bytes} bytes; DynamoDB allows ${max}`; }
  }
  for (const [name, indexes] of Object.entries(table.indexKeys ?? {})) {
    const value = attributeOf(item, name);
    if (!value) { continue; }
    const problem = keyValueProblem(value, attributeOf(table.attributeTypes, name));
    if (problem) { return `${name} (a key of the index ${indexes.join(', ')}) ${problem}`; }
  }
  const size = itemSize(item);
  if (size > MAX_ITEM_BYTES) { return `the item is ${size} bytes; DynamoDB allows 400 KB (409,600 bytes)`; }
  return undefined;
}

function keyValueProblem(value: JsonAttributeValue, type: AttributeType | undefined): string | undefined {
  const actual = typeOf(value);
  if (type && actual !== type) { return `is of type ${actual}; the table declares ${type}`; }
  if (!type && actual !== 'S' && actual !== 'N' && actual !== 'B') { return `is of type ${actual}; a key is S, N or B`; }
  if (('S' in value && value.S === '') || ('B' in value && value.B === '')) { return 'is empty; DynamoDB refuses an empty key value'; }
  return undefined;
}

function keyBytes(value: JsonAttributeValue): number {
  return 'S' in value ? Buffer.byteLength(value.S, 'utf8') : 'B' in value ? base64Bytes(value.B) : 'N' in value ? numberBytes(value.N) : 0;
}

/** The key of an item as one string, for spotting the same key twice (canonical: key order fixed). */
export function keyString(item: JsonItem, keyNames: readonly string[]): string {
  return JSON.stringify(keyNames.map(name => attributeOf(item, name) ?? null));
}

// ---------------------------------------------------------------------------------------------
// Sizes and write units

function base64Bytes(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

/** DynamoDB's size of a number: about one byte per two significant digits, plus one. */
function numberBytes(text: string): number {
  const digits = text.replace(/^[+-]/, '').replace(/[eE].*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}

function valueSize(value: JsonAttributeValue): number {
  if ('S' in value) { return Buffer.byteLength(value.S, 'utf8'); }
  if ('N' in value) { return numberBytes(value.N); }
  if ('B' in value) { return base64Bytes(value.B); }
  if ('BOOL' in value || 'NULL' in value) { return 1; }
  if ('SS' in value) { return value.SS.reduce((n, s) => n + Buffer.byteLength(s, 'utf8'), 0); }
  if ('NS' in value) { return value.NS.reduce((n, s) => n + numberBytes(s), 0); }
  if ('BS' in value) { return value.BS.reduce((n, s) => n + base64Bytes(s), 0); }
  if ('L' in value) { return 3 + value.L.reduce((n, v) => n + 1 + valueSize(v), 0); }
  return 3 + Object.entries(value.M).reduce((n, [k, v]) => n + 1 + Buffer.byteLength(k, 'utf8') + valueSize(v), 0);
}

/** An item's size by DynamoDB's rules: attribute name bytes plus value bytes. */
export function itemSize(item: JsonItem): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) { size += Buffer.byteLength(name, 'utf8') + valueSize(value); }
  return size;
}

/** Write units of one put or delete of the item on the table (one per started KB). */
export function writeUnits(item: JsonItem): number {
  return Math.max(1, Math.ceil(itemSize(item) / 1024));
}

// ---------------------------------------------------------------------------------------------
// Reports

/** What a dry run found. */
export interface DryRunReport {
  readonly format: ImportFormat;
  readonly gzip: boolean;
  /** Lines read (blank lines included; for CSV, records after the header). */
  readonly lines: number;
  /** Items that can be written. */
  readonly items: number;
  readonly invalid: readonly InvalidLine[];
  /** Invalid lines in all (`invalid` keeps the first 100). */
  readonly invalidCount: number;
  /** Write units the puts consume on the table (GSIs add their own). */
  readonly writeUnits: number;
  readonly bytes: number;
  /** The table's GSIs, whose writes add to `writeUnits`. */
  readonly globalIndexes: number;
}

export function formatDryRun(report: DryRunReport, file: string, table: string): string {
  const lines = [
    `Dry run of ${file} into ${table}: nothing was written.`,
    `Format: ${report.format}${report.gzip ? ' (gzip)' : ''}; ${report.lines.toLocaleString('en-US')} line(s) read.`,
    `Items to write: ${report.items.toLocaleString('en-US')}; invalid lines: ${report.invalidCount.toLocaleString('en-US')}.`,
    `Key attributes checked against the key schema and key types of ${table}. A key found twice: the later line wins.`,
    `Estimated write units: ${report.writeUnits.toLocaleString('en-US')}${report.globalIndexes ? ` on the table, plus the writes of its ${report.globalIndexes} global secondary index(es)` : ''}.`,
  ];
  for (const bad of report.invalid) { lines.push(`  line ${bad.line}: ${bad.reason}`); }
  if (report.invalidCount > report.invalid.length) { lines.push(`  ... and ${report.invalidCount - report.invalid.length} more invalid line(s)`); }
  return lines.join('\n');
}
