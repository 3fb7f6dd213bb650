/**
 * Format detection and dispatch: text (and, when known, its file name) -> ParsedConfig.
 */
import { stripBom } from './bom';
import { parseToml } from './toml';
import type { Format, ParsedConfig } from './types';
import { parseYaml } from './yaml';
import { parseHcl } from './hcl/parser';

/** The Unicode byte-order mark (U+FEFF) some editors write at the start of a UTF-8 file. */
export const BOM = '\uFEFF';

/** The format by file extension, else by content (TOML headers or `key = value` lines). */
export function detectFormat(rawText: string, uri?: string): Format {
  const text = stripBom(rawText);
  if (uri) {
    const path = uri.replace(/[?#].*$/, '').toLowerCase();
    if (path.endsWith('.toml')) { return 'toml'; }
    if (path.endsWith('.yaml') || path.endsWith('.yml')) { return 'yaml'; }
    if (path.endsWith('.tf')) { return 'hcl'; }
  }
  const head = text.length > 20_000 ? text.slice(0, 20_000) : text;
  if (/^\s*\[\[?\s*[A-Za-z0-9_."'-]+\s*\]\]?\s*(#.*)?$/m.test(head) || /^\s*[A-Za-z0-9_."'-]+\s*=/m.test(head)) {
    return 'toml';
  }
  return 'yaml';
}

/** Parses the text after any byte-order mark: the config's `text` and its positions exclude it. */
export function parseConfig(rawText: string, format: Format): ParsedConfig {
  const text = stripBom(rawText);
  return format === 'toml' ? parseToml(text) : format === 'hcl' ? parseHcl(text) : parseYaml(text);
}
