/**
 * The schema combinators behind the panel protocol (webview/schema.ts): each is a runtime check
 * whose failures say where, and (checked by the compiler) the type it infers.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { bool, exactly, int, list, object, oneOf, orNull, parse, str, trusted } from '../../../webview/schema';
import type { Infer } from '../../../webview/schema';

const reason = (parsed: { ok: boolean; reason?: string }): string => (parsed.ok ? 'ok' : parsed.reason!);

describe('schema combinators', () => {
  it('checks scalars with bounds', () => {
    assert.equal(reason(parse('a', str)), 'ok');
    assert.equal(reason(parse('x'.repeat(400_001), str)), '$: expected a string');
    assert.equal(reason(parse(1, bool)), '$: expected a boolean');
    assert.equal(reason(parse(3, int(1, 3))), 'ok');
    assert.equal(reason(parse(4, int(1, 3))), '$: expected a whole number from 1 to 3');
    assert.equal(reason(parse(1.5, int(1, 3))), '$: expected a whole number from 1 to 3');
    assert.equal(reason(parse('b', oneOf(['a', 'b']))), 'ok');
    assert.equal(reason(parse('c', oneOf(['a', 'b']))), '$: expected one of a, b');
    assert.equal(reason(parse(2, exactly(1, 'unknown version'))), '$: unknown version');
  });

  it('checks arrays, nulls and objects field by field, naming the path', () => {
    const s = object({ name: str, tags: list(orNull(str), 2) }, { note: str });
    assert.equal(reason(parse({ name: 'a', tags: ['x', null] }, s)), 'ok');
    assert.equal(reason(parse({ name: 'a', tags: [], note: undefined }, s)), 'ok', 'an optional field may be undefined');
    assert.equal(reason(parse({ name: 'a', tags: ['x', 1] }, s)), '$.tags[1]: expected a string');
    assert.equal(reason(parse({ name: 'a', tags: ['x', 'y', 'z'] }, s)), '$.tags: expected an array of at most 2');
    assert.equal(reason(parse({ tags: [] }, s)), '$.name: expected a string');
    assert.equal(reason(parse({ name: 'a', tags: [], other: 1 }, s)), '$.other: unexpected field');
    assert.equal(reason(parse({ name: 'a', tags: [], note: 2 }, s)), '$.note: expected a string');
    assert.equal(reason(parse(Object.assign(Object.create(null) as object, { name: 'a', tags: [] }), s)), 'ok', 'null prototype is plain data');
    class Named { name = 'a'; tags = []; }
    assert.equal(reason(parse(new Named(), s)), '$: expected an object');
    assert.equal(reason(parse([], trusted<{ a: 1 }>())), '$: expected an object');
    // The inferred type: required, optional and nullable fields (a compile-time check).
    const typed: Infer<typeof s> = { name: 'a', tags: [null] };
    assert.equal(typed.note, undefined);
  });

  it('lets non-validation errors through', () => {
    const s = object({ a: { check: () => { throw new TypeError('bug'); } } });
    assert.throws(() => parse({ a: 1 }, s), TypeError);
  });
});
