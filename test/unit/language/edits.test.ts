import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Dialect } from '../../../src/model/spec';
import { vocabulary } from '../../../src/language/dialects/registry';
import { keysBefore } from '../../../src/language/dialects/vocabulary';
import { applyEdits, fixEdits } from '../../../src/language/edits';
import { parseConfig } from '../../../src/language/parse';
import type { FixIntent, Format } from '../../../src/language/types';

function apply(text: string, format: Format, dialect: Dialect, ...changes: FixIntent[]): string {
  const edits = fixEdits(parseConfig(text, format), dialect, changes);
  assert.ok(edits, 'the intent resolves to edits');
  const out = applyEdits(text, edits);
  assert.deepEqual(parseConfig(out, format).map.syntaxErrors, [], `the result parses:\n${out}`);
  return out;
}

/** Every line of `before` not in `changed` (by content) is still in `after`, in order. */
function othersKept(before: string, after: string, changed: readonly string[]): void {
  const kept = before.split('\n').filter(l => !changed.includes(l));
  const rest = after.split('\n');
  let i = 0;
  for (const line of kept) {
    while (i < rest.length && rest[i] !== line) { i++; }
    assert.ok(i < rest.length, `line kept byte-identical: ${JSON.stringify(line)}`);
    i++;
  }
}

const TOML = `# tables
region = 'eu-west-1'

[[resources.dynamodb]]
name = 'carts'   # the cart table
billing_mode = 'PROVISIONED'  # comment stays
hash_key_name = 'cart_id'
hash_key_type = 'S'
read_capacity_units = 5

[[resources.dynamodb.global_secondary_indexes]]
name = 'by-user'
non_key_attributes = ['a', 'b']

[resources.dynamodb.tags]
Team = 'x'
`;

const YAML = `# manifest
kind: AwsDynamodb
metadata:
  name: loans
spec:
  billingMode: BILLING_MODE_PROVISIONED   # comment stays
  attributeDefinitions:
    - name: memberId
      type: ATTRIBUTE_TYPE_S
  keySchema:
    - attributeName: memberId
      keyType: KEY_TYPE_HASH
  ttl:
  tableClass: TABLE_CLASS_STANDARD
`;

describe('fix edits: TOML', () => {
  it('inserts a key after its schema-order sibling with the neighbours\' quotes', () => {
    const out = apply(TOML, 'toml', 'genesys', { kind: 'insert', parent: '/resources/dynamodb/0', key: 'range_key_name', value: 'at', after: keysBefore(vocabulary('genesys'), 'table', 'range_key_name') });
    assert.match(out, /hash_key_type = 'S'\nrange_key_name = 'at'\nread_capacity_units = 5\n/);
    othersKept(TOML, out, []);
  });
  it('inserts at the end of the table\'s own keys when no sibling exists, before sub-tables', () => {
    const out = apply(TOML, 'toml', 'genesys', { kind: 'insert', parent: '/resources/dynamodb/0', key: 'write_capacity_units', value: 5 });
    assert.match(out, /read_capacity_units = 5\nwrite_capacity_units = 5\n\n\[\[resources/);
  });
  it('replaces a value and keeps its trailing comment', () => {
    const out = apply(TOML, 'toml', 'genesys', { kind: 'replace', pointer: '/resources/dynamodb/0/billing_mode', value: 'PAY_PER_REQUEST' });
    assert.match(out, /^billing_mode = 'PAY_PER_REQUEST'  # comment stays$/m);
    othersKept(TOML, out, ["billing_mode = 'PROVISIONED'  # comment stays"]);
  });
  it('deletes a key with its line, and a whole sub-table', () => {
    const out = apply(TOML, 'toml', 'genesys', { kind: 'delete', pointer: '/resources/dynamodb/0/read_capacity_units' });
    assert.equal(out, TOML.replace('read_capacity_units = 5\n', ''));
    const noTags = apply(TOML, 'toml', 'genesys', { kind: 'delete', pointer: '/resources/dynamodb/0/tags' });
    assert.equal(noTags, TOML.replace("[resources.dynamodb.tags]\nTeam = 'x'\n", ''));
  });
  it('renames a key', () => {
    const out = apply(TOML, 'toml', 'genesys', { kind: 'rename', pointer: '/resources/dynamodb/0/hash_key_type', newKey: 'range_key_type' });
    assert.equal(out, TOML.replace("hash_key_type = 'S'", "range_key_type = 'S'"));
  });
  it('inserts an array element and an array-of-tables element', () => {
    const out = apply(TOML, 'toml', 'genesys', { kind: 'insertElement', parent: '/resources/dynamodb/0/global_secondary_indexes/0/non_key_attributes', value: 'c' });
    assert.match(out, /non_key_attributes = \['a', 'b', 'c'\]/);
    const gsi = apply(TOML, 'toml', 'genesys', { kind: 'insertElement', parent: '/resources/dynamodb/0/global_secondary_indexes', value: { name: 'by-day' } });
    const value = parseConfig(gsi, 'toml').value as { resources: { dynamodb: { global_secondary_indexes: { name: string }[] }[] } };
    assert.deepEqual(value.resources.dynamodb[0].global_secondary_indexes.map(g => g.name), ['by-user', 'by-day']);
    othersKept(TOML, gsi, []);
  });
  it('deletes an inline array element with its separator', () => {
    const out = apply(TOML, 'toml', 'genesys', { kind: 'delete', pointer: '/resources/dynamodb/0/global_secondary_indexes/0/non_key_attributes/0' });
    assert.match(out, /non_key_attributes = \['b'\]/);
  });
  it('keeps CRLF line ends', () => {
    const crlf = TOML.replace(/\n/g, '\r\n');
    const out = apply(crlf, 'toml', 'genesys', { kind: 'insert', parent: '/resources/dynamodb/0', key: 'table_class', value: 'STANDARD' });
    assert.ok(!/[^\r]\n/.test(out), 'every line break is CRLF');
  });
  it('applies several intents as one edit', () => {
    const out = apply(TOML, 'toml', 'genesys',
      { kind: 'replace', pointer: '/resources/dynamodb/0/billing_mode', value: 'PAY_PER_REQUEST' },
      { kind: 'delete', pointer: '/resources/dynamodb/0/read_capacity_units' });
    assert.equal(out, TOML.replace("'PROVISIONED'", "'PAY_PER_REQUEST'").replace('read_capacity_units = 5\n', ''));
  });
});

describe('fix edits: YAML', () => {
  it('inserts a key after its sibling with the block indentation, plain scalar', () => {
    const out = apply(YAML, 'yaml', 'planton', { kind: 'insert', parent: '/spec', key: 'streamEnabled', value: true, after: keysBefore(vocabulary('planton'), 'table', 'streamEnabled') });
    assert.match(out, /  ttl:\n  streamEnabled: true\n  tableClass/);
    othersKept(YAML, out, []);
  });
  it('inserts into an empty block and creates missing parents with the child', () => {
    const out = apply(YAML, 'yaml', 'planton', { kind: 'insert', parent: '/spec/ttl', key: 'attributeName', value: 'expiresAt' });
    assert.match(out, /  ttl:\n    attributeName: expiresAt\n/);
    const created = apply(YAML, 'yaml', 'planton', { kind: 'insert', parent: '/spec/provisionedThroughput', key: 'readCapacityUnits', value: 5 });
    assert.match(created, /  billingMode: BILLING_MODE_PROVISIONED   # comment stays\n  provisionedThroughput:\n    readCapacityUnits: 5\n  attributeDefinitions:/);
    othersKept(YAML, created, []);
  });
  it('quotes only when YAML needs it', () => {
    const out = apply(YAML, 'yaml', 'planton', { kind: 'replace', pointer: '/metadata/name', value: 'yes: no' });
    assert.match(out, /name: "yes: no"|name: 'yes: no'/);
  });
  it('replaces a value, keeping its comment', () => {
    const out = apply(YAML, 'yaml', 'planton', { kind: 'replace', pointer: '/spec/billingMode', value: 'BILLING_MODE_PAY_PER_REQUEST' });
    assert.match(out, /^ {2}billingMode: BILLING_MODE_PAY_PER_REQUEST {3}# comment stays$/m);
    othersKept(YAML, out, ['  billingMode: BILLING_MODE_PROVISIONED   # comment stays']);
  });
  it('deletes a key, a nested block, and the first key of a list item', () => {
    assert.equal(apply(YAML, 'yaml', 'planton', { kind: 'delete', pointer: '/spec/tableClass' }), YAML.replace('  tableClass: TABLE_CLASS_STANDARD\n', ''));
    assert.equal(apply(YAML, 'yaml', 'planton', { kind: 'delete', pointer: '/metadata' }), YAML.replace('metadata:\n  name: loans\n', ''));
    const out = apply(YAML, 'yaml', 'planton', { kind: 'delete', pointer: '/spec/attributeDefinitions/0/name' });
    assert.match(out, / {4}- type: ATTRIBUTE_TYPE_S\n {2}keySchema/);
  });
  it('inserts a block list element and deletes one', () => {
    const out = apply(YAML, 'yaml', 'planton', { kind: 'insertElement', parent: '/spec/attributeDefinitions', value: { name: 'at', type: 'ATTRIBUTE_TYPE_N' } });
    assert.match(out, / {6}type: ATTRIBUTE_TYPE_S\n {4}- name: at\n {6}type: ATTRIBUTE_TYPE_N\n {2}keySchema:/);
    const del = apply(out, 'yaml', 'planton', { kind: 'delete', pointer: '/spec/attributeDefinitions/1' });
    assert.equal(del, YAML);
  });
  it('inserts into a flow sequence and renames a key', () => {
    const flow = 'kind: AwsDynamodb\nspec:\n  list: [a, b]\n';
    assert.match(apply(flow, 'yaml', 'planton', { kind: 'insertElement', parent: '/spec/list', value: 'c' }), /list: \[a, b, c\]/);
    assert.equal(apply(flow, 'yaml', 'planton', { kind: 'rename', pointer: '/spec/list', newKey: 'items' }), flow.replace('list:', 'items:'));
  });
  it('returns undefined for an intent it cannot place', () => {
    assert.equal(fixEdits(parseConfig(YAML, 'yaml'), 'planton', [{ kind: 'replace', pointer: '/nope/x', value: 1 }]), undefined);
    assert.equal(fixEdits(parseConfig(YAML, 'yaml'), 'planton', [{ kind: 'delete', pointer: '/spec/missing' }]), undefined);
  });
});
