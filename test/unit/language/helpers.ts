import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Range } from 'vscode-languageserver-types';
import { repoRoot } from '../../support/paths';

export const EXAMPLES = ['genesys.toml', 'planton.yaml', 'component.yaml'] as const;

export function example(name: string): string {
  return readFileSync(join(repoRoot(), 'examples', name), 'utf8');
}

/** The text a range covers. */
export function textAt(text: string, range: Range): string {
  const lines = text.split(/\r\n|\r|\n/);
  if (range.start.line === range.end.line) { return lines[range.start.line].slice(range.start.character, range.end.character); }
  const parts = [lines[range.start.line].slice(range.start.character)];
  for (let l = range.start.line + 1; l < range.end.line; l++) { parts.push(lines[l]); }
  parts.push(lines[range.end.line].slice(0, range.end.character));
  return parts.join('\n');
}
