/** Tables and bulk loading for the item integration tests. */
import { BatchWriteItemCommand, CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { waitForActive } from '../../../src/dynamo/tables';
import type { CreateTableCommandInput, WriteRequest } from '@aws-sdk/client-dynamodb';
import type { JsonItem, QueryTarget } from '../../../src/model/items';
import type { LiveKeyElement } from '../../../src/model/live';
import { toSdkItem } from '../../../src/items/itemJson';

export const TABLE_KEYS: LiveKeyElement[] = [{ name: 'pk', keyType: 'HASH' }, { name: 'sk', keyType: 'RANGE' }];
export const GSI_KEYS: LiveKeyElement[] = [{ name: 'g', keyType: 'HASH' }, { name: 'gs', keyType: 'RANGE' }];
export const LSI_KEYS: LiveKeyElement[] = [{ name: 'pk', keyType: 'HASH' }, { name: 'ls', keyType: 'RANGE' }];
export const KEY_TYPES = { pk: 'S', sk: 'N', g: 'S', gs: 'N', ls: 'S' } as const;

/** pk S + sk N, a GSI byG (g S, gs N) and an LSI byL (pk, ls S), all projecting everything. */
export async function createIndexedTable(client: DynamoDBClient, name: string): Promise<void> {
  const input: CreateTableCommandInput = {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' },
      { AttributeName: 'g', AttributeType: 'S' }, { AttributeName: 'gs', AttributeType: 'N' }, { AttributeName: 'ls', AttributeType: 'S' },
    ],
    KeySchema: TABLE_KEYS.map(k => ({ AttributeName: k.name, KeyType: k.keyType })),
    GlobalSecondaryIndexes: [{ IndexName: 'byG', KeySchema: GSI_KEYS.map(k => ({ AttributeName: k.name, KeyType: k.keyType })), Projection: { ProjectionType: 'ALL' } }],
    LocalSecondaryIndexes: [{ IndexName: 'byL', KeySchema: LSI_KEYS.map(k => ({ AttributeName: k.name, KeyType: k.keyType })), Projection: { ProjectionType: 'ALL' } }],
  };
  await client.send(new CreateTableCommand(input));
  // dynalite answers ResourceNotFound while the table is still CREATING (seen under load).
  await waitForActive(client, name, { timeoutMs: 60_000 });
}

export const TABLE_TARGET = (table: string): QueryTarget => ({ table, tableKeySchema: TABLE_KEYS, keyTypes: KEY_TYPES });
export const GSI_TARGET = (table: string): QueryTarget => ({ table, index: 'byG', indexKind: 'GSI', tableKeySchema: TABLE_KEYS, indexKeySchema: GSI_KEYS, keyTypes: KEY_TYPES });
export const LSI_TARGET = (table: string): QueryTarget => ({ table, index: 'byL', indexKind: 'LSI', tableKeySchema: TABLE_KEYS, indexKeySchema: LSI_KEYS, keyTypes: KEY_TYPES });

/** Writes items with BatchWriteItem, 25 at a time, several batches in flight, retrying unprocessed ones. */
export async function putAll(client: DynamoDBClient, table: string, items: readonly JsonItem[], parallel = 4): Promise<void> {
  const batches: WriteRequest[][] = [];
  for (let i = 0; i < items.length; i += 25) {
    batches.push(items.slice(i, i + 25).map(item => ({ PutRequest: { Item: toSdkItem(item) } })));
  }
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length) {
      let requests = batches[next++]!;
      for (let attempt = 0; requests.length; attempt++) {
        if (attempt > 10) { throw new Error('BatchWriteItem kept returning unprocessed items'); }
        const output = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: requests } }));
        requests = output.UnprocessedItems?.[table] ?? [];
        if (requests.length) { await new Promise(r => setTimeout(r, 50 * (attempt + 1))); }
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

/** The item id of a fixture item (its `id` attribute). */
export function idOf(item: JsonItem): string {
  const id = item.id;
  if (!id || !('S' in id)) { throw new Error('fixture item without an id'); }
  return id.S;
}
