// One lint config for the whole workspace; `npm test` runs it before anything else.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '.data/**', 'infra/cdk.out/**', '**/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='scan']",
          message: 'No Scan: serve every access pattern with a Query or GetItem.',
        },
        {
          selector: "NewExpression[callee.name='ScanCommand']",
          message: 'No Scan: serve every access pattern with a Query or GetItem.',
        },
      ],
    },
  },
  {
    // The rules package is pure: no AWS, no network, no clock.
    files: ['packages/domain/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '@aws-sdk/*',
            'aws-*',
            'node:http',
            'node:https',
            'node:net',
            'node:fs',
            '@weibao/store',
            '@weibao/local',
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Time is an argument in the rules package.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Time is an argument in the rules package.',
        },
      ],
    },
  },
);
