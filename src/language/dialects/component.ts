/**
 * Component: a `components` list; each entry of type `dynamodb-table` is a table whose
 * CloudFormation-style camelCase settings are under `config`. Other component types are ignored.
 */
import type { TableSpec } from '../../model/spec';
import { YAML } from '../formats/yaml';
import type { ParsedConfig } from '../types';
import { isObj } from './fields';
import type { LiveTable } from '../../model/live';
import type { WrittenConfig } from '../formats/format';
import type { DialectDefinition, WriteOptions } from './registry';
import { listTableComments, listTableEntry } from './write';
import { apiKeyNames, apiTableOrder, normalizeEntry } from './structured';
import { type Vocabulary, designKeys } from './vocabulary';

const VOCABULARY: Vocabulary = {
  dialect: 'component',
  tables: { pointer: '/components', array: true, entryBlock: 'config', componentType: 'dynamodb-table' },
  // The DynamoDB API's names in camelCase.
  ...apiKeyNames('camelCase'),
  order: {
    root: ['components'],
    table: apiTableOrder('camelCase', ['streamSpecification', 'sseSpecification', 'pointInTimeRecoveryEnabled', 'timeToLiveSpecification']),
  },
  enumAliases: { billingMode: { ON_DEMAND: 'PAY_PER_REQUEST' } },
  unmanaged: [
    { key: 'contributorInsightsSpecification', kind: 'monitoring', what: 'CloudWatch Contributor Insights' },
    { key: 'backupPolicy', kind: 'backup plan', what: "the component's backups", note: "The table's own pointInTimeRecoveryEnabled is applied." },
    { key: 'globalTables', kind: 'global tables', what: 'replicas in other regions' },
    { key: 'autoScaling', kind: 'auto scaling', what: 'Application Auto Scaling of the capacity' },
    { key: 'daxCluster', kind: 'DAX', what: 'a DynamoDB Accelerator cluster' },
  ],
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

const COMMENTS = listTableComments(VOCABULARY, { type: 'dynamodb-table: read by DynamoDB Designer' });

/** One component of the table type, named after the table. */
function write(live: LiveTable, options: WriteOptions): WrittenConfig {
  const config = listTableEntry(VOCABULARY, live, { single: false, name: true });
  const component = { name: live.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-'), type: VOCABULARY.tables.componentType ?? 'dynamodb-table', config };
  return { value: { components: [component] }, header: options.header, comments: COMMENTS };
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
  // Entities and access patterns in each table entry (src/design/read.ts).
  design: designKeys('table', 'camelCase'),
  // A table without billingMode is PROVISIONED (CloudFormation's default); a stream or TTL
  // block without `enabled` is incomplete (the schema requires it).
  defaults: { billingMode: 'PROVISIONED' },
  write,
};
