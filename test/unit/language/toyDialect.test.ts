/**
 * A fourth dialect added through the registry alone: this test registers a toy YAML dialect
 * (its definition, vocabulary, schema and validator, nothing else) and gets diagnostics (schema
 * and rule findings with quick fixes), completion, hover and export for it, with no edit of
 * src/. It is removed again after the tests.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Ajv from 'ajv';
import { dialectChoices, exportConfig } from '../../../src/config/export';
import { detectDialect } from '../../../src/language/dialects/detect';
import { isObj } from '../../../src/language/dialects/fields';
import { dialectIds, registerDialect, unregisterDialect, type DialectDefinition } from '../../../src/language/dialects/registry';
import { normalizeEntry } from '../../../src/language/dialects/structured';
import type { Vocabulary } from '../../../src/language/dialects/vocabulary';
import { listTableEntry } from '../../../src/language/dialects/write';
import { YAML } from '../../../src/language/formats/yaml';
import { applyEdits } from '../../../src/language/edits';
import type { SchemaNode } from '../../../src/language/schema';
import { analyze, completionAt, fixesOf, hoverAt } from '../../../src/language/service';
import { plan } from '../../../src/plan/plan';
import { liveOf } from '../plan/builder';

const VOCABULARY: Vocabulary = {
  dialect: 'toy',
  tables: { pointer: '/table', array: false },
  name: 'name',
  billingMode: 'mode',
  throughput: { block: 'capacity', read: 'reads', write: 'writes' },
  attributes: { list: 'attributes', name: 'attr', type: 'kind' },
  keySchema: { list: 'keys', name: 'attr', keyType: 'role' },
  gsi: { list: 'globalIndexes', name: 'name' },
  lsi: { list: 'localIndexes', name: 'name' },
  projection: { block: 'projection', type: 'type', nonKeyAttributes: 'include' },
  stream: { block: 'stream', enabled: 'on', viewType: 'view' },
  ttl: { block: 'ttl', enabled: 'on', attributeName: 'attribute' },
  pitr: 'backups',
  sse: { block: 'encryption', enabled: 'on', kmsKey: 'key' },
  tableClass: 'class',
  deletionProtection: 'protected',
  tags: 'tags',
  ttlDefaultAttribute: 'expiresAt',
  order: {
    root: ['kind', 'table'],
    table: ['name', 'mode', 'capacity', 'attributes', 'keys', 'globalIndexes', 'localIndexes', 'stream', 'ttl', 'backups', 'encryption', 'class', 'protected', 'tags'],
  },
  // The toy writes its key roles lower case with a prefix, to see the enum encoding at work.
  enumPrefixes: { keyType: 'ROLE_' },
};

const text = (description: string) => ({ description });
const str = (description: string): SchemaNode => ({ type: 'string', ...text(description) });
const bool = (description: string): SchemaNode => ({ type: 'boolean', ...text(description) });
const oneOf = (values: readonly string[], description: string): SchemaNode => ({
  type: 'string', enum: values, enumDescriptions: values.map(v => `The value ${v}.`), ...text(description),
});
const object = (properties: Record<string, SchemaNode>, description: string): SchemaNode => ({ type: 'object', additionalProperties: false, properties, ...text(description) });
const list = (items: SchemaNode, description: string): SchemaNode => ({ type: 'array', items, ...text(description) });
const capacity = object({ reads: { type: 'integer', minimum: 1, ...text('Read capacity units.') }, writes: { type: 'integer', minimum: 1, ...text('Write capacity units.') } }, 'Provisioned capacity.');
const keys = list(object({ attr: str('The key attribute.'), role: oneOf(['ROLE_HASH', 'ROLE_RANGE'], 'The key role.') }, 'A key element.'), 'The key schema.');
const projection = object({ type: oneOf(['ALL', 'KEYS_ONLY', 'INCLUDE'], 'What the index holds.'), include: list(str('An attribute.'), 'Projected attributes.') }, 'The projection.');
const SCHEMA: SchemaNode = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://example.test/schemas/toy.schema.json',
  type: 'object',
  additionalProperties: false,
  properties: {
    kind: { const: 'ToyTable', ...text('The document kind: ToyTable.') },
    table: object({
      name: str('The name of the table.'),
      mode: oneOf(['PAY_PER_REQUEST', 'PROVISIONED'], 'How the table is billed.'),
      capacity,
      attributes: list(object({ attr: str('The attribute name.'), kind: oneOf(['S', 'N', 'B'], 'The attribute type.') }, 'An attribute definition.'), 'The attribute definitions.'),
      keys,
      globalIndexes: list(object({ name: str('The index name.'), keys, projection, capacity }, 'A global secondary index.'), 'The global secondary indexes.'),
      localIndexes: list(object({ name: str('The index name.'), keys, projection }, 'A local secondary index.'), 'The local secondary indexes.'),
      stream: object({ on: bool('Streams on.'), view: oneOf(['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'], 'What a record holds.') }, 'The stream.'),
      ttl: object({ on: bool('TTL on.'), attribute: str('The TTL attribute.') }, 'Time to live.'),
      backups: bool('Point-in-time recovery.'),
      encryption: object({ on: bool('A KMS key of the account.'), key: str('The KMS key.') }, 'Encryption at rest.'),
      class: oneOf(['STANDARD', 'STANDARD_INFREQUENT_ACCESS'], 'The table class.'),
      protected: bool('Deletion protection.'),
      tags: { type: 'object', additionalProperties: str('A tag value.'), ...text('The tags.') },
    }, 'The table.'),
  },
};

function toyDialect(): DialectDefinition {
  const ajv = new Ajv({ allErrors: true, strict: true, verbose: true, inlineRefs: false });
  for (const keyword of ['enumDescriptions', 'ruleOwned', 'aliasOf', 'patternDescription']) { ajv.addKeyword(keyword); }
  return {
    id: 'toy',
    label: 'toy (YAML)',
    description: 'a ToyTable document',
    format: YAML,
    schema: SCHEMA,
    validator: ajv.compile(SCHEMA),
    detect: t => /^kind:\s*ToyTable\s*$/m.test(t),
    vocabulary: VOCABULARY,
    normalize: config => (isObj(config.value) && isObj(config.value.table) ? [normalizeEntry(VOCABULARY, config.value.table, '/table')] : []),
    defaults: { enabled: false },
    write: (live, options) => ({ value: { kind: 'ToyTable', table: listTableEntry(VOCABULARY, live, { single: false, name: true }) }, header: options.header }),
  };
}

const CONFIG = `kind: ToyTable
table:
  name: orders
  mode: ON_DEMAND
  attributes:
    - attr: pk
      kind: S
  keys:
    - attr: pk
      role: ROLE_HASH
    - attr: sk
      role: ROLE_RANGE
  protectd: true

`;

describe('a fourth dialect through the registry alone', () => {
  before(() => registerDialect(toyDialect()));
  after(() => unregisterDialect('toy'));

  it('is listed, detected from content, and offered for export and new configs', () => {
    assert.ok(dialectIds().includes('toy'));
    assert.equal(detectDialect(CONFIG, 'yaml'), 'toy');
    assert.equal(detectDialect('# yaml-language-server: $schema=./toy.schema.json\nfoo: 1\n', 'yaml'), 'toy');
    assert.ok(dialectChoices().some(c => c.dialect === 'toy' && c.label === 'toy (YAML)'));
  });

  it('gets diagnostics: schema findings and rule findings, with quick fixes', () => {
    const analysis = analyze(CONFIG, { uri: 'orders.yaml' });
    assert.ok(analysis);
    assert.equal(analysis.dialect, 'toy');
    const byCode = new Map(analysis.findings.map(f => [f.code, f]));
    assert.match(byCode.get('enum-value')?.message ?? '', /"ON_DEMAND" is not valid: use PAY_PER_REQUEST or PROVISIONED/);
    assert.match(byCode.get('unknown-key')?.message ?? '', /did you mean "protected"\?/);
    // A rule on the vocabulary: the RANGE key sk has no attribute definition.
    const undefinedKey = byCode.get('key-attribute-undefined');
    assert.ok(undefinedKey, analysis.findings.map(f => f.code).join(', '));
    assert.match(undefinedKey.message, /sk/);
    const enumFix = fixesOf(analysis, byCode.get('enum-value')!).find(f => f.preferred);
    assert.ok(enumFix);
    assert.match(applyEdits(CONFIG, enumFix.edits), /\n {2}mode: PAY_PER_REQUEST\n/);
    const defineFix = fixesOf(analysis, undefinedKey)[0];
    assert.ok(defineFix, 'the rule fix is written in the toy key names');
    assert.match(applyEdits(CONFIG, defineFix.edits), /- attr: sk\n\s+kind: [SNB]/);
  });

  it('gets completion and hover from its schema', () => {
    const offset = CONFIG.indexOf("  protectd");
    const withCursor = `${CONFIG.slice(0, offset)}  \n${CONFIG.slice(offset)}`;
    const labels = completionAt(withCursor, offset + 2, { uri: 'orders.yaml' }).map(i => i.label);
    assert.ok(labels.includes('stream') && labels.includes('capacity') && labels.includes('tags'), labels.join(', '));
    assert.ok(!labels.includes('mode') && !labels.includes('keys'), 'present keys are not offered again');
    const hover = hoverAt(CONFIG, CONFIG.indexOf('mode'), { uri: 'orders.yaml' });
    assert.match(JSON.stringify(hover?.contents), /How the table is billed/);
  });

  it('gets export: the written config validates clean in the toy dialect and plans no change', () => {
    const live = liveOf({
      name: 'orders', billingMode: 'PROVISIONED', read: 5, write: 4, attributes: { pk: 'S', sk: 'N', status: 'S' }, hash: 'pk', range: 'sk',
      gsis: [{ name: 'by-status', hash: 'status', projection: 'KEYS_ONLY', read: 1, write: 1 }],
      stream: { enabled: true, viewType: 'NEW_IMAGE' }, ttl: { enabled: true, attributeName: 'expiresAt' }, tags: { team: 'a' },
    });
    const written = exportConfig(live, 'toy', { now: new Date('2026-01-02T03:04:05Z') });
    assert.match(written, /^# Exported from DynamoDB table orders/);
    assert.match(written, /role: ROLE_RANGE/);
    const analysis = analyze(written, { uri: 'orders.yaml' });
    assert.equal(analysis?.dialect, 'toy');
    assert.deepEqual(analysis.findings.filter(f => f.severity === 'error' || f.severity === 'warning').map(f => f.message), [], written);
    assert.equal(plan(analysis.tables[0], live).kind, 'none', written);
  });
});
