/**
 * `npm run fuzz`: 10,000 seeded mutations of the dialect examples (BOM, prototype names and type
 * conflicts among them), the shaped cases (prototype names at every level, BOM, wide maps) and
 * the size and depth extremes through the whole language pipeline. Exit 1 on any problem
 * `checkCase` reports. `FUZZ_COUNT`, `FUZZ_SEED` and `FUZZ_WIDTH` (keys of a wide map) override
 * the defaults.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/paths';
import { checkCase, extremes, fuzz, protoShapes, wide } from './mutate';

function main(): number {
  const count = Number(process.env.FUZZ_COUNT ?? 10_000);
  const seed = Number(process.env.FUZZ_SEED ?? 20_251_115);
  const examples = ['genesys.toml', 'planton.yaml', 'component.yaml'].map(name => ({ name, text: readFileSync(join(repoRoot(), 'examples', name), 'utf8') }));
  const started = Date.now();
  const problems = fuzz(examples, count, seed);
  const width = Number(process.env.FUZZ_WIDTH ?? 2_000);
  const shaped = [
    ...protoShapes(),
    ...examples.map(x => ({ name: x.name, text: '\ufeff' + x.text })),
    ...wide(examples, width),
    ...wide(examples, width).map(x => ({ name: x.name, text: '\ufeff' + x.text })),
  ];
  for (const x of shaped) {
    const t = Date.now();
    problems.push(...checkCase(x.name, x.text, { cursor: true }));
    if (x.name.startsWith('wide')) { console.log(`${x.name}: ${width} keys, ${Date.now() - t} ms`); }
  }
  for (const x of extremes(examples)) {
    const t = Date.now();
    problems.push(...checkCase(x.name, x.text));
    console.log(`${x.name}: ${(x.text.length / 1e6).toFixed(1)} MB-chars, ${Date.now() - t} ms`);
  }
  console.log(`fuzz: ${count} mutations (seed ${seed}) + ${shaped.length} shaped (BOM, prototype names, wide maps of ${width} keys) + ${extremes(examples).length} extremes in ${((Date.now() - started) / 1000).toFixed(1)} s, ${problems.length} problems`);
  for (const p of problems.slice(0, 20)) { console.error(p); }
  return problems.length === 0 ? 0 : 1;
}

process.exitCode = main();
