/** YAML: `.yaml`/`.yml` files, `# yaml-language-server: $schema=<ref>`; what no other format claims. */
import type { FormatDefinition } from './format';

export const YAML: FormatDefinition = {
  id: 'yaml',
  label: 'YAML',
  extensions: ['yaml', 'yml'],
  fallback: true,
  schemaComment: /^\s*#\s*yaml-language-server:\s*\$schema=(\S+)/,
};
