// The PartiQL grammar (syntaxes/partiql.tmLanguage.json): every regex compiles in oniguruma, and a
// statement with each construct gets the scopes a theme colours.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { IGrammar } from 'vscode-textmate';
import { compiles, grammarRegexes, loadGrammar, tokenize, type Tok } from './textmate';

let grammar: IGrammar;
before(async () => { grammar = await loadGrammar('partiql.tmLanguage.json', 'source.partiql'); });

const TEXT = [
  '-- params: ["USER#1", 3]',
  'SELECT "order-id", total FROM "orders"."byStatus" WHERE pk = ? AND note = \'it\'\'s\' AND n >= -1.5e3 /* why */;',
  "UPDATE orders SET flag = true WHERE begins_with(sk, 'x') AND v IS NOT MISSING",
].join('\n');

function scopeOf(toks: Tok[], line: number, text: string): string {
  const tok = toks.find(t => t.line === line && t.text === text);
  assert.ok(tok, `token ${JSON.stringify(text)} on line ${line + 1}: ${JSON.stringify(toks.filter(t => t.line === line).map(t => t.text))}`);
  return tok.scopes[tok.scopes.length - 1]!;
}

describe('PartiQL grammar', () => {
  it('compiles every regex', () => {
    for (const regex of grammarRegexes('partiql.tmLanguage.json')) { assert.ok(compiles(regex), regex); }
  });
  it('scopes keywords, quoted names, strings with doubled quotes, numbers, parameters, comments and functions', () => {
    const toks = tokenize(grammar, TEXT);
    assert.equal(scopeOf(toks, 0, 'params'), 'keyword.other.params.partiql');
    assert.equal(scopeOf(toks, 1, 'SELECT'), 'keyword.other.dml.partiql');
    assert.equal(scopeOf(toks, 1, 'order-id'), 'variable.other.quoted.partiql');
    assert.equal(scopeOf(toks, 1, '?'), 'variable.parameter.placeholder.partiql');
    assert.equal(scopeOf(toks, 1, "''"), 'constant.character.escape.partiql');
    assert.equal(scopeOf(toks, 1, '-1.5e3'), 'constant.numeric.partiql');
    assert.equal(scopeOf(toks, 1, ' why '), 'comment.block.partiql');
    assert.equal(scopeOf(toks, 2, 'true'), 'constant.language.partiql');
    assert.equal(scopeOf(toks, 2, 'begins_with'), 'support.function.partiql');
    assert.equal(scopeOf(toks, 2, 'MISSING'), 'keyword.other.dml.partiql');
  });
});
