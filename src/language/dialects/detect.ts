/**
 * Which dialect a config is written in: forced by a schema comment in the first lines (the
 * format's `schemaComment`: `#:schema <id-or-path>` in TOML, `# yaml-language-server:
 * $schema=<id-or-path>` in YAML) that names one of our schemas, else detected from content by
 * each registered dialect of the text's format, in registration order. Not a table config ->
 * undefined.
 */
import type { Dialect } from '../../model/spec';
import { stripBom } from '../bom';
import type { Format } from '../types';
import { dialects, formats } from './registry';

const HEADER_LINES = 10;

/**
 * The dialect a schema reference names (`#:schema X`, `$schema=X`, quoted or not): a registered
 * schema's `$id` (`https://dynamodb-designer.dev/schemas/<dialect>.schema.json`), with or
 * without a fragment or query, or any path or URL whose file name ends
 * in `<dialect>.schema.json` (a local copy, `./schemas/genesys.schema.json`,
 * `my.genesys.schema.json`; letter case ignored).
 */
export function dialectOfSchemaRef(ref: string): Dialect | undefined {
  const clean = ref.trim().replace(/^["']|["']$/g, '').replace(/[?#].*$/, '');
  const all = dialects();
  // Our `$id`s end in `/<dialect>.schema.json`; a run-time dialect's schema may have another.
  const byId = all.find(d => d.schema?.$id !== undefined && clean === d.schema.$id);
  if (byId) { return byId.id; }
  const file = /(?:^|[/\\])([^/\\]+)$/.exec(clean)?.[1]?.toLowerCase() ?? '';
  return all.find(d => file === `${d.id.toLowerCase()}.schema.json` || file.endsWith(`.${d.id.toLowerCase()}.schema.json`))?.id;
}

/** The schema reference of the first lines' schema comment, if any. */
export function schemaComment(rawText: string, format: Format): string | undefined {
  const pattern = formats().find(f => f.id === format)?.schemaComment;
  if (!pattern) { return undefined; }
  const head = stripBom(rawText).slice(0, 4000).split(/\r\n|\r|\n/, HEADER_LINES);
  for (const line of head) {
    const m = pattern.exec(line);
    if (m) { return m[1]; }
  }
  return undefined;
}

export function detectDialect(rawText: string, format: Format): Dialect | undefined {
  const text = stripBom(rawText);
  const ref = schemaComment(text, format);
  if (ref) {
    const forced = dialectOfSchemaRef(ref);
    if (forced && dialects().find(d => d.id === forced)?.format.id === format) { return forced; }
  }
  return dialects().find(d => d.format.id === format && d.detect(text))?.id;
}

/** Whether a text is a config of any registered dialect, in any of their formats. */
export function isConfigText(text: string): boolean {
  return formats().some(f => detectDialect(text, f.id) !== undefined);
}
