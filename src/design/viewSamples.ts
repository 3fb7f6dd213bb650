/**
 * Simple deterministic sample values for the design view: the n-th item of an entity gets the
 * same values every time (`userId` -> `user-1`, `email` -> `user1@example.com`, a `...At` or
 * `date` attribute -> an ISO date, numbers -> multiples of 10), and its key attributes are its
 * templates filled with them. Pure. (The pattern runner has its own generator for real runs.)
 */
import type { EntitySpec, KeyTemplate } from '../model/design';

export type SampleValue = string | number | boolean | null;

const STATUSES = ['ACTIVE', 'PENDING', 'SHIPPED'];

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The value of attribute `name` (of DynamoDB type `type`) in sample item `i` (1-based). */
export function sampleValue(name: string, type: string, i: number): SampleValue {
  switch (type) {
    case 'N': return i * 10;
    case 'BOOL': return i % 2 === 1;
    case 'NULL': return null;
    case 'B': return `b64:${name}${i}`;
    case 'L': case 'M': case 'SS': case 'NS': case 'BS': return `[${type}]`;
    default: break;
  }
  const lower = name.toLowerCase();
  if (/id$/i.test(name) && name.length > 2) { return `${name.slice(0, -2).replace(/[^A-Za-z0-9]/g, '').toLowerCase()}-${i}`; }
  if (lower === 'id') { return `id-${i}`; }
  if (lower.includes('email')) { return `user${i}@example.com`; }
  if (/(at|date|time)$/i.test(name) || lower.includes('date')) { return `2025-01-${pad(((i - 1) % 28) + 1)}T10:00:00Z`; }
  if (lower === 'status' || lower.endsWith('status')) { return STATUSES[(i - 1) % STATUSES.length]!; }
  if (lower === 'name' || lower.endsWith('name')) { return `${name.charAt(0).toUpperCase()}${name.slice(1)} ${i}`; }
  return `${name}-${i}`;
}

/** The type an entity declares for an attribute (S when it declares none). */
export function attributeType(entity: EntitySpec, name: string): string {
  return entity.attributes.find(a => a.name === name)?.type ?? 'S';
}

/** A template filled with the sample values of item `i`. */
export function fillTemplate(entity: EntitySpec, template: KeyTemplate, i: number): string {
  return template.parts.map(p => ('literal' in p ? p.literal : String(sampleValue(p.placeholder, attributeType(entity, p.placeholder), i)))).join('');
}

/** Sample item `i` of an entity: its attributes, then its key attributes from the templates. */
export function sampleItem(entity: EntitySpec, i: number): Record<string, SampleValue> {
  const item: Record<string, SampleValue> = {};
  for (const [attribute, template] of Object.entries(entity.keys)) { item[attribute] = fillTemplate(entity, template, i); }
  for (const a of entity.attributes) {
    if (a.name in item) { continue; }
    item[a.name] = sampleValue(a.name, a.type, i);
  }
  return item;
}
