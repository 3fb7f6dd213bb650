import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { itemFileName, safeFileName, saveFailure } from '../../../src/vscode/panels/itemNames';

describe('item editor names', () => {
  it('read like the key: name = value, strings without quotes, numbers as written', () => {
    assert.equal(itemFileName({ customer_id: { S: 'cust-0005' } }), 'customer_id = cust-0005');
    assert.equal(itemFileName({ deviceId: { S: 'dev-007' }, readAt: { N: '1714557600' } }), 'deviceId = dev-007, readAt = 1714557600');
    assert.equal(itemFileName({ id: { B: 'AAEC' } }), 'id = base64 AAEC');
  });

  it('stay valid file names: separators, reserved and control characters become _, long keys are cut', () => {
    assert.equal(itemFileName({ pk: { S: 'a/b\\c:d*e?f"g<h>i|j\u0001k' } }), 'pk = a_b_c_d_e_f_g_h_i_j_k');
    assert.equal(itemFileName({ at: { S: '2024-05-01T10:00:00Z' } }), 'at = 2024-05-01T10_00_00Z');
    const long = itemFileName({ pk: { S: 'x'.repeat(500) } });
    assert.equal(long.length, 120);
    assert.ok(long.endsWith('…'));
    assert.equal(safeFileName('copy of it. '), 'copy of it', 'no trailing dot or space (Windows)');
    assert.equal(safeFileName('///'), '___');
    assert.equal(safeFileName(''), 'item');
  });
});

describe('a failed save in words', () => {
  it('leads with what went wrong and the item\'s key, with the code last', () => {
    const text = saveFailure('invoices', { customer_id: { S: 'cust-0005' } }, 'Item size has exceeded the maximum allowed size', 'ValidationException');
    assert.equal(text, 'Could not save the item customer_id="cust-0005" to invoices: Item size has exceeded the maximum allowed size (ValidationException)');
    assert.equal(saveFailure('invoices', undefined, 'line 3: expected a value', 'InvalidItem'), 'Could not save the new item to invoices: line 3: expected a value (InvalidItem)');
  });

  it('keeps a conflict\'s own message, which names the item first', () => {
    assert.equal(saveFailure('t', { id: { S: 'a' } }, 'The item id="a" changed since you opened it.', 'ItemConflict:changed', true),
      'The item id="a" changed since you opened it. (ItemConflict:changed)');
  });
});
