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
import { checkTerraform } from '../hcl/check';
import { completeHcl } from '../hcl/complete';
import { hclFixEdits } from '../hcl/edits';
import { parseHcl, type HclParsedConfig } from '../hcl/parser';
import { normalizeTerraform } from '../hcl/terraform';
import { HCL, setTerraformReader } from '../dialects/terraform-vocabularies';
import { writeHcl } from '../hcl/write';

const OPERATIONS = new Map<string, FormatOperations>([
  [TOML.id, { parse: parseToml, write: writeToml, edits: TOML_EDITS }],
  [YAML.id, { parse: parseYaml, write: writeYaml, edits: YAML_EDITS }],
  [HCL.id, { parse: parseHcl, write: writeHcl, check: checkTerraform, fixEdits: (config, changes) => hclFixEdits(config as HclParsedConfig, changes),
    complete: (config, dialect, offset) => completeHcl(config as HclParsedConfig, dialect, offset) }],
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

// The Terraform dialects read their tables with the HCL format (dialects/terraform*.ts stay light).
setTerraformReader(normalizeTerraform);
