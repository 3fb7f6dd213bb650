/**
 * The language service at scale and on hostile input: findings capped per code with one summary,
 * quick-fixes computed on request (the same edits as applying the steps one by one and re-parsing),
 * fix-all over every finding, and the shared per-version analysis with its worker thread.
 * Correctness only: speed is measured in bench/language.bench.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, fixEdits } from '../../../src/language/edits';
import { parseConfig } from '../../../src/language/parse';
import { MAX_PER_CODE, analyze, completeIn, completionAt, fixAll, fixesOf, hoverIn } from '../../../src/language/service';
import type { Analysis } from '../../../src/language/service';
import type { ParsedConfig } from '../../../src/language/types';
import { Analyses } from '../../../src/vscode/language/analyses';
import { repoRoot } from '../../support/paths';

const example = (name: string): string => readFileSync(join(repoRoot(), 'examples', name), 'utf8');

/** A planton manifest with `n` attribute definitions no key uses. */
function unusedDefinitions(n: number): string {
  const defs = Array.from({ length: n }, (_, i) => `    - name: unused${i}\n      type: ATTRIBUTE_TYPE_S\n`).join('');
  return example('planton.yaml').replace('  attributeDefinitions:\n', `  attributeDefinitions:\n${defs}`);
}

/** A planton manifest whose `spec:` has `n` unknown keys. */
function unknownKeys(n: number): string {
  return example('planton.yaml').replace('spec:\n', `spec:\n${Array.from({ length: n }, (_, i) => `  unknownKey${i}: ${i}\n`).join('')}`);
}

/** Genesys tables, every other one without its billing mode and its hash key type (multi-step fixes). */
function genesysWithFindings(tables: number): string {
  const text = example('genesys.toml');
  const first = text.search(/^\[\[resources\.dynamodb\]\]/m);
  const out = [text.slice(0, first)];
  for (let i = 0; i < tables; i++) {
    let t = text.slice(first).replace(/name = "(carts|invoices)"/g, (_, n: string) => `name = "${n}-${i}"`) + '\n';
    if (i % 2 === 0) {
      t = t.replace('billing_mode = "PAY_PER_REQUEST"      # or "PROVISIONED"\n', '').replace('billing_mode = "PROVISIONED"\n', '')
        .replace('hash_key_type = "S"\nrange_key_name = "issued_at"', 'range_key_name = "issued_at"');
    }
    out.push(t);
  }
  return out.join('');
}

function codes(a: Analysis | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of a?.findings ?? []) { out[f.code] = (out[f.code] ?? 0) + 1; }
  return out;
}

describe('hostile files: findings capped per code', () => {
  it('5,000 unused attribute definitions: the first 100, then one summary counting the rest', () => {
    const a = analyze(unusedDefinitions(5000), { uri: 'hostile.yaml' });
    assert.ok(a);
    assert.deepEqual(codes(a), { 'attribute-definition-unused': MAX_PER_CODE + 1 });
    const summary = a.findings.filter(f => /more attribute-definition-unused findings not shown/.test(f.message));
    assert.equal(summary.length, 1);
    assert.match(summary[0].message, /^4900 more attribute-definition-unused findings not shown \(the first 100 are\); the first of them: .*"unused100"/);
    assert.equal(summary[0].fixes, undefined, 'a summary has no fix of its own');
    const shown = a.findings.filter(f => f !== summary[0]);
    assert.ok(shown.every(f => /"unused\d+"/.test(f.message)));
    assert.deepEqual(shown.map(f => Number(/"unused(\d+)"/.exec(f.message)?.[1])), Array.from({ length: 100 }, (_, i) => i), 'the first ones in the document');
  });

  it('a spec: map of 10,000 unknown keys: 100 unknown-key warnings and one summary', () => {
    const a = analyze(unknownKeys(10_000), { uri: 'hostile.yaml' });
    assert.ok(a);
    assert.deepEqual(codes(a), { 'unknown-key': MAX_PER_CODE + 1 });
    const summary = a.findings.filter(f => f.message.startsWith('9900 more unknown-key findings not shown'));
    assert.equal(summary.length, 1);
    assert.equal(summary[0].severity, 'warning');
    assert.equal(summary[0].range.start.line, 8 + MAX_PER_CODE, 'on the first key not shown');
  });

  it('duplicate keys in a wide mapping are still syntax errors, each at its second key', () => {
    const text = unknownKeys(2000).replace('  unknownKey1999: 1999\n', '  unknownKey1999: 1999\n  unknownKey5: again\n');
    const a = analyze(text, { uri: 'dup.yaml' });
    const syntax = a?.findings.filter(f => f.code === 'syntax') ?? [];
    assert.deepEqual(syntax.map(f => [f.message, f.range.start.line]), [['Map keys must be unique', 8 + 2000]]);
  });

  it('fix-all removes all 5,000 unused definitions (not only the 100 shown)', () => {
    const a = analyze(unusedDefinitions(5000), { uri: 'hostile.yaml' });
    assert.ok(a);
    const fixed = fixAll(a);
    assert.doesNotMatch(fixed, /unused\d/);
    assert.deepEqual(codes(analyze(fixed, { uri: 'hostile.yaml' })), {});
    assert.equal(fixed, example('planton.yaml'), 'everything else kept byte for byte');
  });
});

describe('quick-fixes on request', () => {
  it('analyze computes no edits; fixesOf gives the same edits as applying each step and re-parsing', () => {
    const text = genesysWithFindings(40);
    const a = analyze(text, { uri: 'many.toml' });
    assert.ok(a);
    const multi = a.findings.filter(f => f.fixes?.some(x => x.changes.length > 1));
    assert.ok(multi.length >= 20, `multi-step fixes: ${multi.length}`);
    assert.ok(a.findings.every(f => !('resolvedFixes' in f)), 'findings carry fixes as data only');
    for (const f of a.findings) {
      const resolved = fixesOf(a, f);
      assert.equal(resolved.length, f.fixes?.length ?? 0, `${f.code}: every fix placed`);
      for (const [i, fix] of (f.fixes ?? []).entries()) {
        // The reference: one intent at a time, re-parsing the text in between.
        let current: ParsedConfig = a.config;
        for (const change of fix.changes) {
          const edits = fixEdits(current, a.dialect, [change]);
          assert.ok(edits, `${fix.title}: step places`);
          current = parseConfig(applyEdits(current.text, edits), a.config.format);
        }
        assert.equal(applyEdits(text, resolved[i].edits), current.text, `${f.code}: ${fix.title}`);
      }
    }
  });

  it('fix-all of a file with hundreds of fixable findings leaves no error', () => {
    const a = analyze(genesysWithFindings(120), { uri: 'many.toml' });
    assert.ok(a && a.findings.some(f => f.code === 'billing-mode-required'));
    const after = analyze(fixAll(a), { uri: 'many.toml' });
    assert.deepEqual(after?.findings.filter(f => f.severity === 'error').map(f => f.code), []);
  });
});

describe('completion and hover on the analysis', () => {
  // A genesys file whose content does not say so: only an opted-in file (forcedDialect) is a config.
  const text = 'provider = "aws"\n\n[[resources.dynamo_tables]]\nname = "t"\nbilling_mode = ""\n';

  it('honour the dialect the document was analysed as (dynamodbDesigner.configFiles)', () => {
    const offset = text.indexOf('""') + 1;
    assert.deepEqual(completionAt(text, offset, { uri: 'opted-in.toml' }), [], 'not a config by its content');
    const a = analyze(text, { uri: 'opted-in.toml', forcedDialect: 'genesys' });
    assert.ok(a);
    const root = completeIn(a, text.indexOf('\n\n') + 1).map(c => c.label);
    assert.ok(root.includes('region'), `root keys: ${root}`);
    const hover = hoverIn(a, text.indexOf('provider') + 2);
    assert.ok(hover, 'hover on a key of the forced dialect');
  });
});

describe('one analysis per document version (analyses.ts)', () => {
  it('a small document is analysed once per version, on this thread', async () => {
    const analyses = new Analyses();
    let reads = 0;
    const text = example('genesys.toml');
    const first = await analyses.get('file:///a.toml', 1, () => { reads++; return text; }, { uri: '/a.toml' });
    const again = await analyses.get('file:///a.toml', 1, () => { reads++; return text; }, { uri: '/a.toml' });
    assert.equal(first, again);
    assert.equal(reads, 1);
    assert.ok(analyses.local('file:///a.toml', 1));
  });

  it('a large document is analysed in a worker, which answers fixes, completion and hover', async () => {
    const analyses = new Analyses(undefined, 1_000);
    const text = genesysWithFindings(30);
    const local = analyze(text, { uri: '/big.toml' });
    assert.ok(local);
    try {
      const remote = await analyses.get('file:///big.toml', 1, () => text, { uri: '/big.toml' });
      assert.ok(remote);
      assert.equal(analyses.local('file:///big.toml', 1), undefined, 'not computed on this thread');
      assert.deepEqual(remote.findings.map(f => [f.code, f.range, f.message]), local.findings.map(f => [f.code, f.range, f.message]));
      const f = remote.findings.find(x => x.code === 'billing-mode-required');
      assert.ok(f);
      const index = remote.findings.indexOf(f);
      assert.deepEqual(await remote.fixes(f), fixesOf(local, local.findings[index]));
      const offset = text.indexOf('enable_streams');
      assert.deepEqual(await remote.complete(offset), completeIn(local, offset));
      assert.deepEqual(await remote.hover(offset + 2), hoverIn(local, offset + 2));
      assert.equal(await remote.fixAll(), fixAll(local));
    } finally {
      analyses.clear();
    }
  });

  it('a newer version cancels the pass of an older one', async () => {
    const analyses = new Analyses(undefined, 1_000);
    const text = genesysWithFindings(200);
    try {
      const older = analyses.get('file:///big.toml', 1, () => text, { uri: '/big.toml' });
      const newer = analyses.get('file:///big.toml', 2, () => text.replace('name = "carts-0"', 'name = "carts 0"'), { uri: '/big.toml' });
      await assert.rejects(older, /cancelled/);
      const result = await newer;
      assert.equal(result?.version, 2);
      assert.ok(result?.findings.some(f => f.code === 'table-name'), 'the newer text was analysed');
    } finally {
      analyses.clear();
    }
  });

  it('a worker that cannot run: the document is analysed on this thread instead', async () => {
    const analyses = new Analyses(join(repoRoot(), 'no-such-worker.js'), 1_000);
    const text = genesysWithFindings(30);
    try {
      const result = await analyses.get('file:///big.toml', 1, () => text, { uri: '/big.toml' });
      assert.deepEqual(result?.findings.map(f => f.message), analyze(text, { uri: '/big.toml' })?.findings.map(f => f.message));
    } finally {
      analyses.clear();
    }
  });
});
