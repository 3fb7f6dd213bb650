/**
 * Compare with Live Table: the plan of a config against its live tables, worded as differences
 * in a read-only document. For a CloudFormation template nothing is applied from here: the
 * stack owns the table, and a change made beside it would drift from the stack's state (the next
 * deploy would undo it or fail on it). Values a template leaves to CloudFormation (intrinsic
 * functions) are listed as not known from the template, never as differences; so are those a
 * Terraform file leaves to Terraform (variables, locals, expressions: HclUnknown). Pure.
 */
import type { Plan } from '../model/plan';
import type { Pointer, TableSpec } from '../model/spec';
import { appliedByOtherTool, dialectOf } from '../language/dialects/registry';
import { isUnknown } from '../language/hcl/values';
import { valueAt } from '../language/rules/shared';
import type { Analysis } from '../language/service';
import { parentPointer, splitPointer } from '../language/sourcemap';
import { formatPlan } from './words';
import type { StepNotes } from './words';

/** A table of the file that could not be compared (its name is not known from the file). */
export interface NotCompared {
  readonly label: string;
  readonly reason: string;
}

/** The tables to compare, the ones left out, and what each leaves unknown (by table pointer). */
export interface Comparable {
  readonly tables: readonly TableSpec[];
  readonly notCompared: readonly NotCompared[];
  readonly unknown: ReadonlyMap<Pointer, readonly string[]>;
}

/** The function an unknown value is written with: `Fn::If`, `Ref`; for a list, that of its intrinsic element. */
function functionOf(value: unknown): string | undefined {
  const single = (v: unknown): string | undefined => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) { return undefined; }
    const keys = Object.keys(v);
    return keys.length === 1 && /^(Ref|Condition|Fn::.*)$/.test(keys[0]) ? keys[0] : undefined;
  };
  if (Array.isArray(value)) {
    const fn = value.map(single).find(f => f !== undefined);
    return fn ? `an element is ${fn}` : undefined;
  }
  return single(value) ?? (value !== null && typeof value === 'object' ? Object.keys(value).find(k => k.startsWith('Fn::')) : undefined);
}

/**
 * `/Resources/Orders/Properties/BillingMode` ({ Fn::If }) -> `BillingMode (Fn::If)`, relative to the
 * table; a Terraform value with its expression: `billing_mode = var.billing`.
 */
function describeUnknown(tablePointer: Pointer, pointer: Pointer, root: unknown): string {
  const rel = splitPointer(pointer).slice(splitPointer(tablePointer).length);
  const path = rel.map(s => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`)).join('').replace(/^\./, '') || '(all properties)';
  const value = valueAt(root, pointer);
  if (isUnknown(value)) {
    const text = value.text.replace(/\s+/g, ' ').trim();
    return `${path} = ${text.length > 60 ? `${text.slice(0, 59)}…` : text}`;
  }
  const fn = functionOf(value);
  return fn ? `${path} (${fn})` : path;
}

/**
 * The resource a table pointer belongs to: `/Resources/Orders/Properties` -> `Orders` (a template's
 * logical id), `/resource/aws_dynamodb_table/orders` -> `aws_dynamodb_table.orders`, `/module/m` ->
 * `module.m` (Terraform's addresses).
 */
export function resourceOf(table: TableSpec): string | undefined {
  const tokens = splitPointer(table.pointer);
  if (tokens[0] === 'Resources') { return tokens[1]; }
  if (tokens[0] === 'resource' && tokens.length >= 3) { return `${tokens[1]}.${tokens[2]}`; }
  if (tokens[0] === 'module' && tokens.length >= 2) { return `module.${tokens[1]}`; }
  return undefined;
}

/** Why a table whose name is not in the file is not compared, in the words of the tool that applies it. */
function unnamedReason(table: TableSpec, unknown: readonly string[], appliedBy: string | undefined): string {
  if (appliedBy === 'Terraform') {
    return table.name
      ? 'its name is not known from the file (a variable, local or expression): Terraform resolves it when it plans'
      : 'it has no name in the file';
  }
  return table.name
    ? `its TableName is not known from the template (${unknown.find(u => u.startsWith('TableName')) ?? 'an intrinsic function'}): CloudFormation resolves it at deploy time`
    : 'it has no TableName: CloudFormation names the table when it creates it (stack name, logical id and a random suffix)';
}

/**
 * Which tables of an analysed file can be compared: those with a known name. Unknown pointers
 * (intrinsic values, dialects/cloudformation.ts) are attached to the table they sit in.
 */
export function comparable(tables: readonly TableSpec[], unknownPointers: ReadonlySet<Pointer>, root: unknown, appliedBy?: string): Comparable {
  const out: TableSpec[] = [];
  const notCompared: NotCompared[] = [];
  const unknown = new Map<Pointer, string[]>();
  for (const t of tables) {
    const label = resourceOf(t) ?? t.pointer;
    const list: string[] = [];
    for (const p of unknownPointers) {
      // The outermost unknown value only: an `!If` whose branches hold a `!Ref` is one entry.
      if (!p.startsWith(t.pointer + '/') && p !== t.pointer) { continue; }
      let outer = true;
      for (let q = parentPointer(p); q !== undefined && q.length >= t.pointer.length; q = parentPointer(q)) {
        if (unknownPointers.has(q) && !isListOfKnown(q, p)) { outer = false; break; }
      }
      if (outer) { list.push(describeUnknown(t.pointer, p, root)); }
    }
    unknown.set(t.pointer, list);
    if (t.name?.valid) { out.push(t); continue; }
    notCompared.push({ label, reason: unnamedReason(t, list, appliedBy) });
  }
  return { tables: out, notCompared, unknown };
}

/**
 * What Compare with Live Table (and a preview of a file another tool applies, in the editor and
 * the CLI alike) compares of an analysed file: its tables (or the ones given) with their unknown values.
 */
export function comparableOf(analysis: Pick<Analysis, 'dialect' | 'config' | 'tables'>, tables: readonly TableSpec[] = analysis.tables): Comparable {
  const definition = dialectOf(analysis.dialect);
  return comparable(tables, definition.unknown?.(analysis.config.value) ?? new Set(), analysis.config.value, appliedByOtherTool(tables) ?? definition.appliedBy);
}

/** A list marked unknown because of one intrinsic element: its other elements are still listed on their own. */
function isListOfKnown(list: Pointer, p: Pointer): boolean {
  return /^\d+$/.test(splitPointer(p)[splitPointer(list).length] ?? '');
}

/** The plan of one table, worded as a comparison. */
function formatDifference(plan: Plan, notes?: StepNotes): string {
  const text = formatPlan(plan, notes);
  const first = text.indexOf('\n');
  const head = {
    none: `Table ${plan.table}: no differences`,
    create: `Table ${plan.table}: not on the server (deploying would create it)`,
    update: `Table ${plan.table}: differs from the live table`,
    replace: `Table ${plan.table}: differs in its keys or local indexes (deploying would REPLACE the table: all items are lost)`,
  }[plan.kind];
  return first < 0 ? head : head + text.slice(first);
}

export interface ComparisonInput {
  readonly fileName: string;
  readonly where: string;
  /** The tool that applies the file (its dialect's `appliedBy`), when it is not this extension. */
  readonly appliedBy?: string;
  readonly plans: readonly Plan[];
  readonly compared: Comparable;
  readonly at?: Date;
  readonly notes?: StepNotes;
}

/** How each tool that applies files is told to apply them, and what its unknown values are. */
const OWNER_WORDS: Readonly<Record<string, { apply: string; state: string; unknown: string; notKnown: string }>> = {
  CloudFormation: {
    notKnown: 'not known from the template',
    apply: 'deploy the template (aws cloudformation deploy, sam deploy, or your pipeline)',
    state: "the stack's state",
    unknown: 'Values written with intrinsic functions (Ref, Fn::If, Fn::Sub, ...) are known only at deploy time: they are listed as not known, not as differences.',
  },
  Terraform: {
    notKnown: 'not known from the file (Terraform computes it when it plans)',
    apply: 'run terraform plan and terraform apply',
    state: "Terraform's state",
    unknown: 'Values from variables, locals and expressions are known only when Terraform plans: they are listed as not known, not as differences.',
  },
};

/** The comparison document's text. */
export function formatComparison(input: ComparisonInput): string {
  const { plans, compared } = input;
  const differing = plans.filter(p => p.kind !== 'none').length;
  const owner = input.appliedBy;
  const words = owner ? OWNER_WORDS[owner] ?? { apply: `apply it with ${owner}`, state: `${owner}'s state`, unknown: 'Values known only when it applies the file are listed as not known, not as differences.', notKnown: 'not known from the file' } : undefined;
  const lines = [
    `Comparison of ${input.fileName} with the live tables on ${input.where}, read ${(input.at ?? new Date()).toISOString().slice(11, 19)} UTC`,
    `${plans.length} table${plans.length === 1 ? '' : 's'} compared: ${differing === 0 ? 'no differences' : `${differing} differ${differing === 1 ? 's' : ''}`}. Read-only: nothing has been changed.`,
    '',
  ];
  const byName = new Map(compared.tables.map(t => [t.name?.valid ? t.name.value : '', t]));
  for (const p of plans) {
    lines.push(formatDifference(p, input.notes));
    const spec = byName.get(p.table);
    const unknown = spec ? compared.unknown.get(spec.pointer) ?? [] : [];
    for (const u of unknown) { lines.push(`  ${words?.notKnown ?? 'not known from the file'}: ${u}`); }
    lines.push('');
  }
  for (const n of compared.notCompared) { lines.push(`Resource ${n.label}: not compared: ${n.reason}.`, ''); }
  if (owner && words) {
    lines.push(
      `Applying stays with ${owner}: ${words.apply}.`,
      `A change made here would drift from ${words.state}: ${owner} would not know of it, and its next update would undo it or fail on it.`,
      words.unknown,
    );
  } else {
    lines.push(differing > 0 ? 'To apply: "DynamoDB: Apply Config…" (Preview Changes shows the steps with an Apply lens).' : 'The live tables match the config.');
  }
  lines.push('');
  return lines.join('\n');
}
