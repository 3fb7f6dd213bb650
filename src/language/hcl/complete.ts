/**
 * Completion in Terraform files (the HCL format's `complete`): inside an aws_dynamodb_table
 * resource or an ARC module block (or a block or object in them), the arguments the schema knows
 * that are not there yet (blocks written as blocks in a resource: `ttl { ... }`), and after
 * `key =` the values of an enum or a boolean. Values come quoted unless the cursor is in a string.
 */
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver-types';
import type { Dialect, Pointer } from '../../model/spec';
import { schemaAt, valueAt, type SchemaNode } from '../schema';
import { joinPointer } from '../sourcemap';
import type { HclParsedConfig } from './parser';
import { terraformTables } from './terraform';
import { RESOURCE_BLOCKS } from './values';

/** The deepest block or object whose braces hold the offset. */
function containerAt(config: HclParsedConfig, offset: number): Pointer | undefined {
  let best: { pointer: Pointer; size: number } | undefined;
  for (const [pointer, node] of config.nodes) {
    if (node.innerStart === undefined || node.innerEnd === undefined || pointer === '') { continue; }
    if (node.innerStart <= offset && offset <= node.innerEnd) {
      const size = node.innerEnd - node.innerStart;
      if (!best || size < best.size) { best = { pointer, size }; }
    }
  }
  return best?.pointer;
}

function isType(node: SchemaNode, type: string): boolean {
  return node.type === type;
}

function snippetValue(node: SchemaNode): string {
  if (node.enum) { return `"\${1|${node.enum.map(String).join(',')}|}"`; }
  if (isType(node, 'boolean')) { return '${1|true,false|}'; }
  if (isType(node, 'string')) { return '"$1"'; }
  if (isType(node, 'array')) { return node.items && isType(node.items, 'object') ? '[\n\t{\n\t\t$0\n\t}\n]' : '[$1]'; }
  if (isType(node, 'object')) { return '{\n\t$0\n}'; }
  return '$1';
}

function documentation(node: SchemaNode): string | undefined {
  return node.description;
}

export function completeHcl(config: HclParsedConfig, dialect: Dialect, offset: number): CompletionItem[] {
  const container = containerAt(config, offset);
  if (container === undefined) { return []; }
  // Only inside a table entry (a module of another source is not ours).
  const tables = terraformTables(config.value);
  const table = tables.find(t => container === t.pointer || container.startsWith(`${t.pointer}/`));
  if (!table) { return []; }
  const inResource = table.kind === 'resource';
  const lines = config.map.lines;
  const line = lines.lineOf(offset);
  const before = config.text.slice(lines.lineStart(line), offset);
  const value = /^\s*([A-Za-z_][A-Za-z0-9_-]*)\s*=\s*("?)([^"]*)$/.exec(before);
  if (value) {
    const node = schemaAt(dialect, joinPointer(container, value[1]), config.value);
    if (!node) { return []; }
    const quote = value[2] === '' && !isType(node, 'boolean');
    const values: unknown[] = node.enum ? [...node.enum] : isType(node, 'boolean') ? [true, false] : [];
    return values.map((v, i) => ({
      label: String(v),
      kind: CompletionItemKind.EnumMember,
      insertText: quote && typeof v === 'string' ? `"${v}"` : String(v),
      ...(node.enumDescriptions?.[i] ? { documentation: node.enumDescriptions[i] } : {}),
      ...(node.default === v ? { preselect: true } : {}),
    }));
  }
  if (!/^\s*[A-Za-z_]*$/.test(before)) { return []; }
  const schema = schemaAt(dialect, container, config.value);
  if (!schema?.properties) { return []; }
  const present = valueAt(config.value, container);
  const has = (k: string): boolean => present !== null && typeof present === 'object' && Object.prototype.hasOwnProperty.call(present, k);
  const items: CompletionItem[] = [];
  for (const [key, node] of Object.entries(schema.properties)) {
    const block = inResource && RESOURCE_BLOCKS.has(key) && (isType(node, 'object') || isType(node, 'array'));
    // A repeated block may be written again; an argument once.
    if (has(key) && !(block && isType(node, 'array'))) { continue; }
    items.push({
      label: key,
      kind: block ? CompletionItemKind.Module : CompletionItemKind.Property,
      insertText: block ? `${key} {\n\t$0\n}` : `${key} = ${snippetValue(node)}`,
      insertTextFormat: InsertTextFormat.Snippet,
      ...(documentation(node) ? { documentation: documentation(node) } : {}),
    });
  }
  return items;
}
