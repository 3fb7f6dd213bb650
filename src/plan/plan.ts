/**
 * The plan engine (pure): a TableSpec against the LiveTable it names (or undefined when the table
 * does not exist) -> a Plan of ordered steps, each a plain SDK command input.
 *
 * What "absent" means. A setting the config does not mention is left as the server has it (no
 * drift on unspecified settings); on create it gets DynamoDB's default. Per field:
 * - billing mode: absent = leave as is, except in the component dialect, where a missing
 *   `billingMode` means PROVISIONED (as in CloudFormation and CreateTable). On create without a
 *   mode: PROVISIONED if throughput is given, else PAY_PER_REQUEST.
 * - throughput: compared only when the resulting mode is PROVISIONED; a missing read or write
 *   keeps the live value.
 * - stream, TTL: absent = leave as is; `enabled: false` turns it off; a view type or TTL
 *   attribute without `enabled` means enabled.
 * - tags: the config's tags are the whole set when the config has a tags block (tags it lacks
 *   are removed, except AWS's own `aws:` tags); no tags block = leave as is.
 * - PITR, SSE, table class, deletion protection: absent = leave as is.
 * - GSIs and LSIs: the config's list is the whole set (a GSI not in the config is deleted).
 *
 * Order of update steps, and why (UpdateTable creates or deletes one GSI per call, and the table
 * and its indexes must be ACTIVE between calls):
 * 1. GSI deletes, one per step (removed GSIs, and GSIs whose key schema or projection changed:
 *    DynamoDB cannot alter those in place). First, so that a switch to PROVISIONED only needs
 *    throughput for the GSIs that stay, the 20-GSI limit is not hit by creating first, and a
 *    redefined GSI's name is free for its create.
 * 2. Billing mode and throughput, with the kept GSIs' throughput, in one UpdateTable (a switch to
 *    PROVISIONED must give every existing GSI's throughput in the same call).
 * 3. GSI creates, one per step, each with the AttributeDefinitions its keys need (and throughput
 *    when the table is PROVISIONED after step 2).
 * 4. Stream: off, then on (a view type change is two steps: DynamoDB cannot change it in place).
 * 5. TTL: off, then on (another attribute is two steps).
 * 6. SSE, table class, deletion protection: one UpdateTable each (DynamoDB rejects some
 *    combinations in one call).
 * 7. PITR (UpdateContinuousBackups). 8. Tags added or changed (TagResource), then removed
 *    (UntagResource).
 * Key schema, key attribute types or LSIs that differ cannot be updated: the plan is a
 * replacement (DeleteTable, CreateTable, then TTL and PITR) with the reasons.
 *
 * Live settings fetched by their own call that failed (`Fetched.state === 'unknown'`: TTL, tags,
 * PITR on servers that lack them) are listed in `plan.unknown`, never as changes; so is SSE on
 * DynamoDB Local (ARN region `ddblocal`), which accepts it but never reports it.
 */
import type {
  AttributeDefinition,
  CreateTableCommandInput,
  GlobalSecondaryIndex,
  GlobalSecondaryIndexUpdate,
  KeySchemaElement,
  LocalSecondaryIndex,
  Projection,
  ProvisionedThroughput,
  UpdateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { LiveIndex, LiveKeyElement, LiveTable, LiveThroughput } from '../model/live';
import type { Change, Plan, Setting, Step, UnknownSetting } from '../model/plan';
import { dialectOf } from '../language/dialects/registry';
import { CHANGE_STEPS } from './steps';
import {
  valueOf,
  type AttributeType,
  type BillingMode,
  type IndexSpec,
  type Pointer,
  type ProjectionType,
  type SseType,
  type StreamViewType,
  type TableClass,
  type TableSpec,
} from '../model/spec';

/** The config's wishes, read once from the TableSpec (valid values only). */
type Key = LiveKeyElement;
interface WantedIndex extends Pick<LiveIndex, 'kind' | 'name' | 'keySchema' | 'projectionType' | 'nonKeyAttributes'> {
  readonly read?: number;
  readonly write?: number;
  readonly pointer: Pointer;
}
interface Wanted {
  readonly name: string;
  readonly billingMode?: BillingMode;
  readonly read?: number;
  readonly write?: number;
  readonly throughputPointer?: Pointer;
  readonly billingPointer?: Pointer;
  readonly attributes: Readonly<Record<string, AttributeType>>;
  readonly keySchema: readonly Key[];
  readonly gsis: readonly WantedIndex[];
  readonly lsis: readonly WantedIndex[];
  /** An index list known only when the file's tool runs (IndexSpec.computed), by kind: where it stands. */
  readonly computed: { readonly GSI?: Pointer; readonly LSI?: Pointer };
  readonly stream?: { readonly enabled: boolean; readonly viewType?: StreamViewType; readonly pointer: Pointer };
  readonly ttl?: { readonly enabled: boolean; readonly attributeName?: string; readonly pointer: Pointer };
  readonly pitr?: { readonly enabled: boolean; readonly pointer: Pointer };
  readonly sse?: { readonly enabled: boolean; readonly type?: SseType; readonly kmsKeyId?: string; readonly pointer: Pointer };
  readonly tableClass?: { readonly value: TableClass; readonly pointer: Pointer };
  readonly deletionProtection?: { readonly value: boolean; readonly pointer: Pointer };
  readonly tags?: { readonly value: Readonly<Record<string, string>>; readonly pointer?: Pointer };
}

const NONE = '(none)';
/** A tag value in words: an empty value is shown as `""`, never as nothing after the arrow. */
const tagValue = (value: string | undefined): string => (value === undefined ? NONE : value === '' ? '""' : value);

function keysOf(elements: TableSpec['keySchema']): Key[] {
  const keys: Key[] = [];
  for (const e of elements) {
    const name = valueOf(e.name);
    const keyType = valueOf(e.keyType);
    if (name !== undefined && keyType !== undefined) { keys.push({ name, keyType }); }
  }
  return keys;
}

function wantedIndex(index: IndexSpec, table: TableSpec): WantedIndex {
  const name = valueOf(index.name);
  if (name === undefined) { throw new Error(`table ${valueOf(table.name) ?? '?'}: an index at ${index.pointer} has no valid name`); }
  let keySchema = keysOf(index.keySchema);
  // An LSI written with its sort key only (flat dialect) shares the table's partition key.
  if (index.kind === 'LSI' && !keySchema.some(k => k.keyType === 'HASH')) {
    const hash = keysOf(table.keySchema).find(k => k.keyType === 'HASH');
    if (hash) { keySchema = [hash, ...keySchema]; }
  }
  return {
    kind: index.kind,
    name,
    keySchema,
    projectionType: valueOf(index.projection?.type) ?? 'ALL',
    nonKeyAttributes: valueOf(index.projection?.nonKeyAttributes) ?? [],
    read: valueOf(index.throughput?.read),
    write: valueOf(index.throughput?.write),
    pointer: index.pointer,
  };
}

/**
 * Whether the file gives a setting's flag at all: an `enabled` it gives but that is not known (a
 * Terraform variable) or not valid is not inferred from the setting's other keys.
 */
function given(field: { readonly valid: boolean } | undefined): boolean {
  return field !== undefined;
}

/**
 * The live indexes of a kind whose list the file leaves to its tool (IndexSpec.computed) are
 * wanted as they are, beside the ones the file states: nothing is planned for what is not known.
 */
function keepComputed(wanted: Wanted, live: LiveTable | undefined): Wanted {
  if (!live || (wanted.computed.GSI === undefined && wanted.computed.LSI === undefined)) { return wanted; }
  const attributes: Record<string, AttributeType> = { ...wanted.attributes };
  const keep = (stated: readonly WantedIndex[], liveList: readonly LiveIndex[], pointer: Pointer | undefined): WantedIndex[] => {
    if (pointer === undefined) { return [...stated]; }
    const out = [...stated];
    for (const l of liveList) {
      if (stated.some(w => w.name === l.name)) { continue; }
      for (const k of l.keySchema) { attributes[k.name] ??= live.attributes[k.name]; }
      out.push({ kind: l.kind, name: l.name, keySchema: l.keySchema, projectionType: l.projectionType, nonKeyAttributes: l.nonKeyAttributes, read: l.throughput?.read, write: l.throughput?.write, pointer });
    }
    return out;
  };
  const gsis = keep(wanted.gsis, live.globalSecondaryIndexes, wanted.computed.GSI);
  const lsis = keep(wanted.lsis, live.localSecondaryIndexes, wanted.computed.LSI);
  return { ...wanted, gsis, lsis, attributes };
}

function readWanted(spec: TableSpec): Wanted {
  const name = valueOf(spec.name);
  if (name === undefined) { throw new Error(`the table config at ${spec.pointer} has no valid table name`); }
  const attributes: Record<string, AttributeType> = {};
  for (const a of spec.attributes) {
    const n = valueOf(a.name);
    const t = valueOf(a.type);
    if (n === undefined || t === undefined) { continue; }
    // One attribute, two types (a genesys GSI typing the table's sort key differently, say): no
    // plan can be right, whichever type wins. Validation reports it; this never plans it.
    if (attributes[n] !== undefined && attributes[n] !== t) {
      throw new Error(`table ${name}: attribute ${n} is given two types (${attributes[n]} and ${t}); fix the config first`);
    }
    attributes[n] = t;
  }
  let billingMode = valueOf(spec.billingMode);
  // A table that names no billing mode has its dialect's default (component: PROVISIONED).
  // The dialect's default stands for an absent mode only: a mode the file gives but that is not
  // known (a template's `!If`) is left as it is on the server.
  if (spec.billingMode === undefined) { billingMode ??= dialectOf(spec.dialect).defaults?.billingMode; }

  let stream: Wanted['stream'];
  if (spec.stream) {
    const viewType = valueOf(spec.stream.viewType);
    const enabled = given(spec.stream.enabled) ? valueOf(spec.stream.enabled) : (viewType !== undefined ? true : undefined);
    if (enabled !== undefined) { stream = { enabled, viewType, pointer: spec.stream.pointer }; }
  }
  let ttl: Wanted['ttl'];
  if (spec.ttl) {
    const attributeName = valueOf(spec.ttl.attributeName) || undefined;
    const enabled = given(spec.ttl.enabled) ? valueOf(spec.ttl.enabled) : (attributeName !== undefined ? true : undefined);
    if (enabled !== undefined) { ttl = { enabled, attributeName, pointer: spec.ttl.pointer }; }
  }
  let sse: Wanted['sse'];
  if (spec.sse) {
    const kmsKeyId = valueOf(spec.sse.kmsKeyId) || undefined;
    const enabled = given(spec.sse.enabled) ? valueOf(spec.sse.enabled) : (kmsKeyId !== undefined ? true : undefined);
    if (enabled !== undefined) { sse = { enabled, type: valueOf(spec.sse.type), kmsKeyId, pointer: spec.sse.pointer }; }
  }
  const pitr = valueOf(spec.pointInTimeRecovery);
  const tableClass = valueOf(spec.tableClass);
  const deletionProtection = valueOf(spec.deletionProtection);
  let tags: Wanted['tags'];
  if (spec.tagsPointer !== undefined || spec.tags.length > 0) {
    const value: Record<string, string> = {};
    for (const t of spec.tags) {
      const v = valueOf(t.value);
      if (v !== undefined) { value[t.key] = v; }
    }
    tags = { value, pointer: spec.tagsPointer };
  }
  return {
    name,
    billingMode,
    billingPointer: spec.billingMode?.pointer,
    read: valueOf(spec.throughput?.read),
    write: valueOf(spec.throughput?.write),
    throughputPointer: spec.throughput?.pointer,
    attributes,
    keySchema: keysOf(spec.keySchema),
    gsis: spec.globalSecondaryIndexes.filter(i => !i.computed).map(i => wantedIndex(i, spec)),
    lsis: spec.localSecondaryIndexes.filter(i => !i.computed).map(i => wantedIndex(i, spec)),
    computed: {
      GSI: spec.globalSecondaryIndexes.find(i => i.computed)?.pointer,
      LSI: spec.localSecondaryIndexes.find(i => i.computed)?.pointer,
    },
    stream,
    ttl,
    pitr: pitr === undefined ? undefined : { enabled: pitr, pointer: spec.pointInTimeRecovery!.pointer },
    sse,
    tableClass: tableClass === undefined ? undefined : { value: tableClass, pointer: spec.tableClass!.pointer },
    deletionProtection: deletionProtection === undefined ? undefined : { value: deletionProtection, pointer: spec.deletionProtection!.pointer },
    tags,
  };
}

// ---- words ----

function keysText(keys: readonly Key[], types: Readonly<Record<string, AttributeType>>): string {
  if (keys.length === 0) { return NONE; }
  return keys.map(k => `${k.name} (${types[k.name] ?? '?'}, ${k.keyType})`).join(', ');
}
function throughputText(read: number | undefined, write: number | undefined): string {
  return read === undefined && write === undefined ? NONE : `read ${read ?? '?'} / write ${write ?? '?'}`;
}
function projectionText(type: ProjectionType, nonKey: readonly string[]): string {
  return type === 'INCLUDE' ? `INCLUDE [${nonKey.join(', ')}]` : type;
}
function indexText(index: WantedIndex | LiveIndex, types: Readonly<Record<string, AttributeType>>): string {
  return `keys ${keysText(index.keySchema, types)}; projection ${projectionText(index.projectionType, index.nonKeyAttributes)}`;
}
function streamText(s: { enabled: boolean; viewType?: string } | undefined): string {
  return !s || !s.enabled ? 'disabled' : `enabled (${s.viewType ?? 'view type unset'})`;
}
function ttlText(t: { enabled: boolean; attributeName?: string }): string {
  return t.enabled ? `enabled (${t.attributeName ?? '?'})` : 'disabled';
}
function onOff(b: boolean): string { return b ? 'enabled' : 'disabled'; }
function sseText(s: { enabled: boolean; kmsKeyId?: string; kmsKeyArn?: string }): string {
  if (!s.enabled) { return 'disabled (AWS owned key)'; }
  const key = s.kmsKeyId ?? s.kmsKeyArn;
  return key ? `enabled (KMS ${key})` : 'enabled (KMS, AWS managed key)';
}

// ---- SDK input pieces ----

function keySchemaInput(keys: readonly Key[]): KeySchemaElement[] {
  return keys.map(k => ({ AttributeName: k.name, KeyType: k.keyType }));
}
function projectionInput(index: WantedIndex): Projection {
  return index.projectionType === 'INCLUDE'
    ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.nonKeyAttributes] }
    : { ProjectionType: index.projectionType };
}
function definitionsFor(keys: readonly Key[], wanted: Wanted): AttributeDefinition[] {
  const seen = new Set<string>();
  const out: AttributeDefinition[] = [];
  for (const k of keys) {
    if (seen.has(k.name)) { continue; }
    seen.add(k.name);
    const type = wanted.attributes[k.name];
    if (!type) { throw new Error(`table ${wanted.name}: key attribute ${k.name} has no type in the config`); }
    out.push({ AttributeName: k.name, AttributeType: type });
  }
  return out;
}
function gsiThroughput(index: WantedIndex, wanted: Wanted, live?: LiveThroughput): ProvisionedThroughput {
  const read = index.read ?? live?.read ?? wanted.read;
  const write = index.write ?? live?.write ?? wanted.write;
  if (read === undefined || write === undefined) {
    throw new Error(`table ${wanted.name}: GSI ${index.name} needs read and write capacity (the table is PROVISIONED)`);
  }
  return { ReadCapacityUnits: read, WriteCapacityUnits: write };
}
function gsiInput(index: WantedIndex, wanted: Wanted, provisioned: boolean): GlobalSecondaryIndex {
  return {
    IndexName: index.name,
    KeySchema: keySchemaInput(index.keySchema),
    Projection: projectionInput(index),
    ...(provisioned ? { ProvisionedThroughput: gsiThroughput(index, wanted) } : {}),
  };
}

function sameKeys(a: readonly (Key | LiveKeyElement)[], b: readonly (Key | LiveKeyElement)[]): boolean {
  return a.length === b.length && a.every((k, i) => k.name === b[i].name && k.keyType === b[i].keyType);
}
function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  return sa.size === new Set(b).size && b.every(x => sa.has(x));
}
function sameIndexShape(w: WantedIndex, l: LiveIndex, wanted: Wanted, live: LiveTable): boolean {
  return sameKeys(w.keySchema, l.keySchema)
    && w.keySchema.every(k => wanted.attributes[k.name] === live.attributes[k.name])
    && w.projectionType === l.projectionType
    && (w.projectionType !== 'INCLUDE' || sameSet(w.nonKeyAttributes, l.nonKeyAttributes));
}

// ---- create ----

function createInput(wanted: Wanted): CreateTableCommandInput {
  const mode: BillingMode = wanted.billingMode ?? (wanted.read !== undefined || wanted.write !== undefined ? 'PROVISIONED' : 'PAY_PER_REQUEST');
  const provisioned = mode === 'PROVISIONED';
  if (provisioned && (wanted.read === undefined || wanted.write === undefined)) {
    throw new Error(`table ${wanted.name}: PROVISIONED needs read and write capacity units`);
  }
  const allKeys = [...wanted.keySchema, ...wanted.gsis.flatMap(i => i.keySchema), ...wanted.lsis.flatMap(i => i.keySchema)];
  const input: CreateTableCommandInput = {
    TableName: wanted.name,
    AttributeDefinitions: definitionsFor(allKeys, wanted),
    KeySchema: keySchemaInput(wanted.keySchema),
    BillingMode: mode,
    ...(provisioned ? { ProvisionedThroughput: { ReadCapacityUnits: wanted.read, WriteCapacityUnits: wanted.write } } : {}),
  };
  if (wanted.gsis.length > 0) { input.GlobalSecondaryIndexes = wanted.gsis.map(i => gsiInput(i, wanted, provisioned)); }
  if (wanted.lsis.length > 0) {
    input.LocalSecondaryIndexes = wanted.lsis.map((i): LocalSecondaryIndex => ({
      IndexName: i.name, KeySchema: keySchemaInput(i.keySchema), Projection: projectionInput(i),
    }));
  }
  if (wanted.stream?.enabled) {
    if (!wanted.stream.viewType) { throw new Error(`table ${wanted.name}: streams are enabled without a view type`); }
    input.StreamSpecification = { StreamEnabled: true, StreamViewType: wanted.stream.viewType };
  }
  if (wanted.sse?.enabled) {
    input.SSESpecification = { Enabled: true, SSEType: 'KMS', ...(wanted.sse.kmsKeyId ? { KMSMasterKeyId: wanted.sse.kmsKeyId } : {}) };
  }
  if (wanted.tableClass) { input.TableClass = wanted.tableClass.value; }
  if (wanted.deletionProtection) { input.DeletionProtectionEnabled = wanted.deletionProtection.value; }
  const tags = Object.entries(wanted.tags?.value ?? {});
  if (tags.length > 0) { input.Tags = tags.map(([Key, Value]) => ({ Key, Value })); }
  return input;
}

function createChanges(wanted: Wanted, input: CreateTableCommandInput): Change[] {
  const c: Change[] = [];
  const add = (setting: Setting, field: string, to: string, pointer?: Pointer, toDefault?: boolean) =>
    c.push({ setting, field, from: NONE, to, pointer, ...(toDefault ? { toDefault } : {}) });
  add('key-schema', 'key schema', keysText(wanted.keySchema, wanted.attributes));
  add('billing-mode', 'billing mode', input.BillingMode ?? 'PAY_PER_REQUEST', wanted.billingPointer);
  if (input.ProvisionedThroughput) {
    add('throughput', 'throughput', throughputText(input.ProvisionedThroughput.ReadCapacityUnits, input.ProvisionedThroughput.WriteCapacityUnits), wanted.throughputPointer);
  }
  for (const i of wanted.gsis) { add('gsi', `GSI ${i.name}`, indexText(i, wanted.attributes), i.pointer); }
  for (const i of wanted.lsis) { add('lsi', `LSI ${i.name}`, indexText(i, wanted.attributes), i.pointer); }
  if (wanted.stream) { add('stream', 'stream', streamText(wanted.stream), wanted.stream.pointer, !wanted.stream.enabled); }
  if (wanted.ttl) { add('ttl', 'TTL', ttlText(wanted.ttl), wanted.ttl.pointer, !wanted.ttl.enabled); }
  if (wanted.sse) { add('sse', 'SSE', sseText(wanted.sse), wanted.sse.pointer, !wanted.sse.enabled); }
  if (wanted.tableClass) { add('table-class', 'table class', wanted.tableClass.value, wanted.tableClass.pointer, wanted.tableClass.value === 'STANDARD'); }
  if (wanted.deletionProtection) {
    add('deletion-protection', 'deletion protection', onOff(wanted.deletionProtection.value), wanted.deletionProtection.pointer, !wanted.deletionProtection.value);
  }
  if (wanted.pitr) { add('pitr', 'point-in-time recovery', onOff(wanted.pitr.enabled), wanted.pitr.pointer); }
  for (const [k, v] of Object.entries(wanted.tags?.value ?? {})) { add('tag', `tag ${k}`, v, wanted.tags?.pointer); }
  return c;
}

/** The steps that follow a CreateTable (TTL and PITR have their own calls). */
function afterCreateSteps(wanted: Wanted): Step[] {
  const steps: Step[] = [];
  if (wanted.ttl?.enabled) {
    if (!wanted.ttl.attributeName) { throw new Error(`table ${wanted.name}: TTL is enabled without an attribute name`); }
    steps.push({
      kind: 'UpdateTimeToLive', title: `Enable TTL on ${wanted.ttl.attributeName}`,
      input: { TableName: wanted.name, TimeToLiveSpecification: { Enabled: true, AttributeName: wanted.ttl.attributeName } },
      changes: [{ setting: 'ttl', field: 'TTL', from: 'disabled', to: ttlText(wanted.ttl), pointer: wanted.ttl.pointer }],
    });
  }
  if (wanted.pitr?.enabled) {
    steps.push({
      kind: 'UpdateContinuousBackups', title: 'Enable point-in-time recovery',
      input: { TableName: wanted.name, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } },
      changes: [{ setting: 'pitr', field: 'point-in-time recovery', from: 'disabled', to: 'enabled', pointer: wanted.pitr.pointer }],
    });
  }
  return steps;
}

function createSteps(wanted: Wanted): { steps: Step[]; changes: Change[] } {
  const input = createInput(wanted);
  const changes = createChanges(wanted, input);
  const after = afterCreateSteps(wanted);
  const inCreate = changes.filter(c => CHANGE_STEPS[c.setting].sentBy.includes('CreateTable'));
  return { steps: [{ kind: 'CreateTable', title: `Create table ${wanted.name}`, input, changes: inCreate }, ...after], changes };
}

// ---- replacement ----

function replaceReasons(wanted: Wanted, live: LiveTable): { reasons: string[]; changes: Change[] } {
  const reasons: string[] = [];
  const changes: Change[] = [];
  const liveKeys = keysText(live.keySchema, live.attributes);
  const wantKeys = keysText(wanted.keySchema, wanted.attributes);
  if (!sameKeys(wanted.keySchema, live.keySchema)) {
    reasons.push(`the key schema differs (${liveKeys} -> ${wantKeys}); DynamoDB cannot change a table's keys`);
    changes.push({ setting: 'key-schema', field: 'key schema', from: liveKeys, to: wantKeys });
  } else {
    for (const k of wanted.keySchema) {
      if (wanted.attributes[k.name] !== live.attributes[k.name]) {
        reasons.push(`key attribute ${k.name} changes type (${live.attributes[k.name] ?? '?'} -> ${wanted.attributes[k.name] ?? '?'})`);
        changes.push({ setting: 'key-type', field: `attribute ${k.name}.type`, from: live.attributes[k.name] ?? NONE, to: wanted.attributes[k.name] ?? NONE });
      }
    }
  }
  const liveLsis = new Map(live.localSecondaryIndexes.map(i => [i.name, i]));
  const wantLsis = new Map(wanted.lsis.map(i => [i.name, i]));
  for (const [name, w] of wantLsis) {
    const l = liveLsis.get(name);
    if (!l) {
      reasons.push(`LSI ${name} is added; local secondary indexes exist only from table creation`);
      changes.push({ setting: 'lsi', field: `LSI ${name}`, from: NONE, to: indexText(w, wanted.attributes), pointer: w.pointer });
    } else if (!sameIndexShape(w, l, wanted, live)) {
      reasons.push(`LSI ${name} changes; local secondary indexes cannot be altered`);
      changes.push({ setting: 'lsi', field: `LSI ${name}`, from: indexText(l, live.attributes), to: indexText(w, wanted.attributes), pointer: w.pointer });
    }
  }
  for (const [name, l] of liveLsis) {
    if (!wantLsis.has(name)) {
      reasons.push(`LSI ${name} is removed; local secondary indexes cannot be deleted`);
      changes.push({ setting: 'lsi', field: `LSI ${name}`, from: indexText(l, live.attributes), to: NONE });
    }
  }
  return { reasons, changes };
}

// ---- update ----

function updateSteps(wanted: Wanted, live: LiveTable, unknown: UnknownSetting[]): Step[] {
  const steps: Step[] = [];
  const table = wanted.name;
  const liveGsis = new Map(live.globalSecondaryIndexes.map(i => [i.name, i]));
  const wantGsis = new Map(wanted.gsis.map(i => [i.name, i]));

  // 1. GSI deletes (removed or redefined)
  const redefined = new Set<string>();
  for (const [name, l] of liveGsis) {
    const w = wantGsis.get(name);
    if (w && sameIndexShape(w, l, wanted, live)) { continue; }
    if (w) { redefined.add(name); }
    steps.push({
      kind: 'UpdateTable',
      title: w ? `Delete GSI ${name} (to create it again with a new key schema or projection)` : `Delete GSI ${name}`,
      input: { TableName: table, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: name } }] },
      changes: [{ setting: 'gsi', field: `GSI ${name}`, from: indexText(l, live.attributes), to: w ? 'deleted, then created again' : NONE, pointer: w?.pointer }],
    });
  }

  // 2. billing mode and throughput (table and kept GSIs)
  const mode: BillingMode = wanted.billingMode ?? live.billingMode;
  const provisioned = mode === 'PROVISIONED';
  {
    const input: UpdateTableCommandInput = { TableName: table };
    const changes: Change[] = [];
    const switching = mode !== live.billingMode;
    if (switching) {
      input.BillingMode = mode;
      changes.push({ setting: 'billing-mode', field: 'billing mode', from: live.billingMode, to: mode, pointer: wanted.billingPointer });
    }
    if (provisioned) {
      const liveTp = live.billingMode === 'PROVISIONED' ? live.throughput : undefined;
      const read = wanted.read ?? liveTp?.read;
      const write = wanted.write ?? liveTp?.write;
      if (read === undefined || write === undefined) { throw new Error(`table ${table}: PROVISIONED needs read and write capacity units`); }
      if (switching || read !== liveTp?.read || write !== liveTp?.write) {
        input.ProvisionedThroughput = { ReadCapacityUnits: read, WriteCapacityUnits: write };
        changes.push({ setting: 'throughput', field: 'throughput', from: throughputText(liveTp?.read, liveTp?.write), to: throughputText(read, write), pointer: wanted.throughputPointer });
      }
      const gsiUpdates: GlobalSecondaryIndexUpdate[] = [];
      for (const [name, l] of liveGsis) {
        const w = wantGsis.get(name);
        if (!w || redefined.has(name)) { continue; }
        const liveGsiTp = live.billingMode === 'PROVISIONED' ? l.throughput : undefined;
        const tp = gsiThroughput(w, wanted, liveGsiTp);
        if (switching || tp.ReadCapacityUnits !== liveGsiTp?.read || tp.WriteCapacityUnits !== liveGsiTp?.write) {
          gsiUpdates.push({ Update: { IndexName: name, ProvisionedThroughput: tp } });
          changes.push({
            setting: 'gsi-throughput', field: `GSI ${name}.throughput`, from: throughputText(liveGsiTp?.read, liveGsiTp?.write),
            to: throughputText(tp.ReadCapacityUnits, tp.WriteCapacityUnits), pointer: w.pointer,
          });
        }
      }
      if (gsiUpdates.length > 0) { input.GlobalSecondaryIndexUpdates = gsiUpdates; }
    }
    if (changes.length > 0) {
      steps.push({ kind: 'UpdateTable', title: switching ? `Switch billing mode to ${mode}` : 'Update provisioned throughput', input, changes });
    }
  }

  // 3. GSI creates
  for (const [name, w] of wantGsis) {
    const l = liveGsis.get(name);
    if (l && !redefined.has(name)) { continue; }
    steps.push({
      kind: 'UpdateTable',
      title: `Create GSI ${name}`,
      input: {
        TableName: table,
        AttributeDefinitions: definitionsFor([...wanted.keySchema, ...w.keySchema], wanted),
        GlobalSecondaryIndexUpdates: [{ Create: gsiInput(w, wanted, provisioned) }],
      },
      changes: [{ setting: 'gsi', field: `GSI ${name}`, from: l ? indexText(l, live.attributes) : NONE, to: indexText(w, wanted.attributes), pointer: w.pointer }],
    });
  }

  // 4. stream
  const ws = wanted.stream;
  if (ws) {
    const ls = live.stream;
    const change: Change = { setting: 'stream', field: 'stream', from: streamText(ls), to: streamText(ws), pointer: ws.pointer, ...(ws.enabled ? {} : { toDefault: true }) };
    const viewChanges = ws.enabled && ls.enabled && ws.viewType !== undefined && ws.viewType !== ls.viewType;
    if ((!ws.enabled && ls.enabled) || viewChanges) {
      steps.push({
        kind: 'UpdateTable', title: viewChanges ? 'Disable the stream (to change its view type)' : 'Disable the stream',
        input: { TableName: table, StreamSpecification: { StreamEnabled: false } }, changes: viewChanges ? [] : [change],
      });
    }
    if (ws.enabled && (!ls.enabled || viewChanges)) {
      if (!ws.viewType) { throw new Error(`table ${table}: streams are enabled without a view type`); }
      steps.push({
        kind: 'UpdateTable', title: `Enable the stream (${ws.viewType})`,
        input: { TableName: table, StreamSpecification: { StreamEnabled: true, StreamViewType: ws.viewType } }, changes: [change],
      });
    }
  }

  // 5. TTL
  const wt = wanted.ttl;
  if (wt) {
    if (live.ttl.state === 'unknown') {
      unknown.push({ setting: 'ttl', field: 'TTL', reason: live.ttl.reason, wanted: ttlText(wt), pointer: wt.pointer });
    } else {
      const lt = live.ttl.value;
      const liveOn = lt.enabled || lt.status === 'ENABLING';
      const change: Change = {
        setting: 'ttl', field: 'TTL', from: ttlText({ enabled: liveOn, attributeName: lt.attributeName }), to: ttlText(wt), pointer: wt.pointer,
        ...(wt.enabled ? {} : { toDefault: true }),
      };
      const attrChanges = wt.enabled && liveOn && wt.attributeName !== undefined && wt.attributeName !== lt.attributeName;
      if (liveOn && (!wt.enabled || attrChanges)) {
        steps.push({
          kind: 'UpdateTimeToLive', title: attrChanges ? `Disable TTL on ${lt.attributeName} (to enable it on ${wt.attributeName})` : 'Disable TTL',
          input: { TableName: table, TimeToLiveSpecification: { Enabled: false, AttributeName: lt.attributeName } },
          changes: attrChanges ? [] : [change],
        });
      }
      if (wt.enabled && (!liveOn || attrChanges)) {
        if (!wt.attributeName) { throw new Error(`table ${table}: TTL is enabled without an attribute name`); }
        steps.push({
          kind: 'UpdateTimeToLive', title: `Enable TTL on ${wt.attributeName}`,
          input: { TableName: table, TimeToLiveSpecification: { Enabled: true, AttributeName: wt.attributeName } }, changes: [change],
        });
      }
    }
  }

  // 6. SSE, table class, deletion protection
  const wsse = wanted.sse;
  const sseUnreported = !live.sse.enabled && live.arn?.split(':')[3] === 'ddblocal';
  if (wsse && sseUnreported) {
    // DynamoDB Local (ARN region `ddblocal`) accepts SSESpecification but never reports it.
    unknown.push({ setting: 'sse', field: 'SSE', reason: 'DynamoDB Local does not report server-side encryption', wanted: sseText(wsse), pointer: wsse.pointer });
  } else if (wsse) {
    const keyDiffers = wsse.enabled && wsse.kmsKeyId !== undefined && !sameKmsKey(wsse.kmsKeyId, live.sse.kmsKeyArn);
    if (wsse.enabled !== live.sse.enabled || keyDiffers) {
      steps.push({
        kind: 'UpdateTable', title: wsse.enabled ? 'Enable server-side encryption with KMS' : 'Use the AWS owned key for encryption',
        input: {
          TableName: table,
          SSESpecification: wsse.enabled ? { Enabled: true, SSEType: 'KMS', ...(wsse.kmsKeyId ? { KMSMasterKeyId: wsse.kmsKeyId } : {}) } : { Enabled: false },
        },
        changes: [{ setting: 'sse', field: 'SSE', from: sseText(live.sse), to: sseText(wsse), pointer: wsse.pointer, ...(wsse.enabled ? {} : { toDefault: true }) }],
      });
    }
  }
  if (wanted.tableClass && wanted.tableClass.value !== live.tableClass) {
    steps.push({
      kind: 'UpdateTable', title: `Change table class to ${wanted.tableClass.value}`,
      input: { TableName: table, TableClass: wanted.tableClass.value },
      changes: [{
        setting: 'table-class', field: 'table class', from: live.tableClass, to: wanted.tableClass.value, pointer: wanted.tableClass.pointer,
        ...(wanted.tableClass.value === 'STANDARD' ? { toDefault: true } : {}),
      }],
    });
  }
  if (wanted.deletionProtection && wanted.deletionProtection.value !== live.deletionProtection) {
    const on = wanted.deletionProtection.value;
    steps.push({
      kind: 'UpdateTable', title: `${on ? 'Enable' : 'Disable'} deletion protection`,
      input: { TableName: table, DeletionProtectionEnabled: on },
      changes: [{
        setting: 'deletion-protection', field: 'deletion protection', from: onOff(live.deletionProtection), to: onOff(on), pointer: wanted.deletionProtection.pointer,
        ...(on ? {} : { toDefault: true }),
      }],
    });
  }

  // 7. PITR
  if (wanted.pitr) {
    if (live.pointInTimeRecovery.state === 'unknown') {
      unknown.push({ setting: 'pitr', field: 'point-in-time recovery', reason: live.pointInTimeRecovery.reason, wanted: onOff(wanted.pitr.enabled), pointer: wanted.pitr.pointer });
    } else if (live.pointInTimeRecovery.value.enabled !== wanted.pitr.enabled) {
      steps.push({
        kind: 'UpdateContinuousBackups', title: `${wanted.pitr.enabled ? 'Enable' : 'Disable'} point-in-time recovery`,
        input: { TableName: table, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: wanted.pitr.enabled } },
        changes: [{ setting: 'pitr', field: 'point-in-time recovery', from: onOff(live.pointInTimeRecovery.value.enabled), to: onOff(wanted.pitr.enabled), pointer: wanted.pitr.pointer }],
      });
    }
  }

  // 8. tags
  if (wanted.tags) {
    if (live.tags.state === 'unknown') {
      const list = Object.entries(wanted.tags.value).map(([k, v]) => `${k}=${tagValue(v)}`).join(', ');
      unknown.push({ setting: 'tag', field: 'tags', reason: live.tags.reason, wanted: list || NONE, pointer: wanted.tags.pointer });
    } else {
      const lt = live.tags.value;
      const set = Object.entries(wanted.tags.value).filter(([k, v]) => lt[k] !== v);
      const remove = Object.keys(lt).filter(k => !(k in wanted.tags!.value) && !k.startsWith('aws:'));
      const arn = live.arn ?? '';
      if (set.length > 0) {
        steps.push({
          kind: 'TagResource', title: `Set tag(s) ${set.map(([k]) => k).join(', ')}`,
          input: { ResourceArn: arn, Tags: set.map(([Key, Value]) => ({ Key, Value })) },
          changes: set.map(([k, v]) => ({ setting: 'tag', field: `tag ${k}`, from: tagValue(lt[k]), to: tagValue(v), pointer: wanted.tags?.pointer })),
        });
      }
      if (remove.length > 0) {
        steps.push({
          kind: 'UntagResource', title: `Remove tag(s) ${remove.join(', ')}`,
          input: { ResourceArn: arn, TagKeys: remove },
          changes: remove.map(k => ({ setting: 'tag', field: `tag ${k}`, from: tagValue(lt[k]), to: NONE, pointer: wanted.tags?.pointer })),
        });
      }
    }
  }
  return steps;
}

/** A KMS key given as id, alias or ARN against the live key ARN. */
function sameKmsKey(wanted: string, liveArn: string | undefined): boolean {
  if (!liveArn) { return false; }
  return liveArn === wanted || liveArn.endsWith(`/${wanted}`) || liveArn.endsWith(`:${wanted}`);
}

/**
 * Plans a config's table against the live table (undefined when it does not exist).
 * Throws when the spec lacks what a plan needs (a valid name, key attribute types): validate
 * first; a config with validation errors is never planned for apply.
 */
export function plan(spec: TableSpec, live: LiveTable | undefined): Plan {
  const wanted = keepComputed(readWanted(spec), live);
  if (!live) {
    const { steps, changes } = createSteps(wanted);
    return { table: wanted.name, kind: 'create', steps, changes, unknown: [] };
  }
  const { reasons, changes: replaceChanges } = replaceReasons(wanted, live);
  if (reasons.length > 0) {
    const { steps } = createSteps(wanted);
    const deleteStep: Step = {
      kind: 'DeleteTable', title: `Delete table ${wanted.name} (all its items are lost)`,
      input: { TableName: wanted.name }, changes: replaceChanges,
    };
    // The differences are against the live table (not the create's `(none) -> …`): the table exists,
    // and after a replacement that did not run (refused, deletion protection) these are what still differs.
    const differences = updateSteps(wanted, live, []).flatMap(s => s.changes);
    return {
      table: wanted.name, kind: 'replace', steps: [deleteStep, ...steps],
      changes: [...replaceChanges, ...differences.filter(c => !replaceChanges.some(r => r.field === c.field))],
      unknown: [], replaceReasons: reasons,
    };
  }
  const unknown: UnknownSetting[] = [];
  const steps = updateSteps(wanted, live, unknown);
  return {
    table: wanted.name,
    kind: steps.length > 0 ? 'update' : 'none',
    steps,
    changes: steps.flatMap(s => s.changes),
    unknown,
  };
}
