/**
 * The language service's full pass (parse, map, schema, rules) on generated configs of about
 * 100, 1,000 and 10,000 lines per format (many tables), and the CLI's start-up.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../src/language/service';
import { repoRoot } from '../test/support/paths';
import { measure } from './main';
import type { Row } from './main';

const example = (name: string): string => readFileSync(join(repoRoot(), 'examples', name), 'utf8');

/** A genesys file of about `lines` lines: the example's tables repeated with unique names. */
export function genesysOf(lines: number): string {
  const text = example('genesys.toml');
  const first = text.search(/^\[\[resources\.dynamodb\]\]/m);
  const head = text.slice(0, first);
  const tables = text.slice(first).replace(/\n?$/, '\n');
  const per = tables.split('\n').length;
  const parts = [head];
  for (let i = 0; parts.join('').split('\n').length < lines && i < 100_000; i++) {
    parts.push(tables.replace(/name = "(carts|invoices)"/g, (_, n: string) => `name = "${n}-${i}"`));
    if (per * (i + 1) > lines) { break; }
  }
  return parts.join('');
}

/** A component file of about `lines` lines: table components repeated with unique names. */
export function componentOf(lines: number): string {
  const text = example('component.yaml');
  const start = text.indexOf('  - name: device-readings');
  const end = text.indexOf('  - name: readings-api');
  const entry = text.slice(start, end);
  const per = entry.split('\n').length - 1;
  const out = [text.slice(0, start)];
  for (let i = 0; i * per < lines - 3; i++) { out.push(entry.replace('tableName: DeviceReadings', `tableName: DeviceReadings${i}`).replace('name: device-readings', `name: device-readings-${i}`)); }
  return out.join('');
}

export async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const size of [100, 1_000, 10_000]) {
    const n = size >= 10_000 ? 10 : 30;
    const toml = genesysOf(size);
    const yaml = componentOf(size);
    rows.push(await measure(`analyze toml ${toml.split('\n').length} lines`, n, () => analyze(toml, { uri: 'b.toml' })));
    rows.push(await measure(`analyze yaml ${yaml.split('\n').length} lines`, n, () => analyze(yaml, { uri: 'b.yaml' })));
  }
  const dir = mkdtempSync(join(tmpdir(), 'ddb-bench-'));
  try {
    const file = join(dir, 'small.toml');
    writeFileSync(file, example('genesys.toml'));
    const cli = join(repoRoot(), 'out', 'src', 'cli', 'main.js');
    rows.push(await measure('cli validate start-up (out/)', 5, () => spawnSync(process.execPath, [cli, 'validate', file]), 1));
    const bundled = join(repoRoot(), 'dist', 'cli.js');
    if (existsSync(bundled)) {
      rows.push(await measure('cli validate start-up (dist/cli.js)', 5, () => spawnSync(process.execPath, [bundled, 'validate', file]), 1));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
