/**
 * Component: a `components` list; each entry of type `dynamodb-table` is a table whose
 * CloudFormation-style camelCase settings are under `config`. Other component types are ignored.
 */
import type { TableSpec } from '../../model/spec';
import { YAML } from '../formats/yaml';
import type { ParsedConfig } from '../types';
import { isObj } from './fields';
import type { DialectDefinition } from './registry';
import { normalizeEntry } from './structured';
import type { Vocabulary } from './vocabulary';

const VOCABULARY: Vocabulary = {
  dialect: 'component',
  tables: { pointer: '/components', array: true, entryBlock: 'config', componentType: 'dynamodb-table' },
  name: 'tableName',
  billingMode: 'billingMode',
  throughput: { block: 'provisionedThroughput', read: 'readCapacityUnits', write: 'writeCapacityUnits' },
  attributes: { list: 'attributeDefinitions', name: 'attributeName', type: 'attributeType' },
  keySchema: { list: 'keySchema', name: 'attributeName', keyType: 'keyType' },
  gsi: { list: 'globalSecondaryIndexes', name: 'indexName' },
  lsi: { list: 'localSecondaryIndexes', name: 'indexName' },
  projection: { block: 'projection', type: 'projectionType', nonKeyAttributes: 'nonKeyAttributes' },
  stream: { block: 'streamSpecification', enabled: 'streamEnabled', viewType: 'streamViewType' },
  ttl: { block: 'timeToLiveSpecification', enabled: 'enabled', attributeName: 'attributeName' },
  pitr: 'pointInTimeRecoveryEnabled',
  sse: { block: 'sseSpecification', enabled: 'sseEnabled', type: 'sseType', kmsKey: 'kmsMasterKeyId' },
  tableClass: 'tableClass',
  deletionProtection: 'deletionProtectionEnabled',
  tags: 'tags',
  ttlDefaultAttribute: 'expiresAt',
  order: {
    root: ['components'],
    table: [
      'tableName', 'billingMode', 'provisionedThroughput', 'attributeDefinitions', 'keySchema',
      'globalSecondaryIndexes', 'localSecondaryIndexes', 'streamSpecification', 'sseSpecification',
      'pointInTimeRecoveryEnabled', 'timeToLiveSpecification', 'tableClass', 'deletionProtectionEnabled', 'tags',
    ],
    throughput: ['readCapacityUnits', 'writeCapacityUnits'],
    attribute: ['attributeName', 'attributeType'],
    keyElement: ['attributeName', 'keyType'],
    gsi: ['indexName', 'keySchema', 'projection', 'provisionedThroughput'],
    lsi: ['indexName', 'keySchema', 'projection'],
    projection: ['projectionType', 'nonKeyAttributes'],
    stream: ['streamEnabled', 'streamViewType'],
    ttl: ['enabled', 'attributeName'],
    sse: ['sseEnabled', 'sseType', 'kmsMasterKeyId'],
  },
  enumAliases: { billingMode: { ON_DEMAND: 'PAY_PER_REQUEST' } },
};

function normalize(config: ParsedConfig): TableSpec[] {
  const root = config.value;
  if (!isObj(root) || !Array.isArray(root.components)) { return []; }
  const V = VOCABULARY;
  const tables: TableSpec[] = [];
  root.components.forEach((c, i) => {
    if (!isObj(c) || c.type !== V.tables.componentType || !isObj(c.config)) { return; }
    tables.push(normalizeEntry(V, c.config, `/components/${i}/config`));
  });
  return tables;
}

const COMPONENTS = /^components:/m;
const COMPONENT_TABLE = /^[ \t]*(-[ \t]+)?type:[ \t]*["']?dynamodb-table["']?[ \t]*(#.*)?$/m;

export const COMPONENT: DialectDefinition = {
  id: 'component',
  label: 'component (YAML)',
  description: 'a components list with a CloudFormation-style config',
  format: YAML,
  detect: text => COMPONENTS.test(text) && COMPONENT_TABLE.test(text),
  vocabulary: VOCABULARY,
  normalize,
  // A table without billingMode is PROVISIONED (CloudFormation's default); a stream or TTL
  // block without `enabled` is incomplete (the schema requires it).
  defaults: { billingMode: 'PROVISIONED' },
};
