/**
 * Planton: an `AwsDynamodb` manifest; the table is `spec` (camelCase keys, snake_case proto
 * names accepted), enum values carry their type prefix. The table name is `spec.tableName`,
 * else `metadata.name`.
 */
import type { TableSpec } from '../../model/spec';
import type { ParsedConfig } from '../types';
import { FieldReader, isObj } from './fields';
import { normalizeEntry } from './structured';
import { vocabulary } from './vocabulary';

export function normalizePlanton(config: ParsedConfig): TableSpec[] {
  const root = config.value;
  if (!isObj(root) || !isObj(root.spec)) { return []; }
  const V = vocabulary('planton');
  const r = new FieldReader('planton');
  const metadata = isObj(root.metadata) ? root.metadata : undefined;
  const name = metadata ? r.string(metadata, 'name', '/metadata') : undefined;
  return [normalizeEntry(V, root.spec, '/spec', name)];
}
