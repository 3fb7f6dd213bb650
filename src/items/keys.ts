/**
 * Item keys: which attributes make a key (of a table, or of an index's start key), an item's key,
 * and a key as short text for messages. Pure.
 */
import type { LiveKeyElement } from '../model/live';
import type { JsonItem, QueryTarget } from '../model/items';
import { attributeOf } from '../model/items';

/** The key attribute names a start key of this target holds: the table's keys, then the index's. */
export function startKeyNames(target: QueryTarget): string[] {
  const names = target.tableKeySchema.map(k => k.name);
  for (const k of target.indexKeySchema ?? []) { if (!names.includes(k.name)) { names.push(k.name); } }
  return names;
}

/** The key of an item: its key attributes, in key schema order. Throws if one is missing. */
export function keyOf(item: JsonItem, keySchema: readonly LiveKeyElement[] | readonly string[]): JsonItem {
  return Object.fromEntries(keySchema.map(element => {
    const name = typeof element === 'string' ? element : element.name;
    const value = attributeOf(item, name);
    if (!value) { throw new Error(`the item has no key attribute ${name}`); }
    return [name, value];
  }));
}

/** A key as short text for messages: `pk="a", sk=3`. */
export function keyText(key: JsonItem): string {
  return Object.entries(key).map(([name, value]) => `${name}=${'S' in value ? JSON.stringify(value.S) : 'N' in value ? value.N : 'B' in value ? `b64:${value.B}` : JSON.stringify(value)}`).join(', ');
}
