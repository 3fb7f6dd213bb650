/** TOML: `.toml` files, `#:schema <ref>` (Taplo's schema comment). */
import type { FormatDefinition } from './format';

export const TOML: FormatDefinition = {
  id: 'toml',
  label: 'TOML',
  extensions: ['toml'],
  sniff: head => /^\s*\[\[?\s*[A-Za-z0-9_."'-]+\s*\]\]?\s*(#.*)?$/m.test(head) || /^\s*[A-Za-z0-9_."'-]+\s*=/m.test(head),
  schemaComment: /^\s*#:schema\s+(\S+)/,
};
