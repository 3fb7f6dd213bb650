import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type MarkupContent } from 'vscode-languageserver-types';
import { complete } from '../../../src/language/completion';
import { hover } from '../../../src/language/hover';
import { at, example } from './load';

const labels = (items: readonly CompletionItem[]): string[] => items.map(i => i.label);
const item = (items: readonly CompletionItem[], label: string): CompletionItem => {
  const found = items.find(i => i.label === label);
  assert.ok(found, `no completion ${label} in ${labels(items).join(', ')}`);
  return found;
};
const doc = (i: CompletionItem): string => (i.documentation as MarkupContent | undefined)?.value ?? '';

describe('complete: keys', () => {
  it('genesys table: the keys not yet present, as properties with ` = ` snippets and descriptions', () => {
    const value = example('genesys');
    const items = complete({ dialect: 'genesys', format: 'toml', value, pointer: '/resources/dynamodb/0', position: 'key' });
    const present = Object.keys(at(value, 'resources', 'dynamodb', 0));
    for (const key of present) { assert.ok(!labels(items).includes(key), `${key} is present and still offered`); }
    for (const key of ['range_key_name', 'read_capacity_units', 'table_class', 'deletion_protection', 'tags']) { assert.ok(labels(items).includes(key), key); }
    const tableClass = item(items, 'table_class');
    assert.equal(tableClass.kind, CompletionItemKind.Property);
    assert.equal(tableClass.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal(tableClass.insertText, 'table_class = "${1|STANDARD,STANDARD_INFREQUENT_ACCESS|}"');
    assert.match(doc(tableClass), /Storage class of the table/);
    assert.match(doc(tableClass), /`STANDARD_INFREQUENT_ACCESS`: Standard-Infrequent Access/);
    assert.equal(item(items, 'read_capacity_units').insertText, 'read_capacity_units = ${1:5}');
    assert.equal(item(items, 'deletion_protection').insertText, 'deletion_protection = ${1|false,true|}');
    assert.equal(item(items, 'global_secondary_indexes').insertText, '[[resources.dynamodb.global_secondary_indexes]]\n$0');
    assert.equal(item(items, 'tags').insertText, '[resources.dynamodb.tags]\n$0');
  });
  it('YAML dialects use `: ` and block snippets', () => {
    const value = example('component');
    const items = complete({ dialect: 'component', format: 'yaml', value, pointer: '/components/0/config', position: 'key' });
    assert.ok(!labels(items).includes('tableName'));
    assert.equal(item(items, 'tableClass').insertText, 'tableClass: ${1|STANDARD,STANDARD_INFREQUENT_ACCESS|}');
    assert.equal(item(items, 'localSecondaryIndexes').insertText, 'localSecondaryIndexes:\n  - $0');
    assert.equal(item(items, 'provisionedThroughput').insertText, 'provisionedThroughput:\n  $0');
  });
  it('planton: camelCase names only, an alias of a present key is present, snake_case objects get snake_case names', () => {
    const value = example('planton');
    const spec = at(value, 'spec');
    delete spec.tableClass;
    spec.deletion_protection_enabled = spec.deletionProtectionEnabled;
    delete spec.deletionProtectionEnabled;
    const items = complete({ dialect: 'planton', format: 'yaml', value, pointer: '/spec', position: 'key' });
    assert.ok(labels(items).includes('tableClass'));
    assert.ok(!labels(items).includes('table_class'));
    assert.ok(!labels(items).includes('deletionProtectionEnabled'), 'alias of a present key');
    assert.ok(!labels(items).includes('deletion_protection_enabled'));
    const snake = complete({ dialect: 'planton', format: 'yaml', value: { spec: { billing_mode: 'BILLING_MODE_PROVISIONED' } }, pointer: '/spec', position: 'key' });
    assert.ok(labels(snake).includes('key_schema'));
    assert.ok(!labels(snake).includes('keySchema'));
    assert.ok(!labels(snake).includes('billingMode'));
    assert.ok(labels(snake).includes('ttl'), 'one-word keys in both styles');
  });
  it('a component of another type gets no table keys; a new table component gets name/type/config first', () => {
    const value = example('component');
    assert.deepEqual(complete({ dialect: 'component', format: 'yaml', value, pointer: '/components/1/config', position: 'key' }), []);
    const items = complete({ dialect: 'component', format: 'yaml', value: { components: [{ type: 'dynamodb-table' }] }, pointer: '/components/0', position: 'key' });
    assert.deepEqual(labels(items), ['name', 'config']);
    assert.ok(items.every(i => i.detail?.endsWith('(required)')));
  });
});

describe('complete: values', () => {
  it('enum values with their meanings, quoted in TOML unless already in a string', () => {
    const value = example('genesys');
    const items = complete({ dialect: 'genesys', format: 'toml', value, pointer: '/resources/dynamodb/1/stream_view_type', position: 'value' });
    assert.deepEqual(labels(items), ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES']);
    assert.ok(items.every(i => i.kind === CompletionItemKind.EnumMember));
    assert.equal(doc(item(items, 'OLD_IMAGE')), 'The whole item as it was before the change.');
    assert.equal(item(items, 'NEW_IMAGE').insertText, '"NEW_IMAGE"');
    const inString = complete({ dialect: 'genesys', format: 'toml', value, pointer: '/resources/dynamodb/1/stream_view_type', position: 'value', inString: true });
    assert.equal(item(inString, 'NEW_IMAGE').insertText, 'NEW_IMAGE');
  });
  it('planton enum values carry their prefixes; the default is preselected', () => {
    const items = complete({ dialect: 'planton', format: 'yaml', value: example('planton'), pointer: '/spec/globalSecondaryIndexes/0/projection/type', position: 'value' });
    assert.deepEqual(labels(items), ['PROJECTION_TYPE_ALL', 'PROJECTION_TYPE_KEYS_ONLY', 'PROJECTION_TYPE_INCLUDE']);
    assert.equal(item(items, 'PROJECTION_TYPE_ALL').preselect, true);
    assert.equal(item(items, 'PROJECTION_TYPE_ALL').insertText, 'PROJECTION_TYPE_ALL');
  });
  it('true/false for booleans, examples for strings, nothing for free text without examples', () => {
    const value = example('component');
    const bools = complete({ dialect: 'component', format: 'yaml', value, pointer: '/components/0/config/deletionProtectionEnabled', position: 'value' });
    assert.deepEqual(labels(bools), ['true', 'false']);
    assert.equal(item(bools, 'false').preselect, true);
    const ttl = complete({ dialect: 'component', format: 'yaml', value, pointer: '/components/0/config/timeToLiveSpecification/attributeName', position: 'value' });
    assert.deepEqual(labels(ttl), ['expiresAt']);
    assert.deepEqual(complete({ dialect: 'component', format: 'yaml', value, pointer: '/components/0/config/keySchema/0/attributeName', position: 'value' }), []);
    assert.deepEqual(complete({ dialect: 'genesys', format: 'toml', value: {}, pointer: '/nowhere/at/all', position: 'value' }), []);
  });
});

describe('hover', () => {
  const text = (h: ReturnType<typeof hover>): string => (h?.contents as MarkupContent | undefined)?.value ?? '';
  it('on a key: the description, the type and the allowed values', () => {
    const value = example('genesys');
    const h = text(hover({ dialect: 'genesys', value, pointer: '/resources/dynamodb/0/billing_mode', on: 'key' }));
    assert.match(h, /^\*\*billing_mode\*\*: `PAY_PER_REQUEST \| PROVISIONED`/);
    assert.match(h, /How reads and writes are billed/);
    assert.match(h, /- `PROVISIONED`: Provisioned: fixed read and write capacity units/);
    assert.match(text(hover({ dialect: 'genesys', value, pointer: '/resources/dynamodb/1/read_capacity_units', on: 'key' })), /`integer >= 1`/);
  });
  it('on an enum value: that value\'s meaning first', () => {
    const h = text(hover({ dialect: 'planton', value: example('planton'), pointer: '/spec/streamViewType', on: 'value' }));
    assert.match(h, /^\*\*STREAM_VIEW_TYPE_NEW_IMAGE\*\*: The whole item as it is after the change\./);
    assert.match(h, /`streamViewType`: What each stream record holds/);
  });
  it('on a table entry: the summary from the service, then the entry\'s description', () => {
    const h = text(hover({ dialect: 'genesys', value: example('genesys'), pointer: '/resources/dynamodb/0', on: 'key', summary: 'carts: PAY_PER_REQUEST, key cart_id (S)' }));
    assert.equal(h, 'carts: PAY_PER_REQUEST, key cart_id (S)\n\n---\n\nA DynamoDB table ([[resources.dynamodb]]).');
    assert.match(text(hover({ dialect: 'planton', value: example('planton'), pointer: '/spec', on: 'key', summary: 'S' })), /^S\n\n---\n\n\*\*spec\*\*: `mapping`\n\nThe table:/);
  });
  it('snake_case aliases explain themselves; unknown places give nothing (or just the summary)', () => {
    assert.match(text(hover({ dialect: 'planton', value: {}, pointer: '/spec/billing_mode', on: 'key' })), /proto field name of billingMode/);
    assert.equal(hover({ dialect: 'genesys', value: {}, pointer: '/resources/dynamodb/0/nope', on: 'key' }), undefined);
    assert.equal(text(hover({ dialect: 'genesys', value: {}, pointer: '/resources/dynamodb/0/nope', on: 'key', summary: 'x' })), 'x');
  });
});
