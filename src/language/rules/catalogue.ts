/**
 * The rule catalogue (RULES.md): every rule, in the order of that file. The service runs them on
 * each TableSpec, skipping rules whose `dialects` exclude the file's dialect and, when advice is
 * off, the hint-severity ones.
 *
 * `enum-value` and `unknown-key` (listed among DynamoDB's limits in RULES.md) are schema findings
 * (schema.ts): they are not rules here.
 */
import type { Dialect } from '../../model/spec';
import type { Rule } from '../types';
import { ADVICE_RULES } from './advice';
import { ATTRIBUTE_RULES, attributeDefinitionDuplicate, attributeDefinitionUnused, attributeTypeConflict, keyAttributeUndefined } from './attributes';
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
      return parseIncomplete(ctx) ? found.filter(f => !isAbsence(f)) : found;
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
];

export const RULES: readonly Rule[] = RAW_RULES.map(guarded);

// Every group's rules are in the catalogue (a rule added to a group and forgotten here fails the tests).
export const RULE_GROUPS: Readonly<Record<string, readonly Rule[]>> = {
  billing: BILLING_RULES, keys: KEY_RULES, indexes: INDEX_RULES, 'stream-ttl': STREAM_TTL_RULES,
  names: NAME_RULES, attributes: ATTRIBUTE_RULES, sse: SSE_RULES, advice: ADVICE_RULES,
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

const YAML_OWNED = (dialect: 'planton' | 'component' | 'cloudformation', names: {
  billingMode?: string; keySchema: string; throughput: string; read: string; write: string; streamViewType: string;
  ttlAttribute: string; nonKeyAttributes: string; attributeDefinitions: string;
}): RuleOwnedRequired[] => [
  ...(names.billingMode ? [{ dialect, key: names.billingMode, rule: billingModeRequired.id }] : []),
  { dialect, key: names.keySchema, rule: keySchemaShape.id },
  { dialect, key: names.throughput, rule: provisionedThroughputRequired.id },
  { dialect, key: names.read, rule: provisionedThroughputRequired.id },
  { dialect, key: names.write, rule: provisionedThroughputRequired.id },
  { dialect, key: names.streamViewType, rule: streamViewType.id },
  { dialect, key: names.ttlAttribute, rule: ttlAttribute.id },
  { dialect, key: names.nonKeyAttributes, rule: projectionNonKeyAttributes.id },
  { dialect, key: names.attributeDefinitions, rule: keyAttributeUndefined.id },
];

export const RULE_OWNED_REQUIRED: readonly RuleOwnedRequired[] = [
  { dialect: 'genesys', key: 'billing_mode', rule: billingModeRequired.id },
  { dialect: 'genesys', key: 'hash_key_name', rule: keySchemaShape.id },
  { dialect: 'genesys', key: 'hash_key_type', rule: hashKeyType.id },
  { dialect: 'genesys', key: 'range_key_name', rule: lsiKeySchemaShape.id },
  { dialect: 'genesys', key: 'range_key_type', rule: rangeKeyType.id },
  { dialect: 'genesys', key: 'read_capacity_units', rule: provisionedThroughputRequired.id },
  { dialect: 'genesys', key: 'write_capacity_units', rule: provisionedThroughputRequired.id },
  { dialect: 'genesys', key: 'stream_view_type', rule: streamViewType.id },
  { dialect: 'genesys', key: 'ttl_attribute_name', rule: ttlAttribute.id },
  { dialect: 'genesys', key: 'non_key_attributes', rule: projectionNonKeyAttributes.id },
  ...YAML_OWNED('planton', {
    billingMode: 'billingMode', keySchema: 'keySchema', throughput: 'provisionedThroughput', read: 'readCapacityUnits',
    write: 'writeCapacityUnits', streamViewType: 'streamViewType', ttlAttribute: 'attributeName', nonKeyAttributes: 'nonKeyAttributes',
    attributeDefinitions: 'attributeDefinitions',
  }),
  ...YAML_OWNED('planton', {
    billingMode: 'billing_mode', keySchema: 'key_schema', throughput: 'provisioned_throughput', read: 'read_capacity_units',
    write: 'write_capacity_units', streamViewType: 'stream_view_type', ttlAttribute: 'attribute_name', nonKeyAttributes: 'non_key_attributes',
    attributeDefinitions: 'attribute_definitions',
  }),
  // component: a missing billingMode is PROVISIONED, not an error.
  ...YAML_OWNED('component', {
    keySchema: 'keySchema', throughput: 'provisionedThroughput', read: 'readCapacityUnits', write: 'writeCapacityUnits',
    streamViewType: 'streamViewType', ttlAttribute: 'attributeName', nonKeyAttributes: 'nonKeyAttributes',
    attributeDefinitions: 'attributeDefinitions',
  }),
  // CloudFormation: as component (a missing BillingMode is PROVISIONED), PascalCase.
  ...YAML_OWNED('cloudformation', {
    keySchema: 'KeySchema', throughput: 'ProvisionedThroughput', read: 'ReadCapacityUnits', write: 'WriteCapacityUnits',
    streamViewType: 'StreamViewType', ttlAttribute: 'AttributeName', nonKeyAttributes: 'NonKeyAttributes',
    attributeDefinitions: 'AttributeDefinitions',
  }),
];

/** True when a rule reports the absence of `key` in this dialect (drop ajv's `required` for it). */
export function ruleOwnsRequired(dialect: Dialect, key: string): boolean {
  return RULE_OWNED_REQUIRED.some(r => r.dialect === dialect && r.key === key);
}

