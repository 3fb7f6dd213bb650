/**
 * The pointer helpers rules read the parsed value through (shared.ts): `valueAt` walks the
 * pointer token by token without splitting it; asking again, asking a child after its parent, or
 * asking about a different value gives the plain value at the pointer (escapes, arrays, empty
 * tokens, absent paths).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { child, valueAt } from '../../../src/language/rules/shared';

describe('rules/shared pointer helpers', () => {
  const doc = { a: { 'x/y': 1, 'm~n': [10, { z: 'deep' }], nul: null }, list: [{ k: 'v' }] };

  it('valueAt reads through objects, arrays and escaped tokens, the same on every call', () => {
    for (let round = 0; round < 2; round++) {
      assert.equal(valueAt(doc, ''), doc);
      assert.equal(valueAt(doc, '/a/x~1y'), 1);
      assert.equal(valueAt(doc, '/a/m~0n/1/z'), 'deep');
      assert.equal(valueAt(doc, '/a/m~0n/0'), 10);
      assert.equal(valueAt(doc, '/list/0/k'), 'v');
      assert.equal(valueAt(doc, '/a/nul'), null);
      assert.equal(valueAt(doc, '/a/nul/deeper'), undefined);
      assert.equal(valueAt(doc, '/a/m~0n/0/below-a-number'), undefined);
      assert.equal(valueAt(doc, '/list/7/k'), undefined);
      assert.equal(valueAt(doc, '/missing/child'), undefined);
      assert.equal(valueAt({ '': { '': 3 } }, '//'), 3, 'empty tokens are keys too');
      assert.equal(valueAt({ a: { '': 4 } }, '/a/'), 4);
    }
  });

  it('valueAt answers for the value asked about, not an earlier one', () => {
    const other = { a: { 'x/y': 2 } };
    assert.equal(valueAt(doc, '/a/x~1y'), 1);
    assert.equal(valueAt(other, '/a/x~1y'), 2);
    assert.equal(valueAt(other, '/list/0/k'), undefined);
    assert.equal(valueAt('text', '/a'), undefined);
    assert.equal(valueAt(undefined, '/a'), undefined);
  });

  it('child escapes each token (RFC 6901) and accepts indexes', () => {
    assert.equal(child('/a', 'x/y', 0, 'm~n'), '/a/x~1y/0/m~0n');
    assert.equal(child(''), '');
    assert.equal(valueAt(doc, child('', 'a', 'm~n', 1, 'z')), 'deep');
  });
});
