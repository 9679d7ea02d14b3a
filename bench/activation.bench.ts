/**
 * Activation cost of what the .vsix ships: a production build (`node scripts/build.mjs --production`, minified, into
 * a temporary folder) of the extension. What activation loads is dist/extension.mjs and the chunks it imports
 * statically (the build's metafile says which): their size, and the time to load them and activate in Node against a
 * stand-in `vscode` module, next to requiring jsonc-parser (a small library every JSON extension loads) in the same
 * run. Targets: what activation loads at most 100 KB, load + activate under 10 ms (median).
 *
 * The window is one the extension activates in without a macro open (activation by `workspaceContains`): no
 * editor, no open document. Each copy holds only the activation files, so activation (and the timers it queues) loading
 * anything else, such as the service's methods chunk, fails the bench, naming the file it loaded.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { importModule } from '../test/importModule';
import { line } from './util';
import type { BenchReport } from './index';

const ROOT = path.resolve(__dirname, '../..');
const MAX_BUNDLE_KB = 100;
const RUNS = 30;

interface Metafile {
  outputs: Record<string, { bytes: number }>;
}
interface Guards {
  activationInputs(meta: Metafile, outdir: string): { files: string[]; bytes: number };
}

export async function run(report: BenchReport): Promise<void> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-bench-dist-'));
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--production', '--outdir', out], {
      cwd: ROOT,
    });
    const meta = JSON.parse(fs.readFileSync(path.join(out, 'extension.meta.json'), 'utf8')) as Metafile;
    const guards = (await importModule(pathToFileURL(path.join(ROOT, 'scripts/buildGuards.mjs')).href)) as Guards;
    // Output names in the metafile are relative to the folder the build ran in.
    const activation = guards.activationInputs(meta, path.relative(ROOT, out));
    const kb = (bytes: number) => (bytes / 1024).toFixed(1);
    const size = activation.bytes / 1024;
    const jsonc = fs.statSync(require.resolve('jsonc-parser/lib/umd/main.js')).size / 1024;
    report(
      `activation (extension.mjs + ${activation.files.length - 1} chunks it imports, production) ${size.toFixed(1)} KB` +
        `  vs jsonc-parser's main file ${jsonc.toFixed(1)} KB  target <=${MAX_BUNDLE_KB} KB: ${size <= MAX_BUNDLE_KB ? 'met' : 'MISSED'}`,
    );
    const rel = (f: string) => path.relative(path.relative(ROOT, out), f);
    report(`  ${activation.files.map(f => `${rel(f)} ${kb(meta.outputs[f].bytes)} KB`).join(', ')}`);
    const later = Object.keys(meta.outputs).filter(f => f.endsWith('.mjs') && !activation.files.includes(f));
    const laterBytes = later.reduce((n, f) => n + meta.outputs[f].bytes, 0);
    const largest = [...later].sort((a, b) => meta.outputs[b].bytes - meta.outputs[a].bytes).slice(0, 6);
    report(
      `loaded on first use, not at activation: ${later.length} chunks, ${kb(laterBytes)} KB; the largest: ` +
        largest.map(f => `${rel(f)} ${kb(meta.outputs[f].bytes)} KB`).join(', '),
    );

    // Node keeps an ES module once per URL: each load reads a fresh copy of what activation loads, whose
    // `import … from "vscode"` names the stand-in (VS Code's extension host answers it with the real API).
    const fake = fakeVscode(out);
    const copies = Array.from({ length: RUNS + 1 }, (_, i) => {
      const dir = path.join(out, `copy-${i}`);
      for (const f of activation.files) {
        const to = path.join(dir, rel(f));
        fs.mkdirSync(path.dirname(to), { recursive: true });
        fs.writeFileSync(to, fs.readFileSync(path.join(ROOT, f), 'utf8').replace(/(from\s*)"vscode"/g, `$1"${fake}"`));
      }
      return pathToFileURL(path.join(dir, 'extension.mjs')).href;
    });
    const strays: string[] = [];
    const onStray = (e: unknown) => {
      const err = e as { code?: string; url?: string; message?: string };
      strays.push(err?.code === 'ERR_MODULE_NOT_FOUND' ? (err.url ?? String(err.message)) : String(err?.message ?? e));
    };
    process.on('unhandledRejection', onStray);
    const coldActivate = await loadAndActivate(copies[0]);
    const coldBaseline = loadBaseline();
    // Interleave the two so machine load hits both alike; the first (cold) load of each is reported on its own.
    const ext: number[] = [];
    const base: number[] = [];
    for (let i = 1; i <= RUNS; i++) {
      ext.push(await loadAndActivate(copies[i]));
      base.push(loadBaseline());
    }
    process.off('unhandledRejection', onStray);
    if (strays.length) {
      process.exitCode = 1;
      const files = [...new Set(strays.map(u => u.replace(/^.*\/copy-\d+\//, '')))];
      report(`activation loaded more than the activation files: ${files.join(', ')}  MISSED`);
      return;
    }
    report(`activation and the timers it queues load only the activation files: met`);
    report(
      line('load + activate extension.mjs (first, cold)', coldActivate, 'require jsonc-parser (first)', coldBaseline),
    );
    report(
      line(`load + activate extension.mjs (median of ${RUNS})`, median(ext), 'require jsonc-parser', median(base), {
        maxMs: 10,
      }),
    );
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

// The stand-ins below are deliberately untyped: they answer any property VS Code's API could be asked for.
/* eslint-disable @typescript-eslint/no-explicit-any */
async function loadAndActivate(url: string): Promise<number> {
  const t0 = process.hrtime.bigint();
  const ext = (await importModule(url)) as any;
  const context = fakeContext();
  ext.activate(context);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  // What activation queued runs now (untimed): an import() of a file the copy lacks is an unhandled rejection.
  await new Promise(resolve => setTimeout(resolve, 20));
  for (const d of context.subscriptions) d?.dispose?.();
  return ms;
}

function loadBaseline(): number {
  const file = require.resolve('jsonc-parser/lib/umd/main.js');
  for (const key of Object.keys(require.cache))
    if (key === file || key.startsWith(path.dirname(file) + path.sep)) delete require.cache[key];
  const t0 = process.hrtime.bigint();
  require(file);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/**
 * A stand-in for the `vscode` module: every property is a callable, constructible no-op that yields more of
 * the same, so activate() can register whatever it registers. It measures our code, not VS Code's.
 */
function anything(): any {
  const cache = new Map<PropertyKey, unknown>();
  const target = function () {} as any;
  return new Proxy(target, {
    get(_t, key) {
      if (key === 'then') return undefined; // not a promise
      if (key === Symbol.toPrimitive) return () => 0;
      if (key === Symbol.iterator) return function* () {};
      if (key === 'prototype') return target.prototype;
      if (!cache.has(key)) cache.set(key, anything());
      return cache.get(key);
    },
    // What activation sets on what VS Code gave it (a status bar item's name, text, command) is kept.
    set(_t, key, value) {
      cache.set(key, value);
      return true;
    },
    apply: () => anything(),
    construct: () => anything(),
  });
}

function fakeContext(): any {
  const subscriptions: Array<{ dispose?: () => void }> = [];
  return new Proxy(anything(), {
    get: (t, key) => (key === 'subscriptions' ? subscriptions : key === 'extensionPath' ? ROOT : t[key]),
  });
}

/**
 * The stand-in as an ES module exporting every name of VS Code's API (read from @types/vscode), written into `dir`;
 * its file URL.
 */
function fakeVscode(dir: string): string {
  const types = fs.readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  const names = [
    ...new Set([...types.matchAll(/^\texport (?:namespace|class|enum|function|const|let|var) (\w+)/gm)].map(m => m[1])),
  ];
  const vscode = anything();
  // A window without an editor or an open document: activation by workspaceContains, before any macro is opened.
  vscode.window.activeTextEditor = undefined;
  vscode.window.visibleTextEditors = [];
  vscode.workspace.textDocuments = [];
  (globalThis as any).__ccmacroBenchVscode = vscode;
  const file = path.join(dir, 'fake-vscode.mjs');
  fs.writeFileSync(
    file,
    `const v = globalThis.__ccmacroBenchVscode;\n${names.map(n => `export const ${n} = v.${n};`).join('\n')}\n`,
  );
  return pathToFileURL(file).href;
}
