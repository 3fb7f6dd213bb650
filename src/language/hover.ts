/**
 * Hover from the dialect's schema at the cursor (pure: no vscode). The service finds the
 * pointer and whether the cursor is on its key or its value (SourceMap.pointerAt), and, for a
 * table entry (header, `spec:`, `config:`), passes the one-line table summary it makes from the
 * TableSpec; this module adds the schema's words.
 *
 * - On a key: the property's name, type, description, allowed values with their meanings,
 *   format and default (markdown).
 * - On an enum value: that value's meaning, then the property's description.
 * - On a table entry: the summary, then the entry's description.
 */
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { Dialect, Pointer } from '../model/spec';
import { propertyMarkdown } from './completion';
import { schemaAt, valueAt, type SchemaNode } from './schema';
import { splitPointer as pointerSegments } from './sourcemap';

export interface HoverInput {
  readonly dialect: Dialect;
  /** The parsed document (plain value), for the value under the cursor and if/then. */
  readonly value: unknown;
  readonly pointer: Pointer;
  readonly on: 'key' | 'value';
  /** A one-line summary of the table at this pointer (made by the service), shown first. */
  readonly summary?: string;
}

export function hover(input: HoverInput): Hover | undefined {
  const schema = schemaAt(input.dialect, input.pointer, input.value);
  const parts: string[] = [];
  if (input.summary) { parts.push(input.summary); }
  const text = schema ? schemaMarkdown(input, schema) : undefined;
  if (text) { parts.push(text); }
  if (parts.length === 0) { return undefined; }
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') } };
}

function keyOf(pointer: Pointer): string | undefined {
  const segments = pointerSegments(pointer);
  const last = segments[segments.length - 1];
  return last === undefined || /^[0-9]+$/.test(last) ? undefined : last;
}

function schemaMarkdown(input: HoverInput, schema: SchemaNode): string | undefined {
  const key = keyOf(input.pointer);
  if (input.on === 'value' && schema.enum) {
    const actual = valueAt(input.value, input.pointer);
    const index = schema.enum.findIndex(v => v === actual);
    if (index >= 0) {
      const meaning = schema.enumDescriptions?.[index];
      const head = `**${String(actual)}**${meaning ? `: ${meaning}` : ''}`;
      return schema.description ? `${head}\n\n${key ? `\`${key}\`: ` : ''}${schema.description}` : head;
    }
  }
  if (key === undefined) {
    // An array element (a table entry, an index, a list item): its title and description.
    const title = schema.title ? `**${schema.title}**` : undefined;
    return [title, schema.description].filter((s): s is string => s !== undefined).join('\n\n') || undefined;
  }
  return propertyMarkdown(key, schema);
}
