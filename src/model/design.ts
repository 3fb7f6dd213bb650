/**
 * A single-table design: the entities a table stores and the access patterns the application
 * runs, as a config file declares them (normalized from any dialect, like `TableSpec`). Checks
 * (`src/design/`), the design view, the pattern runner and the code generators all read this
 * shape, never a dialect's own keys.
 *
 * Pure data: no vscode, no SDK. Pointers lead back to the source node for diagnostics.
 */
import type { Pointer } from './spec';

/** DynamoDB attribute types an entity attribute can declare. */
export type EntityAttributeType = 'S' | 'N' | 'B' | 'BOOL' | 'NULL' | 'L' | 'M' | 'SS' | 'NS' | 'BS';

/**
 * A key template such as `USER#{userId}` or `PROFILE`: literal text and `{placeholder}`s, each
 * placeholder naming an attribute of the entity (or, in a pattern, a parameter of the call).
 */
export interface KeyTemplate {
  readonly text: string;
  readonly parts: readonly ({ readonly literal: string } | { readonly placeholder: string })[];
  readonly pointer: Pointer;
}

export interface EntityAttribute {
  readonly name: string;
  readonly type: EntityAttributeType;
  /** Items of this entity always have it (default true); optional ones make sparse indexes. */
  readonly required?: boolean;
  readonly pointer: Pointer;
}

export interface EntitySpec {
  readonly name: string;
  /** The table (its name as the config gives it) the entity lives in. */
  readonly table: string;
  /** Key attribute name (table or index key: `PK`, `SK`, `GSI1PK`, ...) -> its template. */
  readonly keys: Readonly<Record<string, KeyTemplate>>;
  readonly attributes: readonly EntityAttribute[];
  /** Sample items to generate when the design is run (default 10). */
  readonly sampleCount?: number;
  /** Estimated item size in bytes for cost figures; computed from the attributes when absent. */
  readonly itemSizeBytes?: number;
  readonly pointer: Pointer;
}

export type PatternOperation =
  | 'get' | 'query' | 'scan' | 'put' | 'update' | 'delete'
  | 'batchGet' | 'batchWrite' | 'transactGet' | 'transactWrite';

export type KeyOperator = '=' | '<' | '<=' | '>' | '>=' | 'between' | 'begins_with';

/** One condition of a pattern's key condition: `SK begins_with "ORDER#"`. */
export interface KeyConditionSpec {
  readonly attribute: string;
  readonly operator: KeyOperator;
  /** One template; two for `between`. */
  readonly values: readonly KeyTemplate[];
  readonly pointer: Pointer;
}

export interface AccessPatternSpec {
  readonly name: string;
  readonly operation: PatternOperation;
  readonly table: string;
  /** The index it uses; absent for the table itself. */
  readonly index?: string;
  /** The entities the pattern expects to return or write (optional; checked when run). */
  readonly entities?: readonly string[];
  readonly keyCondition: readonly KeyConditionSpec[];
  /** Non-key attributes the pattern reads (projection checks); absent = the whole item. */
  readonly reads?: readonly string[];
  readonly pointer: Pointer;
}

export interface DesignSpec {
  readonly entities: readonly EntitySpec[];
  readonly patterns: readonly AccessPatternSpec[];
}

/** Parse `USER#{userId}` into literal and placeholder parts. */
export function parseTemplate(text: string, pointer: Pointer): KeyTemplate {
  const parts: ({ literal: string } | { placeholder: string })[] = [];
  const re = /\{([^{}]*)\}/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) { parts.push({ literal: text.slice(last, m.index) }); }
    parts.push({ placeholder: m[1].trim() });
    last = m.index + m[0].length;
  }
  if (last < text.length) { parts.push({ literal: text.slice(last) }); }
  return { text, parts, pointer };
}

/** The placeholders a template names, in order. */
export function placeholders(t: KeyTemplate): string[] {
  return t.parts.flatMap(p => ('placeholder' in p ? [p.placeholder] : []));
}
