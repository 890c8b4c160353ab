// ESLint gate: typescript-eslint with type information, the React hooks rules
// for the UI, and the architecture's layers as import rules. `npm run check`
// runs it (with tsc and Prettier) before the tests; any error fails `npm test`.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Libraries that tie code to a screen or to a live document. */
const FRAMEWORKS = [
  'react',
  'react/*',
  'react-dom',
  'react-dom/*',
  '@xyflow/*',
  'zustand',
  'zustand/*',
  'lucide-react',
];
const YJS = [
  'yjs',
  'y-protocols',
  'y-protocols/*',
  'y-websocket',
  'y-indexeddb',
  'y-codemirror.next',
  'lib0',
  'lib0/*',
];

/**
 * The pure core (model, linter, estimator, interview core, exports) is plain
 * data in, plain data out: the CLI, the server and the tests run it without a
 * browser or a document.
 */
const pureCore = {
  patterns: [
    { group: [...FRAMEWORKS, ...YJS], message: 'The pure core imports neither React, Yjs nor zustand.' },
    {
      group: ['**/ui', '**/ui/**', '**/sync', '**/sync/**', '**/doc', '**/doc/**'],
      message: 'The pure core never reaches into the UI, the sync layer or the document layout.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'docs/**', 'public/**', 'bench/out/**'],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      // Unused names are errors, except the deliberate `_` ones.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Event handlers in JSX may return promises; React ignores them.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // Y.Text's toString() is its content; the rule cannot see that through Yjs's declarations.
      '@typescript-eslint/no-base-to-string': [
        'error',
        { ignoredTypeNames: ['Error', 'RegExp', 'URL', 'URLSearchParams', 'YText', 'Text'] },
      ],
      // An async method that implements an async interface need not await.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/main.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // The React Compiler's own rules (refs read in render, setState in an
      // effect) are left out: the app is not compiled by it, and its drag path
      // reads the latest nodes through refs on purpose to avoid re-rendering.
    },
  },
  {
    files: [
      'src/board/**/*.ts',
      'src/lint/**/*.ts',
      'src/estimate/**/*.ts',
      'src/interview/**/*.ts',
      'src/export/**/*.ts',
    ],
    rules: { 'no-restricted-imports': ['error', pureCore] },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/main.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...YJS, '**/doc', '**/doc/**'],
              message:
                'The UI reaches the document only through the editing API (src/sync), never Yjs or the doc layout.',
            },
          ],
        },
      ],
      // A document handed to the UI (the private notes, the replay's copy) is still read
      // through src/sync: a top-level type's name is the doc layout, which the UI never spells.
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.property.name=/^get(Map|Text|Array|XmlFragment|XmlElement)$/][arguments.0.type='Literal']",
          message: 'The UI reads a top-level shared type through src/sync (e.g. pinsOf), never by its name.',
        },
      ],
    },
  },
  {
    // The private document's types (interviewer notes, scorecard: not the board) and the
    // CodeMirror adapter, which binds a shared text handle from the editing API.
    files: [
      'src/ui/board/board-context.ts',
      'src/ui/common/useObserved.ts',
      'src/ui/export/report.ts',
      'src/ui/interview/CollabText.tsx',
    ],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The editing API and the document binding are plain classes: the UI wraps them in
    // thin hooks, and the tests drive them without a screen. React Flow's types are allowed.
    files: ['src/sync/**/*.ts'],
    ignores: ['src/sync/**/*.test.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react/*', 'react-dom', 'react-dom/*', '@xyflow/react', 'lucide-react'],
              allowTypeImports: true,
              message: 'src/sync runs without React: hooks over it live in src/ui (types may be imported).',
            },
            { group: ['**/ui', '**/ui/**'], message: 'src/sync never reaches into the UI.' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: FRAMEWORKS, message: 'The server never imports the UI or its libraries.' },
            { group: ['**/src/ui', '**/src/ui/**'], message: 'The server never imports the UI.' },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', 'src/**/*.test.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      // Tests poke at untyped JSON and wire data on purpose.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
