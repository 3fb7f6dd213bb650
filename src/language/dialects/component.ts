/**
 * Component: a `components` list; each entry of type `dynamodb-table` is a table whose
 * CloudFormation-style camelCase settings are under `config`. Other component types are ignored.
 */
import type { TableSpec } from '../../model/spec';
import type { ParsedConfig } from '../types';
import { isObj } from './fields';
import { normalizeEntry } from './structured';
import { vocabulary } from './vocabulary';

export function normalizeComponent(config: ParsedConfig): TableSpec[] {
  const root = config.value;
  if (!isObj(root) || !Array.isArray(root.components)) { return []; }
  const V = vocabulary('component');
  const tables: TableSpec[] = [];
  root.components.forEach((c, i) => {
    if (!isObj(c) || c.type !== V.tables.componentType || !isObj(c.config)) { return; }
    tables.push(normalizeEntry(V, c.config, `/components/${i}/config`));
  });
  return tables;
}
