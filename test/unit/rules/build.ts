/**
 * A small TableSpec builder for rule tests that need no text (cross-table and context semantics).
 * The context's source map knows no pointers, so findings keep their pointers only.
 */
import type { Dialect, Field, KeyElementSpec, Pointer, TableSpec } from '../../../src/model/spec';
import { LineIndex } from '../../../src/language/sourcemap';
import type { ParsedConfig, RuleContext, SourceMap } from '../../../src/language/types';

export function ok<T>(value: T, pointer: Pointer): Field<T> {
  return { valid: true, value, raw: value, pointer };
}

export function bad<T>(raw: unknown, pointer: Pointer): Field<T> {
  return { valid: false, raw, pointer };
}

const EMPTY_MAP: SourceMap = {
  format: 'yaml',
  get: () => undefined,
  pointers: () => [],
  children: () => [],
  offsets: () => undefined,
  lines: new LineIndex(''),
  pointerAt: () => undefined,
  syntaxErrors: [],
};

export function context(dialect: Dialect, tables: readonly TableSpec[], options: { advice?: boolean; invalid?: readonly Pointer[] } = {}): RuleContext {
  const config: ParsedConfig = { format: dialect === 'genesys' ? 'toml' : 'yaml', text: '', value: {}, map: EMPTY_MAP };
  return { dialect, config, tables, advice: options.advice ?? true, invalidPointers: new Set(options.invalid ?? []) };
}

/** A valid PAY_PER_REQUEST table with a HASH key `id` (S), in the given dialect, at `pointer`. */
export function table(dialect: Dialect, pointer: Pointer, overrides: Partial<TableSpec> = {}): TableSpec {
  const id = ok('id', `${pointer}/keySchema/0/attributeName`);
  const key: KeyElementSpec = { name: id, keyType: ok('HASH', `${pointer}/keySchema/0/keyType`), pointer: `${pointer}/keySchema/0` };
  return {
    dialect,
    pointer,
    name: ok('orders', `${pointer}/tableName`),
    billingMode: ok('PAY_PER_REQUEST', `${pointer}/billingMode`),
    attributes: [{ name: ok('id', `${pointer}/attributeDefinitions/0/attributeName`), type: ok('S', `${pointer}/attributeDefinitions/0/attributeType`), pointer: `${pointer}/attributeDefinitions/0` }],
    attributesPointer: `${pointer}/attributeDefinitions`,
    keySchema: [key],
    keySchemaPointer: `${pointer}/keySchema`,
    globalSecondaryIndexes: [],
    localSecondaryIndexes: [],
    tags: [],
    ...overrides,
  };
}
