/**
 * The schema documents (pure: no vscode): one draft-07 JSON schema per dialect (`schemas/`,
 * shipped with the precompiled validators; a run-time dialect brings its own), and the
 * sub-schema at a place of a document (`schemaAt`), following $ref, if/then (conditions decided
 * by their precompiled validators), items and additionalProperties. Completion, hover, the
 * wizard and the check's messages read the schemas through this module.
 *
 * Non-standard annotation keywords of our schemas: `enumDescriptions` (parallel to `enum`),
 * `ruleOwned` (keyword -> the rule that reports that condition instead), `aliasOf` (planton's
 * snake_case proto names of camelCase fields) and `patternDescription` (a pattern in words).
 */
import type { ValidateFunction } from 'ajv';
import type { Dialect, Pointer } from '../../model/spec';
import { dialectOf, dialects } from '../dialects/registry';
import { validators as precompiled, schemas as documents } from '../schemaValidators';
import { escapePointerToken, joinPointer, splitPointer as pointerSegments } from '../sourcemap';

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

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

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

export function hasType(node: SchemaNode, type: string): boolean {
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
    for (const [name, child] of Object.entries(node[key] ?? {})) { walkSchema(child, `${path}/${key}/${escapePointerToken(name)}`, visit); }
  }
  for (const key of ['items', 'if', 'then', 'else', 'propertyNames'] as const) {
    const child = node[key];
    if (child) { walkSchema(child, `${path}/${key}`, visit); }
  }
  if (typeof node.additionalProperties === 'object') { walkSchema(node.additionalProperties, `${path}/additionalProperties`, visit); }
}
