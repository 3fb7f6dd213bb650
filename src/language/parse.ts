/**
 * Format detection and dispatch: text (and, when known, its file name) -> ParsedConfig.
 */
import { parseToml } from './toml';
import type { Format, ParsedConfig } from './types';
import { parseYaml } from './yaml';

/** The format by file extension, else by content (TOML headers or `key = value` lines). */
export function detectFormat(text: string, uri?: string): Format {
  if (uri) {
    const path = uri.replace(/[?#].*$/, '').toLowerCase();
    if (path.endsWith('.toml')) { return 'toml'; }
    if (path.endsWith('.yaml') || path.endsWith('.yml')) { return 'yaml'; }
  }
  const head = text.length > 20_000 ? text.slice(0, 20_000) : text;
  if (/^\s*\[\[?\s*[A-Za-z0-9_."'-]+\s*\]\]?\s*(#.*)?$/m.test(head) || /^\s*[A-Za-z0-9_."'-]+\s*=/m.test(head)) {
    return 'toml';
  }
  return 'yaml';
}

export function parseConfig(text: string, format: Format): ParsedConfig {
  return format === 'toml' ? parseToml(text) : parseYaml(text);
}
