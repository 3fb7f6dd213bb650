/**
 * The dialect registry: every table-config dialect the extension reads and writes, each defined
 * by one module of this folder, and the one list that everything else iterates (detection,
 * schema validation, normalizing, rules, completion, hover, edits, export, the wizard). Nothing
 * outside `src/language/dialects/` branches on a dialect's name: it asks the dialect's
 * definition instead (`dialectOf(id)`, `dialects()`). Pure: no vscode.
 *
 * ## Adding a dialect
 * 1. `schemas/<id>.schema.json`: its draft-07 JSON schema with our annotations (schema/documents.ts), `$id`
 *    `https://dynamodb-designer.dev/schemas/<id>.schema.json`. The build precompiles every schema
 *    of `schemas/` (scripts/validators.mjs) and ships the documents with the validators, so no
 *    module imports a schema.
 * 2. `src/language/dialects/<id>.ts`: exports a `DialectDefinition` (below).
 * 3. One line in BUILT_IN at the bottom of this file.
 * 4. `examples/<id>.<extension>`: an example config (the tests read every dialect's example).
 * A test can `registerDialect` a definition at run time (passing `schema` and `validator`) and
 * `unregisterDialect` it after.
 *
 * ## What a dialect provides (DialectDefinition)
 * Required:
 * - `id`: the name (TableSpec.dialect, `Dialect` in model/spec.ts is a plain string; the schema
 *   file's name); `label`, `description`: how a person picks it.
 * - `format`: a FormatDefinition (formats/format.ts), the light half of a format: id, file
 *   endings, content sniffing, schema-comment pattern. TOML and YAML exist (formats/toml.ts,
 *   formats/yaml.ts). A dialect with a format of its own (HCL) brings one: `formats/hcl.ts` (the
 *   FormatDefinition) and, for the language service, its FormatOperations registered by format
 *   id in formats/index.ts: a parser producing the same ParsedConfig {format, text, value, map}
 *   (value = plain data, map = a SourceMap of JSON pointers, syntax errors in it; never throws),
 *   and the format's edits. `Format` (types.ts) is a plain string: nothing else changes.
 * - `detect(text)`: whether a text (no byte-order mark) already known to be in `format` is a
 *   config of this dialect, by content. A schema comment naming `<id>.schema.json` wins.
 *   Detection tries dialects in registration order.
 * - `vocabulary`: the key names by meaning, where the tables live, enum encoding (`enumPrefixes`,
 *   `enumAliases`), `snakeCaseAliases`, the schema order of each block (vocabulary.ts). Rules,
 *   fixes, completion and export speak in meanings and use it to name keys; which rules apply
 *   follows from it too (a flat-keys rule where `flatKeys` is set, ...).
 * - `normalize(config)`: ParsedConfig -> TableSpec[] (every Field with its JSON pointer;
 *   fields.ts, structured.ts help).
 * Optional (absent = the plain behaviour said at each member): `schema` and `validator`
 * (run-time dialects), `defaults`, `optIn`, `limits`, `rules`, `write`, `unknown`, `unknownToRules`, `appliedBy`,
 * `design` (where the entities and access patterns of a single-table design live, and their key
 * names).
 *
 * The activation entry (src/extension.ts) recognizes configs through this registry before any
 * parser is loaded: a dialect module must stay light (no parser, no schema, no yaml/toml
 * package import; lint/entry.test.ts checks the bundle).
 */
import type { ValidateFunction } from 'ajv';
import type { LiveTable } from '../../model/live';
import type { BillingMode, Dialect, Pointer, TableSpec } from '../../model/spec';
import type { FormatDefinition, WrittenConfig } from '../formats/format';
import type { SchemaNode } from '../schema';
import type { ParsedConfig } from '../types';
import type { Vocabulary } from './vocabulary';
import { CLOUDFORMATION } from './cloudformation';
import { COMPONENT } from './component';
import { GENESYS } from './genesys';
import { PLANTON } from './planton';
import { TERRAFORM } from './terraform';
import { TERRAFORM_MODULE } from './terraform-module';

/** What a dialect implies when a key is absent. */
export interface DialectDefaults {
  /** The billing mode of a table that names none; absent: a table must name one (billing-mode-required). */
  readonly billingMode?: BillingMode;
  /**
   * `enabled` of a stream or TTL block that does not say: `false` (the flat and manifest
   * dialects); absent: the block is incomplete, and the stream and TTL rules stay silent (the
   * schema requires `enabled` there, CloudFormation style).
   */
  readonly enabled?: boolean;
}

/** Limits of what the dialect can express. */
export interface DialectLimits {
  /** A GSI key is one HASH and at most one RANGE attribute (no multi-attribute keys). */
  readonly singleAttributeGsiKeys?: boolean;
}

/** Options of a dialect's writer (export and the wizard). */
export interface WriteOptions {
  /** The region to write, where the dialect has a region field (`vocabulary.region`). */
  readonly region?: string;
  /** Comment lines for the top of the file, without the comment marker. */
  readonly header: readonly string[];
}

/**
 * Where and how a dialect keeps a table's single-table design (entities and access patterns,
 * read by src/design/read.ts into the model's DesignSpec), by the key names it uses.
 */
export interface DesignKeys {
  /**
   * `table`: `entities` and the patterns list sit in each table entry; `sidecar`: in a file beside
   * the config, `NAME.design.yaml` for `NAME.yaml` (a config its own consumers read strictly,
   * such as a protobuf manifest), at that file's root.
   */
  readonly where: 'table' | 'sidecar';
  readonly entities: string;
  readonly patterns: string;
  readonly keyCondition: string;
  readonly sampleCount: string;
  readonly itemSizeBytes: string;
  /** The key condition's begins_with operator. */
  readonly beginsWith: string;
}

export interface DialectDefinition {
  readonly id: Dialect;
  /** `genesys (TOML)`: how a person picks it. */
  readonly label: string;
  /** One line: what a file of it looks like. */
  readonly description: string;
  readonly format: FormatDefinition;
  /**
   * The schema document, for a dialect whose schema is not in `schemas/` (one registered at run
   * time, e.g. by a test); absent: `schemas/<id>.schema.json`, which the build precompiles.
   */
  readonly schema?: SchemaNode;
  /** The schema's validator (ajv, allErrors and verbose), with `schema`. */
  readonly validator?: ValidateFunction;
  /** Content detection of a text (without byte-order mark) in the dialect's format. */
  detect(text: string): boolean;
  readonly vocabulary: Vocabulary;
  normalize(config: ParsedConfig): TableSpec[];
  /** What an absent key means; absent: nothing is implied. */
  readonly defaults?: DialectDefaults;
  /**
   * Files of this format that the user opts in through `dynamodbDesigner.configFiles` and that
   * no dialect detects are read as this dialect (genesys, the one TOML dialect).
   */
  readonly optIn?: boolean;
  readonly limits?: DialectLimits;
  /** Where the dialect keeps entities and access patterns, and their key names; absent: nowhere (no design rules run). */
  readonly design?: DesignKeys;
  /**
   * For a new config's header: how to pin a region, in a dialect with a region field
   * (`vocabulary.region`); absent: the header says the dialect has none.
   */
  readonly regionHint?: string;
  /** Rule ids that do not apply to the dialect (beyond the rules' own `appliesTo`). */
  readonly rules?: { readonly skip?: readonly string[] };
  /**
   * The live table as a config of this dialect (export, and the wizard's new config): plain data
   * with comments, which the format's operations turn into text (the dialect module stays
   * free of writers). Throws an Error saying what the dialect cannot express (a multi-attribute
   * key). Absent: the dialect is read-only (not offered for export or new configs).
   */
  write?(table: LiveTable, options: WriteOptions): WrittenConfig;
  /**
   * The pointers of values the file leaves to deploy time (a CloudFormation template's intrinsic
   * functions, `!Ref`/`Fn::If`/...): the schema's findings at or under them are dropped and rules
   * treat them as reported (a rule that needs the value says nothing). Absent: every value is known.
   */
  unknown?(value: unknown): ReadonlySet<Pointer>;
  /**
   * False: rules are not told which invalid values are unknown (RuleContext.unknownPointers), so
   * none counts one as given (sse-kms-key counts a template's `!GetAtt Key.Arn` key as given). The
   * Terraform dialects: their rules have always stayed silent on a value Terraform computes, and
   * their `unknown` serves Compare with Live Table. Absent: rules are told.
   */
  readonly unknownToRules?: false;
  /**
   * The tool that applies files of this dialect when it is not DynamoDB Designer (`Terraform`,
   * `CloudFormation`): apply and delete refuse, since the table would then no longer match that
   * tool's state; Preview and Compare with Live Table show the differences read-only. Absent:
   * DynamoDB Designer applies the file.
   */
  readonly appliedBy?: string;
}

const REGISTERED = new Map<Dialect, DialectDefinition>();
let generation = 0;

/** A number that changes whenever a dialect is registered or removed (for caches of what the dialects say). */
export function registryGeneration(): number {
  return generation;
}

/** Adds a dialect (a test's toy dialect, or the built-in ones below). Its id must be new. */
export function registerDialect(definition: DialectDefinition): void {
  if (REGISTERED.has(definition.id)) { throw new Error(`dialect ${definition.id} is already registered`); }
  if (definition.vocabulary.dialect !== definition.id) { throw new Error(`dialect ${definition.id}: its vocabulary names ${definition.vocabulary.dialect}`); }
  REGISTERED.set(definition.id, definition);
  generation++;
}

/** Removes a dialect registered at run time (tests clean up after themselves). */
export function unregisterDialect(id: Dialect): void {
  if (REGISTERED.delete(id)) { generation++; }
}

/** Every registered dialect, in registration order (detection tries them in this order). */
export function dialects(): readonly DialectDefinition[] {
  return [...REGISTERED.values()];
}

/** The ids of every registered dialect. */
export function dialectIds(): readonly Dialect[] {
  return [...REGISTERED.keys()];
}

export function isDialect(id: string): id is Dialect {
  return REGISTERED.has(id);
}

/** The definition of a registered dialect; throws on an unknown id (a programming error). */
export function dialectOf(id: Dialect): DialectDefinition {
  const definition = REGISTERED.get(id);
  if (!definition) { throw new Error(`unknown dialect ${id}`); }
  return definition;
}

/** The key names of a dialect. */
export function vocabulary(id: Dialect): Vocabulary {
  return dialectOf(id).vocabulary;
}

/** The formats of the registered dialects, each once, in registration order. */
export function formats(): readonly FormatDefinition[] {
  const out: FormatDefinition[] = [];
  for (const d of REGISTERED.values()) {
    if (!out.some(f => f.id === d.format.id)) { out.push(d.format); }
  }
  return out;
}

/** The VS Code language ids of the registered formats (`toml`, `yaml`). */
export function configLanguageIds(): readonly string[] {
  return formats().flatMap(f => f.languageIds ?? [f.id]);
}

/** A registered format by id; throws on an unknown one. */
export function formatById(id: string): FormatDefinition {
  const format = formats().find(f => f.id === id);
  if (!format) { throw new Error(`unknown format ${id}`); }
  return format;
}

/** The tool that applies a file's tables, when one of their dialects has one (`appliedBy`). */
export function appliedByOtherTool(tables: readonly Pick<TableSpec, 'dialect'>[]): string | undefined {
  return tables.map(t => REGISTERED.get(t.dialect)?.appliedBy).find((tool): tool is string => tool !== undefined);
}

/** Why apply or delete refuses a file another tool applies. */
export function otherToolRefusal(fileName: string, tool: string, what: 'apply' | 'delete'): string {
  const how = tool === 'Terraform'
    ? (what === 'apply' ? 'run terraform plan and terraform apply' : 'remove the table from the file and run terraform apply (or terraform destroy)')
    : `${what} it with ${tool}`;
  return `${fileName} is applied by ${tool}: ${how}. DynamoDB Designer does not ${what} it, because ${tool}'s state would then no longer match the table. Preview compares the file with the table, read-only.`;
}

// The built-in dialects: adding one is one line here.
const BUILT_IN: readonly DialectDefinition[] = [GENESYS, PLANTON, COMPONENT, TERRAFORM, TERRAFORM_MODULE, CLOUDFORMATION];
for (const definition of BUILT_IN) { registerDialect(definition); }
