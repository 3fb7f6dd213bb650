import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { schemaAt, validateSchema } from '../../../src/language/schema';
import { example } from './load';

/** Modules of ajv's compiler (schema -> code) that this process has loaded. */
function ajvCompilerLoaded(): string[] {
  return Object.keys(require.cache).filter(path => /[\\/]node_modules[\\/]ajv[\\/]dist[\\/](ajv|core|compile[\\/]index)\.js$/.test(path));
}

describe('schema validators are precompiled (scripts/validators.mjs): nothing compiles a schema at run time', () => {
  it("validates all three dialects, findings included, without loading ajv's compiler", () => {
    for (const dialect of ['genesys', 'planton', 'component'] as const) {
      assert.deepEqual(validateSchema(dialect, example(dialect)), [], dialect);
    }
    const planton = example('planton');
    (planton.spec as Record<string, unknown>).billingMode = 'ON_DEMAND';
    const findings = validateSchema('planton', planton);
    assert.deepEqual(findings.map(f => [f.code, f.pointer]), [['enum-value', '/spec/billingMode']]);
    assert.deepEqual(ajvCompilerLoaded(), []);
  });

  it("evaluates the component schema's if condition against the document (its own precompiled validator)", () => {
    const value = example('component');
    const components = value.components as Record<string, unknown>[];
    components.push({ name: 'bucket', type: 's3-bucket', config: { anything: 1 } });
    const table = components.findIndex(c => c.type === 'dynamodb-table');
    assert.ok(table >= 0, 'the example has a table component');
    assert.ok(schemaAt('component', `/components/${table}/config/billingMode`, value), 'a table component has the table schema');
    assert.equal(schemaAt('component', `/components/${components.length - 1}/config/billingMode`, value), undefined, 'another type of component is not a table');
    assert.deepEqual(validateSchema('component', value), [], 'a component of another type is not checked');
    assert.deepEqual(ajvCompilerLoaded(), []);
  });
});
