// One esbuild bundle per entry point: the extension's activation bundle and its lazy chunks, the CLI, and the
// webview script.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// --outdir DIR: build into DIR instead of dist/ (the benchmark measures a production build there).
const outIndex = process.argv.indexOf('--outdir');
const out = outIndex > 0 ? process.argv[outIndex + 1] : 'dist';
// --cli-only: just dist/cli.js (what the npm package ships; `npm pack` runs this as prepack).
const cliOnly = process.argv.includes('--cli-only');
const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
  legalComments: 'none',
  // jsonc-parser's "main" is a UMD build whose require('./impl/…') calls esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
};

/**
 * What the extension loads only on first use, each bundled on its own into dist/lazy/NAME.js and reached through
 * `await import(…)`, so activation never parses it: packages (the HTTP client, the schema compiler, the Teams card
 * library) and the extension's own features (sending, the preview, creating macros, the sender, the macro schema,
 * the target and Teams card checks, the render check, the catalog quick fix's JSON editing).
 * A static import of one of these would put it back on the activation path: that fails the build.
 */
const LAZY_PACKAGES = ['undici'];
/**
 * Never in the extension: the schema check (its compiler ajv and the schema JSON) runs in the CLI only, because in the
 * editor VS Code's JSON language server checks the contributed schema. The extension's bundles are built with
 * CCMACRO_BUILD=editor, which drops that code (src/core/check/checks.ts); reaching one of these fails the build.
 */
const NOT_IN_EDITOR = ['ajv', path.join(root, 'schemas/ccmacro.schema.json')];
const editor = { define: { 'process.env.CCMACRO_BUILD': '"editor"' } };
const GONE_MARK = 'not-in-the-editor';
const LAZY_MODULES = {
  send: 'src/extension/send/index.ts',
  preview: 'src/extension/preview/index.ts',
  create: 'src/extension/create/index.ts',
  testing: 'src/extension/testing/index.ts',
  sender: 'src/core/send/send.ts',
  targetRender: 'src/core/check/targetRender.ts',
  target: 'src/core/check/target.ts',
  targetFix: 'src/extension/targetFix/index.ts',
  adaptivecards: 'src/core/targets/teams/adaptiveCards.ts',
  adf: 'src/core/targets/jira/adf/check.ts',
  renders: 'src/core/check/renderSamples.ts',
  catalogEdit: 'src/core/tags/catalogEdit.ts',
};
const lazyByFile = new Map(Object.entries(LAZY_MODULES).map(([name, file]) => [path.join(root, file), name]));

function resolveLocal(resolveDir, spec) {
  const base = path.resolve(resolveDir, spec);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** `prefix`: how the bundle being built reaches dist/lazy/ ("./lazy/" from dist/extension.js, "./" from a chunk). */
function lazyChunks(prefix, self) {
  return {
    name: 'lazy-chunks',
    setup(build) {
      build.onResolve({ filter: /^ajv$|ccmacro\.schema\.json$/ }, args => {
        const target = args.path === 'ajv' ? 'ajv' : resolveLocal(args.resolveDir, args.path);
        if (!NOT_IN_EDITOR.includes(target)) return undefined;
        // Resolved even where the editor's build drops the code: left external under a name the build then
        // checks is gone from every bundle (see the end of this script).
        return { path: `./${GONE_MARK}/${path.basename(target)}`, external: true };
      });
      build.onResolve({ filter: new RegExp(`^(${LAZY_PACKAGES.join('|')})$`) }, args =>
        args.kind === 'dynamic-import'
          ? { path: `${prefix}${args.path}.js`, external: true }
          : {
              errors: [
                {
                  text: `"${args.path}" must stay off the activation path: load it with await import('${args.path}') where it is used`,
                },
              ],
            },
      );
      build.onResolve({ filter: /^\./ }, args => {
        const file = resolveLocal(args.resolveDir, args.path);
        const name = file && lazyByFile.get(file);
        if (!name || name === self) return undefined;
        if (args.kind === 'dynamic-import') return { path: `${prefix}${name}.js`, external: true };
        return {
          errors: [
            {
              text: `${path.relative(root, file)} is a lazy chunk ("${name}"): import it with await import(…), not statically`,
            },
          ],
        };
      });
    },
  };
}

const node = { platform: 'node', format: 'cjs', target: 'node20' };
// import() of a lazy chunk becomes require() inside a promise: the chunk's named exports then work as with a bundled module.
const noDynamicImport = { supported: { 'dynamic-import': false } };

const builds = [
  {
    ...common,
    ...node,
    ...noDynamicImport,
    ...editor,
    entryPoints: ['src/extension/extension.ts'],
    outfile: `${out}/extension.js`,
    external: ['vscode'],
    plugins: [lazyChunks('./lazy/')],
    metafile: true,
  },
  ...Object.entries(LAZY_MODULES).map(([name, file]) => ({
    ...common,
    ...node,
    ...noDynamicImport,
    ...(file.endsWith('.json')
      ? {
          stdin: {
            contents: `module.exports = require(${JSON.stringify('./' + file)});`,
            resolveDir: root,
            sourcefile: `lazy-${name}.js`,
          },
        }
      : { entryPoints: [file] }),
    ...editor,
    outfile: `${out}/lazy/${name}.js`,
    external: ['vscode'],
    plugins: [lazyChunks('./', name)],
  })),
  ...LAZY_PACKAGES.map(name => ({
    ...common,
    ...node,
    stdin: {
      contents: `module.exports = require(${JSON.stringify(name)});`,
      resolveDir: '.',
      sourcefile: `lazy-${name}.js`,
    },
    outfile: `${out}/lazy/${name}.js`,
  })),
  {
    ...common,
    ...node,
    entryPoints: ['src/cli/main.ts'],
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

if (cliOnly) builds.splice(0, builds.length, ...builds.filter(b => b.outfile === `${out}/cli.js`));
// A chunk renamed or removed must not linger from an earlier build (a test reads every file in dist/lazy/).
else fs.rmSync(path.join(root, out, 'lazy'), { recursive: true, force: true });

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
        for (const e of result.errors) console.log(`✘ [ERROR] ${e.text}`);
        if (--pending === 0) console.log('[watch] build finished');
      });
    },
  };
  for (const b of builds) await (await esbuild.context({ ...b, plugins: [...(b.plugins ?? []), announce] })).watch();
} else {
  await Promise.all(builds.map(b => esbuild.build(b)));
  const extensionBundles = builds.filter(b => b.define === editor.define).map(b => b.outfile);
  const stale = extensionBundles.filter(f => fs.readFileSync(path.resolve(root, f), 'utf8').includes(GONE_MARK));
  if (stale.length) {
    console.error(
      `${stale.join(', ')} still reach(es) the schema check, ajv or the schema JSON: keep them out of the editor`,
    );
    process.exit(1);
  }
  if (process.argv.includes('--report')) {
    const size = f => fs.statSync(path.resolve(root, out, f)).size;
    console.log(`extension.js ${size('extension.js')} bytes (activation)`);
    for (const name of [...Object.keys(LAZY_MODULES), ...LAZY_PACKAGES])
      console.log(`lazy/${name}.js ${size(`lazy/${name}.js`)} bytes`);
  }
}
