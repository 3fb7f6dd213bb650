import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../src/language/service';
import { checkCase, fuzz, protoShapes, typedTwice, wide } from '../../fuzz/mutate';
import { EXAMPLES, example } from './helpers';

describe('fuzz (seeded share)', () => {
  it('300 mutations of the examples: no exception, every range inside the document', () => {
    const examples = EXAMPLES.map(name => ({ name, text: example(name) }));
    assert.deepEqual(fuzz(examples, 300, 7), []);
  });
  it('the shaped cases: prototype names at every level, a byte-order mark, wide maps (200 keys)', () => {
    const examples = EXAMPLES.map(name => ({ name, text: example(name) }));
    const shaped = [...protoShapes(), ...examples.map(x => ({ name: x.name, text: '\ufeff' + x.text })), ...wide(examples, 200)];
    assert.deepEqual(shaped.flatMap(x => checkCase(x.name, x.text, { cursor: true })), []);
  });
  it('sees an attribute typed two ways (the issue-10 repro), which now comes with an error', () => {
    const conflict = example('genesys.toml').replace('range_key_name = "issued_at"\nrange_key_type = "N"\nprojection_type', 'range_key_name = "issued_at"\nrange_key_type = "S"\nprojection_type');
    const a = analyze(conflict, { uri: 'c.toml' });
    assert.ok(a);
    assert.deepEqual(typedTwice(a), ['issued_at']);
    assert.ok(a.findings.some(f => f.code === 'attribute-type-conflict' && f.severity === 'error'));
    assert.deepEqual(checkCase('c.toml', conflict), []);
    // Two marks: the second is content, so no claim that the verdicts match.
    assert.deepEqual(checkCase('b.toml', '\ufeff\ufeff' + example('genesys.toml')), []);
  });
  it('deeply nested input does not throw', () => {
    assert.deepEqual(checkCase('n.toml', '[[resources.dynamodb]]\nname = ' + '['.repeat(3_000)), []);
    assert.deepEqual(checkCase('n.yaml', 'kind: AwsDynamodb\nspec: ' + '- '.repeat(3_000) + 'x'), []);
  });
});
