/**
 * The schema check of the Terraform dialects (what ajv does for the TOML/YAML dialects, which
 * cannot run here: values Terraform computes are HclUnknown, never checked). Only inside the
 * table entries (aws_dynamodb_table resources, ARC module blocks): `enum-value` (with the closest
 * valid value as a fix), `type` (only values Terraform cannot convert: Terraform turns "5" into 5
 * and "true" into true), `unknown-key` (warning, did-you-mean) and a `syntax` finding for an
 * argument given twice (Terraform: "Attribute redefined"), except hash_key/range_key, where
 * key-schema-shape speaks.
 */
import type { Pointer } from '../../model/spec';
import { closestEnumValue, closestKey, schemaFor, type SchemaNode } from '../schema';
import { joinPointer } from '../sourcemap';
import type { Finding, Fix } from '../types';
import { DUPLICATE_MARK, isUnknown } from './values';
import { terraformTables } from './terraform';

const KEY_ARGUMENTS = new Set(['hash_key', 'range_key']);

function typeOk(node: SchemaNode, value: unknown): boolean {
  const type = typeof node.type === 'string' ? node.type : undefined;
  if (!type) { return true; }
  switch (type) {
    case 'string': return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
    case 'number': return typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)));
    case 'boolean': return typeof value === 'boolean' || value === 'true' || value === 'false';
    case 'array': return Array.isArray(value);
    case 'object': return value !== null && typeof value === 'object' && !Array.isArray(value);
    default: return true;
  }
}

function typeName(node: SchemaNode): string {
  switch (node.type) {
    case 'array': return 'a list';
    case 'object': return 'a block or an object';
    default: return `a ${String(node.type)}`;
  }
}

function walk(node: SchemaNode, value: unknown, pointer: Pointer, out: Finding[], depth = 0): void {
  if (depth > 50 || value === null || value === undefined || isUnknown(value)) { return; }
  if (!typeOk(node, value)) {
    out.push({ code: 'type', severity: 'error', message: `${describe(pointer)} must be ${typeName(node)}.`, pointer, target: 'value' });
    return;
  }
  if (node.enum && typeof value === 'string' && !node.enum.includes(value)) {
    const best = closestEnumValue(value, node.enum);
    const fixes: Fix[] = best ? [{ title: `Replace with "${String(best.value)}"`, preferred: best.confident, changes: [{ kind: 'replace', pointer, value: best.value }] }] : [];
    out.push({
      code: 'enum-value',
      severity: 'error',
      message: `${describe(pointer)} is "${value}": valid values are ${node.enum.map(v => `"${String(v)}"`).join(', ')}.`,
      pointer,
      target: 'value',
      ...(fixes.length > 0 ? { fixes } : {}),
    });
    return;
  }
  if (Array.isArray(value) && node.items) {
    value.forEach((v, i) => walk(node.items as SchemaNode, v, joinPointer(pointer, i), out, depth + 1));
    return;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && (node.properties || typeof node.additionalProperties === 'object')) {
    const record = value as Record<string, unknown>;
    const known = Object.keys(node.properties ?? {});
    for (const key of Object.keys(record)) {
      const p = joinPointer(pointer, key);
      const mark = key.indexOf(DUPLICATE_MARK);
      if (mark > 0) {
        const base = key.slice(0, mark);
        if (!KEY_ARGUMENTS.has(base)) {
          out.push({ code: 'syntax', severity: 'error', message: `${base} is given more than once: Terraform rejects a redefined argument; keep one.`, pointer: p, target: 'key', fixes: [{ title: `Remove this ${base}`, preferred: true, changes: [{ kind: 'delete', pointer: p }] }] });
        }
        continue;
      }
      const child = node.properties && Object.prototype.hasOwnProperty.call(node.properties, key) ? node.properties[key]
        : typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
      if (!child) {
        if (node.additionalProperties === false) {
          const near = closestKey(key, known, new Set(Object.keys(record)), true);
          out.push({
            code: 'unknown-key',
            severity: 'warning',
            message: `${key} is not an argument here${near ? `: did you mean ${near}?` : '.'}`,
            pointer: p,
            target: 'key',
            fixes: [
              ...(near ? [{ title: `Rename to ${near}`, preferred: true, changes: [{ kind: 'rename' as const, pointer: p, newKey: near }] }] : []),
              { title: `Remove ${key}`, changes: [{ kind: 'delete' as const, pointer: p }] },
            ],
          });
        }
        continue;
      }
      walk(child, record[key], p, out, depth + 1);
    }
  }
}

function describe(pointer: Pointer): string {
  const last = pointer.slice(pointer.lastIndexOf('/') + 1);
  return /^[0-9]+$/.test(last) ? 'this element' : last;
}

/** The schema findings of the table entries of a parsed .tf value. */
export function checkTerraform(value: unknown): Finding[] {
  const out: Finding[] = [];
  const tables = terraformTables(value);
  if (tables.length === 0) { return out; }
  // schemas/terraform.schema.json: the resource body and the module inputs.
  const root = schemaFor(tables[0].dialect);
  const resource = root.properties?.resource?.properties?.aws_dynamodb_table?.additionalProperties;
  const module = root.properties?.module?.additionalProperties;
  for (const t of tables) {
    const node = t.kind === 'resource' ? resource : module;
    if (typeof node === 'object') { walk(node, t.body, t.pointer, out); }
  }
  return out;
}
