/**
 * The README as the Marketplace and VS Code show it: its screenshots exist, are the UI suite's
 * (SHOWCASE) and small; the README scripts/package.mjs packages without a base address keeps no
 * relative link or image (vsce refuses them, VS Code would show a broken image) and loses nothing
 * else; developer material is in CONTRIBUTING.md.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { repoRoot } from '../../support/paths';

const root = repoRoot();
const readme = readFileSync(join(root, 'README.md'), 'utf8');
// A real dynamic import (TypeScript's CommonJS output would turn `import()` into require(), which cannot load .mjs).
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

const images = (text: string) => [...text.matchAll(/!\[([^\]]*)\]\(([^)\s]+)\)/g)].map(m => ({ alt: m[1], address: m[2] }));
const links = (text: string) => [...text.matchAll(/(?<!!)\[([^\]]+)\]\(([^)\s]+)\)/g)].map(m => m[2]);
const isRelative = (address: string) => !/^[a-z][a-z0-9+.-]*:/i.test(address) && !address.startsWith('#');

describe('README for the Marketplace', () => {
  let packagedReadme: (text: string) => string;
  let showcase: readonly string[];

  before(async () => {
    ({ packagedReadme } = await importModule(join(root, 'scripts/package.mjs')) as { packagedReadme: (text: string) => string });
    // The UI suite's list, read from its source (importing ui.js would start the suite).
    const ui = readFileSync(join(root, 'test/e2e/launch/ui.ts'), 'utf8');
    showcase = [...ui.matchAll(/\{ from: '[^']+', to: '([^']+)'/g)].map(m => `media/screenshots/${m[1]}`);
  });

  it('shows the explorer, details, item browser, a quick-fix, preview and apply: pictures the UI suite makes, each described, each under 200 KB', () => {
    const shown = images(readme);
    assert.deepEqual(shown.map(i => i.address).sort(), [...showcase].sort(), 'every README screenshot comes from the UI suite, and every one it makes is shown');
    for (const name of ['explorer', 'details', 'item-browser', 'quick-fix', 'preview', 'apply']) {
      assert.ok(shown.some(i => i.address === `media/screenshots/${name}.png`), name);
    }
    for (const { alt, address } of shown) {
      assert.ok(alt.length > 20, `${address} has a description (alt text)`);
      const size = statSync(join(root, address)).size;
      assert.ok(size < 200 * 1024, `${address}: ${size} bytes`);
    }
  });

  it('is packaged without relative images or links, and with every other line kept', () => {
    assert.equal(packagedReadme('a [x](https://e.com) [y](docs/y.md) [z](#z)\n\n  ![a picture](media/i.png)\n\n![remote](https://e.com/i.png)\nend'),
      'a [x](https://e.com) y [z](#z)\n\n![remote](https://e.com/i.png)\nend');
    const packaged = packagedReadme(readme);
    assert.deepEqual(images(packaged), []);
    assert.deepEqual(links(packaged).filter(isRelative), []);
    assert.ok(links(packaged).includes('#rules'), 'anchors stay');
    const kept = (text: string) => text.split('\n').filter(line => line.trim() && !/!\[/.test(line)).map(line => line.replace(/(?<!!)\[([^\]]+)\]\(([^)#][^)\s]*)\)/g, (l, label: string, address: string) => (isRelative(address) ? label : l)));
    assert.deepEqual(packaged.split('\n').filter(line => line.trim()), kept(readme));
  });

  it('has the sections a user looks for, and leaves developer material to CONTRIBUTING.md', () => {
    const sections = [...readme.matchAll(/^## (.+)$/gm)].map(m => m[1]);
    for (const section of ['Features', 'Requirements', 'Known issues', 'Privacy', 'Quick start']) { assert.ok(sections.includes(section), section); }
    assert.ok(!sections.includes('Development'));
    assert.match(readme, /\[CONTRIBUTING\.md\]\(CONTRIBUTING\.md\)/);
    const contributing = readFileSync(join(root, 'CONTRIBUTING.md'), 'utf8');
    for (const command of ['npm start', 'npm test', 'npm run bench', 'npm run fuzz', 'npm run package', 'npm run test:ui -- --screenshots']) {
      assert.ok(contributing.includes(command), `CONTRIBUTING.md: ${command}`);
    }
    assert.match(readme.split('## Privacy')[1], /no telemetry/i);
  });
});
