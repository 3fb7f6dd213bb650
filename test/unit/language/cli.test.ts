import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { repoRoot } from '../../support/paths';
import { example } from './helpers';

const CLI = join(repoRoot(), 'out', 'src', 'cli', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'ddb-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('dynamodb-designer validate', () => {
  const clean = file('clean.toml', example('genesys.toml'));
  const broken = file('broken.yaml', example('planton.yaml').replace('BILLING_MODE_PROVISIONED', 'ON_DEMAND'));

  it('exits 0 and prints nothing for clean files', () => {
    const r = run('validate', clean, file('c.yaml', example('component.yaml')));
    assert.equal(r.stdout, '');
    assert.equal(r.code, 0);
  });
  it('prints file:line:col severity code message and exits 1 on an error', () => {
    const r = run('validate', broken);
    assert.equal(r.code, 1);
    const line = r.stdout.split('\n').find(l => l.includes('enum-value'));
    assert.ok(line, r.stdout);
    const row = example('planton.yaml').split('\n').findIndex(l => l.includes('BILLING_MODE_PROVISIONED')) + 1;
    assert.ok(line.startsWith(`${broken}:${row}:16 error enum-value `), line);
  });
  it('prints a JSON array with 1-based positions', () => {
    const r = run('validate', '--format', 'json', broken);
    assert.equal(r.code, 1);
    const problems = JSON.parse(r.stdout) as { file: string; line: number; column: number; endLine: number; endColumn: number; severity: string; code: string; message: string }[];
    const p = problems.find(x => x.code === 'enum-value');
    assert.ok(p);
    assert.equal(p.column, 16);
    assert.equal(p.endColumn, 16 + 'ON_DEMAND'.length);
    assert.equal(p.endLine, p.line);
    assert.equal(p.file, broken);
    assert.deepEqual(Object.keys(p).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity']);
  });
  it('exits 2 with one clear line for an unreadable file, an unknown option, a bad format, no file', () => {
    for (const args of [['validate', join(dir, 'missing.toml')], ['validate', '--bogus', clean], ['validate', '--format', 'xml', clean], ['validate'], ['frobnicate']]) {
      const r = run(...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /^dynamodb-designer/);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    }
  });
  it('prints help and exits 0', () => {
    const r = run('validate', '--help');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /--format text\|json/);
    assert.match(run('--help').stdout, /validate/);
  });
  it('prints the package version with --version and -v and exits 0', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const r = run(flag);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, `${manifest.version}\n`);
    }
    assert.match(run('--help').stdout, /--version/);
  });
  it('gives a file with a byte-order mark the verdict and positions of the same file without it', () => {
    const invalid = '[[resources.dynamodb]]\nname = "orders"\nhash_key_name = "id"\nhash_key_type = "S"\n';
    const plain = run('validate', file('plain.toml', invalid));
    const marked = run('validate', file('bom.toml', '\uFEFF' + invalid));
    assert.equal(plain.code, 1, plain.stdout + plain.stderr);
    assert.equal(marked.code, 1, marked.stdout + marked.stderr);
    assert.equal(marked.stderr, '');
    assert.match(marked.stdout, /bom\.toml:1:1 error billing-mode-required /);
    assert.equal(marked.stdout.replaceAll('bom.toml', 'plain.toml'), plain.stdout);
    // A valid file with a BOM: no spurious syntax error at 1:1.
    const clean = run('validate', file('clean-bom.toml', '\uFEFF' + example('genesys.toml')), file('clean-bom.yaml', '\uFEFF' + example('planton.yaml')));
    assert.equal(clean.stdout, '');
    assert.equal(clean.code, 0);
    const json = run('validate', '--format', 'json', file('bom2.yaml', '\uFEFF' + example('planton.yaml').replace('BILLING_MODE_PROVISIONED', 'ON_DEMAND')));
    const p = (JSON.parse(json.stdout) as { code: string; column: number }[]).find(x => x.code === 'enum-value');
    assert.equal(p?.column, 16);
  });
  it('an attribute typed two ways (issue 10: the table N, a GSI S) is an error on the GSI type, exit 1', () => {
    const text = example('genesys.toml').replace('range_key_name = "issued_at"\nrange_key_type = "N"\nprojection_type', 'range_key_name = "issued_at"\nrange_key_type = "S"\nprojection_type');
    const r = run('validate', file('conflict.toml', text));
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const row = text.split('\n').findIndex(l => l === 'range_key_type = "S"') + 1;
    assert.match(r.stdout, new RegExp(`conflict\\.toml:${row}:18 error attribute-type-conflict range_key_type "S" of "issued_at" conflicts with its type "N" in the table's key`));
  });
  it('skips files that are not table configs, with a note', () => {
    const r = run('validate', file('ci.yaml', 'name: ci\non: push\n'));
    assert.equal(r.code, 0);
    assert.match(r.stderr, /not a DynamoDB table config/);
  });
});

describe('dynamodb-designer on a CloudFormation template', () => {
  const template = file('template.yaml', readFileSync(join(repoRoot(), 'examples', 'cloudformation.yaml'), 'utf8'));

  it('validates it clean', () => {
    const r = run('validate', template);
    assert.equal(r.code, 0, r.stderr + r.stdout);
  });

  it('apply and delete refuse it before any request: CloudFormation applies it', () => {
    for (const command of ['apply', 'delete']) {
      // An endpoint nothing listens on: the refusal comes first.
      const r = run(command, template, '--yes', '--endpoint', 'http://127.0.0.1:9', '--region', 'us-east-1');
      assert.notEqual(r.code, 0, command);
      assert.match(r.stderr, new RegExp(`is applied by CloudFormation: ${command} it with CloudFormation\\. DynamoDB Designer does not ${command} it, because CloudFormation's state would then no longer match the table`), command);
    }
  });
});
