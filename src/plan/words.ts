/**
 * The words for a plan: a change, a plan and a config's preview as readable text (preview
 * documents, the CLI, apply reports). Pure.
 */
import type { Change, Plan, PlanKind, Step } from '../model/plan';

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
