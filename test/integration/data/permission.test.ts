/**
 * A table the caller may not read or write: IAM does not run here, so a tiny HTTP server on
 * 127.0.0.1 answers every request as DynamoDB answers a caller without the permission
 * (400, AccessDeniedException, the message naming the action). import and export say so in one
 * line, without a stack trace, and exit 1.
 */
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../support/cli';

describe('import and export without the permission', () => {
  let server: Server;
  let endpoint: string;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dataio-denied-'));
    server = createServer((req, res) => {
      req.resume();
      const action = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? 'Unknown';
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify({
        __type: 'com.amazon.coral.service#AccessDeniedException',
        message: `User: arn:aws:iam::123456789012:user/dev is not authorized to perform: dynamodb:${action} on resource: arn:aws:dynamodb:us-east-1:123456789012:table/orders because no identity-based policy allows the dynamodb:${action} action`,
      }));
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  after(async () => {
    await new Promise(resolve => server?.close(resolve));
    if (dir) { rmSync(dir, { recursive: true, force: true }); }
  });

  it('says which permission is missing, in one line', async () => {
    const file = join(dir, 'items.jsonl');
    writeFileSync(file, '{"pk":{"S":"a"}}\n');
    for (const args of [['import', file, '--table', 'orders', '--yes'], ['export', '--table', 'orders']]) {
      const r = await runCli([...args, '--endpoint', endpoint, '--region', 'us-east-1']);
      assert.equal(r.code, 1, r.err);
      assert.equal(r.out, '');
      assert.match(r.err, new RegExp(`^dynamodb-designer ${args[0]}: .*dynamodb:DescribeTable.*\\n$`));
      assert.doesNotMatch(r.err, /\n\s+at /);
    }
  });
});
