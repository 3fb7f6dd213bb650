// The minimal Terraform grammar (syntaxes/terraform.tmLanguage.json) on the Terraform example:
// every regex compiles, and block types, labels, arguments, strings, interpolations, numbers,
// constants and comments get their scopes.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IGrammar } from 'vscode-textmate';
import { repoRoot } from '../../support/paths';
import { compiles, grammarRegexes, loadGrammar, tokenize, type Tok } from './textmate';

const SCOPE = 'source.terraform.dynamodb-designer';
let grammar: IGrammar;
let toks: Tok[];
before(async () => {
  grammar = await loadGrammar('terraform.tmLanguage.json', SCOPE);
  toks = tokenize(grammar, readFileSync(join(repoRoot(), 'examples', 'terraform.tf'), 'utf8'));
});

/** The innermost scope of the first token with this text. */
function scopeOf(text: string): string | undefined {
  return toks.find(t => t.text === text)?.scopes.at(-1);
}

describe('Terraform grammar', () => {
  it('every regular expression compiles in oniguruma', () => {
    const regexes = grammarRegexes('terraform.tmLanguage.json');
    assert.ok(regexes.length >= 10);
    // The heredoc's `end` refers back to its `begin` (\1, filled in by the tokenizer): compiled with a word there.
    assert.deepEqual(regexes.map(re => re.replace(/\\1/g, 'EOT')).filter(re => !compiles(re)), []);
  });

  it('scopes block types and labels, arguments, values and comments', () => {
    assert.equal(scopeOf('resource'), 'entity.name.type.terraform');
    assert.equal(scopeOf('"aws_dynamodb_table"'), 'string.quoted.double.label.terraform');
    assert.equal(scopeOf('attribute'), 'entity.name.type.terraform');
    assert.equal(scopeOf('billing_mode'), 'variable.other.property.terraform');
    assert.ok(toks.some(t => t.text === 'PROVISIONED' && t.scopes.includes('string.quoted.double.terraform')));
    assert.equal(scopeOf('5'), 'constant.numeric.terraform');
    assert.equal(scopeOf('true'), 'constant.language.terraform');
    assert.ok(toks.some(t => t.text === 'var' && t.scopes.includes('meta.interpolation.terraform')), 'the interpolation in a string');
    assert.ok(toks.some(t => t.scopes.at(-1) === 'comment.line.number-sign.terraform'));
  });

  it('a heredoc runs to its closing word', () => {
    const lines = tokenize(grammar, 'policy = <<EOT\n{ "a": 1 }\nEOT\nname = "x"\n');
    assert.ok(lines.filter(t => t.line === 1).every(t => t.scopes.includes('string.unquoted.heredoc.terraform')));
    assert.ok(lines.some(t => t.line === 3 && t.text === 'name' && t.scopes.at(-1) === 'variable.other.property.terraform'));
  });
});
