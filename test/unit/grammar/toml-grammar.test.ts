// The TOML TextMate grammar (syntaxes/toml.tmLanguage.json), tokenized by the same engine VS Code
// uses (vscode-textmate + the oniguruma wasm).
//
// Scope convention pinned here (themes colour keys and values differently):
//   keys, bare / quoted / dotted, top level and in inline tables   support.type.property-name.toml
//     quotes of a quoted key                                        punctuation.definition.key.{begin,end}.toml
//     the dot between key parts                                     punctuation.separator.dot.toml
//   =                                                               punctuation.separator.key-value.toml
//   [a.b]   meta.table.toml, parts entity.name.table.toml, brackets punctuation.definition.table.{begin,end}.toml
//   [[a.b]] meta.array.table.toml, parts entity.name.table.array.toml,
//           brackets punctuation.definition.array.table.{begin,end}.toml
//   "..."   string.quoted.double.basic.line.toml     '...'   string.quoted.single.literal.line.toml
//   """..."""  string.quoted.triple.basic.block.toml  '''...''' string.quoted.triple.literal.block.toml
//     quotes punctuation.definition.string.{begin,end}.toml; escapes constant.character.escape.toml,
//     bad escapes invalid.illegal.escape.toml, line-ending backslash constant.character.escape.line-ending.toml
//   integers constant.numeric.integer.{decimal,hex,octal,binary}.toml
//   floats   constant.numeric.float.toml, constant.numeric.float.{inf,nan}.toml
//   booleans constant.language.boolean.{true,false}.toml
//   dates    constant.other.datetime.{offset,local,local-date,local-time}.toml
//   comments comment.line.number-sign.toml with punctuation.definition.comment.toml on '#'
//   arrays   meta.array.toml, punctuation.definition.array.{begin,end}.toml, punctuation.separator.array.toml
//   { }      meta.inline-table.toml, punctuation.definition.inline-table.{begin,end}.toml,
//            punctuation.separator.inline-table.toml
//   anything else where a value/line/table name belongs: invalid.illegal.*.toml
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IGrammar } from 'vscode-textmate';
import { parseTOML, traverseNodes, type AST } from 'toml-eslint-parser';
import { repoRoot } from '../../support/paths';
import { compiles, grammarRegexes, loadGrammar, tokenize as tokenizeWith, type Tok } from './textmate';

type TOMLNode = AST.TOMLNode;

const root = repoRoot();
const fixturePath = join(root, 'test', 'fixtures', 'grammar', 'all-constructs.toml');
const genesysPath = join(root, 'examples', 'genesys.toml');
const grammarPath = join(root, 'syntaxes', 'toml.tmLanguage.json');

let grammar: IGrammar;

before(async () => {
  grammar = await loadGrammar('toml.tmLanguage.json', 'source.toml');
});

function tokenize(text: string): Tok[] {
  return tokenizeWith(grammar, text);
}

/** A tokenized document with lookups by line marker and exact token text. */
class Doc {
  readonly lines: string[];
  readonly toks: Tok[];
  constructor(readonly text: string) {
    this.lines = text.split(/\r?\n/);
    this.toks = tokenize(text);
  }

  /** The only line containing `marker`. */
  lineOf(marker: string): number {
    const hits = this.lines.flatMap((l, i) => (l.includes(marker) ? [i] : []));
    assert.equal(hits.length, 1, `expected exactly one line containing ${JSON.stringify(marker)}, got ${hits.length}`);
    return hits[0];
  }

  /** The nth token (0-based) whose text is exactly `text` on the line containing `marker`. */
  tok(marker: string, text: string, nth = 0): Tok {
    const line = this.lineOf(marker);
    const hits = this.toks.filter(t => t.line === line && t.text === text);
    const found = hits[nth];
    if (!found) {
      const seen = this.toks.filter(t => t.line === line).map(t => `${JSON.stringify(t.text)} [${t.scopes.slice(1).join(' ')}]`);
      assert.fail(`no token #${nth} ${JSON.stringify(text)} on line ${line + 1} (${this.lines[line]}); tokens: ${seen.join(', ')}`);
    }
    return found;
  }

  /** Asserts the token has every scope in `scopes` (and none in `without`). */
  expect(marker: string, text: string, scopes: string | string[], opts: { nth?: number; without?: string[] } = {}): void {
    const t = this.tok(marker, text, opts.nth ?? 0);
    for (const s of [scopes].flat()) {
      assert.ok(t.scopes.includes(s), `${JSON.stringify(text)} on "${this.lines[t.line]}" lacks ${s}; has ${t.scopes.join(' ')}`);
    }
    for (const s of opts.without ?? []) {
      assert.ok(!t.scopes.some(x => x === s || x.startsWith(`${s}.`)), `${JSON.stringify(text)} has unexpected ${s}: ${t.scopes.join(' ')}`);
    }
  }

  /** Tokens of the line containing `marker`. */
  lineToks(marker: string): Tok[] {
    const line = this.lineOf(marker);
    return this.toks.filter(t => t.line === line);
  }

  invalid(): Tok[] {
    return this.toks.filter(t => t.scopes.some(s => s.startsWith('invalid.')));
  }
}

const KEY = 'support.type.property-name.toml';
const EQ = 'punctuation.separator.key-value.toml';
const COMMENT = 'comment.line.number-sign.toml';
const BASIC = 'string.quoted.double.basic.line.toml';
const LITERAL = 'string.quoted.single.literal.line.toml';
const ML_BASIC = 'string.quoted.triple.basic.block.toml';
const ML_LITERAL = 'string.quoted.triple.literal.block.toml';
const ESCAPE = 'constant.character.escape.toml';

function fixture(): Doc { return new Doc(readFileSync(fixturePath, 'utf8')); }
function genesys(): Doc { return new Doc(readFileSync(genesysPath, 'utf8')); }

describe('TOML grammar file', () => {
  it('is source.toml and every regular expression in it compiles in oniguruma', () => {
    const raw: unknown = JSON.parse(readFileSync(grammarPath, 'utf8'));
    assert.equal((raw as { scopeName?: string }).scopeName, 'source.toml');
    const regexes = grammarRegexes('toml.tmLanguage.json');
    assert.ok(regexes.length >= 30, `only ${regexes.length} regexes found`);
    assert.deepEqual(regexes.filter(re => !compiles(re)), [], 'every regex compiles');
  });

  it('scopes every construct of the fixture with no invalid token, and the fixture is valid TOML 1.0', () => {
    const doc = fixture();
    assert.doesNotThrow(() => parseTOML(doc.text, { tomlVersion: '1.0' }));
    assert.deepEqual(doc.invalid().map(t => `${t.line + 1}: ${t.text}`), []);
  });
});

describe('TOML keys', () => {
  it('scopes bare, dashed, quoted, literal and dotted keys as keys, never as strings', () => {
    const d = fixture();
    d.expect('title = "TOML', 'title', KEY);
    d.expect('title = "TOML', '=', EQ);
    d.expect("bare_key-1 = 'literal", 'bare_key-1', KEY);
    d.expect('"quoted key" =', 'quoted key', KEY, { without: ['string'] });
    d.expect('"quoted key" =', '"', [KEY, 'punctuation.definition.key.begin.toml'], { without: ['string'] });
    d.expect('"quoted key" =', '"', [KEY, 'punctuation.definition.key.end.toml'], { nth: 1 });
    d.expect("'literal key' = 1", 'literal key', KEY, { without: ['string'] });
    d.expect('site."google.com".path', 'site', KEY);
    d.expect('site."google.com".path', 'google.com', KEY, { without: ['string'] });
    d.expect('site."google.com".path', 'path', KEY);
    d.expect('site."google.com".path', '.', 'punctuation.separator.dot.toml');
    d.expect('a . b . c = true', 'b', KEY);
    d.expect('a . b . c = true', 'c', KEY);
    d.expect('a . b . c = true', '.', 'punctuation.separator.dot.toml', { nth: 1 });
  });

  it('scopes keys inside inline tables (bare, dotted, quoted, nested) as keys', () => {
    const d = fixture();
    const m = 'inline = { first';
    d.expect(m, 'inline', KEY, { without: ['meta.inline-table.toml'] });
    d.expect(m, 'first', [KEY, 'meta.inline-table.toml']);
    d.expect(m, 'last', [KEY, 'meta.inline-table.toml']);
    d.expect(m, 'name', [KEY, 'meta.inline-table.toml']);
    d.expect(m, 'q k', [KEY, 'meta.inline-table.toml'], { without: ['string'] });
    d.expect(m, 'pt', KEY);
    d.expect(m, 'y', KEY);
    d.expect(m, '=', [EQ, 'meta.inline-table.toml'], { nth: 3 });
    d.expect(m, 'Tom', [BASIC, 'meta.inline-table.toml'], { without: [KEY] });
    d.expect(m, '{', 'punctuation.definition.inline-table.begin.toml');
    d.expect(m, ',', 'punctuation.separator.inline-table.toml');
    // three closing braces, each ending one table level
    const closes = d.lineToks(m).filter(t => t.text === '}');
    assert.deepEqual(closes.map(t => t.scopes.filter(s => s === 'meta.inline-table.toml').length), [3, 2, 1]);
    assert.ok(closes.every(t => t.scopes.includes('punctuation.definition.inline-table.end.toml')));
    // nested inline table inside an array
    d.expect('nested = [', 'x', [KEY, 'meta.inline-table.toml', 'meta.array.toml']);
  });
});

describe('TOML table headers', () => {
  it('scopes [table] headers, with dotted and quoted parts', () => {
    const d = fixture();
    d.expect('[table-1]', '[', ['meta.table.toml', 'punctuation.definition.table.begin.toml']);
    d.expect('[table-1]', 'table-1', ['meta.table.toml', 'entity.name.table.toml'], { without: [KEY] });
    d.expect('[table-1]', ']', ['meta.table.toml', 'punctuation.definition.table.end.toml']);
    const m = '[dates."quoted part".tail]';
    d.expect(m, 'dates', 'entity.name.table.toml');
    d.expect(m, 'quoted part', 'entity.name.table.toml', { without: ['string'] });
    d.expect(m, 'tail', 'entity.name.table.toml');
    d.expect(m, '.', ['meta.table.toml', 'punctuation.separator.dot.toml']);
  });

  it('scopes [[array of tables]] headers apart from [table] headers, and a comment after one', () => {
    const d = fixture();
    d.expect('[[products]]', '[[', ['meta.array.table.toml', 'punctuation.definition.array.table.begin.toml']);
    d.expect('[[products]]', 'products', ['meta.array.table.toml', 'entity.name.table.array.toml'], { without: ['meta.table.toml'] });
    d.expect('[[products]]', ']]', 'punctuation.definition.array.table.end.toml');
    const m = '[[products.variants."big one"]]';
    d.expect(m, 'variants', 'entity.name.table.array.toml');
    d.expect(m, 'big one', 'entity.name.table.array.toml');
    d.expect(m, '#', [COMMENT, 'punctuation.definition.comment.toml'], { without: ['meta.array.table.toml'] });
    d.expect(m, ' an array-of-tables header with a comment', COMMENT);
  });

  it('does not take a bracket line inside a multi-line array for a table header', () => {
    const d = fixture();
    d.expect('[ 0x1F, 2.5 ],', '[', ['meta.array.toml', 'punctuation.definition.array.begin.toml'], { without: ['meta.table.toml'] });
    d.expect('[ 0x1F, 2.5 ],', '0x1F', 'constant.numeric.integer.hex.toml', { without: ['entity.name.table.toml'] });
  });
});

describe('TOML strings', () => {
  it('scopes basic strings with their escapes, and literal strings without escapes', () => {
    const d = fixture();
    const m = '"quoted key" = "tab';
    d.expect(m, '"', [BASIC, 'punctuation.definition.string.begin.toml'], { nth: 2 });
    d.expect(m, 'tab', BASIC, { without: [KEY] });
    d.expect(m, '\\t', [BASIC, ESCAPE]);
    d.expect(m, '\\"', [BASIC, ESCAPE]);
    d.expect(m, '\\u00E9', [BASIC, ESCAPE]);
    d.expect(m, '\\U0001F600', [BASIC, ESCAPE]);
    d.expect(m, '\\\\', [BASIC, ESCAPE]);
    d.expect(m, '"', [BASIC, 'punctuation.definition.string.end.toml'], { nth: 3 });
    d.expect("bare_key-1 = 'literal", 'literal # still a string = here', LITERAL, { without: [COMMENT, EQ] });
    d.expect('   All other whitespace', '   All other whitespace \\n is preserved # here too.', ML_LITERAL, { without: ['constant.character.escape'] });
  });

  it('scopes multi-line basic strings on every line they span, with escapes and inner quotes', () => {
    const d = fixture();
    d.expect('ml_basic = """', '"""', [ML_BASIC, 'punctuation.definition.string.begin.toml']);
    d.expect('Roses are red', 'Roses are red # not a comment', ML_BASIC, { without: [COMMENT] });
    d.expect('Violets = blue', 'Violets = blue ', ML_BASIC, { without: [KEY, EQ] });
    d.expect('Violets = blue', '\\', [ML_BASIC, 'constant.character.escape.line-ending.toml']);
    d.expect('joined\\tline', '\\t', [ML_BASIC, ESCAPE]);
    d.expect('joined\\tline', 'line ""two quotes"" inside', ML_BASIC);
    d.expect('joined\\tline', '"""', [ML_BASIC, 'punctuation.definition.string.end.toml']);
    // and the string is closed: the next key is a key again
    d.expect('ml_literal = \'\'\'', 'ml_literal', KEY, { without: ['string'] });
  });

  it('scopes multi-line literal strings on every line they span', () => {
    const d = fixture();
    d.expect("ml_literal = '''", "'''", [ML_LITERAL, 'punctuation.definition.string.begin.toml']);
    d.expect('The first newline', 'The first newline is trimmed in raw strings.', ML_LITERAL, { without: [KEY] });
    const close = d.toks.find(t => t.line === d.lineOf('The first newline') + 2);
    assert.equal(close?.text, "'''");
    assert.ok(close.scopes.includes('punctuation.definition.string.end.toml'), close.scopes.join(' '));
    d.expect('empty = ""', 'empty', KEY, { without: ['string'] });
  });

  it('keeps one or two quotes just inside a multi-line string\'s closing delimiter in the string', () => {
    const d = fixture();
    for (const [m, q, scope] of [['quotes_inside =', '"', ML_BASIC], ['apos_inside =', "'", ML_LITERAL]] as const) {
      const toks = d.lineToks(m);
      const strTokens = toks.filter(t => t.scopes.includes(scope));
      assert.equal(strTokens.length, 3, `${m}: open, content, close: ${strTokens.map(t => t.text).join(' | ')}`);
      const [open, content, close] = strTokens;
      assert.equal(open.text, q.repeat(3));
      assert.ok(content.text.startsWith(q) && content.text.endsWith(q), content.text);
      assert.equal(close.text, q.repeat(3));
      assert.ok(close.scopes.includes('punctuation.definition.string.end.toml'));
      assert.equal(close.end, d.lines[close.line].length, 'the string closes at the end of the line');
    }
  });

  it('does not treat # inside a string as a comment nor = inside a string as punctuation', () => {
    const d = fixture();
    const m = 'title = "TOML # not a comment';
    d.expect(m, 'TOML # not a comment = not punctuation', BASIC, { without: [COMMENT, 'punctuation'] });
    assert.equal(d.lineToks(m).filter(t => t.scopes.includes(EQ)).length, 1, 'only the key/value = is punctuation');
    assert.equal(d.lineToks(m).filter(t => t.scopes.includes('punctuation.definition.comment.toml')).length, 1, 'only the trailing # starts a comment');
    d.expect(m, ' a real comment', COMMENT);
  });
});

describe('TOML numbers, booleans and dates', () => {
  it('scopes each integer form', () => {
    const d = fixture();
    d.expect('dec = +99', '+99', 'constant.numeric.integer.decimal.toml');
    d.expect('neg = -17', '-17', 'constant.numeric.integer.decimal.toml');
    d.expect('zero = 0', '0', 'constant.numeric.integer.decimal.toml');
    d.expect('big = 1_000_000', '1_000_000', 'constant.numeric.integer.decimal.toml');
    d.expect('hex = 0xDEAD_beef', '0xDEAD_beef', 'constant.numeric.integer.hex.toml');
    d.expect('oct = 0o755', '0o755', 'constant.numeric.integer.octal.toml');
    d.expect('bin = 0b1101_0110', '0b1101_0110', 'constant.numeric.integer.binary.toml');
  });

  it('scopes each float form', () => {
    const d = fixture();
    d.expect('flt = 3.1415', '3.1415', 'constant.numeric.float.toml');
    d.expect('expo = 5e+22', '5e+22', 'constant.numeric.float.toml');
    d.expect('both = -6.626e-34', '-6.626e-34', 'constant.numeric.float.toml');
    d.expect('under = 224_617', '224_617.445_991_228', 'constant.numeric.float.toml');
    d.expect('pinf = +inf', '+inf', 'constant.numeric.float.inf.toml');
    d.expect('ninf = -inf', '-inf', 'constant.numeric.float.inf.toml');
    d.expect('nan = nan', 'nan', KEY);
    d.expect('nan = nan', 'nan', 'constant.numeric.float.nan.toml', { nth: 1 });
  });

  it('scopes booleans, and the same word as a key when it is one', () => {
    const d = fixture();
    d.expect('yes = true', 'true', 'constant.language.boolean.true.toml');
    d.expect('no = false', 'false', 'constant.language.boolean.false.toml');
    const t = new Doc('true = false');
    t.expect('true', 'true', KEY, { without: ['constant'] });
    t.expect('true', 'false', 'constant.language.boolean.false.toml');
  });

  it('scopes offset date-times (T, space, Z, offsets, fractions), local date-times, dates and times', () => {
    const d = fixture();
    d.expect('odt1 =', '1979-05-27T07:32:00Z', 'constant.other.datetime.offset.toml');
    d.expect('odt2 =', '1979-05-27T00:32:00.999999-07:00', 'constant.other.datetime.offset.toml');
    d.expect('odt3 =', '1979-05-27 07:32:00+05:30', 'constant.other.datetime.offset.toml');
    d.expect('ldt =', '1979-05-27T07:32:00', 'constant.other.datetime.local.toml');
    d.expect('ld =', '1979-05-27', 'constant.other.datetime.local-date.toml');
    d.expect('lt = 00', '00:32:00.999999', 'constant.other.datetime.local-time.toml');
    d.expect('  1979-05-27,', '1979-05-27', ['meta.array.toml', 'constant.other.datetime.local-date.toml']);
  });
});

describe('TOML comments and arrays', () => {
  it('scopes whole-line, trailing, #:schema and in-array comments', () => {
    const d = fixture();
    d.expect('# Every TOML 1.0 construct', '#', [COMMENT, 'punctuation.definition.comment.toml']);
    d.expect('#:schema', ':schema ./schemas/genesys.schema.json', COMMENT);
    d.expect('"first", # comment', ' comment inside an array', [COMMENT, 'meta.array.toml']);
  });

  it('scopes nested, multi-line arrays with trailing commas', () => {
    const d = fixture();
    const ints = d.lineToks('ints = [ 1, 2, 3, ]');
    assert.deepEqual(ints.filter(t => t.scopes.includes('punctuation.separator.array.toml')).map(t => t.text), [',', ',', ',']);
    d.expect('ints = [ 1', ']', 'punctuation.definition.array.end.toml');
    d.expect('nested = [', '1', ['meta.array.toml', 'constant.numeric.integer.decimal.toml']);
    assert.equal(d.tok('nested = [', '1').scopes.filter(s => s === 'meta.array.toml').length, 2, 'inner array is nested');
    d.expect('nested = [', 'a', BASIC);
    d.expect('nested = [', 'b', LITERAL);
    d.expect('[ 0x1F, 2.5 ],', '2.5', ['meta.array.toml', 'constant.numeric.float.toml']);
    const close = d.lineToks('multi = [').at(-1);
    assert.ok(close?.scopes.includes('punctuation.definition.array.begin.toml'));
    const after = d.toks.find(t => t.line === d.lineOf('  1979-05-27,') + 1);
    assert.equal(after?.text, ']');
    assert.ok(after.scopes.includes('punctuation.definition.array.end.toml'));
    d.expect('inline = { first', 'inline', KEY, { without: ['meta.array.toml'] });
  });

  it('does not close an array or inline table on a bracket inside a string, and handles empty and tight forms', () => {
    const d = fixture();
    d.expect('{ x = 1, y = "]" }', ']', [BASIC, 'meta.inline-table.toml', 'meta.array.toml'], { without: ['punctuation'] });
    d.expect('{ x = 2, y = "}" }', '}', [BASIC, 'meta.inline-table.toml'], { without: ['punctuation'] });
    d.expect('{ x = 2, y = "}" }', '}', 'punctuation.definition.inline-table.end.toml', { nth: 1 });
    d.expect('# brackets inside strings', ' brackets inside strings do not close anything', [COMMENT, 'meta.array.toml']);
    d.expect('pairs = [[1],[2]]', 'pairs', KEY, { without: ['meta.array.toml'] });
    d.expect('tight=1', 'tight', KEY);
    d.expect('tight=1', '=', EQ);
    d.expect('tight=1', '1', 'constant.numeric.integer.decimal.toml');
    d.expect('empty_array = []', '[', 'punctuation.definition.array.begin.toml');
    d.expect('empty_array = []', ']', 'punctuation.definition.array.end.toml');
    d.expect('empty_table = {}', '}', 'punctuation.definition.inline-table.end.toml');
  });
});

describe('TOML grammar on examples/genesys.toml', () => {
  it('scopes its keys, array-of-tables headers, table header, strings, numbers, booleans and comments', () => {
    const d = genesys();
    d.expect('provider = "aws"', 'provider', KEY);
    d.expect('provider = "aws"', 'aws', BASIC);
    d.expect('[resources.dynamodb.tags]', 'tags', 'entity.name.table.toml');
    d.expect('[[resources.dynamodb.global_secondary_indexes]]', 'global_secondary_indexes', 'entity.name.table.array.toml');
    d.expect('[[resources.dynamodb.global_secondary_indexes]]', 'resources', 'entity.name.table.array.toml');
    d.expect('billing_mode = "PAY_PER_REQUEST"', ' or "PROVISIONED"', COMMENT, { without: ['string'] });
    d.expect('read_capacity_units = 8', '8', 'constant.numeric.integer.decimal.toml');
    d.expect('enable_ttl = true', 'true', 'constant.language.boolean.true.toml');
    d.expect('non_key_attributes', 'total', [BASIC, 'meta.array.toml']);
    d.expect('# Dialect "genesys"', ' Dialect "genesys": flat TOML, one [[resources.dynamodb]] entry per table.', COMMENT);
    assert.deepEqual(d.invalid().map(t => `${t.line + 1}: ${t.text}`), []);
  });
});

/** Scope a token must carry, from a real TOML parser's view of the same text. */
function expectedScope(node: TOMLNode, source: string): string | undefined {
  switch (node.type) {
    case 'TOMLBare':
    case 'TOMLQuoted': {
      const owner = node.parent.parent;
      if (owner.type === 'TOMLTable') { return owner.kind === 'array' ? 'entity.name.table.array.toml' : 'entity.name.table.toml'; }
      return KEY;
    }
    case 'TOMLValue': {
      const raw = source.slice(node.range[0], node.range[1]);
      switch (node.kind) {
        case 'string':
          return node.multiline ? (node.style === 'basic' ? ML_BASIC : ML_LITERAL) : (node.style === 'basic' ? BASIC : LITERAL);
        case 'integer':
          return `constant.numeric.integer.${raw.startsWith('0x') ? 'hex' : raw.startsWith('0o') ? 'octal' : raw.startsWith('0b') ? 'binary' : 'decimal'}.toml`;
        case 'float':
          return /inf$/.test(raw) ? 'constant.numeric.float.inf.toml' : /nan$/.test(raw) ? 'constant.numeric.float.nan.toml' : 'constant.numeric.float.toml';
        case 'boolean':
          return `constant.language.boolean.${String(node.value)}.toml`;
        case 'offset-date-time': return 'constant.other.datetime.offset.toml';
        case 'local-date-time': return 'constant.other.datetime.local.toml';
        case 'local-date': return 'constant.other.datetime.local-date.toml';
        case 'local-time': return 'constant.other.datetime.local-time.toml';
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

describe('TOML grammar agrees with toml-eslint-parser', () => {
  for (const [name, path] of [['fixture', fixturePath], ['genesys.toml', genesysPath]] as const) {
    it(`gives every key, table name, value and comment of ${name} the parser's kind`, () => {
      const text = readFileSync(path, 'utf8');
      const doc = new Doc(text);
      const ast = parseTOML(text, { tomlVersion: '1.0' });
      const lineStarts = [0];
      for (let i = 0; i < text.length; i++) { if (text[i] === '\n') { lineStarts.push(i + 1); } }
      const offset = (t: Tok, col: number): number => lineStarts[t.line] + col;
      const failures: string[] = [];
      let checked = 0;
      const check = (range: [number, number], scope: string, what: string): void => {
        const inside = doc.toks.filter(t => t.end > t.start && offset(t, t.start) >= range[0] && offset(t, t.end) <= range[1]);
        const covered = inside.reduce((n, t) => n + (t.end - t.start), 0);
        const newlines = text.slice(range[0], range[1]).split('\n').length - 1;
        if (covered + newlines !== range[1] - range[0]) { failures.push(`${what}: tokens do not cover ${JSON.stringify(text.slice(...range))}`); }
        for (const t of inside) {
          if (!t.scopes.includes(scope)) { failures.push(`${what} ${JSON.stringify(t.text)} (line ${t.line + 1}) lacks ${scope}: ${t.scopes.join(' ')}`); }
        }
        checked++;
      };
      traverseNodes(ast, {
        enterNode(node: TOMLNode) {
          const scope = expectedScope(node, text);
          if (scope) { check(node.range, scope, node.type); }
        },
        leaveNode() { /* nothing */ },
      });
      for (const c of ast.comments) { check(c.range, COMMENT, 'comment'); }
      assert.deepEqual(failures, []);
      assert.ok(checked > 40, `only ${checked} nodes checked`);
    });
  }
});

describe('TOML grammar on invalid or unfinished text', () => {
  it('marks invalid escapes and malformed values, and keeps valid neighbours', () => {
    const d = new Doc('a = "x\\qy \\u12"\nb = 3.\nc = 1__0\nd = 0x\ne = 1979-13-01\nf = "ok"');
    d.expect('a = ', '\\q', 'invalid.illegal.escape.toml');
    d.expect('a = ', '\\u', 'invalid.illegal.escape.toml');
    d.expect('b = ', '3.', 'invalid.illegal.value.toml');
    d.expect('c = ', '1__0', 'invalid.illegal.value.toml');
    d.expect('d = ', '0x', 'invalid.illegal.value.toml');
    d.expect('e = ', '1979-13-01', 'invalid.illegal.value.toml');
    d.expect('f = ', 'f', KEY);
    d.expect('f = ', 'ok', BASIC);
  });

  it('does not let an unclosed string, header or inline table swallow the next line', () => {
    const d = new Doc('a = "open\nb = 1\n[unclosed\nc = 2\nd = { x = 1\ne = 3\n[[t]\nf = 4');
    d.expect('a = ', 'open', BASIC);
    for (const [m, key] of [['b = 1', 'b'], ['c = 2', 'c'], ['e = 3', 'e'], ['f = 4', 'f']] as const) {
      d.expect(m, key, KEY, { without: ['string', 'meta.table.toml', 'meta.inline-table.toml', 'meta.array.table.toml'] });
      d.expect(m, m.slice(-1), 'constant.numeric.integer.decimal.toml');
    }
    d.expect('[unclosed', 'unclosed', 'entity.name.table.toml');
    d.expect('[[t]', 't', 'entity.name.table.array.toml');
  });

  it('marks a line that is not a comment, header or key = value', () => {
    const d = new Doc('just words\nk = 1');
    d.expect('just words', 'just', 'invalid.illegal.toml');
    d.expect('k = 1', 'k', KEY);
  });
});

describe('TOML language configuration', () => {
  it('declares # comments, [] and {} brackets, and auto-closes brackets and every quote kind', () => {
    interface Pair { open: string; close: string; notIn?: string[] }
    const conf = JSON.parse(readFileSync(join(root, 'language-configuration', 'toml.json'), 'utf8')) as {
      comments: { lineComment: string };
      brackets: [string, string][];
      autoClosingPairs: Pair[];
      surroundingPairs: [string, string][];
    };
    assert.equal(conf.comments.lineComment, '#');
    assert.deepEqual(conf.brackets, [['[', ']'], ['{', '}']]);
    const auto = new Map(conf.autoClosingPairs.map(p => [p.open, p.close]));
    for (const q of ['[', '{', '"', "'", '"""', "'''"]) {
      assert.equal(auto.get(q), q === '[' ? ']' : q === '{' ? '}' : q, `auto-closing pair for ${q}`);
    }
    const single = conf.autoClosingPairs.filter(p => p.open === '"' || p.open === "'");
    assert.ok(single.every(p => p.notIn?.includes('string')), 'quotes do not auto-close inside strings');
    assert.deepEqual(new Set(conf.surroundingPairs.map(p => p[0])), new Set(['[', '{', '"', "'"]));
  });
});
