import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../root';

let packed: string | undefined;

/** `npm` with quiet output; returns stdout. */
export function npm(args: string[], cwd: string): string {
  return execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8' });
}

/**
 * The package as `npm pack` makes it (its prepack build included), packed once per test run from a copy of this
 * checkout so the build does not touch its dist/. Returns the .tgz path (removed when the process exits).
 */
export function packTarball(): string {
  if (packed) return packed;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-pack-'));
  process.on('exit', () => fs.rmSync(work, { recursive: true, force: true }));
  const copy = path.join(work, 'repo');
  const skip = new Set(['node_modules', 'out', 'dist', '.vscode-test', 'test-artifacts', '.git']);
  fs.cpSync(REPO_ROOT, copy, { recursive: true, filter: src => !skip.has(path.basename(src)) });
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  const name = npm(['pack', '--pack-destination', work], copy).trim().split('\n').pop()!;
  packed = path.join(work, name);
  return packed;
}
