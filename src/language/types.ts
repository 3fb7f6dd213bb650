/**
 * The language service's shared vocabulary (pure: no vscode). Ranges and edits are LSP shapes
 * from `vscode-languageserver-types`, so the service could be served over LSP unchanged.
 *
 * Flow: text -> ParsedConfig (format + SourceMap + plain value) -> dialect -> TableSpec[]
 *   -> schema findings (schema/) + rule findings (rules/) -> Finding[] -> Diagnostic[]
 *   Fixes are FixIntents (what to change, by JSON pointer and dialect key); edits/ turns an
 *   intent into minimal TextEdits for the file's format, keeping comments and indentation.
 */
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { DesignSpec } from '../model/design';
import type { Dialect, Pointer, TableSpec } from '../model/spec';
import type { DialectDefinition } from './dialects/registry';
import type { LineIndex, OffsetLocation } from './sourcemap';

/** A format's id (`toml`, `yaml`): formats are defined with the dialects (dialects/registry.ts). */
export type Format = string;
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Where one JSON pointer lives in the text. */
export interface SourceLocation {
  /** The key (`billing_mode` in `billing_mode = "X"`); absent for array elements and the root. */
  readonly keyRange?: Range;
  /** The value node (scalar, inline or block table/mapping, array). */
  readonly valueRange: Range;
}

export interface SyntaxError {
  readonly message: string;
  readonly range: Range;
  /** 'error' when absent; the YAML parser's warnings come as 'warning'. */
  readonly severity?: Severity;
}

export interface SourceMap {
  readonly format: Format;
  /** Every pointer of the parsed value, `''` for the root. */
  get(pointer: Pointer): SourceLocation | undefined;
  /** All pointers in document order. */
  pointers(): Iterable<Pointer>;
  /** The direct children of a pointer (object keys, array elements), in the order recorded. */
  children(pointer: Pointer): readonly Pointer[];
  /** The offsets of a pointer's key and value (no range conversion). */
  offsets(pointer: Pointer): Readonly<OffsetLocation> | undefined;
  /** The text's line starts, built once per parse and shared by every consumer. */
  readonly lines: LineIndex;
  /** The deepest pointer whose key or value range contains the offset (for completion/hover). */
  pointerAt(offset: number): { pointer: Pointer; on: 'key' | 'value' } | undefined;
  readonly syntaxErrors: readonly SyntaxError[];
}

export interface ParsedConfig {
  readonly format: Format;
  readonly text: string;
  /** The plain data (objects, arrays, strings, numbers, booleans); as much as could be parsed. */
  readonly value: unknown;
  readonly map: SourceMap;
}

/**
 * A fix, stated by meaning; edits/ makes the text edits. Keys are the dialect's own key names
 * (`billing_mode` in genesys, `billingMode` in the YAML dialects); values are plain data written
 * in the file's style (quoting as the neighbours do).
 */
export type FixIntent =
  | {
      readonly kind: 'insert';
      /** The mapping/table to insert into. */
      readonly parent: Pointer;
      readonly key: string;
      readonly value: unknown;
      /** Sibling keys in schema order: the new key goes after the last of these that exists. */
      readonly after?: readonly string[];
    }
  | { readonly kind: 'insertElement'; readonly parent: Pointer; readonly value: unknown }
  | { readonly kind: 'replace'; readonly pointer: Pointer; readonly value: unknown }
  | { readonly kind: 'delete'; readonly pointer: Pointer }
  | { readonly kind: 'rename'; readonly pointer: Pointer; readonly newKey: string };

export interface Fix {
  readonly title: string;
  /** The one fix applied by "Fix all" and shown first. */
  readonly preferred?: boolean;
  /** Applied in order, as one edit. */
  readonly changes: readonly FixIntent[];
}

export interface Finding {
  /** Rule id or schema id (`required`, `type`, `enum-value`, `unknown-key`, `range`, `pattern`, `syntax`). */
  readonly code: string;
  readonly severity: Severity;
  /** Names the offending value and says what is valid. */
  readonly message: string;
  /** The node it is about; absent for syntax errors (which carry their range). */
  readonly pointer?: Pointer;
  /** Mark the key or the value of that node. */
  readonly target: 'key' | 'value';
  readonly fixes?: readonly Fix[];
  /** Set for syntax errors, and filled in for every finding by the service. */
  readonly range?: Range;
}

/**
 * A finding resolved to a range. Its fixes stay data (`fixes`, FixIntents): the text edits are
 * computed only when asked for (service.ts `fixesOf`, for a code action or fix-all).
 */
export interface ResolvedFinding extends Finding {
  readonly range: Range;
}

/** A fix turned into text edits. */
export interface ResolvedFix {
  readonly title: string;
  readonly preferred: boolean;
  readonly edits: readonly TextEdit[];
}

export interface RuleContext {
  readonly dialect: Dialect;
  readonly config: ParsedConfig;
  /** All tables of the file (for cross-table rules such as duplicate-table). */
  readonly tables: readonly TableSpec[];
  /** Advice rules (hint severity) are skipped when false. */
  readonly advice: boolean;
  /** Pointers that already carry a schema finding (rules stay silent on them). */
  readonly invalidPointers: ReadonlySet<Pointer>;
  /** The file's entities and access patterns (the design rules check them). */
  readonly design?: DesignSpec;
  /**
   * A design sidecar's tables, read from its manifest (another file): the design rules check
   * against them, and fixes that would edit them are not offered.
   */
  readonly designTables?: readonly TableSpec[];
  /**
   * Pointers of values the file leaves to deploy time (a template's intrinsic functions; also in
   * `invalidPointers`): present, value not known. A rule that only needs to know a value is given
   * may count them.
   */
  readonly unknownPointers?: ReadonlySet<Pointer>;
}

export interface Rule {
  readonly id: string;
  readonly severity: Severity;
  /** One line for the README's Rules section. */
  readonly description: string;
  /**
   * Whether it applies to a dialect, asked of what the dialect is (its vocabulary, defaults,
   * limits), never of its name; all dialects when absent. A dialect can also skip a rule
   * (DialectDefinition.rules.skip).
   */
  appliesTo?(dialect: DialectDefinition): boolean;
  check(table: TableSpec, context: RuleContext): Finding[];
}
