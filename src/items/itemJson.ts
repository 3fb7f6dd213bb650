/**
 * Item <-> text for the editor and the grid, without ever corrupting an item.
 *
 * Two text forms:
 * - DynamoDB JSON (the default for editing): exact. `parseDynamoJson(formatDynamoJson(item))`
 *   deep-equals `item` for every item: N stays a string, B/BS are base64, sets keep their order,
 *   empty strings and NULL stay what they are. Parsing is strict (one type key per value, base64
 *   in canonical form, valid number text, no empty or duplicate sets) and names the path of the
 *   first error.
 * - Plain JSON (display): `unmarshall` with `wrapNumbers: true`, numbers written with their exact
 *   digits, sets shown as arrays and binary as base64 strings (each noted). Editing in plain JSON
 *   is allowed only when it round-trips losslessly: no sets, no binary, and every number's text
 *   is the one JavaScript would print for it (so `1.50`, 2^53+1 or 38-digit numbers make an item
 *   DynamoDB-JSON-only). `plainJsonEditable(item)` says which, with reasons.
 *
 * Attribute names are own properties everywhere, `__proto__` included (model/items.ts): maps are
 * built with `Object.fromEntries`, never by assignment, and util-dynamodb's marshall/unmarshall,
 * which assign, are used for scalar values only.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { LiveKeyElement } from '../model/live';
import type { DisplayValue, JsonAttributeValue, JsonItem, ValueType } from '../model/items';
import { VALUE_TYPES } from '../model/items';

/** A text that is not a valid item, with the JSON path of the fault (`$.tags.SS[1]`). */
export class ItemParseError extends Error {
  constructor(readonly path: string, detail: string) {
    super(`${path}: ${detail}`);
    this.name = 'ItemParseError';
  }
}

// ---------------------------------------------------------------------------------------------
// SDK <-> DynamoDB JSON

export function toJsonValue(value: AttributeValue): JsonAttributeValue {
  if (value.S !== undefined) { return { S: value.S }; }
  if (value.N !== undefined) { return { N: value.N }; }
  if (value.B !== undefined) { return { B: base64(value.B) }; }
  if (value.BOOL !== undefined) { return { BOOL: value.BOOL }; }
  if (value.NULL !== undefined) { return { NULL: true }; }
  if (value.SS !== undefined) { return { SS: [...value.SS] }; }
  if (value.NS !== undefined) { return { NS: [...value.NS] }; }
  if (value.BS !== undefined) { return { BS: value.BS.map(base64) }; }
  if (value.L !== undefined) { return { L: value.L.map(toJsonValue) }; }
  if (value.M !== undefined) { return { M: toJsonItem(value.M) }; }
  throw new Error(`unsupported attribute value with keys ${Object.keys(value).join(', ') || '(none)'}`);
}

export function toJsonItem(item: Record<string, AttributeValue>): JsonItem {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => {
    // The SDK can lose a value (protoAttributes.ts); say so rather than fail on `undefined.S`.
    if (value === undefined) { throw new Error(`the answer has no value for the attribute ${JSON.stringify(name)}`); }
    return [name, toJsonValue(value)];
  }));
}

export function toSdkValue(value: JsonAttributeValue): AttributeValue {
  if ('S' in value) { return { S: value.S }; }
  if ('N' in value) { return { N: value.N }; }
  if ('B' in value) { return { B: fromBase64(value.B) }; }
  if ('BOOL' in value) { return { BOOL: value.BOOL }; }
  if ('NULL' in value) { return { NULL: true }; }
  if ('SS' in value) { return { SS: [...value.SS] }; }
  if ('NS' in value) { return { NS: [...value.NS] }; }
  if ('BS' in value) { return { BS: value.BS.map(fromBase64) }; }
  if ('L' in value) { return { L: value.L.map(toSdkValue) }; }
  return { M: toSdkItem(value.M) };
}

export function toSdkItem(item: JsonItem): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, toSdkValue(value)]));
}

export function typeOf(value: JsonAttributeValue): ValueType {
  return Object.keys(value)[0] as ValueType;
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

function fromBase64(text: string): Uint8Array {
  const buffer = Buffer.from(text, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

// ---------------------------------------------------------------------------------------------
// DynamoDB JSON text

/** The editor text of an item: DynamoDB JSON, two-space indented, attributes in the item's order. */
export function formatDynamoJson(item: JsonItem): string {
  return `${JSON.stringify(item, null, 2)}\n`;
}

/** Parses and validates DynamoDB JSON text into an item; throws ItemParseError naming the path. */
export function parseDynamoJson(text: string): JsonItem {
  let parsed: unknown;
  try { parsed = JSON.parse(text); } catch (error) {
    throw new ItemParseError('$', `not valid JSON (${(error as Error).message})`);
  }
  return validateItem(parsed, '$');
}

/** Checks that `value` is an item in DynamoDB JSON; returns it typed (a fresh copy). */
export function validateItem(value: unknown, path = '$'): JsonItem {
  if (!isPlainObject(value)) { throw new ItemParseError(path, 'expected an object of attributes'); }
  return Object.fromEntries(Object.entries(value).map(([name, attribute]) => [name, validateValue(attribute, `${path}.${name}`)]));
}

/** DynamoDB's number text: optional sign, digits with an optional fraction, optional exponent. */
const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const BASE64_TEXT = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function isNumberText(text: string): boolean { return NUMBER_TEXT.test(text); }

/** Canonical base64 only (what DynamoDB and `formatDynamoJson` write), so text maps to one byte string. */
export function isBase64Text(text: string): boolean {
  return BASE64_TEXT.test(text) && Buffer.from(text, 'base64').toString('base64') === text;
}

export function validateValue(value: unknown, path: string): JsonAttributeValue {
  if (!isPlainObject(value)) { throw new ItemParseError(path, 'expected an attribute value like {"S": "text"}'); }
  const keys = Object.keys(value);
  if (keys.length !== 1) {
    throw new ItemParseError(path, `an attribute value has exactly one type key (S, N, B, BOOL, NULL, SS, NS, BS, L, M); found ${keys.length ? keys.join(', ') : 'none'}`);
  }
  const type = keys[0]!;
  const inner: unknown = value[type];
  const at = `${path}.${type}`;
  switch (type) {
    case 'S':
      if (typeof inner !== 'string') { throw new ItemParseError(at, 'S holds a string'); }
      return { S: inner };
    case 'N':
      if (typeof inner !== 'string') { throw new ItemParseError(at, 'N holds the number as a string, e.g. {"N": "42"} (a JSON number could lose digits)'); }
      if (!isNumberText(inner)) { throw new ItemParseError(at, `not a number: ${JSON.stringify(inner)}`); }
      return { N: inner };
    case 'B':
      if (typeof inner !== 'string' || !isBase64Text(inner)) { throw new ItemParseError(at, 'B holds base64 text'); }
      return { B: inner };
    case 'BOOL':
      if (typeof inner !== 'boolean') { throw new ItemParseError(at, 'BOOL holds true or false'); }
      return { BOOL: inner };
    case 'NULL':
      if (inner !== true) { throw new ItemParseError(at, 'NULL holds true'); }
      return { NULL: true };
    case 'SS': case 'NS': case 'BS': {
      if (!Array.isArray(inner) || inner.length === 0) { throw new ItemParseError(at, `${type} holds a non-empty array (DynamoDB has no empty sets)`); }
      const seen = new Set<string>();
      inner.forEach((element: unknown, i) => {
        if (typeof element !== 'string') { throw new ItemParseError(`${at}[${i}]`, `${type} elements are strings`); }
        if (type === 'NS' && !isNumberText(element)) { throw new ItemParseError(`${at}[${i}]`, `not a number: ${JSON.stringify(element)}`); }
        if (type === 'BS' && !isBase64Text(element)) { throw new ItemParseError(`${at}[${i}]`, 'BS elements are base64 text'); }
        if (seen.has(element)) { throw new ItemParseError(`${at}[${i}]`, `duplicate set element ${JSON.stringify(element)}`); }
        seen.add(element);
      });
      const elements = inner as string[];
      return type === 'SS' ? { SS: [...elements] } : type === 'NS' ? { NS: [...elements] } : { BS: [...elements] };
    }
    case 'L':
      if (!Array.isArray(inner)) { throw new ItemParseError(at, 'L holds an array of attribute values'); }
      return { L: inner.map((element: unknown, i) => validateValue(element, `${at}[${i}]`)) };
    case 'M':
      return { M: validateItem(inner, at) };
    default:
      throw new ItemParseError(path, `unknown type ${JSON.stringify(type)}; expected one of ${VALUE_TYPES.join(', ')}`);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A canonical text of an item for comparisons: map keys sorted at every level; lists and sets
 * keep their order. Two items with equal canonical text are the same bytes.
 */
export function canonicalJson(item: JsonItem): string {
  return JSON.stringify(sortKeys(item));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) { return value.map(sortKeys); }
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.keys(value).sort().map(key => [key, sortKeys(value[key])]));
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Plain JSON

export interface PlainJson {
  readonly text: string;
  /** True when the text round-trips to the same item (see `plainJsonEditable`). */
  readonly editable: boolean;
  /** What the plain view cannot show as is (sets as arrays, binary as base64, exact digits). */
  readonly notes: readonly string[];
}

/** Whether an item can be edited as plain JSON without loss; `reasons` says why not. */
export function plainJsonEditable(item: JsonItem): { editable: boolean; reasons: string[] } {
  const reasons: string[] = [];
  const visit = (value: JsonAttributeValue, path: string): void => {
    if ('SS' in value || 'NS' in value || 'BS' in value) { reasons.push(`${path} is a set (${typeOf(value)}), shown as an array`); return; }
    if ('B' in value) { reasons.push(`${path} is binary, shown as base64`); return; }
    if ('N' in value) {
      if (String(Number(value.N)) !== value.N) { reasons.push(`${path} is the number ${value.N}, which JSON editors cannot keep exactly`); }
      return;
    }
    if ('L' in value) { value.L.forEach((v, i) => visit(v, `${path}[${i}]`)); return; }
    if ('M' in value) { for (const [k, v] of Object.entries(value.M)) { visit(v, `${path}.${k}`); } }
  };
  for (const [name, value] of Object.entries(item)) { visit(value, name); }
  return { editable: reasons.length === 0, reasons };
}

/**
 * The plain JSON view of an item, written from DynamoDB JSON directly (what `unmarshall` with
 * `wrapNumbers` would give, digits kept exactly, but keeping a `__proto__` attribute, which
 * `unmarshall` turns into a prototype).
 */
export function formatPlainJson(item: JsonItem): PlainJson {
  const { editable, reasons } = plainJsonEditable(item);
  return { text: `${stringifyPlain({ M: item }, '')}\n`, editable, notes: reasons };
}

function stringifyPlain(value: JsonAttributeValue, indent: string): string {
  const inner = `${indent}  `;
  const list = (elements: readonly string[]): string => (elements.length === 0 ? '[]' : `[\n${elements.map(e => inner + e).join(',\n')}\n${indent}]`);
  if ('S' in value) { return JSON.stringify(value.S); }
  if ('N' in value) { return value.N; }
  if ('B' in value) { return JSON.stringify(value.B); }
  if ('BOOL' in value) { return String(value.BOOL); }
  if ('NULL' in value) { return 'null'; }
  if ('SS' in value) { return list(value.SS.map(s => JSON.stringify(s))); }
  if ('NS' in value) { return list(value.NS); }
  if ('BS' in value) { return list(value.BS.map(b => JSON.stringify(b))); }
  if ('L' in value) { return list(value.L.map(v => stringifyPlain(v, inner))); }
  const entries = Object.entries(value.M);
  if (entries.length === 0) { return '{}'; }
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${stringifyPlain(v, inner)}`).join(',\n')}\n${indent}}`;
}

/**
 * Parses plain JSON (an object) into an item with `marshall`: numbers become N, strings S,
 * booleans BOOL, null NULL, arrays L, objects M. Numbers beyond 2^53 are refused by marshall
 * rather than rounded; use DynamoDB JSON for sets, binary and exact large numbers.
 */
export function parsePlainJson(text: string): JsonItem {
  let parsed: unknown;
  try { parsed = JSON.parse(text); } catch (error) {
    throw new ItemParseError('$', `not valid JSON (${(error as Error).message})`);
  }
  if (!isPlainObject(parsed)) { throw new ItemParseError('$', 'expected an object of attributes'); }
  try {
    return plainMap(parsed);
  } catch (error) {
    throw new ItemParseError('$', (error as Error).message);
  }
}

/** Objects and arrays here (own properties kept), scalars by `marshall`. */
function plainMap(value: Record<string, unknown>): JsonItem {
  return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, plainValue(inner)]));
}

function plainValue(value: unknown): JsonAttributeValue {
  if (isPlainObject(value)) { return { M: plainMap(value) }; }
  if (Array.isArray(value)) { return { L: value.map(plainValue) }; }
  return toJsonValue(marshall({ value }, { convertEmptyValues: false, removeUndefinedValues: false }).value!);
}

// ---------------------------------------------------------------------------------------------
// Grid

/** Short readable text of a value for a grid cell; the type is carried beside it. */
export function displayValue(value: JsonAttributeValue, maxLength = 60): DisplayValue {
  const type = typeOf(value);
  const full = displayText(value, maxLength + 1);
  const truncated = full.length > maxLength;
  return { type, text: truncated ? `${full.slice(0, Math.max(0, maxLength - 1))}…` : full, truncated };
}

/** Readable text, built only up to about `budget` characters (a huge list is not stringified whole). */
function displayText(value: JsonAttributeValue, budget: number): string {
  if ('S' in value) { return value.S; }
  if ('N' in value) { return value.N; }
  if ('B' in value) { return `${value.B} (${Buffer.from(value.B, 'base64').length} bytes)`; }
  if ('BOOL' in value) { return String(value.BOOL); }
  if ('NULL' in value) { return 'null'; }
  if ('SS' in value) { return bounded('{', lazy(value.SS, s => JSON.stringify(s)), '}', budget); }
  if ('NS' in value) { return bounded('{', value.NS, '}', budget); }
  if ('BS' in value) { return bounded('{', value.BS, '}', budget); }
  if ('L' in value) { return bounded('[', lazy(value.L, v => displayInner(v, budget)), ']', budget); }
  return bounded('{', lazy(Object.entries(value.M), ([k, v]) => `${k}: ${displayInner(v, budget)}`), '}', budget);
}

function displayInner(value: JsonAttributeValue, budget: number): string {
  return 'S' in value ? JSON.stringify(value.S) : displayText(value, budget);
}

function* lazy<T>(values: Iterable<T>, map: (value: T) => string): Iterable<string> {
  for (const value of values) { yield map(value); }
}

function bounded(open: string, parts: Iterable<string>, close: string, budget: number): string {
  let text = open;
  let first = true;
  for (const part of parts) {
    text += (first ? '' : ', ') + part;
    first = false;
    if (text.length > budget) { return text; }
  }
  return text + close;
}

/**
 * Grid columns: the key attributes first (in the order given, deduplicated), then the other
 * attributes by how many items hold them (most first, ties by name), up to `max` columns in all
 * (keys are always included even if they alone exceed `max`).
 */
export function chooseColumns(items: readonly JsonItem[], keySchema: readonly LiveKeyElement[], max = 8): string[] {
  const columns: string[] = [];
  for (const key of keySchema) { if (!columns.includes(key.name)) { columns.push(key.name); } }
  const counts = new Map<string, number>();
  for (const item of items) {
    for (const name of Object.keys(item)) {
      if (!columns.includes(name)) { counts.set(name, (counts.get(name) ?? 0) + 1); }
    }
  }
  const others = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [name] of others) {
    if (columns.length >= max) { break; }
    columns.push(name);
  }
  return columns;
}
