/** Loads a TextMate grammar of syntaxes/ with the engine VS Code uses (vscode-textmate + oniguruma wasm). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INITIAL, Registry, parseRawGrammar, type IGrammar } from 'vscode-textmate';
import { OnigScanner, OnigString, loadWASM } from 'vscode-oniguruma';
import { repoRoot } from '../../support/paths';

export interface Tok {
  /** 0-based line */
  line: number;
  start: number;
  end: number;
  text: string;
  scopes: string[];
}

let wasmLoaded: Promise<void> | undefined;

export async function loadGrammar(file: string, scopeName: string): Promise<IGrammar> {
  const root = repoRoot();
  wasmLoaded ??= (async () => {
    const wasm = readFileSync(join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  })();
  await wasmLoaded;
  const path = join(root, 'syntaxes', file);
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new OnigScanner(patterns),
      createOnigString: (s: string) => new OnigString(s),
    }),
    loadGrammar: async (name: string) => (name === scopeName ? parseRawGrammar(readFileSync(path, 'utf8'), path) : null),
  });
  const loaded = await registry.loadGrammar(scopeName);
  if (!loaded) { throw new Error(`grammar ${scopeName} not loaded from ${path}`); }
  return loaded;
}

export function tokenize(grammar: IGrammar, text: string): Tok[] {
  const out: Tok[] = [];
  let stack = INITIAL;
  text.split(/\r?\n/).forEach((lineText, line) => {
    const result = grammar.tokenizeLine(lineText, stack);
    stack = result.ruleStack;
    for (const t of result.tokens) {
      const end = Math.min(t.endIndex, lineText.length);
      out.push({ line, start: t.startIndex, end, text: lineText.slice(t.startIndex, end), scopes: t.scopes });
    }
  });
  return out;
}

/** Every regular expression (match, begin, end, while) of a grammar file of syntaxes/. */
export function grammarRegexes(file: string): string[] {
  const raw: unknown = JSON.parse(readFileSync(join(repoRoot(), 'syntaxes', file), 'utf8'));
  const regexes: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) { v.forEach(walk); return; }
    if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if ((k === 'match' || k === 'begin' || k === 'end' || k === 'while') && typeof child === 'string') { regexes.push(child); } else { walk(child); }
      }
    }
  };
  walk(raw);
  return regexes;
}

/** Whether oniguruma compiles the regex (call after loadGrammar). */
export function compiles(re: string): boolean {
  try { new OnigScanner([re]).dispose(); return true; } catch { return false; }
}
