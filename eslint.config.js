// One lint config for the whole workspace; `npm test` runs it before anything else.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// `import { z } from 'zod'` makes esbuild keep zod's whole namespace, every locale included
// (~370 KiB more in each Lambda bundle); `import * as z from 'zod'` keeps only what is used.
const namedZodImport = {
  selector:
    "ImportDeclaration[source.value='zod'][importKind='value'] > :matches(ImportSpecifier[imported.name='z'], ImportDefaultSpecifier)",
  message: "Write `import * as z from 'zod'`: the named import bundles all of zod's locales.",
};

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
        namedZodImport,
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
        namedZodImport,
      ],
    },
  },
  {
    // The SPA takes the route table's types, never its code: zod and the rules stay out of the
    // browser bundle (tests may load the table to compare with it).
    files: ['web/src/**/*.{ts,tsx}'],
    ignores: ['web/src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@weibao/api', '@weibao/api/*', 'zod'],
              allowTypeImports: true,
              message: 'Import only types from the route table in the SPA.',
            },
            {
              // The index and these files carry zod schemas; import the pure rule files directly.
              regex: '^@weibao/domain(/(money|contract))?$',
              allowTypeImports: true,
              message:
                'Import a zod-free rule file (e.g. @weibao/domain/evaluations/evaluation-rating), not one that pulls zod into the bundle.',
            },
          ],
        },
      ],
    },
  },
);
