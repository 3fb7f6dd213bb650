import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { associatedDialect, globToRegExp, matchesConfigGlobs } from '../../../src/language/association';
import { detectDialect, dialectOfSchemaRef, schemaComment } from '../../../src/language/dialects/detect';
import { detectFormat } from '../../../src/language/parse';
import { schemaIdFor } from '../../../src/language/schema';
import { analyze, completionAt, hoverAt } from '../../../src/language/service';
import { EXAMPLES, example } from './helpers';

describe('dialect detection', () => {
  it('detects each example from content', () => {
    assert.equal(detectDialect(example('genesys.toml'), 'toml'), 'genesys');
    assert.equal(detectDialect(example('planton.yaml'), 'yaml'), 'planton');
    assert.equal(detectDialect(example('component.yaml'), 'yaml'), 'component');
  });
  it('leaves other files alone', () => {
    assert.equal(detectDialect('name: ci\non: [push]\njobs: {}\n', 'yaml'), undefined);
    assert.equal(detectDialect('components:\n  - type: lambda-api\n', 'yaml'), undefined);
    assert.equal(detectDialect('[package]\nname = "x"\n', 'toml'), undefined);
    assert.equal(analyze('apiVersion: v1\nkind: ConfigMap\n', { uri: 'cm.yaml' }), undefined);
  });
  it('honours a forced schema comment in the first lines', () => {
    assert.equal(schemaComment('# hi\n#:schema ./schemas/genesys.schema.json\n', 'toml'), './schemas/genesys.schema.json');
    assert.equal(detectDialect('#:schema ../genesys.schema.json\n[x]\n', 'toml'), 'genesys');
    assert.equal(detectDialect('# yaml-language-server: $schema=https://x.test/planton.schema.json\nspec: {}\n', 'yaml'), 'planton');
    assert.equal(detectDialect(`# yaml-language-server: $schema=${schemaIdFor('component')}\ncomponents: []\n`, 'yaml'), 'component');
    assert.equal(detectDialect('# yaml-language-server: $schema=other.schema.json\nfoo: 1\n', 'yaml'), undefined);
    assert.equal(dialectOfSchemaRef('"genesys.schema.json"'), 'genesys');
  });
  it('detects the format from the extension, else from content', () => {
    assert.equal(detectFormat('a: 1', 'x.toml'), 'toml');
    assert.equal(detectFormat('a = 1', 'x.yml'), 'yaml');
    assert.equal(detectFormat('[[resources.dynamodb]]\nname = "a"'), 'toml');
    assert.equal(detectFormat('kind: AwsDynamodb\n'), 'yaml');
  });
});

describe('a byte-order mark', () => {
  const BOM = '\uFEFF';
  const invalid = '[[resources.dynamodb]]\nname = "orders"\nhash_key_name = "id"\nhash_key_type = "S"\n';
  it('does not change the dialect or the format', () => {
    assert.equal(detectDialect(BOM + invalid, 'toml'), 'genesys');
    assert.equal(detectFormat(BOM + invalid), 'toml');
    assert.equal(detectDialect(BOM + 'kind: AwsDynamodb\nspec: {}\n', 'yaml'), 'planton');
    assert.equal(detectDialect(BOM + 'components:\n- type: dynamodb-table\n', 'yaml'), 'component');
    assert.equal(schemaComment(BOM + '#:schema genesys.schema.json\n', 'toml'), 'genesys.schema.json');
    assert.equal(detectDialect(BOM + '#:schema genesys.schema.json\n[x]\n', 'toml'), 'genesys');
    assert.equal(associatedDialect('/p/a.toml', BOM + invalid), 'genesys');
    assert.equal(detectDialect(BOM + 'name: ci\n', 'yaml'), undefined);
  });
  it('gives the same findings at the same positions as without it, and no syntax error', () => {
    for (const [name, text] of [['x.toml', invalid], ...EXAMPLES.map(e => [e, example(e)] as const),
      ['y.toml', example('genesys.toml').replace('billing_mode = "PROVISIONED"\n', '')],
      ['y.yaml', example('planton.yaml').replace('BILLING_MODE_PROVISIONED', 'ON_DEMAND')]] as const) {
      const plain = analyze(text, { uri: name });
      const marked = analyze(BOM + text, { uri: name });
      assert.ok(plain && marked, name);
      assert.ok(!marked.findings.some(f => f.code === 'syntax'), `${name}: ${marked.findings.map(f => f.message).join('; ')}`);
      const show = (a: NonNullable<typeof plain>): string[] => a.findings.map(f => `${f.code} ${JSON.stringify(f.range)} ${f.message}`);
      assert.deepEqual(show(marked), show(plain), name);
      assert.equal(marked.config.text, text);
    }
  });
  it('marks the first line at column 0 (the mark is not a character of the file as shown)', () => {
    const a = analyze(BOM + invalid, { uri: 'x.toml' });
    assert.ok(a);
    const f = a.findings.find(x => x.code === 'billing-mode-required');
    assert.ok(f, a.findings.map(x => x.code).join());
    assert.deepEqual(f.range, { start: { line: 0, character: 0 }, end: { line: 0, character: '[[resources.dynamodb]]'.length } });
  });
  it('keeps hover and completion offsets right', () => {
    const text = example('genesys.toml');
    const at = text.indexOf('billing_mode') + 2;
    assert.deepEqual(hoverAt(BOM + text, at + 1, { uri: 'x.toml' }), hoverAt(text, at, { uri: 'x.toml' }));
    const line = text.indexOf('enable_ttl = true\n') + 'enable_ttl = true\n'.length;
    const withNew = text.slice(0, line) + 'po' + text.slice(line);
    const labels = (items: { label: string }[]): string[] => items.map(i => i.label);
    const plain = labels(completionAt(withNew, line + 2, { uri: 'x.toml' }));
    assert.ok(plain.length > 0);
    assert.deepEqual(labels(completionAt(BOM + withNew, line + 3, { uri: 'x.toml' })), plain);
  });
});

describe('config globs', () => {
  it('matches **, *, ?, braces and classes', () => {
    assert.ok(globToRegExp('**/*.toml').test('a/b/c.toml'));
    assert.ok(globToRegExp('**/*.toml').test('c.toml'));
    assert.ok(!globToRegExp('*.toml').test('a/c.toml'));
    assert.ok(globToRegExp('tables/*.{yaml,yml}').test('tables/x.yml'));
    assert.ok(globToRegExp('t?[0-9].toml').test('ta1.toml'));
    assert.ok(!globToRegExp('t?[0-9].toml').test('tab.toml'));
  });
  it('matches paths against settings globs (name-only globs match in any folder)', () => {
    assert.ok(matchesConfigGlobs('/home/u/p/infra/orders.ddb.yaml', ['*.ddb.yaml']));
    assert.ok(matchesConfigGlobs('C:\\p\\infra\\tables\\a.toml', ['infra/tables/*.toml']));
    assert.ok(!matchesConfigGlobs('/p/other/a.toml', ['infra/**/*.toml']));
    assert.ok(matchesConfigGlobs('/p/infra/x/y/a.toml', ['infra/**/*.toml']));
  });
  it('opts a TOML file in as genesys by glob', () => {
    assert.equal(associatedDialect('/p/t/a.toml', 'name = "x"\n', ['t/*.toml']), 'genesys');
    assert.equal(associatedDialect('/p/u/a.toml', 'name = "x"\n', ['t/*.toml']), undefined);
  });
});
