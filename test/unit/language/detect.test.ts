import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { associatedDialect, globToRegExp, matchesConfigGlobs } from '../../../src/language/association';
import { detectDialect, dialectOfSchemaRef, schemaComment } from '../../../src/language/dialects/detect';
import { detectFormat } from '../../../src/language/parse';
import { SCHEMA_IDS } from '../../../src/language/schema';
import { analyze } from '../../../src/language/service';
import { example } from './helpers';

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
    assert.equal(detectDialect(`# yaml-language-server: $schema=${SCHEMA_IDS.component}\ncomponents: []\n`, 'yaml', SCHEMA_IDS), 'component');
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
