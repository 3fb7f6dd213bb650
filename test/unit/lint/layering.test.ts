/**
 * The layering rules of DESIGN.md are enforced by ESLint: this proves the rules bite (and do not
 * bite where imports are allowed), through ESLint's own API and the project's config.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';
import { repoRoot } from '../../support/paths';

const eslint = new ESLint({ cwd: repoRoot() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter(m => m.ruleId === 'no-restricted-imports').map(m => m.message);
}

describe('lint: layering', () => {
  it("fails a file outside src/vscode/ that imports 'vscode'", async () => {
    for (const file of ['src/dynamo/example.ts', 'src/language/example.ts', 'src/model/example.ts', 'src/cli/example.ts']) {
      const messages = await restrictedImports(file, "import * as vscode from 'vscode';\nexport const x = vscode;\n");
      assert.equal(messages.length, 1, file);
      assert.match(messages[0], /Only src\/vscode\/ and src\/extension\.ts may import 'vscode'/);
    }
  });

  it("also catches require('vscode') and type-only imports outside the layer", async () => {
    const messages = await restrictedImports('src/dynamo/example.ts', "import type { Range } from 'vscode';\nexport type R = Range;\n");
    assert.equal(messages.length, 1);
  });

  it("allows 'vscode' in src/vscode/ and src/extension.ts", async () => {
    assert.deepEqual(await restrictedImports('src/vscode/explorer/example.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n"), []);
    assert.deepEqual(await restrictedImports('src/extension.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n"), []);
  });

  it('keeps webview/ to src/model and plain data', async () => {
    assert.equal((await restrictedImports('webview/example.ts', "import { describeTable } from '../src/dynamo/tables';\nexport const x = describeTable;\n")).length, 1);
    assert.equal((await restrictedImports('webview/example.ts', "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const x = DynamoDBClient;\n")).length, 1);
    assert.equal((await restrictedImports('webview/example.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n")).length, 1);
    assert.deepEqual(await restrictedImports('webview/example.ts', "import type { LiveTable } from '../src/model/live';\nexport type T = LiveTable;\n"), []);
  });

  it('keeps src/model, src/plan, src/items and src/config pure, and src/dynamo out of the language service', async () => {
    for (const file of ['src/plan/example.ts', 'src/items/example.ts', 'src/config/example.ts', 'src/model/example.ts']) {
      assert.equal((await restrictedImports(file, "import { describeTable } from '../dynamo/tables';\nexport const x = describeTable;\n")).length, 1, file);
      assert.equal((await restrictedImports(file, "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).length, 1, file);
      assert.equal((await restrictedImports(file, "import * as vscode from 'vscode';\nexport const x = vscode;\n")).length, 1, file);
      assert.deepEqual(await restrictedImports(file, "import type { LiveTable } from '../model/live';\nexport type T = LiveTable;\n"), [], file);
    }
    assert.equal((await restrictedImports('src/dynamo/example.ts', "import { analyze } from '../language/service';\nexport const x = analyze;\n")).length, 1);
    assert.deepEqual(await restrictedImports('src/dynamo/example.ts', "import { plan } from '../plan/plan';\nexport const x = plan;\n"), []);
  });
});
