/**
 * The operations of each format (parser, writer, and the edits of quick fixes), by format id: the
 * language service's half of a format (format.ts). A new format adds one line here.
 */
import { TOML_EDITS } from '../edits/toml';
import { YAML_EDITS } from '../edits/yaml';
import { parseToml } from '../toml';
import { parseYaml } from '../yaml';
import type { FormatOperations } from './format';
import { TOML } from './toml';
import { writeToml, writeYaml } from './write';
import { YAML } from './yaml';

const OPERATIONS = new Map<string, FormatOperations>([
  [TOML.id, { parse: parseToml, write: writeToml, edits: TOML_EDITS }],
  [YAML.id, { parse: parseYaml, write: writeYaml, edits: YAML_EDITS }],
]);

/** Adds the operations of a format (a test's, or one a dialect brings). */
export function registerFormatOperations(format: string, operations: FormatOperations): void {
  OPERATIONS.set(format, operations);
}

/** The operations of a format; throws on a format without them (a programming error). */
export function formatOperations(format: string): FormatOperations {
  const operations = OPERATIONS.get(format);
  if (!operations) { throw new Error(`no parser for format ${format}`); }
  return operations;
}
