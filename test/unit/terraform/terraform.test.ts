/**
 * The Terraform dialects end to end through the language service: the ARC module guide's code
 * blocks (test/fixtures/terraform/arc-*.tf, copied from the guide) validate clean; one-defect
 * variants of them, and of an aws_dynamodb_table resource, give exactly their finding on the
 * right line, and the preferred quick-fix clears it; values Terraform computes give nothing.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { hclLoaded, loadHcl, parseHcl } from '../../../src/language/hcl/parser';
import { analyze, completeIn, fixesOf, hoverIn, type Analysis } from '../../../src/language/service';
import { exportConfig } from '../../../src/config/export';
import { plan } from '../../../src/plan/plan';
import { formatPlan } from '../../../src/plan/words';
import { EVERY_SETTING, ON_DEMAND, liveOf, type SimpleTable } from '../plan/builder';
import { applyEdits, mutate, type Mutation } from '../rules/harness';
import { repoRoot } from '../../support/paths';

const FIXTURES = join(repoRoot(), 'test', 'fixtures', 'terraform');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
const RESOURCE = readFileSync(join(repoRoot(), 'examples', 'terraform.tf'), 'utf8');

before(async () => { await loadHcl(); });

function run(text: string): Analysis {
  const a = analyze(text, { uri: 'main.tf' });
  assert.ok(a, `not recognised as Terraform tables:\n${text}`);
  return a;
}

/** Errors and warnings as `code@line` (1-based). */
function problems(a: Analysis): string[] {
  return a.findings.filter(f => f.severity === 'error' || f.severity === 'warning').map(f => `${f.code}@${f.range.start.line + 1}`);
}

function lineOf(text: string, needle: string, nth = 0): number {
  const lines = text.split('\n');
  const found = lines.map((l, i) => (l.includes(needle) ? i + 1 : -1)).filter(i => i > 0);
  assert.ok(found[nth] !== undefined, `${needle} not in the text`);
  return found[nth];
}

interface Variant {
  readonly what: string;
  readonly mutation: Mutation;
  readonly code: string;
  /** A text on the line the finding must mark (in the mutated text). */
  readonly on: string;
}

function checkVariant(base: string, v: Variant): void {
  const text = mutate(base, v.mutation);
  const a = run(text);
  assert.deepEqual(problems(a), [`${v.code}@${lineOf(text, v.on)}`], `${v.what}\n${text}`);
  const finding = a.findings.find(f => f.code === v.code);
  assert.ok(finding);
  const fix = fixesOf(a, finding).find(f => f.preferred) ?? fixesOf(a, finding)[0];
  assert.ok(fix, `${v.what}: no quick-fix`);
  const fixed = applyEdits(text, fix.edits);
  assert.deepEqual(problems(run(fixed)), [], `${v.what}: after "${fix.title}"\n${fixed}`);
}

describe('Terraform: the HCL parser', () => {
  it('loads the tree-sitter-hcl wasm with web-tree-sitter (their ABIs match) and parses with positions', () => {
    assert.equal(hclLoaded(), true);
    const text = 'resource "aws_dynamodb_table" "t" {\n  name = "orders"\n  attribute {\n    name = "id"\n  }\n}\n';
    const parsed = parseHcl(text);
    assert.deepEqual(parsed.map.syntaxErrors, []);
    assert.deepEqual(parsed.value, { resource: { aws_dynamodb_table: { t: { name: 'orders', attribute: [{ name: 'id' }] } } } });
    assert.deepEqual(parsed.map.get('/resource/aws_dynamodb_table/t/name'), {
      keyRange: { start: { line: 1, character: 2 }, end: { line: 1, character: 6 } },
      valueRange: { start: { line: 1, character: 9 }, end: { line: 1, character: 17 } },
    });
    assert.equal(parsed.map.get('/resource/aws_dynamodb_table/t/attribute/0/name')?.valueRange.start.line, 3);
  });
});

describe('Terraform: the ARC module guide', () => {
  const files = readdirSync(FIXTURES).filter(f => f.startsWith('arc-')).sort();

  it('has the six code blocks of the guide', () => {
    assert.deepEqual(files, ['arc-advanced.tf', 'arc-basic.tf', 'arc-global-table.tf', 'arc-leaderboard.tf', 'arc-s3-import.tf', 'arc-serverless.tf']);
  });

  for (const file of files) {
    it(`${file} validates without findings and reads its table`, () => {
      const a = run(fixture(file));
      assert.deepEqual(a.findings.map(f => `${f.code}: ${f.message}`), []);
      assert.equal(a.tables.length, 1);
      assert.equal(a.tables[0].dialect, 'terraform-module');
      assert.ok(a.tables[0].keySchema.length >= 1);
    });
  }

  it('reads the leaderboard as the module passes it on', () => {
    const t = run(fixture('arc-leaderboard.tf')).tables[0];
    assert.equal(t.name?.value, 'game-leaderboard');
    assert.equal(t.billingMode?.value, 'PROVISIONED');
    assert.deepEqual(t.keySchema.map(k => [k.name.value, k.keyType.value]), [['gameId', 'HASH'], ['score', 'RANGE']]);
    assert.deepEqual(t.attributes.map(x => [x.name.value, x.type?.value]), [['gameId', 'S'], ['score', 'N'], ['playerId', 'S'], ['timestamp', 'N']]);
    assert.deepEqual(t.globalSecondaryIndexes.map(i => [i.name.value, i.keySchema.map(k => k.name.value), i.throughput?.read?.value]), [['PlayerIndex', ['playerId', 'timestamp'], 10]]);
    assert.deepEqual(t.localSecondaryIndexes.map(i => [i.name.value, i.keySchema.map(k => `${k.name.value}:${k.keyType.value}`)]), [['TimestampIndex', ['gameId:HASH', 'timestamp:RANGE']]]);
    assert.equal(t.stream?.viewType?.value, 'NEW_AND_OLD_IMAGES');
  });
});

describe('Terraform: one-defect variants of the ARC module guide', () => {
  const advanced = fixture('arc-advanced.tf');
  const serverless = fixture('arc-serverless.tf');
  const variants: Variant[] = [
    { what: 'two HASH keys', mutation: [['  range_key    = "sessionId"', '  hash_key     = "sessionId"']], code: 'key-schema-shape', on: 'hash_key     = "sessionId"' },
    {
      what: 'GSI without capacity under PROVISIONED',
      mutation: [['      projection_type = "ALL"\n      read_capacity   = 5\n      write_capacity  = 5\n', '      projection_type = "ALL"\n']],
      code: 'gsi-throughput-matches-billing',
      on: 'name            = "LastActivityIndex"',
    },
    {
      what: 'undefined key attribute',
      mutation: [[',\n    {\n      name = "lastActivity"\n      type = "N"\n    }', '']],
      code: 'key-attribute-undefined',
      on: 'hash_key        = "lastActivity"',
    },
    { what: 'stream without view type (an explicit null)', mutation: [['stream_view_type = "NEW_AND_OLD_IMAGES"', 'stream_view_type = null']], code: 'stream-view-type', on: 'stream_enabled   = true' },
    { what: 'TTL without attribute (an explicit null)', mutation: [['ttl_attribute_name = "expires"', 'ttl_attribute_name = null']], code: 'ttl-attribute', on: 'ttl_enabled        = true' },
    { what: 'a billing mode the module rejects', mutation: [['billing_mode = "PROVISIONED"', 'billing_mode = "ON_DEMAND"']], code: 'enum-value', on: 'billing_mode = "ON_DEMAND"' },
    { what: 'a misspelt input', mutation: [['  ttl_enabled        = true', '  ttl_enabeld        = true']], code: 'unknown-key', on: 'ttl_enabeld' },
  ];
  for (const v of variants) {
    it(`${v.what}: exactly ${v.code} on its line, and the quick-fix clears it`, () => checkVariant(advanced, v));
  }

  it('an undefined key attribute in the serverless example', () => {
    checkVariant(serverless, {
      what: 'range key not defined',
      mutation: [[',\n    {\n      name = "sk"\n      type = "S"\n    }', '']],
      code: 'key-attribute-undefined',
      on: 'range_key    = "sk"',
    });
  });

  it('a stream or TTL left at the module defaults is no defect (stream_view_type NEW_AND_OLD_IMAGES, ttl_attribute_name "ttl")', () => {
    const text = mutate(serverless, [['  stream_view_type = "NEW_AND_OLD_IMAGES"\n', ''], ['  ttl_attribute_name = "expires_at"\n', '']]);
    const a = run(text);
    assert.deepEqual(problems(a), []);
    assert.equal(a.tables[0].stream?.viewType?.value, 'NEW_AND_OLD_IMAGES');
    assert.equal(a.tables[0].ttl?.attributeName?.value, 'ttl');
  });

  it('capacity under PAY_PER_REQUEST is ignored by the module (no throughput finding)', () => {
    const text = mutate(serverless, [['  hash_key     = "pk"', '  hash_key     = "pk"\n  read_capacity = 5']]);
    assert.deepEqual(problems(run(text)), []);
  });
});

describe('Terraform: one-defect variants of an aws_dynamodb_table resource', () => {
  it('the example validates without findings', () => {
    const a = run(RESOURCE);
    assert.deepEqual(a.findings.map(f => `${f.code}: ${f.message}`), []);
    assert.deepEqual(a.tables.map(t => t.dialect), ['terraform', 'terraform-module']);
  });

  const variants: Variant[] = [
    { what: 'two HASH keys', mutation: [['  range_key    = "orderId"', '  hash_key     = "orderId"']], code: 'key-schema-shape', on: 'hash_key     = "orderId"' },
    { what: 'no hash key', mutation: [['  hash_key     = "customerId"\n', '']], code: 'key-schema-shape', on: 'resource "aws_dynamodb_table"' },
    {
      what: 'GSI without capacity under PROVISIONED',
      mutation: [['    projection_type = "KEYS_ONLY"\n    read_capacity   = 5\n    write_capacity  = 5\n', '    projection_type = "KEYS_ONLY"\n']],
      code: 'gsi-throughput-matches-billing',
      on: 'name            = "ByPlacedAt"',
    },
    {
      what: 'undefined key attribute',
      mutation: [['  attribute {\n    name = "placedAt"\n    type = "N"\n  }\n\n', '']],
      code: 'key-attribute-undefined',
      on: 'range_key       = "placedAt"',
    },
    { what: 'stream without view type', mutation: [['  stream_view_type = "NEW_AND_OLD_IMAGES"\n', '']], code: 'stream-view-type', on: 'stream_enabled   = true' },
    { what: 'TTL without attribute', mutation: [['    attribute_name = "expiresAt"\n', '']], code: 'ttl-attribute', on: 'enabled        = true' },
    { what: 'PROVISIONED without capacity', mutation: [['  read_capacity  = 5\n  write_capacity = 5\n', '']], code: 'provisioned-throughput-required', on: 'resource "aws_dynamodb_table"' },
    { what: 'an unused attribute definition', mutation: [['  attribute {\n    name = "orderId"', '  attribute {\n    name = "note"\n    type = "S"\n  }\n\n  attribute {\n    name = "orderId"']], code: 'attribute-definition-unused', on: 'name = "note"' },
    { what: 'a projection type the provider rejects', mutation: [['projection_type = "KEYS_ONLY"', 'projection_type = "keys_only"']], code: 'enum-value', on: 'projection_type = "keys_only"' },
  ];
  for (const v of variants) {
    it(`${v.what}: exactly ${v.code} on its line, and the quick-fix clears it`, () => checkVariant(RESOURCE, v));
  }

  it('no billing_mode means PROVISIONED, as in the provider', () => {
    const text = mutate(RESOURCE, [['  billing_mode = "PROVISIONED"\n', '']]);
    const a = run(text);
    assert.deepEqual(problems(a), []);
    const without = mutate(text, [['  read_capacity  = 5\n  write_capacity = 5\n', '']]);
    assert.deepEqual(problems(run(without)), [`provisioned-throughput-required@${lineOf(without, 'resource "aws_dynamodb_table"')}`]);
  });
});

describe('Terraform: variables, locals and expressions', () => {
  const MODULE = `
locals {
  gsis = []
}

module "computed" {
  source  = "sourcefuse/arc-dynamodb/aws"
  version = "~> 1.0"

  table_name     = "\${var.prefix}-table"
  billing_mode   = var.billing_mode
  hash_key       = var.hash_key
  range_key      = local.range
  attributes     = var.attributes
  read_capacity  = var.rcu
  write_capacity = max(1, var.wcu)

  global_secondary_indexes = local.gsis
  local_secondary_indexes  = [for i in var.lsis : i]

  stream_enabled     = var.stream
  stream_view_type   = var.view
  ttl_enabled        = true
  ttl_attribute_name = var.ttl_attribute
  table_class        = var.class
}
`;
  const RESOURCE_DYNAMIC = `
resource "aws_dynamodb_table" "computed" {
  count          = var.create ? 1 : 0
  name           = "\${var.prefix}-table"
  billing_mode   = "PROVISIONED"
  hash_key       = var.hash_key
  read_capacity  = var.rcu
  write_capacity = var.wcu

  dynamic "attribute" {
    for_each = var.attributes
    content {
      name = attribute.value.name
      type = attribute.value.type
    }
  }

  dynamic "global_secondary_index" {
    for_each = var.gsis
    content {
      name     = global_secondary_index.value.name
      hash_key = global_secondary_index.value.hash_key
    }
  }

  dynamic "local_secondary_index" {
    for_each = var.lsis
    content {
      name      = local_secondary_index.value.name
      range_key = local_secondary_index.value.range_key
    }
  }

  stream_enabled   = var.stream
  stream_view_type = var.stream ? "NEW_IMAGE" : null

  ttl {
    enabled        = var.ttl
    attribute_name = var.ttl_attribute
  }

  server_side_encryption {
    enabled     = var.sse
    kms_key_arn = var.kms
  }

  tags = merge(var.tags, { Name = "x" })
}
`;
  it('a module whose inputs are variables, locals and calls gives no finding', () => {
    const a = run(MODULE);
    assert.deepEqual(a.findings.map(f => `${f.code}: ${f.message}`), []);
    assert.equal(a.tables.length, 1);
  });

  it('a resource with dynamic blocks and variables gives no finding', () => {
    const a = run(RESOURCE_DYNAMIC);
    assert.deepEqual(a.findings.map(f => `${f.code}: ${f.message}`), []);
    assert.equal(a.tables.length, 1);
  });

  it('a computed KMS key with encryption off stays silent, as every computed value (the dialect\'s unknown values serve Compare only)', () => {
    const text = RESOURCE_DYNAMIC.replace('enabled     = var.sse', 'enabled     = false');
    assert.notEqual(text, RESOURCE_DYNAMIC);
    assert.deepEqual(run(text).findings.map(f => `${f.code}: ${f.message}`), []);
  });

  it('a known hash key with computed attributes: no key-attribute-undefined', () => {
    const text = RESOURCE_DYNAMIC.replace('hash_key       = var.hash_key', 'hash_key       = "id"');
    assert.deepEqual(problems(run(text)), []);
  });

  it('a module of another source is not a table', () => {
    assert.equal(analyze('module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n  hash_key = 1\n}\n', { uri: 'main.tf' }), undefined);
  });
});

describe('Terraform: syntax', () => {
  it('an HCL syntax error is reported on its line and the rest is still read', () => {
    const text = mutate(RESOURCE, [['  hash_key     = "customerId"', '  hash_key     = "customerId" =']]);
    const a = run(text);
    const syntax = a.findings.filter(f => f.code === 'syntax');
    assert.ok(syntax.length >= 1, JSON.stringify(a.findings));
    assert.equal(syntax[0].range.start.line + 1, lineOf(text, 'hash_key     = "customerId" ='));
  });

  it('an argument given twice is a syntax finding (Terraform rejects it)', () => {
    const text = mutate(RESOURCE, [['  stream_enabled   = true\n', '  stream_enabled   = true\n  stream_enabled   = true\n']]);
    assert.deepEqual(problems(run(text)), [`syntax@${lineOf(text, 'stream_enabled   = true', 1)}`]);
  });
});

describe('Terraform: export round trip', () => {
  const rich = EVERY_SETTING;
  const plain: SimpleTable = { ...ON_DEMAND, pitr: false };

  for (const dialect of ['terraform', 'terraform-module']) {
    for (const table of [rich, plain]) {
      it(`${dialect}: ${table.name} exports to a file that validates clean and plans as no change`, () => {
        const live = liveOf(table);
        const text = exportConfig(live, dialect, { now: new Date('2026-01-02T03:04:05Z') });
        const a = run(text);
        assert.equal(a.dialect, dialect, text);
        assert.deepEqual(a.findings.filter(f => f.severity !== 'hint').map(f => `${f.code}: ${f.message}`), [], text);
        assert.equal(a.tables.length, 1);
        const p = plan(a.tables[0], live);
        assert.equal(p.kind, 'none', `${formatPlan(p)}\n${text}`);
      });
    }
  }

  it('the resource form writes blocks, the module form the ARC inputs', () => {
    const live = liveOf(rich);
    const resource = exportConfig(live, 'terraform', { now: new Date('2026-01-02T03:04:05Z') });
    assert.match(resource, /^resource "aws_dynamodb_table" "orders" \{$/m);
    assert.match(resource, /^ {2}attribute \{\n {4}name = "pk"\n {4}type = "S"\n {2}\}$/m);
    assert.match(resource, /^ {2}ttl \{\n {4}attribute_name = "expires_at"\n {4}enabled {8}= true\n {2}\}$/m);
    const module = exportConfig(live, 'terraform-module', { now: new Date('2026-01-02T03:04:05Z') });
    assert.match(module, /^module "orders" \{\n {2}source/m);
    assert.match(module, /^ {2}source {7}= "sourcefuse\/arc-dynamodb\/aws"$/m);
    assert.match(module, /ttl_attribute_name/);
  });
});

describe('Terraform: completion and hover', () => {
  const at = (text: string, needle: string, delta = 0): number => {
    const i = text.indexOf(needle);
    assert.ok(i >= 0, needle);
    return i + needle.length + delta;
  };

  it('offers the arguments a resource lacks, blocks as blocks', () => {
    const text = RESOURCE.replace('  read_capacity  = 5\n', '  read_capacity  = 5\n  \n');
    const items = completeIn(run(text), at(text, '  read_capacity  = 5\n  '));
    const labels = items.map(i => i.label);
    assert.ok(labels.includes('table_class'), labels.join());
    assert.ok(!labels.includes('billing_mode'), 'present already');
    assert.equal(items.find(i => i.label === 'table_class')?.insertText, 'table_class = "${1|STANDARD,STANDARD_INFREQUENT_ACCESS|}"');
    assert.equal(items.find(i => i.label === 'global_secondary_index')?.insertText, 'global_secondary_index {\n\t$0\n}');
  });

  it('offers the values of an enum after key =', () => {
    const text = RESOURCE.replace('  billing_mode = "PROVISIONED"', '  billing_mode = ');
    const items = completeIn(run(text), at(text, '  billing_mode = '));
    assert.deepEqual(items.map(i => i.insertText), ['"PAY_PER_REQUEST"', '"PROVISIONED"']);
  });

  it('offers the module inputs a module block lacks', () => {
    const text = RESOURCE.replace('  ttl_enabled        = true\n', '  ttl_enabled        = true\n  \n');
    const labels = completeIn(run(text), at(text, '  ttl_enabled        = true\n  ')).map(i => i.label);
    assert.ok(labels.includes('stream_enabled') && labels.includes('global_secondary_indexes'), labels.join());
    assert.ok(!labels.includes('ttl_enabled'));
  });

  it('hovers an argument with the schema words, and a module header with the table summary', () => {
    const a = run(RESOURCE);
    const key = hoverIn(a, at(RESOURCE, '  billing_mode', -3));
    assert.match(JSON.stringify(key?.contents), /How reads and writes are paid for/);
    const header = hoverIn(a, at(RESOURCE, 'module "sess', -3));
    assert.match(JSON.stringify(header?.contents), /Table \*\*sessions\*\*: PAY_PER_REQUEST/);
  });
});

describe('Terraform: who applies the file', () => {
  const CLI = join(repoRoot(), 'out', 'src', 'cli', 'main.js');
  const example = join(repoRoot(), 'examples', 'terraform.tf');

  it('the CLI validates a .tf file, and apply and delete refuse it before any request (Terraform applies it)', () => {
    const validate = spawnSync(process.execPath, [CLI, 'validate', example], { encoding: 'utf8' });
    assert.equal(validate.status, 0, validate.stdout + validate.stderr);
    for (const command of ['apply', 'delete']) {
      // An endpoint nothing listens on: a refusal must come before any connection.
      const r = spawnSync(process.execPath, [CLI, command, example, '--yes', '--endpoint', 'http://127.0.0.1:9', '--region', 'us-east-1'], { encoding: 'utf8' });
      assert.notEqual(r.status, 0);
      assert.match(r.stderr, /is applied by Terraform: .*terraform/, command);
    }
  });
});
