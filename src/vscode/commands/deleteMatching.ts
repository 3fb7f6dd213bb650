/**
 * Delete every item a Scan or Query matches, from the item browser ("Delete All Matching...") or
 * the explorer ("Empty Table...", a Scan of the whole table): a plan first (the items counted,
 * the write units, the first keys; cancellable), shown in a modal; then the table name typed
 * back; then the deletes, with progress (items/s) and a cancel. Nothing is deleted unless both
 * answers are given.
 */
import * as vscode from 'vscode';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ItemRequest } from '../../model/items';
import { deleteMatching, formatDeletePlan, planDeleteMatching } from '../../dynamo/bulkDelete';
import { isAbortError } from '../../dynamo/errors';
import { keyText } from '../../items/keys';
import type { Prompts } from '../platform/prompts';
import { withCancellableProgress } from './config';

export type DeleteMatchingOutcome =
  | { readonly done: true; readonly deleted: number; readonly planned: number }
  | { readonly done: false; readonly reason: 'cancelled' | 'nothing' | 'stopped'; readonly deleted?: number };

export interface DeleteMatchingContext {
  readonly prompts: Prompts;
  readonly log: { info(message: string): void };
}

export async function confirmAndDeleteMatching(
  context: DeleteMatchingContext, client: DynamoDBClient, request: ItemRequest, where: string, options: { emptyTable?: boolean } = {},
): Promise<DeleteMatchingOutcome> {
  const table = request.target.table;
  const what = options.emptyTable ? `every item of ${table}` : `the items of ${table} that the ${request.mode === 'query' ? 'Query' : 'Scan'}${request.target.index ? ` on ${request.target.index}` : ''} matches`;
  let plan;
  try {
    plan = await withCancellableProgress(`Counting ${what}`, async (progress, signal) =>
      planDeleteMatching(client, request, { signal, onProgress: n => progress.report({ message: `${n.toLocaleString('en-US')} items so far (nothing is deleted yet)` }) }));
  } catch (error) {
    if (isAbortError(error)) { return { done: false, reason: 'cancelled' }; }
    throw error;
  }
  if (plan.items === 0) {
    void vscode.window.showInformationMessage(`No item matches: nothing to delete from ${table}.`);
    return { done: false, reason: 'nothing' };
  }
  const title = options.emptyTable ? `Empty table ${table} on ${where}?` : `Delete ${plan.items.toLocaleString('en-US')} matching items from ${table} on ${where}?`;
  const detail = `${formatDeletePlan(plan, keyText, options.emptyTable === true)}\n\nThis cannot be undone. You will then type the table name.`;
  if (!await context.prompts.confirm(title, detail, 'Delete…')) { return { done: false, reason: 'cancelled' }; }
  const typed = await context.prompts.input({
    title: options.emptyTable ? `Empty table ${table}` : `Delete matching items from ${table}`,
    prompt: `Type ${table} to delete ${plan.items.toLocaleString('en-US')} item(s).`,
    placeHolder: table,
    validate: v => (v === table ? undefined : `Type ${table} exactly to delete the items`),
  });
  if (typed !== table) { return { done: false, reason: 'cancelled' }; }
  let deleted = 0;
  try {
    const result = await withCancellableProgress(`Deleting items from ${table}`, (progress, signal) => {
      let reported = 0;
      return deleteMatching(client, request, {
        signal,
        onProgress: p => {
          deleted = p.done;
          progress.report({
            message: `${p.done.toLocaleString('en-US')} of ${plan.items.toLocaleString('en-US')} · ${Math.round(p.itemsPerSecond).toLocaleString('en-US')} items/s`,
            increment: Math.min(100, ((p.done - reported) / plan.items) * 100),
          });
          reported = p.done;
        },
      });
    });
    context.log.info(`deleted ${result.deleted} items from ${table} on ${where} (planned ${plan.items})`);
    void vscode.window.showInformationMessage(`Deleted ${result.deleted.toLocaleString('en-US')} item(s) from ${table}.`);
    return { done: true, deleted: result.deleted, planned: plan.items };
  } catch (error) {
    if (isAbortError(error)) {
      context.log.info(`delete of matching items from ${table}: stopped after ${deleted}`);
      void vscode.window.showWarningMessage(`Stopped: ${deleted.toLocaleString('en-US')} item(s) of ${table} were deleted before the cancel.`);
      return { done: false, reason: 'stopped', deleted };
    }
    throw error;
  }
}
