/**
 * PartiQL statements as text, without a server: a small tokenizer (strings, quoted identifiers,
 * comments, `?`), splitting a file into statements at `;`, what a statement does (SELECT, INSERT,
 * UPDATE, DELETE) and on which table (and index), its WHERE clause, whether a SELECT's WHERE pins
 * the partition key (an equality or IN on it in every OR branch: without one DynamoDB scans the
 * whole table), counting `?` parameters, parameters given in a comment (`-- params: ["USER#1", 3]`)
 * and parameter values typed as text. Pure: no vscode, no SDK; offsets are into the text given.
 */
import type { JsonAttributeValue } from '../model/items';
import { isNumberText, validateValue } from './itemJson';

export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'param' | 'punct' | 'comment';

export interface Token {
  readonly kind: TokenKind;
  /** The token's text as written (quotes included). */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Quoted identifiers and strings: the value inside the quotes ('' and "" undoubled). */
  readonly value?: string;
}

/** Splits text into tokens; comments are tokens of their own (kind `comment`). Never throws. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (/\s/.test(c)) { i++; continue; }
    const start = i;
    if (c === '-' && text[i + 1] === '-') {
      while (i < n && text[i] !== '\n') { i++; }
      tokens.push({ kind: 'comment', text: text.slice(start, i), start, end: i });
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
      tokens.push({ kind: 'comment', text: text.slice(start, i), start, end: i });
      continue;
    }
    if (c === '\'' || c === '"') {
      i++;
      let value = '';
      while (i < n) {
        if (text[i] === c) {
          if (text[i + 1] === c) { value += c; i += 2; continue; }
          i++;
          break;
        }
        value += text[i];
        i++;
      }
      tokens.push({ kind: c === '"' ? 'quoted' : 'string', text: text.slice(start, i), start, end: i, value });
      continue;
    }
    if (c === '?') { i++; tokens.push({ kind: 'param', text: '?', start, end: i }); continue; }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const m = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i))!;
      i += m[0].length;
      tokens.push({ kind: 'number', text: m[0], start, end: i });
      continue;
    }
    if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(text.slice(i))!;
      i += m[0].length;
      tokens.push({ kind: 'word', text: m[0], start, end: i });
      continue;
    }
    const two = text.slice(i, i + 2);
    if (['<=', '>=', '<>', '!=', '<<', '>>', '||'].includes(two)) {
      i += 2;
      tokens.push({ kind: 'punct', text: two, start, end: i });
      continue;
    }
    i++;
    tokens.push({ kind: 'punct', text: c, start, end: i });
  }
  return tokens;
}

export type StatementKind = 'select' | 'insert' | 'update' | 'delete' | 'exists' | 'unknown';

export interface TableRef {
  readonly table: string;
  readonly index?: string;
  /** Offsets of the table name as written. */
  readonly start: number;
  readonly end: number;
}

export interface Statement {
  /** Offsets of the statement in the text: from its first token (comments before it included) to its last, `;` excluded. */
  readonly start: number;
  readonly end: number;
  /** Offsets of the statement's code (its first and last non-comment tokens); equal to start/end without comments. */
  readonly codeStart: number;
  readonly codeEnd: number;
  /** What is sent to DynamoDB: the statement without its comments, trimmed. */
  readonly text: string;
  readonly kind: StatementKind;
  /** `?` placeholders in the statement. */
  readonly parameterCount: number;
  /** The table (and index) the statement reads or writes, when it names one. */
  readonly table?: TableRef;
  /** The comments around the statement (for `-- params:`). */
  readonly comments: readonly string[];
  readonly tokens: readonly Token[];
}

const KINDS: Readonly<Record<string, StatementKind>> = { select: 'select', insert: 'insert', update: 'update', delete: 'delete', exists: 'exists' };

/** Statements that change items: they need a confirmation. */
export function isWrite(kind: StatementKind): boolean {
  return kind === 'insert' || kind === 'update' || kind === 'delete';
}

/** The statements of a file, split at `;` outside strings, quoted names and comments. Empty ones are dropped. */
export function splitStatements(text: string): Statement[] {
  const statements: Statement[] = [];
  let group: Token[] = [];
  const flush = (): void => {
    const code = group.filter(t => t.kind !== 'comment');
    if (code.length > 0) { statements.push(statementOf(text, group, code)); }
    group = [];
  };
  for (const token of tokenize(text)) {
    if (token.kind === 'punct' && token.text === ';') { flush(); continue; }
    group.push(token);
  }
  flush();
  return statements;
}

function statementOf(text: string, all: readonly Token[], code: readonly Token[]): Statement {
  const first = code[0]!;
  const last = code[code.length - 1]!;
  const kind = KINDS[first.text.toLowerCase()] ?? 'unknown';
  const table = tableOf(kind, code);
  // The code without comments: the tokens' own text between them, comments blanked out.
  let sent = '';
  let at = first.start;
  for (const t of all) {
    if (t.start < first.start || t.end > last.end) { continue; }
    if (t.kind === 'comment') { sent += text.slice(at, t.start) + ' '; at = t.end; }
  }
  sent += text.slice(at, last.end);
  return {
    start: all[0]!.start, end: all[all.length - 1]!.end, codeStart: first.start, codeEnd: last.end,
    text: sent.replace(/[ \t]+\n/g, '\n').trim(), kind,
    parameterCount: code.filter(t => t.kind === 'param').length,
    ...(table ? { table } : {}),
    comments: all.filter(t => t.kind === 'comment').map(t => t.text),
    tokens: code,
  };
}

function nameOf(token: Token | undefined): string | undefined {
  if (!token) { return undefined; }
  if (token.kind === 'quoted') { return token.value; }
  if (token.kind === 'word') { return token.text; }
  return undefined;
}

function isWord(token: Token | undefined, word: string): boolean {
  return token?.kind === 'word' && token.text.toLowerCase() === word;
}

/** The table after FROM (SELECT, DELETE), INTO (INSERT) or UPDATE, with `"table"."index"`. */
function tableOf(kind: StatementKind, code: readonly Token[]): TableRef | undefined {
  let at: number;
  if (kind === 'update') {
    at = 1;
  } else {
    const keyword = kind === 'insert' ? 'into' : 'from';
    let depth = 0;
    at = -1;
    for (let i = 0; i < code.length; i++) {
      const t = code[i]!;
      if (t.kind === 'punct' && '([{'.includes(t.text)) { depth++; }
      if (t.kind === 'punct' && ')]}'.includes(t.text)) { depth--; }
      if (isWord(t, keyword) && (depth === 0 || kind === 'exists')) { at = i + 1; break; }
    }
    if (at < 0) { return undefined; }
  }
  const token = code[at];
  const table = nameOf(token);
  if (!table || !token) { return undefined; }
  const dot = code[at + 1];
  const index = dot?.kind === 'punct' && dot.text === '.' ? nameOf(code[at + 2]) : undefined;
  return { table, ...(index ? { index } : {}), start: token.start, end: token.end };
}

/** The tokens of the statement's top-level WHERE clause (empty without one). */
export function whereTokens(statement: Pick<Statement, 'tokens'>): Token[] {
  let depth = 0;
  const tokens = statement.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'punct' && '([{'.includes(t.text)) { depth++; }
    if (t.kind === 'punct' && ')]}'.includes(t.text)) { depth--; }
    if (depth === 0 && isWord(t, 'where')) {
      const rest = tokens.slice(i + 1);
      // A SELECT's ORDER BY follows its WHERE.
      const order = rest.findIndex((r, j) => isWord(r, 'order') && isWord(rest[j + 1], 'by'));
      return order < 0 ? rest : rest.slice(0, order);
    }
  }
  return [];
}

/** The WHERE clause as written (without the keyword), or undefined. */
export function whereClause(text: string, statement: Pick<Statement, 'tokens'>): string | undefined {
  const where = whereTokens(statement);
  if (where.length === 0) { return undefined; }
  return text.slice(where[0]!.start, where[where.length - 1]!.end);
}

/** Splits tokens at a top-level keyword (depth 0); for AND, the AND of `BETWEEN x AND y` is kept. */
function splitAt(tokens: readonly Token[], word: 'or' | 'and'): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  let between = false;
  for (const t of tokens) {
    if (t.kind === 'punct' && '([{'.includes(t.text)) { depth++; }
    if (t.kind === 'punct' && ')]}'.includes(t.text)) { depth--; }
    if (depth === 0 && isWord(t, 'between')) { between = true; }
    if (depth === 0 && isWord(t, word)) {
      if (word === 'and' && between) { between = false; } else { parts.push([]); continue; }
    }
    parts[parts.length - 1]!.push(t);
  }
  return parts;
}

function isOpen(t: Token | undefined): boolean { return t?.kind === 'punct' && t.text === '('; }

/** Whether a condition (tokens) pins `key` to one or a few values: `key = v`, `v = key`, `key IN [...]`, in every OR branch. */
function pins(tokens: readonly Token[], key: string): boolean {
  if (tokens.length === 0) { return false; }
  const branches = splitAt(tokens, 'or');
  return branches.every(branch => splitAt(branch, 'and').some(conjunct => {
    const c = conjunct;
    if (c.length >= 2 && isOpen(c[0]) && c[c.length - 1]?.text === ')' && closes(c)) { return pins(c.slice(1, -1), key); }
    if (isWord(c[0], 'not')) { return false; }
    const named = (t: Token | undefined): boolean => nameOf(t) === key;
    // `pk = 'a' || 'b'` is still an equality: any value expression after `=` counts.
    if (c.length >= 3 && named(c[0]) && c[1]!.text === '=' && !isWord(c[2], 'null')) { return true; }
    if (c.length === 3 && named(c[2]) && c[1]!.text === '=') { return true; }
    if (c.length >= 3 && named(c[0]) && isWord(c[1], 'in')) { return true; }
    return false;
  }));
}

/** Whether the first token's bracket closes at the last token (a whole parenthesized condition). */
function closes(tokens: readonly Token[]): boolean {
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'punct' && '([{'.includes(t.text)) { depth++; }
    if (t.kind === 'punct' && ')]}'.includes(t.text)) { depth--; if (depth === 0 && i < tokens.length - 1) { return false; } }
  }
  return depth === 0;
}

/**
 * Whether a SELECT's WHERE pins the partition key `key` (an equality or IN in every OR branch).
 * Without that, DynamoDB runs the SELECT as a scan of the whole table (or index).
 */
export function hasPartitionKeyEquality(statement: Pick<Statement, 'tokens'>, key: string): boolean {
  return pins(whereTokens(statement), key);
}

// ---------------------------------------------------------------------------------------------
// Parameters

/** A value of a parameter, in DynamoDB JSON, from a plain JSON value (numbers from their text where known). */
export function jsonToAttribute(value: unknown, path = '$'): JsonAttributeValue {
  if (value === null) { return { NULL: true }; }
  if (typeof value === 'string') { return { S: value }; }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) { throw new Error(`${path}: ${value} is not a number DynamoDB stores`); }
    return { N: String(value) };
  }
  if (typeof value === 'boolean') { return { BOOL: value }; }
  if (Array.isArray(value)) { return { L: value.map((v, i) => jsonToAttribute(v, `${path}[${i}]`)) }; }
  if (typeof value === 'object') {
    return { M: Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, jsonToAttribute(v, `${path}.${k}`)])) };
  }
  throw new Error(`${path}: unsupported value`);
}

const ATTRIBUTE_TYPE_KEYS = new Set(['S', 'N', 'B', 'BOOL', 'NULL', 'SS', 'NS', 'BS', 'L', 'M']);

/**
 * A parameter typed as text: a number (`3`, `1.5e3`, 38 digits kept as written) is N; `true`,
 * `false` BOOL; `null` NULL; a JSON string (`"USER#1"`) S; a JSON object of one DynamoDB type key
 * (`{"SS": ["a"]}`) that value; other JSON arrays and objects L and M; anything else the text
 * itself as S (`USER#1`).
 */
export function parseParameter(text: string): JsonAttributeValue {
  const trimmed = text.trim();
  if (isNumberText(trimmed)) { return { N: trimmed }; }
  if (trimmed === 'true' || trimmed === 'false') { return { BOOL: trimmed === 'true' }; }
  if (trimmed === 'null') { return { NULL: true }; }
  if (/^["[{]/.test(trimmed)) {
    let parsed: unknown;
    try { parsed = parseJsonKeepingNumbers(trimmed); } catch (error) {
      if (trimmed.startsWith('"')) { throw new Error(`not a valid JSON string: ${(error as Error).message}`); }
      throw new Error(`not valid JSON: ${(error as Error).message} (write text in quotes to send it as a string)`);
    }
    return restoreNumbers(parsed, '$');
  }
  return { S: text };
}

/** Numbers in a JSON text keep their digits: `3` -> {N: "3"}, `12345678901234567890123456789012345678` exactly. */
function parseJsonKeepingNumbers(text: string): unknown {
  const holder = '\u0000n:';
  const marked = text.replace(/("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g, (m, str: string | undefined) => (str !== undefined ? m : JSON.stringify(holder + m)));
  return JSON.parse(marked, (_k, v: unknown) => (typeof v === 'string' && v.startsWith(holder) ? { [holder]: v.slice(holder.length) } : v));
}

function restoreNumbers(value: unknown, path: string): JsonAttributeValue {
  const holder = '\u0000n:';
  if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1 && holder in value) {
    return { N: (value as Record<string, string>)[holder]! };
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && ATTRIBUTE_TYPE_KEYS.has(keys[0]!)) { return validateValue(unmark(value), path); }
    return { M: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, restoreNumbers(v, `${path}.${k}`)])) };
  }
  if (Array.isArray(value)) { return { L: value.map((v, i) => restoreNumbers(v, `${path}[${i}]`)) }; }
  return jsonToAttribute(value, path);
}

/** A marked value back to plain JSON (numbers as numbers) for an attribute value written in DynamoDB JSON. */
function unmark(value: unknown): unknown {
  const holder = '\u0000n:';
  if (Array.isArray(value)) { return value.map(unmark); }
  if (value && typeof value === 'object') {
    if (Object.keys(value).length === 1 && holder in value) { return Number((value as Record<string, string>)[holder]); }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unmark(v)]));
  }
  return value;
}

const PARAMS_COMMENT = /^(?:--|\/\*)\s*params\s*:\s*([\s\S]*?)\s*(?:\*\/)?\s*$/i;

/**
 * The parameters a comment of the statement gives (`-- params: ["USER#1", 3]`): a JSON array,
 * each element as parseParameter would read its JSON (numbers keep their digits; an object of one
 * DynamoDB type key is that value). Undefined when no comment gives parameters; an error naming
 * the problem when the comment is not a JSON array.
 */
export function parametersFromComments(comments: readonly string[]): JsonAttributeValue[] | undefined {
  for (const comment of comments) {
    const m = PARAMS_COMMENT.exec(comment.trim());
    if (!m) { continue; }
    let parsed: unknown;
    try { parsed = parseJsonKeepingNumbers(m[1]!); } catch (error) {
      throw new Error(`the params comment is not valid JSON: ${(error as Error).message}`);
    }
    if (!Array.isArray(parsed)) { throw new Error('the params comment must be a JSON array, like -- params: ["USER#1", 3]'); }
    return parsed.map((v, i) => restoreNumbers(v, `params[${i}]`));
  }
  return undefined;
}

/** The statement at an offset (inside it, or on the line where it ends), if any. */
export function statementAt(statements: readonly Statement[], offset: number): Statement | undefined {
  return statements.find(s => offset >= s.start && offset <= s.end + 1);
}

/** Identifier text for a name in a statement: bare when it can be, else double-quoted. */
export function quoteName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** Which `?` of the statement (0-based) is at an offset, or -1. */
export function parameterAt(statement: Pick<Statement, 'tokens'>, offset: number): number {
  return statement.tokens.filter(t => t.kind === 'param').findIndex(t => offset >= t.start && offset <= t.end);
}

/** What kind of word the cursor is after: a table (FROM, INTO, UPDATE), an attribute, or nothing (in a string or comment). */
export function completionContext(text: string, offset: number): 'table' | 'attribute' | 'none' {
  const before = tokenize(text.slice(0, offset));
  let last = before[before.length - 1];
  if (last && last.end === offset) {
    const unterminated = (last.kind === 'string' || last.kind === 'quoted') && (last.text.length < 2 || !last.text.endsWith(last.text[0]!));
    if (last.kind === 'comment' && (last.text.startsWith('--') || !last.text.endsWith('*/'))) { return 'none'; }
    if (last.kind === 'string' && unterminated) { return 'none'; }
    // The word being typed (a quoted name being typed included).
    if (last.kind === 'word' || last.kind === 'quoted') { before.pop(); last = before[before.length - 1]; }
  }
  if (isWord(last, 'from') || isWord(last, 'into') || isWord(last, 'update')) { return 'table'; }
  if (!last || (last.kind === 'punct' && last.text === ';')) { return 'none'; }
  return 'attribute';
}

/** What a scan warning says: the table (or index), why it scans, and its size where known. */
export function scanWarning(options: {
  readonly table: string; readonly index?: string; readonly partitionKey: string;
  readonly itemCount?: number; readonly sizeText?: string;
  /** Where the count comes from: AWS (refreshed about every six hours), another server, or a server that reports none. */
  readonly counts: 'aws' | 'server' | 'not-reported';
}): { message: string; detail: string } {
  const what = options.index ? `the index ${options.index} of ${options.table}` : `the table ${options.table}`;
  const named = options.index ? `The index ${options.index}` : `The table ${options.table}`;
  const holds = options.itemCount !== undefined ? `${named} holds about ${options.itemCount.toLocaleString('en-US')} items${options.sizeText ? ` (${options.sizeText})` : ''}` : undefined;
  const size = options.counts === 'not-reported'
    ? 'This server does not report item counts.'
    : !holds
      ? 'Its size is not known.'
      : options.counts === 'aws' ? `${holds}, as DynamoDB last reported (it updates the figure about every six hours).` : `${holds}, as this server reports.`;
  return {
    message: `This SELECT reads all of ${what}: its WHERE has no equality on the partition key ${options.partitionKey}.`,
    detail: `DynamoDB runs it as a Scan, reading (and charging for) every item, page by page. ${size} Add "WHERE ${quoteName(options.partitionKey)} = ..." to read one partition.`,
  };
}
