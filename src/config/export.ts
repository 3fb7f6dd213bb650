/**
 * Export: a live table -> config text in any dialect that can be written, commented, that
 * validates clean with the language service and plans as no change against the same table. The
 * dialect makes the document (DialectDefinition.write), its format the text (formats/write.ts);
 * this adds the header.
 *
 * Settings the server did not report (`Fetched.state === 'unknown'`) are left out, with a
 * comment saying why: the config then leaves them as they are.
 */
import { dialects, dialectOf } from '../language/dialects/registry';
import { formatOperations } from '../language/formats';
import type { LiveTable } from '../model/live';
import { isAwsRegion, type Dialect } from '../model/spec';

export interface ExportOptions {
  /**
   * The region to write where the dialect has one (genesys; planton and component have no region
   * field, so their header names it); default: the ARN's, when it is an AWS region.
   */
  readonly region?: string;
  /** For the header comment, e.g. `profile prod, eu-west-1`. */
  readonly source?: string;
  /** For the header comment (tests pass a fixed one); default now. */
  readonly now?: Date;
  /**
   * The header comment lines, without `# ` (a new config is not exported from anywhere); default:
   * which table it was exported from and when, plus, in genesys, a note when the ARN names no region.
   */
  readonly header?: readonly string[];
}

export interface DialectChoice { readonly dialect: Dialect; readonly label: string; readonly description: string }

/** The dialects as a person picks them, in one list for New Table Config and Export: the registered ones that can be written. */
export function dialectChoices(): DialectChoice[] {
  return dialects().filter(d => d.write).map(d => ({ dialect: d.id, label: d.label, description: d.description }));
}

/**
 * The header line of a dialect without a region field (planton and component: their schemas
 * have none, see schemas/): where the region comes from instead.
 */
export function noRegionFieldNote(region: string | undefined): string {
  return `This dialect has no region field${region ? ` (exported from ${region})` : ''}: the target in the status bar chooses the region.`;
}

function regionOf(live: LiveTable, options: ExportOptions): string | undefined {
  if (options.region) { return options.region; }
  const fromArn = live.arn?.split(':')[3];
  return fromArn && isAwsRegion(fromArn) ? fromArn : undefined;
}

function header(live: LiveTable, options: ExportOptions): readonly string[] {
  if (options.header) { return options.header; }
  const when = (options.now ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z');
  return [
    `Exported from DynamoDB table ${live.name}${options.source ? ` (${options.source})` : ''} by DynamoDB Designer, ${when}.`,
    'Preview against the table shows no change until you edit it.',
  ];
}

function unknownNotes(live: LiveTable): string[] {
  const notes: string[] = [];
  if (live.ttl.state === 'unknown') { notes.push(`TTL left out: ${live.ttl.reason}.`); }
  if (live.tags.state === 'unknown') { notes.push(`Tags left out: ${live.tags.reason}.`); }
  if (live.pointInTimeRecovery.state === 'unknown') { notes.push(`Point-in-time recovery left out: ${live.pointInTimeRecovery.reason}.`); }
  return notes;
}

/** The live table as a config file in the dialect. Throws when the dialect cannot express the table. */
export function exportConfig(live: LiveTable, dialect: Dialect, options: ExportOptions = {}): string {
  const definition = dialectOf(dialect);
  const write = formatOperations(definition.format.id).write;
  if (!definition.write || !write) { throw new Error(`the ${dialect} dialect cannot be written`); }
  const region = regionOf(live, options);
  const exported = !options.header;
  // A dialect with a region field writes it (and says when the ARN names none); one without says
  // where the region comes from instead (an export only: a new config says it in its own header).
  // A dialect another tool applies (Terraform) says so; its region is that tool's (the provider's).
  const lines = definition.appliedBy !== undefined
    ? [...(options.header ?? [
      `Exported from DynamoDB table ${live.name}${options.source ? ` (${options.source})` : ''} by DynamoDB Designer, ${(options.now ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z')}.`,
      `${definition.appliedBy} applies this file; DynamoDB Designer checks it as you edit, and its preview against the table shows no change until you edit it.`,
      ...(region ? [`The table is in ${region}: the region of the AWS provider that applies this file.`] : []),
    ]), ...unknownNotes(live)]
    : definition.vocabulary.region !== undefined
      ? [...header(live, options), ...unknownNotes(live), ...(!region && exported ? ['No AWS region in the table ARN: add region = "..." to target a region.'] : [])]
      : [...header(live, options), ...(exported ? [noRegionFieldNote(region)] : []), ...unknownNotes(live)];
  return write(definition.write(live, { region: definition.vocabulary.region !== undefined ? region : undefined, header: lines }));
}
