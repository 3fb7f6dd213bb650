/**
 * Planton: an `AwsDynamodb` manifest; the table is `spec` (camelCase keys, snake_case proto
 * names accepted), enum values carry their type prefix. The table name is `spec.tableName`,
 * else `metadata.name`.
 */
import type { TableSpec } from '../../model/spec';
import { YAML } from '../formats/yaml';
import type { ParsedConfig } from '../types';
import { FieldReader, isObj } from './fields';
import type { DialectDefinition } from './registry';
import { normalizeEntry } from './structured';
import type { Vocabulary } from './vocabulary';

const VOCABULARY: Vocabulary = {
  dialect: 'planton',
  tables: { pointer: '/spec', array: false },
  name: 'tableName',
  fallbackNamePointer: '/metadata/name',
  billingMode: 'billingMode',
  throughput: { block: 'provisionedThroughput', read: 'readCapacityUnits', write: 'writeCapacityUnits' },
  attributes: { list: 'attributeDefinitions', name: 'name', type: 'type' },
  keySchema: { list: 'keySchema', name: 'attributeName', keyType: 'keyType' },
  gsi: { list: 'globalSecondaryIndexes', name: 'name' },
  lsi: { list: 'localSecondaryIndexes', name: 'name' },
  projection: { block: 'projection', type: 'type', nonKeyAttributes: 'nonKeyAttributes' },
  stream: { enabled: 'streamEnabled', viewType: 'streamViewType' },
  ttl: { block: 'ttl', enabled: 'enabled', attributeName: 'attributeName' },
  pitr: 'pointInTimeRecoveryEnabled',
  sse: { block: 'serverSideEncryption', enabled: 'enabled', kmsKey: 'kmsKeyArn' },
  tableClass: 'tableClass',
  deletionProtection: 'deletionProtectionEnabled',
  tags: 'tags',
  ttlDefaultAttribute: 'expiresAt',
  order: {
    root: ['apiVersion', 'kind', 'metadata', 'spec'],
    table: [
      'tableName', 'billingMode', 'provisionedThroughput', 'attributeDefinitions', 'keySchema',
      'globalSecondaryIndexes', 'localSecondaryIndexes', 'ttl', 'streamEnabled', 'streamViewType',
      'pointInTimeRecoveryEnabled', 'serverSideEncryption', 'tableClass', 'deletionProtectionEnabled', 'tags',
    ],
    throughput: ['readCapacityUnits', 'writeCapacityUnits'],
    attribute: ['name', 'type'],
    keyElement: ['attributeName', 'keyType'],
    gsi: ['name', 'keySchema', 'projection', 'provisionedThroughput'],
    lsi: ['name', 'keySchema', 'projection'],
    projection: ['type', 'nonKeyAttributes'],
    ttl: ['enabled', 'attributeName'],
    sse: ['enabled', 'kmsKeyArn'],
  },
  snakeCaseAliases: true,
  enumPrefixes: {
    billingMode: 'BILLING_MODE_',
    attributeType: 'ATTRIBUTE_TYPE_',
    keyType: 'KEY_TYPE_',
    projectionType: 'PROJECTION_TYPE_',
    streamViewType: 'STREAM_VIEW_TYPE_',
    tableClass: 'TABLE_CLASS_',
    sseType: 'SSE_TYPE_',
  },
};

function normalize(config: ParsedConfig): TableSpec[] {
  const root = config.value;
  if (!isObj(root) || !isObj(root.spec)) { return []; }
  const V = VOCABULARY;
  const r = new FieldReader(V);
  const metadata = isObj(root.metadata) ? root.metadata : undefined;
  const name = metadata ? r.string(metadata, 'name', '/metadata') : undefined;
  return [normalizeEntry(V, root.spec, '/spec', name)];
}

const DETECT = /^kind:[ \t]*["']?AwsDynamodb["']?[ \t]*(#.*)?$/m;

export const PLANTON: DialectDefinition = {
  id: 'planton',
  label: 'planton (YAML)',
  description: 'an AwsDynamodb manifest',
  format: YAML,
  detect: text => DETECT.test(text),
  vocabulary: VOCABULARY,
  normalize,
  defaults: { enabled: false },
  limits: { singleAttributeGsiKeys: true },
};
