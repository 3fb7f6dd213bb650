/** The option reading the subcommands share (src/cli/options.ts) and the commands built on it. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { HELP_FLAGS, YES_FLAGS, choiceOption, readOptions, timeoutOption } from '../../../src/cli/options';
import { CliError, parseTableArgs } from '../../../src/cli/preview';
import { parsePatternsArgs } from '../../../src/cli/patterns';
import { UsageError } from '../../../src/cli/validate';

describe('readOptions', () => {
  const spec = { valued: ['--table', '--format'], repeated: ['--param'], emptyAllowed: ['--param'], flags: { ...HELP_FLAGS, ...YES_FLAGS } };

  it('takes `--x V` and `--x=V`, the last value counting; repeated options keep every value in order', () => {
    const read = readOptions(['a', '--table', 't1', '--table=t2', '--param', '1', '--param=', '-y', 'b'], spec, CliError);
    assert.deepEqual(read.positional, ['a', 'b']);
    assert.deepEqual(read.values, { '--table': 't2' });
    assert.deepEqual(read.lists, { '--param': ['1', ''] });
    assert.deepEqual([...read.flags], ['--yes']);
  });

  it('counts a flag under its name (-h as --help) and ends the options at `--`', () => {
    const read = readOptions(['-h', '--', '--table', '-x'], spec, CliError);
    assert.deepEqual([...read.flags], ['--help']);
    assert.deepEqual(read.positional, ['--table', '-x']);
  });

  it('throws the command\'s error class for a missing or empty value and an unknown option', () => {
    assert.throws(() => readOptions(['--table'], spec, UsageError), (e: unknown) => e instanceof UsageError && e.message === '--table needs a value');
    assert.throws(() => readOptions(['--table='], spec, CliError), (e: unknown) => e instanceof CliError && e.message === '--table needs a value');
    assert.throws(() => readOptions(['--bogus'], spec, CliError), /unknown option --bogus/);
    assert.deepEqual(readOptions(['-'], spec, CliError).positional, ['-']);
  });

  it('leaves what is an option to the command (a statement starting with a comment is positional)', () => {
    const isOption = (a: string): boolean => /^--?[A-Za-z]/.test(a) && !/\s/.test(a);
    assert.deepEqual(readOptions(['-- c\nSELECT 1'], { ...spec, isOption }, UsageError).positional, ['-- c\nSELECT 1']);
    assert.throws(() => readOptions(['--nope'], { ...spec, isOption }, UsageError), /unknown option --nope/);
  });

  it('checks --timeout and two-valued options with one message each', () => {
    assert.equal(timeoutOption({ '--timeout': '2.5' }, CliError), 2.5);
    assert.equal(timeoutOption({}, CliError), undefined);
    assert.throws(() => timeoutOption({ '--timeout': '0' }, CliError), /--timeout must be a number of seconds greater than 0, not "0"/);
    assert.equal(choiceOption({}, '--format', ['text', 'json'], 'text', CliError), 'text');
    assert.throws(() => choiceOption({ '--format': 'xml' }, '--format', ['jsonl', 'csv'], 'jsonl', CliError), /--format must be jsonl or csv, not "xml"/);
  });
});

describe('the commands reading their options with it', () => {
  it('preview/apply: --yes only where allowed, one FILE', () => {
    assert.equal(parseTableArgs(['f.toml', '-y'], 'apply', { yes: true }).yes, true);
    assert.throws(() => parseTableArgs(['f.toml', '--yes'], 'preview'), /unknown option --yes/);
    assert.throws(() => parseTableArgs(['a', 'b'], 'preview'), /preview needs exactly one FILE \(got 2\)/);
    assert.equal(parseTableArgs(['--', '-f.toml'], 'preview').file, '-f.toml');
  });

  it('patterns: --count repeated into counts, checked, and `--` ends the options as in the other commands', () => {
    const args = parsePatternsArgs(['--count', 'Order=30', '--count=User=2', '--', '-design.toml']);
    assert.deepEqual(args.counts, { Order: 30, User: 2 });
    assert.equal(args.file, '-design.toml');
    assert.throws(() => parsePatternsArgs(['f.toml', '--count', 'Order=1001']), (e: unknown) => e instanceof UsageError && /--count takes ENTITY=N/.test(e.message));
  });
});
