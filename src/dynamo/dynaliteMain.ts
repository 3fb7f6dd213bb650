/**
 * Child-process entry of the embedded local DynamoDB: runs dynalite bound to 127.0.0.1 on a free
 * port (or the one asked for) and prints one JSON line `{"port":N}` on stdout when listening.
 * Usage: node dynaliteMain.js [--path DIR] [--port N] [--exit-with-stdin]
 * Exits when its parent goes away (stdin closes, with --exit-with-stdin) or on SIGTERM/SIGINT.
 *
 * With --path, the data folder is opened once before listening: a folder held by another server
 * (another VS Code window) fails the start with a clear message instead of failing every request.
 *
 * dynalite's index keys are patched at install (scripts/patch-deps.mjs: unique index keys). A data
 * folder written before that holds index entries in the old format (and may miss items that
 * collided): on its first start with the patch, every secondary index is rebuilt from the items,
 * and a marker key records the format so this happens once.
 */
import { migrateIndexes } from './dynaliteIndexes';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require('dynalite') as (options: Record<string, unknown>) => import('node:http').Server;

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

interface LevelError extends Error { code?: string; cause?: LevelError }

/** Opens and closes the LevelDB folder, so a lock held elsewhere shows before we listen. */
async function probe(path: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ClassicLevel } = require('classic-level') as { ClassicLevel: new (path: string) => { open(): Promise<void>; close(): Promise<void> } };
  const db = new ClassicLevel(path);
  try {
    await db.open();
  } catch (error) {
    const e = error as LevelError;
    if (e.cause?.code === 'LEVEL_LOCKED') {
      throw new Error(`the data folder ${path} is in use by another embedded server (another VS Code window?)`);
    }
    throw new Error(`cannot open the data folder ${path}: ${e.cause?.message ?? e.message}`);
  }
  await db.close();
}

async function main(): Promise<void> {
  const path = argument('path');
  const port = Number(argument('port') ?? 0);
  if (path) {
    await probe(path);
    // Tells the parent (LocalDynamo) to wait longer for the port: a big folder takes a while.
    const rebuilt = await migrateIndexes(path, () => process.stdout.write(`${JSON.stringify({ rebuildingIndexes: true })}\n`));
    if (rebuilt) { process.stderr.write(`dynalite: rebuilt ${rebuilt} secondary index entries with unique keys\n`); }
  }
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

  let stopping = false;
  function stop(): void {
    if (stopping) { return; }
    stopping = true;
    // dynalite's close() also closes its database; idle keep-alive sockets would delay it.
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 2000).unref();
  }
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  if (process.argv.includes('--exit-with-stdin')) {
    process.stdin.on('end', stop);
    process.stdin.on('close', stop);
    process.stdin.resume();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`dynalite: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
