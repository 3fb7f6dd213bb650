import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { BatchWriteItemCommand, CreateTableCommand, DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import type { Logger } from '@smithy/types';
import { ClientFactory, SDK_LOGGER_MIDDLEWARE } from '../../../src/dynamo/clients';
import type { EndpointConnection } from '../../../src/dynamo/connections';
import { LOCAL_CREDENTIALS, LocalServer, startDynalite } from '../../support/servers';

/** A logger that keeps what the SDK hands it (the SDK's own default discards it). */
function recordingLogger(): Logger & { readonly seen: unknown[] } {
  const seen: unknown[] = [];
  const keep = (...args: unknown[]): void => { seen.push(...args); };
  return { seen, debug: keep, info: keep, warn: keep, error: keep };
}

describe('client factory: clients without the SDK logger middleware (dynalite)', () => {
  let server: LocalServer;
  const factory = new ClientFactory({ extensionName: 'dynamodb-designer-test', extensionVersion: '0.0.0', maxAttempts: 2 });
  const TABLE = 'no-logger';

  before(async () => {
    server = await startDynalite();
    const client = server.client();
    await client.send(new CreateTableCommand({
      TableName: TABLE, BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    }));
    await client.send(new BatchWriteItemCommand({
      RequestItems: { [TABLE]: Array.from({ length: 25 }, (_, i) => ({ PutRequest: { Item: { id: { S: `item-${i}` }, n: { N: String(i) } } } })) },
    }));
  });

  after(async () => {
    factory.dispose();
    await server?.stop();
  });

  function ourClient(): Promise<DynamoDBClient> {
    const connection: EndpointConnection = { kind: 'endpoint', id: 'dynalite', label: 'dynalite', url: server.endpoint, region: 'us-east-1', regions: ['us-east-1'] };
    return factory.client(connection);
  }

  it('a plain SDK client has the logger middleware, and it copies every page for its logger', async () => {
    const client = new DynamoDBClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
    try {
      assert.ok(client.middlewareStack.identify().some(m => m.startsWith(`${SDK_LOGGER_MIDDLEWARE} `)), client.middlewareStack.identify().join('\n'));
      const logger = recordingLogger();
      client.config.logger = logger;
      for await (const page of paginateScan({ client, pageSize: 10 }, { TableName: TABLE })) { assert.ok(page.Items); }
      assert.equal(logger.seen.length, 3, 'one log entry per page');
    } finally {
      client.destroy();
    }
  });

  it("our client's stack lacks it, no page reaches a logger, and it still reads every item", async () => {
    const client = await ourClient();
    const stack = client.middlewareStack.identify();
    assert.ok(!stack.some(m => m.startsWith(`${SDK_LOGGER_MIDDLEWARE} `)), stack.join('\n'));
    assert.ok(stack.some(m => m.startsWith('retryMiddleware ')), `the rest of the stack is there:\n${stack.join('\n')}`);
    const logger = recordingLogger();
    client.config.logger = logger;
    const ids: string[] = [];
    for await (const page of paginateScan({ client, pageSize: 10 }, { TableName: TABLE })) {
      for (const item of page.Items ?? []) { ids.push(item.id!.S!); }
    }
    assert.equal(ids.length, 25);
    assert.deepEqual(new Set(ids), new Set(Array.from({ length: 25 }, (_, i) => `item-${i}`)));
    assert.deepEqual(logger.seen, []);
  });
});
