/** A when-clause evaluator for the manifest tests (menus, keybindings). */
import { strict as assert } from 'node:assert';

export type Context = Readonly<Record<string, string | boolean | undefined>>;

/** Evaluates the subset of VS Code's when-clause grammar the manifest uses: ==, !=, !, &&, ||, ( ), =~ /re/. */
export function evaluateWhen(clause: string, context: Context): boolean {
  const tokens = clause.match(/\(|\)|&&|\|\||!=|==|=~|!|\/(?:\\.|[^/])+\/|[\w.:-]+/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const value = (key: string) => context[key];
  function primary(): boolean {
    const t = next();
    if (t === '!') { return !primary(); }
    if (t === '(') { const v = or(); assert.equal(next(), ')'); return v; }
    if (t === 'true') { return true; }
    if (t === 'false') { return false; }
    const op = peek();
    if (op === '==' || op === '!=') {
      next();
      const equal = String(value(t) ?? '') === next();
      return op === '==' ? equal : !equal;
    }
    if (op === '=~') {
      next();
      const re = /^\/(.*)\/$/.exec(next())!;
      return new RegExp(re[1]).test(String(value(t) ?? ''));
    }
    return Boolean(value(t));
  }
  function and(): boolean {
    let v = primary();
    while (peek() === '&&') { next(); const r = primary(); v = v && r; }
    return v;
  }
  function or(): boolean {
    let v = and();
    while (peek() === '||') { next(); const r = and(); v = v || r; }
    return v;
  }
  const result = or();
  assert.equal(i, tokens.length, `the whole clause was read: ${clause}`);
  return result;
}
