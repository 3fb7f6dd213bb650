/**
 * The config commands' menu `when` clauses (package.json) hold before the extension has
 * activated: right after a window reload no context key of ours is set yet, and "Preview
 * Changes" must still be in the palette of a TOML or YAML config.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { evaluateWhen } from './when';

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
