/**
 * The templates that mirror cfn-lint's DynamoDB fixtures (test/support/cfnLintCases.ts): each
 * gives exactly the findings recorded for us (errors, 1-based lines). test/cfnlint/compare.ts
 * puts them next to cfn-lint's own findings where cfn-lint is installed.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../../src/language/service';
import { CFN_LINT_CASES } from '../../support/cfnLintCases';

describe("templates mirroring cfn-lint's DynamoDB fixtures", () => {
  for (const c of CFN_LINT_CASES) {
    it(`${c.name} (${c.mirrors}): ${c.ours.join(', ') || 'no finding'}`, () => {
      const analysis = analyze(c.template, { uri: 'template.yaml' });
      assert.ok(analysis);
      assert.equal(analysis.dialect, 'cloudformation');
      assert.deepEqual(analysis.findings.filter(f => f.severity !== 'hint').map(f => `${f.range.start.line + 1} ${f.code}`), [...c.ours], c.template);
    });
  }
});
