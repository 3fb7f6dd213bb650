/**
 * The words and fixes of schema findings (pure: no vscode): each names the offending value and
 * says what is valid, with fixes as FixIntents (insert the missing keys in schema order, rename an
 * unknown key to the one it most likely meant, change a value to a valid one).
 */
import type { ErrorObject } from 'ajv';
import type { Dialect, Pointer } from '../../model/spec';
import { splitPointer as pointerSegments } from '../sourcemap';
import type { Finding, Fix, FixIntent } from '../types';
import { type SchemaNode, hasType, isRecord, resolveSchema, schemaAt, valueAt } from './documents';
import { closestEnumValue, closestKey } from './suggest';

/** An ajv error as the check classified it, before it becomes a finding. */
export interface Pending {
  code: string;
  pointer: Pointer;
  target: 'key' | 'value';
  error: ErrorObject;
  /** `required`: every missing key of the object. */
  missing: string[];
}

/** The finding of a classified ajv error: its words and fixes. */
export function toFinding(dialect: Dialect, root: unknown, p: Pending): Finding {
  const { error } = p;
  const schema = (error.parentSchema ?? {}) as SchemaNode;
  if (error.propertyName !== undefined) { return keyNameFinding(p, schema); }
  switch (p.code) {
    case 'required': return requiredFinding(dialect, root, p);
    case 'unknown-key': return unknownKeyFinding(dialect, root, p);
    case 'enum-value': return enumFinding(p, schema);
    case 'type': return typeFinding(p, schema);
    case 'range': return rangeFinding(p);
    default: return patternFinding(p, schema);
  }
}

/** `billing_mode`, `global_secondary_indexes[0]`, `the document` for a pointer. */
export function describePointer(pointer: Pointer): string {
  const segments = pointerSegments(pointer);
  if (segments.length === 0) { return 'the document'; }
  let out = '';
  for (const segment of segments) {
    if (/^[0-9]+$/.test(segment)) { out += `[${segment}]`; } else { out += out ? `.${segment}` : segment; }
  }
  return out;
}

/** The key name of a pointer's node (`name` of `/resources/dynamodb/0/name`), with `[i]` for elements. */
function label(pointer: Pointer): string {
  const segments = pointerSegments(pointer);
  let i = segments.length - 1;
  let suffix = '';
  while (i >= 0 && /^[0-9]+$/.test(segments[i])) { suffix = `[${segments[i]}]` + suffix; i--; }
  return i >= 0 ? segments[i] + suffix : pointer === '' ? 'The document' : describePointer(pointer);
}

export function showValue(value: unknown): string {
  if (typeof value === 'string') { return JSON.stringify(value); }
  if (value === null) { return 'null'; }
  if (Array.isArray(value)) { return 'a list'; }
  if (value instanceof Date) { return `the date ${value.toISOString()}`; }
  if (typeof value === 'object') { return 'a mapping'; }
  return String(value);
}

/** "A, B or C" */
export function listWords(values: readonly string[], conjunction = 'or'): string {
  if (values.length <= 1) { return values.join(''); }
  return `${values.slice(0, -1).join(', ')} ${conjunction} ${values[values.length - 1]}`;
}

function propertyOrder(node: SchemaNode | undefined): string[] {
  return Object.entries(node?.properties ?? {}).filter(([, s]) => s.aliasOf === undefined).map(([k]) => k);
}

/** The value a quick-fix inserts for a property: its default, first example, first enum value, or an empty value of its type. */
export function placeholderValue(node: SchemaNode | undefined): unknown {
  if (!node) { return ''; }
  if (node.default !== undefined) { return node.default; }
  if (node.examples && node.examples.length > 0) { return node.examples[0]; }
  if (node.enum && node.enum.length > 0) { return node.enum[0]; }
  if (hasType(node, 'object') || node.properties) { return {}; }
  if (hasType(node, 'array')) { return []; }
  if (hasType(node, 'boolean')) { return false; }
  if (hasType(node, 'integer') || hasType(node, 'number')) { return node.minimum ?? 0; }
  return '';
}

function requiredFinding(dialect: Dialect, root: unknown, p: Pending): Finding {
  const objectSchema = schemaAt(dialect, p.pointer, root);
  const order = propertyOrder(objectSchema);
  const missing = [...new Set(p.missing)].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const where = p.pointer === '' ? 'The document' : describePointer(p.pointer);
  const names = listWords(missing.map(k => `"${k}"`), 'and');
  const message = `${where} is missing the required key${missing.length > 1 ? 's' : ''} ${names}`;
  const changes: FixIntent[] = missing.map(key => {
    const at = order.indexOf(key);
    return {
      kind: 'insert', parent: p.pointer, key,
      value: placeholderValue(objectSchema?.properties?.[key] && resolveSchema(dialect, objectSchema.properties[key])),
      after: at < 0 ? order : order.slice(0, at),
    };
  });
  return {
    code: 'required', severity: 'error', message, pointer: p.pointer, target: 'key',
    fixes: [{ title: `Add ${names}`, preferred: true, changes }],
  };
}

function unknownKeyFinding(dialect: Dialect, root: unknown, p: Pending): Finding {
  const segments = pointerSegments(p.pointer);
  const key = segments[segments.length - 1];
  const parentPointer = p.pointer.slice(0, p.pointer.lastIndexOf('/'));
  const { objectSchema, presentKeys, candidates, snake, camel } = parentFacts(dialect, root, parentPointer);
  const keyStyle = keyStyleOf(key);
  const suggestion = closestKey(key, candidates, presentKeys, (snake + (keyStyle === 'snake' ? 1 : 0)) > (camel + (keyStyle === 'camel' ? 1 : 0)));
  const where = parentPointer === '' ? 'the document' : describePointer(parentPointer);
  const mains = propertyOrder(objectSchema);
  const valid = mains.length <= 12 ? `; valid keys: ${mains.join(', ')}` : '';
  const message = suggestion
    ? `Unknown key "${key}" in ${where}: did you mean "${suggestion}"?`
    : `Unknown key "${key}" in ${where}${valid}`;
  const fixes: Fix[] = [];
  if (suggestion) {
    fixes.push({ title: `Rename to "${suggestion}"`, preferred: true, changes: [{ kind: 'rename', pointer: p.pointer, newKey: suggestion }] });
  }
  fixes.push({ title: `Remove "${key}"`, changes: [{ kind: 'delete', pointer: p.pointer }] });
  return { code: 'unknown-key', severity: 'warning', message, pointer: p.pointer, target: 'key', fixes };
}

interface ParentFacts {
  readonly objectSchema: SchemaNode | undefined;
  readonly presentKeys: ReadonlySet<string>;
  readonly candidates: readonly string[];
  readonly snake: number;
  readonly camel: number;
}

/** Per document value and dialect: what every unknown key of one object shares (computed once, not per key). */
const PARENT_FACTS = new WeakMap<object, Map<string, ParentFacts>>();

function parentFacts(dialect: Dialect, root: unknown, parentPointer: Pointer): ParentFacts {
  const cache = isRecord(root) ? PARENT_FACTS.get(root) ?? new Map<string, ParentFacts>() : undefined;
  if (cache && isRecord(root)) { PARENT_FACTS.set(root, cache); }
  const id = `${dialect}\u0000${parentPointer}`;
  const known = cache?.get(id);
  if (known) { return known; }
  const objectSchema = schemaAt(dialect, parentPointer, root);
  const present = valueAt(root, parentPointer);
  const presentKeys = new Set(isRecord(present) ? Object.keys(present) : []);
  const candidates = Object.keys(objectSchema?.properties ?? {}).filter(k => !presentKeys.has(k) && !aliasTaken(objectSchema, k, presentKeys));
  let snake = 0;
  let camel = 0;
  for (const k of presentKeys) {
    const style = keyStyleOf(k);
    if (style === 'snake') { snake++; } else if (style === 'camel') { camel++; }
  }
  const facts = { objectSchema, presentKeys, candidates, snake, camel };
  cache?.set(id, facts);
  return facts;
}

function keyStyleOf(key: string): 'snake' | 'camel' | undefined {
  return key.includes('_') ? 'snake' : /[a-z][A-Z]/.test(key) ? 'camel' : undefined;
}

/** True when another name of the same property (camelCase / snake_case alias) is present. */
function aliasTaken(objectSchema: SchemaNode | undefined, key: string, present: ReadonlySet<string>): boolean {
  const properties = objectSchema?.properties ?? {};
  const main = properties[key]?.aliasOf ?? key;
  return Object.entries(properties).some(([k, s]) => k !== key && present.has(k) && (k === main || s.aliasOf === main));
}

function enumFinding(p: Pending, schema: SchemaNode): Finding {
  const allowed = schema.enum ?? (schema.const !== undefined ? [schema.const] : []);
  const actual = p.error.data;
  const shown = allowed.map(v => String(v));
  const message = `${label(p.pointer)} ${showValue(actual)} is not valid: use ${listWords(shown)}`;
  const closest = closestEnumValue(actual, allowed);
  const ordered = closest ? [closest.value, ...allowed.filter(v => v !== closest.value)] : [...allowed];
  const fixes: Fix[] = ordered.map((v, i) => ({
    title: `Change to ${String(v)}`,
    preferred: i === 0 && closest?.confident === true,
    changes: [{ kind: 'replace', pointer: p.pointer, value: v }],
  }));
  return { code: 'enum-value', severity: 'error', message, pointer: p.pointer, target: 'value', fixes };
}

function typeName(type: string | readonly string[] | undefined): string {
  const one = (t: string): string => ({ integer: 'an integer', number: 'a number', string: 'a string', boolean: 'true or false', object: 'a mapping', array: 'a list', null: 'null' }[t] ?? t);
  if (type === undefined) { return 'another type'; }
  return typeof type === 'string' ? one(type) : listWords(type.map(one));
}

function typeFinding(p: Pending, schema: SchemaNode): Finding {
  const actual = p.error.data;
  const expected = typeName(schema.type);
  const message = p.error.keyword === 'type'
    ? `${label(p.pointer)} must be ${expected}, not ${showValue(actual)}`
    : `${label(p.pointer)} ${showValue(actual)} is not valid: ${p.error.message ?? 'fails the schema'}`;
  const fixes: Fix[] = [];
  const converted = convertType(actual, schema);
  if (converted !== undefined) {
    fixes.push({ title: `Change to ${JSON.stringify(converted)}`, preferred: true, changes: [{ kind: 'replace', pointer: p.pointer, value: converted }] });
  }
  return { code: 'type', severity: 'error', message, pointer: p.pointer, target: 'value', fixes };
}

/** `"5"` -> 5 for an integer, `"true"` -> true for a boolean, 5 -> `"5"` for a string. */
function convertType(value: unknown, schema: SchemaNode): unknown {
  if (hasType(schema, 'integer') && typeof value === 'string' && /^\s*-?[0-9]+\s*$/.test(value)) { return Number(value); }
  if (hasType(schema, 'integer') && typeof value === 'bigint') { return undefined; }
  if (hasType(schema, 'number') && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) { return Number(value); }
  if (hasType(schema, 'boolean') && typeof value === 'string' && /^(true|false)$/i.test(value.trim())) { return value.trim().toLowerCase() === 'true'; }
  if (hasType(schema, 'string') && (typeof value === 'number' || typeof value === 'boolean')) { return String(value); }
  return undefined;
}

function rangeFinding(p: Pending): Finding {
  const { keyword } = p.error;
  const actual = p.error.data;
  const limit = (p.error.params as { limit?: number }).limit;
  const name = label(p.pointer);
  let message: string;
  let fix: unknown;
  switch (keyword) {
    case 'minimum': message = `${name} ${showValue(actual)} is too small: must be at least ${limit}`; fix = limit; break;
    case 'maximum': message = `${name} ${showValue(actual)} is too large: must be at most ${limit}`; fix = limit; break;
    case 'exclusiveMinimum': message = `${name} ${showValue(actual)} is too small: must be more than ${limit}`; break;
    case 'exclusiveMaximum': message = `${name} ${showValue(actual)} is too large: must be less than ${limit}`; break;
    case 'minLength': message = `${name} ${showValue(actual)} is too short: must have at least ${limit} character${limit === 1 ? '' : 's'}`; break;
    case 'maxLength': message = `${name} is too long (${String(actual).length} characters): must have at most ${limit}`; break;
    case 'minItems': message = `${name} has ${Array.isArray(actual) ? actual.length : 0} item(s): must have at least ${limit}`; break;
    case 'maxItems': message = `${name} has ${Array.isArray(actual) ? actual.length : 0} items: must have at most ${limit}`; break;
    case 'maxProperties': message = `${name} has ${isRecord(actual) ? Object.keys(actual).length : 0} keys: must have at most ${limit}`; break;
    default: message = `${name} ${showValue(actual)} is out of range: ${p.error.message ?? ''}`;
  }
  const fixes: Fix[] = typeof fix === 'number'
    ? [{ title: `Change to ${fix}`, preferred: false, changes: [{ kind: 'replace', pointer: p.pointer, value: fix }] }]
    : [];
  return { code: 'range', severity: 'error', message, pointer: p.pointer, target: 'value', fixes };
}

/** A key that fails its object's `propertyNames` (tag keys): marked on the key, with a fix that removes the entry. */
function keyNameFinding(p: Pending, schema: SchemaNode): Finding {
  const key = String(p.error.propertyName);
  const owner = label(p.pointer.slice(0, p.pointer.lastIndexOf('/')));
  const shown = JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key);
  const limit = (p.error.params as { limit?: number }).limit;
  let message: string;
  switch (p.error.keyword) {
    case 'minLength': message = `${owner} has an empty key: a key has at least ${limit} character${limit === 1 ? '' : 's'}`; break;
    case 'maxLength': message = `Key ${shown} of ${owner} is too long (${[...key].length} characters): must have at most ${limit}`; break;
    case 'pattern': message = `Key ${shown} of ${owner} is not valid: must be ${schema.patternDescription ?? `text matching ${schema.pattern ?? 'the expected format'}`}`; break;
    default: message = `Key ${shown} of ${owner} is not valid: ${p.error.message ?? 'fails the schema'}`;
  }
  return {
    code: p.code, severity: 'error', message, pointer: p.pointer, target: 'key',
    fixes: [{ title: `Remove ${shown}`, changes: [{ kind: 'delete', pointer: p.pointer }] }],
  };
}

function patternFinding(p: Pending, schema: SchemaNode): Finding {
  const what = schema.patternDescription ?? `text matching ${schema.pattern ?? 'the expected format'}`;
  const message = `${label(p.pointer)} ${showValue(p.error.data)} is not valid: must be ${what}`;
  return { code: 'pattern', severity: 'error', message, pointer: p.pointer, target: 'value', fixes: [] };
}
