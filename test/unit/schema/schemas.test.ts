import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Dialect } from '../../../src/model/spec';
import { dialectOfSchemaRef as dialectForSchemaId } from '../../../src/language/dialects/detect';
import { dialectIds } from '../../../src/language/dialects/registry';
import {
  resolveSchema, ruleOwnedChecks, schemaAt, schemaFor, schemaIdFor, walkSchema,
  type SchemaNode,
} from '../../../src/language/schema';
import { example } from './load';

/** The rule ids of RULES.md that a schema condition may defer to. */
const RULE_IDS = new Set([
  'billing-mode-required', 'key-schema-shape', 'provisioned-throughput-required', 'throughput-without-provisioned',
  'gsi-key-schema-shape', 'lsi-key-schema-shape', 'gsi-throughput-matches-billing', 'table-name', 'index-name',
  'gsi-limit', 'lsi-limit', 'projection-attribute-limit', 'projection-non-key-attributes',
]);

describe('the schemas themselves', () => {
  for (const dialect of dialectIds()) {
    it(`${dialect}: every property has a description (after $ref), every enum has enumDescriptions of the same length`, () => {
      let properties = 0;
      let enums = 0;
      walkSchema(schemaFor(dialect), '', (node, path) => {
        for (const [key, raw] of Object.entries(node.properties ?? {})) {
          properties++;
          const resolved = resolveSchema(dialect, raw);
          assert.ok(typeof resolved.description === 'string' && resolved.description.length > 10, `${path}/properties/${key} has no description`);
        }
        if (typeof node.additionalProperties === 'object') {
          assert.ok(node.additionalProperties.description, `${path}/additionalProperties has no description`);
        }
        if (node.enum) {
          enums++;
          assert.equal(node.enumDescriptions?.length, node.enum.length, `${path}: enumDescriptions must parallel enum`);
          assert.ok(node.enumDescriptions?.every(d => d.length > 5), `${path}: empty enum description`);
        }
      });
      assert.ok(properties > 20, `only ${properties} properties walked`);
      assert.ok(enums >= 3, `only ${enums} enums walked`);
    });
    it(`${dialect}: draft-07 with our $id, and ruleOwned names a keyword of its node and a rule of RULES.md`, () => {
      const schema = schemaFor(dialect);
      assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
      assert.equal(schema.$id, `https://dynamodb-designer.dev/schemas/${dialect}.schema.json`);
      const checks = ruleOwnedChecks(dialect);
      assert.ok(checks.length > 5);
      for (const check of checks) {
        assert.ok(RULE_IDS.has(check.rule), `${check.schemaPath}: unknown rule ${check.rule}`);
        let node: unknown = schema;
        for (const segment of check.schemaPath.split('/').slice(1)) { node = (node as Record<string, unknown>)[segment.replace(/~1/g, '/').replace(/~0/g, '~')]; }
        assert.ok((node as Record<string, unknown>)[check.keyword] !== undefined, `${check.schemaPath}: no ${check.keyword} keyword`);
      }
    });
  }
  it('the closed blocks are closed: table entries, planton spec and metadata, the table component config', () => {
    const closed = (dialect: Dialect, pointer: string): boolean => schemaAt(dialect, pointer, example(dialect))?.additionalProperties === false;
    assert.ok(closed('genesys', '/resources/dynamodb/0'));
    assert.ok(closed('genesys', '/resources/dynamodb/1/global_secondary_indexes/0'));
    assert.ok(closed('genesys', '/resources/dynamodb/1/local_secondary_indexes/0'));
    assert.ok(closed('planton', '/spec'));
    assert.ok(closed('planton', '/metadata'));
    assert.ok(closed('component', '/components/0/config'));
    assert.ok(!closed('component', '/components/1/config'));
  });
});

describe('schema ids', () => {
  it('round-trip every dialect, with or without fragment, and local copies by file name', () => {
    for (const dialect of dialectIds()) {
      assert.equal(dialectForSchemaId(schemaIdFor(dialect)), dialect);
      assert.equal(dialectForSchemaId(schemaIdFor(dialect) + '#'), dialect);
      assert.equal(dialectForSchemaId(`./schemas/${dialect}.schema.json`), dialect);
    }
    assert.equal(dialectForSchemaId('https://json.schemastore.org/github-workflow.json'), undefined);
    assert.equal(dialectForSchemaId('other.schema.json'), undefined);
  });
});

describe('schemaAt', () => {
  const enumOf = (node: SchemaNode | undefined): readonly unknown[] | undefined => node?.enum;
  it('follows items, properties and $ref to a GSI projection', () => {
    assert.deepEqual(enumOf(schemaAt('genesys', '/resources/dynamodb/0/global_secondary_indexes/3/projection_type')), ['ALL', 'KEYS_ONLY', 'INCLUDE']);
    assert.deepEqual(enumOf(schemaAt('planton', '/spec/globalSecondaryIndexes/0/projection/type')),
      ['PROJECTION_TYPE_ALL', 'PROJECTION_TYPE_KEYS_ONLY', 'PROJECTION_TYPE_INCLUDE']);
    assert.deepEqual(enumOf(schemaAt('component', '/components/0/config/globalSecondaryIndexes/0/projection/projectionType')), ['ALL', 'KEYS_ONLY', 'INCLUDE']);
    assert.equal(schemaAt('planton', '/spec/globalSecondaryIndexes/0/projection')?.description, 'Which attributes the index holds besides its keys.');
  });
  it('resolves planton snake_case aliases at every level', () => {
    const node = schemaAt('planton', '/spec/global_secondary_indexes/0/provisioned_throughput/read_capacity_units');
    assert.equal(node?.type, 'integer');
    assert.equal(node?.aliasOf, 'readCapacityUnits');
    assert.match(node?.description ?? '', /proto field name of readCapacityUnits/);
    assert.deepEqual(enumOf(schemaAt('planton', '/spec/key_schema/1/key_type')), ['KEY_TYPE_HASH', 'KEY_TYPE_RANGE']);
  });
  it('follows additionalProperties (tag values) and array items (non-key attributes)', () => {
    assert.match(schemaAt('genesys', '/resources/dynamodb/1/tags/Team')?.description ?? '', /Value of the tag/);
    assert.equal(schemaAt('component', '/components/0/config/globalSecondaryIndexes/0/projection/nonKeyAttributes/2')?.type, 'string');
  });
  it('applies if/then from the document: table components get the table schema, others do not', () => {
    const value = example('component');
    assert.deepEqual(enumOf(schemaAt('component', '/components/0/config/sseSpecification/sseType', value)), ['KMS']);
    assert.equal(schemaAt('component', '/components/1/config/handler', value), undefined);
    assert.equal(schemaAt('component', '/components/1/config', value)?.properties, undefined);
    // Without the document, the table branch is assumed.
    assert.deepEqual(enumOf(schemaAt('component', '/components/7/config/billingMode')), ['PAY_PER_REQUEST', 'PROVISIONED', 'ON_DEMAND']);
  });
  it('is undefined where the schema knows no such key', () => {
    assert.equal(schemaAt('genesys', '/resources/dynamodb/0/no_such_key'), undefined);
    assert.equal(schemaAt('planton', '/spec/billingMode/deeper'), undefined);
    assert.equal(schemaAt('planton', '')?.title, 'Project Planton AwsDynamodb manifest');
  });
});
