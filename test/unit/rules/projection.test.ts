/**
 * projection-non-key-attributes on an INCLUDE projection with no list or an empty one, in every
 * dialect: an error, and every quick-fix it offers gives a file with no finding of that rule and
 * no error at all (a fix that wrote `[]` would leave the same rule firing).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Dialect } from '../../../src/model/spec';
import { NON_KEY_PLACEHOLDER } from '../../../src/language/rules/indexes';
import { applyEdits, example, findings, fixesFor, mutate, type Mutation } from './harness';

const RULE = 'projection-non-key-attributes';

const SHAPES: readonly { dialect: Dialect; what: string; mutation: Mutation; placeholderPreferred?: boolean }[] = [
  { dialect: 'genesys', what: 'empty list', mutation: [['non_key_attributes = ["total", "currency"]', 'non_key_attributes = []']] },
  { dialect: 'genesys', what: 'no list', mutation: [['non_key_attributes = ["total", "currency"]\n', '']] },
  {
    dialect: 'genesys', what: 'empty list, nothing else named (placeholder first)', placeholderPreferred: true,
    mutation: [['non_key_attributes = ["total", "currency"]', 'non_key_attributes = []'], ['range_key_name = "due_at"', 'range_key_name = "status"'], ['range_key_type = "N"\nprojection_type = "KEYS_ONLY"', 'range_key_type = "S"\nprojection_type = "KEYS_ONLY"']],
  },
  { dialect: 'planton', what: 'empty flow list', mutation: [['        type: PROJECTION_TYPE_KEYS_ONLY\n', '        type: PROJECTION_TYPE_INCLUDE\n        nonKeyAttributes: []\n']] },
  { dialect: 'planton', what: 'no list', mutation: [['PROJECTION_TYPE_KEYS_ONLY', 'PROJECTION_TYPE_INCLUDE']] },
  {
    dialect: 'planton', what: 'empty snake_case list, no TTL (placeholder first)', placeholderPreferred: true,
    mutation: [['        type: PROJECTION_TYPE_KEYS_ONLY\n', '        type: PROJECTION_TYPE_INCLUDE\n        non_key_attributes: []\n'], ['  ttl:\n    enabled: true\n    attributeName: returnBy\n', '']],
  },
  { dialect: 'component', what: 'empty list', mutation: [['            projectionType: ALL\n', '            projectionType: INCLUDE\n            nonKeyAttributes: []\n']] },
  { dialect: 'component', what: 'no list', mutation: [['            projectionType: ALL\n', '            projectionType: INCLUDE\n']] },
  {
    dialect: 'component', what: 'empty list, no TTL (placeholder first)', placeholderPreferred: true,
    mutation: [['            projectionType: ALL\n', '            projectionType: INCLUDE\n            nonKeyAttributes: []\n'], ['      timeToLiveSpecification:\n        enabled: true\n        attributeName: purgeAt\n', '']],
  },
];

describe('an INCLUDE projection without names', () => {
  for (const shape of SHAPES) {
    it(`${shape.dialect}, ${shape.what}: an error whose every fix leaves no ${RULE} and no error`, () => {
      const broken = mutate(example(shape.dialect), shape.mutation);
      const before = findings(broken, shape.dialect);
      const mine = before.filter(f => f.code === RULE);
      assert.equal(mine.length, 1, before.map(f => `${f.code} ${f.message}`).join('\n'));
      assert.equal(mine[0].severity, 'error');
      assert.deepEqual(before.filter(f => f.severity === 'error' && f.code !== RULE).map(f => f.code), []);
      const fixes = fixesFor(mine[0]);
      assert.ok(fixes.length >= 2, 'a fill and a change of projection');
      const preferred = fixes.find(f => f.preferred);
      assert.ok(preferred);
      assert.equal(preferred.title.startsWith('Insert'), shape.placeholderPreferred === true, preferred.title);
      for (const fx of fixes) {
        const fixed = applyEdits(broken, fx.edits);
        const after = findings(fixed, shape.dialect);
        assert.deepEqual(after.filter(f => f.code === RULE || f.severity === 'error').map(f => `${f.code} ${f.message}`), [],
          `fix "${fx.title}" gave:\n${fixed}`);
        if (fx.title.includes('placeholder')) { assert.ok(fixed.includes(NON_KEY_PLACEHOLDER), fixed); }
        assert.ok(!/(non_key_attributes|nonKeyAttributes)\s*[=:]\s*\[\s*\]/.test(fixed), `fix "${fx.title}" left an empty list`);
      }
    });
  }
});
