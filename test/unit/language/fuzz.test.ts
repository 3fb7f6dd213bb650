import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCase, fuzz } from '../../fuzz/mutate';
import { EXAMPLES, example } from './helpers';

describe('fuzz (seeded share)', () => {
  it('300 mutations of the examples: no exception, every range inside the document', () => {
    const examples = EXAMPLES.map(name => ({ name, text: example(name) }));
    assert.deepEqual(fuzz(examples, 300, 7), []);
  });
  it('deeply nested input does not throw', () => {
    assert.deepEqual(checkCase('n.toml', '[[resources.dynamodb]]\nname = ' + '['.repeat(3_000)), []);
    assert.deepEqual(checkCase('n.yaml', 'kind: AwsDynamodb\nspec: ' + '- '.repeat(3_000) + 'x'), []);
  });
});
