/**
 * What the HCL parser (parser.ts) puts in a Terraform document's plain value besides plain data,
 * and the pointer conventions the Terraform dialects and the HCL edits share. Light (no parser):
 * the dialect modules, which the activation entry bundles, import it.
 */
import type { Pointer } from '../../model/spec';
import { joinPointer } from '../sourcemap';

/** A value Terraform computes (variable, local, call, interpolation): unknown to the rules. */
export class HclUnknown {
  constructor(readonly text: string) {}
  toJSON(): string { return `\${${this.text}}`; }
}

export function isUnknown(value: unknown): value is HclUnknown {
  return value instanceof HclUnknown;
}

/**
 * The pointers of the values Terraform computes (the Terraform dialects' `unknown` member): each
 * HclUnknown, which holds no value inside it, so every one is outermost.
 */
export function unknownPointers(value: unknown): Set<Pointer> {
  const out = new Set<Pointer>();
  const visit = (node: unknown, pointer: Pointer, depth: number): void => {
    if (isUnknown(node)) { out.add(pointer); return; }
    if (depth > 200 || node === null || typeof node !== 'object') { return; }
    if (Array.isArray(node)) { node.forEach((x, i) => visit(x, joinPointer(pointer, i), depth + 1)); return; }
    for (const [k, v] of Object.entries(node)) { visit(v, joinPointer(pointer, k), depth + 1); }
  };
  visit(value, '', 0);
  return out;
}

/** Block types that may repeat in an aws_dynamodb_table resource: always arrays. */
export const REPEATED_BLOCKS: ReadonlySet<string> = new Set(['attribute', 'global_secondary_index', 'local_secondary_index', 'replica', 'on_demand_throughput_item']);

/** Nested blocks of aws_dynamodb_table (written as blocks, not `key = {}`). */
export const RESOURCE_BLOCKS: ReadonlySet<string> = new Set([...REPEATED_BLOCKS, 'ttl', 'server_side_encryption', 'point_in_time_recovery', 'import_table', 'timeouts', 'lifecycle']);

/** Between an argument's name and its occurrence number when it is given more than once (`hash_key#2`). */
export const DUPLICATE_MARK = '#';

/** The pointer suffix of a key element's type, which has no node in Terraform (dialects/terraform.ts). */
export const KEY_TYPE_SUFFIX = '/@keyType';
