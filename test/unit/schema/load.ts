/** Test helpers: the plain value of the dialect examples and fixtures (parsed with the libraries directly). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getStaticTOMLValue, parseTOML } from 'toml-eslint-parser';
import { parse as parseYaml } from 'yaml';
import type { Dialect } from '../../../src/model/spec';
import { repoRoot } from '../../support/paths';

export const EXAMPLE_FILES: Readonly<Record<Dialect, string>> = {
  genesys: 'genesys.toml',
  planton: 'planton.yaml',
  component: 'component.yaml',
  cloudformation: 'cloudformation.yaml',
};

export function parseText(text: string, file: string): unknown {
  return file.endsWith('.toml') ? getStaticTOMLValue(parseTOML(text)) : parseYaml(text);
}

/** A fresh copy of the example's plain value (safe to mutate). */
const parsed = new Map<Dialect, unknown>();
export function example(dialect: Dialect): Record<string, unknown> {
  let value = parsed.get(dialect);
  if (value === undefined) {
    const file = EXAMPLE_FILES[dialect];
    value = parseText(readFileSync(join(repoRoot(), 'examples', file), 'utf8'), file);
    parsed.set(dialect, value);
  }
  return structuredClone(value) as Record<string, unknown>;
}

export function fixture(name: string): unknown {
  return parseText(readFileSync(join(repoRoot(), 'test', 'fixtures', 'schema', name), 'utf8'), name);
}

/** Navigates a plain value for mutation in tests. */
export function at(root: unknown, ...path: (string | number)[]): Record<string, unknown> {
  let node = root;
  for (const segment of path) { node = (node as Record<string | number, unknown>)[segment]; }
  if (typeof node !== 'object' || node === null) { throw new Error(`no object at ${path.join('/')}`); }
  return node as Record<string, unknown>;
}
