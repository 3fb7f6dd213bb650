// The preview documents' grammar (syntaxes/dynamodb-plan.tmLanguage.json) on real previews:
// formatPreview of plans that plan() makes for a create, an update, a replacement and no change.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { IGrammar } from 'vscode-textmate';
import { plan } from '../../../src/plan/plan';
import { formatPreview } from '../../../src/plan/words';
import { liveOf, specOf, type SimpleTable } from '../plan/builder';
import { compiles, grammarRegexes, loadGrammar, tokenize, type Tok } from './textmate';

let grammar: IGrammar;
before(async () => { grammar = await loadGrammar('dynamodb-plan.tmLanguage.json', 'text.dynamodb-plan'); });

const base: SimpleTable = {
  name: 'orders', billingMode: 'PROVISIONED', read: 5, write: 5, attributes: { pk: 'S', status: 'S' }, hash: 'pk',
  gsis: [{ name: 'by-status', hash: 'status', projection: 'ALL', read: 1, write: 1 }],
};

function preview(): { text: string; toks: Tok[] } {
  const plans = [
    plan(specOf({ ...base, name: 'fresh' }), undefined),
    plan(specOf({ ...base, read: 9 }), liveOf(base)),
    plan(specOf({ ...base, name: 'keyed', attributes: { pk: 'N', status: 'S' } }), liveOf({ ...base, name: 'keyed' })),
    plan(specOf({ ...base, name: 'same' }), liveOf({ ...base, name: 'same' })),
  ];
  assert.deepEqual(plans.map(p => p.kind), ['create', 'update', 'replace', 'none']);
  const text = formatPreview('orders.toml', 'Local (embedded) · us-east-1', plans, new Date('2026-12-01T10:00:00Z'),
    step => (step.kind === 'CreateTable' ? ['Streams: ignored by the embedded server'] : []));
  return { text, toks: tokenize(grammar, text) };
}

/** The innermost scope of the token whose text is exactly `text` on the line that starts with `line`. */
function scopeOf(p: { text: string; toks: Tok[] }, line: string, text: string): string {
  const index = p.text.split('\n').findIndex(l => l.startsWith(line));
  assert.ok(index >= 0, `a line starting ${JSON.stringify(line)} in\n${p.text}`);
  const tok = p.toks.find(t => t.line === index && t.text === text);
  assert.ok(tok, `token ${JSON.stringify(text)} on line ${index + 1}: ${JSON.stringify(p.toks.filter(t => t.line === index).map(t => t.text))}`);
  return tok.scopes[tok.scopes.length - 1];
}

describe('plan preview grammar', () => {
  it('compiles every regex', () => {
    const regexes = grammarRegexes('dynamodb-plan.tmLanguage.json');
    assert.ok(regexes.length >= 10);
    assert.deepEqual(regexes.filter(re => !compiles(re)), []);
  });

  it('colours the header, each kind of table plan, steps, changes and the footer', () => {
    const p = preview();
    assert.equal(scopeOf(p, 'Preview of', 'Preview of orders.toml on Local (embedded) · us-east-1, read 10:00:00 UTC'), 'markup.heading.dynamodb-plan');
    assert.equal(scopeOf(p, '4 tables', '4 tables: 1 to create, 1 to update, 1 to REPLACE, 1 unchanged. Nothing has been changed.'), 'comment.line.summary.dynamodb-plan');
    assert.equal(scopeOf(p, 'Table fresh', 'will be created'), 'markup.inserted.dynamodb-plan');
    assert.equal(scopeOf(p, 'Table fresh', 'fresh'), 'entity.name.type.table.dynamodb-plan');
    assert.equal(scopeOf(p, 'Table orders', '1 update step(s)'), 'markup.changed.dynamodb-plan');
    assert.equal(scopeOf(p, 'Table keyed', 'REPLACEMENT needed (delete and create again: all items are lost)'), 'invalid.illegal.replacement.dynamodb-plan');
    assert.equal(scopeOf(p, 'Table same', 'no changes'), 'comment.line.dynamodb-plan');
    assert.equal(scopeOf(p, '  reason:', '  reason:'), 'keyword.other.dynamodb-plan');
    assert.equal(scopeOf(p, '  1. Update', '1.'), 'constant.numeric.step.dynamodb-plan');
    assert.equal(scopeOf(p, '       throughput', '->'), 'keyword.operator.arrow.dynamodb-plan');
    assert.equal(scopeOf(p, '       throughput', 'throughput'), 'variable.other.field.dynamodb-plan');
    assert.equal(scopeOf(p, '       note:', 'note:'), 'keyword.other.note.dynamodb-plan');
    assert.equal(scopeOf(p, '       note:', 'Streams: ignored by the embedded server'), 'comment.line.note.dynamodb-plan');
    assert.equal(scopeOf(p, 'To apply', p.text.split('\n').find(l => l.startsWith('To apply'))!), 'comment.line.footer.dynamodb-plan');
  });
});
