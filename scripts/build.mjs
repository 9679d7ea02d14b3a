// The bundles: the extension (ES modules split into chunks, each module of the core emitted once), the CLI (one
// CommonJS file), the webview scripts, and for the unit tests the Teams card library in a form Node can require.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { activationInputs, checkExtensionBuild } from './buildGuards.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// --outdir DIR: build into DIR instead of dist/ (the benchmark measures a production build there).
const outIndex = process.argv.indexOf('--outdir');
const out = outIndex > 0 ? process.argv[outIndex + 1] : 'dist';
// Where the extension's files are, as the metafile names them (relative to the repository).
const outRelative = path.relative(root, path.resolve(root, out));
// --cli-only: just dist/cli.js (what the npm package ships; `npm pack` runs this as prepack).
const cliOnly = process.argv.includes('--cli-only');
const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;

const common = {
  absWorkingDir: root,
  bundle: true,
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
  legalComments: 'none',
  // jsonc-parser's "main" is a UMD build whose require('./impl/…') calls esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
};

/**
 * CommonJS packages the extension loads with `import()` (the HTTP client, on the first send). esbuild cannot know a
 * CommonJS module's export names, so it would give the package's chunk a default export only; this plugin names them,
 * read from the package itself, so `await import('undici')` has Agent, ProxyAgent, … as it has in Node.
 */
const CJS_IMPORTED = ['undici'];
const namedCjsExports = {
  name: 'named-cjs-exports',
  setup(build) {
    const load = createRequire(path.join(root, 'package.json'));
    build.onResolve({ filter: new RegExp(`^(${CJS_IMPORTED.join('|')})$`) }, args =>
      args.kind === 'dynamic-import' ? { path: args.path, namespace: 'named-cjs-exports' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'named-cjs-exports' }, args => {
      const names = Object.keys(load(args.path)).filter(n => /^[A-Za-z_$][\w$]*$/.test(n) && n !== 'default');
      return { contents: `export { ${names.join(', ')} } from ${JSON.stringify(args.path)};`, resolveDir: root };
    });
  },
};

/**
 * The extension. VS Code (1.100 and later) loads an extension whose entry is a `.mjs` file as an ES module, and
 * `import 'vscode'` works in it and in every module it imports. With `splitting`, esbuild writes the entry
 * (dist/extension.mjs, what activation loads) and one chunk per `import()` target plus shared chunks
 * (dist/chunks/): every source module is in exactly one file, so each module of the core is loaded once and shared by
 * every feature, however many `import()` lead to it. What activation does not need sits behind an `import()`: the
 * extension's features (send, preview, create, testing) and the service's methods (src/core/index.ts).
 * Bundled CommonJS packages (undici) call require(), which an ES module lacks: the banner gives each file one.
 */
const extension = {
  ...common,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  entryPoints: { extension: 'src/extension/extension.ts' },
  outdir: out,
  splitting: true,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  external: ['vscode'],
  banner: {
    js: "import { createRequire as __ccmacroCreateRequire } from 'node:module'; const require = __ccmacroCreateRequire(import.meta.url);",
  },
  metafile: true,
  plugins: [namedCjsExports],
};

const node = { platform: 'node', format: 'cjs', target: 'node20' };
const builds = [
  extension,
  {
    ...common,
    ...node,
    entryPoints: ['src/cli/index.ts'],
    outfile: `${out}/cli.js`,
    define: { CCMACRO_VERSION: JSON.stringify(version) },
  },
  {
    ...common,
    entryPoints: ['src/webview/preview.ts'],
    outfile: `${out}/webview/preview.js`,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  // The Teams tab's renderer (adaptivecards + markdown-it): its own script, loaded only when that tab is shown.
  {
    ...common,
    entryPoints: ['src/webview/targets/teams/renderer.ts'],
    outfile: `${out}/webview/teams.js`,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];
// Code run from out/ (mocha, `npm run bench`) requires `adaptivecards` from here (test/vendorModules.ts): Node cannot
// load the package itself (its ES modules import files without extensions); esbuild can.
if (!production)
  builds.push({
    ...common,
    ...node,
    entryPoints: ['src/core/targets/teams/adaptiveCards.ts'],
    outfile: 'out/vendor/adaptivecards.js',
  });

if (cliOnly) builds.splice(0, builds.length, ...builds.filter(b => b.outfile === `${out}/cli.js`));
// A chunk renamed or removed must not linger from an earlier build (the guards and the bench read every chunk).
else fs.rmSync(path.resolve(root, out, 'chunks'), { recursive: true, force: true });

/** Writes the extension's metafile next to it (the unit tests and the bench read it) and fails on a broken guard. */
function guard(result) {
  fs.writeFileSync(path.resolve(root, out, 'extension.meta.json'), JSON.stringify(result.metafile));
  return checkExtensionBuild(result.metafile, outRelative);
}

if (watch) {
  // The F5 task (.vscode/tasks.json) waits for these lines: a rebuild starts and finishes.
  let pending = 0;
  const announce = {
    name: 'watch-announce',
    setup(build) {
      build.onStart(() => {
        if (pending++ === 0) console.log('[watch] build started');
      });
      build.onEnd(result => {
        const errors = [...result.errors.map(e => e.text), ...(result.metafile ? guard(result) : [])];
        for (const e of errors) console.log(`✘ [ERROR] ${e}`);
        if (--pending === 0) console.log('[watch] build finished');
      });
    },
  };
  for (const b of builds) await (await esbuild.context({ ...b, plugins: [...(b.plugins ?? []), announce] })).watch();
} else {
  const results = await Promise.all(builds.map(b => esbuild.build(b)));
  if (!cliOnly) {
    const errors = guard(results[0]);
    if (errors.length) {
      for (const e of errors) console.error(`✘ ${e}`);
      process.exit(1);
    }
  }
  if (process.argv.includes('--report') && !cliOnly) {
    const { metafile } = results[0];
    const activation = activationInputs(metafile, outRelative);
    console.log(`activation: ${activation.files.join(' + ')} = ${activation.bytes} bytes`);
    for (const [file, o] of Object.entries(metafile.outputs))
      if (file.endsWith('.mjs')) console.log(`${path.relative(outRelative, file)} ${o.bytes} bytes`);
  }
}
