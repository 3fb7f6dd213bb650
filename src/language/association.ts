/**
 * Which documents the language service handles: configs detected from content or a schema
 * comment (dialects/detect.ts), plus files the user opts in through the
 * `dynamodbDesigner.configFiles` globs (globs.ts).
 */
import type { Dialect } from '../model/spec';
import { detectDialect } from './dialects/detect';
import { dialects } from './dialects/registry';
import { matchesConfigGlobs } from './globs';
import { detectFormat } from './parse';

export { globToRegExp, matchesConfigGlobs } from './globs';

/**
 * The dialect to analyze a document as, or undefined to leave it alone: detected from content or
 * a schema comment; for a file the user opted in by glob, the dialect of its format that reads
 * opted-in files (`optIn`: genesys, the one TOML dialect).
 */
export function associatedDialect(path: string, text: string, globs: readonly string[] = []): Dialect | undefined {
  const format = detectFormat(text, path);
  const detected = detectDialect(text, format);
  if (detected) { return detected; }
  if (globs.length > 0 && matchesConfigGlobs(path, globs)) { return dialects().find(d => d.optIn && d.format.id === format)?.id; }
  return undefined;
}
