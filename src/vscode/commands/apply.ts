/**
 * Apply Config: plans every table of the config against its target, asks once (a modal showing
 * the plan), then applies table by table, step by step, under a cancellable notification. A
 * replacement needs its own confirmation naming the data loss and the table name typed back.
 * The report says what was done, what the server did not apply and what was not run; the
 * explorer, an open details panel and the preview are refreshed afterwards.
 */
import * as vscode from 'vscode';
import { applyPlans, formatApplyReport, planSpecs } from '../../dynamo/apply';
import type { ApplyReport, ReplaceDetails } from '../../dynamo/apply';
import { formatPlan } from '../../plan/words';
import type { Plan } from '../../model/plan';
import { refreshTableDetails } from '../panels/panels';
import type { Prompts } from '../platform/prompts';
import { configDocument, refuseAppliedElsewhere, refuseErrors, targetClient, withCancellableProgress } from './config';
import { registerCommand } from './register';
import type { ConfigCommandContext } from './config';
import { previewConfig, stepNotes } from './preview';
import type { PlanDocuments } from './preview';
import { panelTarget } from './tableRef';
import { targetLabel } from './target';

/** Lines of plan shown in the confirmation before the rest is elided. */
const CONFIRM_LINES = 40;

export interface ApplyResult {
  readonly reports: readonly ApplyReport[];
  /** Tables that had nothing to do. */
  readonly unchanged: readonly string[];
}

/** The modal confirmation and typed table name a replacement needs. */
export async function confirmReplacement(prompts: Prompts, details: ReplaceDetails): Promise<boolean> {
  const ok = await prompts.confirm(`Replace table ${details.table}? All its items will be lost.`,
    `${details.words}\n\nWhy: ${details.reasons.join('; ')}.`, 'Delete and Create Again…');
  if (!ok) { return false; }
  const typed = await prompts.input({
    title: `Replace table ${details.table}: type its name to confirm the data loss`,
    prompt: details.words,
    placeHolder: details.table,
    validate: v => (v === details.table ? undefined : `Type ${details.table} exactly to delete the table and its items and create it again`),
  });
  return typed === details.table;
}

function elide(text: string, lines: number): string {
  const all = text.split('\n');
  return all.length <= lines ? text : [...all.slice(0, lines), `… and ${all.length - lines} more line(s): run Preview Changes to see all`].join('\n');
}

/** One clause per table for the closing notification: what was done and what the server left as it was. */
export function tableClause(report: ApplyReport, plan: Plan): string {
  if (report.outcome !== 'done') { return report.message; }
  const done = report.steps.filter(s => s.status === 'done').length;
  const parts = [`${report.table}: ${done} of ${report.steps.length} step${report.steps.length === 1 ? '' : 's'} done`];
  const unsupported = report.steps.flatMap((s, i) => (s.status === 'unsupported' ? [i] : []));
  const skipped = report.steps.flatMap((s, i) => (s.status === 'ignored' ? [i] : []));
  if (skipped.length) { parts.push(`not applied by this server (it ignores them): ${skipped.map(i => report.steps[i].title).join(', ')}`); }
  if (unsupported.length) { parts.push(`not supported by this server: ${unsupported.map(i => report.steps[i].title).join(', ')}`); }
  // Changes of an unsupported or ignored step are left as they were too: said once above.
  const covered = new Set([...unsupported, ...skipped].flatMap(i => plan.steps[i]?.changes.map(c => c.field) ?? []));
  if (report.notApplied === null) { parts.push('what the server applied is unknown (it could not be read again)'); }
  const ignored = [...new Set((report.notApplied ?? []).filter(c => !covered.has(c.field)).map(c => (c.setting === 'tag' ? 'tags' : c.field)))];
  if (ignored.length) { parts.push(`left as it was by the server: ${ignored.join(', ')}`); }
  return parts.join('; ') + '.';
}

export async function applyConfig(context: ConfigCommandContext, plans: PlanDocuments, argument: unknown): Promise<ApplyResult | undefined> {
  const { services } = context;
  const config = await configDocument(context.diagnostics, argument, 'apply');
  refuseAppliedElsewhere(config, 'apply');
  refuseErrors(config, 'apply it');
  const target = await context.targets.resolve(config.document, config.analysis);
  if (!target) { return undefined; }
  const where = targetLabel(target);
  const client = await targetClient(context, target);

  const planned = await withCancellableProgress(`Planning ${config.fileName} on ${where}`, (_p, signal) => planSpecs(client, config.tables, { signal }));
  const pending = planned.map((plan, index) => ({ plan, spec: config.tables[index] })).filter(p => p.plan.kind !== 'none');
  const unchanged = planned.filter(p => p.kind === 'none').map(p => p.table);
  if (pending.length === 0) {
    void vscode.window.showInformationMessage(`No changes: ${unchanged.join(', ')} already match${unchanged.length === 1 ? 'es' : ''} ${config.fileName} on ${where}.`);
    return { reports: [], unchanged };
  }
  const names = pending.map(p => p.plan.table).join(', ');
  const replacing = pending.filter(p => p.plan.kind === 'replace').map(p => p.plan.table);
  const confirmed = await services.prompts.confirm(
    `Apply ${config.fileName} to ${names} on ${where}?`,
    elide(pending.map(p => formatPlan(p.plan, stepNotes(target))).join('\n\n'), CONFIRM_LINES) +
      (replacing.length ? `\n\n${replacing.join(', ')} must be REPLACED: you will be asked again, and to type the table name.` : ''),
    'Apply',
  );
  if (!confirmed) { return undefined; }

  const reports = await withCancellableProgress(`Applying ${config.fileName} on ${where}`, (progress, signal) => applyPlans(client, pending, {
    signal,
    // The embedded server is dynalite: what it ignores is not sent (also told from the ARN, unless AWS_ACCOUNT_ID is set).
    server: target.connection.kind === 'local' ? 'dynalite' : undefined,
    confirmReplace: details => confirmReplacement(services.prompts, details),
    onProgress: e => {
      const state = { running: 'sending', waiting: 'waiting for ACTIVE', done: 'done', unsupported: 'not supported by this server', ignored: 'not sent: ignored by this server', failed: 'failed' }[e.state];
      progress.report({ message: `${e.table} [${e.index + 1}/${e.total}] ${e.title}: ${state}` });
    },
    onReport: report => services.log.info(`apply ${config.document.uri.fsPath} on ${where}:\n${formatApplyReport(report, { steps: true }).join('\n')}`),
  }));

  // The server changed: what shows it must read it again.
  context.explorer.refreshRegion(target.connection.id, target.region);
  for (const { plan } of pending) {
    refreshTableDetails(panelTarget({ connection: target.connection, region: target.region, tableName: plan.table }));
  }
  if (plans.isOpen(config.document.uri)) { void previewConfig(context, plans, config.document.uri, { reveal: false }).catch(() => undefined); }

  const notRun = pending.slice(reports.length).map(p => p.plan.table);
  const failed = reports.some(r => r.outcome === 'failed' || r.outcome === 'refused');
  const partial = failed || notRun.length > 0 || reports.some(r => r.outcome === 'cancelled' || r.notApplied === null || r.notApplied.length > 0 || r.steps.some(s => s.status === 'unsupported' || s.status === 'ignored'));
  // The first words say how it ended.
  const head = failed ? `Failed to apply ${config.fileName} on ${where}` : partial ? `Partly applied ${config.fileName} on ${where}` : `Fully applied ${config.fileName} on ${where}`;
  const messages = [`${head}.`, ...reports.map((r, i) => tableClause(r, pending[i].plan)), ...(notRun.length ? [`Not started: ${notRun.join(', ')}.`] : [])];
  const text = messages.join(' ');
  const shown = failed ? vscode.window.showErrorMessage(text, 'Show Log')
    : partial ? vscode.window.showWarningMessage(text, 'Show Log') : vscode.window.showInformationMessage(text, 'Show Log');
  void shown.then(choice => { if (choice) { services.log.show(true); } });
  return { reports, unchanged };
}

export function registerApply(context: ConfigCommandContext, plans: PlanDocuments): vscode.Disposable[] {
  return [
    registerCommand(context.services.log, 'dynamodbDesigner.applyConfig', { doing: 'Apply', trust: 'apply' },
      (_run, argument?: unknown) => applyConfig(context, plans, argument)),
  ];
}
