/**
 * The schema validators, precompiled: scripts/build.mjs (bundles) and scripts/compile.mjs (out/)
 * put ajv standalone code generated from schemas/ in place of this module (scripts/validators.mjs),
 * so no schema is compiled at run time. Keyed by dialect (`genesys`) and, for each `if` condition
 * of a dialect's schema, by `<dialect>#<JSON pointer of the condition>`; `schemas` holds the schema
 * documents of schemas/ by dialect (`schemas/<dialect>.schema.json`).
 */
import type { ValidateFunction } from 'ajv';

export const validators: Readonly<Record<string, ValidateFunction | undefined>> = notGenerated();
export const schemas: Readonly<Record<string, unknown>> = notGenerated();

function notGenerated(): never {
  throw new Error('src/language/schemaValidators.ts is generated at build time: build with scripts/build.mjs or scripts/compile.mjs');
}
