import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root (the folder with package.json), from a module in src/ or out/. */
export function repoRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) || dir.endsWith('/out')) {
    const parent = dirname(dir);
    if (parent === dir) { throw new Error(`no package.json above ${from}`); }
    dir = parent;
  }
  return dir;
}
