/**
 * Delete a table, safely: say what will be lost, require the table name typed back, honour
 * deletion protection (and say how to turn it off), then wait until the table is gone.
 */
import { DeleteTableCommand, DescribeTableCommand, DynamoDBClient, ScanCommand, waitUntilTableNotExists } from '@aws-sdk/client-dynamodb';
import { DynamoError } from './errors';
import { explain } from './tables';

export interface DeletionDetails {
  readonly table: string;
  /** The server's figure, or the count made now when the server reported 0 or nothing. */
  readonly itemCount?: number;
  /** How itemCount was had: from DescribeTable, counted now (exact, or a lower bound), or unknown. */
  readonly itemCountSource: 'reported' | 'counted' | 'counted-at-least' | 'unknown';
  readonly sizeBytes?: number;
  /** `GSI name` / `LSI name`. */
  readonly indexes: readonly string[];
  readonly streamEnabled: boolean;
  readonly deletionProtection: boolean;
  /** What will be lost as a list: `300 items (counted now)`, `GSI by-status`, `its stream`. */
  readonly lost: readonly string[];
  /** What will be lost, in words, to show before asking for the typed name. */
  readonly words: string;
}

/** At most this many items are counted by one Scan when the server reports no count. */
export const DELETE_COUNT_LIMIT = 1000;

/**
 * The items in words. A reported 0 is not trusted (the embedded server always reports 0, AWS
 * updates the figure about every six hours): one Scan with Select COUNT, at most
 * DELETE_COUNT_LIMIT items, says what is really there.
 */
async function itemsToLose(client: DynamoDBClient, name: string, reported: number | undefined, bytes: number | undefined, signal?: AbortSignal)
  : Promise<{ words: string; count?: number; source: DeletionDetails['itemCountSource'] }> {
  if (reported !== undefined && reported > 0) {
    const size = bytes !== undefined ? `, ${bytes.toLocaleString('en-US')} bytes` : '';
    return { words: `${reported.toLocaleString('en-US')} item(s) (as DynamoDB reported it${size}; it updates these figures about every six hours)`, count: reported, source: 'reported' };
  }
  try {
    const out = await client.send(new ScanCommand({ TableName: name, Select: 'COUNT', Limit: DELETE_COUNT_LIMIT }), { abortSignal: signal });
    const count = out.Count ?? 0;
    if (out.LastEvaluatedKey) {
      return { words: `more than ${count.toLocaleString('en-US')} items (counted now: the server reports no item count)`, count, source: 'counted-at-least' };
    }
    return { words: count === 0 ? 'no items (counted now)' : `${count.toLocaleString('en-US')} item(s) (counted now)`, count, source: 'counted' };
  } catch {
    // A Scan not allowed (IAM) or failing: the number is unknown, the delete may still go on.
    signal?.throwIfAborted();
    return { words: 'an unknown number of items (the server reports no item count)', source: 'unknown' };
  }
}

/** Why a delete was refused before any call that changes anything. */
export class DeletionRefused extends Error {
  constructor(readonly reason: 'confirmation' | 'deletion-protection', message: string) {
    super(message);
    this.name = 'DeletionRefused';
  }
}

/** How to turn deletion protection off, in words. */
export function deletionProtectionHelp(name: string): string {
  return `Table ${name} has deletion protection on, so it cannot be deleted. Turn it off first: set deletion protection to false in the config ` +
    `(genesys: deletion_protection = false; planton and component: deletionProtectionEnabled: false) and apply it, ` +
    `or run \`aws dynamodb update-table --table-name ${name} --no-deletion-protection-enabled\`, or turn it off in the DynamoDB console (table > Additional settings).`;
}

/** What deleting the table would lose. Throws (DynamoError kind `not-found`) when it does not exist. */
export async function describeDeletion(client: DynamoDBClient, name: string, options: { signal?: AbortSignal } = {}): Promise<DeletionDetails> {
  let table;
  try {
    table = (await client.send(new DescribeTableCommand({ TableName: name }), { abortSignal: options.signal })).Table;
  } catch (error) {
    throw await explain(error, client, 'DescribeTable');
  }
  if (!table) { throw new Error(`DescribeTable ${name}: the server returned no table`); }
  const indexes = [
    ...(table.GlobalSecondaryIndexes ?? []).map(i => `GSI ${i.IndexName}`),
    ...(table.LocalSecondaryIndexes ?? []).map(i => `LSI ${i.IndexName}`),
  ];
  const streamEnabled = table.StreamSpecification?.StreamEnabled ?? false;
  const deletionProtection = table.DeletionProtectionEnabled ?? false;
  const items = await itemsToLose(client, name, table.ItemCount, table.TableSizeBytes, options.signal);
  const lost = [
    items.words,
    ...(indexes.length > 0 ? [`its indexes ${indexes.join(', ')}`] : []),
    ...(streamEnabled ? ['its stream'] : []),
  ];
  const words = `Deleting table ${name} deletes ${lost.join(', ')}. This cannot be undone.` + (deletionProtection ? ' Deletion protection is ON: the delete will be refused.' : '');
  return {
    table: name, itemCount: items.count, itemCountSource: items.source, sizeBytes: table.TableSizeBytes, indexes, streamEnabled, deletionProtection, lost, words,
  };
}

/**
 * Deletes the table when `confirm` is exactly its name and deletion protection is off, then waits
 * until it is gone. Refusals throw DeletionRefused; AWS errors throw DynamoError.
 */
export async function deleteTable(
  client: DynamoDBClient,
  name: string,
  options: { confirm: string; signal?: AbortSignal; timeoutMs?: number },
): Promise<void> {
  if (options.confirm !== name) {
    throw new DeletionRefused('confirmation', `Not deleted: the confirmation "${options.confirm}" is not the table name "${name}". Type the table name exactly to delete it.`);
  }
  const details = await describeDeletion(client, name, { signal: options.signal });
  if (details.deletionProtection) { throw new DeletionRefused('deletion-protection', deletionProtectionHelp(name)); }
  options.signal?.throwIfAborted();
  try {
    await client.send(new DeleteTableCommand({ TableName: name }), { abortSignal: options.signal });
  } catch (error) {
    // Turned on between the describe and the delete.
    if ((error as { name?: string }).name === 'ValidationException' && /deletion protection/i.test(String((error as Error).message))) {
      throw new DeletionRefused('deletion-protection', deletionProtectionHelp(name));
    }
    throw await explain(error, client, 'DeleteTable');
  }
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  await waitUntilTableNotExists(
    { client, maxWaitTime: Math.ceil(timeoutMs / 1000), minDelay: 1, maxDelay: 10, abortSignal: options.signal },
    { TableName: name },
  ).catch((error: unknown) => {
    options.signal?.throwIfAborted();
    throw new DynamoError({ kind: 'other', code: 'Timeout', retryable: true, message: `table ${name} was not gone within ${Math.round(timeoutMs / 1000)} s` }, { cause: error });
  });
}
