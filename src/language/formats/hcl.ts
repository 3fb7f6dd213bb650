/** HCL: Terraform's `.tf` files (the Terraform dialects). Recognized by file name only. */
import type { FormatDefinition } from './format';

export const HCL: FormatDefinition = {
  id: 'hcl',
  label: 'Terraform',
  extensions: ['tf'],
  schemaComment: /^\s*#:schema\s+(\S+)/,
};
