/**
 * Every rule of RULES.md, in each dialect where it applies, through the whole language service:
 * the case tables (cases-*.ts) say which example, which mutation, which finding at which range;
 * the harness applies every offered quick-fix and checks it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Dialect } from '../../../src/model/spec';
import { RULES, RULE_GROUPS, ruleApplies, ruleById } from '../../../src/language/rules/catalogue';
import { DESIGN_RULES } from '../../../src/language/rules/design';
import { dialectOf } from '../../../src/language/dialects/registry';
import { CLOUDFORMATION_CASES } from './cases-cloudformation';
import { COMPONENT_CASES } from './cases-component';
import { DESIGN_CASES } from './cases-design';
import { GENESYS_CASES } from './cases-genesys';
import { PLANTON_CASES } from './cases-planton';
import { type RuleCase, example, findings, runCase } from './harness';

const ALL: readonly RuleCase[] = [...GENESYS_CASES, ...PLANTON_CASES, ...COMPONENT_CASES, ...CLOUDFORMATION_CASES, ...DESIGN_CASES];
/** The planton manifest holds no design: its sidecar does (test/unit/design/sidecar.test.ts). */
const IN_SIDECAR = 'the design is in the sidecar NAME.design.yaml (test/unit/design/sidecar.test.ts)';

/** Rules that cannot apply in a dialect, and why (see the header of each cases file). */
const NOT_APPLICABLE: Readonly<Record<Dialect, Readonly<Record<string, string>>>> = {
  genesys: {
    'key-attribute-undefined': 'each key name carries its own type (hash-key-type)',
    'attribute-definition-unused': 'definitions are the key pairs themselves',
    'attribute-definition-duplicate': 'definitions are the key pairs themselves',
    'lsi-hash-key': "an LSI's HASH is implicitly the table's",
    'not-applied': 'no DAX, auto scaling, backup or monitoring keys in the dialect',
  },
  planton: {
    'hash-key-type': 'flat dialect only', 'range-key-type': 'flat dialect only',
    'duplicate-table': 'a manifest holds one table',
    ...Object.fromEntries(DESIGN_RULES.map(r => [r.id, IN_SIDECAR])),
  },
  component: {
    'billing-mode-required': 'a missing billingMode means PROVISIONED (provisioned-throughput-required)',
    'hash-key-type': 'flat dialect only', 'range-key-type': 'flat dialect only',
  },
  cloudformation: {
    'billing-mode-required': 'a missing BillingMode means PROVISIONED (provisioned-throughput-required)',
    'hash-key-type': 'flat dialect only', 'range-key-type': 'flat dialect only',
    'not-applied': 'a template is applied by CloudFormation: nothing in it is "not applied" by us',
  },
};

describe('rule catalogue', () => {
  it('has unique ids, known severities, descriptions, and every group rule', () => {
    assert.equal(new Set(RULES.map(r => r.id)).size, RULES.length);
    for (const r of RULES) {
      assert.ok(['error', 'warning', 'information', 'hint'].includes(r.severity), r.id);
      assert.ok(r.description.length > 10, r.id);
      assert.equal(ruleById(r.id), r);
    }
    const grouped = Object.values(RULE_GROUPS).flat();
    assert.deepEqual(new Set(grouped.map(r => r.id)), new Set(RULES.map(r => r.id)));
  });

  it('covers every rule in every dialect where it applies', () => {
    for (const dialect of ['genesys', 'planton', 'component', 'cloudformation'] as const) {
      const covered = new Set(ALL.filter(c => c.dialect === dialect).map(c => c.code));
      const missing = RULES.filter(r => !covered.has(r.id) && !(r.id in NOT_APPLICABLE[dialect])
        && ruleApplies(r, dialectOf(dialect))).map(r => r.id);
      assert.deepEqual(missing, [], `${dialect}: rules without a case`);
      for (const id of Object.keys(NOT_APPLICABLE[dialect])) { assert.ok(!covered.has(id), `${dialect}: ${id} has a case but is listed as not applicable`); }
    }
  });
});

describe('examples validate clean (advice on)', () => {
  for (const dialect of ['genesys', 'planton', 'component', 'cloudformation'] as const) {
    it(dialect, () => {
      assert.deepEqual(findings(example(dialect), dialect).map(f => `${f.code} ${f.message}`), []);
    });
  }
});

for (const [dialect, cases] of [['genesys', GENESYS_CASES], ['planton', PLANTON_CASES], ['component', COMPONENT_CASES], ['cloudformation', CLOUDFORMATION_CASES], ['design', DESIGN_CASES]] as const) {
  describe(`rules on ${dialect}`, () => {
    for (const c of cases) {
      it(`${c.code}: ${c.what} -> [${c.range.join(',')}] ${JSON.stringify(c.marks)}`, c.todo ? { todo: c.todo } : {}, () => {
        runCase(c);
      });
    }
  });
}
