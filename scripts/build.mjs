// One esbuild bundle per entry point: the extension, the CLI, and the webview script.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
  legalComments: 'none',
  // jsonc-parser's "main" is a UMD build whose require('./impl/…') calls esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
};

// Heavy modules the extension needs only on first use (HTTP client, schema compiler) are bundled on their own
// into dist/lazy/NAME.js and reached through `await import('NAME')`, so activation never parses them.
// A static import of one in extension code would put it back on the activation path: that fails the build.
const LAZY_IN_EXTENSION = ['undici', 'ajv'];
const lazyChunks = {
  name: 'lazy-chunks',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^(${LAZY_IN_EXTENSION.join('|')})$`) }, args =>
      args.kind === 'dynamic-import'
        ? { path: `./lazy/${args.path}.js`, external: true }
        : {
            errors: [
              {
                text: `"${args.path}" must stay off the activation path: load it with await import('${args.path}') where it is used`,
              },
            ],
          },
    );
  },
};

const builds = [
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [lazyChunks],
    // import() of a lazy chunk becomes require() inside a promise: the chunk's named exports then work as with a bundled module.
    supported: { 'dynamic-import': false },
  },
  ...LAZY_IN_EXTENSION.map(name => ({
    ...common,
    stdin: {
      contents: `module.exports = require(${JSON.stringify(name)});`,
      resolveDir: '.',
      sourcefile: `lazy-${name}.js`,
    },
    outfile: `dist/lazy/${name}.js`,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  })),
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
];
if (process.env.CCMACRO_WEBVIEW !== '0') {
  try {
    await import('node:fs').then(fs => fs.accessSync('src/webview/preview.ts'));
    builds.push({
      ...common,
      entryPoints: ['src/webview/preview.ts'],
      outfile: 'dist/webview/preview.js',
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
    });
  } catch {
    /* no webview yet */
  }
}

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map(b => esbuild.build(b)));
}
