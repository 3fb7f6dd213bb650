/**
 * New table config: the answers of the "New Table Config" wizard -> a commented config file in
 * any dialect that can be written, and the wizard's steps (which apply, their choices, the earlier
 * answer to show again, and the check of a typed value). Pure: no vscode; the command in
 * src/vscode/commands/newConfig.ts only asks the steps through Prompts and writes the file.
 *
 * The text is written by export.ts from the table the answers describe, as a LiveTable-shaped
 * value (a table that does not exist yet). A typed value is checked by running the language
 * service on the config it would produce together with the earlier answers: the wizard accepts
 * exactly what the editor then shows without an error or warning, with the same message. Only
 * what the language service cannot see from a file is checked here (a number typed as text, a
 * `key=value` list).
 */
import type { LiveTable } from '../model/live';
import type { AttributeType, BillingMode, Dialect, StreamViewType } from '../model/spec';
import { ATTRIBUTE_TYPES, STREAM_VIEW_TYPES } from '../model/spec';
import { dialectOf, dialects, vocabulary, type DialectDefinition } from '../language/dialects/registry';
import { schemaAt } from '../language/schema';
import { analyze } from '../language/service';
import { dialectChoices, exportConfig, noRegionFieldNote } from './export';

export interface NewTableAnswers {
  readonly dialect: Dialect;
  readonly tableName: string;
  readonly billingMode: BillingMode;
  /** PROVISIONED only. */
  readonly capacity?: { readonly read: number; readonly write: number };
  readonly partitionKey: { readonly name: string; readonly type: AttributeType };
  readonly sortKey?: { readonly name: string; readonly type: AttributeType };
  /** undefined: streams off. */
  readonly streamViewType?: StreamViewType;
  /** undefined: TTL off. */
  readonly ttlAttribute?: string;
  readonly tags: Readonly<Record<string, string>>;
}

export interface NewConfigOptions {
  /** For the header comment (tests pass a fixed one); default now. */
  readonly now?: Date;
  /** Where a table of this name was listed when the file was written (`Local (embedded) · any region`). */
  readonly existsOn?: readonly string[];
}

/** The file extension of a dialect's format (its first: `toml`, `yaml`). */
export function configExtension(dialect: Dialect): string {
  return dialectOf(dialect).format.extensions[0];
}

/** The save dialog's file type filter for a dialect's format: `{ YAML: ['yaml', 'yml'] }`. */
export function configFilters(dialect: Dialect): Record<string, string[]> {
  const format = dialectOf(dialect).format;
  return { [format.label]: [...format.extensions] };
}

/** The default file name: `<table-name>.<extension>`. */
export function configFileName(answers: Pick<NewTableAnswers, 'dialect' | 'tableName'>): string {
  return `${answers.tableName}.${configExtension(answers.dialect)}`;
}

/** The table the answers describe, as DescribeTable would report it once created. */
function tableOf(a: NewTableAnswers): LiveTable {
  const keys = [{ name: a.partitionKey.name, keyType: 'HASH' as const }, ...(a.sortKey ? [{ name: a.sortKey.name, keyType: 'RANGE' as const }] : [])];
  return {
    name: a.tableName,
    status: 'CREATING',
    attributes: { [a.partitionKey.name]: a.partitionKey.type, ...(a.sortKey ? { [a.sortKey.name]: a.sortKey.type } : {}) },
    keySchema: keys,
    billingMode: a.billingMode,
    ...(a.billingMode === 'PROVISIONED' && a.capacity ? { throughput: { read: a.capacity.read, write: a.capacity.write } } : {}),
    globalSecondaryIndexes: [],
    localSecondaryIndexes: [],
    stream: a.streamViewType ? { enabled: true, viewType: a.streamViewType } : { enabled: false },
    sse: { enabled: false },
    tableClass: 'STANDARD',
    deletionProtection: false,
    ttl: { state: 'known', value: a.ttlAttribute !== undefined ? { enabled: true, attributeName: a.ttlAttribute } : { enabled: false } },
    tags: { state: 'known', value: a.tags },
    pointInTimeRecovery: { state: 'known', value: { enabled: false } },
  };
}

/** The config text for the answers: commented, in the dialect's format. */
export function newConfigText(answers: NewTableAnswers, options: NewConfigOptions = {}): string {
  const when = (options.now ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z');
  const header = [
    `New DynamoDB table config, written by DynamoDB Designer ${when}.`,
    options.existsOn?.length
      ? `A table named ${answers.tableName} already exists on ${options.existsOn.join(', ')}: Preview Changes shows how it differs from this config, Apply Config changes it to match (a different key needs a replacement, which deletes its items).`
      : 'No table of this name was listed when this file was written: Preview Changes shows the CreateTable it needs, Apply Config creates it.',
    dialectOf(answers.dialect).regionHint ?? noRegionFieldNote(undefined),
  ];
  return exportConfig(tableOf(answers), answers.dialect, { header });
}

/**
 * The first error or warning the language service reports for the answers' config, or
 * undefined when it validates clean (advice hints do not count).
 */
export function configProblem(answers: NewTableAnswers): string | undefined {
  const analysis = analyze(newConfigText(answers, { now: new Date(0) }), { uri: configFileName(answers), advice: false });
  if (!analysis) { return `the ${answers.dialect} config was not recognised by the language service`; }
  return analysis.findings.find(f => f.severity === 'error' || f.severity === 'warning')?.message;
}

// ---------------------------------------------------------------------------- the wizard

/** What the person answered so far, as typed (so that Back shows it again). */
export interface Draft {
  readonly dialect?: Dialect;
  readonly tableName?: string;
  readonly billingMode?: BillingMode;
  readonly read?: string;
  readonly write?: string;
  readonly partitionKeyName?: string;
  readonly partitionKeyType?: AttributeType;
  /** Empty: no sort key. */
  readonly sortKeyName?: string;
  readonly sortKeyType?: AttributeType;
  readonly streams?: boolean;
  readonly streamViewType?: StreamViewType;
  readonly ttl?: boolean;
  readonly ttlAttribute?: string;
  /** `key=value, key=value`; empty: no tags. */
  readonly tags?: string;
}

type StepId = keyof Draft;

/** Step order; a step's applicability and check depend only on the steps before it. */
const ORDER: readonly StepId[] = [
  'dialect', 'tableName', 'billingMode', 'read', 'write', 'partitionKeyName', 'partitionKeyType',
  'sortKeyName', 'sortKeyType', 'streams', 'streamViewType', 'ttl', 'ttlAttribute', 'tags',
];

/** A choice of a pick step (the shape of a quick pick item). */
export interface Choice {
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
  /** The draft with this choice as the step's answer. */
  readonly apply: (draft: Draft) => Draft;
}

export interface PickStep {
  readonly kind: 'pick';
  readonly id: StepId;
  readonly placeHolder: string;
  readonly choices: readonly Choice[];
  /** The choice answered before (after Back), if any. */
  readonly active?: Choice;
}

export interface InputStep {
  readonly kind: 'input';
  readonly id: StepId;
  readonly prompt: string;
  readonly placeHolder?: string;
  /** The text to start from: the earlier answer, else a default. */
  readonly value: string;
  /** Why the text is not acceptable, or undefined when it is (shown as the person types). */
  readonly validate: (text: string) => string | undefined;
  /** The draft with this text as the step's answer (call only with accepted text). */
  readonly accept: (draft: Draft, text: string) => Draft;
}

export type WizardStep = PickStep | InputStep;


/**
 * The dialect the wizard starts from and takes its words from: the first registered dialect that
 * can be written (genesys). Its schema describes each setting (the same words hover shows).
 */
function firstDialect(): DialectDefinition {
  const first = dialects().find(d => d.write);
  if (!first) { throw new Error('no dialect can write a config'); }
  return first;
}

/** The schema node of a setting of the first dialect's first table, by its key path in the table entry. */
function settingSchema(path: (V: DialectDefinition['vocabulary']) => string) {
  const { id, vocabulary: V } = firstDialect();
  const entry = `${V.tables.pointer}${V.tables.array ? '/0' : ''}${V.tables.entryBlock ? `/${V.tables.entryBlock}` : ''}`;
  return schemaAt(id, `${entry}/${path(V)}`);
}

/** Enum values with their meanings, from the first dialect's schema. */
function enumChoices<T extends string>(path: (V: DialectDefinition['vocabulary']) => string, values: readonly T[], id: StepId): Choice[] {
  const node = settingSchema(path);
  return values.map(value => {
    const i = node?.enum?.indexOf(value) ?? -1;
    return { label: value, ...(i >= 0 && node?.enumDescriptions?.[i] ? { detail: node.enumDescriptions[i] } : {}), apply: (d: Draft) => ({ ...d, [id]: value }) };
  });
}

function describe(path: (V: DialectDefinition['vocabulary']) => string): string {
  return settingSchema(path)?.description ?? '';
}

/** The key path of a block's key in a table entry: `enable_ttl` (flat) or `ttl/enabled`. */
const inBlock = (block: { readonly block?: string }, key: string): string => (block.block ? `${block.block}/${key}` : key);

function onOff(id: 'streams' | 'ttl', onDetail: string): Choice[] {
  return [
    { label: 'Off', apply: d => ({ ...d, [id]: false }) },
    { label: 'On', detail: onDetail, apply: d => ({ ...d, [id]: true }) },
  ];
}

const PLACEHOLDER_NAME = 'new-table';
const PLACEHOLDER_KEY = 'pk';

/** A whole number of capacity units as typed, or why it is not one. */
export function parseCapacity(text: string): { readonly units: number } | { readonly problem: string } {
  const t = text.trim();
  if (t === '') { return { problem: 'Type the capacity units: a whole number, such as 5.' }; }
  if (!/^[0-9]+$/.test(t)) { return { problem: `${JSON.stringify(t)} is not a whole number: type the capacity units, such as 5.` }; }
  const units = Number(t);
  if (!Number.isSafeInteger(units)) { return { problem: `${t} is too large a number of capacity units.` }; }
  return { units };
}

/** Tags typed as `key=value, key=value` (values may contain `=`; DynamoDB allows no comma in tags), or why they cannot be read. */
export function parseTags(text: string): { readonly tags: Readonly<Record<string, string>> } | { readonly problem: string } {
  const tags: Record<string, string> = {};
  for (const part of text.split(',').map(p => p.trim()).filter(p => p !== '')) {
    const eq = part.indexOf('=');
    if (eq < 0) { return { problem: `Tag ${JSON.stringify(part)} has no value: write key=value (an empty value is key=), separated by commas.` }; }
    const key = part.slice(0, eq).trim();
    if (Object.prototype.hasOwnProperty.call(tags, key)) { return { problem: `Key ${JSON.stringify(key)} of tags is given twice: a table has one value per tag key.` }; }
    tags[key] = part.slice(eq + 1).trim();
  }
  return { tags };
}

/**
 * A tag key the schema's key pattern refuses (the aws: prefix). Checked here because export
 * leaves AWS's own tags out of a file, so the language service never sees them.
 */
function reservedTagKey(tags: Readonly<Record<string, string>>): string | undefined {
  const names = settingSchema(V => V.tags)?.propertyNames;
  if (!names?.pattern) { return undefined; }
  const pattern = new RegExp(names.pattern, 'u');
  const bad = Object.keys(tags).find(k => !pattern.test(k));
  // Phrased as the schema's own message for the same key in a file (src/language/schema/findings.ts).
  return bad === undefined ? undefined : `Key ${JSON.stringify(bad)} of tags is not valid: must be ${names.patternDescription ?? `text matching ${names.pattern}`}`;
}

function unitsOf(text: string | undefined, fallback: number): number {
  const parsed = parseCapacity(text ?? '');
  return 'units' in parsed ? parsed.units : fallback;
}

/**
 * The answers of a draft. Steps not answered (or not applying) take harmless placeholders, so
 * that a value can be checked before the later steps are answered; a finished draft gives the
 * person's answers only.
 */
export function answersOf(draft: Draft): NewTableAnswers {
  const dialect = draft.dialect ?? firstDialect().id;
  const billingMode = draft.billingMode ?? 'PAY_PER_REQUEST';
  const sortKeyName = draft.sortKeyName ?? '';
  const tags = parseTags(draft.tags ?? '');
  return {
    dialect,
    tableName: draft.tableName ?? PLACEHOLDER_NAME,
    billingMode,
    ...(billingMode === 'PROVISIONED' ? { capacity: { read: unitsOf(draft.read, 5), write: unitsOf(draft.write, 5) } } : {}),
    partitionKey: { name: draft.partitionKeyName ?? PLACEHOLDER_KEY, type: draft.partitionKeyType ?? 'S' },
    ...(sortKeyName !== '' ? { sortKey: { name: sortKeyName, type: draft.sortKeyType ?? 'S' } } : {}),
    ...(draft.streams ? { streamViewType: draft.streamViewType ?? 'NEW_AND_OLD_IMAGES' } : {}),
    ...(draft.ttl ? { ttlAttribute: draft.ttlAttribute ?? vocabulary(dialect).ttlDefaultAttribute } : {}),
    tags: 'tags' in tags ? tags.tags : {},
  };
}

/** The draft with only the answers of the steps before `id` (a check sees nothing later). */
function before(draft: Draft, id: StepId): Draft {
  const keep = ORDER.slice(0, ORDER.indexOf(id));
  return Object.fromEntries(Object.entries(draft).filter(([k]) => keep.includes(k as StepId))) as Draft;
}

/** A check of typed text: local parsing first, then the language service on the resulting config. */
function checkWith(draft: Draft, id: StepId, local?: (text: string) => string | undefined): (text: string) => string | undefined {
  const earlier = before(draft, id);
  return text => local?.(text) ?? configProblem(answersOf({ ...earlier, [id]: text }));
}

const capacityCheck = (text: string): string | undefined => {
  const parsed = parseCapacity(text);
  return 'problem' in parsed ? parsed.problem : undefined;
};

/** The steps that apply to the draft, in order (capacity only for PROVISIONED, a sort key type only for a sort key, ...). */
export function wizardSteps(draft: Draft): WizardStep[] {
  const steps: WizardStep[] = [];
  const pick = (id: StepId, placeHolder: string, choices: readonly Choice[], current: (c: Choice) => boolean) => {
    const active = draft[id] === undefined ? undefined : choices.find(current);
    steps.push({ kind: 'pick', id, placeHolder, choices, ...(active ? { active } : {}) });
  };
  const input = (id: StepId, prompt: string, fallback: string, local?: (text: string) => string | undefined, placeHolder?: string) => {
    const typed = draft[id];
    steps.push({
      kind: 'input', id, prompt, ...(placeHolder ? { placeHolder } : {}),
      value: typeof typed === 'string' ? typed : fallback,
      validate: checkWith(draft, id, local),
      accept: (d, text) => ({ ...d, [id]: text }),
    });
  };

  const choices = dialectChoices();
  const dialects: Choice[] = choices.map(c => ({ label: c.label, description: c.description, apply: d => ({ ...d, dialect: c.dialect }) }));
  pick('dialect', 'Dialect of the new config file', dialects, c => c.label === choices.find(x => x.dialect === draft.dialect)?.label);
  input('tableName', describe(V => V.name), '', text => (text === '' ? 'Type the name of the table.' : undefined), 'Table name, such as orders');
  pick('billingMode', 'Billing mode', enumChoices(V => V.billingMode, ['PAY_PER_REQUEST', 'PROVISIONED'] as const, 'billingMode'), c => c.label === draft.billingMode);
  if (draft.billingMode === 'PROVISIONED') {
    input('read', 'Read capacity units: one strongly consistent read of up to 4 KB per second each (at least 1).', '5', capacityCheck);
    input('write', 'Write capacity units: one write of up to 1 KB per second each (at least 1).', '5', capacityCheck);
  }
  const keyTypes = (id: 'partitionKeyType' | 'sortKeyType') => enumChoices(V => V.flatKeys?.hashType ?? `${V.attributes?.list ?? ''}/0/${V.attributes?.type ?? ''}`, ATTRIBUTE_TYPES, id);
  input('partitionKeyName', 'Partition key: the attribute that decides where an item is stored. Prefer one with many distinct values.', 'id',
    text => (text === '' ? 'Type the name of the partition key attribute: every table has one.' : undefined));
  pick('partitionKeyType', `Type of the partition key ${draft.partitionKeyName ?? ''}`.trim(), keyTypes('partitionKeyType'), c => c.label === draft.partitionKeyType);
  input('sortKeyName', 'Sort key: the attribute that orders items of one partition key. Leave empty for a table without a sort key.', '',
    undefined, 'Empty: no sort key');
  if (draft.sortKeyName) {
    pick('sortKeyType', `Type of the sort key ${draft.sortKeyName}`, keyTypes('sortKeyType'), c => c.label === draft.sortKeyType);
  }
  pick('streams', 'DynamoDB Streams', onOff('streams', describe(V => inBlock(V.stream, V.stream.enabled))), c => c.label === (draft.streams ? 'On' : 'Off'));
  if (draft.streams) {
    pick('streamViewType', 'What each stream record holds', enumChoices(V => inBlock(V.stream, V.stream.viewType), STREAM_VIEW_TYPES, 'streamViewType'), c => c.label === draft.streamViewType);
  }
  pick('ttl', 'Time to live (TTL)', onOff('ttl', describe(V => inBlock(V.ttl, V.ttl.enabled))), c => c.label === (draft.ttl ? 'On' : 'Off'));
  if (draft.ttl) {
    input('ttlAttribute', describe(V => inBlock(V.ttl, V.ttl.attributeName)), vocabulary(draft.dialect ?? firstDialect().id).ttlDefaultAttribute);
  }
  input('tags', 'Tags as key=value, separated by commas (such as team=billing, env=dev). Leave empty for none.', '', text => {
    const parsed = parseTags(text);
    return 'problem' in parsed ? parsed.problem : reservedTagKey(parsed.tags);
  }, 'Empty: no tags');
  return steps;
}
