/**
 * Schema check of a parsed config (pure: no vscode). One draft-07 JSON schema per dialect in
 * `schemas/`, compiled once with ajv (allErrors); ajv errors become `Finding`s by JSON pointer
 * (ajv's `instancePath`), so they map to ranges through the SourceMap like rule findings do.
 *
 * One problem, one finding:
 * - ajv's wrapper errors (`if` -> "must match then") are dropped; one finding per pointer + code
 *   (several missing keys of one object become one `required` finding); a value that fails its
 *   enum gets `enum-value` only (not also `type`).
 * - Conditions a rule of RULES.md covers are NOT reported here. Keys a rule requires
 *   (billing mode, key schema, attribute definitions, key types) are not in the schemas'
 *   `required`; limits a rule checks (table and index names, capacity >= 1, key schema sizes,
 *   index counts, non-key attribute count) stay in the schemas for hover, completion and other
 *   editors, but carry a `ruleOwned: { <keyword>: <rule id> }` annotation, and validateSchema
 *   drops those errors (see `ruleOwnedChecks`).
 *
 * Non-standard annotation keywords of our schemas: `enumDescriptions` (parallel to `enum`),
 * `ruleOwned`, `aliasOf` (planton's snake_case proto names of camelCase fields) and
 * `patternDescription` (a pattern in words, for messages).
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Dialect, Pointer } from '../model/spec';
import { dialectOf, dialects } from './dialects/registry';
import { validators as precompiled, schemas as documents } from './schemaValidators';
import type { Finding, Fix, FixIntent } from './types';

/** The subset of draft-07 (plus our annotations) that our schemas use. */
export interface SchemaNode {
  readonly $id?: string;
  readonly $schema?: string;
  readonly $ref?: string;
  readonly title?: string;
  readonly description?: string;
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: boolean | SchemaNode;
  readonly required?: readonly string[];
  readonly items?: SchemaNode;
  readonly enum?: readonly unknown[];
  readonly enumDescriptions?: readonly string[];
  readonly const?: unknown;
  readonly default?: unknown;
  readonly examples?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly maxProperties?: number;
  /** The schema every key of an object must match (tag keys). */
  readonly propertyNames?: SchemaNode;
  readonly pattern?: string;
  readonly patternDescription?: string;
  readonly if?: SchemaNode;
  readonly then?: SchemaNode;
  readonly else?: SchemaNode;
  readonly definitions?: Readonly<Record<string, SchemaNode>>;
  /** Keyword -> id of the rule that reports that condition instead of the schema. */
  readonly ruleOwned?: Readonly<Record<string, string>>;
  /** This property is another name of that (camelCase) property of the same object. */
  readonly aliasOf?: string;
}

/** The raw schema document of a dialect. */
export function schemaFor(dialect: Dialect): SchemaNode {
  const schema = dialectOf(dialect).schema ?? (documents[dialect] as SchemaNode | undefined);
  if (!schema) { throw new Error(`no schema for dialect ${dialect}: add schemas/${dialect}.schema.json`); }
  return schema;
}

/** The `$id` of a dialect's schema: `https://dynamodb-designer.dev/schemas/<dialect>.schema.json`. */
export function schemaIdFor(dialect: Dialect): string {
  const id = schemaFor(dialect).$id;
  if (!id) { throw new Error(`schema of dialect ${dialect} has no $id`); }
  return id;
}

// ------------------------------------------------------------------------------------ ajv

// Compiled at build time with allErrors and verbose (errors carry their schema node, for
// ruleOwned and messages): scripts/validators.mjs. A dialect registered at run time brings its own.

function validatorFor(dialect: Dialect): ValidateFunction {
  const validate = precompiled[dialect] ?? dialectOf(dialect).validator;
  if (!validate) { throw new Error(`no precompiled schema validator for dialect ${dialect}`); }
  return validate;
}

// ------------------------------------------------------------------------------- pointers

export function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointerSegments(pointer: Pointer): string[] {
  if (pointer === '') { return []; }
  return pointer.slice(1).split('/').map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function joinPointer(pointer: Pointer, segment: string | number): Pointer {
  return `${pointer}/${escapePointerSegment(String(segment))}`;
}

/** The value at a JSON pointer of a plain value, or undefined. */
export function valueAt(root: unknown, pointer: Pointer): unknown {
  let node = root;
  for (const segment of pointerSegments(pointer)) {
    if (Array.isArray(node)) {
      if (!/^(0|[1-9][0-9]*)$/.test(segment)) { return undefined; }
      node = node[Number(segment)];
    } else if (isRecord(node)) {
      node = Object.prototype.hasOwnProperty.call(node, segment) ? node[segment] : undefined;
    } else {
      return undefined;
    }
  }
  return node;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

// ---------------------------------------------------------------------------- schemaAt

function resolveRef(dialect: Dialect, ref: string): SchemaNode {
  if (!ref.startsWith('#')) { throw new Error(`schema of ${dialect}: only local $ref is supported, got ${ref}`); }
  let node: unknown = schemaFor(dialect);
  for (const segment of pointerSegments(ref.slice(1))) {
    node = isRecord(node) ? node[segment] : undefined;
  }
  if (!isRecord(node)) { throw new Error(`schema of ${dialect}: $ref ${ref} does not resolve`); }
  return node as SchemaNode;
}

/** Each `if` node of the schemas -> its precompiled validator (keyed `<dialect>#<pointer>`). */
let ifValidators: WeakMap<SchemaNode, ValidateFunction> | undefined;
function ifHolds(condition: SchemaNode, instance: unknown): boolean {
  if (!ifValidators) {
    ifValidators = new WeakMap();
    for (const { id } of dialects()) {
      for (const [pointer, node] of conditionsOf(schemaFor(id))) {
        const validate = precompiled[`${id}#${pointer}`];
        if (validate) { ifValidators.set(node, validate); }
      }
    }
  }
  const validate = ifValidators.get(condition);
  if (!validate) { throw new Error('an if condition of the schema has no precompiled validator'); }
  return validate(instance);
}

/** Every `if` sub-schema with its JSON pointer, in document order (as scripts/validators.mjs walks). */
function conditionsOf(node: unknown, pointer = '', out: [Pointer, SchemaNode][] = []): [Pointer, SchemaNode][] {
  if (Array.isArray(node)) {
    node.forEach((child, i) => conditionsOf(child, joinPointer(pointer, i), out));
  } else if (isRecord(node)) {
    for (const [key, child] of Object.entries(node)) {
      const at = joinPointer(pointer, key);
      if (key === 'if' && isRecord(child)) { out.push([at, child as SchemaNode]); }
      conditionsOf(child, at, out);
    }
  }
  return out;
}

/**
 * A node with its `$ref` followed (sibling keywords such as a more specific `description` win)
 * and its `if`/`then` applied: when `instance` is given, `then` is merged only if `if` holds;
 * without an instance, it is merged (our only if/then is "a table component").
 */
export function resolveSchema(dialect: Dialect, node: SchemaNode, instance?: unknown, hasInstance = instance !== undefined): SchemaNode {
  let current = node;
  for (let guard = 0; current.$ref !== undefined; guard++) {
    if (guard > 32) { throw new Error(`schema of ${dialect}: $ref cycle at ${current.$ref}`); }
    const { $ref, ...siblings } = current;
    current = { ...resolveRef(dialect, $ref), ...siblings };
  }
  if (current.if && current.then) {
    const { if: condition, then, else: _else, ...rest } = current;
    if (hasInstance && !ifHolds(condition, instance)) { return rest; }
    const branch = resolveSchema(dialect, then, instance, hasInstance);
    return {
      ...rest,
      ...branch,
      properties: { ...rest.properties, ...branch.properties },
      required: [...new Set([...(rest.required ?? []), ...(branch.required ?? [])])],
    };
  }
  return current;
}

/**
 * The resolved sub-schema at a JSON pointer of the document (`/spec/globalSecondaryIndexes/0/
 * projection`), following properties, items, additionalProperties, $ref and if/then. Give the
 * parsed document as `root` to evaluate `if` conditions on the actual values (a component of
 * another type than dynamodb-table has no table schema). Undefined when the schema knows no
 * such place.
 */
export function schemaAt(dialect: Dialect, pointer: Pointer, root?: unknown): SchemaNode | undefined {
  const hasInstance = root !== undefined;
  let node = resolveSchema(dialect, schemaFor(dialect), root, hasInstance);
  let instance = root;
  for (const segment of pointerSegments(pointer)) {
    instance = hasInstance ? stepInto(instance, segment) : undefined;
    const next = childSchema(node, segment);
    if (!next) { return undefined; }
    node = resolveSchema(dialect, next, instance, hasInstance);
  }
  return node;
}

function stepInto(value: unknown, segment: string): unknown {
  if (Array.isArray(value)) { return value[Number(segment)]; }
  if (isRecord(value)) { return Object.prototype.hasOwnProperty.call(value, segment) ? value[segment] : undefined; }
  return undefined;
}

function childSchema(node: SchemaNode, segment: string): SchemaNode | undefined {
  if (node.items && (hasType(node, 'array') || /^[0-9]+$/.test(segment))) { return node.items; }
  const property = node.properties?.[segment];
  if (property && Object.prototype.hasOwnProperty.call(node.properties, segment)) { return property; }
  if (typeof node.additionalProperties === 'object') { return node.additionalProperties; }
  return undefined;
}

function hasType(node: SchemaNode, type: string): boolean {
  return typeof node.type === 'string' ? node.type === type : (node.type ?? []).includes(type);
}

/** Where each schema keyword that a rule owns sits: for documentation and tests. */
export interface RuleOwnedCheck {
  /** JSON pointer into the schema document of the node carrying the keyword. */
  readonly schemaPath: string;
  readonly keyword: string;
  readonly rule: string;
}

/** Every condition of a dialect's schema that a rule reports instead (validateSchema drops them). */
export function ruleOwnedChecks(dialect: Dialect): RuleOwnedCheck[] {
  const out: RuleOwnedCheck[] = [];
  walkSchema(schemaFor(dialect), '', (node, path) => {
    for (const [keyword, rule] of Object.entries(node.ruleOwned ?? {})) { out.push({ schemaPath: path, keyword, rule }); }
  });
  return out;
}

/** Calls `visit` for every schema node of the document (properties, items, definitions, ...). */
export function walkSchema(node: SchemaNode, path: string, visit: (node: SchemaNode, path: string) => void): void {
  visit(node, path);
  for (const key of ['properties', 'definitions'] as const) {
    for (const [name, child] of Object.entries(node[key] ?? {})) { walkSchema(child, `${path}/${key}/${escapePointerSegment(name)}`, visit); }
  }
  for (const key of ['items', 'if', 'then', 'else', 'propertyNames'] as const) {
    const child = node[key];
    if (child) { walkSchema(child, `${path}/${key}`, visit); }
  }
  if (typeof node.additionalProperties === 'object') { walkSchema(node.additionalProperties, `${path}/additionalProperties`, visit); }
}

// --------------------------------------------------------------------------- validation

export interface ValidateOptions {
  /** Also report conditions that a rule owns (for tests and other hosts without the rules). */
  readonly keepRuleOwned?: boolean;
}

const RANGE_KEYWORDS = new Set([
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'uniqueItems',
]);
/** Errors of these keywords only say that a sub-schema failed, which its own errors already say. */
const WRAPPER_KEYWORDS = new Set(['if', 'anyOf', 'oneOf', 'not', 'allOf', 'then', 'else', '$ref', 'propertyNames']);

interface Pending {
  code: string;
  pointer: Pointer;
  target: 'key' | 'value';
  error: ErrorObject;
  /** `required`: every missing key of the object. */
  missing: string[];
}

/**
 * Validates the parsed document against the dialect's schema. Findings carry pointer, target,
 * code (`required`, `unknown-key`, `enum-value`, `type`, `range`, `pattern`), a message that
 * names the value and what is valid, and fixes as FixIntents; no ranges (the service adds them).
 */
export function validateSchema(dialect: Dialect, value: unknown, options: ValidateOptions = {}): Finding[] {
  const validate = validatorFor(dialect);
  if (validate(value)) { return []; }
  const pending = new Map<string, Pending>();
  for (const error of validate.errors ?? []) {
    if (WRAPPER_KEYWORDS.has(error.keyword)) { continue; }
    if (!options.keepRuleOwned && isRuleOwned(error)) { continue; }
    const mapped = classify(error);
    const id = `${mapped.pointer}\u0000${mapped.code}`;
    const existing = pending.get(id);
    if (existing) {
      if (mapped.code === 'required') { existing.missing.push(...mapped.missing); }
      continue;
    }
    pending.set(id, mapped);
  }
  const all = [...pending.values()];
  const withEnum = new Set(all.filter(p => p.code === 'enum-value').map(p => p.pointer));
  const withType = new Set(all.filter(p => p.code === 'type').map(p => p.pointer));
  const findings: Finding[] = [];
  for (const p of all) {
    // One problem, one finding: an enum failure says what is valid, which covers a wrong type too.
    if (p.code === 'type' && withEnum.has(p.pointer)) { continue; }
    if ((p.code === 'range' || p.code === 'pattern') && (withType.has(p.pointer) || withEnum.has(p.pointer))) { continue; }
    findings.push(toFinding(dialect, value, p));
  }
  return findings;
}

function isRuleOwned(error: ErrorObject): boolean {
  const parent = error.parentSchema as SchemaNode | undefined;
  return parent?.ruleOwned?.[error.keyword] !== undefined;
}

function classify(error: ErrorObject): Pending {
  const base = { error, missing: [] as string[] };
  if (error.propertyName !== undefined) {
    // A key failing `propertyNames` (a tag key): the error is about the key itself.
    const code = error.keyword === 'pattern' || error.keyword === 'format' ? 'pattern' : RANGE_KEYWORDS.has(error.keyword) ? 'range' : 'type';
    return { ...base, code, pointer: joinPointer(error.instancePath, error.propertyName), target: 'key' };
  }
  switch (error.keyword) {
    case 'required': {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      return { ...base, code: 'required', pointer: error.instancePath, target: 'key', missing: [missing] };
    }
    case 'additionalProperties': {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      return { ...base, code: 'unknown-key', pointer: joinPointer(error.instancePath, key), target: 'key' };
    }
    case 'enum':
    case 'const':
      return { ...base, code: 'enum-value', pointer: error.instancePath, target: 'value' };
    case 'pattern':
    case 'format':
      return { ...base, code: 'pattern', pointer: error.instancePath, target: 'value' };
    default:
      return { ...base, code: RANGE_KEYWORDS.has(error.keyword) ? 'range' : 'type', pointer: error.instancePath, target: 'value' };
  }
}

function toFinding(dialect: Dialect, root: unknown, p: Pending): Finding {
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

function squash(text: string): string {
  return text.toLowerCase().replace(/[_\-\s.]/g, '');
}

/** Whether most of these keys are snake_case (`key_schema`) rather than camelCase (`keySchema`). */
export function prefersSnakeCase(keys: Iterable<string>): boolean {
  let snake = 0;
  let camel = 0;
  for (const key of keys) {
    if (key.includes('_')) { snake++; } else if (/[a-z][A-Z]/.test(key)) { camel++; }
  }
  return snake > camel;
}

/**
 * The known key an unknown key most likely meant: equal ignoring case and separators
 * (`billingMode` for `billing_mode`), or within a small edit distance (`billng_mode`). Among
 * ties, the one written in the style of the keys already present. Undefined when none is close.
 */
export function closestKey(key: string, candidates: readonly string[], present: ReadonlySet<string> = new Set(), snakeStyle = prefersSnakeCase([...present, key])): string | undefined {
  const target = squash(key);
  let best: { key: string; score: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(target, squash(candidate));
    const limit = Math.max(1, Math.floor(Math.max(target.length, 4) / 4));
    if (distance > limit) { continue; }
    const styleMatches = candidate.includes('_') === snakeStyle || !/[_A-Z]/.test(candidate);
    const score = distance * 2 + (styleMatches ? 0 : 1);
    if (!best || score < best.score) { best = { key: candidate, score }; }
  }
  return best?.key;
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  if (a === b) { return 0; }
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) { v = Math.min(v, d[i - 2][j - 2] + 1); }
      d[i][j] = v;
    }
  }
  return d[rows - 1][cols - 1];
}

/** Other names users write for enum values (canonical, without dialect prefixes). */
const ENUM_ALIASES: Readonly<Record<string, string>> = {
  ON_DEMAND: 'PAY_PER_REQUEST',
  ONDEMAND: 'PAY_PER_REQUEST',
  PAYPERREQUEST: 'PAY_PER_REQUEST',
  PER_REQUEST: 'PAY_PER_REQUEST',
  STRING: 'S',
  NUMBER: 'N',
  BINARY: 'B',
  PARTITION: 'HASH',
  PARTITION_KEY: 'HASH',
  SORT: 'RANGE',
  SORT_KEY: 'RANGE',
  KEYS: 'KEYS_ONLY',
  STANDARD_IA: 'STANDARD_INFREQUENT_ACCESS',
  INFREQUENT_ACCESS: 'STANDARD_INFREQUENT_ACCESS',
  NEW_AND_OLD: 'NEW_AND_OLD_IMAGES',
  BOTH: 'NEW_AND_OLD_IMAGES',
  NEW: 'NEW_IMAGE',
  OLD: 'OLD_IMAGE',
};

/** The type prefixes enum values carry in the registered dialects (planton's proto enum names). */
function enumPrefixes(): string[] {
  const out = new Set<string>();
  for (const d of dialects()) {
    for (const prefix of Object.values(d.vocabulary.enumPrefixes ?? {})) { if (prefix) { out.add(prefix); } }
  }
  return [...out];
}

function stripPrefix(value: string): string {
  const prefix = enumPrefixes().find(p => value.startsWith(p) && value.length > p.length);
  return prefix ? value.slice(prefix.length) : value;
}

/**
 * The valid value a wrong enum value most likely meant, and whether the match is confident
 * (an alias, a case or prefix variant, or a small typo). ON_DEMAND -> PAY_PER_REQUEST;
 * PAY_PER_REQUEST -> BILLING_MODE_PAY_PER_REQUEST among planton's values; `provisioned` ->
 * PROVISIONED; BILLING_MODE_PROVISIONED -> PROVISIONED among unprefixed values.
 */
export function closestEnumValue(value: unknown, allowed: readonly unknown[]): { value: unknown; confident: boolean } | undefined {
  const strings = allowed.filter((v): v is string => typeof v === 'string');
  if (strings.length === 0) { return allowed.length > 0 ? { value: allowed[0], confident: allowed.length === 1 } : undefined; }
  if (strings.length === 1) { return { value: strings[0], confident: true }; }
  const raw = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
  const normalized = raw.trim().toUpperCase().replace(/[\s-]+/g, '_');
  const core = stripPrefix(normalized);
  const wanted = ENUM_ALIASES[core] ?? ENUM_ALIASES[core.replace(/_/g, '')] ?? core;
  const coreOf = (v: string): string => stripPrefix(v.toUpperCase());
  const exact = strings.find(v => coreOf(v) === wanted || v.toUpperCase() === normalized);
  if (exact) { return { value: exact, confident: true }; }
  let best: { value: string; distance: number } | undefined;
  for (const v of strings) {
    const distance = editDistance(wanted.replace(/_/g, ''), coreOf(v).replace(/_/g, ''));
    if (!best || distance < best.distance) { best = { value: v, distance }; }
  }
  if (!best) { return undefined; }
  const limit = Math.max(1, Math.floor(coreOf(best.value).length / 4));
  return { value: best.value, confident: wanted.length > 0 && best.distance <= limit };
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
