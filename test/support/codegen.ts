/**
 * Helpers for the generated-code tests: a scratch folder inside the repository's out/ (so the
 * generated module resolves the project's node_modules: @aws-sdk/*, @types/node), and a strict
 * type check of a generated TypeScript file with the typescript API.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { repoRoot } from './paths';

/** A new empty folder under out/codegen-scratch/; remove it with `rmSync(dir, { recursive: true })`. */
export function scratchDir(): string {
  const base = join(repoRoot(), 'out', 'codegen-scratch');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, 'gen-'));
}

/** Errors of `tsc --strict --noEmit` on the files, as `file:line: message` lines. */
export function strictTypeErrors(files: readonly string[]): string[] {
  const program = ts.createProgram([...files], {
    strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10,
    types: ['node'], esModuleInterop: true, skipLibCheck: true, noUnusedLocals: true, noImplicitReturns: true,
  });
  return ts.getPreEmitDiagnostics(program).map(d => {
    const where = d.file && d.start !== undefined ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : '';
    return `${where}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

/** The generated module as CommonJS JavaScript (to require it in a test). */
export function transpile(source: string): string {
  return ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true } }).outputText;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
