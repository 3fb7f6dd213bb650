/**
 * Child-process entry of the embedded local DynamoDB: runs dynalite bound to 127.0.0.1 on a free
 * port (or the one asked for) and prints one JSON line `{"port":N}` on stdout when listening.
 * Usage: node dynaliteMain.js [--path DIR] [--port N]
 * Exits when its parent goes away (stdin closes) or on SIGTERM/SIGINT.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require('dynalite') as (options: Record<string, unknown>) => import('node:http').Server;

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const path = argument('path');
const port = Number(argument('port') ?? 0);
const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.on('error', (error: Error) => {
  process.stderr.write(`dynalite: ${error.message}\n`);
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  process.stdout.write(`${JSON.stringify({ port: actual })}\n`);
});

function stop(): void {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
if (process.argv.includes('--exit-with-stdin')) {
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
}
