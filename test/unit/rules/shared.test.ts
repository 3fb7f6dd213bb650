/**
 * The pointer helpers rules read the parsed value through (shared.ts): `valueAt` walks the
 * pointer token by token without splitting it; asking again, asking a child after its parent, or
 * asking about a different value gives the plain value at the pointer (escapes, arrays, empty
 * tokens, absent paths). `finding` with fixes given as a function makes them on first read only,
 * once, and a finding analysed that way still carries them to a code action and over a worker's
 * message (structured clone).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, fixesOf } from '../../../src/language/service';
import { child, finding, fix, valueAt } from '../../../src/language/rules/shared';
import type { Fix } from '../../../src/language/types';

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

  const rule = { id: 'test-rule', severity: 'error' as const };
  const mark = { pointer: '/a', target: 'value' as const };

  it('finding makes fixes given as a function when they are read, once', () => {
    let made = 0;
    const f = finding(rule, mark, 'message', () => { made++; return [fix('Do it', [{ kind: 'delete', pointer: '/a' }], true)]; });
    assert.equal(made, 0, 'not made with the finding');
    assert.deepEqual(f.fixes, [{ title: 'Do it', preferred: true, changes: [{ kind: 'delete', pointer: '/a' }] }]);
    assert.equal(f.fixes, f.fixes, 'the same fixes on every read');
    assert.equal(made, 1);
    assert.deepEqual(JSON.parse(JSON.stringify(f)).fixes, f.fixes);
  });

  it('finding: no fixes, an empty list or a failing function all read as no fixes', () => {
    assert.equal(finding(rule, mark, 'm').fixes, undefined);
    assert.equal('fixes' in finding(rule, mark, 'm', []), false);
    assert.equal(finding(rule, mark, 'm', () => []).fixes, undefined);
    assert.equal(finding(rule, mark, 'm', (): Fix[] => { throw new Error('broken fix'); }).fixes, undefined);
  });

  it('an analysed finding with fixes made on request keeps them, for a code action and over a structured clone', () => {
    // billing-mode-required gives its fixes as a function.
    const text = '[[resources.dynamodb]]\nname = "orders"\nhash_key_name = "pk"\nhash_key_type = "S"\n';
    const analysis = analyze(text, { uri: 'lazy.toml', forcedDialect: 'genesys' });
    const f = analysis?.findings.find(x => x.code === 'billing-mode-required');
    assert.ok(analysis && f, 'billing-mode-required is found');
    const titles = f.fixes?.map(x => x.title);
    assert.deepEqual(titles, ['Insert billing_mode = PAY_PER_REQUEST', 'Insert billing_mode = PROVISIONED with throughput']);
    const resolved = fixesOf(analysis, f);
    assert.deepEqual(resolved.map(x => x.title), titles);
    assert.ok(resolved[0].edits.some(e => e.newText.includes('billing_mode = "PAY_PER_REQUEST"')));
    const cloned = structuredClone(analysis.findings);
    assert.deepEqual(cloned.find(x => x.code === 'billing-mode-required')?.fixes, f.fixes);
  });
});
