/**
 * The rule catalogue (RULES.md): every rule, in the order of that file. The service runs them on
 * each TableSpec, skipping rules that do not apply to the file's dialect (`appliesTo`, the
 * dialect's `rules.skip`) and, when advice is
 * off, the hint-severity ones.
 *
 * `enum-value` and `unknown-key` (listed among DynamoDB's limits in RULES.md) are schema findings
 * (schema/validate.ts): they are not rules here.
 */
import type { Dialect } from '../../model/spec';
import { dialectOf, dialects, type DialectDefinition } from '../dialects/registry';
import { snakeCase } from '../dialects/vocabulary';
import type { Finding, Rule, RuleContext } from '../types';
import { ADVICE_RULES } from './advice';
import { ATTRIBUTE_RULES, attributeDefinitionDuplicate, attributeDefinitionUnused, attributeTypeConflict, keyAttributeUndefined } from './attributes';
import { DESIGN_RULES } from './design';
import { BILLING_RULES, billingModeRequired, gsiThroughputMatchesBilling, provisionedThroughputRequired, throughputWithoutProvisioned } from './billing';
import { INDEX_RULES, gsiKeySchemaShape, gsiLimit, lsiHashKey, lsiKeySchemaShape, lsiLimit, lsiRequiresSortKey, projectionAttributeLimit, projectionNonKeyAttributes } from './indexes';
import { isAbsence, parseIncomplete } from './shared';
import { KEY_RULES, hashKeyType, keySchemaShape, rangeKeyType } from './keys';
import { NAME_RULES, duplicateTable, indexName, tableName } from './names';
import { SSE_RULES, sseKmsKey } from './sse';
import { STREAM_TTL_RULES, streamViewType, ttlAttribute, ttlAttributeType } from './stream-ttl';

/**
 * While the file has syntax errors, findings that report something missing are dropped: the
 * parser may not have read the part that holds it. Everything else still speaks.
 */
function guarded(rule: Rule): Rule {
  return {
    ...rule,
    check(table, ctx) {
      const found = rule.check(table, ctx);
      return found.length > 0 && parseIncomplete(ctx) ? found.filter(f => !isAbsence(f)) : found;
    },
  };
}

const RAW_RULES: readonly Rule[] = [
  // The documented rules
  billingModeRequired,
  keySchemaShape,
  provisionedThroughputRequired,
  throughputWithoutProvisioned,
  streamViewType,
  ttlAttribute,
  gsiKeySchemaShape,
  lsiKeySchemaShape,
  projectionNonKeyAttributes,
  gsiThroughputMatchesBilling,
  tableName,
  hashKeyType,
  rangeKeyType,
  // DynamoDB's own limits
  keyAttributeUndefined,
  attributeDefinitionUnused,
  attributeDefinitionDuplicate,
  attributeTypeConflict,
  indexName,
  lsiRequiresSortKey,
  lsiHashKey,
  gsiLimit,
  lsiLimit,
  projectionAttributeLimit,
  ttlAttributeType,
  sseKmsKey,
  duplicateTable,
  // Advice
  ...ADVICE_RULES,
  // The design: entities and access patterns
  ...DESIGN_RULES,
];

export const RULES: readonly Rule[] = RAW_RULES.map(guarded);

/**
 * The same rules without the guard, for the service: it drops the absence findings of a file
 * with syntax errors itself, once per analysis (`dropAbsences`), instead of once per rule and table.
 */
export const UNGUARDED_RULES: readonly Rule[] = RAW_RULES;

/** What the guard does, for findings of unguarded rules: `findings` itself when nothing goes. */
export function dropAbsences(findings: Finding[], ctx: RuleContext): Finding[] {
  return findings.length > 0 && parseIncomplete(ctx) ? findings.filter(f => !isAbsence(f)) : findings;
}

// Every group's rules are in the catalogue (a rule added to a group and forgotten here fails the tests).
export const RULE_GROUPS: Readonly<Record<string, readonly Rule[]>> = {
  billing: BILLING_RULES, keys: KEY_RULES, indexes: INDEX_RULES, 'stream-ttl': STREAM_TTL_RULES,
  names: NAME_RULES, attributes: ATTRIBUTE_RULES, sse: SSE_RULES, advice: ADVICE_RULES, design: DESIGN_RULES,
};

const BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map(r => [r.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

/**
 * Required keys whose absence a rule reports (one problem, one diagnostic): the schema side
 * drops ajv's `required` error for these (dialect, key) pairs, or never declares them required.
 */
export interface RuleOwnedRequired { readonly dialect: Dialect; readonly key: string; readonly rule: string }

/**
 * The keys of one dialect whose absence a rule reports, derived from its vocabulary (and its
 * snake_case aliases): a dialect with a default billing mode does not require one.
 */
export function ruleOwnedRequiredOf(definition: DialectDefinition): RuleOwnedRequired[] {
  const V = definition.vocabulary;
  const owned: [string | undefined, string][] = [
    [definition.defaults?.billingMode === undefined ? V.billingMode : undefined, billingModeRequired.id],
    [V.keySchema?.list, keySchemaShape.id],
    [V.flatKeys?.hashName, keySchemaShape.id],
    [V.flatKeys?.hashType, hashKeyType.id],
    [V.flatKeys?.rangeName, lsiKeySchemaShape.id],
    [V.flatKeys?.rangeType, rangeKeyType.id],
    [V.throughput.block, provisionedThroughputRequired.id],
    [V.throughput.read, provisionedThroughputRequired.id],
    [V.throughput.write, provisionedThroughputRequired.id],
    [V.stream.viewType, streamViewType.id],
    [V.ttl.attributeName, ttlAttribute.id],
    [V.projection.nonKeyAttributes, projectionNonKeyAttributes.id],
    [V.attributes?.list, keyAttributeUndefined.id],
  ];
  const out: RuleOwnedRequired[] = [];
  const names = V.snakeCaseAliases ? [(k: string) => k, snakeCase] : [(k: string) => k];
  for (const name of names) {
    for (const [key, rule] of owned) {
      if (key !== undefined && !out.some(o => o.key === name(key) && o.rule === rule)) { out.push({ dialect: definition.id, key: name(key), rule }); }
    }
  }
  return out;
}

/** Every registered dialect's rule-owned required keys. */
export function ruleOwnedRequired(): RuleOwnedRequired[] {
  return dialects().flatMap(ruleOwnedRequiredOf);
}

/** Whether a rule runs on a dialect's tables: its `appliesTo`, less the dialect's `rules.skip`. */
export function ruleApplies(rule: Rule, definition: DialectDefinition): boolean {
  return (rule.appliesTo?.(definition) ?? true) && !(definition.rules?.skip?.includes(rule.id) ?? false);
}

/** True when a rule reports the absence of `key` in this dialect (drop ajv's `required` for it). */
export function ruleOwnsRequired(dialect: Dialect, key: string): boolean {
  return ruleOwnedRequiredOf(dialectOf(dialect)).some(r => r.key === key);
}

