/**
 * package.json as the Marketplace and npm see it (issue 16): metadata without placeholder links,
 * keybindings scoped by `when` to commands that exist, settings with a scope and an order (the
 * per-document ones resource-scoped, the ones that send credentials restricted in untrusted
 * workspaces), schema contributions pointing at bundled files, a `.toml` claim that leaves lock
 * files alone, and an npm package with nothing to install.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { VIEW_TYPES } from '../../../webview/protocol';
import { repoRoot } from '../../support/paths';
import { evaluateWhen } from './when';

interface Keybinding { readonly command: string; readonly key: string; readonly mac?: string; readonly when?: string }
interface Setting { readonly scope?: string; readonly order?: number; readonly description?: string; readonly markdownDescription?: string }
interface Language { readonly id: string; readonly extensions?: string[]; readonly filenames?: string[]; readonly filenamePatterns?: string[] }
interface Manifest {
  readonly version: string;
  readonly private?: boolean;
  readonly preview?: boolean;
  readonly galleryBanner?: { color?: string; theme?: string };
  readonly repository?: unknown; readonly bugs?: unknown; readonly homepage?: unknown;
  readonly bin: Record<string, string>;
  readonly scripts: Record<string, string>;
  readonly dependencies?: Record<string, string>;
  readonly capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations?: string[] } };
  readonly contributes: {
    commands: { command: string }[];
    keybindings: Keybinding[];
    configuration: { properties: Record<string, Setting> };
    languages: Language[];
    yamlValidation: { fileMatch: string | string[]; url: string }[];
  };
}

const root = repoRoot();
const text = readFileSync(join(root, 'package.json'), 'utf8');
const manifest = JSON.parse(text) as Manifest;
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
const localized = (s: string | undefined) => s?.replace(/^%(.*)%$/, (_, key: string) => nls[key] ?? s);

describe('package.json metadata', () => {
  it('has no placeholder link and no repository, bugs or homepage until there is a public home', () => {
    assert.doesNotMatch(text, /example\.invalid/);
    for (const key of ['repository', 'bugs', 'homepage'] as const) { assert.equal(manifest[key], undefined, key); }
    const script = readFileSync(join(root, 'scripts/package.mjs'), 'utf8');
    assert.match(script, /--allow-missing-repository/);
  });
  it('is a preview while 0.x, with a gallery banner and a production build before publishing', () => {
    assert.equal(manifest.preview, /^0\./.test(manifest.version));
    assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner?.theme ?? ''));
    assert.match(manifest.scripts['vscode:prepublish'] ?? '', /scripts\/build\.mjs --production/);
  });
  it('has a dated CHANGELOG section for its version', () => {
    const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
    const escaped = manifest.version.replace(/\./g, '\\.');
    assert.match(changelog, new RegExp(`^## \\[?${escaped}\\]? - \\d{4}-\\d{2}-\\d{2}$`, 'm'));
    assert.match(changelog, /^## \[?0\.1\.0\]? - \d{4}-\d{2}-\d{2}$/m);
  });
  it('is publishable to npm with nothing to install: no runtime dependency (the CLI is bundled), no install script, a prepack build', () => {
    assert.notEqual(manifest.private, true);
    assert.deepEqual(manifest.dependencies ?? {}, {});
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) { assert.equal(manifest.scripts[script], undefined, script); }
    assert.match(manifest.scripts.prepack ?? '', /scripts\/build\.mjs .*--cli-only/);
    assert.equal(manifest.bin['dynamodb-designer'], './dist/cli.js');
  });
});

describe('package.json keybindings', () => {
  const commands = new Set(manifest.contributes.commands.map(c => c.command));
  const bindings = manifest.contributes.keybindings;
  const byCommand = (command: string) => bindings.find(b => b.command === command)!;

  it('binds only contributed commands, each with a when clause', () => {
    assert.ok(bindings.length >= 3);
    for (const b of bindings) {
      assert.ok(commands.has(b.command), `${b.command} is a contributed command`);
      assert.ok(b.when && b.when.trim().length > 0, `${b.command} has a when clause`);
      assert.ok(b.key, `${b.command} has a key`);
    }
  });
  it('Preview Changes only in the editor of a table config (before activation too), not in other TOML/YAML or other files', () => {
    const when = byCommand('dynamodbDesigner.previewConfig').when!;
    const editor = { editorTextFocus: true, resourceScheme: 'file' };
    assert.equal(evaluateWhen(when, { ...editor, editorLangId: 'toml' }), true, 'a TOML file before activation');
    assert.equal(evaluateWhen(when, { ...editor, editorLangId: 'yaml', 'dynamodbDesigner.activeIsConfig': true }), true);
    assert.equal(evaluateWhen(when, { ...editor, editorLangId: 'yaml', 'dynamodbDesigner.activeIsNotConfig': true }), false, 'a YAML file that is no config');
    assert.equal(evaluateWhen(when, { ...editor, editorLangId: 'typescript' }), false);
    assert.equal(evaluateWhen(when, { resourceScheme: 'file', editorLangId: 'toml' }), false, 'not without the editor focus');
  });
  it('Run Item Query (Ctrl+Enter) only in the item browser', () => {
    const b = byCommand('dynamodbDesigner.runItemQuery');
    assert.equal(b.key, 'ctrl+enter');
    assert.equal(evaluateWhen(b.when!, { activeWebviewPanelId: VIEW_TYPES.items }), true);
    assert.equal(evaluateWhen(b.when!, { activeWebviewPanelId: VIEW_TYPES.details }), false);
    assert.equal(evaluateWhen(b.when!, { editorTextFocus: true, editorLangId: 'toml' }), false);
  });
  it('Refresh only in the explorer', () => {
    const when = byCommand('dynamodbDesigner.refreshExplorer').when!;
    assert.equal(evaluateWhen(when, { focusedView: 'dynamodbDesigner.explorer' }), true);
    assert.equal(evaluateWhen(when, { focusedView: 'workbench.explorer.fileView' }), false);
    assert.equal(evaluateWhen(when, {}), false);
  });
});

describe('package.json settings', () => {
  const settings = manifest.contributes.configuration.properties;
  it('every setting has a scope and a distinct order', () => {
    const orders = Object.entries(settings).map(([key, s]) => {
      assert.ok(['application', 'machine', 'machine-overridable', 'window', 'resource', 'language-overridable'].includes(s.scope ?? ''), `${key} scope ${s.scope}`);
      assert.equal(typeof s.order, 'number', `${key} order`);
      return s.order;
    });
    assert.equal(new Set(orders).size, orders.length);
  });
  it('the settings read per document are resource-scoped (a folder may set its own)', () => {
    for (const key of ['dynamodbDesigner.configFiles', 'dynamodbDesigner.validation.advice']) { assert.equal(settings[key]?.scope, 'resource', key); }
  });
  it('a value that needs an example has a markdown description with one', () => {
    for (const key of ['dynamodbDesigner.connections', 'dynamodbDesigner.regions', 'dynamodbDesigner.configFiles', 'dynamodbDesigner.filterTables']) {
      assert.match(localized(settings[key]?.markdownDescription) ?? '', /`[^`]+`/, key);
    }
  });
  it('the connections (signed with the user\'s credentials) are restricted in untrusted workspaces', () => {
    const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [];
    assert.ok(restricted.includes('dynamodbDesigner.connections'));
    for (const key of restricted) { assert.ok(settings[key], `${key} is a contributed setting`); }
  });
});

describe('package.json languages and schemas', () => {
  it('claims .toml files without taking Cargo.lock, Pipfile or uv.lock', () => {
    const toml = manifest.contributes.languages.find(l => l.id === 'toml')!;
    assert.deepEqual(toml.extensions, ['.toml']);
    assert.equal(toml.filenamePatterns, undefined);
    for (const name of ['Cargo.lock', 'Pipfile', 'uv.lock']) {
      for (const language of manifest.contributes.languages) { assert.ok(!(language.filenames ?? []).includes(name), `${language.id} takes ${name}`); }
    }
  });
  it('offers the YAML schemas to Red Hat YAML for file names that are clearly table configs, from bundled files', () => {
    const contributions = manifest.contributes.yamlValidation;
    const urls = contributions.map(c => c.url).sort();
    assert.deepEqual(urls, ['./schemas/component.schema.json', './schemas/design-sidecar.json', './schemas/planton.schema.json']);
    for (const c of contributions) {
      assert.ok(existsSync(join(root, c.url)), c.url);
      // The design sidecar of a planton manifest (NAME.design.yaml beside NAME.yaml).
      if (c.url === './schemas/design-sidecar.json') { assert.deepEqual(c.fileMatch, ['*.design.yaml', '*.design.yml']); continue; }
      const dialect = /schemas\/(\w+)\.schema\.json$/.exec(c.url)![1];
      for (const pattern of [c.fileMatch].flat()) { assert.match(pattern, new RegExp(`^\\*\\.dynamodb-${dialect}\\.ya?ml$`), pattern); }
    }
  });
});
