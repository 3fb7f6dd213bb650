// ESLint (flat config). Besides the recommended TypeScript rules, it enforces the layering of
// DESIGN.md: only src/vscode/ and src/extension.ts import 'vscode', and webview/ imports no src/
// runtime code but the model types.
import tseslint from 'typescript-eslint';

const vscodeOnlyInVscodeLayer = {
  paths: [{ name: 'vscode', message: "Only src/vscode/ and src/extension.ts may import 'vscode' (DESIGN.md): declare a small type instead." }],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'e2e-out/**', 'bench-out/**', '**/*.mjs', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'No default exports (DESIGN.md).' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/vscode/**', 'src/extension.ts'],
    rules: { 'no-restricted-imports': ['error', vscodeOnlyInVscodeLayer] },
  },
  {
    // Pure modules (DESIGN.md Layout): no I/O, no server, no process, no editor.
    files: ['src/model/**/*.ts', 'src/plan/**/*.ts', 'src/items/**/*.ts', 'src/config/**/*.ts', 'src/design/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          ...vscodeOnlyInVscodeLayer.paths,
          ...['fs', 'fs/promises', 'child_process', 'net', 'http', 'https'].flatMap(m => [m, `node:${m}`]).map(name => ({
            name, message: 'src/model, src/plan, src/items and src/config are pure (DESIGN.md): I/O belongs in src/dynamo/.',
          })),
        ],
        patterns: [{
          regex: '(^|/)(dynamo|vscode|cli)/',
          message: 'src/model, src/plan, src/items and src/config are pure (DESIGN.md): they import no src/dynamo, src/vscode or src/cli.',
        }],
      }],
    },
  },
  {
    files: ['src/dynamo/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: vscodeOnlyInVscodeLayer.paths,
        patterns: [{ regex: '(^|/)language/', message: 'src/dynamo/ talks to servers, files and processes; the language service is not its business (DESIGN.md).' }],
      }],
    },
  },
  {
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: vscodeOnlyInVscodeLayer.paths,
        patterns: [{
          regex: '^(\\.\\./)+src/(?!model/)',
          message: 'webview/ may import only src/model (types) and webview/protocol.ts (DESIGN.md).',
        }, {
          regex: '^@aws-sdk/',
          message: 'No SDK objects cross into the webview: only plain data (DESIGN.md).',
        }],
      }],
    },
  },
);
