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
import type { LiveIndex, LiveTable } from '../model/live';
import { isAwsRegion, type Dialect } from '../model/spec';
import { userTags } from '../language/dialects/write';

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

/** What Export Table as Config offers: the dialects, a CloudFormation template and CDK code (write-only). */
export type ExportFormat = Dialect | 'cdk';

export interface ExportChoice { readonly format: ExportFormat; readonly label: string; readonly description: string }

/** Every dialect that can be written (a CloudFormation template among them), then CDK code. */
export function exportChoices(): ExportChoice[] {
  return [
    ...dialectChoices().map(c => ({ format: c.dialect, label: c.label, description: c.description })),
    { format: 'cdk', label: 'CDK (TypeScript)', description: 'a stack with a dynamodb.TableV2 (export only)' },
  ];
}

/** The live table in an export format. */
export function exportAs(live: LiveTable, format: ExportFormat, options: ExportOptions = {}): string {
  return format === 'cdk' ? exportCdk(live, options) : exportConfig(live, format, options);
}

// ---- CDK (TypeScript, write-only) ----

/** The logical id of a table in a template or a CDK stack: `orders-v2` -> `OrdersV2Table`. */
export function logicalId(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean).map(w => w[0].toUpperCase() + w.slice(1));
  const id = words.join('') || 'My';
  return `${/^[0-9]/.test(id) ? 'T' : ''}${id}Table`;
}

function ts(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const CDK_ATTRIBUTE: Readonly<Record<string, string>> = { S: 'STRING', N: 'NUMBER', B: 'BINARY' };

/**
 * The table as CDK TypeScript: a stack with one `dynamodb.TableV2` (aws-cdk-lib v2). Write-only:
 * nothing reads it back. Settings CDK would default differently are written out.
 */
export function exportCdk(live: LiveTable, options: ExportOptions = {}): string {
  const attr = (name: string): string => `{ name: ${ts(name)}, type: dynamodb.AttributeType.${CDK_ATTRIBUTE[live.attributes[name] ?? 'S']} }`;
  const keysOf = (keys: LiveTable['keySchema'], indent: string): string[] => {
    const hashes = keys.filter(k => k.keyType === 'HASH');
    const ranges = keys.filter(k => k.keyType === 'RANGE');
    const out: string[] = [];
    if (hashes.length > 1 || ranges.length > 1) { throw new Error('a multi-attribute key cannot be written as CDK code here; export it as CloudFormation'); }
    if (hashes[0]) { out.push(`${indent}partitionKey: ${attr(hashes[0].name)},`); }
    if (ranges[0]) { out.push(`${indent}sortKey: ${attr(ranges[0].name)},`); }
    return out;
  };
  const projection = (i: LiveIndex, indent: string): string[] => {
    const out = [`${indent}projectionType: dynamodb.ProjectionType.${i.projectionType},`];
    if (i.projectionType === 'INCLUDE') { out.push(`${indent}nonKeyAttributes: [${i.nonKeyAttributes.map(ts).join(', ')}],`); }
    return out;
  };
  const provisioned = live.billingMode === 'PROVISIONED';
  const lines: string[] = [];
  const when = (options.now ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z');
  for (const l of options.header ?? [`Exported from DynamoDB table ${live.name}${options.source ? ` (${options.source})` : ''} by DynamoDB Designer, ${when}.`]) { lines.push(`// ${l}`); }
  for (const n of unknownNotes(live)) { lines.push(`// ${n}`); }
  lines.push(
    "import * as cdk from 'aws-cdk-lib';",
    "import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';",
    ...(live.sse.enabled && live.sse.kmsKeyArn ? ["import * as kms from 'aws-cdk-lib/aws-kms';"] : []),
    "import { Construct } from 'constructs';",
    '',
    `export class ${logicalId(live.name)}Stack extends cdk.Stack {`,
    '  constructor(scope: Construct, id: string, props?: cdk.StackProps) {',
    '    super(scope, id, props);',
    '',
    `    new dynamodb.TableV2(this, ${ts(logicalId(live.name))}, {`,
    `      tableName: ${ts(live.name)},`,
    ...keysOf(live.keySchema, '      '),
  );
  if (provisioned && live.throughput) {
    // TableV2 takes the write capacity autoscaled, or fixed through `Billing.provisioned`.
    lines.push(
      '      billing: dynamodb.Billing.provisioned({',
      `        readCapacity: dynamodb.Capacity.fixed(${live.throughput.read}),`,
      `        writeCapacity: dynamodb.Capacity.autoscaled({ minCapacity: ${live.throughput.write}, maxCapacity: ${live.throughput.write} }),`,
      '      }),',
    );
  } else {
    lines.push('      billing: dynamodb.Billing.onDemand(),');
  }
  if (live.globalSecondaryIndexes.length > 0) {
    lines.push('      globalSecondaryIndexes: [');
    for (const i of live.globalSecondaryIndexes) {
      lines.push('        {', `          indexName: ${ts(i.name)},`, ...keysOf(i.keySchema, '          '), ...projection(i, '          '));
      if (provisioned && i.throughput) {
        lines.push(
          `          readCapacity: dynamodb.Capacity.fixed(${i.throughput.read}),`,
          `          writeCapacity: dynamodb.Capacity.autoscaled({ minCapacity: ${i.throughput.write}, maxCapacity: ${i.throughput.write} }),`,
        );
      }
      lines.push('        },');
    }
    lines.push('      ],');
  }
  if (live.localSecondaryIndexes.length > 0) {
    lines.push('      localSecondaryIndexes: [');
    for (const i of live.localSecondaryIndexes) {
      const range = i.keySchema.find(k => k.keyType === 'RANGE');
      lines.push('        {', `          indexName: ${ts(i.name)},`, ...(range ? [`          sortKey: ${attr(range.name)},`] : []), ...projection(i, '          '), '        },');
    }
    lines.push('      ],');
  }
  if (live.stream.enabled && live.stream.viewType) { lines.push(`      dynamoStream: dynamodb.StreamViewType.${live.stream.viewType},`); }
  if (live.ttl.state === 'known' && live.ttl.value.enabled && live.ttl.value.attributeName) { lines.push(`      timeToLiveAttribute: ${ts(live.ttl.value.attributeName)},`); }
  if (live.pointInTimeRecovery.state === 'known') {
    lines.push(`      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: ${live.pointInTimeRecovery.value.enabled} },`);
  }
  if (live.sse.enabled) {
    lines.push(live.sse.kmsKeyArn
      ? `      encryption: dynamodb.TableEncryptionV2.customerManagedKey(kms.Key.fromKeyArn(this, 'TableKey', ${ts(live.sse.kmsKeyArn)})),`
      : '      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),');
  } else {
    lines.push('      encryption: dynamodb.TableEncryptionV2.dynamoOwnedKey(),');
  }
  lines.push(`      tableClass: dynamodb.TableClass.${live.tableClass},`);
  lines.push(`      deletionProtection: ${live.deletionProtection},`);
  const tags = userTags(live);
  if (tags) { lines.push(`      tags: [${Object.entries(tags).map(([k, v]) => `{ key: ${ts(k)}, value: ${ts(v)} }`).join(', ')}],`); }
  lines.push('      removalPolicy: cdk.RemovalPolicy.RETAIN,', '    });', '  }', '}', '');
  return lines.join('\n');
}
