import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completionAt, hoverAt } from '../../../src/language/service';
import { example } from './helpers';

function hoverText(h: ReturnType<typeof hoverAt>): string {
  const c = h?.contents;
  return c && typeof c === 'object' && 'value' in c ? c.value : '';
}

describe('completion and hover through the service', () => {
  const toml = example('genesys.toml');
  const yaml = example('planton.yaml');
  it('TOML: keys not yet present in the table at a blank line', () => {
    const at = toml.indexOf('enable_streams = true');
    const text = toml.slice(0, at) + '\n' + toml.slice(at);
    const labels = completionAt(text, at + 1).map(c => c.label);
    assert.ok(labels.includes('ttl_attribute_name'));
    assert.ok(!labels.includes('billing_mode'), 'present keys are not offered');
  });
  it('TOML: enum values inside a string value', () => {
    const at = toml.indexOf('enable_streams = true');
    const typed = 'stream_view_type = "';
    const labels = completionAt(toml.slice(0, at) + typed + '\n' + toml.slice(at), at + typed.length).map(c => c.label);
    assert.deepEqual([...labels].sort(), ['KEYS_ONLY', 'NEW_AND_OLD_IMAGES', 'NEW_IMAGE', 'OLD_IMAGE']);
  });
  it('YAML: keys of the spec block and prefixed enum values', () => {
    const at = yaml.indexOf('  tableClass');
    assert.ok(completionAt(yaml.slice(0, at) + '  \n' + yaml.slice(at), at + 2).some(c => c.label === 'tags'));
    const typed = '  tableClass: ';
    const labels = completionAt(yaml.slice(0, at) + typed + '\n' + yaml.slice(at + yaml.slice(at).indexOf('\n') + 1), at + typed.length).map(c => c.label);
    assert.deepEqual(labels, ['TABLE_CLASS_STANDARD', 'TABLE_CLASS_STANDARD_INFREQUENT_ACCESS']);
  });
  describe('a new line under a GSI `- name:` in a snake_case planton file', () => {
    const snake = yaml.split('\n').map(l => l.replace(/^(\s*(?:- )?)([A-Za-z]+):/, (_m, p: string, k: string) => p + k.replace(/[A-Z]/g, c => '_' + c.toLowerCase()) + ':')).join('\n');
    /** The file with `- name: by-new` (and `insert` on the line after) before the example's GSI; completion at the end of `insert`. */
    function at(insert: string): ReturnType<typeof completionAt> {
      const gsi = '    - name: by-isbn\n';
      assert.ok(snake.includes(gsi) && snake.includes('key_schema:'));
      const head = snake.slice(0, snake.indexOf(gsi)) + '    - name: by-new\n' + insert;
      return completionAt(head + '\n' + snake.slice(snake.indexOf(gsi)), head.length, { uri: 'p.yaml' });
    }
    it('at the column of the `- ` (where Enter leaves the cursor): the absent keys, snake_case, indented into the item', () => {
      const items = at('    ');
      assert.deepEqual(items.map(c => c.label), ['key_schema', 'projection', 'provisioned_throughput']);
      assert.equal(items[0].insertText, '  key_schema:\n    - $0');
    });
    it('at the item\'s key column: the same keys in the file\'s spelling, as they are', () => {
      const items = at('      ');
      assert.deepEqual(items.map(c => c.label), ['key_schema', 'projection', 'provisioned_throughput']);
      assert.equal(items[0].insertText, 'key_schema:\n  - $0');
    });
    it('keys already in the item are not offered, in either spelling', () => {
      const labels = at('      key_schema:\n        - attribute_name: isbn\n          key_type: KEY_TYPE_HASH\n    ').map(c => c.label);
      assert.deepEqual(labels, ['projection', 'provisioned_throughput']);
    });
    it('a camelCase file keeps camelCase', () => {
      const gsi = '    - name: by-isbn\n';
      const head = yaml.slice(0, yaml.indexOf(gsi)) + '    - name: by-new\n    ';
      const labels = completionAt(head + '\n' + yaml.slice(yaml.indexOf(gsi)), head.length, { uri: 'p.yaml' }).map(c => c.label);
      assert.deepEqual(labels, ['keySchema', 'projection', 'provisionedThroughput']);
    });
    it('a compact list (`- ` in the column of its key): that column is a sibling key, not the item', () => {
      const text = 'kind: AwsDynamodb\nspec:\n  key_schema:\n  - attribute_name: id\n    key_type: KEY_TYPE_HASH\n  ';
      const labels = completionAt(text, text.length, { uri: 'p.yaml' }).map(c => c.label);
      assert.ok(labels.includes('billing_mode') && !labels.includes('key_schema') && !labels.includes('attribute_name'), labels.join());
    });
  });
  it('hover on a table header summarises the table', () => {
    const at = toml.indexOf('[[resources.dynamodb]]\nname = "invoices"') + 3;
    const text = hoverText(hoverAt(toml, at));
    assert.match(text, /^Table \*\*invoices\*\*: PROVISIONED \(8 RCU \/ 4 WCU\); key customer_id \(S, HASH\) \+ issued_at \(N, RANGE\); 1 GSI, 1 LSI/);
    assert.match(hoverText(hoverAt(yaml, yaml.indexOf('spec:') + 1)), /^Table \*\*library-loans\*\*/);
  });
  it('nothing for files that are not configs', () => {
    assert.deepEqual(completionAt('name: ci\n', 0, { uri: 'ci.yaml' }), []);
    assert.equal(hoverAt('name: ci\n', 1, { uri: 'ci.yaml' }), undefined);
  });
});
