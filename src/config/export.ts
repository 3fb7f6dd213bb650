/**
 * Export: a live table -> config text in one of the three dialects, commented, that validates
 * clean with the language service and plans as no change against the same table. TOML is
 * written with `smol-toml` (`stringify`), YAML with `yaml` (a Document with comments on nodes).
 *
 * Settings the server did not report (`Fetched.state === 'unknown'`) are left out, with a
 * comment saying why: the config then leaves them as they are.
 */
import { stringify as stringifyToml } from 'smol-toml';
import { Document, isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { dialectOf, vocabulary } from '../language/dialects/registry';
import { encodeEnum, type EnumKind } from '../language/dialects/vocabulary';
import type { LiveIndex, LiveTable } from '../model/live';
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

/** The dialects as a person picks them, in one list for New Table Config and Export. */
export const DIALECT_CHOICES: readonly { readonly dialect: Dialect; readonly label: string; readonly description: string }[] = [
  { dialect: 'genesys', label: 'genesys (TOML)', description: 'flat keys in [[resources.dynamodb]]' },
  { dialect: 'planton', label: 'planton (YAML)', description: 'an AwsDynamodb manifest' },
  { dialect: 'component', label: 'component (YAML)', description: 'a components list with a CloudFormation-style config' },
];

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

function userTags(live: LiveTable): Record<string, string> | undefined {
  if (live.tags.state !== 'known') { return undefined; }
  const tags = Object.fromEntries(Object.entries(live.tags.value).filter(([k]) => !k.startsWith('aws:')));
  return Object.keys(tags).length > 0 ? tags : undefined;
}

function hashAndRange(index: Pick<LiveIndex, 'keySchema' | 'name'>, dialect: Dialect): { hash?: string; range?: string } {
  const hashes = index.keySchema.filter(k => k.keyType === 'HASH');
  const ranges = index.keySchema.filter(k => k.keyType === 'RANGE');
  if (hashes.length > 1 || ranges.length > 1) {
    throw new Error(`index ${index.name} has a multi-attribute key, which the ${dialect} dialect cannot express; export it as component`);
  }
  return { hash: hashes[0]?.name, range: ranges[0]?.name };
}

// ---- genesys (flat TOML) ----

const TOML_COMMENTS: Readonly<Record<string, string>> = {
  billing_mode: 'PAY_PER_REQUEST | PROVISIONED',
  hash_key_type: 'S | N | B',
  range_key_type: 'S | N | B',
  stream_view_type: 'KEYS_ONLY | NEW_IMAGE | OLD_IMAGE | NEW_AND_OLD_IMAGES',
  projection_type: 'ALL | KEYS_ONLY | INCLUDE',
  table_class: 'STANDARD | STANDARD_INFREQUENT_ACCESS',
  ttl_attribute_name: 'Number attribute, epoch seconds',
};

function exportGenesys(live: LiveTable, options: ExportOptions): string {
  const provisioned = live.billingMode === 'PROVISIONED';
  const { hash, range } = hashAndRange({ name: 'table', keySchema: live.keySchema }, 'genesys');
  const entry: Record<string, unknown> = { name: live.name, billing_mode: live.billingMode };
  if (hash) { entry.hash_key_name = hash; entry.hash_key_type = live.attributes[hash]; }
  if (range) { entry.range_key_name = range; entry.range_key_type = live.attributes[range]; }
  if (provisioned && live.throughput) {
    entry.read_capacity_units = live.throughput.read;
    entry.write_capacity_units = live.throughput.write;
  }
  entry.enable_streams = live.stream.enabled;
  if (live.stream.enabled && live.stream.viewType) { entry.stream_view_type = live.stream.viewType; }
  if (live.ttl.state === 'known') {
    entry.enable_ttl = live.ttl.value.enabled;
    if (live.ttl.value.enabled && live.ttl.value.attributeName) { entry.ttl_attribute_name = live.ttl.value.attributeName; }
  }
  if (live.pointInTimeRecovery.state === 'known') { entry.point_in_time_recovery = live.pointInTimeRecovery.value.enabled; }
  entry.deletion_protection = live.deletionProtection;
  entry.table_class = live.tableClass;
  const sseKeys = vocabulary('genesys').sse;
  entry[sseKeys.enabled] = live.sse.enabled;
  if (live.sse.enabled && live.sse.kmsKeyArn) { entry[sseKeys.kmsKey] = live.sse.kmsKeyArn; }
  const index = (i: LiveIndex): Record<string, unknown> => {
    const keys = hashAndRange(i, 'genesys');
    const out: Record<string, unknown> = { name: i.name };
    if (i.kind === 'GSI' && keys.hash) { out.hash_key_name = keys.hash; out.hash_key_type = live.attributes[keys.hash]; }
    if (keys.range) { out.range_key_name = keys.range; out.range_key_type = live.attributes[keys.range]; }
    out.projection_type = i.projectionType;
    if (i.projectionType === 'INCLUDE') { out.non_key_attributes = [...i.nonKeyAttributes]; }
    if (i.kind === 'GSI' && provisioned && i.throughput) {
      out.read_capacity_units = i.throughput.read;
      out.write_capacity_units = i.throughput.write;
    }
    return out;
  };
  if (live.globalSecondaryIndexes.length > 0) { entry.global_secondary_indexes = live.globalSecondaryIndexes.map(index); }
  if (live.localSecondaryIndexes.length > 0) { entry.local_secondary_indexes = live.localSecondaryIndexes.map(index); }
  const tags = userTags(live);
  if (tags) { entry.tags = tags; }

  const region = regionOf(live, options);
  const doc: Record<string, unknown> = { provider: 'aws', ...(region ? { region } : {}), resources: { dynamodb: [entry] } };
  const body = stringifyToml(doc).split('\n').map(line => {
    const m = /^([a-z_]+) = /.exec(line);
    const comment = m ? TOML_COMMENTS[m[1]] : undefined;
    return comment ? `${line}  # ${comment}` : line;
  });
  const head = [...header(live, options), ...unknownNotes(live)].map(l => `# ${l}`);
  if (!region && !options.header) { head.push('# No AWS region in the table ARN: add region = "..." to target a region.'); }
  return [...head, ...body].join('\n').replace(/\n+$/, '\n');
}

// ---- YAML dialects ----

/** planton and component have no region field: the header says so (an export only; a new config says it in its own header). */
function regionNote(live: LiveTable, options: ExportOptions): string[] {
  return options.header ? [] : [noRegionFieldNote(regionOf(live, options))];
}

type Plain = string | number | boolean | readonly Plain[] | { readonly [key: string]: Plain };

function yamlText(value: Record<string, Plain>, topComments: readonly string[], comments: Readonly<Record<string, string>>): string {
  const doc = new Document(value);
  doc.commentBefore = topComments.map(l => ` ${l}`).join('\n');
  // A comment after each enum-like value, found by key name anywhere in the document.
  const visit = (node: unknown): void => {
    if (isMap(node)) {
      for (const pair of node.items as Pair<Node, Node>[]) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key && comments[key] && isScalar(pair.value)) { pair.value.comment = ` ${comments[key]}`; }
        visit(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) { visit(item); }
    }
  };
  visit(doc.contents);
  return doc.toString({ lineWidth: 0 });
}

function yamlEnum(dialect: Dialect, kind: EnumKind, value: string): string {
  return encodeEnum(vocabulary(dialect), kind, value);
}

function exportYaml(live: LiveTable, dialect: 'planton' | 'component', options: ExportOptions): string {
  const v = vocabulary(dialect);
  const provisioned = live.billingMode === 'PROVISIONED';
  const e = (kind: EnumKind, value: string) => yamlEnum(dialect, kind, value);
  const throughput = (read: number, write: number): Record<string, Plain> => ({ [v.throughput.read]: read, [v.throughput.write]: write });
  const keySchema = (keys: LiveTable['keySchema']): Plain[] =>
    keys.map(k => ({ [v.keySchema!.name]: k.name, [v.keySchema!.keyType]: e('keyType', k.keyType) }));
  const index = (i: LiveIndex): Record<string, Plain> => {
    if (dialect === 'planton') { hashAndRange(i, dialect); }
    const list = i.kind === 'GSI' ? v.gsi : v.lsi;
    const projection: Record<string, Plain> = { [v.projection.type]: e('projectionType', i.projectionType) };
    if (i.projectionType === 'INCLUDE') { projection[v.projection.nonKeyAttributes] = [...i.nonKeyAttributes]; }
    const out: Record<string, Plain> = { [list.name]: i.name, [v.keySchema!.list]: keySchema(i.keySchema), [v.projection.block!]: projection };
    if (i.kind === 'GSI' && provisioned && i.throughput) { out[v.throughput.block!] = throughput(i.throughput.read, i.throughput.write); }
    return out;
  };
  const usedNames = new Set([...live.keySchema, ...live.globalSecondaryIndexes.flatMap(i => i.keySchema), ...live.localSecondaryIndexes.flatMap(i => i.keySchema)].map(k => k.name));
  const table: Record<string, Plain> = {};
  if (dialect === 'component') { table[v.name] = live.name; }
  table[v.billingMode] = e('billingMode', live.billingMode);
  if (provisioned && live.throughput) { table[v.throughput.block!] = throughput(live.throughput.read, live.throughput.write); }
  table[v.attributes!.list] = Object.entries(live.attributes).filter(([name]) => usedNames.has(name))
    .map(([name, type]) => ({ [v.attributes!.name]: name, [v.attributes!.type]: e('attributeType', type) }));
  table[v.keySchema!.list] = keySchema(live.keySchema);
  if (live.globalSecondaryIndexes.length > 0) { table[v.gsi.list] = live.globalSecondaryIndexes.map(index); }
  if (live.localSecondaryIndexes.length > 0) { table[v.lsi.list] = live.localSecondaryIndexes.map(index); }

  const stream: Record<string, Plain> = { [v.stream.enabled]: live.stream.enabled };
  if (live.stream.enabled && live.stream.viewType) { stream[v.stream.viewType] = e('streamViewType', live.stream.viewType); }
  const ttl: Record<string, Plain> | undefined = live.ttl.state === 'known'
    ? { [v.ttl.enabled]: live.ttl.value.enabled, ...(live.ttl.value.enabled && live.ttl.value.attributeName ? { [v.ttl.attributeName]: live.ttl.value.attributeName } : {}) }
    : undefined;
  const sse: Record<string, Plain> = { [v.sse.enabled]: live.sse.enabled };
  if (live.sse.enabled) {
    if (v.sse.type) { sse[v.sse.type] = 'KMS'; }
    if (live.sse.kmsKeyArn) { sse[v.sse.kmsKey] = live.sse.kmsKeyArn; }
  }
  const pitr = live.pointInTimeRecovery.state === 'known' ? live.pointInTimeRecovery.value.enabled : undefined;
  const tags = userTags(live);

  // Each dialect's schema order (vocabulary order.table).
  const put = (key: string | undefined, value: Plain | undefined) => { if (key !== undefined && value !== undefined) { table[key] = value; } };
  if (v.stream.block) { put(v.stream.block, stream); } else { Object.assign(table, stream); }
  if (dialect === 'planton') {
    const ordered: Record<string, Plain> = {};
    put(v.ttl.block, ttl);
    put(v.pitr, pitr);
    put(v.sse.block, sse);
    put(v.tableClass, e('tableClass', live.tableClass));
    put(v.deletionProtection, live.deletionProtection);
    put(v.tags, tags);
    for (const key of v.order.table ?? []) { if (key in table) { ordered[key] = table[key]; } }
    const notes = unknownNotes(live);
    return yamlText({ apiVersion: 'aws.project-planton.org/v1', kind: 'AwsDynamodb', metadata: { name: live.name }, spec: ordered },
      [...header(live, options), ...regionNote(live, options), ...notes], PLANTON_COMMENTS);
  }
  put(v.sse.block, sse);
  put(v.pitr, pitr);
  put(v.ttl.block, ttl);
  put(v.tableClass, live.tableClass);
  put(v.deletionProtection, live.deletionProtection);
  put(v.tags, tags);
  const ordered: Record<string, Plain> = {};
  for (const key of v.order.table ?? []) { if (key in table) { ordered[key] = table[key]; } }
  const component = { name: live.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-'), type: v.tables.componentType ?? 'dynamodb-table', config: ordered };
  return yamlText({ components: [component] }, [...header(live, options), ...regionNote(live, options), ...unknownNotes(live)], COMPONENT_COMMENTS);
}

const PLANTON_COMMENTS: Readonly<Record<string, string>> = {
  billingMode: 'BILLING_MODE_PAY_PER_REQUEST | BILLING_MODE_PROVISIONED',
  streamViewType: 'STREAM_VIEW_TYPE_KEYS_ONLY | _NEW_IMAGE | _OLD_IMAGE | _NEW_AND_OLD_IMAGES',
  tableClass: 'TABLE_CLASS_STANDARD | TABLE_CLASS_STANDARD_INFREQUENT_ACCESS',
  deletionProtectionEnabled: 'true blocks DeleteTable',
};
const COMPONENT_COMMENTS: Readonly<Record<string, string>> = {
  billingMode: 'PAY_PER_REQUEST | PROVISIONED',
  streamViewType: 'KEYS_ONLY | NEW_IMAGE | OLD_IMAGE | NEW_AND_OLD_IMAGES',
  tableClass: 'STANDARD | STANDARD_INFREQUENT_ACCESS',
  deletionProtectionEnabled: 'true blocks DeleteTable',
  type: 'dynamodb-table: read by DynamoDB Designer',
};

/** The live table as a config file in the dialect. Throws when the dialect cannot express the table. */
export function exportConfig(live: LiveTable, dialect: Dialect, options: ExportOptions = {}): string {
  switch (dialect) {
    case 'genesys': return exportGenesys(live, options);
    case 'planton': return exportYaml(live, 'planton', options);
    case 'component': return exportYaml(live, 'component', options);
    case 'cloudformation': return exportCloudFormation(live, options);
    default: throw new Error(`the ${dialect} dialect cannot be exported`);
  }
}

/** What Export Table as Config offers: the dialects, a CloudFormation template and CDK code (write-only). */
export type ExportFormat = Dialect | 'cdk';

export const EXPORT_CHOICES: readonly { readonly format: ExportFormat; readonly label: string; readonly description: string; readonly extension: string }[] = [
  ...DIALECT_CHOICES.map(c => ({ format: c.dialect, label: c.label, description: c.description, extension: dialectOf(c.dialect).format.extensions[0] })),
  { format: 'cloudformation', label: 'CloudFormation (YAML)', description: 'an AWS::DynamoDB::Table template', extension: 'yaml' },
  { format: 'cdk', label: 'CDK (TypeScript)', description: 'a stack with a dynamodb.TableV2 (export only)', extension: 'ts' },
];

/** The live table in an export format. */
export function exportAs(live: LiveTable, format: ExportFormat, options: ExportOptions = {}): string {
  return format === 'cdk' ? exportCdk(live, options) : exportConfig(live, format, options);
}

// ---- CloudFormation (YAML template) and CDK (TypeScript, write-only) ----

/** The logical id of a table in a template or a CDK stack: `orders-v2` -> `OrdersV2Table`. */
export function logicalId(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean).map(w => w[0].toUpperCase() + w.slice(1));
  const id = words.join('') || 'My';
  return `${/^[0-9]/.test(id) ? 'T' : ''}${id}Table`;
}

const CFN_COMMENTS: Readonly<Record<string, string>> = {
  BillingMode: 'PAY_PER_REQUEST | PROVISIONED',
  StreamViewType: 'KEYS_ONLY | NEW_IMAGE | OLD_IMAGE | NEW_AND_OLD_IMAGES',
  TableClass: 'STANDARD | STANDARD_INFREQUENT_ACCESS',
  DeletionProtectionEnabled: 'true blocks DeleteTable',
  DeletionPolicy: 'keeps the table (and its items) when the stack or the resource goes',
};

function cloudFormationProperties(live: LiveTable): Record<string, Plain> {
  const provisioned = live.billingMode === 'PROVISIONED';
  const keySchema = (keys: LiveTable['keySchema']): Plain[] => keys.map(k => ({ AttributeName: k.name, KeyType: k.keyType }));
  const throughput = (t: { read: number; write: number }): Record<string, Plain> => ({ ReadCapacityUnits: t.read, WriteCapacityUnits: t.write });
  const index = (i: LiveIndex): Record<string, Plain> => {
    const projection: Record<string, Plain> = { ProjectionType: i.projectionType };
    if (i.projectionType === 'INCLUDE') { projection.NonKeyAttributes = [...i.nonKeyAttributes]; }
    const out: Record<string, Plain> = { IndexName: i.name, KeySchema: keySchema(i.keySchema), Projection: projection };
    if (i.kind === 'GSI' && provisioned && i.throughput) { out.ProvisionedThroughput = throughput(i.throughput); }
    return out;
  };
  const used = new Set([...live.keySchema, ...live.globalSecondaryIndexes.flatMap(i => i.keySchema), ...live.localSecondaryIndexes.flatMap(i => i.keySchema)].map(k => k.name));
  const p: Record<string, Plain> = { TableName: live.name, BillingMode: live.billingMode };
  if (provisioned && live.throughput) { p.ProvisionedThroughput = throughput(live.throughput); }
  p.AttributeDefinitions = Object.entries(live.attributes).filter(([n]) => used.has(n)).map(([n, t]) => ({ AttributeName: n, AttributeType: t }));
  p.KeySchema = keySchema(live.keySchema);
  if (live.globalSecondaryIndexes.length > 0) { p.GlobalSecondaryIndexes = live.globalSecondaryIndexes.map(index); }
  if (live.localSecondaryIndexes.length > 0) { p.LocalSecondaryIndexes = live.localSecondaryIndexes.map(index); }
  // No StreamSpecification means no stream: CloudFormation has no "enabled" key for it.
  if (live.stream.enabled && live.stream.viewType) { p.StreamSpecification = { StreamViewType: live.stream.viewType }; }
  p.SSESpecification = live.sse.enabled
    ? { SSEEnabled: true, SSEType: 'KMS', ...(live.sse.kmsKeyArn ? { KMSMasterKeyId: live.sse.kmsKeyArn } : {}) }
    : { SSEEnabled: false };
  if (live.pointInTimeRecovery.state === 'known') { p.PointInTimeRecoverySpecification = { PointInTimeRecoveryEnabled: live.pointInTimeRecovery.value.enabled }; }
  if (live.ttl.state === 'known') {
    p.TimeToLiveSpecification = live.ttl.value.enabled && live.ttl.value.attributeName
      ? { AttributeName: live.ttl.value.attributeName, Enabled: true }
      : { Enabled: false };
  }
  p.TableClass = live.tableClass;
  p.DeletionProtectionEnabled = live.deletionProtection;
  const tags = userTags(live);
  if (tags) { p.Tags = Object.entries(tags).map(([Key, Value]) => ({ Key, Value })); }
  return p;
}

/**
 * A CloudFormation template with the table as an `AWS::DynamoDB::Table` (`DeletionPolicy: Retain`,
 * as a template that adopts an existing table needs): it validates clean and compares as no
 * differences with the table it came from.
 */
function exportCloudFormation(live: LiveTable, options: ExportOptions): string {
  const template: Record<string, Plain> = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `DynamoDB table ${live.name}`,
    Resources: {
      [logicalId(live.name)]: { Type: 'AWS::DynamoDB::Table', DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain', Properties: cloudFormationProperties(live) },
    },
  };
  const head = options.header ?? [
    ...header(live, options).slice(0, 1),
    'Compare with Live Table shows no differences until you edit it; deploy it with CloudFormation (to adopt the existing table, import it into a stack).',
  ];
  // Quoted: a YAML 1.1 reader (CloudFormation's own among them) takes a bare 2010-09-09 for a date.
  return yamlText(template, [...head, ...unknownNotes(live)], CFN_COMMENTS).replace(/^AWSTemplateFormatVersion: 2010-09-09$/m, "AWSTemplateFormatVersion: '2010-09-09'");
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
