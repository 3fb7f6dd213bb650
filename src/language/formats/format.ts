/**
 * A config file format (TOML, YAML; a dialect with its own format, e.g. HCL, brings one more).
 *
 * Two halves, so that the activation entry can recognize configs without loading any parser:
 * - FormatDefinition (this file's first interface, one small module per format: formats/toml.ts,
 *   formats/yaml.ts): the id, file endings, content sniffing and the schema-comment pattern. A
 *   dialect names its format by this object (DialectDefinition.format); the registry collects
 *   the formats of the registered dialects.
 * - FormatOperations: what needs the format's parser and writer: text -> ParsedConfig {format,
 *   text, value, map}, and FixIntents -> TextEdits. Registered by format id in formats/index.ts
 *   (one line per format), which the language service loads.
 * Pure: no vscode.
 */
import type { FormatEdits } from '../edits/doc';
import type { ParsedConfig } from '../types';

export interface FormatDefinition {
  /** The format's id (`toml`, `yaml`): ParsedConfig.format and SourceMap.format hold it. */
  readonly id: string;
  /** Shown where a person picks a file type (`TOML`). */
  readonly label: string;
  /** File name endings, lower case, without the dot (`toml`); the first is the one a new file gets. */
  readonly extensions: readonly string[];
  /**
   * True when a text of unknown file name looks like this format (TOML: a `[table]` header or a
   * `key = value` line). Formats are tried in registration order; `fallback` takes the rest.
   */
  sniff?(head: string): boolean;
  /** The format a text of unknown name is when no format's `sniff` claims it (YAML). */
  readonly fallback?: boolean;
  /** A line of the first lines that names the file's schema; group 1 is the reference. */
  readonly schemaComment?: RegExp;
  /**
   * The VS Code language ids of files in this format (the editor serves documents of these
   * languages; package.json's activation events name them too); absent: the format's id.
   */
  readonly languageIds?: readonly string[];
}

/** A config a dialect writes (DialectDefinition.write): its format's operations make the text. */
export interface WrittenConfig {
  /** The document's plain data, keys in the order to write them. */
  readonly value: Readonly<Record<string, unknown>>;
  /** Comment lines at the top, without the comment marker. */
  readonly header: readonly string[];
  /** A comment after the value of every key of this name, anywhere in the document. */
  readonly comments?: Readonly<Record<string, string>>;
}

export interface FormatOperations {
  /** Text (without byte-order mark) -> value, SourceMap and syntax errors; never throws. */
  parse(text: string): ParsedConfig;
  /** The text of a config a dialect writes (export, new configs); absent: its dialects cannot be written. */
  write?(config: WrittenConfig): string;
  /** The edits of quick fixes (edits/doc.ts FormatEdits); absent: fixes are not offered as edits. */
  readonly edits?: FormatEdits;
}
