/** Items of every attribute type for the import/export/bulk-delete tests. */
import type { JsonItem } from '../../../src/model/items';
import { EVERY_TYPE } from '../../unit/items/everyType';

/**
 * `count` items keyed pk (S, `p<i mod partitions>`) + sk (N, 38 digits): every attribute type
 * (sets, nested maps and lists, binary, 38-digit numbers, empty strings) on each, varied per item.
 */
export function everyTypeItems(count: number, partitions = 100, prefix = 'p'): JsonItem[] {
  const items: JsonItem[] = [];
  for (let i = 0; i < count; i++) {
    items.push({
      ...EVERY_TYPE,
      pk: { S: `${prefix}${i % partitions}` },
      sk: { N: `1234567890123456789012345678${String(i).padStart(10, '0')}` },
      n: { N: `-0.${String(i).padStart(37, '7')}` },
      label: { S: i % 5 === 0 ? '' : `item "${i}", line\nbreak` },
      tags: { SS: [`t${i % 3}`, `u${i}`] },
      blob: { B: Buffer.from(`bytes ${i}`).toString('base64') },
      nested: { M: { i: { N: String(i) }, list: { L: [{ S: '' }, { NS: [String(i), '0.5'] }, { M: { deep: { BOOL: i % 2 === 0 } } }] } } },
    });
  }
  return items;
}
