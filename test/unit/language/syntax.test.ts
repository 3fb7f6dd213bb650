import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../src/language/service';
import { parseToml } from '../../../src/language/toml';
import { parseYaml } from '../../../src/language/yaml';
import { example, textAt } from './helpers';

/** Inserts a broken line after the line containing `marker`, and breaks a value before it. */
function breakAfter(text: string, marker: string, broken: string): string {
  const at = text.indexOf('\n', text.indexOf(marker)) + 1;
  return text.slice(0, at) + broken + '\n' + text.slice(at);
}

describe('syntax errors', () => {
  it('TOML: reports each error on its line and keeps parsing the rest', () => {
    const text = 'a = 1\nb = \nc = 2\nd = [1,\ne = "x"\n';
    const { map, value } = parseToml(text);
    assert.ok(map.syntaxErrors.length >= 1);
    for (const e of map.syntaxErrors) { assert.ok(textAt(text, e.range).length > 0, 'an error marks at least one character'); }
    assert.equal((value as { a: number }).a, 1);
    assert.ok(map.get('/a'));
  });
  it('TOML: a duplicate key is an error on the second definition', () => {
    const text = 'a = 1\na = 2\nb = 3\n';
    const { map, value } = parseToml(text);
    assert.equal(map.syntaxErrors.length, 1);
    assert.equal(map.syntaxErrors[0].range.start.line, 1);
    assert.equal((value as { b: number }).b, 3);
  });
  it('YAML: duplicate keys and bad indentation are errors with ranges', () => {
    const text = 'a: 1\na: 2\nb: [1, 2\nc: 3\n';
    const { map } = parseYaml(text);
    const lines = map.syntaxErrors.map(e => e.range.start.line);
    assert.ok(lines.includes(1), 'duplicate key on line 2');
    assert.equal(textAt(text, map.syntaxErrors[0].range), 'a');
  });
  it('genesys: an error in the middle keeps the findings before it', () => {
    let text = example('genesys.toml').replace('billing_mode = "PAY_PER_REQUEST"', 'billing_mode = "ON_DEMAND"');
    text = breakAfter(text, 'name = "invoices"', 'broken = = "x"');
    const a = analyze(text, { uri: 'x.toml' });
    assert.ok(a);
    assert.ok(a.findings.some(f => f.code === 'syntax' && f.range.start.line === text.split('\n').findIndex(l => l.startsWith('broken'))));
    const enumFinding = a.findings.find(f => f.code === 'enum-value');
    assert.ok(enumFinding, 'the schema still checks the part before the error');
    assert.equal(textAt(text, enumFinding.range), '"ON_DEMAND"');
    assert.equal(a.tables.length, 2);
  });
  for (const name of ['planton.yaml', 'component.yaml'] as const) {
    it(`${name}: an error in the middle keeps the findings before it`, () => {
      let text = example(name).replace(/billingMode: \S+/, 'billingMode: ON-DEMAND');
      text = breakAfter(text, 'keyType:', '      bad: [unclosed');
      const a = analyze(text, { uri: name });
      assert.ok(a);
      assert.ok(a.findings.some(f => f.code === 'syntax'));
      const enumFinding = a.findings.find(f => f.code === 'enum-value');
      assert.ok(enumFinding);
      assert.equal(textAt(text, enumFinding.range), 'ON-DEMAND');
    });
  }
  it('never throws on garbage', () => {
    for (const text of ['[[resources.dynamodb]]\n[[[[[', 'kind: AwsDynamodb\n- - - : : {[', '\u0000\uffff', '']) {
      analyze(text, { uri: 'a.toml' });
      analyze(text, { uri: 'a.yaml' });
      analyze(text, { forcedDialect: 'component' });
    }
  });
});
