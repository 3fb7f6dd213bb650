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
