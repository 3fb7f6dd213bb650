/**
 * YAML -> ParsedConfig with a SourceMap, via the `yaml` package (parseDocument, which recovers
 * from errors by itself). Its errors become syntax errors (duplicate keys included), its warnings
 * syntax warnings; a point error is widened to the rest of its line.
 */
import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import type { Pointer } from '../model/spec';
import { LineIndex, OffsetSourceMap, joinPointer, widenPoint } from './sourcemap';
import type { ParsedConfig } from './types';

const MAX_DEPTH = 500;

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
    const doc = parseDocument(text, { lineCounter: new LineCounter(), uniqueKeys: true, prettyErrors: false, logLevel: 'error' });
    for (const issue of [...doc.errors, ...doc.warnings]) {
      const [s, e] = issue.pos;
      const [start, end] = e > s ? [s, e] : widenPoint(text, lines, s);
      map.addSyntaxError(firstLine(issue.message), start, end, issue.name === 'YAMLWarning' ? 'warning' : undefined);
    }
    if (doc.contents) { walk(doc.contents, '', map, 0); }
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      map.addSyntaxError(`YAML value could not be built: ${message}`, 0, lines.lineContentEnd(0));
      value = undefined;
    }
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    map.addSyntaxError(`YAML could not be parsed: ${message}`, 0, lines.lineContentEnd(0));
  }
  return { format: 'yaml', text, value, map };
}

function walk(node: YamlNode, pointer: Pointer, map: OffsetSourceMap, depth: number): void {
  if (depth > MAX_DEPTH) { return; }
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) { continue; }
      const p = joinPointer(pointer, String(pair.key.value));
      const [keyStart, keyEnd] = pair.key.range;
      const v = pair.value as YamlNode | null;
      if (v && v.range) {
        map.record(p, { keyStart, keyEnd, valueStart: v.range[0], valueEnd: v.range[1] });
        walk(v, p, map, depth + 1);
      } else {
        // `key:` with no value: the value is null and sits (empty) right after the key.
        map.record(p, { keyStart, keyEnd, valueStart: keyEnd, valueEnd: keyEnd });
      }
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const p = joinPointer(pointer, i);
      const v = item as YamlNode | null;
      if (v && (isScalar(v) || isMap(v) || isSeq(v) || isAlias(v)) && v.range) {
        map.record(p, { valueStart: v.range[0], valueEnd: v.range[1] });
        walk(v, p, map, depth + 1);
      }
    });
  }
}
