import type { JsonItem } from '../../../src/model/items';

/** Every attribute type, with the values that corrupt items in naive converters. */
export const EVERY_TYPE: JsonItem = {
  pk: { S: 'item#1' },
  sk: { N: '12345678901234567890123456789012345678' },
  tiny: { N: '0.000000000000000000000000000000000001' },
  negative: { N: '-9007199254740993' },
  empty: { S: '' },
  quote: { S: '"</script><img src=x onerror=alert(1)>' },
  bin: { B: Buffer.from([0, 1, 2, 253, 254, 255]).toString('base64') },
  emptyBin: { B: '' },
  yes: { BOOL: true },
  no: { BOOL: false },
  nothing: { NULL: true },
  ss: { SS: ['b', 'a', ''] },
  ns: { NS: ['3', '1.50', '12345678901234567890123456789012345678'] },
  bs: { BS: [Buffer.from('x').toString('base64'), Buffer.from([255]).toString('base64')] },
  list: { L: [{ S: 'x' }, { N: '1' }, { L: [] }, { M: {} }, { NULL: true }, { SS: ['z'] }] },
  map: { M: { nested: { M: { deep: { L: [{ B: 'AAE=' }, { BOOL: false }] } } }, 'a.b': { S: 'dotted name' } } },
};
