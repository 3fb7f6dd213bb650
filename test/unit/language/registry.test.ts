/**
 * The dialect registry: what it lists, the block orders derived from the vocabularies, and the
 * rule that no code outside src/language/dialects/ names a dialect.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { dialectIds, dialectOf, formats, vocabulary } from '../../../src/language/dialects/registry';
import { keysBefore, type BlockKind } from '../../../src/language/dialects/vocabulary';
import { detectFormat } from '../../../src/language/parse';
import { repoRoot } from '../../support/paths';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('the dialect registry', () => {
  it('lists the built-in dialects in detection order, each with its schema and example', () => {
    assert.deepEqual(dialectIds(), ['genesys', 'planton', 'component', 'terraform', 'terraform-module', 'cloudformation']);
    const root = repoRoot();
    for (const id of dialectIds()) {
      assert.ok(existsSync(join(root, 'schemas', `${id}.schema.json`)), `${id}: no schema`);
      const format = dialectOf(id).format;
      assert.ok(format.extensions.some(e => existsSync(join(root, 'examples', `${id}.${e}`))), `${id}: no example`);
    }
    assert.deepEqual(formats().map(f => f.id), ['toml', 'yaml', 'hcl']);
  });

  it('detects the format by file name, else by content, else the fallback', () => {
    assert.equal(detectFormat('a: 1', 'x.TOML'), 'toml');
    assert.equal(detectFormat('a = 1', 'x.yml'), 'yaml');
    assert.equal(detectFormat('[x]\na = 1\n'), 'toml');
    assert.equal(detectFormat('a: 1\n'), 'yaml');
  });

  it('derives the order of nested blocks from the vocabulary (as the schemas list them)', () => {
    const order = (dialect: string, block: BlockKind): readonly string[] => keysBefore(vocabulary(dialect), block, '\u0000');
    assert.deepEqual(order('planton', 'throughput'), ['readCapacityUnits', 'writeCapacityUnits']);
    assert.deepEqual(order('planton', 'attribute'), ['name', 'type']);
    assert.deepEqual(order('planton', 'keyElement'), ['attributeName', 'keyType']);
    assert.deepEqual(order('planton', 'gsi'), ['name', 'keySchema', 'projection', 'provisionedThroughput']);
    assert.deepEqual(order('planton', 'lsi'), ['name', 'keySchema', 'projection']);
    assert.deepEqual(order('planton', 'projection'), ['type', 'nonKeyAttributes']);
    assert.deepEqual(order('planton', 'stream'), [], 'planton writes its stream keys flat in the table');
    assert.deepEqual(order('planton', 'ttl'), ['enabled', 'attributeName']);
    assert.deepEqual(order('planton', 'sse'), ['enabled', 'kmsKeyArn']);
    assert.deepEqual(order('component', 'attribute'), ['attributeName', 'attributeType']);
    assert.deepEqual(order('component', 'gsi'), ['indexName', 'keySchema', 'projection', 'provisionedThroughput']);
    assert.deepEqual(order('component', 'projection'), ['projectionType', 'nonKeyAttributes']);
    assert.deepEqual(order('component', 'stream'), ['streamEnabled', 'streamViewType']);
    assert.deepEqual(order('component', 'sse'), ['sseEnabled', 'sseType', 'kmsMasterKeyId']);
    assert.deepEqual(order('genesys', 'throughput'), [], 'genesys has no throughput block');
    assert.deepEqual(order('genesys', 'lsi'), ['name', 'range_key_name', 'range_key_type', 'projection_type', 'non_key_attributes']);
  });

  it('no code outside src/language/dialects/ names a dialect (a new dialect needs no edit there)', () => {
    const root = repoRoot();
    const named = new RegExp(`['"\`](${dialectIds().join('|')})['"\`]`);
    const offending = sources(join(root, 'src'))
      .filter(f => !relative(root, f).replace(/\\/g, '/').startsWith('src/language/dialects/'))
      .flatMap(f => readFileSync(f, 'utf8').split('\n').map((line, i) => ({ f, i, line })))
      .filter(({ line }) => named.test(line) && !/^\s*(\/\/|\*|\/\*)/.test(line))
      .map(({ f, i, line }) => `${relative(root, f)}:${i + 1}: ${line.trim()}`);
    assert.deepEqual(offending, []);
  });
});
