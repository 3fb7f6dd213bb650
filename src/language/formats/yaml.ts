/** YAML: `.yaml`/`.yml` files (and JSON documents), `# yaml-language-server: $schema=<ref>`; what no other format claims. */
import type { FormatDefinition } from './format';

export const YAML: FormatDefinition = {
  id: 'yaml',
  label: 'YAML',
  extensions: ['yaml', 'yml'],
  fallback: true,
  schemaComment: /^\s*#\s*yaml-language-server:\s*\$schema=(\S+)/,
  // JSON is YAML's flow syntax: CloudFormation templates written in JSON are read (and fixed) as YAML.
  languageIds: ['yaml', 'json'],
};
