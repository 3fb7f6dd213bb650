/**
 * YAML -> ParsedConfig with a SourceMap, via the `yaml` package (parseDocument, which recovers
 * from errors by itself). Its errors become syntax errors (duplicate keys included), its warnings
 * syntax warnings; a point error is widened to the rest of its line.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node as YamlNode, ScalarTag, CollectionTag } from 'yaml';
import type { Pointer } from '../model/spec';
import { LineIndex, OffsetSourceMap, joinPointer, widenPoint } from './sourcemap';
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

export function parseYaml(text: string): ParsedConfig {
  const lines = new LineIndex(text);
  const map = new OffsetSourceMap('yaml', lines);
  map.record('', { valueStart: 0, valueEnd: text.length });
  let value: unknown;
  try {
    // No LineCounter: positions come from the LineIndex every consumer shares. Duplicate keys are
    // found by the walk below with a set per mapping (the parser's own check compares every key
    // with every other: quadratic in a wide mapping).
    const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, logLevel: 'error', customTags: CFN_TAGS });
    // One pass records the source map and builds the plain value; a document it cannot build
    // exactly as `toJS` would (aliases, keys that are not scalars) gets `toJS` instead.
    const built = { exact: true, duplicates: [] as number[] };
    value = doc.contents ? walk(doc.contents, '', map, 0, built) : null;
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

/** A plain object key as `toJS` makes it (`__proto__` as an own property, not the prototype). */
function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key in target) {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

function scalarValue(v: unknown): unknown {
  return typeof v === 'bigint' ? Number(v) : v;
}

/** Records the pointers under a node and returns its plain value (`built.exact` false when unsure). */
function walk(node: YamlNode, pointer: Pointer, map: OffsetSourceMap, depth: number, built: { exact: boolean; duplicates: number[] }): unknown {
  if (depth > MAX_DEPTH) { built.exact = false; return undefined; }
  const longName = node.tag ? CFN_SHORT_TAGS[node.tag] : undefined;
  if (longName !== undefined && node.range) {
    // `!If [...]` is `{ Fn::If: [...] }`: the function's argument sits at `<pointer>/Fn::If`.
    const p = joinPointer(pointer, longName);
    map.record(p, { valueStart: node.range[0], valueEnd: node.range[1] });
    const inner = walkUntagged(node, p, map, depth + 1, built);
    return { [longName]: inner };
  }
  return walkUntagged(node, pointer, map, depth, built);
}

function walkUntagged(node: YamlNode, pointer: Pointer, map: OffsetSourceMap, depth: number, built: { exact: boolean; duplicates: number[] }): unknown {
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    const keys = new Set<unknown>();
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) { built.exact = false; continue; }
      const rawKey = pair.key.value;
      if (keys.has(rawKey) && pair.key.range) {
        built.duplicates.push(pair.key.range[0]);
      }
      keys.add(rawKey);
      const v = pair.value as YamlNode | null;
      const jsKey = rawKey === null ? '' : typeof rawKey === 'object' ? undefined : String(scalarValue(rawKey));
      if (jsKey === undefined) { built.exact = false; }
      let value: unknown = null;
      if (pair.key.range) {
        const p = joinPointer(pointer, String(rawKey));
        const [keyStart, keyEnd] = pair.key.range;
        if (v && v.range) {
          map.record(p, { keyStart, keyEnd, valueStart: v.range[0], valueEnd: v.range[1] });
          value = walk(v, p, map, depth + 1, built);
        } else {
          // `key:` with no value: the value is null and sits (empty) right after the key.
          map.record(p, { keyStart, keyEnd, valueStart: keyEnd, valueEnd: keyEnd });
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
    const out: unknown[] = [];
    node.items.forEach((item, i) => {
      const p = joinPointer(pointer, i);
      const v = item as YamlNode | null;
      if (v && (isScalar(v) || isMap(v) || isSeq(v)) && v.range) {
        map.record(p, { valueStart: v.range[0], valueEnd: v.range[1] });
        out.push(walk(v, p, map, depth + 1, built));
      } else if (v && isAlias(v) && v.range) {
        map.record(p, { valueStart: v.range[0], valueEnd: v.range[1] });
        built.exact = false;
        out.push(undefined);
      } else {
        if (v) { built.exact = false; }
        out.push(null);
      }
    });
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
