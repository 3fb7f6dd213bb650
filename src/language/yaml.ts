/**
 * YAML -> ParsedConfig with a SourceMap, via the `yaml` package (parseDocument, which recovers
 * from errors by itself). Its errors become syntax errors (duplicate keys included), its warnings
 * syntax warnings; a point error is widened to the rest of its line.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node as YamlNode, ScalarTag, CollectionTag } from 'yaml';
import { LineIndex, TreeSourceMap, widenPoint } from './sourcemap';
import type { ParsedConfig } from './types';

const MAX_DEPTH = 500;

/**
 * CloudFormation's short-form intrinsic functions (`!Ref X`, `!If [c, a, b]`) and the long form
 * each stands for (`{ Ref: X }`, `{ 'Fn::If': [c, a, b] }`): the parse accepts them on scalars,
 * sequences and mappings alike, and the plain value holds the long form, so a template reads the
 * same either way (dialects/cloudformation.ts treats both as values not known from the template).
 */
export const CFN_SHORT_TAGS: Readonly<Record<string, string>> = Object.fromEntries([
  'Ref', 'Condition', 'Sub', 'GetAtt', 'If', 'Join', 'Select', 'FindInMap', 'ImportValue', 'Equals', 'Not', 'And', 'Or',
  'Split', 'Base64', 'Cidr', 'GetAZs', 'Transform', 'ToJsonString', 'Length', 'ForEach',
].map(name => [`!${name}`, name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`]));

const CFN_TAGS: (ScalarTag | CollectionTag)[] = Object.keys(CFN_SHORT_TAGS).flatMap(tag => [
  { tag, resolve: (s: string) => s } as ScalarTag,
  { tag, collection: 'seq', resolve: (c: unknown) => c } as unknown as CollectionTag,
  { tag, collection: 'map', resolve: (c: unknown) => c } as unknown as CollectionTag,
]);

function firstLine(message: string): string {
  const line = message.split('\n')[0];
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * The parse's custom tags: CloudFormation's, when the text has a `!` at all (no tag can appear
 * without one, and a schema with 63 more tags makes every plain scalar's type test scan them).
 */
function customTagsFor(text: string): (ScalarTag | CollectionTag)[] | undefined {
  return text.includes('!') ? CFN_TAGS : undefined;
}

export function parseYaml(text: string): ParsedConfig {
  const lines = new LineIndex(text);
  const map = new TreeSourceMap('yaml', lines);
  let value: unknown;
  try {
    // No LineCounter: positions come from the LineIndex every consumer shares. Duplicate keys are
    // found by the walk below (the parser's own check compares every key with every other:
    // quadratic in a wide mapping).
    const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, logLevel: 'error', customTags: customTagsFor(text) });
    // One pass records the source map and builds the plain value; a document it cannot build
    // exactly as `toJS` would (aliases, keys that are not scalars) gets `toJS` instead.
    const built: Built = { exact: true, duplicates: [], map };
    value = doc.contents ? walk(doc.contents, TreeSourceMap.ROOT, true, 0, built) : null;
    const issues: { start: number; end: number; message: string; warning: boolean }[] = [];
    for (const issue of [...doc.errors, ...doc.warnings]) {
      const [s, e] = issue.pos;
      const [start, end] = e > s ? [s, e] : widenPoint(text, lines, s);
      issues.push({ start, end, message: firstLine(issue.message), warning: issue.name === 'YAMLWarning' });
    }
    for (const at of built.duplicates) { issues.push({ start: at, end: at + 1, message: 'Map keys must be unique', warning: false }); }
    if (built.duplicates.length > 0) { issues.sort((a, b) => a.start - b.start); }
    for (const i of issues) { map.addSyntaxError(i.message, i.start, i.end, i.warning ? 'warning' : undefined); }
    if (!built.exact) {
      try {
        value = doc.toJS({ maxAliasCount: 1000 });
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        map.addSyntaxError(`YAML value could not be built: ${message}`, 0, lines.lineContentEnd(0));
        value = undefined;
      }
    }
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    map.addSyntaxError(`YAML could not be parsed: ${message}`, 0, lines.lineContentEnd(0));
  }
  return { format: 'yaml', text, value, map };
}

/** What one walk shares: the map it records into, whether its value is exact, duplicate keys' offsets. */
interface Built {
  exact: boolean;
  duplicates: number[];
  readonly map: TreeSourceMap;
}

/**
 * A plain object key as `toJS` makes it (`__proto__` as an own property, not the prototype; the
 * only accessor a plain object inherits, so any other key is an assignment).
 */
function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

function scalarValue(v: unknown): unknown {
  return typeof v === 'bigint' ? Number(v) : v;
}

/**
 * A child slot of `parent`: added without looking when `fresh` (the caller knows no slot of that
 * pointer exists yet), else found or added (a key written twice shares its pointer's slot, as a
 * pointer-keyed map would).
 */
function slotFor(map: TreeSourceMap, fresh: boolean, parent: number, token: string | number, keyStart: number, keyEnd: number, valueStart: number, valueEnd: number): number {
  return fresh
    ? map.add(parent, token, keyStart, keyEnd, valueStart, valueEnd)
    : map.open(parent, token, keyStart, keyEnd, valueStart, valueEnd);
}

/**
 * Records the slots under a node (`slot`: the node's own; `fresh`: no slot under it exists yet)
 * and returns its plain value (`built.exact` false when unsure).
 */
function walk(node: YamlNode, slot: number, fresh: boolean, depth: number, built: Built): unknown {
  if (depth > MAX_DEPTH) { built.exact = false; return undefined; }
  const longName = node.tag ? CFN_SHORT_TAGS[node.tag] : undefined;
  if (longName !== undefined && node.range) {
    // `!If [...]` is `{ Fn::If: [...] }`: the function's argument sits at `<pointer>/Fn::If`.
    const inner = slotFor(built.map, fresh, slot, longName, -1, -1, node.range[0], node.range[1]);
    return { [longName]: walkUntagged(node, inner, fresh, depth + 1, built) };
  }
  return walkUntagged(node, slot, fresh, depth, built);
}

/** Mappings up to this many pairs look for a repeated key among the earlier pairs, not in a set. */
const SMALL_MAP = 16;

/** The key equality of a Set (SameValueZero), as the parser's own duplicate check for scalars. */
function sameKey(a: unknown, b: unknown): boolean {
  return a === b || (a !== a && b !== b);
}

function walkUntagged(node: YamlNode, slot: number, fresh: boolean, depth: number, built: Built): unknown {
  const map = built.map;
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    const items = node.items;
    const keys = items.length > SMALL_MAP ? new Set<unknown>() : undefined;
    // A pointer token is `String(key)`: while every key is a string, a key not seen before has a new token.
    let stringKeys = true;
    for (let i = 0; i < items.length; i++) {
      const pair = items[i];
      if (!isPair(pair) || !isScalar(pair.key)) { built.exact = false; continue; }
      const rawKey = pair.key.value;
      let seen = false;
      if (keys) {
        seen = keys.has(rawKey);
        keys.add(rawKey);
      } else {
        for (let j = 0; j < i && !seen; j++) {
          const other = items[j];
          seen = isPair(other) && isScalar(other.key) && sameKey(other.key.value, rawKey);
        }
      }
      if (seen && pair.key.range) { built.duplicates.push(pair.key.range[0]); }
      const v = pair.value as YamlNode | null;
      const jsKey = rawKey === null ? '' : typeof rawKey === 'object' ? undefined : String(scalarValue(rawKey));
      if (jsKey === undefined) { built.exact = false; }
      const isString = typeof rawKey === 'string';
      const newToken = fresh && stringKeys && isString && !seen;
      if (!isString) { stringKeys = false; }
      let value: unknown = null;
      if (pair.key.range) {
        const keyStart = pair.key.range[0];
        const keyEnd = pair.key.range[1];
        if (v && v.range) {
          const child = slotFor(map, newToken, slot, String(rawKey), keyStart, keyEnd, v.range[0], v.range[1]);
          value = walk(v, child, newToken, depth + 1, built);
        } else {
          // `key:` with no value: the value is null and sits (empty) right after the key.
          slotFor(map, newToken, slot, String(rawKey), keyStart, keyEnd, keyEnd, keyEnd);
          if (v) { built.exact = false; }
        }
      } else {
        built.exact = false;
      }
      if (jsKey !== undefined) { setKey(out, jsKey, value); }
    }
    return out;
  }
  if (isSeq(node)) {
    const items = node.items;
    const out: unknown[] = [];
    for (let i = 0; i < items.length; i++) {
      const v = items[i] as YamlNode | null;
      if (v && (isScalar(v) || isMap(v) || isSeq(v)) && v.range) {
        const child = slotFor(map, fresh, slot, i, -1, -1, v.range[0], v.range[1]);
        out.push(walk(v, child, fresh, depth + 1, built));
      } else if (v && isAlias(v) && v.range) {
        slotFor(map, fresh, slot, i, -1, -1, v.range[0], v.range[1]);
        built.exact = false;
        out.push(undefined);
      } else {
        if (v) { built.exact = false; }
        out.push(null);
      }
    }
    return out;
  }
  if (isScalar(node)) {
    const v = node.value;
    if (v !== null && typeof v === 'object') { built.exact = false; }
    return scalarValue(v);
  }
  built.exact = false;
  return undefined;
}
