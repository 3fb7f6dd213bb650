import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  completionContext, hasPartitionKeyEquality, isWrite, parameterAt, parametersFromComments, parseParameter, scanWarning, splitStatements, statementAt, whereClause,
} from '../../../src/items/partiql';

describe('PartiQL statements: splitting', () => {
  it('splits at ; outside strings, quoted names and comments, drops empty statements, keeps offsets', () => {
    const text = `SELECT * FROM "a;b" WHERE x = 'c;d'; -- a comment; with a semicolon\nSELECT * FROM t /* ; */ WHERE y = 1;\n;\n  DELETE FROM u WHERE pk = ?`;
    const statements = splitStatements(text);
    assert.deepEqual(statements.map(s => s.text), [
      `SELECT * FROM "a;b" WHERE x = 'c;d'`,
      'SELECT * FROM t   WHERE y = 1',
      'DELETE FROM u WHERE pk = ?',
    ]);
    assert.deepEqual(statements.map(s => s.kind), ['select', 'select', 'delete']);
    assert.equal(text.slice(statements[2]!.codeStart, statements[2]!.codeEnd), 'DELETE FROM u WHERE pk = ?');
    assert.deepEqual(statements[1]!.comments, ['-- a comment; with a semicolon', '/* ; */']);
  });

  it('a quote doubled inside a string or name does not end it; an unterminated string runs to the end', () => {
    const [s] = splitStatements(`SELECT * FROM "we""ird" WHERE n = 'it''s; fine'`);
    assert.equal(s!.table?.table, 'we"ird');
    assert.equal(splitStatements(`SELECT * FROM t WHERE a = 'open; still open`).length, 1);
  });

  it('finds the statement at an offset, the end of its line included', () => {
    const text = 'SELECT * FROM a;\nSELECT * FROM b;';
    const statements = splitStatements(text);
    assert.equal(statementAt(statements, 3)?.table?.table, 'a');
    assert.equal(statementAt(statements, text.indexOf('b')), statements[1]);
    assert.equal(statementAt(statements, text.length), statements[1]);
  });
});

describe('PartiQL statements: table, kind, WHERE', () => {
  const one = (text: string) => splitStatements(text)[0]!;
  it('names the table (and index) of each kind of statement, quoted or bare', () => {
    assert.deepEqual([one('SELECT a, b FROM "Orders"."byStatus" WHERE s = 1').table?.table, one('SELECT a FROM "Orders"."byStatus"').table?.index], ['Orders', 'byStatus']);
    assert.equal(one(`INSERT INTO "my-table" VALUE {'pk': 'a'}`).table?.table, 'my-table');
    assert.equal(one(`UPDATE Music SET x = 1 WHERE pk = 'a'`).table?.table, 'Music');
    assert.equal(one(`delete from Music where pk = 'a'`).table?.table, 'Music');
    assert.equal(one('SELECT * FROM').table, undefined);
    assert.equal(one('EXPLAIN x').kind, 'unknown');
  });
  it('writes are INSERT, UPDATE and DELETE', () => {
    assert.deepEqual(['select', 'insert', 'update', 'delete', 'exists', 'unknown'].map(k => isWrite(k as never)), [false, true, true, true, false, false]);
  });
  it('a subquery\'s FROM is not the statement\'s table; WHERE stops before ORDER BY', () => {
    const text = 'SELECT * FROM t WHERE pk = 1 ORDER BY sk DESC';
    assert.equal(whereClause(text, one(text)), 'pk = 1');
    assert.equal(whereClause('SELECT * FROM t', one('SELECT * FROM t')), undefined);
  });
  it('counts ? outside strings and comments', () => {
    assert.equal(one(`SELECT * FROM t WHERE a = ? AND b = '?' AND c = ? -- ?`).parameterCount, 2);
  });
});

describe('PartiQL: does a SELECT pin the partition key?', () => {
  const pins = (text: string, key = 'pk') => hasPartitionKeyEquality(splitStatements(text)[0]!, key);
  it('an equality or IN on the key, either side, quoted or bare, pins it', () => {
    assert.equal(pins(`SELECT * FROM t WHERE pk = 'a'`), true);
    assert.equal(pins(`SELECT * FROM t WHERE 'a' = pk`), true);
    assert.equal(pins(`SELECT * FROM t WHERE "pk" = ? AND sk > 3`), true);
    assert.equal(pins(`SELECT * FROM t WHERE sk BETWEEN 1 AND 2 AND pk = 'x'`), true);
    assert.equal(pins(`SELECT * FROM t WHERE pk IN ['a', 'b']`), true);
    assert.equal(pins(`SELECT * FROM t WHERE (pk = 'a' AND x = 1)`), true);
    assert.equal(pins(`SELECT * FROM t WHERE pk = 'a' OR pk = 'b'`), true);
  });
  it('no WHERE, another attribute, a comparison, an OR branch without it, NOT, or a nested attribute of the same name do not', () => {
    assert.equal(pins('SELECT * FROM t'), false);
    assert.equal(pins(`SELECT * FROM t WHERE sk = 'a'`), false);
    assert.equal(pins(`SELECT * FROM t WHERE pk > 'a'`), false);
    assert.equal(pins(`SELECT * FROM t WHERE pk = 'a' OR sk = 'b'`), false);
    assert.equal(pins(`SELECT * FROM t WHERE NOT pk = 'a'`), false);
    assert.equal(pins(`SELECT * FROM t WHERE m.pk = 'a'`), false);
    assert.equal(pins(`SELECT * FROM t WHERE PK = 'a'`), false, 'attribute names are case-sensitive');
    assert.equal(pins(`SELECT * FROM t WHERE begins_with(pk, 'a')`), false);
    assert.equal(pins(`SELECT * FROM t WHERE pk IS MISSING`), false);
  });
});

describe('PartiQL parameters', () => {
  it('reads a typed parameter: numbers with their digits, booleans, null, JSON strings, DynamoDB JSON, plain JSON, bare text', () => {
    assert.deepEqual(parseParameter('3'), { N: '3' });
    assert.deepEqual(parseParameter('12345678901234567890123456789012345678'), { N: '12345678901234567890123456789012345678' });
    assert.deepEqual(parseParameter('-1.5e3'), { N: '-1.5e3' });
    assert.deepEqual(parseParameter('true'), { BOOL: true });
    assert.deepEqual(parseParameter('null'), { NULL: true });
    assert.deepEqual(parseParameter('"42"'), { S: '42' });
    assert.deepEqual(parseParameter('USER#1'), { S: 'USER#1' });
    assert.deepEqual(parseParameter(' spaced '), { S: ' spaced ' });
    assert.deepEqual(parseParameter('{"SS": ["a", "b"]}'), { SS: ['a', 'b'] });
    assert.deepEqual(parseParameter('{"a": 1, "b": [true, "x"]}'), { M: { a: { N: '1' }, b: { L: [{ BOOL: true }, { S: 'x' }] } } });
    assert.deepEqual(parseParameter('[12345678901234567890123456789012345678]'), { L: [{ N: '12345678901234567890123456789012345678' }] });
  });
  it('refuses broken JSON and malformed DynamoDB JSON with the reason', () => {
    assert.throws(() => parseParameter('{"a": '), /not valid JSON/);
    assert.throws(() => parseParameter('"open'), /not a valid JSON string/);
    assert.throws(() => parseParameter('{"N": "abc"}'), /not a number/);
  });
  it('takes parameters from a -- params: or /* params: */ comment', () => {
    const [s] = splitStatements('-- params: ["USER#1", 3, {"N": "7"}]\nSELECT * FROM t WHERE pk = ? AND a = ? AND b = ?');
    assert.deepEqual(parametersFromComments(s!.comments), [{ S: 'USER#1' }, { N: '3' }, { N: '7' }]);
    assert.deepEqual(parametersFromComments(['/* params: [true] */']), [{ BOOL: true }]);
    assert.equal(parametersFromComments(['-- nothing here']), undefined);
    assert.throws(() => parametersFromComments(['-- params: {"a": 1}']), /must be a JSON array/);
    assert.throws(() => parametersFromComments(['-- params: [1,']), /not valid JSON/);
  });
  it('parameterAt names which ? the offset is on', () => {
    const text = 'SELECT * FROM t WHERE a = ? AND b = ?';
    assert.equal(parameterAt(splitStatements(text)[0]!, text.lastIndexOf('?')), 1);
  });
});

describe('PartiQL completion context', () => {
  it('a table after FROM, INTO and UPDATE; an attribute elsewhere in a statement; nothing at its start', () => {
    assert.equal(completionContext('SELECT * FROM ', 14), 'table');
    assert.equal(completionContext('SELECT * FROM Ord', 17), 'table');
    assert.equal(completionContext('INSERT INTO ', 12), 'table');
    assert.equal(completionContext('UPDATE "Or', 10), 'table');
    assert.equal(completionContext('SELECT * FROM t WHERE ', 22), 'attribute');
    assert.equal(completionContext('SELECT ', 7), 'attribute');
    assert.equal(completionContext('', 0), 'none');
    assert.equal(completionContext(`SELECT * FROM t WHERE a = 'ab`, 29), 'none');
  });
});

describe('PartiQL scan warning', () => {
  it('names the table or index, the partition key, and the size where the server reports it', () => {
    const w = scanWarning({ table: 'orders', partitionKey: 'pk', itemCount: 12345, sizeText: '1.2 MB', counts: 'aws' });
    assert.equal(w.message, 'This SELECT reads all of the table orders: its WHERE has no equality on the partition key pk.');
    assert.match(w.detail, /The table orders holds about 12,345 items \(1\.2 MB\), as DynamoDB last reported \(it updates the figure about every six hours\)/);
    assert.match(scanWarning({ table: 'o', partitionKey: 'pk', itemCount: 3, counts: 'server' }).detail, /The table o holds about 3 items, as this server reports\./);
    assert.match(scanWarning({ table: 'o', partitionKey: 'pk', counts: 'aws' }).detail, /Its size is not known\./);
    assert.match(scanWarning({ table: 'o', index: 'byStatus', partitionKey: 's', itemCount: 2, counts: 'server' }).detail, /The index byStatus holds about 2 items/);
    assert.match(scanWarning({ table: 'o', index: 'byStatus', partitionKey: 'status-x', counts: 'not-reported' }).message, /the index byStatus of o: .* status-x/);
    assert.match(scanWarning({ table: 'o', partitionKey: 'status-x', counts: 'not-reported' }).detail, /does not report item counts.*"status-x" = /);
  });
});
