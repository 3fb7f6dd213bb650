/**
 * `dynamodb-designer apply FILE [--yes] [--confirm-replace TABLE] [connection options]`: plans
 * and applies each table of the config, step by step, with progress. Exit 0 = done, 1 = error.
 * Without --yes it asks on the terminal, and refuses when stdin is not a terminal. A config with
 * validation errors is never applied. A replacement (delete and create again) needs the table
 * name typed back on the terminal, or --confirm-replace TABLE; --yes alone never replaces.
 * Ctrl-C stops between steps and reports what was done.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { applyPlans, formatApplyReport, planSpecs, type ReplaceDetails } from '../dynamo/apply';
import { formatPlan } from '../plan/words';
import { CONNECTION_OPTIONS_HELP, CliError, ask, errorLine, loadConfig, makeClient, parseTableArgs, refuseAppliedElsewhere, type TableCommandArgs } from './preview';
import type { CliIo } from './validate';

export const APPLY_HELP = `Usage: dynamodb-designer apply FILE [options]

Applies the config to the live tables it names: creates missing tables, runs the ordered update
steps (waiting for the table and its indexes to be ACTIVE between them), then checks again and
reports anything the server did not apply. Ctrl-C stops between steps.
Options:
  -y, --yes                  do not ask (required when stdin is not a terminal)
  --confirm-replace TABLE    allow replacing TABLE (delete and create again: ALL ITEMS ARE LOST)
                             without the typed confirmation on the terminal
${CONNECTION_OPTIONS_HELP}
Exit status: 0 done, 1 error (including a config with errors, a refusal or a failed step).`;

function interactive(): boolean {
  return process.stdin.isTTY === true;
}

function confirmReplace(args: TableCommandArgs, io: CliIo): (details: ReplaceDetails) => Promise<boolean> {
  return async details => {
    if (args.confirmReplace !== undefined) { return args.confirmReplace === details.table; }
    if (!interactive()) { return false; }
    io.err(details.words);
    const typed = await ask(`Type the table name (${details.table}) to delete and create it again: `);
    return typed === details.table;
  };
}

export async function runApply(argv: readonly string[], io: CliIo): Promise<number> {
  let args: TableCommandArgs | undefined;
  let client: DynamoDBClient | undefined;
  const controller = new AbortController();
  const onSigint = () => {
    io.err('Stopping after the current step (Ctrl-C again to quit at once)...');
    process.off('SIGINT', onSigint);
    controller.abort();
  };
  try {
    args = parseTableArgs(argv, 'apply', { yes: true, confirmReplace: true });
    if (args.help) { io.out(APPLY_HELP); return 0; }
    if (!args.yes && !interactive()) {
      throw new CliError('refusing to apply without --yes: stdin is not a terminal, so there is no one to confirm');
    }
    const config = await loadConfig(args, io);
    refuseAppliedElsewhere(args.file!, config, 'apply');
    client = makeClient(args, config.region);
    const plans = await planSpecs(client, config.tables, { signal: controller.signal });
    const pending = plans.map((plan, index) => ({ plan, spec: config.tables[index] })).filter(p => p.plan.kind !== 'none');
    if (args.format === 'text') { for (const plan of plans) { io.out(formatPlan(plan)); } }
    if (pending.length === 0) {
      if (args.format === 'json') { io.out(JSON.stringify({ outcome: 'nothing-to-do', tables: [] }, null, 2)); }
      return 0;
    }
    if (!args.yes) {
      const answer = await ask(`Apply these changes to ${pending.map(p => p.plan.table).join(', ')}? Type yes to go on: `);
      if (answer !== 'yes') { throw new CliError('not applied: the answer was not yes'); }
    }
    process.on('SIGINT', onSigint);
    const text = args.format === 'text';
    const reports = await applyPlans(client, pending, {
      signal: controller.signal,
      confirmReplace: confirmReplace(args, io),
      onProgress: e => {
        if (text && e.state !== 'waiting') { io.out(`  [${e.index + 1}/${e.total}] ${e.title}: ${e.state}`); }
      },
      onReport: report => { if (text) { for (const line of formatApplyReport(report)) { io.out(line); } } },
    });
    if (args.format === 'json') { io.out(JSON.stringify({ tables: reports }, null, 2)); }
    const ok = reports.length === pending.length && reports.every(r => r.outcome === 'done' || r.outcome === 'nothing-to-do');
    if (!ok) {
      const bad = reports.find(r => r.outcome !== 'done' && r.outcome !== 'nothing-to-do');
      io.err(`dynamodb-designer apply: ${bad ? bad.message : 'cancelled before all tables were applied'}`);
    }
    return ok ? 0 : 1;
  } catch (error) {
    io.err(errorLine('apply', error, { profile: args?.profile, target: args?.endpoint }));
    return 1;
  } finally {
    process.off('SIGINT', onSigint);
    client?.destroy();
  }
}

/** For the dispatch table in main.ts: `apply: APPLY_COMMAND`. */
export const APPLY_COMMAND = { summary: 'apply a config to its live tables, step by step', help: APPLY_HELP, run: runApply };
