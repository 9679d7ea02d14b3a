/**
 * Activation cost: the size of dist/extension.js (as built, and minified as `npm run package` ships it) and the
 * time to load and activate it in Node against a stand-in `vscode` module, next to loading jsonc-parser
 * (a small library every JSON extension loads) in the same run. Heavy modules must stay out of the bundle.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Module from 'node:module';
import { line } from './util';
import type { BenchReport } from './index';

const ROOT = path.resolve(__dirname, '../..');
const BUNDLE = path.join(ROOT, 'dist', 'extension.js');

/** Code that must never be in the activation bundle (see scripts/build.mjs, dist/lazy/). */
export const HEAVY_MARKERS: Record<string, string> = { undici: 'llhttp', ajv: 'strictSchema' };

export async function run(report: BenchReport): Promise<void> {
  if (!fs.existsSync(BUNDLE)) throw new Error('dist/extension.js is missing: run `node scripts/build.mjs` first');
  const text = fs.readFileSync(BUNDLE, 'utf8');
  const minified = await minifiedSize();
  const jsonc = fs.statSync(require.resolve('jsonc-parser/lib/umd/main.js')).size;
  report(
    `dist/extension.js ${kb(text.length)} (minified for the .vsix: ${minified === undefined ? 'n/a' : kb(minified)}); jsonc-parser's main file ${kb(jsonc)}`,
  );
  const lazy = path.join(ROOT, 'dist', 'lazy');
  if (fs.existsSync(lazy)) {
    report(
      `loaded on first use, not at activation: ${fs
        .readdirSync(lazy)
        .filter(f => f.endsWith('.js'))
        .map(f => `dist/lazy/${f} ${kb(fs.statSync(path.join(lazy, f)).size)}`)
        .join(', ')}`,
    );
  }
  for (const [name, marker] of Object.entries(HEAVY_MARKERS)) {
    report(
      `${name} in the activation bundle: ${text.includes(marker) ? 'YES (target: no) MISSED' : 'no (target: no) met'}`,
    );
  }

  const restore = installFakeVscode();
  try {
    const coldActivate = loadAndActivate();
    const coldBaseline = loadBaseline();
    // Interleave the two so machine load hits both alike; the first (cold) load of each is reported on its own.
    const ext: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < 30; i++) {
      ext.push(loadAndActivate());
      base.push(loadBaseline());
    }
    report(
      line(
        'load + activate dist/extension.js (first, cold)',
        coldActivate,
        'require jsonc-parser (first)',
        coldBaseline,
        { maxMs: 100 },
      ),
    );
    report(
      line('load + activate dist/extension.js (median of 30)', median(ext), 'require jsonc-parser', median(base), {
        maxMs: 50,
      }),
    );
  } finally {
    restore();
  }
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

async function minifiedSize(): Promise<number | undefined> {
  try {
    const esbuild = await import('esbuild');
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-bench-')), 'extension.js');
    // The options `node scripts/build.mjs --production` uses for the extension bundle (lazy modules left out).
    await esbuild.build({
      entryPoints: [path.join(ROOT, 'src/extension/extension.ts')],
      outfile: out,
      bundle: true,
      minify: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode', 'undici', 'ajv'],
      mainFields: ['module', 'main'],
      logLevel: 'silent',
      legalComments: 'none',
      supported: { 'dynamic-import': false },
    });
    const size = fs.statSync(out).size;
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
    return size;
  } catch {
    return undefined;
  }
}

// The stand-ins below are deliberately untyped: they answer any property VS Code's API could be asked for.
/* eslint-disable @typescript-eslint/no-explicit-any */
function freshRequire(file: string): any {
  for (const key of Object.keys(require.cache))
    if (key === file || key.startsWith(path.dirname(file) + path.sep)) delete require.cache[key];
  return require(file);
}

function loadAndActivate(): number {
  const t0 = process.hrtime.bigint();
  const ext = freshRequire(BUNDLE);
  const context = fakeContext();
  ext.activate(context);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  for (const d of context.subscriptions) d?.dispose?.();
  return ms;
}

function loadBaseline(): number {
  const file = require.resolve('jsonc-parser/lib/umd/main.js');
  const t0 = process.hrtime.bigint();
  freshRequire(file);
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

function installFakeVscode(): () => void {
  // esbuild's import interop copies only own keys into a namespace object whose prototype is the module's:
  // a stand-in prototype answers every other name.
  const names = anything();
  const vscode = new Proxy(anything(), { getPrototypeOf: () => names });
  const M = Module as any;
  const originalResolve = M._resolveFilename;
  const originalLoad = M._load;
  M._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? 'vscode' : originalResolve.call(this, request, ...rest);
  };
  M._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? vscode : originalLoad.call(this, request, ...rest);
  };
  return () => {
    M._resolveFilename = originalResolve;
    M._load = originalLoad;
  };
}
