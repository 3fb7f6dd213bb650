/**
 * The schema check of a parsed config (pure: no vscode): the dialect's precompiled ajv validator
 * (allErrors, verbose; scripts/validators.mjs) run on the plain value, its errors turned into
 * `Finding`s by JSON pointer (ajv's `instancePath`), so they map to ranges through the SourceMap
 * like rule findings do. The words and fixes of each finding are findings.ts.
 *
 * One problem, one finding:
 * - ajv's wrapper errors (`if` -> "must match then") are dropped; one finding per pointer + code
 *   (several missing keys of one object become one `required` finding); a value that fails its
 *   enum gets `enum-value` only (not also `type`).
 * - Conditions a rule of RULES.md covers are NOT reported here. Keys a rule requires
 *   (billing mode, key schema, attribute definitions, key types) are not in the schemas'
 *   `required`; limits a rule checks (table and index names, capacity >= 1, key schema sizes,
 *   index counts, non-key attribute count) stay in the schemas for hover, completion and other
 *   editors, but carry a `ruleOwned: { <keyword>: <rule id> }` annotation, and validateSchema
 *   drops those errors (see `ruleOwnedChecks`).
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Dialect } from '../../model/spec';
import { dialectOf } from '../dialects/registry';
import { validators as precompiled } from '../schemaValidators';
import { joinPointer } from '../sourcemap';
import type { Finding } from '../types';
import type { SchemaNode } from './documents';
import { type Pending, toFinding } from './findings';

function validatorFor(dialect: Dialect): ValidateFunction {
  const validate = precompiled[dialect] ?? dialectOf(dialect).validator;
  if (!validate) { throw new Error(`no precompiled schema validator for dialect ${dialect}`); }
  return validate;
}

export interface ValidateOptions {
  /** Also report conditions that a rule owns (for tests and other hosts without the rules). */
  readonly keepRuleOwned?: boolean;
}

const RANGE_KEYWORDS = new Set([
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'uniqueItems',
]);
/** Errors of these keywords only say that a sub-schema failed, which its own errors already say. */
const WRAPPER_KEYWORDS = new Set(['if', 'anyOf', 'oneOf', 'not', 'allOf', 'then', 'else', '$ref', 'propertyNames']);


/**
 * Validates the parsed document against the dialect's schema. Findings carry pointer, target,
 * code (`required`, `unknown-key`, `enum-value`, `type`, `range`, `pattern`), a message that
 * names the value and what is valid, and fixes as FixIntents; no ranges (the service adds them).
 */
export function validateSchema(dialect: Dialect, value: unknown, options: ValidateOptions = {}): Finding[] {
  const validate = validatorFor(dialect);
  if (validate(value)) { return []; }
  const pending = new Map<string, Pending>();
  for (const error of validate.errors ?? []) {
    if (WRAPPER_KEYWORDS.has(error.keyword)) { continue; }
    if (!options.keepRuleOwned && isRuleOwned(error)) { continue; }
    const mapped = classify(error);
    const id = `${mapped.pointer}\u0000${mapped.code}`;
    const existing = pending.get(id);
    if (existing) {
      if (mapped.code === 'required') { existing.missing.push(...mapped.missing); }
      continue;
    }
    pending.set(id, mapped);
  }
  const all = [...pending.values()];
  const withEnum = new Set(all.filter(p => p.code === 'enum-value').map(p => p.pointer));
  const withType = new Set(all.filter(p => p.code === 'type').map(p => p.pointer));
  const findings: Finding[] = [];
  for (const p of all) {
    // One problem, one finding: an enum failure says what is valid, which covers a wrong type too.
    if (p.code === 'type' && withEnum.has(p.pointer)) { continue; }
    if ((p.code === 'range' || p.code === 'pattern') && (withType.has(p.pointer) || withEnum.has(p.pointer))) { continue; }
    findings.push(toFinding(dialect, value, p));
  }
  return findings;
}

function isRuleOwned(error: ErrorObject): boolean {
  const parent = error.parentSchema as SchemaNode | undefined;
  return parent?.ruleOwned?.[error.keyword] !== undefined;
}

function classify(error: ErrorObject): Pending {
  const base = { error, missing: [] as string[] };
  if (error.propertyName !== undefined) {
    // A key failing `propertyNames` (a tag key): the error is about the key itself.
    const code = error.keyword === 'pattern' || error.keyword === 'format' ? 'pattern' : RANGE_KEYWORDS.has(error.keyword) ? 'range' : 'type';
    return { ...base, code, pointer: joinPointer(error.instancePath, error.propertyName), target: 'key' };
  }
  switch (error.keyword) {
    case 'required': {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      return { ...base, code: 'required', pointer: error.instancePath, target: 'key', missing: [missing] };
    }
    case 'additionalProperties': {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      return { ...base, code: 'unknown-key', pointer: joinPointer(error.instancePath, key), target: 'key' };
    }
    case 'enum':
    case 'const':
      return { ...base, code: 'enum-value', pointer: error.instancePath, target: 'value' };
    case 'pattern':
    case 'format':
      return { ...base, code: 'pattern', pointer: error.instancePath, target: 'value' };
    default:
      return { ...base, code: RANGE_KEYWORDS.has(error.keyword) ? 'range' : 'type', pointer: error.instancePath, target: 'value' };
  }
}
