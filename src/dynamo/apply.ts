/**
 * Apply: runs a Plan's steps in order against a server, waits for the table and all its GSIs to
 * be ACTIVE after each (waitForActive: the SDK's waiter, then DescribeTable with backoff and an
 * overall timeout), reports progress per step, and ends by planning again: whatever still differs
 * is reported as not applied by the server.
 *
 * Cancel: the signal is checked BETWEEN steps and aborts a wait; it is deliberately not passed to
 * the mutating call itself, because aborting an HTTP request the server may already have acted
 * on would leave the step in an unknown state. A step whose wait was cancelled is reported as
 * sent but not confirmed.
 *
 * A step the server does not know (UnknownOperationException: TTL, tags or PITR on local servers)
 * is reported as `unsupported` and the apply goes on; any other failure stops the apply with the
 * AWS error code and message and what was and was not applied.
 *
 * Replacement (plan kind `replace`) runs only when `confirmReplace` answers true; the caller asks
 * the user to type the table name back, showing `details.words` (the data loss).
 */
import {
  CreateTableCommand, DeleteTableCommand, DescribeTableCommand, DynamoDBClient, TagResourceCommand, UntagResourceCommand,
  UpdateContinuousBackupsCommand, UpdateTableCommand, UpdateTimeToLiveCommand, waitUntilTableNotExists,
} from '@aws-sdk/client-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LiveTable } from '../model/live';
import { formatChange } from '../plan/words';
import type { Change, LocalServerKind, Plan, Step, UnknownSetting } from '../model/plan';
import type { TableSpec } from '../model/spec';
import { deletionProtectionHelp } from './deleteTable';
import { STEP_KINDS, limitationsOfStep, serverKindOfArn } from '../plan/steps';
import { DynamoError, describeAwsError, isAbortError } from './errors';
import { plan as planTable } from '../plan/plan';
import { describeTable, waitForActive } from './tables';

/** `ignored`: not sent, because the server is known to ignore (or reject) every change of the step. */
export type StepStatus = 'done' | 'unsupported' | 'ignored' | 'failed' | 'not-run' | 'unconfirmed';

export interface StepResult {
  readonly title: string;
  readonly kind: Step['kind'];
  readonly status: StepStatus;
  /** For `failed` and `unsupported`: the AWS error code and message; for `unconfirmed`: why. */
  readonly error?: { readonly code: string; readonly message: string };
}

export interface ApplyProgress {
  readonly table: string;
  /** 0-based index of the step. */
  readonly index: number;
  readonly total: number;
  readonly title: string;
  /** `running`: the call is being sent; `waiting`: waiting for ACTIVE; then the step's outcome. */
  readonly state: 'running' | 'waiting' | 'done' | 'unsupported' | 'ignored' | 'failed';
}

export interface ReplaceDetails {
  readonly table: string;
  /** The data loss in words, to show before asking for the typed table name. */
  readonly words: string;
  readonly reasons: readonly string[];
  readonly itemCount?: number;
  readonly sizeBytes?: number;
}

export interface ApplyOptions {
  /** The config the plan came from: planned again after the last step to verify. */
  readonly spec: TableSpec;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ApplyProgress) => void;
  /** Asked before a replacement; without it, or on false, a replacement is refused. */
  readonly confirmReplace?: (details: ReplaceDetails) => Promise<boolean>;
  /** Overall wait for ACTIVE (or gone) per step, default 30 minutes. */
  readonly timeoutMs?: number;
  /**
   * The local server the plan runs on, when known (the embedded server is 'dynalite'); otherwise
   * told from the live table's ARN. A step whose every change such a server ignores is not sent.
   */
  readonly server?: LocalServerKind;
}

export type ApplyOutcome = 'done' | 'nothing-to-do' | 'cancelled' | 'failed' | 'refused';

export interface ApplyReport {
  readonly table: string;
  readonly outcome: ApplyOutcome;
  /** One line: what happened. */
  readonly message: string;
  readonly steps: readonly StepResult[];
  /** The failed step's AWS error. */
  readonly error?: { readonly code: string; readonly message: string };
  /** After the run, what still differs from the config (the plan made again); null when that is unknown (see verifyError). */
  readonly notApplied: readonly Change[] | null;
  /** Settings the server does not report, after the run. */
  readonly unknown: readonly UnknownSetting[];
  /** Set when the final plan could not be made. */
  readonly verifyError?: string;
}

/** The live table, or undefined when it does not exist. */
export async function describeLive(client: DynamoDBClient, name: string, signal?: AbortSignal): Promise<LiveTable | undefined> {
  try {
    return await describeTable(client, name, { signal });
  } catch (error) {
    if (error instanceof DynamoError && error.kind === 'not-found') { return undefined; }
    throw error;
  }
}

/** Describes the live table and plans the spec against it. */
export async function planSpec(client: DynamoDBClient, spec: TableSpec, options: { signal?: AbortSignal } = {}): Promise<Plan> {
  const name = spec.name?.valid ? spec.name.value : undefined;
  if (name === undefined) { throw new Error(`the table config at ${spec.pointer} has no valid table name`); }
  return planTable(spec, await describeLive(client, name, options.signal));
}

/** Plans each table of a config, in order (the CLI and the extension's preview and apply). */
export async function planSpecs(client: DynamoDBClient, specs: readonly TableSpec[], options: { signal?: AbortSignal } = {}): Promise<Plan[]> {
  const plans: Plan[] = [];
  for (const spec of specs) { plans.push(await planSpec(client, spec, options)); }
  return plans;
}

/** A table to apply: its plan and the config it came from. */
export interface PendingTable {
  readonly plan: Plan;
  readonly spec: TableSpec;
}

export interface ApplyAllOptions extends Omit<ApplyOptions, 'spec'> {
  /** Called with each table's report as soon as it is done. */
  readonly onReport?: (report: ApplyReport, table: PendingTable) => void;
}

/**
 * Applies tables one after another (the CLI's and the extension's apply): stops before the next
 * table when cancelled, and after a table that did not end done. Fewer reports than tables means
 * the rest was not started.
 */
export async function applyPlans(client: DynamoDBClient, tables: readonly PendingTable[], options: ApplyAllOptions = {}): Promise<ApplyReport[]> {
  const { onReport, ...rest } = options;
  const reports: ApplyReport[] = [];
  for (const table of tables) {
    if (options.signal?.aborted) { break; }
    const report = await applyPlan(client, table.plan, { ...rest, spec: table.spec });
    reports.push(report);
    onReport?.(report, table);
    if (report.outcome !== 'done' && report.outcome !== 'nothing-to-do') { break; }
  }
  return reports;
}

async function tableArn(client: DynamoDBClient, name: string, signal?: AbortSignal): Promise<string> {
  const out = await client.send(new DescribeTableCommand({ TableName: name }), { abortSignal: signal });
  if (!out.Table?.TableArn) { throw new Error(`table ${name}: the server gave no ARN for tagging`); }
  return out.Table.TableArn;
}

/** Sends one step's command (no abort signal: see the module comment). */
async function send(client: DynamoDBClient, step: Step, table: string): Promise<void> {
  switch (step.kind) {
    case 'CreateTable': await client.send(new CreateTableCommand(step.input)); return;
    case 'DeleteTable': await client.send(new DeleteTableCommand(step.input)); return;
    case 'UpdateTable': await client.send(new UpdateTableCommand(step.input)); return;
    case 'UpdateTimeToLive': await client.send(new UpdateTimeToLiveCommand(step.input)); return;
    case 'TagResource':
      await client.send(new TagResourceCommand({ ...step.input, ResourceArn: step.input.ResourceArn || await tableArn(client, table) }));
      return;
    case 'UntagResource':
      await client.send(new UntagResourceCommand({ ...step.input, ResourceArn: step.input.ResourceArn || await tableArn(client, table) }));
      return;
    case 'UpdateContinuousBackups': {
      // Right after CreateTable, AWS answers ContinuousBackupsUnavailableException for a while.
      let delay = 1000;
      const deadline = Date.now() + 5 * 60_000;
      for (;;) {
        try { await client.send(new UpdateContinuousBackupsCommand(step.input)); return; } catch (error) {
          if ((error as { name?: string }).name !== 'ContinuousBackupsUnavailableException' || Date.now() + delay > deadline) { throw error; }
          await sleep(delay);
          delay = Math.min(delay * 2, 15_000);
        }
      }
    }
  }
}

async function waitAfter(client: DynamoDBClient, step: Step, table: string, signal: AbortSignal | undefined, timeoutMs: number): Promise<void> {
  if (step.kind === 'DeleteTable') {
    await waitUntilTableNotExists(
      { client, maxWaitTime: Math.ceil(timeoutMs / 1000), minDelay: 1, maxDelay: 10, abortSignal: signal },
      { TableName: table },
    ).catch((error: unknown) => {
      signal?.throwIfAborted();
      throw new Error(`table ${table} was not gone within ${Math.round(timeoutMs / 1000)} s`, { cause: error });
    });
    return;
  }
  await waitForActive(client, table, { signal, timeoutMs });
}

function replaceWords(plan: Plan, live: LiveTable | undefined): string {
  const items = live?.itemCount !== undefined ? `${live.itemCount} item(s)` : 'all its items';
  const size = live?.sizeBytes !== undefined ? ` (${live.sizeBytes} bytes)` : '';
  const extras = [
    live && live.globalSecondaryIndexes.length + live.localSecondaryIndexes.length > 0 ? 'its indexes are rebuilt empty' : undefined,
    live?.stream.enabled ? 'its stream records and stream ARN are lost' : undefined,
    'its backups for point-in-time recovery end',
  ].filter(Boolean).join('; ');
  return `Replacing table ${plan.table} DELETES the table and ${items}${size}, then creates it again empty: ${extras}. This cannot be undone.`;
}

/** Runs a plan; never throws for a failed step (the report says so), only for a bad argument. */
export async function applyPlan(client: DynamoDBClient, plan: Plan, options: ApplyOptions): Promise<ApplyReport> {
  const { signal, onProgress } = options;
  const table = plan.table;
  const timeoutMs = options.timeoutMs ?? 30 * 60_000;
  const results: StepResult[] = plan.steps.map(s => ({ title: s.title, kind: s.kind, status: 'not-run' }));
  const base = { table, steps: results, notApplied: [] as Change[], unknown: plan.unknown };

  if (plan.kind === 'none') {
    return { ...base, outcome: 'nothing-to-do', message: `Nothing to apply: table ${table} has no changes.` };
  }
  // What the server is known to ignore is not sent (dynalite rejects some of it, e.g. a stream-only UpdateTable).
  const server = options.server ?? (plan.kind === 'update' ? serverKindOfArn((await describeLive(client, table, signal).catch(() => undefined))?.arn) : undefined);
  const ignoredBy = (step: Step): string[] => {
    if (!server || step.kind === 'CreateTable' || step.kind === 'DeleteTable' || step.changes.length === 0) { return []; }
    const limits = limitationsOfStep(server, step).filter(l => l.support === 'ignored');
    const covered = step.changes.every(c => limitationsOfStep(server, { ...step, changes: [c] }).some(l => l.support === 'ignored'));
    return covered ? limits.map(l => l.label) : [];
  };
  if (plan.kind === 'replace') {
    const live = await describeLive(client, table, signal);
    const details: ReplaceDetails = {
      table, words: replaceWords(plan, live), reasons: plan.replaceReasons ?? [], itemCount: live?.itemCount, sizeBytes: live?.sizeBytes,
    };
    const confirmed = options.confirmReplace ? await options.confirmReplace(details) : false;
    if (!confirmed) {
      return {
        ...base, outcome: 'refused',
        message: `Not applied: table ${table} needs replacement (${(plan.replaceReasons ?? []).join('; ')}); not applied without a typed confirmation. ${details.words}`,
      };
    }
  }

  let outcome: ApplyOutcome = 'done';
  let failure: { code: string; message: string } | undefined;
  const emit = (index: number, state: ApplyProgress['state']) =>
    onProgress?.({ table, index, total: plan.steps.length, title: plan.steps[index].title, state });

  for (let i = 0; i < plan.steps.length; i++) {
    if (signal?.aborted) { outcome = 'cancelled'; break; }
    const step = plan.steps[i];
    const ignored = ignoredBy(step);
    if (ignored.length > 0) {
      results[i] = { ...results[i], status: 'ignored', error: { code: 'IgnoredByServer', message: ignored.join('; ') } };
      emit(i, 'ignored');
      continue;
    }
    emit(i, 'running');
    try {
      await send(client, step, table);
    } catch (error) {
      const d = describeAwsError(error, { operation: step.kind });
      if (d.kind === 'unsupported' && STEP_KINDS[step.kind].optional) {
        results[i] = { ...results[i], status: 'unsupported', error: { code: d.code, message: d.message } };
        emit(i, 'unsupported');
        continue;
      }
      const protectedTable = step.kind === 'DeleteTable' && d.kind === 'validation' && /deletion protection/i.test(d.message);
      failure = { code: d.code, message: protectedTable ? deletionProtectionHelp(table) : d.message };
      results[i] = { ...results[i], status: 'failed', error: failure };
      outcome = 'failed';
      emit(i, 'failed');
      break;
    }
    emit(i, 'waiting');
    try {
      await waitAfter(client, step, table, signal, timeoutMs);
    } catch (error) {
      if (isAbortError(error) || signal?.aborted) {
        results[i] = { ...results[i], status: 'unconfirmed', error: { code: 'Cancelled', message: 'sent; cancelled while waiting for the table to be ACTIVE' } };
        outcome = 'cancelled';
        break;
      }
      const d = describeAwsError(error, { operation: 'DescribeTable' });
      failure = { code: d.code, message: d.message };
      results[i] = { ...results[i], status: 'unconfirmed', error: failure };
      outcome = 'failed';
      break;
    }
    results[i] = { ...results[i], status: 'done' };
    emit(i, 'done');
  }

  // Plan again against what the server now reports. Runs after a cancel too (bounded, not
  // tied to the cancelled signal): the report must say what is and is not applied.
  let notApplied: readonly Change[] | null = [];
  let unknown: readonly UnknownSetting[] = plan.unknown;
  let verifyError: string | undefined;
  try {
    const again = await planSpec(client, options.spec, { signal: AbortSignal.timeout(60_000) });
    notApplied = again.changes;
    unknown = again.unknown;
  } catch (error) {
    verifyError = describeAwsError(error, { operation: 'DescribeTable' }).message;
    notApplied = null;
  }

  const done = results.filter(r => r.status === 'done').length;
  const unsupported = results.filter(r => r.status === 'unsupported');
  const ignored = results.filter(r => r.status === 'ignored');
  const notRun = results.filter(r => r.status === 'not-run').length;
  const parts: string[] = [];
  // The first words say how it ended: Fully applied, Partly applied, Applied (unverified), Cancelled, Failed.
  if (outcome === 'done') {
    const head = verifyError ? 'Applied, not verified' : notApplied!.length > 0 || unsupported.length > 0 || ignored.length > 0 ? 'Partly applied' : 'Fully applied';
    parts.push(`${head}: table ${table}, ${done} of ${plan.steps.length} step(s) applied.`);
  } else if (outcome === 'cancelled') {
    parts.push(`Cancelled: table ${table}, after ${done} of ${plan.steps.length} step(s); ${notRun} not run.`);
  } else {
    const failed = results.find(r => r.status === 'failed' || r.status === 'unconfirmed');
    parts.push(`Failed: table ${table}, step "${failed?.title}" failed (${failure?.code}: ${failure?.message}); ${done} step(s) applied, ${notRun} not run.`);
  }
  if (ignored.length > 0) { parts.push(`Not applied by this server (it ignores them): ${ignored.map(r => r.title).join('; ')}.`); }
  if (unsupported.length > 0) { parts.push(`Not supported by this server: ${unsupported.map(r => r.title).join('; ')}.`); }
  if (notApplied && notApplied.length > 0) {
    parts.push(outcome === 'done'
      ? `Not applied by the server: ${notApplied.map(formatChange).join('; ')}.`
      : `Still pending: ${notApplied.length} change(s).`);
  }
  if (verifyError) { parts.push(`Could not verify what is applied (unknown): ${verifyError}`); }
  return { ...base, outcome, message: parts.join(' '), error: failure, notApplied, unknown, verifyError };
}

/** An apply report as lines: its message, optionally each step's outcome, then what is not applied or unknown. */
export function formatApplyReport(report: ApplyReport, options: { steps?: boolean } = {}): string[] {
  return [
    report.message,
    ...(options.steps ? report.steps.map(s => `  ${s.status.padEnd(11)} ${s.title}${s.error ? ` (${s.error.code}: ${s.error.message})` : ''}`) : []),
    ...(report.notApplied ? report.notApplied.map(c => `  not applied: ${formatChange(c)}`) : ['  not applied: unknown (the table could not be read again)']),
    ...report.unknown.map(u => `  unknown: ${u.field} (${u.reason})`),
  ];
}
