/**
 * designOf(document): the design (entities, access patterns) a config document declares — the
 * ONE place the design view, its CodeLens and the code generator get it from.
 *
 * The config dialects do not read entities and access patterns yet (the `patterns` branch adds
 * them to the language service): until that parser is wired in here, a document's design is
 * empty, except where a test names a design file: the environment variable
 * DYNAMODB_DESIGNER_TEST_DESIGN holds the path of a JSON DesignSpec, read at each call (the e2e
 * suite sets it in the extension host, the UI scenarios in code-server's environment).
 */
import { readFileSync } from 'node:fs';
import type * as vscode from 'vscode';
import type { Analysis } from '../../language/service';
import type { DesignSpec } from '../../model/design';

export const EMPTY_DESIGN: DesignSpec = { entities: [], patterns: [] };

/** The environment variable naming a JSON DesignSpec (tests only, until the parser lands). */
export const TEST_DESIGN_VARIABLE = 'DYNAMODB_DESIGNER_TEST_DESIGN';

function testDesign(): DesignSpec | undefined {
  const path = process.env[TEST_DESIGN_VARIABLE];
  if (!path) { return undefined; }
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<DesignSpec>;
    return Array.isArray(value.entities) && Array.isArray(value.patterns) ? { entities: value.entities, patterns: value.patterns } : undefined;
  } catch {
    return undefined;
  }
}

/** The design the document declares (empty when none); `analysis`: its analysis when the caller has it. */
export function designOf(_document: vscode.TextDocument, _analysis?: Analysis): DesignSpec {
  return testDesign() ?? EMPTY_DESIGN;
}
