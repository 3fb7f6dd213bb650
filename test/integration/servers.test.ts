import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { CreateTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { LocalServer, startDynalite, startDynamoDbLocal } from '../support/servers';

for (const [name, start] of [['dynalite', startDynalite], ['DynamoDB Local', startDynamoDbLocal]] as const) {
  describe(`local server: ${name}`, () => {
    let server: LocalServer;
    before(async () => { server = await start(); });
    after(async () => { await server?.stop(); });

    it('listens on 127.0.0.1 and creates and lists a table', async () => {
      assert.match(server.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
      const client = server.client();
      await client.send(new CreateTableCommand({
        TableName: 'probe', BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      }));
      const listed = await client.send(new ListTablesCommand({}));
      assert.deepEqual(listed.TableNames, ['probe']);
    });
  });
}
