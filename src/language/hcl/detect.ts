/**
 * Whether a .tf text holds a table of ours: an aws_dynamodb_table resource or a module block whose
 * source is the ARC DynamoDB module. A few regular expressions, no parse: the extension's entry
 * bundle uses it (through dialects/detect.ts) before the language bundle and its wasm are loaded.
 */
const RESOURCE = /^\s*resource\s+"aws_dynamodb_table"\s+"/m;
const MODULE_SOURCE = /^\s*source\s*=\s*"[^"\n]*(arc-dynamodb\/aws|terraform-aws-arc-dynamodb)[^"\n]*"/m;

export function looksLikeTerraformTables(text: string): boolean {
  return RESOURCE.test(text) || MODULE_SOURCE.test(text);
}
