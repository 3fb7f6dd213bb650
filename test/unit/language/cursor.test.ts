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
