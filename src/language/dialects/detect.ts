/**
 * Which dialect a config is written in: forced by a schema comment in the first lines
 * (`#:schema <id-or-path>` in TOML, `# yaml-language-server: $schema=<id-or-path>` in YAML) that
 * names one of our schemas, else detected from content. Not a table config -> undefined.
 */
import type { Dialect } from '../../model/spec';
import { stripBom } from '../bom';
import type { Format } from '../types';

const DIALECTS: readonly Dialect[] = ['genesys', 'planton', 'component', 'cloudformation'];
const HEADER_LINES = 10;

/**
 * The dialect a schema reference names: by our schema ids (when given) or by a file name
 * ending in `<dialect>.schema.json`.
 */
export function dialectOfSchemaRef(ref: string, schemaIds?: Readonly<Partial<Record<Dialect, string>>>): Dialect | undefined {
  const clean = ref.trim().replace(/^["']|["']$/g, '');
  for (const d of DIALECTS) {
    const id = schemaIds?.[d];
    if (id && clean === id) { return d; }
  }
  const path = clean.replace(/[?#].*$/, '');
  for (const d of DIALECTS) {
    if (path === `${d}.schema.json` || path.endsWith(`/${d}.schema.json`) || path.endsWith(`\\${d}.schema.json`) || path.endsWith(`.${d}.schema.json`)) {
      return d;
    }
  }
  return undefined;
}

/** The schema reference of the first lines' schema comment, if any. */
export function schemaComment(rawText: string, format: Format): string | undefined {
  const head = stripBom(rawText).slice(0, 4000).split(/\r\n|\r|\n/, HEADER_LINES);
  for (const line of head) {
    const m = format === 'toml'
      ? /^\s*#:schema\s+(\S+)/.exec(line)
      : /^\s*#\s*yaml-language-server:\s*\$schema=(\S+)/.exec(line);
    if (m) { return m[1]; }
  }
  return undefined;
}

const GENESYS = /^[ \t]*\[\[[ \t]*resources[ \t]*\.[ \t]*dynamodb[ \t]*\]\]/m;
const PLANTON = /^kind:[ \t]*["']?AwsDynamodb["']?[ \t]*(#.*)?$/m;
const COMPONENTS = /^components:/m;
/** A CloudFormation/SAM template (YAML or JSON) that declares a DynamoDB table. */
const CFN_TEMPLATE = /^["']?(AWSTemplateFormatVersion|Resources)["']?[ \t]*:|"(AWSTemplateFormatVersion|Resources)"[ \t]*:|^["']?Transform["']?[ \t]*:.*AWS::Serverless/m;
const CFN_TABLE = /["']?Type["']?[ \t]*:[ \t]*["']?AWS::(DynamoDB::(Global)?Table|Serverless::SimpleTable)["']?/;
const COMPONENT_TABLE = /^[ \t]*(-[ \t]+)?type:[ \t]*["']?dynamodb-table["']?[ \t]*(#.*)?$/m;

export function detectDialect(
  rawText: string,
  format: Format,
  schemaIds?: Readonly<Partial<Record<Dialect, string>>>,
): Dialect | undefined {
  const text = stripBom(rawText);
  const ref = schemaComment(text, format);
  if (ref) {
    const forced = dialectOfSchemaRef(ref, schemaIds);
    if (forced && (forced === 'genesys') === (format === 'toml')) { return forced; }
  }
  if (format === 'toml') { return GENESYS.test(text) ? 'genesys' : undefined; }
  if (CFN_TEMPLATE.test(text) && CFN_TABLE.test(text)) { return 'cloudformation'; }
  if (PLANTON.test(text)) { return 'planton'; }
  if (COMPONENTS.test(text) && COMPONENT_TABLE.test(text)) { return 'component'; }
  return undefined;
}
