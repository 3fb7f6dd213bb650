/**
 * How an item editor is named, and how a failed save is said. Pure (no vscode import).
 *
 * The editor tab shows the last segment of the document's path: it reads like the key
 * (`customer_id = cust-0005, issued_at = 2024-05-01.json`) and stays a valid file name on every
 * system (Save As proposes it): the characters a file name cannot hold become `_`.
 */
import type { JsonItem } from '../../model/items';
import { keyText } from '../../items/keys';

const MAX_NAME = 120;

/** One key value as a person reads it: strings bare, numbers as written, binary as base64. */
function valueWords(value: JsonItem[string]): string {
  if ('S' in value) { return value.S; }
  if ('N' in value) { return value.N; }
  if ('B' in value) { return `base64 ${value.B}`; }
  return JSON.stringify(value);
}

/** The file name (without `.json`) of an item's editor: `name = value, name = value`. */
export function itemFileName(key: JsonItem): string {
  const words = Object.entries(key).map(([name, value]) => `${name} = ${valueWords(value)}`).join(', ');
  return safeFileName(words);
}

/** A label made safe as a file name: no path separators, reserved or control characters; not too long. */
export function safeFileName(label: string): string {
  const safe = label.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_').replace(/\s+/g, ' ').trim();
  const cut = safe.length > MAX_NAME ? `${safe.slice(0, MAX_NAME - 1).trimEnd()}…` : safe;
  // Windows refuses names that end in a dot or a space.
  return cut.replace(/[. ]+$/, '') || 'item';
}

/**
 * Why a save failed, leading with what went wrong and naming the item by its key in words
 * (never the editor's internal address): `Could not save the item <key> to <table>: <reason> (<code>)`.
 * A conflict's message already leads with the item and what happened: it is kept as it is.
 */
export function saveFailure(table: string, key: JsonItem | undefined, message: string, code: string, namesItem = false): string {
  const reason = message.trim();
  if (namesItem) { return `${reason} (${code})`; }
  const item = key ? `the item ${keyText(key)}` : 'the new item';
  return `Could not save ${item} to ${table}: ${reason} (${code})`;
}
