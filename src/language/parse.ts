/**
 * Format detection and dispatch: text (and, when known, its file name) -> ParsedConfig, through
 * the formats of the registered dialects (dialects/registry.ts).
 */
import { stripBom } from './bom';
import { formats } from './dialects/registry';
import { formatOperations } from './formats';
import type { Format, ParsedConfig } from './types';

/** The Unicode byte-order mark (U+FEFF) some editors write at the start of a UTF-8 file. */
export const BOM = '\uFEFF';

/** The format by file extension, else by content (the formats' `sniff`, else the fallback). */
export function detectFormat(rawText: string, uri?: string): Format {
  const all = formats();
  if (uri) {
    const path = uri.replace(/[?#].*$/, '').toLowerCase();
    const byName = all.find(f => f.extensions.some(e => path.endsWith(`.${e}`)));
    if (byName) { return byName.id; }
  }
  const text = stripBom(rawText);
  const head = text.length > 20_000 ? text.slice(0, 20_000) : text;
  const sniffed = all.find(f => f.sniff?.(head)) ?? all.find(f => f.fallback) ?? all[all.length - 1];
  return sniffed.id;
}

/** Parses the text after any byte-order mark: the config's `text` and its positions exclude it. */
export function parseConfig(rawText: string, format: Format): ParsedConfig {
  return formatOperations(format).parse(stripBom(rawText));
}
