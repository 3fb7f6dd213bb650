/**
 * Terraform text from a WrittenConfig (the Terraform dialects' `write`): `resource "type" "label"`
 * and `module "label"` blocks from the document's `resource` and `module` keys. Inside a resource,
 * a nested object or a list of objects under a block type (RESOURCE_BLOCKS) becomes blocks
 * (`attribute { ... }`, one per element); elsewhere values are HCL literals. `=` signs are
 * aligned within each run of arguments, as `terraform fmt` does.
 */
import type { WrittenConfig } from '../formats/format';
import { hclValue } from './edits';
import { RESOURCE_BLOCKS } from './values';

const UNIT = '  ';

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function label(text: string): string {
  return JSON.stringify(text);
}

function body(value: Record<string, unknown>, indent: string, blocks: boolean, comments: Readonly<Record<string, string>>): string[] {
  const lines: string[] = [];
  let run: [string, unknown][] = [];
  const flush = (): void => {
    const width = Math.max(0, ...run.map(([k]) => k.length));
    for (const [k, v] of run) {
      const comment = typeof v !== 'object' && Object.prototype.hasOwnProperty.call(comments, k) ? `  # ${comments[k]}` : '';
      lines.push(`${indent}${k.padEnd(width)} = ${hclValue(v, indent, UNIT)}${comment}`);
    }
    run = [];
  };
  for (const [k, v] of Object.entries(value)) {
    const items = Array.isArray(v) ? v : [v];
    if (blocks && RESOURCE_BLOCKS.has(k) && items.length > 0 && items.every(isObject)) {
      flush();
      for (const item of items as Record<string, unknown>[]) {
        lines.push('', `${indent}${k} {`, ...body(item, indent + UNIT, true, comments), `${indent}}`);
      }
      continue;
    }
    if (isObject(v) && run.length > 0) { flush(); }
    // After a block, a blank line (as after each block).
    if (run.length === 0 && lines.length > 0 && lines[lines.length - 1] === `${indent}}`) { lines.push(''); }
    run.push([k, v]);
    if (isObject(v) || (Array.isArray(v) && v.some(isObject))) { flush(); }
  }
  flush();
  return lines;
}

export function writeHcl(config: WrittenConfig): string {
  const comments = config.comments ?? {};
  const out: string[] = config.header.map(l => `# ${l}`);
  const value = config.value;
  const resources = isObject(value.resource) ? value.resource : {};
  for (const [type, byLabel] of Object.entries(resources)) {
    if (!isObject(byLabel)) { continue; }
    for (const [name, entry] of Object.entries(byLabel)) {
      if (!isObject(entry)) { continue; }
      out.push('', `resource ${label(type)} ${label(name)} {`, ...body(entry, UNIT, true, comments), '}');
    }
  }
  const modules = isObject(value.module) ? value.module : {};
  for (const [name, entry] of Object.entries(modules)) {
    if (!isObject(entry)) { continue; }
    out.push('', `module ${label(name)} {`, ...body(entry, UNIT, false, comments), '}');
  }
  if (config.header.length === 0 && out[0] === '') { out.shift(); }
  return `${out.join('\n')}\n`;
}
