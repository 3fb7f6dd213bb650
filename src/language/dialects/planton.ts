/**
 * Planton: an `AwsDynamodb` manifest; the table is `spec` (camelCase keys, snake_case proto
 * names accepted), enum values carry their type prefix. The table name is `spec.tableName`,
 * else `metadata.name`.
 */
import type { TableSpec } from '../../model/spec';
import { YAML } from '../formats/yaml';
import type { ParsedConfig } from '../types';
import { FieldReader, isObj } from './fields';
import type { LiveTable } from '../../model/live';
import type { WrittenConfig } from '../formats/format';
import type { DialectDefinition, WriteOptions } from './registry';
import { listTableComments, listTableEntry } from './write';
import { apiKeyNames, apiTableOrder, normalizeEntry } from './structured';
import { type Vocabulary, designKeys } from './vocabulary';

const VOCABULARY: Vocabulary = {
  dialect: 'planton',
  tables: { pointer: '/spec', array: false },
  ...apiKeyNames('camelCase'),
  fallbackNamePointer: '/metadata/name',
  attributes: { list: 'attributeDefinitions', name: 'name', type: 'type' },
  gsi: { list: 'globalSecondaryIndexes', name: 'name' },
  lsi: { list: 'localSecondaryIndexes', name: 'name' },
  projection: { block: 'projection', type: 'type', nonKeyAttributes: 'nonKeyAttributes' },
  stream: { enabled: 'streamEnabled', viewType: 'streamViewType' },
  ttl: { block: 'ttl', enabled: 'enabled', attributeName: 'attributeName' },
  sse: { block: 'serverSideEncryption', enabled: 'enabled', kmsKey: 'kmsKeyArn' },
  order: {
    root: ['apiVersion', 'kind', 'metadata', 'spec'],
    table: apiTableOrder('camelCase', ['ttl', 'streamEnabled', 'streamViewType', 'pointInTimeRecoveryEnabled', 'serverSideEncryption']),
  },
  snakeCaseAliases: true,
  unmanaged: [{ key: 'contributorInsightsEnabled', kind: 'monitoring', what: 'CloudWatch Contributor Insights' }],
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

// The stream view types with the prefix written once (the line stays short).
const COMMENTS = listTableComments(VOCABULARY, { streamViewType: 'STREAM_VIEW_TYPE_KEYS_ONLY | _NEW_IMAGE | _OLD_IMAGE | _NEW_AND_OLD_IMAGES' });

/** The manifest: the table name in `metadata.name`, the table in `spec`. */
function write(live: LiveTable, options: WriteOptions): WrittenConfig {
  const spec = listTableEntry(VOCABULARY, live, { single: true, name: false });
  return { value: { apiVersion: 'aws.project-planton.org/v1', kind: 'AwsDynamodb', metadata: { name: live.name }, spec }, header: options.header, comments: COMMENTS };
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
  // The manifest is protobuf-strict: the design lives beside it, in NAME.design.yaml.
  design: designKeys('sidecar', 'camelCase'),
  defaults: { enabled: false },
  limits: { singleAttributeGsiKeys: true },
  write,
};
