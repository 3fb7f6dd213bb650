/** The import and export subcommands' usage: help, and each usage error in one line (exit 2), no server needed. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { main } from '../../../src/cli/main';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: line => { out += `${line}\n`; }, err: line => { err += `${line}\n`; } });
  return { code, out, err };
}

describe('dynamodb-designer import/export usage', () => {
  it('lists both commands and documents idempotent re-runs', async () => {
    const usage = await run('--help');
    assert.match(usage.out, /\n {2}import +write the items of a JSON Lines or CSV file into a table/);
    assert.match(usage.out, /\n {2}export +write every item of a table as JSON Lines or CSV/);
    const help = await run('import', '--help');
    assert.equal(help.code, 0);
    assert.match(help.out, /Puts are idempotent by key: an import stopped half-way \(killed, cancelled, too many errors\),\nrun again on the same file, ends with exactly the file's items in the table\./);
    assert.match(help.out, /--max-errors N/);
    const exportHelp = await run('export', '--help');
    assert.match(exportHelp.out, /--segments N[\s\S]*--max-rcu N[\s\S]*--resume STATE/);
  });

  for (const [args, message] of [
    [['import', '--table', 't'], /import needs exactly one FILE \(got 0\)/],
    [['import', 'a.jsonl'], /import needs --table NAME/],
    [['import', 'a.jsonl', '--table', 't', '--max-errors', '-1'], /--max-errors must be a whole number from 0 to/],
    [['import', 'a.jsonl', '--table', 't', '--input-format', 'xml'], /--input-format must be one of dynamodb-json, s3, json, csv, not "xml"/],
    [['import', 'a.jsonl', '--table', 't', '--bogus'], /unknown option --bogus/],
    [['export'], /export needs --table NAME/],
    [['export', '--table', 't', '--format', 'xml'], /--format must be jsonl or csv, not "xml"/],
    [['export', '--table', 't', '--segments', '0'], /--segments must be a whole number from 1 to 1000000/],
    [['export', '--table', 't', '--max-rcu', 'lots'], /--max-rcu must be a number greater than 0, not "lots"/],
    [['export', '--table', 't', '--resume', 's.json'], /--resume needs --out FILE/],
    [['export', 'file.jsonl', '--table', 't'], /export takes no FILE/],
  ] as const) {
    it(`${args.join(' ')}: ${message.source}`, async () => {
      const r = await run(...args);
      assert.equal(r.code, 2);
      assert.equal(r.out, '');
      assert.match(r.err, message);
      assert.equal(r.err.split('\n').length, 2, 'one line');
    });
  }
});
