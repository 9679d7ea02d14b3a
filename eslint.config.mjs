// ESLint keeps the architecture, not only the style: the core and the CLI never import `vscode`, core folders
// depend on each other in one direction only (see LAYERS), and no module imports itself back in a cycle.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/**
 * src/core's concept folders, lowest first. A folder may import from folders before it, never after it;
 * folders on one line are peers and do not import each other.
 */
const LAYERS = [
  ['common'],
  ['macro'],
  ['samples'],
  ['tags', 'returns'],
  ['render'],
  ['secrets'],
  ['centercode', 'preview', 'send'],
  ['receiver', 'snapshot'],
  ['check'],
];

function layerZones() {
  const zones = [];
  LAYERS.forEach((layer, i) => {
    const above = LAYERS.slice(i + 1).flat();
    for (const folder of layer) {
      const forbidden = [...above, ...layer.filter(f => f !== folder)];
      for (const other of forbidden) {
        zones.push({
          target: `./src/core/${folder}`,
          from: `./src/core/${other}`,
          message: `src/core/${folder} must not depend on src/core/${other} (see LAYERS in eslint.config.mjs).`,
        });
      }
      zones.push({
        target: `./src/core/${folder}`,
        from: './src/core/index.ts',
        message: 'Concept folders do not import the service.',
      });
    }
  });
  zones.push(
    { target: './src/core', from: './src/extension', message: 'The core never imports the VS Code layer.' },
    { target: './src/core', from: './src/cli', message: 'The core never imports the CLI.' },
    { target: './src/cli', from: './src/extension', message: 'The CLI never imports the VS Code layer.' },
    { target: './src', from: './test', message: 'Production code never imports tests or their fakes.' },
  );
  return zones;
}

const noVscode = {
  'no-restricted-imports': [
    'error',
    {
      paths: [
        { name: 'vscode', message: 'Only src/extension talks to VS Code; src/core and src/cli stay plain Node.' },
      ],
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      '.vscode-test/',
      'test-artifacts/',
      'test/host/workspace/',
      'scripts/real-host/run-ext-tests.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: layerZones() }],
      'import-x/no-self-import': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
      // Control characters are what this code escapes, masks and refuses: its patterns must name them.
      'no-control-regex': 'off',
    },
  },
  { files: ['src/core/**/*.ts', 'src/cli/**/*.ts', 'src/webview/**/*.ts'], rules: noVscode },
  // Work grows linearly with input and nothing overflows the stack on a big file: spreading a list into arguments
  // puts every item on the stack (130,000 problems: "Maximum call stack size exceeded").
  {
    files: ['src/core/**/*.ts', 'src/cli/**/*.ts', 'src/webview/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(push|unshift|splice)$/] > SpreadElement',
          message:
            'Spreading a list into push() overflows the stack on large input: use pushAll (src/core/common/arrays.ts).',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name=/^(max|min)$/] > SpreadElement",
          message: 'Spreading a list into Math.max/min overflows the stack on large input: loop over it.',
        },
        {
          selector: "CallExpression[callee.object.name='String'][callee.property.name=/^fromC/] > SpreadElement",
          message:
            'Spreading a list into String.fromCharCode overflows the stack on large input: build the string in chunks.',
        },
      ],
    },
  },
  { files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{js,mjs}'], rules: { 'no-console': 'off' } },
  // Loading compiled test and benchmark files by path, and the CommonJS bin script.
  {
    files: ['bench/**/*.ts', 'test/host/**/*.ts', '**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'readonly',
        __dirname: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
      },
    },
  },
);
