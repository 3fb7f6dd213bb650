/**
 * Key condition, filter and condition expressions built with placeholders: every attribute name
 * becomes `#n0, #n1, ...` (so reserved words and odd characters never matter) and every value
 * `:v0, :v1, ...` (so no value is ever pasted into expression text). Numbers stay strings from
 * the user's text to the wire.
 */
import type { AttributeValue, QueryCommandInput, ScanCommandInput } from '@aws-sdk/client-dynamodb';
import type { AttributeType } from '../model/spec';
import type { FilterCondition, ItemRequest, JsonAttributeValue, JsonItem, PartitionKeyCondition, SortKeyCondition, TypedValue } from '../model/items';
import { VALUE_TYPES, hasAttribute } from '../model/items';
import { canonicalJson, isBase64Text, isNumberText, toSdkValue } from './itemJson';

/** A request the user built that DynamoDB would refuse (or that cannot be typed); says which part. */
export class RequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequestError';
  }
}

export type PathSegment = string | number;

/**
 * Parses an attribute path: names separated by `.`, list indexes `[n]`, a name in backquotes
 * taken literally (a doubled backquote inside stands for one): `a.b[2].c`, `` `x.y`[0] ``.
 */
export function parsePath(text: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let i = 0;
  const fail = (why: string): never => { throw new RequestError(`attribute path ${JSON.stringify(text)}: ${why}`); };
  const readName = (): void => {
    if (text[i] === '`') {
      let name = '';
      i++;
      for (;;) {
        if (i >= text.length) { fail('unclosed backquote'); }
        if (text[i] === '`') {
          if (text[i + 1] === '`') { name += '`'; i += 2; continue; }
          i++;
          break;
        }
        name += text[i++];
      }
      if (!name) { fail('empty name'); }
      segments.push(name);
      return;
    }
    const start = i;
    while (i < text.length && text[i] !== '.' && text[i] !== '[' && text[i] !== ']' && text[i] !== '`') { i++; }
    if (i === start) { fail(`expected a name at character ${start + 1}`); }
    segments.push(text.slice(start, i));
  };
  readName();
  while (i < text.length) {
    if (text[i] === '.') { i++; readName(); continue; }
    if (text[i] === '[') {
      const close = text.indexOf(']', i);
      const digits = close < 0 ? '' : text.slice(i + 1, close);
      if (!/^\d+$/.test(digits)) { fail(`expected a list index like [0] at character ${i + 1}`); }
      segments.push(Number(digits));
      i = close + 1;
      continue;
    }
    fail(`unexpected ${JSON.stringify(text[i])} at character ${i + 1}`);
  }
  return segments;
}

/** Collects names and values as placeholders while expressions are written. */
export class ExpressionBuilder {
  private readonly names = new Map<string, string>();
  private readonly values = new Map<string, string>();
  private readonly valueMap: Record<string, AttributeValue> = {};

  /** `#nK` for an attribute name (one placeholder per distinct name). */
  name(attribute: string): string {
    let placeholder = this.names.get(attribute);
    if (!placeholder) {
      placeholder = `#n${this.names.size}`;
      this.names.set(attribute, placeholder);
    }
    return placeholder;
  }

  /** The expression text of a path, every name a placeholder: `#n0.#n1[2].#n2`. */
  path(path: string | readonly PathSegment[]): string {
    const segments = typeof path === 'string' ? parsePath(path) : path;
    return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i ? '.' : ''}${this.name(s)}`)).join('');
  }

  /** `:vK` for a value (equal values share a placeholder). */
  value(value: JsonAttributeValue): string {
    const text = canonicalJson({ v: value });
    let placeholder = this.values.get(text);
    if (!placeholder) {
      placeholder = `:v${this.values.size}`;
      this.values.set(text, placeholder);
      this.valueMap[placeholder] = toSdkValue(value);
    }
    return placeholder;
  }

  get nameCount(): number { return this.names.size; }

  /** ExpressionAttributeNames/Values for the request (omitted when empty, as DynamoDB requires). */
  attributes(): { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, AttributeValue> } {
    const out: { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, AttributeValue> } = {};
    if (this.names.size) { out.ExpressionAttributeNames = Object.fromEntries([...this.names].map(([n, p]) => [p, n])); }
    if (this.values.size) { out.ExpressionAttributeValues = { ...this.valueMap }; }
    return out;
  }
}

/** A user's typed text as an attribute value; `where` names the field in errors. */
export function typedValue(value: TypedValue, where: string): JsonAttributeValue {
  switch (value.type) {
    case 'S': return { S: value.text };
    case 'N': {
      const text = value.text.trim();
      if (!isNumberText(text)) { throw new RequestError(`${where}: ${JSON.stringify(value.text)} is not a number`); }
      return { N: text };
    }
    case 'B': {
      const text = value.text.trim();
      if (!isBase64Text(text)) { throw new RequestError(`${where}: binary values are typed as base64`); }
      return { B: text };
    }
    case 'BOOL': {
      const text = value.text.trim().toLowerCase();
      if (text !== 'true' && text !== 'false') { throw new RequestError(`${where}: BOOL is true or false`); }
      return { BOOL: text === 'true' };
    }
    case 'NULL': return { NULL: true };
    default: throw new RequestError(`${where}: unknown value type ${JSON.stringify((value as TypedValue).type)}`);
  }
}

function keyValue(type: AttributeType, text: string, where: string): JsonAttributeValue {
  const value = typedValue({ type, text }, where);
  if (('S' in value && value.S === '') || ('B' in value && value.B === '')) { throw new RequestError(`${where}: a key value cannot be empty`); }
  return value;
}

/** `#pk = :v AND <sort key condition>`. */
export function keyConditionExpression(b: ExpressionBuilder, pk: PartitionKeyCondition, sk?: SortKeyCondition): string {
  const parts = [`${b.name(pk.name)} = ${b.value(keyValue(pk.type, pk.value, `partition key ${pk.name}`))}`];
  if (sk) {
    const where = `sort key ${sk.name}`;
    const name = b.name(sk.name);
    const value = b.value(keyValue(sk.type, sk.value, where));
    switch (sk.operator) {
      case '=': case '<': case '<=': case '>': case '>=':
        parts.push(`${name} ${sk.operator} ${value}`);
        break;
      case 'between':
        if (sk.value2 === undefined) { throw new RequestError(`${where}: between needs two values`); }
        parts.push(`${name} BETWEEN ${value} AND ${b.value(keyValue(sk.type, sk.value2, `${where} (upper bound)`))}`);
        break;
      case 'begins_with':
        if (sk.type === 'N') { throw new RequestError(`${where}: begins_with works on strings and binary, not numbers`); }
        parts.push(`begins_with(${name}, ${value})`);
        break;
      default:
        throw new RequestError(`${where}: unknown operator ${JSON.stringify(sk.operator)}`);
    }
  }
  return parts.join(' AND ');
}

/** The filter terms joined with AND, or undefined when there are none. */
export function filterExpression(b: ExpressionBuilder, filters: readonly FilterCondition[]): string | undefined {
  const terms = filters.map((f, i) => filterTerm(b, f, `filter ${i + 1} (${f.path})`));
  return terms.length ? terms.join(' AND ') : undefined;
}

function filterTerm(b: ExpressionBuilder, f: FilterCondition, where: string): string {
  const path = b.path(f.path);
  const need = (v: TypedValue | undefined, label = 'a value'): TypedValue => {
    if (!v) { throw new RequestError(`${where}: ${f.operator} needs ${label}`); }
    return v;
  };
  const scalar = (v: TypedValue | undefined, label?: string): string => {
    const typed = need(v, label);
    if (typed.type === 'BOOL' || typed.type === 'NULL') { throw new RequestError(`${where}: ${f.operator} compares strings, numbers or binary, not ${typed.type}`); }
    return b.value(typedValue(typed, where));
  };
  switch (f.operator) {
    case '=': case '<>':
      return `${path} ${f.operator} ${b.value(typedValue(need(f.value), where))}`;
    case '<': case '<=': case '>': case '>=':
      return `${path} ${f.operator} ${scalar(f.value)}`;
    case 'between':
      return `${path} BETWEEN ${scalar(f.value)} AND ${scalar(f.value2, 'an upper bound')}`;
    case 'begins_with': {
      const v = need(f.value);
      if (v.type !== 'S' && v.type !== 'B') { throw new RequestError(`${where}: begins_with takes a string or binary prefix`); }
      return `begins_with(${path}, ${b.value(typedValue(v, where))})`;
    }
    case 'contains':
      return `contains(${path}, ${scalar(f.value)})`;
    case 'attribute_exists': case 'attribute_not_exists':
      return `${f.operator}(${path})`;
    case 'attribute_type': {
      const type = need(f.value, 'a type').text.trim();
      if (!(VALUE_TYPES as readonly string[]).includes(type)) { throw new RequestError(`${where}: attribute_type takes one of ${VALUE_TYPES.join(', ')}`); }
      return `attribute_type(${path}, ${b.value({ S: type })})`;
    }
    default:
      throw new RequestError(`${where}: unknown operator ${JSON.stringify(f.operator)}`);
  }
}

/**
 * The Scan or Query input of a request, without ExclusiveStartKey and Limit (the pager sets
 * those). ReturnConsumedCapacity TOTAL. Throws RequestError for what DynamoDB would refuse.
 */
export function readInput(request: ItemRequest): { command: 'scan'; input: ScanCommandInput } | { command: 'query'; input: QueryCommandInput } {
  const { target } = request;
  if (request.consistentRead && target.indexKind === 'GSI') {
    throw new RequestError(`consistent reads are not available on global secondary index ${target.index}`);
  }
  if (!Number.isInteger(request.pageSize) || request.pageSize < 1) { throw new RequestError(`page size must be a positive whole number, not ${request.pageSize}`); }
  const b = new ExpressionBuilder();
  const base = {
    TableName: target.table,
    ...(target.index ? { IndexName: target.index } : {}),
    ...(request.consistentRead ? { ConsistentRead: true } : {}),
    ReturnConsumedCapacity: 'TOTAL' as const,
  };
  if (request.mode === 'query') {
    if (!request.partitionKey) { throw new RequestError('a query needs a partition key value'); }
    const keySchema = target.indexKeySchema ?? target.tableKeySchema;
    const hash = keySchema.find(k => k.keyType === 'HASH')?.name;
    const range = keySchema.find(k => k.keyType === 'RANGE')?.name;
    if (hash && request.partitionKey.name !== hash) { throw new RequestError(`the partition key of ${target.index ?? target.table} is ${hash}, not ${request.partitionKey.name}`); }
    if (request.sortKey && request.sortKey.name !== range) { throw new RequestError(`${request.sortKey.name} is not the sort key of ${target.index ?? target.table}`); }
    const KeyConditionExpression = keyConditionExpression(b, request.partitionKey, request.sortKey);
    const FilterExpression = filterExpression(b, request.filters ?? []);
    return {
      command: 'query',
      input: { ...base, KeyConditionExpression, ...(FilterExpression ? { FilterExpression } : {}), ...(request.descending ? { ScanIndexForward: false } : {}), ...b.attributes() },
    };
  }
  const FilterExpression = filterExpression(b, request.filters ?? []);
  return { command: 'scan', input: { ...base, ...(FilterExpression ? { FilterExpression } : {}), ...b.attributes() } };
}

/** DynamoDB's expression limits: 4 KB of text, 300 operators and functions. */
export const EXPRESSION_MAX_LENGTH = 4096;
export const EXPRESSION_MAX_OPERATORS = 300;

export interface UnchangedCondition {
  readonly expression: string;
  /** False when the item has too many attributes to compare them all within DynamoDB's limits. */
  readonly complete: boolean;
}

/** One comparison of the unchanged-condition: its operator count, a bound on its text, and a writer. */
interface Term {
  readonly operators: number;
  readonly bound: number;
  readonly make: () => string;
}

/**
 * The comparisons that pin a value at a path. Scalars and sets by `=`; NULL by attribute_type;
 * lists and maps element by element with `size(...)` pinning their length (not `=` on the whole
 * list or map: dynalite, the embedded local server, never finds two lists or maps equal).
 */
function* valueTerms(b: ExpressionBuilder, path: readonly PathSegment[], value: JsonAttributeValue): Generator<Term> {
  const bound = path.length * 8 + 48;
  if ('NULL' in value) {
    yield { operators: 1, bound, make: () => `attribute_type(${b.path(path)}, ${b.value({ S: 'NULL' })})` };
  } else if ('L' in value || 'M' in value) {
    const entries: [PathSegment, JsonAttributeValue][] = 'L' in value ? value.L.map((v, i) => [i, v]) : Object.entries(value.M);
    yield { operators: 1, bound, make: () => `attribute_type(${b.path(path)}, ${b.value({ S: 'L' in value ? 'L' : 'M' })})` };
    yield { operators: 2, bound, make: () => `size(${b.path(path)}) = ${b.value({ N: String(entries.length) })}` };
    for (const [segment, inner] of entries) { yield* valueTerms(b, [...path, segment], inner); }
  } else {
    yield { operators: 1, bound, make: () => `${b.path(path)} = ${b.value(value)}` };
  }
}

/**
 * "The item is as it was read": every attribute of `original` equal (see valueTerms), and every
 * attribute of `next` that the original lacked still absent. Key attributes first, then the
 * others, until DynamoDB's expression limits are reached (then `complete` is false and the
 * caller must check the rest another way). Placeholders are registered only for the terms
 * written: DynamoDB refuses unused ones.
 */
export function unchangedCondition(b: ExpressionBuilder, original: JsonItem, keyNames: readonly string[], next?: JsonItem): UnchangedCondition {
  const names = [...keyNames.filter(k => hasAttribute(original, k)), ...Object.keys(original).filter(k => !keyNames.includes(k))];
  const added = next ? Object.keys(next).filter(k => !hasAttribute(original, k)) : [];
  function* all(): Generator<Term> {
    for (const name of names) { yield* valueTerms(b, [name], original[name]!); }
    for (const name of added) { yield { operators: 1, bound: 40, make: () => `attribute_not_exists(${b.name(name)})` }; }
  }
  const terms: string[] = [];
  let length = 0;
  let operators = 0;
  let complete = true;
  for (const term of all()) {
    const more = term.operators + (terms.length ? 1 : 0); // the AND joining it
    if (operators + more > EXPRESSION_MAX_OPERATORS || length + term.bound + 5 > EXPRESSION_MAX_LENGTH - 64) { complete = false; break; }
    const text = term.make();
    terms.push(text);
    operators += more;
    length += text.length + 5;
  }
  return { expression: terms.join(' AND '), complete };
}
