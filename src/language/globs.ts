/**
 * The `dynamodbDesigner.configFiles` globs: a small glob matcher of our own (node's
 * path.matchesGlob is experimental in Node 20 and absent from older hosts). Apart from
 * association.ts so that the extension's entry bundle can match without the parsers.
 */
const cache = new Map<string, RegExp>();

/** Glob -> RegExp: `**` any path segments, `*` and `?` within a segment, `{a,b}`, `[abc]`. */
export function globToRegExp(glob: string): RegExp {
  const known = cache.get(glob);
  if (known) { return known; }
  let re = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slashAfter = glob[i + 2] === '/';
        re += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 2 : 1;
      } else {
        re += '[^/]*';
      }
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) {
      re += '|';
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) { re += '\\['; continue; }
      const body = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
      re += `[${body}]`;
      i = close;
    } else {
      re += c.replace(/[.+^$()|\\/]/g, m => '\\' + m);
    }
  }
  const compiled = new RegExp(`^${re}$`);
  cache.set(glob, compiled);
  return compiled;
}

/**
 * Whether a file path matches one of the globs. Backslashes count as slashes; a glob without a
 * slash matches the file name in any folder (`*.ddb.yaml`).
 */
export function matchesConfigGlobs(path: string, globs: readonly string[]): boolean {
  const p = path.replace(/\\/g, '/');
  const base = p.slice(p.lastIndexOf('/') + 1);
  return globs.some(g => {
    const glob = g.replace(/\\/g, '/');
    if (!glob.includes('/')) { return globToRegExp(glob).test(base); }
    const re = globToRegExp(glob.startsWith('/') || glob.startsWith('**') ? glob : `**/${glob}`);
    return re.test(p) || re.test(p.replace(/^\/+/, ''));
  });
}
