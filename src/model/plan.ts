/**
 * Plan and Step: what preview shows and apply runs. Produced by src/dynamo/plan.ts from a
 * TableSpec and a LiveTable; read by apply, the CLI and the preview views.
 *
 * Pure data: the step inputs are the plain SDK command inputs (type-only imports, erased at
 * build time), so a Plan can be shown as JSON, sent to a webview or run by apply as is.
 */
import type {
  CreateTableCommandInput,
  DeleteTableCommandInput,
  TagResourceCommandInput,
  UntagResourceCommandInput,
  UpdateContinuousBackupsCommandInput,
  UpdateTableCommandInput,
  UpdateTimeToLiveCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { Pointer } from './spec';

/** One readable difference: `field: from -> to`. */
export interface Change {
  /** Dotted, readable: `billing mode`, `GSI by-status.throughput`, `tag Team`. */
  readonly field: string;
  /** The live value in words (`(none)` when absent). */
  readonly from: string;
  /** The config's value in words. */
  readonly to: string;
  /** Where the config says so, when it does. */
  readonly pointer?: Pointer;
}

/** A setting the server does not report (its own call failed): compared as unknown. */
export interface UnknownSetting {
  readonly field: string;
  /** Why it is unknown, in words (never a secret). */
  readonly reason: string;
  /** The config's value in words. */
  readonly wanted: string;
  readonly pointer?: Pointer;
}

interface StepBase {
  /** One line: `Delete GSI by-status`. */
  readonly title: string;
  /** The differences this step resolves. */
  readonly changes: readonly Change[];
}

export type Step =
  | (StepBase & { readonly kind: 'CreateTable'; readonly input: CreateTableCommandInput })
  | (StepBase & { readonly kind: 'DeleteTable'; readonly input: DeleteTableCommandInput })
  | (StepBase & { readonly kind: 'UpdateTable'; readonly input: UpdateTableCommandInput })
  | (StepBase & { readonly kind: 'UpdateTimeToLive'; readonly input: UpdateTimeToLiveCommandInput })
  /** `ResourceArn` is empty when the plan did not know the ARN; apply fills it in. */
  | (StepBase & { readonly kind: 'TagResource'; readonly input: TagResourceCommandInput })
  | (StepBase & { readonly kind: 'UntagResource'; readonly input: UntagResourceCommandInput })
  | (StepBase & { readonly kind: 'UpdateContinuousBackups'; readonly input: UpdateContinuousBackupsCommandInput });

export type StepKind = Step['kind'];

export type PlanKind = 'create' | 'update' | 'replace' | 'none';

export interface Plan {
  readonly table: string;
  readonly kind: PlanKind;
  /** In the order apply runs them. Empty for `none`. */
  readonly steps: readonly Step[];
  /** Every difference, `field: from -> to`. */
  readonly changes: readonly Change[];
  /** Settings the server did not report; not counted as changes. */
  readonly unknown: readonly UnknownSetting[];
  /** Why the table must be deleted and created again (kind `replace` only). */
  readonly replaceReasons?: readonly string[];
}

/** `field: from -> to`. */
export function formatChange(change: Change): string {
  return `${change.field}: ${change.from} -> ${change.to}`;
}

/** Notes to print under a step (what the target server lacks or ignores of it). */
export type StepNotes = (step: Step) => readonly string[];

/** A plan as readable text, one line per step and change (preview, CLI), with optional notes per step. */
export function formatPlan(plan: Plan, notes?: StepNotes): string {
  const lines: string[] = [];
  const head = {
    none: `Table ${plan.table}: no changes`,
    create: `Table ${plan.table}: will be created`,
    update: `Table ${plan.table}: ${plan.steps.length} update step(s)`,
    replace: `Table ${plan.table}: REPLACEMENT needed (delete and create again: all items are lost)`,
  }[plan.kind];
  lines.push(head);
  for (const reason of plan.replaceReasons ?? []) { lines.push(`  reason: ${reason}`); }
  plan.steps.forEach((step, i) => {
    lines.push(`  ${i + 1}. ${step.title}`);
    for (const change of step.changes) { lines.push(`       ${formatChange(change)}`); }
    for (const note of notes?.(step) ?? []) { lines.push(`       note: ${note}`); }
  });
  for (const u of plan.unknown) { lines.push(`  unknown: ${u.field} (wanted ${u.wanted}): ${u.reason}`); }
  return lines.join('\n');
}

/** A config's preview: a header naming the file and where it was planned, then each table's plan. */
export function formatPreview(fileName: string, where: string, plans: readonly Plan[], at: Date = new Date(), notes?: StepNotes): string {
  const counts: Record<PlanKind, number> = { create: 0, update: 0, replace: 0, none: 0 };
  for (const p of plans) { counts[p.kind]++; }
  const summary = [
    counts.create ? `${counts.create} to create` : '', counts.update ? `${counts.update} to update` : '',
    counts.replace ? `${counts.replace} to REPLACE` : '', counts.none ? `${counts.none} unchanged` : '',
  ].filter(Boolean).join(', ');
  const pending = plans.length - counts.none;
  return [
    `Preview of ${fileName} on ${where}, read ${at.toISOString().slice(11, 19)} UTC`,
    `${plans.length} table${plans.length === 1 ? '' : 's'}: ${summary}. Nothing has been changed.`,
    '',
    ...plans.flatMap(p => [formatPlan(p, notes), '']),
    pending > 0
      ? 'To apply: "DynamoDB: Apply Config…" (the Apply lens above, or the ▶ button in the editor title). You confirm before anything is sent.'
      : 'The live tables match the config.',
    '',
  ].join('\n');
}
