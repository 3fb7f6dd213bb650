import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Field, TableSpec } from '../../../src/model/spec';
import { analyze } from '../../../src/language/service';
import { example } from './helpers';

/** A field as `value @pointer` (`!raw @pointer` when invalid). */
function f(field: Field<unknown> | undefined): string | undefined {
  if (!field) { return undefined; }
  return field.valid ? `${JSON.stringify(field.value)} @${field.pointer}` : `!${JSON.stringify(field.raw)} @${field.pointer}`;
}

function summary(t: TableSpec): unknown {
  return {
    pointer: t.pointer,
    name: f(t.name),
    region: f(t.region),
    billing: f(t.billingMode),
    throughput: t.throughput && [f(t.throughput.read), f(t.throughput.write), t.throughput.pointer],
    attributes: t.attributes.map(a => [f(a.name), f(a.type)]),
    attributesPointer: t.attributesPointer,
    keys: t.keySchema.map(k => [f(k.name), f(k.keyType)]),
    keySchemaPointer: t.keySchemaPointer,
    gsis: t.globalSecondaryIndexes.map(i => ({
      name: f(i.name), keys: i.keySchema.map(k => [f(k.name), f(k.keyType)]), keySchemaPointer: i.keySchemaPointer,
      projection: i.projection && [f(i.projection.type), f(i.projection.nonKeyAttributes), i.projection.pointer],
      throughput: i.throughput && [f(i.throughput.read), f(i.throughput.write), i.throughput.pointer],
    })),
    lsis: t.localSecondaryIndexes.map(i => ({
      name: f(i.name), keys: i.keySchema.map(k => [f(k.name), f(k.keyType)]),
      projection: i.projection && [f(i.projection.type), f(i.projection.nonKeyAttributes)],
    })),
    stream: t.stream && [f(t.stream.enabled), f(t.stream.viewType), t.stream.pointer],
    ttl: t.ttl && [f(t.ttl.enabled), f(t.ttl.attributeName), t.ttl.pointer],
    pitr: f(t.pointInTimeRecovery),
    sse: t.sse && [f(t.sse.enabled), f(t.sse.type), f(t.sse.kmsKeyId), t.sse.pointer],
    tableClass: f(t.tableClass),
    deletionProtection: f(t.deletionProtection),
    tags: t.tags.map(tag => `${tag.key}=${f(tag.value)}`),
    tagsPointer: t.tagsPointer,
  };
}

describe('normalization of the examples', () => {
  it('genesys: flat keys become attributes and key schema, LSI hash is the table hash', () => {
    const a = analyze(example('genesys.toml'), { uri: 'genesys.toml' });
    assert.ok(a);
    const T = '/resources/dynamodb/1';
    assert.deepEqual(a.tables.map(summary), [
      {
        pointer: '/resources/dynamodb/0', name: '"carts" @/resources/dynamodb/0/name', region: '"eu-west-1" @/region',
        billing: '"PAY_PER_REQUEST" @/resources/dynamodb/0/billing_mode', throughput: undefined,
        attributes: [['"cart_id" @/resources/dynamodb/0/hash_key_name', '"S" @/resources/dynamodb/0/hash_key_type']],
        attributesPointer: '/resources/dynamodb/0',
        keys: [['"cart_id" @/resources/dynamodb/0/hash_key_name', '"HASH" @/resources/dynamodb/0/hash_key_name']],
        keySchemaPointer: '/resources/dynamodb/0', gsis: [], lsis: [],
        stream: ['false @/resources/dynamodb/0/enable_streams', undefined, '/resources/dynamodb/0'],
        ttl: ['true @/resources/dynamodb/0/enable_ttl', '"expires_at" @/resources/dynamodb/0/ttl_attribute_name', '/resources/dynamodb/0'],
        pitr: undefined, sse: undefined, tableClass: undefined, deletionProtection: undefined, tags: [], tagsPointer: undefined,
      },
      {
        pointer: T, name: `"invoices" @${T}/name`, region: '"eu-west-1" @/region',
        billing: `"PROVISIONED" @${T}/billing_mode`,
        throughput: [`8 @${T}/read_capacity_units`, `4 @${T}/write_capacity_units`, T],
        attributes: [
          [`"customer_id" @${T}/hash_key_name`, `"S" @${T}/hash_key_type`],
          [`"issued_at" @${T}/range_key_name`, `"N" @${T}/range_key_type`],
          [`"status" @${T}/global_secondary_indexes/0/hash_key_name`, `"S" @${T}/global_secondary_indexes/0/hash_key_type`],
          [`"due_at" @${T}/local_secondary_indexes/0/range_key_name`, `"N" @${T}/local_secondary_indexes/0/range_key_type`],
        ],
        attributesPointer: T,
        keys: [[`"customer_id" @${T}/hash_key_name`, `"HASH" @${T}/hash_key_name`], [`"issued_at" @${T}/range_key_name`, `"RANGE" @${T}/range_key_name`]],
        keySchemaPointer: T,
        gsis: [{
          name: `"by-status" @${T}/global_secondary_indexes/0/name`,
          keys: [
            [`"status" @${T}/global_secondary_indexes/0/hash_key_name`, `"HASH" @${T}/global_secondary_indexes/0/hash_key_name`],
            [`"issued_at" @${T}/global_secondary_indexes/0/range_key_name`, `"RANGE" @${T}/global_secondary_indexes/0/range_key_name`],
          ],
          keySchemaPointer: `${T}/global_secondary_indexes/0`,
          projection: [`"INCLUDE" @${T}/global_secondary_indexes/0/projection_type`, `["total","currency"] @${T}/global_secondary_indexes/0/non_key_attributes`, `${T}/global_secondary_indexes/0`],
          throughput: [`2 @${T}/global_secondary_indexes/0/read_capacity_units`, `2 @${T}/global_secondary_indexes/0/write_capacity_units`, `${T}/global_secondary_indexes/0`],
        }],
        lsis: [{
          name: `"by-due-date" @${T}/local_secondary_indexes/0/name`,
          keys: [[`"customer_id" @${T}/hash_key_name`, `"HASH" @${T}/hash_key_name`], [`"due_at" @${T}/local_secondary_indexes/0/range_key_name`, `"RANGE" @${T}/local_secondary_indexes/0/range_key_name`]],
          projection: [`"KEYS_ONLY" @${T}/local_secondary_indexes/0/projection_type`, undefined],
        }],
        stream: [`true @${T}/enable_streams`, `"NEW_AND_OLD_IMAGES" @${T}/stream_view_type`, T],
        ttl: [`false @${T}/enable_ttl`, undefined, T],
        pitr: `true @${T}/point_in_time_recovery`, sse: undefined,
        tableClass: `"STANDARD" @${T}/table_class`, deletionProtection: `true @${T}/deletion_protection`,
        tags: [`Team="billing" @${T}/tags/Team`, `Environment="staging" @${T}/tags/Environment`], tagsPointer: `${T}/tags`,
      },
    ]);
  });

  it('planton: prefixed enums decoded, name from metadata, flat stream, ttl and sse blocks', () => {
    const a = analyze(example('planton.yaml'), { uri: 'planton.yaml' });
    assert.ok(a);
    assert.deepEqual(a.tables.map(summary), [{
      pointer: '/spec', name: '"library-loans" @/metadata/name', region: undefined,
      billing: '"PROVISIONED" @/spec/billingMode',
      throughput: ['6 @/spec/provisionedThroughput/readCapacityUnits', '3 @/spec/provisionedThroughput/writeCapacityUnits', '/spec/provisionedThroughput'],
      attributes: [
        ['"memberId" @/spec/attributeDefinitions/0/name', '"S" @/spec/attributeDefinitions/0/type'],
        ['"loanedAt" @/spec/attributeDefinitions/1/name', '"N" @/spec/attributeDefinitions/1/type'],
        ['"isbn" @/spec/attributeDefinitions/2/name', '"S" @/spec/attributeDefinitions/2/type'],
      ],
      attributesPointer: '/spec/attributeDefinitions',
      keys: [['"memberId" @/spec/keySchema/0/attributeName', '"HASH" @/spec/keySchema/0/keyType'], ['"loanedAt" @/spec/keySchema/1/attributeName', '"RANGE" @/spec/keySchema/1/keyType']],
      keySchemaPointer: '/spec/keySchema',
      gsis: [{
        name: '"by-isbn" @/spec/globalSecondaryIndexes/0/name',
        keys: [['"isbn" @/spec/globalSecondaryIndexes/0/keySchema/0/attributeName', '"HASH" @/spec/globalSecondaryIndexes/0/keySchema/0/keyType']],
        keySchemaPointer: '/spec/globalSecondaryIndexes/0/keySchema',
        projection: ['"KEYS_ONLY" @/spec/globalSecondaryIndexes/0/projection/type', undefined, '/spec/globalSecondaryIndexes/0/projection'],
        throughput: ['2 @/spec/globalSecondaryIndexes/0/provisionedThroughput/readCapacityUnits', '1 @/spec/globalSecondaryIndexes/0/provisionedThroughput/writeCapacityUnits', '/spec/globalSecondaryIndexes/0/provisionedThroughput'],
      }],
      lsis: [],
      stream: ['true @/spec/streamEnabled', '"NEW_IMAGE" @/spec/streamViewType', '/spec'],
      ttl: ['true @/spec/ttl/enabled', '"returnBy" @/spec/ttl/attributeName', '/spec/ttl'],
      pitr: 'true @/spec/pointInTimeRecoveryEnabled',
      sse: ['true @/spec/serverSideEncryption/enabled', undefined, undefined, '/spec/serverSideEncryption'],
      tableClass: '"STANDARD" @/spec/tableClass', deletionProtection: 'false @/spec/deletionProtectionEnabled',
      tags: [], tagsPointer: undefined,
    }]);
  });

  it('component: only dynamodb-table entries, CloudFormation-style blocks', () => {
    const a = analyze(example('component.yaml'), { uri: 'component.yaml' });
    assert.ok(a);
    const C = '/components/0/config';
    assert.deepEqual(a.tables.map(summary), [{
      pointer: C, name: `"DeviceReadings" @${C}/tableName`, region: undefined,
      billing: `"PAY_PER_REQUEST" @${C}/billingMode`, throughput: undefined,
      attributes: [
        [`"deviceId" @${C}/attributeDefinitions/0/attributeName`, `"S" @${C}/attributeDefinitions/0/attributeType`],
        [`"readAt" @${C}/attributeDefinitions/1/attributeName`, `"N" @${C}/attributeDefinitions/1/attributeType`],
        [`"sensorKind" @${C}/attributeDefinitions/2/attributeName`, `"S" @${C}/attributeDefinitions/2/attributeType`],
      ],
      attributesPointer: `${C}/attributeDefinitions`,
      keys: [[`"deviceId" @${C}/keySchema/0/attributeName`, `"HASH" @${C}/keySchema/0/keyType`], [`"readAt" @${C}/keySchema/1/attributeName`, `"RANGE" @${C}/keySchema/1/keyType`]],
      keySchemaPointer: `${C}/keySchema`,
      gsis: [{
        name: `"ByKind" @${C}/globalSecondaryIndexes/0/indexName`,
        keys: [
          [`"sensorKind" @${C}/globalSecondaryIndexes/0/keySchema/0/attributeName`, `"HASH" @${C}/globalSecondaryIndexes/0/keySchema/0/keyType`],
          [`"readAt" @${C}/globalSecondaryIndexes/0/keySchema/1/attributeName`, `"RANGE" @${C}/globalSecondaryIndexes/0/keySchema/1/keyType`],
        ],
        keySchemaPointer: `${C}/globalSecondaryIndexes/0/keySchema`,
        projection: [`"ALL" @${C}/globalSecondaryIndexes/0/projection/projectionType`, undefined, `${C}/globalSecondaryIndexes/0/projection`],
        throughput: undefined,
      }],
      lsis: [],
      stream: [`true @${C}/streamSpecification/streamEnabled`, `"NEW_AND_OLD_IMAGES" @${C}/streamSpecification/streamViewType`, `${C}/streamSpecification`],
      ttl: [`true @${C}/timeToLiveSpecification/enabled`, `"purgeAt" @${C}/timeToLiveSpecification/attributeName`, `${C}/timeToLiveSpecification`],
      pitr: `true @${C}/pointInTimeRecoveryEnabled`,
      sse: [`true @${C}/sseSpecification/sseEnabled`, undefined, undefined, `${C}/sseSpecification`],
      tableClass: undefined, deletionProtection: undefined,
      tags: [`owner="telemetry" @${C}/tags/owner`], tagsPointer: `${C}/tags`,
    }]);
  });

  it('keeps invalid values invalid: ON_DEMAND, unprefixed planton enums, wrong types', () => {
    const g = analyze(example('genesys.toml').replace('"PAY_PER_REQUEST"', '"ON_DEMAND"').replace('read_capacity_units = 8', 'read_capacity_units = "8"'));
    assert.equal(f(g?.tables[0].billingMode), '!"ON_DEMAND" @/resources/dynamodb/0/billing_mode');
    assert.equal(f(g?.tables[1].throughput?.read), '!"8" @/resources/dynamodb/1/read_capacity_units');
    const p = analyze(example('planton.yaml').replace('BILLING_MODE_PROVISIONED', 'PROVISIONED'));
    assert.equal(f(p?.tables[0].billingMode), '!"PROVISIONED" @/spec/billingMode');
  });

  it('planton accepts snake_case aliases and spec.tableName over metadata.name', () => {
    const text = example('planton.yaml').replace('billingMode:', 'billing_mode:').replace('spec:\n', 'spec:\n  tableName: loans\n');
    const t = analyze(text)?.tables[0];
    assert.equal(f(t?.billingMode), '"PROVISIONED" @/spec/billing_mode');
    assert.equal(f(t?.name), '"loans" @/spec/tableName');
  });
});

describe('the dialect examples analyze clean', () => {
  for (const name of ['genesys.toml', 'planton.yaml', 'component.yaml']) {
    it(name, () => {
      const a = analyze(example(name), { uri: name });
      assert.ok(a);
      assert.deepEqual(a.findings.map(x => `${x.code}: ${x.message}`), []);
    });
  }
});
