/**
 * The config commands' menu `when` clauses (package.json) hold before the extension has
 * activated: right after a window reload no context key of ours is set yet, and "Preview
 * Changes" must still be in the palette of a TOML or YAML config.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

type Context = Readonly<Record<string, string | boolean | undefined>>;

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

interface MenuEntry { readonly command: string; readonly when?: string }
const manifest = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8')) as { contributes: { menus: Record<string, MenuEntry[]> } };
const CONFIG_COMMANDS = ['previewConfig', 'applyConfig', 'deleteConfigTables', 'chooseConfigTarget'].map(c => `dynamodbDesigner.${c}`);

describe('config command menus before and after activation', () => {
  const palette = manifest.contributes.menus.commandPalette.filter(e => CONFIG_COMMANDS.includes(e.command));
  const editor = [...manifest.contributes.menus['editor/title'], ...manifest.contributes.menus['editor/context']]
    .filter(e => CONFIG_COMMANDS.includes(e.command) && e.when?.includes('resourceScheme == file'));

  it('the evaluator reads the grammar', () => {
    assert.equal(evaluateWhen('a || b && !c', { b: true }), true);
    assert.equal(evaluateWhen('a || b && !c', { b: true, c: true }), false);
    assert.equal(evaluateWhen('(a || b) && c == x', { a: true, c: 'x' }), true);
    assert.equal(evaluateWhen('viewItem =~ /^table/', { viewItem: 'table.withArn' }), true);
  });

  it('every config command is in the palette of a TOML or YAML file before activation (no key of ours set)', () => {
    assert.equal(palette.length, CONFIG_COMMANDS.length);
    for (const entry of palette) {
      for (const lang of ['toml', 'yaml']) {
        assert.equal(evaluateWhen(entry.when!, { editorLangId: lang, resourceScheme: 'file' }), true, `${entry.command} on ${lang}: ${entry.when}`);
      }
      assert.equal(evaluateWhen(entry.when!, { editorLangId: 'dynamodb-plan', resourceScheme: 'dynamodb-plan' }), true, `${entry.command} on a preview`);
      assert.equal(evaluateWhen(entry.when!, { editorLangId: 'json', resourceScheme: 'file' }), false, `${entry.command} not on JSON`);
    }
  });

  it('after activation: hidden on a YAML file found to be no table config, shown on a config the settings opt in', () => {
    for (const entry of [...palette, ...editor]) {
      assert.equal(evaluateWhen(entry.when!, { editorLangId: 'yaml', resourceScheme: 'file', 'dynamodbDesigner.activeIsNotConfig': true }), false, entry.command);
      assert.equal(evaluateWhen(entry.when!, { editorLangId: 'plaintext', resourceScheme: 'file', 'dynamodbDesigner.activeIsConfig': true }), true, entry.command);
    }
  });

  it('the editor title and context entries of a config file hold before activation too', () => {
    assert.ok(editor.length >= 4);
    for (const entry of editor) {
      assert.equal(evaluateWhen(entry.when!, { editorLangId: 'toml', resourceScheme: 'file' }), true, `${entry.command}: ${entry.when}`);
    }
  });
});
