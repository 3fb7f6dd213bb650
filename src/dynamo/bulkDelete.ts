/**
 * Delete every item a Scan or Query matches (the item browser's "Delete All Matching...", and
 * "Empty Table", a Scan of the table without filters). First a plan: the request read to its end
 * (nothing deleted) to count the items, estimate the write units (one per started KB of each
 * item, as DynamoDB charges deletes) and show the first keys. Then the deletion: the request read
 * again from its beginning, each page's keys deleted with BatchWriteItem through batchWrite.ts
 * (several batches in flight, unprocessed items retried with backoff), while the next page is
 * read. Items that start matching between the plan and the deletion are deleted too; the result
 * says how many were. No vscode import; every call takes an AbortSignal.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ItemRequest, JsonItem } from '../model/items';
import { keyOf } from '../items/keys';
import { writeUnits } from '../items/importFormat';
import { BatchWriter, type WriteProgress } from './batchWrite';
import { readAll } from './items';

export interface DeletePlan {
  readonly table: string;
  readonly items: number;
  /** Write units the deletes consume on the table (GSIs add their own). */
  readonly writeUnits: number;
  /** The table keys of the first items (up to 10). */
  readonly firstKeys: readonly JsonItem[];
  /** True when the read was of an index that does not project every attribute (sizes are a lower bound). */
  readonly sizesFromIndex: boolean;
}

export interface PlanOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (items: number) => void;
}

export async function planDeleteMatching(client: DynamoDBClient, request: ItemRequest, options: PlanOptions = {}): Promise<DeletePlan> {
  const keySchema = request.target.tableKeySchema;
  const firstKeys: JsonItem[] = [];
  let items = 0;
  let units = 0;
  for await (const batch of readAll(client, request, { signal: options.signal })) {
    for (const item of batch) {
      items++;
      units += writeUnits(item);
      if (firstKeys.length < 10) { firstKeys.push(keyOf(item, keySchema)); }
    }
    options.onProgress?.(items);
  }
  return { table: request.target.table, items, writeUnits: units, firstKeys, sizesFromIndex: request.target.index !== undefined };
}

export interface DeleteOptions {
  readonly signal?: AbortSignal;
  readonly concurrency?: number;
  readonly onProgress?: (progress: WriteProgress) => void;
}

/** Deletes every item the request matches now; returns how many were deleted. */
export async function deleteMatching(client: DynamoDBClient, request: ItemRequest, options: DeleteOptions = {}): Promise<{ deleted: number; elapsedMs: number }> {
  const started = Date.now();
  const keySchema = request.target.tableKeySchema;
  const writer = new BatchWriter(client, request.target.table, keySchema.map(k => k.name), {
    signal: options.signal, concurrency: options.concurrency, onProgress: options.onProgress,
    onFailure: failure => { throw new Error(failure.reason); },
  });
  try {
    for await (const batch of readAll(client, request, { signal: options.signal })) {
      for (const item of batch) { await writer.delete(keyOf(item, keySchema)); }
    }
    await writer.flush();
  } catch (error) {
    await writer.settle();
    throw error;
  }
  return { deleted: writer.done, elapsedMs: Date.now() - started };
}

/** Words for a plan: what will be deleted, for the confirmation. */
export function formatDeletePlan(plan: DeletePlan, keyText: (key: JsonItem) => string, emptyTable: boolean): string {
  const lines = [
    `${plan.items.toLocaleString('en-US')} item(s) of ${plan.table} will be deleted, about ${plan.writeUnits.toLocaleString('en-US')} write unit(s)${plan.sizesFromIndex ? ' (at least: sizes read from the index)' : ''}.`,
  ];
  if (plan.firstKeys.length) { lines.push(`First keys: ${plan.firstKeys.map(keyText).join('; ')}${plan.items > plan.firstKeys.length ? '; ...' : ''}`); }
  if (emptyTable) { lines.push('For a large table, deleting the table and creating it again may be faster and cheaper (no write units per item).'); }
  return lines.join('\n');
}
