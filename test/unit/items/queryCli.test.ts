// `dynamodb-designer query` usage errors, in process (no server is reached: each fails before).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { main } from '../../../src/cli/main';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['query', ...argv], { out: l => out.push(l), err: l => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('CLI query: usage', () => {
  it('shows its help, and is listed among the commands', async () => {
    const help = await run('--help');
    assert.equal(help.code, 0);
    assert.match(help.out, /Usage: dynamodb-designer query "STATEMENT"/);
    const out: string[] = [];
    await main(['--help'], { out: l => out.push(l), err: () => undefined });
    assert.match(out.join('\n'), /^ {2}query +run a PartiQL statement/m);
  });
  it('refuses, in one line with exit 2: no statement, two statements, a bad --format, --limit or --param, a parameter count that does not match', async () => {
    const cases: [string[], RegExp][] = [
      [[], /exactly one STATEMENT/],
      [['SELECT * FROM a; SELECT * FROM b'], /one statement at a time \(got 2\)/],
      [['-- only a comment'], /the statement is empty/],
      [['SELECT * FROM a', '--format', 'csv'], /--format must be json or jsonl/],
      [['SELECT * FROM a', '--limit', '0'], /--limit must be a whole number/],
      [['SELECT * FROM a', '--page-size', 'x'], /--page-size must be a whole number/],
      [['SELECT * FROM a WHERE pk = ?', '--param', '{"N": "x"}'], /--param 1 .*not a number/],
      [['SELECT * FROM a WHERE pk = ?'], /1 \? parameter\(s\) but 0 value/],
      [['-- params: {"a": 1}\nSELECT * FROM a WHERE pk = ?'], /must be a JSON array/],
      [['SELECT * FROM a', '--bogus'], /unknown option --bogus/],
    ];
    for (const [argv, message] of cases) {
      const r = await run(...argv);
      assert.equal(r.code, 2, `${argv.join(' ')}: ${r.err}`);
      assert.match(r.err, message);
      assert.equal(r.err.split('\n').length, 1, r.err);
    }
  });
});
