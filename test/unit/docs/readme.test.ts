/** The README's Rules section lists every rule of the catalogue, with the anchor diagnostics link to. */
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../../src/language/rules/catalogue';
import { repoRoot } from '../../support/paths';

const readme = readFileSync(join(repoRoot(), 'README.md'), 'utf8');

describe('README', () => {
  it('has an anchored row for every rule, and no row for a rule that does not exist', () => {
    const anchors = [...readme.matchAll(/<a id="rule-([a-z0-9-]+)"><\/a>/g)].map(m => m[1]);
    assert.deepEqual([...anchors].sort(), RULES.map(r => r.id).sort());
  });

  it('has exactly two Quick start commands', () => {
    const quick = readme.split('## Quick start')[1].split('\n## ')[0];
    const commands = [...quick.matchAll(/```sh\n([^`]+)```/g)].map(m => m[1].trim());
    assert.deepEqual(commands, ['npm install && npm start', 'npm test']);
  });

  it('CONTRIBUTING.md describes every folder of src/ in its layout, and no folder that does not exist', () => {
    const contributing = readFileSync(join(repoRoot(), 'CONTRIBUTING.md'), 'utf8');
    const layout = contributing.split('Layout (a line per folder):')[1].split('\n## ')[0];
    const named = [...layout.matchAll(/^- `src\/([a-z]+)\/`/gm)].map(m => m[1]);
    const folders = readdirSync(join(repoRoot(), 'src'), { withFileTypes: true }).filter(d => d.isDirectory()).map(d => d.name);
    assert.deepEqual([...named].sort(), [...folders].sort());
    // The language service's folders, as indented lines under src/language/.
    const language = readdirSync(join(repoRoot(), 'src', 'language'), { withFileTypes: true }).filter(d => d.isDirectory()).map(d => d.name);
    const sub = [...layout.matchAll(/^ {2}- `([a-z]+)\/`/gm)].map(m => m[1]);
    assert.deepEqual([...sub].sort(), [...language].sort());
  });
});
