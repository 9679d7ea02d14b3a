// ESLint keeps the architecture, not only the style: the core and the CLI never import `vscode` (not even through
// import() or require), core folders depend on each other in one direction only (see LAYERS) and every core file
// sits in one of them, nothing outside a target's folder reaches into it (only the registries do), no module imports
// itself back in a cycle, the extension and the CLI reach the core through its service (CORE_API,
// PURE_CORE_MODULES), the webview imports only its own modules and core types, no promise is left floating, and no
// `.only` reaches a commit. test/unit/build/lint.test.ts shows each rule failing on a throwaway file.
import fs from 'node:fs';
import path from 'node:path';
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
  // The project's settings (.ccmacro/config.json): the tag syntax every macro below it is written in.
  ['project'],
  ['macro'],
  ['samples'],
  ['tags', 'returns'],
  ['render'],
  // The environment files and their ${var:NAME} values (the render fills them in through render/types' VarValues).
  ['secrets', 'environments'],
  // One folder per target (targets/<id>/) and the registry (targets/index.ts): built on the render and the macro
  // model; the preview, sending, the receiver, snapshots and checks consult the registry.
  ['targets'],
  ['centercode', 'preview', 'send'],
  ['receiver', 'snapshot'],
  ['check'],
  // Importers of other formats (cURL commands, Postman collections).
  ['import'],
  // The service's method groups (src/core/service/), which src/core/index.ts assembles.
  ['service'],
];

/** Files directly in src/core, outside the concept folders: the service and the host interfaces it is created with. */
const CORE_SERVICE_FILES = ['index.ts', 'host.ts'];

/** Where each target lives: src/core/targets/<id>/, and its drawing module src/webview/targets/<id>.ts (or <id>/). */
const CORE_TARGETS = ['src', 'core', 'targets'];
const WEBVIEW_TARGETS = ['src', 'webview', 'targets'];
/** The registries, which list the targets: the core's (with its type list for the webview) and the webview's. */
const TARGET_REGISTRIES = ['src/core/targets/index.ts', 'src/core/targets/views.ts', 'src/webview/targets/index.ts'];
/** Shared by every drawing module in src/webview/targets/, not a target's. */
const WEBVIEW_TARGETS_SHARED = ['index', 'drawing'];

/**
 * The target a file (or an import's resolved path, with or without `.ts`) belongs to: `{ side: 'core' | 'webview',
 * id }`, or undefined when it is in no target's folder (the registry and the files shared by every target included).
 */
function targetOwning(cwd, file) {
  const rel = path.relative(cwd, file).split(path.sep);
  const under = prefix => prefix.every((p, i) => rel[i] === p) && rel.length > prefix.length;
  if (under(CORE_TARGETS)) {
    const id = rel[CORE_TARGETS.length];
    const folder = path.join(cwd, ...CORE_TARGETS, id);
    return fs.existsSync(folder) && fs.statSync(folder).isDirectory() ? { side: 'core', id } : undefined;
  }
  if (under(WEBVIEW_TARGETS)) {
    const id = rel[WEBVIEW_TARGETS.length].replace(/\.ts$/, '');
    return WEBVIEW_TARGETS_SHARED.includes(id) ? undefined : { side: 'webview', id };
  }
  return undefined;
}

/**
 * Rules of this repository that no plug-in has. `core-layer`: a file under src/core must sit in a folder of LAYERS
 * (or be one of CORE_SERVICE_FILES), so a new concept folder is placed in the order before it can import anything.
 * `target-internals`: a target's folder (src/core/targets/<id>/) is reached from outside only through the registry
 * (src/core/targets/index.ts); the one other way in is the webview's drawing module for the same target, which takes
 * its view types.
 */
const ccmacroPlugin = {
  rules: {
    'core-layer': {
      meta: {
        type: 'problem',
        schema: [
          {
            type: 'object',
            properties: { folders: { type: 'array' }, files: { type: 'array' } },
            additionalProperties: false,
          },
        ],
        messages: {
          folder: 'src/core/{{folder}}/ is in no layer: add "{{folder}}" to LAYERS in eslint.config.mjs.',
          file: 'src/core/{{file}} is in no layer: move it into a concept folder of LAYERS (eslint.config.mjs).',
        },
      },
      create(context) {
        const { folders = [], files = [] } = context.options[0] ?? {};
        const rel = path.relative(path.join(context.cwd, 'src', 'core'), context.physicalFilename).split(path.sep);
        if (rel[0] === '..') return {};
        return {
          Program(node) {
            if (rel.length === 1 && !files.includes(rel[0]))
              context.report({ node, messageId: 'file', data: { file: rel[0] } });
            else if (rel.length > 1 && !folders.includes(rel[0]))
              context.report({ node, messageId: 'folder', data: { folder: rel[0] } });
          },
        };
      },
    },
    'target-internals': {
      meta: {
        type: 'problem',
        schema: [],
        messages: {
          internal:
            "{{file}} reaches into the {{id}} target's folder ({{source}}): outside src/core/targets/{{id}}/ and its drawing module, go through the registry (src/core/targets/index.ts).",
        },
      },
      create(context) {
        const file = context.physicalFilename;
        const rel = path.relative(context.cwd, file).split(path.sep).join('/');
        if (TARGET_REGISTRIES.includes(rel)) return {};
        const mine = targetOwning(context.cwd, file);
        const check = (node, source) => {
          if (typeof source !== 'string' || !source.startsWith('.')) return;
          const theirs = targetOwning(context.cwd, path.resolve(path.dirname(file), source));
          // A target's own folder, and its drawing module reading the target's view types, are inside the target.
          if (!theirs || theirs.id === mine?.id) return;
          context.report({ node, messageId: 'internal', data: { file: rel, id: theirs.id, source } });
        };
        return {
          ImportDeclaration: node => check(node, node.source.value),
          ExportNamedDeclaration: node => check(node, node.source?.value),
          ExportAllDeclaration: node => check(node, node.source.value),
          ImportExpression: node => check(node, node.source.type === 'Literal' ? node.source.value : undefined),
        };
      },
    },
  },
};

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
    {
      target: './src/webview',
      from: '.',
      except: ['./src/webview', './src/core', './node_modules'],
      message:
        'The webview only draws: it imports its own modules, packages and core types, never the extension or the CLI.',
    },
  );
  return zones;
}

/**
 * What src/extension and src/cli may import from src/core besides types (`import type` from anywhere is fine): the
 * service (index.ts) and the host interfaces (host.ts), and small pure modules (text positions, problem formatting,
 * Result, control characters, file names, the snapshot file format, the preview's message types …). Everything else is
 * a method of the service, which loads it when first called (CONTRIBUTING.md, "The service is the API").
 */
const CORE_API = ['index', 'host'];
const PURE_CORE_MODULES = [
  'common/arrays',
  'common/controlChars',
  'common/decode',
  'common/problem',
  'common/result',
  'common/slug',
  'common/text',
  'common/tree',
  'common/uriPath',
  'common/urlHost',
  'environments/names',
  'environments/newFile',
  'macro/fileName',
  // The two tag syntaxes' descriptors and where a project's config file lives: constants, no I/O.
  'project/files',
  'project/tagSyntax',
  'macro/model',
  'preview/messages',
  'samples/describe',
  'samples/key',
  'samples/reach',
  'send/summary',
  'send/types',
  'snapshot/format',
];
/** Pure modules only the CLI imports: their packages (jsdiff) stay out of the extension. */
const CLI_PURE_CORE_MODULES = ['snapshot/diff'];

function throughTheService(allowed) {
  return {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `(^|/)core/(?!(${allowed.join('|')})$)`,
            allowTypeImports: true,
            message:
              'Reach src/core through its service (createCcmacroService, src/core/index.ts): only types and the pure modules of PURE_CORE_MODULES (eslint.config.mjs) are imported directly.',
          },
        ],
      },
    ],
  };
}

/** The service loads the core's parts on first use; an import() of a core module elsewhere would go around it. */
const noCoreImportExpression = {
  selector: 'ImportExpression[source.value=/(^|\\/)core(\\/|$)/]',
  message:
    'Only the service loads parts of src/core on first use: call its method instead of import()ing a core module.',
};

/** Syntax no file of src/ may use: work grows linearly with input and nothing overflows the stack on a big file. */
const noSpreadIntoArguments = [
  // Spreading a list into arguments puts every item on the stack (130,000 problems: "Maximum call stack size exceeded").
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
];

const VSCODE_MESSAGE =
  'Only src/extension talks to VS Code; src/core, src/cli and src/webview stay plain Node or browser code.';
/** `vscode` outside src/extension, in every form; `extra`: more syntax the folder may not use. */
const noVscode = (extra = []) => ({
  'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: VSCODE_MESSAGE }] }],
  // The same for the forms an import statement rule does not see: import('vscode'), require('vscode'),
  // `import x = require('vscode')` and the type `import('vscode').Uri`.
  'no-restricted-syntax': [
    'error',
    ...[
      "ImportExpression[source.value='vscode']",
      "CallExpression[callee.name='require'][arguments.0.value='vscode']",
      "TSExternalModuleReference[expression.value='vscode']",
      "TSImportType[argument.literal.value='vscode']",
    ].map(selector => ({ selector, message: VSCODE_MESSAGE })),
    ...noSpreadIntoArguments,
    ...extra,
  ],
});

/** The webview (browser code, drawing only) may take types from the core, never its code. */
const webviewImports = {
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          regex: '(^|/)core(/|$)',
          allowTypeImports: true,
          message: 'src/webview takes only types from src/core (`import type`); the host sends it everything it draws.',
        },
      ],
    },
  ],
};

/** A committed `.only` would run one test and report success. mocha's forbidOnly catches it at run time too. */
const noOnly = {
  'no-restricted-properties': [
    'error',
    ...['describe', 'context', 'it', 'specify', 'suite', 'test'].map(object => ({
      object,
      property: 'only',
      message: '`.only` runs a part of the suite and reports it as the whole: remove it before committing.',
    })),
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
    plugins: { 'import-x': importX, ccmacro: ccmacroPlugin },
    // Type information for the promise rules: each file's nearest tsconfig.json (src/webview has its own).
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: layerZones(), basePath: import.meta.dirname }],
      'import-x/no-self-import': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // A promise nobody awaits loses its error: await it, or write `void` where fire-and-forget is meant.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
      // Control characters are what this code escapes, masks and refuses: its patterns must name them.
      'no-control-regex': 'off',
    },
  },
  { files: ['src/core/**/*.ts', 'src/webview/**/*.ts'], rules: noVscode() },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      ...noVscode([noCoreImportExpression]),
      ...throughTheService([...CORE_API, ...PURE_CORE_MODULES, ...CLI_PURE_CORE_MODULES]),
    },
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', noCoreImportExpression],
      ...throughTheService([...CORE_API, ...PURE_CORE_MODULES]),
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: { 'ccmacro/core-layer': ['error', { folders: LAYERS.flat(), files: CORE_SERVICE_FILES }] },
  },
  { files: ['src/**/*.ts'], rules: { 'ccmacro/target-internals': 'error' } },
  { files: ['src/webview/**/*.ts'], rules: webviewImports },
  { files: ['test/**/*.ts'], rules: noOnly },
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
