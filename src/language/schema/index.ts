/**
 * The schema side of the language service, one job per module: documents.ts (the schemas and
 * the sub-schema at a place), validate.ts (the ajv check -> findings), findings.ts (their words
 * and fixes), suggest.ts ("did you mean"). This module is what the rest imports.
 */
export { type RuleOwnedCheck, type SchemaNode, resolveSchema, ruleOwnedChecks, schemaAt, schemaFor, schemaIdFor, valueAt, walkSchema } from './documents';
export { describePointer, listWords, placeholderValue, showValue } from './findings';
export { closestEnumValue, closestKey, editDistance, prefersSnakeCase } from './suggest';
export { type ValidateOptions, validateSchema } from './validate';
