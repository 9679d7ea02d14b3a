/**
 * Activation cost of what the .vsix ships: a production build (`node scripts/build.mjs --production`, minified, into
 * a temporary folder) of dist/extension.js — its size, and the time to load and activate it in Node against a
 * stand-in `vscode` module, next to requiring jsonc-parser (a small library every JSON extension loads) in the
 * same run. Targets: the activation bundle at most 100 KB, load + activate under 10 ms (median).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Module from 'node:module';
import { line } from './util';
import type { BenchReport } from './index';

const ROOT = path.resolve(__dirname, '../..');
const MAX_BUNDLE_KB = 100;

export async function run(report: BenchReport): Promise<void> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-bench-dist-'));
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--production', '--outdir', out], {
      cwd: ROOT,
    });
    const bundle = path.join(out, 'extension.js');
    const size = fs.statSync(bundle).size / 1024;
    const jsonc = fs.statSync(require.resolve('jsonc-parser/lib/umd/main.js')).size / 1024;
    report(
      `activation bundle (dist/extension.js, production) ${size.toFixed(1)} KB  vs jsonc-parser's main file ${jsonc.toFixed(1)} KB` +
        `  target <=${MAX_BUNDLE_KB} KB: ${size <= MAX_BUNDLE_KB ? 'met' : 'MISSED'}`,
    );
    const lazy = path.join(out, 'lazy');
    report(
      `loaded on first use, not at activation: ${fs
        .readdirSync(lazy)
        .filter(f => f.endsWith('.js'))
        .map(f => `lazy/${f} ${(fs.statSync(path.join(lazy, f)).size / 1024).toFixed(1)} KB`)
        .join(', ')}`,
    );

    const restore = installFakeVscode();
    try {
      const coldActivate = loadAndActivate(bundle);
      const coldBaseline = loadBaseline();
      // Interleave the two so machine load hits both alike; the first (cold) load of each is reported on its own.
      const ext: number[] = [];
      const base: number[] = [];
      for (let i = 0; i < 30; i++) {
        ext.push(loadAndActivate(bundle));
        base.push(loadBaseline());
      }
      report(
        line('load + activate extension.js (first, cold)', coldActivate, 'require jsonc-parser (first)', coldBaseline),
      );
      report(
        line('load + activate extension.js (median of 30)', median(ext), 'require jsonc-parser', median(base), {
          maxMs: 10,
        }),
      );
    } finally {
      restore();
    }
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
function freshRequire(file: string): any {
  for (const key of Object.keys(require.cache))
    if (key === file || key.startsWith(path.dirname(file) + path.sep)) delete require.cache[key];
  return require(file);
}

function loadAndActivate(bundle: string): number {
  const t0 = process.hrtime.bigint();
  const ext = freshRequire(bundle);
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
