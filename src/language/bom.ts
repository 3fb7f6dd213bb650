/** Byte-order marks: kept apart from the parsers so detection (in the activation entry) stays small. */

/**
 * The text without a leading byte-order mark. A BOM is not content: detection, parsing and the
 * positions of findings all work on the text after it (as an editor shows it, and as VS Code's
 * documents hold it), so a file with a BOM gets the same verdict at the same line:column.
 */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
