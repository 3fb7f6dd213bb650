/**
 * Config text from a WrittenConfig (DialectDefinition.write): TOML with `smol-toml` (`stringify`),
 * YAML with `yaml` (a Document with comments on nodes). The header comes first as comment lines;
 * a comment follows the value of every key the config names in `comments`.
 */
import { stringify as stringifyToml } from 'smol-toml';
import { Document, isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { WrittenConfig } from './format';

export function writeToml(config: WrittenConfig): string {
  const comments = config.comments ?? {};
  const body = stringifyToml(config.value).split('\n').map(line => {
    const m = /^([A-Za-z0-9_-]+) = /.exec(line);
    const comment = m && Object.prototype.hasOwnProperty.call(comments, m[1]) ? comments[m[1]] : undefined;
    return comment ? `${line}  # ${comment}` : line;
  });
  return [...config.header.map(l => `# ${l}`), ...body].join('\n').replace(/\n+$/, '\n');
}

export function writeYaml(config: WrittenConfig): string {
  const comments = config.comments ?? {};
  const doc = new Document(config.value);
  doc.commentBefore = config.header.map(l => ` ${l}`).join('\n');
  // A comment after each enum-like value, found by key name anywhere in the document.
  const visit = (node: unknown): void => {
    if (isMap(node)) {
      for (const pair of node.items as Pair<Node, Node>[]) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key && Object.prototype.hasOwnProperty.call(comments, key) && isScalar(pair.value)) { pair.value.comment = ` ${comments[key]}`; }
        // A YAML 1.1 reader (CloudFormation's among them) takes a bare 2010-09-09 for a date: quoted.
        if (isScalar(pair.value) && typeof pair.value.value === 'string' && /^\d{4}-\d\d-\d\d$/.test(pair.value.value)) { pair.value.type = 'QUOTE_SINGLE'; }
        visit(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) { visit(item); }
    }
  };
  visit(doc.contents);
  return doc.toString({ lineWidth: 0 });
}
