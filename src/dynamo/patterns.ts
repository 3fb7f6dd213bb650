/**
 * Runs a design: scratch copies of its tables (unique names) on a server, the entities' sample
 * items written to them, every access pattern sent as its real call (GetItem, Query, Scan,
 * PutItem, ...) with ReturnConsumedCapacity, and per pattern: items returned, the entities among
 * them, consumed capacity, whether it scanned, and whether the result is what the key templates
 * promise (the same items the key condition selects from the generated data, of the entities
 * the pattern declares). The scratch tables are deleted afterwards, also on failure or cancel.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  BatchGetItemCommand, BatchWriteItemCommand, CreateTableCommand, DeleteItemCommand, DeleteTableCommand, DynamoDBClient, GetItemCommand,
  PutItemCommand, QueryCommand, ScanCommand, TransactGetItemsCommand, TransactWriteItemsCommand, UpdateItemCommand, waitUntilTableNotExists,
} from '@aws-sdk/client-dynamodb';
import type { AttributeValue, ConsumedCapacity, CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { AccessPatternSpec, DesignSpec, KeyConditionSpec } from '../model/design';
import { placeholders } from '../model/design';
import type { TableSpec } from '../model/spec';
import { plan } from '../plan/plan';
import { tableNameOf } from '../design/read';
import { boundParameters, boundValues } from '../design/bounds';
import type { BoundPlaceholder } from '../design/bounds';
import { entityItem, entityOf, generateSamples, keyString, matchesCondition, random, sampleTableOf } from '../design/samples';
import type { Sample, SampleItem, SampleOptions } from '../design/samples';
import { allKeys, definedType, describeServing, servingOf } from '../design/serve';
import type { Call, IndexKeys } from '../design/serve';
import { fill } from '../design/templates';
import { batchPut } from './seed';
import { explain, waitForActive } from './tables';

export interface PatternResult {
  readonly name: string;
  readonly table: string;
  readonly index?: string;
  /** The call as declared, and how it was sent (a Scan when no index serves it). */
  readonly call: Call;
  readonly sent: Call;
  /** `Query on GSI1 with GSI1PK = "USER#{userId}" AND begins_with(GSI1SK, "ORDER#")`. */
  readonly how: string;
  /** The values the run filled the templates with. */
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly scanned: boolean;
  readonly items: number;
  /** What the generated data holds for this condition (reads); undefined for writes. */
  readonly expected?: number;
  /** Entity name -> items of it among the results ("(unknown)" for items no entity's templates produce). */
  readonly entities: Readonly<Record<string, number>>;
  readonly consumedCapacity: number;
  /** Served as declared, and the result is what the templates promise. */
  readonly ok: boolean;
  /** Why not, in words. */
  readonly problems: readonly string[];
}

export interface DesignRunReport {
  readonly endpoint?: string;
  readonly tables: readonly { readonly name: string; readonly scratch: string; readonly items: number }[];
  readonly results: readonly PatternResult[];
  readonly ok: boolean;
  /** Scratch tables that could not be deleted (named so the user can). */
  readonly leftOver: readonly string[];
}

export interface RunOptions extends SampleOptions {
  readonly signal?: AbortSignal;
  /** Progress lines. */
  readonly progress?: (line: string) => void;
  /** How long to wait for a scratch table to become ACTIVE (default 2 minutes). */
  readonly activeTimeoutMs?: number;
}

/** A scratch name: the table's, a marker and a random suffix, within DynamoDB's 255 characters. */
export function scratchName(name: string): string {
  const suffix = `-patterns-${randomBytes(4).toString('hex')}`;
  return `${(name || 'table').slice(0, 255 - suffix.length)}${suffix}`;
}

/** The CreateTable input of a scratch copy: keys, indexes and billing; no stream, SSE, tags or deletion protection. */
export function scratchInput(spec: TableSpec, name: string): CreateTableCommandInput {
  const step = plan(spec, undefined).steps.find(s => s.kind === 'CreateTable');
  if (!step || step.kind !== 'CreateTable') { throw new Error(`table ${tableNameOf(spec)}: no CreateTable input (is the config valid?)`); }
  const { StreamSpecification: _s, SSESpecification: _e, Tags: _t, DeletionProtectionEnabled: _d, TableClass: _c, ...rest } = step.input;
  return { ...rest, TableName: name };
}

const READS = new Set<AccessPatternSpec['operation']>(['get', 'query', 'scan', 'batchGet', 'transactGet']);

function capacity(c: ConsumedCapacity | ConsumedCapacity[] | undefined): number {
  if (!c) { return 0; }
  return (Array.isArray(c) ? c : [c]).reduce((n, x) => n + (x.CapacityUnits ?? 0), 0);
}

type Key = Record<string, AttributeValue>;

/** Every page of a Query or Scan (`read` sends one, from `start`): the items and the capacity all pages consumed. */
async function readAllPages(read: (start: Key | undefined) => Promise<{ Items?: Key[]; ConsumedCapacity?: ConsumedCapacity; LastEvaluatedKey?: Key }>): Promise<{ items: SampleItem[]; units: number }> {
  const items: SampleItem[] = [];
  let units = 0;
  let start: Key | undefined;
  do {
    const out = await read(start);
    items.push(...(out.Items ?? []).map(i => unmarshall(i)));
    units += capacity(out.ConsumedCapacity);
    start = out.LastEvaluatedKey;
  } while (start);
  return { items, units };
}

interface Expression {
  readonly text: string | undefined;
  readonly names: Record<string, string>;
  readonly values: Record<string, AttributeValue>;
}

function expression(conditions: readonly KeyConditionSpec[], operands: ReadonlyMap<KeyConditionSpec, readonly (string | number)[]>): Expression {
  const names: Record<string, string> = {};
  const values: Record<string, AttributeValue> = {};
  const parts = conditions.map((c, i) => {
    names[`#k${i}`] = c.attribute;
    const vs = operands.get(c) ?? [];
    vs.forEach((v, j) => { values[`:v${i}_${j}`] = marshall({ v }).v; });
    const n = `#k${i}`;
    switch (c.operator) {
      case 'begins_with': return `begins_with(${n}, :v${i}_0)`;
      case 'between': return `${n} BETWEEN :v${i}_0 AND :v${i}_1`;
      default: return `${n} ${c.operator} :v${i}_0`;
    }
  });
  return { text: parts.length ? parts.join(' AND ') : undefined, names, values };
}

/**
 * The values for a pattern's placeholders: from the first sample of its entities (declared, else
 * any of its table) that has every one of them; that sample is also the item a get should find.
 * Range bounds that are parameters of the call ({from}, {to}) take the lowest and highest value
 * of the attribute they bound among the items those values target (`boundValues`).
 */
function parametersFor(
  pattern: AccessPatternSpec, samples: readonly Sample[], bounds: readonly BoundPlaceholder[], table: TableSpec,
  finds: (values: Readonly<Record<string, unknown>>) => boolean,
): { values: Record<string, unknown>; pivot?: Sample } {
  const parameters = new Set(bounds.map(b => b.placeholder));
  const wanted = [...new Set(pattern.keyCondition.flatMap(c => c.values.flatMap(placeholders)))].filter(w => !parameters.has(w));
  const own = samples.filter(s => s.table === pattern.table && (!pattern.entities?.length || pattern.entities.includes(s.entity)));
  const candidates = [...own, ...samples.filter(s => s.table === pattern.table && !own.includes(s))].filter(s => wanted.every(w => s.item[w] !== undefined));
  const valuesOf = (s: Sample | undefined): Record<string, unknown> => {
    const values = Object.fromEntries(s ? wanted.map(w => [w, s.item[w]]) : []);
    return bounds.length ? { ...values, ...boundValues(pattern, bounds, values, samples, (attribute, text) => operandOf(table, attribute, text)) } : values;
  };
  // Values for which the generated data holds something (a wrong pattern then shows what it finds instead).
  const pivot = candidates.find(s => finds(valuesOf(s))) ?? candidates[0];
  return { values: valuesOf(pivot), pivot };
}

/** A filled template as the key attribute's value: a number for an N key. */
function operandOf(table: TableSpec, attribute: string, text: string): string | number {
  return definedType(table, attribute) === 'N' && Number.isFinite(Number(text)) ? Number(text) : text;
}

function operandsOf(pattern: AccessPatternSpec, values: Readonly<Record<string, unknown>>, table: TableSpec): { operands: Map<KeyConditionSpec, (string | number)[]>; missing: string[] } {
  const operands = new Map<KeyConditionSpec, (string | number)[]>();
  const missing: string[] = [];
  for (const c of pattern.keyCondition) {
    const vs: (string | number)[] = [];
    for (const t of c.values) {
      const text = fill(t, values);
      if (text === undefined) { missing.push(t.text); continue; }
      vs.push(operandOf(table, c.attribute, text));
    }
    operands.set(c, vs);
  }
  return { operands, missing };
}

function itemKey(item: SampleItem, base: IndexKeys): Record<string, AttributeValue> {
  return marshall(Object.fromEntries([...base.hash, ...base.range].map(k => [k, item[k]])), { convertClassInstanceToMap: true });
}

/** Runs one pattern on its scratch table. Writes change the data: run them after every read. */
async function runPattern(
  client: DynamoDBClient, pattern: AccessPatternSpec, spec: TableSpec, scratch: string, design: DesignSpec,
  samples: Sample[], options: RunOptions, fresh: () => SampleItem | undefined,
): Promise<PatternResult> {
  const signal = options.signal;
  const serving = servingOf(pattern, spec);
  const base = allKeys(spec)[0];
  const entities = design.entities.filter(e => e.table === pattern.table);
  const problems: string[] = serving.problems.map(p => p.message);
  const lookIn = serving.target && (pattern.operation === 'query' || pattern.operation === 'scan') ? serving.target : base;
  const declared = entities.filter(e => pattern.entities?.includes(e.name));
  const bounds = boundParameters(pattern, declared.length ? declared : entities);
  const { values, pivot } = parametersFor(pattern, samples, bounds, spec, v => {
    const { operands: o, missing: m } = operandsOf(pattern, v, spec);
    return m.length === 0 && samples.some(s => s.table === pattern.table && matchesCondition(s.item, lookIn, pattern.keyCondition, o));
  });
  const { operands, missing } = operandsOf(pattern, values, spec);
  if (missing.length) { problems.push(`no sample item fills ${missing.join(', ')}`); }
  const how = describeServing(pattern, serving);
  const result = (r: Omit<PatternResult, 'name' | 'table' | 'index' | 'call' | 'how' | 'parameters' | 'ok' | 'problems'>, extra: string[] = []): PatternResult => {
    const all = [...problems, ...extra];
    return { name: pattern.name, table: pattern.table, ...(pattern.index ? { index: pattern.index } : {}), call: serving.call, how, parameters: values, ...r, ok: all.length === 0, problems: all };
  };
  const count = (items: readonly SampleItem[]): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const i of items) { const e = entityOf(i, entities, spec) ?? '(unknown)'; out[e] = (out[e] ?? 0) + 1; }
    return out;
  };
  const compare = (got: readonly SampleItem[], expected: readonly SampleItem[]): string[] => {
    const out: string[] = [];
    const gotKeys = new Set(got.map(i => keyString(i, base)));
    const wantKeys = new Set(expected.map(i => keyString(i, base)));
    const extra = [...gotKeys].filter(k => !wantKeys.has(k)).length;
    const lacking = [...wantKeys].filter(k => !gotKeys.has(k)).length;
    if (extra || lacking) { out.push(`returned ${got.length} item(s), the templates select ${expected.length} from the generated data (${extra} unexpected, ${lacking} missing)`); }
    const declared = pattern.entities ?? [];
    if (declared.length) {
      const found = Object.keys(count(got));
      const stray = found.filter(e => !declared.includes(e));
      if (stray.length) { out.push(`returned ${stray.join(', ')}, not only ${declared.join(', ')}`); }
      if (got.length === 0) { out.push(`returned no ${declared.join(' or ')}`); }
    }
    return out;
  };

  try {
    if (READS.has(pattern.operation)) {
      const target = serving.target ?? base;
      // What the generated data holds for this condition (a get: the one item of that key).
      const expected = samples.filter(s => s.table === pattern.table && matchesCondition(s.item, pattern.operation === 'query' || pattern.operation === 'scan' ? target : base, pattern.keyCondition, operands)).map(s => s.item);
      if (missing.length) { return result({ sent: serving.call, scanned: false, items: 0, expected: expected.length, entities: {}, consumedCapacity: 0 }); }
      const expr = expression(pattern.keyCondition, operands);
      const exprAttrs = expr.text ? { ExpressionAttributeNames: expr.names, ExpressionAttributeValues: expr.values } : {};
      const indexName = serving.target?.name;
      if (pattern.operation === 'scan' || serving.problems.some(p => p.code === 'pattern-needs-scan')) {
        // As declared (a scan), or as it would have to run: a Scan with the condition as a filter.
        const { items, units } = await readAllPages(start => client.send(new ScanCommand({
          TableName: scratch, ...(indexName ? { IndexName: indexName } : {}), ...(expr.text ? { FilterExpression: expr.text, ...exprAttrs } : {}),
          ReturnConsumedCapacity: 'TOTAL', ExclusiveStartKey: start,
        }), { abortSignal: signal }));
        const scanExpected = samples.filter(s => s.table === pattern.table && matchesCondition(s.item, indexName ? target : { ...base, hash: [], range: [] }, pattern.keyCondition, operands)).map(s => s.item);
        return result({ sent: 'Scan', scanned: true, items: items.length, expected: scanExpected.length, entities: count(items), consumedCapacity: units }, compare(items, scanExpected));
      }
      if (pattern.operation === 'query') {
        const { items, units } = await readAllPages(start => client.send(new QueryCommand({
          TableName: scratch, ...(indexName ? { IndexName: indexName } : {}), KeyConditionExpression: expr.text, ...exprAttrs,
          ReturnConsumedCapacity: 'TOTAL', ExclusiveStartKey: start,
        }), { abortSignal: signal }));
        return result({ sent: 'Query', scanned: false, items: items.length, expected: expected.length, entities: count(items), consumedCapacity: units }, compare(items, expected));
      }
      const key = Object.fromEntries(pattern.keyCondition.map(c => [c.attribute, operands.get(c)?.[0]]));
      if (pattern.operation === 'get') {
        const out = await client.send(new GetItemCommand({ TableName: scratch, Key: marshall(key), ReturnConsumedCapacity: 'TOTAL' }), { abortSignal: signal });
        const items = out.Item ? [unmarshall(out.Item)] : [];
        return result({ sent: 'GetItem', scanned: false, items: items.length, expected: expected.length, entities: count(items), consumedCapacity: capacity(out.ConsumedCapacity) }, compare(items, expected));
      }
      // Batch and transactional reads: the pattern's key for its pivot item and two more of its entities.
      const keys = [key, ...samples.filter(s => s.table === pattern.table && s !== pivot && (!pattern.entities?.length || pattern.entities.includes(s.entity))).slice(0, 2).map(s => unmarshall(itemKey(s.item, base)))];
      const wanted = samples.filter(s => keys.some(k => keyString(k, base) === keyString(s.item, base))).map(s => s.item);
      if (pattern.operation === 'batchGet') {
        const out = await client.send(new BatchGetItemCommand({ RequestItems: { [scratch]: { Keys: keys.map(k => marshall(k)) } }, ReturnConsumedCapacity: 'TOTAL' }), { abortSignal: signal });
        const items = (out.Responses?.[scratch] ?? []).map(i => unmarshall(i));
        return result({ sent: 'BatchGetItem', scanned: false, items: items.length, expected: wanted.length, entities: count(items), consumedCapacity: capacity(out.ConsumedCapacity) }, compare(items, wanted));
      }
      const out = await client.send(new TransactGetItemsCommand({ TransactItems: keys.map(k => ({ Get: { TableName: scratch, Key: marshall(k) } })), ReturnConsumedCapacity: 'TOTAL' }), { abortSignal: signal });
      const items = (out.Responses ?? []).flatMap(r => (r.Item ? [unmarshall(r.Item)] : []));
      return result({ sent: 'TransactGetItems', scanned: false, items: items.length, expected: wanted.length, entities: count(items), consumedCapacity: capacity(out.ConsumedCapacity) }, compare(items, wanted));
    }

    // Writes.
    const pk = base.hash[0];
    const conditionNames = { '#pk': pk };
    if (pattern.operation === 'put' || pattern.operation === 'batchWrite' || pattern.operation === 'transactWrite') {
      const item = fresh();
      if (!item) { return result({ sent: serving.call, scanned: false, items: 0, entities: {}, consumedCapacity: 0 }, [`no entity to write: name one in entities`]); }
      let units = 0;
      if (pattern.operation === 'put') {
        const out = await client.send(new PutItemCommand({ TableName: scratch, Item: marshall(item, { convertClassInstanceToMap: true }), ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: conditionNames, ReturnConsumedCapacity: 'TOTAL' }), { abortSignal: signal });
        units = capacity(out.ConsumedCapacity);
      } else if (pattern.operation === 'batchWrite') {
        const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [scratch]: [{ PutRequest: { Item: marshall(item, { convertClassInstanceToMap: true }) } }] }, ReturnConsumedCapacity: 'TOTAL' }), { abortSignal: signal });
        units = capacity(out.ConsumedCapacity);
      } else {
        const out = await client.send(new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: scratch, Item: marshall(item, { convertClassInstanceToMap: true }), ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: conditionNames } }], ReturnConsumedCapacity: 'TOTAL' }), { abortSignal: signal });
        units = capacity(out.ConsumedCapacity);
      }
      const check = await client.send(new GetItemCommand({ TableName: scratch, Key: itemKey(item, base) }), { abortSignal: signal });
      const stored = check.Item ? [unmarshall(check.Item)] : [];
      samples.push({ entity: entityOf(item, entities, spec) ?? '(unknown)', table: pattern.table, item });
      return result({ sent: serving.call, scanned: false, items: 1, entities: count([item]), consumedCapacity: units }, stored.length ? [] : ['the written item cannot be read back by its key']);
    }
    if (problems.length || !pivot) {
      return result({ sent: serving.call, scanned: false, items: 0, entities: {}, consumedCapacity: 0 }, pivot ? [] : ['no sample item to address']);
    }
    const key = Object.fromEntries(pattern.keyCondition.map(c => [c.attribute, operands.get(c)?.[0]]));
    if (pattern.operation === 'update') {
      const attr = Object.keys(pivot.item).find(a => !allKeys(spec).some(k => k.hash.includes(a) || k.range.includes(a)));
      const update = attr ? { UpdateExpression: 'SET #a = :a', ExpressionAttributeNames: { ...conditionNames, '#a': attr }, ExpressionAttributeValues: marshall({ ':a': pivot.item[attr] }, { convertClassInstanceToMap: true }) } : { ExpressionAttributeNames: conditionNames };
      const out = await client.send(new UpdateItemCommand({ TableName: scratch, Key: marshall(key), ConditionExpression: 'attribute_exists(#pk)', ...update, ReturnValues: 'ALL_NEW', ReturnConsumedCapacity: 'TOTAL' }), { abortSignal: signal });
      const items = out.Attributes ? [unmarshall(out.Attributes)] : [];
      return result({ sent: 'UpdateItem', scanned: false, items: items.length, entities: count(items), consumedCapacity: capacity(out.ConsumedCapacity) });
    }
    const out = await client.send(new DeleteItemCommand({ TableName: scratch, Key: marshall(key), ReturnValues: 'ALL_OLD', ReturnConsumedCapacity: 'TOTAL' }), { abortSignal: signal });
    const items = out.Attributes ? [unmarshall(out.Attributes)] : [];
    const at = samples.findIndex(s => s.table === pattern.table && keyString(s.item, base) === keyString(key, base));
    if (at >= 0) { samples.splice(at, 1); }
    return result({ sent: 'DeleteItem', scanned: false, items: items.length, entities: count(items), consumedCapacity: capacity(out.ConsumedCapacity) }, items.length ? [] : ['no item was deleted']);
  } catch (error) {
    if (signal?.aborted) { throw error; }
    const e = await explain(error, client, serving.call);
    return result({ sent: serving.call, scanned: false, items: 0, entities: {}, consumedCapacity: 0 }, [`${serving.call} failed: ${e instanceof Error ? e.message : String(e)}`]);
  }
}

/**
 * Runs the design's patterns on scratch copies of its tables. The tables are deleted afterwards
 * (also when something fails or the signal aborts); ones that could not be are in `leftOver`.
 */
export async function runDesign(client: DynamoDBClient, design: DesignSpec, tables: readonly TableSpec[], options: RunOptions = {}): Promise<DesignRunReport> {
  const used = tables.filter(t => design.entities.some(e => e.table === tableNameOf(t)) || design.patterns.some(p => p.table === tableNameOf(t)));
  const created: { spec: TableSpec; name: string; scratch: string; items: number }[] = [];
  const results: PatternResult[] = [];
  const leftOver: string[] = [];
  try {
    for (const spec of used) {
      const scratch = scratchName(tableNameOf(spec));
      options.progress?.(`creating ${scratch}`);
      try {
        await client.send(new CreateTableCommand(scratchInput(spec, scratch)), { abortSignal: options.signal });
      } catch (error) {
        throw await explain(error, client, 'CreateTable');
      }
      created.push({ spec, name: tableNameOf(spec), scratch, items: 0 });
      await waitForActive(client, scratch, { signal: options.signal, timeoutMs: options.activeTimeoutMs ?? 120_000 });
    }
    const samples = generateSamples(design, used, options);
    for (const c of created) {
      const items = samples.filter(s => s.table === c.name).map(s => s.item);
      options.progress?.(`writing ${items.length} sample items to ${c.scratch}`);
      try { c.items = await batchPut(client, c.scratch, items.map(i => marshallable(i)), options.signal); } catch (error) { throw await explain(error, client, 'BatchWriteItem'); }
    }
    const ordered = [...design.patterns.filter(p => READS.has(p.operation)), ...design.patterns.filter(p => !READS.has(p.operation))];
    let freshIndex = 0;
    for (const pattern of ordered) {
      options.signal?.throwIfAborted();
      const c = created.find(x => x.name === pattern.table);
      if (!c) {
        results.push({ name: pattern.name, table: pattern.table, call: servingOfUnknown(pattern), sent: servingOfUnknown(pattern), how: '(no such table)', parameters: {}, scanned: false, items: 0, entities: {}, consumedCapacity: 0, ok: false, problems: [`the config has no table ${pattern.table}`] });
        continue;
      }
      options.progress?.(`running ${JSON.stringify(pattern.name)}`);
      const entity = design.entities.find(e => e.table === pattern.table && (!pattern.entities?.length || pattern.entities.includes(e.name)));
      const fresh = (): SampleItem | undefined => {
        if (!entity) { return undefined; }
        // Beyond the generated ones: item number 100000 + n has values of its own.
        const n = 100_000 + freshIndex++;
        return entityItem(entity, sampleTableOf(c.spec), n, random(n), new Map(), new Map(entity.attributes.map(a => [a.name, entity])));
      };
      results.push(await runPattern(client, pattern, c.spec, c.scratch, design, samples, options, fresh));
    }
    // Reports in the design's order.
    results.sort((a, b) => design.patterns.findIndex(p => p.name === a.name) - design.patterns.findIndex(p => p.name === b.name));
  } finally {
    for (const c of created) {
      if (await deleteScratch(client, c.scratch)) { options.progress?.(`deleted ${c.scratch}`); } else { leftOver.push(c.scratch); }
    }
  }
  return { tables: created.map(c => ({ name: c.name, scratch: c.scratch, items: c.items })), results, ok: results.every(r => r.ok), leftOver };
}

/**
 * Deletes a scratch table and waits until it is gone (not with the run's signal: a cancelled run
 * still cleans up). A table still busy (a write cancelled on our side that the server is still
 * doing) is retried for a few seconds. False when it could not be deleted.
 */
async function deleteScratch(client: DynamoDBClient, name: string): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    try {
      await client.send(new DeleteTableCommand({ TableName: name }));
      break;
    } catch (error) {
      const code = (error as { name?: string }).name;
      if (code === 'ResourceNotFoundException') { return true; }
      if (code !== 'ResourceInUseException' || attempt >= 20) { return false; }
      await sleep(250);
    }
  }
  try {
    await waitUntilTableNotExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 5 }, { TableName: name });
    return true;
  } catch {
    return false;
  }
}

function servingOfUnknown(pattern: AccessPatternSpec): Call {
  const calls: Record<string, Call> = { get: 'GetItem', query: 'Query', scan: 'Scan', put: 'PutItem', update: 'UpdateItem', delete: 'DeleteItem', batchGet: 'BatchGetItem', batchWrite: 'BatchWriteItem', transactGet: 'TransactGetItems', transactWrite: 'TransactWriteItems' };
  return calls[pattern.operation];
}

/** Sets and byte arrays as marshall expects them. */
function marshallable(item: SampleItem): Record<string, unknown> {
  return { ...item };
}

/** The report as text lines. */
export function formatRunReport(report: DesignRunReport): string[] {
  const lines: string[] = [];
  for (const r of report.results) {
    const ents = Object.entries(r.entities).map(([e, n]) => `${n} ${e}`).join(', ') || 'none';
    lines.push(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}: ${r.sent}${r.scanned ? ' (scanned)' : ''}${r.index ? ` on ${r.index}` : ''}, ${r.items} item(s)${r.expected !== undefined ? ` of ${r.expected} expected` : ''} [${ents}], ${r.consumedCapacity} capacity unit(s)`);
    lines.push(`     ${r.how}${Object.keys(r.parameters).length ? `; ${Object.entries(r.parameters).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(', ')}` : ''}`);
    for (const p of r.problems) { lines.push(`     - ${p}`); }
  }
  const failed = report.results.filter(r => !r.ok).length;
  lines.push(failed === 0
    ? `${report.results.length} pattern(s), all served as declared (scratch tables ${report.tables.map(t => `${t.scratch}: ${t.items} items`).join(', ')}, deleted)`
    : `${failed} of ${report.results.length} pattern(s) not served as declared`);
  if (report.leftOver.length) { lines.push(`could not delete the scratch table(s) ${report.leftOver.join(', ')}: delete them by hand`); }
  return lines;
}
