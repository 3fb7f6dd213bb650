/**
 * Counting the items of a table (or an index) on demand: a Scan with Select COUNT, through the
 * SDK's paginator, so it works on any server, also one that reports no ItemCount (dynalite).
 * Reads every item once (it costs read capacity like a full scan): progress after each request,
 * cancellable with the signal between and during requests.
 */
import { paginateScan } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LOCAL_CONNECTION_ID } from './connections';

export interface CountProgress {
  readonly requests: number;
  readonly scannedCount: number;
  readonly count: number;
}

export interface CountResult extends CountProgress {
  /** Read capacity the scan consumed, when the server reports it. */
  readonly consumedCapacity?: number;
}

export interface CountOptions {
  readonly index?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: CountProgress) => void;
}

/** Counts the items of `table` (or its `index`) with a full Scan, Select COUNT. */
export async function countItems(client: DynamoDBClient, table: string, options: CountOptions = {}): Promise<CountResult> {
  const { index, signal, onProgress } = options;
  signal?.throwIfAborted();
  let requests = 0;
  let scannedCount = 0;
  let count = 0;
  let capacity: number | undefined;
  const input = { TableName: table, Select: 'COUNT' as const, ReturnConsumedCapacity: 'TOTAL' as const, ...(index ? { IndexName: index } : {}) };
  for await (const output of paginateScan({ client }, input, ...(signal ? [{ abortSignal: signal }] : []))) {
    requests++;
    scannedCount += output.ScannedCount ?? 0;
    count += output.Count ?? 0;
    if (output.ConsumedCapacity?.CapacityUnits !== undefined) { capacity = (capacity ?? 0) + output.ConsumedCapacity.CapacityUnits; }
    onProgress?.({ requests, scannedCount, count });
    signal?.throwIfAborted();
  }
  return { requests, scannedCount, count, ...(capacity !== undefined ? { consumedCapacity: capacity } : {}) };
}

/**
 * Where a connection's item counts come from: AWS refreshes ItemCount about every six hours;
 * a custom endpoint reports what its server reports; the embedded server (dynalite) always
 * reports 0, so its counts are not reported at all.
 */
export function itemCountSource(connectionId: string): 'aws' | 'server' | 'not-reported' {
  if (connectionId === LOCAL_CONNECTION_ID) { return 'not-reported'; }
  return connectionId.startsWith('endpoint:') ? 'server' : 'aws';
}
