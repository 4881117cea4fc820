import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const sandboxForbidden = [
  { group: ['node:*'], message: 'Workflow code runs in the deterministic sandbox: no Node built-ins.' },
  {
    group: ['@nestjs/*', 'typeorm', 'class-validator', 'class-transformer', 'pg'],
    message: 'Workflows import only @temporalio/workflow, libs/contracts and libs/domain.',
  },
  {
    group: [
      '**/activities/**',
      '**/apps/**',
      '**/libs/persistence/**',
      '**/libs/config/**',
      '@jiebang/*',
      '!@jiebang/contracts',
      '!@jiebang/domain',
      '!@jiebang/activities',
      '@jiebang/*/**',
      '!@jiebang/contracts/**',
      '!@jiebang/domain/**',
    ],
    message: 'Workflows import only @temporalio/workflow, libs/contracts and libs/domain.',
  },
  {
    // The activities' types only, for proxyActivities: erased from the bundle.
    group: ['@jiebang/activities'],
    allowTypeImports: true,
    message: 'Workflows import only the types of the activities (import type).',
  },
  {
    group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity'],
    message: 'Workflows import only @temporalio/workflow.',
  },
];
/** Outside workflows/, a library is imported by its name (tsconfig.paths.json), never by a path into its folder. */
const libraryByName = {
  regex: '^(\\.\\./)+(libs/)?(config|contracts|delivery|devstack|domain|persistence|temporal)/src(/|$)',
  message: 'Import a library by its name: @jiebang/<library>[/<file>] (tsconfig.paths.json).',
};
/** The console and the CLI import libraries only (libs/*), never an app: the API's shapes are in libs/contracts. */
const noApp = {
  group: [
    '@jiebang/api',
    '@jiebang/api/**',
    '**/apps/api/**',
    '@jiebang/workflows',
    '@jiebang/activities',
    '**/workflows/**',
    '**/activities/**',
  ],
  message: 'The console and the CLI import only libraries (libs/*); the HTTP contract is in @jiebang/contracts.',
};
/** The console runs in the browser: no database layer and no Temporal, whose definitions live in @jiebang/contracts/temporal. */
const browserForbidden = {
  group: [
    '@jiebang/persistence',
    '@jiebang/persistence/**',
    '**/libs/persistence/**',
    'typeorm',
    '@jiebang/contracts/temporal',
    '@jiebang/contracts/temporal/**',
    '@temporalio/*',
  ],
  message: 'The console imports neither libs/persistence nor Temporal: its types are in @jiebang/contracts.',
};
const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'http',
  'https',
  'net',
  'os',
  'path',
  'process',
  'readline',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [libraryByName] }] },
  },
  {
    files: ['apps/console/src/**/*.ts', 'apps/console/src/**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [libraryByName, noApp, browserForbidden] }] },
  },
  {
    files: ['apps/cli/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [libraryByName, noApp] }] },
  },
  {
    // Nest resolves constructor parameters from emitted metadata; a type-only import erases it.
    files: ['apps/**/*.ts', 'libs/persistence/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    files: ['workflows/**/*.ts', 'libs/domain/**/*.ts', 'libs/contracts/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: nodeBuiltins, patterns: [...sandboxForbidden, libraryByName] }],
      'no-restricted-globals': ['error', { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' }],
      'no-restricted-properties': [
        'error',
        { object: 'console', property: 'log', message: 'Use log from @temporalio/workflow.' },
      ],
    },
  },
);
