/**
 * Completion from the dialect's schema at the cursor (pure: no vscode). The service finds the
 * pointer and position at the cursor (SourceMap.pointerAt) and calls `complete`.
 *
 * - Key position: the keys the object's schema allows that are not present yet (an alias of a
 *   present key counts as present), in schema order, with the description as documentation and
 *   a snippet `key = ...` (TOML) or `key: ...` (YAML) whose placeholder is the enum choice,
 *   default or example. In planton, the snake_case proto names are offered instead of the
 *   camelCase ones when the object already uses snake_case.
 * - Value position: enum values with their descriptions, `true`/`false` for booleans, and the
 *   default and examples.
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import type { Dialect, Pointer } from '../model/spec';
import { vocabulary } from './dialects/registry';
import { prefersSnakeCase, resolveSchema, schemaAt, valueAt, type SchemaNode } from './schema';
import { splitPointer as pointerSegments } from './sourcemap';
import type { Format } from './types';

export interface CompletionInput {
  readonly dialect: Dialect;
  readonly format: Format;
  /** The parsed document (plain value; as much as could be parsed), for present keys and if/then. */
  readonly value: unknown;
  /**
   * At `key`: the pointer of the object (table, mapping) the cursor is in, `''` for the root.
   * At `value`: the pointer of the value being written (`/resources/dynamodb/0/billing_mode`),
   * whether or not the document holds a value there yet.
   */
  readonly pointer: Pointer;
  readonly position: 'key' | 'value';
  /** At a value in TOML: the cursor is already inside a string's quotes (insert bare text). */
  readonly inString?: boolean;
  /**
   * At a key in YAML: spaces the key needs before it to land in the object (the cursor sits at
   * the column of a list item's `- `, as an editor leaves it after Enter on `- name: x`).
   */
  readonly indent?: string;
}

export function complete(input: CompletionInput): CompletionItem[] {
  const schema = schemaAt(input.dialect, input.pointer, input.value);
  if (!schema) { return []; }
  return input.position === 'key' ? keyItems(input, schema) : valueItems(input, schema);
}

// ---------------------------------------------------------------------------- key items

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function keyItems(input: CompletionInput, found: SchemaNode): CompletionItem[] {
  let objectSchema = found;
  let present: unknown = valueAt(input.value, input.pointer);
  // The cursor in a list of mappings (a new `- ` line): the keys of a new element.
  if (objectSchema.items && !objectSchema.properties) {
    objectSchema = resolveSchema(input.dialect, objectSchema.items);
    present = undefined;
  }
  const properties = objectSchema.properties ?? {};
  const presentKeys = new Set(isRecord(present) ? Object.keys(present) : []);
  const taken = new Set<string>();
  for (const key of presentKeys) { taken.add(properties[key]?.aliasOf ?? key); }
  const snakeStyle = vocabulary(input.dialect).snakeCaseAliases === true && prefersSnake(presentKeys, input.value);
  const items: CompletionItem[] = [];
  let order = 0;
  for (const [key, raw] of Object.entries(properties)) {
    const main = raw.aliasOf ?? key;
    if (taken.has(main)) { continue; }
    // One name per property: the alias in snake_case objects, the camelCase name otherwise.
    const hasAlias = raw.aliasOf !== undefined || Object.values(properties).some(p => p.aliasOf === key);
    if (hasAlias && (raw.aliasOf !== undefined) !== snakeStyle) { continue; }
    const node = resolveSchema(input.dialect, raw);
    const required = objectSchema.required?.includes(key) ?? false;
    items.push({
      label: key,
      kind: CompletionItemKind.Property,
      detail: typeSummary(node) + (required ? ' (required)' : ''),
      documentation: node.description ? { kind: MarkupKind.Markdown, value: propertyMarkdown(key, node) } : undefined,
      insertText: input.indent ? input.indent + keySnippet(input, key, node).replace(/\n/g, `\n${input.indent}`) : keySnippet(input, key, node),
      insertTextFormat: InsertTextFormat.Snippet,
      sortText: `${required ? 0 : 1}${String(order++).padStart(3, '0')}`,
      filterText: key,
    });
  }
  return items;
}

/** Keys that say a style: snake_case (`key_schema`) or camelCase (`keySchema`); `name`, `ttl` say neither. */
function styleCounts(keys: Iterable<string>): { snake: number; camel: number } {
  let snake = 0;
  let camel = 0;
  for (const key of keys) {
    if (key.includes('_')) { snake++; } else if (/[a-z][A-Z]/.test(key)) { camel++; }
  }
  return { snake, camel };
}

/** At most this many keys of the document are read to tell its style. */
const STYLE_SAMPLE = 2000;

/** Every key of the document (depth first, at most STYLE_SAMPLE). */
function documentKeys(value: unknown): string[] {
  const out: string[] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0 && out.length < STYLE_SAMPLE) {
    const node = stack.pop();
    if (Array.isArray(node)) { stack.push(...node); continue; }
    if (!isRecord(node)) { continue; }
    for (const [k, v] of Object.entries(node)) {
      out.push(k);
      if (typeof v === 'object' && v !== null) { stack.push(v); }
    }
  }
  return out;
}

/**
 * Planton: snake_case names when the object's own keys prefer them; an object whose keys say no
 * style (a new GSI with only `name`) takes the style of the whole file.
 */
function prefersSnake(presentKeys: ReadonlySet<string>, document: unknown): boolean {
  const own = styleCounts(presentKeys);
  if (own.snake !== own.camel) { return prefersSnakeCase(presentKeys); }
  return prefersSnakeCase(documentKeys(document));
}

/** Snippet text escaping: `$`, `}` and `\` are special. */
function snippetText(text: string): string {
  return text.replace(/[$}\\]/g, m => '\\' + m);
}

/** A choice-safe escaping (also `,` and `|`). */
function choiceText(text: string): string {
  return text.replace(/[$}\\,|]/g, m => '\\' + m);
}

function scalarSnippet(format: Format, node: SchemaNode): string {
  const strings = (values: readonly unknown[]): string[] => values.map(v => String(v));
  if (node.enum && node.enum.length > 0) {
    const values = strings(node.default !== undefined ? [node.default, ...node.enum.filter(v => v !== node.default)] : node.enum);
    const choice = `\${1|${values.map(choiceText).join(',')}|}`;
    return format === 'toml' && isStringSchema(node) ? `"${choice}"` : choice;
  }
  if (isType(node, 'boolean')) {
    return node.default === true ? '${1|true,false|}' : '${1|false,true|}';
  }
  const sample = node.default ?? node.examples?.[0];
  if (isType(node, 'integer') || isType(node, 'number')) {
    return `\${1:${snippetText(String(sample ?? node.minimum ?? 0))}}`;
  }
  const text = sample === undefined ? '' : snippetText(String(sample));
  const placeholder = text ? `\${1:${text}}` : '$1';
  return format === 'toml' ? `"${placeholder}"` : placeholder;
}

/** The TOML table path of a pointer: `/resources/dynamodb/0` -> `resources.dynamodb`. */
function tomlPath(pointer: Pointer, key: string): string {
  const parts = [...pointerSegments(pointer).filter(s => !/^[0-9]+$/.test(s)), key];
  return parts.map(p => (/^[A-Za-z0-9_-]+$/.test(p) ? p : JSON.stringify(p))).join('.');
}

function keySnippet(input: CompletionInput, key: string, node: SchemaNode): string {
  const name = snippetText(input.format === 'toml' && !/^[A-Za-z0-9_-]+$/.test(key) ? JSON.stringify(key) : key);
  const itemNode = node.items ? resolveSchema(input.dialect, node.items) : undefined;
  const isObject = isType(node, 'object') || node.properties !== undefined;
  const isArray = isType(node, 'array');
  const objectItems = itemNode !== undefined && (isType(itemNode, 'object') || itemNode.properties !== undefined);
  if (input.format === 'toml') {
    if (isArray && objectItems) { return `[[${snippetText(tomlPath(input.pointer, key))}]]\n$0`; }
    if (isObject) { return `[${snippetText(tomlPath(input.pointer, key))}]\n$0`; }
    if (isArray) { return `${name} = [$1]`; }
    return `${name} = ${scalarSnippet('toml', node)}`;
  }
  if (isArray && objectItems) { return `${name}:\n  - $0`; }
  if (isArray) { return `${name}:\n  - $1`; }
  if (isObject) { return `${name}:\n  $0`; }
  return `${name}: ${scalarSnippet('yaml', node)}`;
}

// -------------------------------------------------------------------------- value items

function valueItems(input: CompletionInput, node: SchemaNode): CompletionItem[] {
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  const quote = input.format === 'toml' && !input.inString;
  const add = (value: unknown, kind: CompletionItemKind, documentation: string | undefined, detail: string | undefined): void => {
    const label = String(value);
    if (seen.has(label)) { return; }
    seen.add(label);
    const isDefault = node.default !== undefined && node.default === value;
    items.push({
      label,
      kind,
      detail: isDefault ? (detail ? `${detail} (default)` : 'default') : detail,
      documentation: documentation ? { kind: MarkupKind.Markdown, value: documentation } : undefined,
      insertText: typeof value === 'string' && quote ? JSON.stringify(value) : label,
      preselect: isDefault || undefined,
      sortText: String(items.length).padStart(3, '0'),
    });
  };
  if (node.enum) {
    node.enum.forEach((value, i) => add(value, CompletionItemKind.EnumMember, node.enumDescriptions?.[i], undefined));
    return items;
  }
  if (isType(node, 'boolean')) {
    add(true, CompletionItemKind.Value, undefined, 'boolean');
    add(false, CompletionItemKind.Value, undefined, 'boolean');
    return items;
  }
  if (node.default !== undefined && !isStructured(node.default)) { add(node.default, CompletionItemKind.Value, node.description, undefined); }
  for (const example of node.examples ?? []) {
    if (!isStructured(example)) { add(example, CompletionItemKind.Value, node.description, 'example'); }
  }
  return items;
}

function isStructured(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

// ------------------------------------------------------------------------------ shared

function isType(node: SchemaNode, type: string): boolean {
  return typeof node.type === 'string' ? node.type === type : (node.type ?? []).includes(type);
}

function isStringSchema(node: SchemaNode): boolean {
  return isType(node, 'string') || (node.type === undefined && (node.enum ?? []).every(v => typeof v === 'string'));
}

/** `string`, `integer >= 1`, `PAY_PER_REQUEST | PROVISIONED`, `list of strings`, ... */
export function typeSummary(node: SchemaNode): string {
  if (node.enum) { return node.enum.map(v => String(v)).join(' | '); }
  const type = typeof node.type === 'string' ? node.type : (node.type ?? []).join(' | ');
  if (type === 'array') {
    const items = node.items;
    const itemType = items?.properties || items?.$ref ? 'mappings' : typeof items?.type === 'string' ? `${items.type}s` : 'values';
    return `list of ${itemType}`;
  }
  if (type === 'object') { return 'mapping'; }
  const bounds: string[] = [];
  if (node.minimum !== undefined) { bounds.push(`>= ${node.minimum}`); }
  if (node.maximum !== undefined) { bounds.push(`<= ${node.maximum}`); }
  if (node.minLength !== undefined || node.maxLength !== undefined) {
    bounds.push(`${node.minLength ?? 0}-${node.maxLength ?? '∞'} characters`);
  }
  return [type || 'any', ...bounds].join(' ');
}

/**
 * Markdown for a property: name and type, description, allowed values with their meanings,
 * limits and default. Shared by completion documentation and hover.
 */
export function propertyMarkdown(key: string | undefined, node: SchemaNode): string {
  const parts: string[] = [];
  const heading = key !== undefined ? `**${key}**: \`${typeSummary(node)}\`` : `\`${typeSummary(node)}\``;
  parts.push(heading);
  if (node.description) { parts.push(node.description); }
  if (node.enum) {
    const lines = node.enum.map((v, i) => {
      const meaning = node.enumDescriptions?.[i];
      return `- \`${String(v)}\`${meaning ? `: ${meaning}` : ''}`;
    });
    parts.push(`Allowed values:\n${lines.join('\n')}`);
  }
  if (node.pattern !== undefined && node.patternDescription) { parts.push(`Format: ${node.patternDescription}.`); }
  if (node.default !== undefined) { parts.push(`Default: \`${String(node.default)}\``); }
  return parts.join('\n\n');
}
