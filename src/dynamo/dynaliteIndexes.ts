/**
 * The index format of the embedded server's data folder. dynalite's index keys are patched at
 * install (scripts/patch-deps.mjs: unique index keys); a folder written before that holds index
 * entries in dynalite's own format (and may miss items whose keys collided). On the first start with
 * the patch, every secondary index is rebuilt from the items, and a marker key records the format so
 * this happens once. Runs in the server's child process, before dynalite opens the folder.
 */
/** Where the index format of a data folder is recorded (no dynalite sub-database uses this prefix). */
export const INDEX_FORMAT_KEY = 'dynamodb-designer~index-format';
/** 2: index keys end with the table key (the patch); absent: dynalite's own 24-bit hash only. */
export const INDEX_FORMAT = 2;

interface TableDescription {
  TableName: string;
  GlobalSecondaryIndexes?: unknown[];
  LocalSecondaryIndexes?: unknown[];
}
interface IndexAction { index: string; key: string; item: unknown }
interface DynaliteDb {
  createIndexKey(item: unknown, table: unknown, keySchema: unknown): string;
  getIndexActions(indexes: unknown[], existingItem: unknown, item: unknown, table: unknown): { puts: IndexAction[] };
}
interface Level {
  open(): Promise<void>;
  close(): Promise<void>;
  get(key: string): Promise<unknown>;
  put(key: string, value: unknown): Promise<void>;
  batch(ops: { type: 'put'; key: string; value: unknown }[]): Promise<void>;
  clear(range: { gte: string; lt: string }): Promise<void>;
  iterator(range: { gte: string; lt: string }): AsyncIterable<[string, unknown]>;
}

/**
 * Rebuilds every secondary index of the folder's tables with the patched index keys, unless the
 * folder's marker says it is done. Returns the number of index entries written (0 when up to date).
 */
export async function migrateIndexes(path: string, onRebuild?: () => void): Promise<number> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const db = require('dynalite/db') as DynaliteDb;
  // Patched: 'prefix/61/hash6/61' (the table key 'a' at the end); upstream: 'prefix/61/hash6'.
  const probeKey = db.createIndexKey({ k: { S: 'a' } }, { KeySchema: [{ AttributeName: 'k' }], AttributeDefinitions: [{ AttributeName: 'k', AttributeType: 'S' }] }, [{ AttributeName: 'k' }]);
  if (probeKey.split('/').length !== 4 || !probeKey.endsWith('/61')) {
    throw new Error('dynalite is not patched (unique index keys): run npm install, or node scripts/patch-deps.mjs');
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ClassicLevel } = require('classic-level') as { ClassicLevel: new (path: string, options: { valueEncoding: 'json' }) => Level };
  const level = new ClassicLevel(path, { valueEncoding: 'json' });
  await level.open();
  let written = 0;
  try {
    if (await level.get(INDEX_FORMAT_KEY) === INDEX_FORMAT) { return 0; }
    const tables: TableDescription[] = [];
    for await (const [, table] of level.iterator({ gte: 'table~', lt: 'table\x7f' })) { tables.push(table as TableDescription); }
    if (tables.some(t => (t.GlobalSecondaryIndexes ?? []).length + (t.LocalSecondaryIndexes ?? []).length > 0)) { onRebuild?.(); }
    // Every index entry of every table ('index-global~T~I~…', 'index-local~T~I~…'), then again from the items.
    await level.clear({ gte: 'index-', lt: 'index.' });
    for (const table of tables) {
      const kinds = (['Global', 'Local'] as const).filter(kind => (table[`${kind}SecondaryIndexes`] ?? []).length > 0);
      if (!kinds.length) { continue; }
      let ops: { type: 'put'; key: string; value: unknown }[] = [];
      for await (const [, item] of level.iterator({ gte: `item-${table.TableName}~`, lt: `item-${table.TableName}\x7f` })) {
        for (const kind of kinds) {
          for (const put of db.getIndexActions(table[`${kind}SecondaryIndexes`]!, null, item, table).puts) {
            ops.push({ type: 'put', key: `index-${kind.toLowerCase()}~${table.TableName}~${put.index}~${put.key}`, value: put.item });
          }
        }
        if (ops.length >= 1000) { written += ops.length; await level.batch(ops); ops = []; }
      }
      if (ops.length) { written += ops.length; await level.batch(ops); }
    }
    await level.put(INDEX_FORMAT_KEY, INDEX_FORMAT);
  } finally {
    await level.close();
  }
  return written;
}
