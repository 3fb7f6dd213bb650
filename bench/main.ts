/**
 * `npm run bench`: runs every bench/*.bench.js module that exports `run(): Promise<Row[]>` and
 * prints one table (name, n, median ms, p95 ms). Other areas add rows by adding a module.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface Row {
  readonly name: string;
  /** Samples taken. */
  readonly n: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  /** A ratio against the floor or the peer measured in the same run (printed after the times). */
  readonly note?: string;
}

/** Median and p95 of samples (ms). */
export function summarize(name: string, samples: readonly number[]): Row {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { name, n: sorted.length, medianMs: at(0.5), p95Ms: at(0.95) };
}

/** Times `fn` `n` times after `warmup` untimed runs. */
export async function measure(name: string, n: number, fn: () => unknown, warmup = 3): Promise<Row> {
  for (let i = 0; i < warmup; i++) { await fn(); }
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return summarize(name, samples);
}

export function formatTable(rows: readonly Row[]): string {
  const head = ['name', 'n', 'median ms', 'p95 ms', ''];
  const body = rows.map(r => [r.name, String(r.n), r.medianMs.toFixed(2), r.p95Ms.toFixed(2), r.note ?? '']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map(b => b[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : i === cells.length - 1 ? c : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(head), widths.map(w => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

interface BenchModule { run(): Promise<Row[]> }

async function main(): Promise<void> {
  const only = process.argv[2];
  const modules = readdirSync(__dirname).filter(f => f.endsWith('.bench.js') && (!only || f.includes(only))).sort();
  const rows: Row[] = [];
  for (const file of modules) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(join(__dirname, file)) as Partial<BenchModule>;
    if (typeof mod.run !== 'function') { continue; }
    rows.push(...await mod.run());
  }
  console.log(formatTable(rows));
}

if (require.main === module) {
  // The SDK's notice about its own future Node.js support would interleave with the table.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  main().catch((e: unknown) => { console.error(e instanceof Error ? e.message : String(e)); process.exitCode = 1; });
}
