import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { MACRO_FILE_SUFFIX } from '../core/macro/fileName';
import { UsageError } from './io';

export const MACRO_SUFFIX = MACRO_FILE_SUFFIX;

/** Paths as the user typed them relative to the current folder, always with forward slashes. */
export function displayName(file: string, cwd: string): string {
  const rel = path.relative(cwd, file) || path.basename(file);
  return rel.split(path.sep).join('/');
}

/**
 * Every file named on the command line, plus every file ending in one of `suffixes` (default: *.ccmacro.json)
 * below each named folder, skipping node_modules and folders whose name starts with a dot. Sorted.
 */
export async function findMacroFiles(
  targets: string[],
  cwd: string,
  suffixes: readonly string[] = [MACRO_SUFFIX],
): Promise<string[]> {
  const found = new Set<string>();
  for (const target of targets) {
    const abs = path.resolve(cwd, target);
    let stat;
    try {
      stat = await fsp.stat(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new UsageError(`no such file or folder: ${target}`);
      found.add(abs); // a symlink loop, no permission, …: the command reports it for this file in its own words
      continue;
    }
    if (stat.isDirectory()) await walk(abs, found, suffixes);
    else found.add(abs);
  }
  return [...found].sort();
}

async function walk(dir: string, found: Set<string>, suffixes: readonly string[]): Promise<void> {
  let entries;
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch (e) {
    throw new UsageError(`cannot read folder ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      await walk(full, found, suffixes);
    } else if (suffixes.some(x => entry.name.endsWith(x)) && (entry.isFile() || entry.isSymbolicLink())) {
      // Symbolic links count only when they lead to a file (linked folders are not followed: no loops).
      if (
        entry.isSymbolicLink() &&
        !(await fsp.stat(full).then(
          s => s.isFile(),
          () => false,
        ))
      )
        continue;
      found.add(full);
    }
  }
}
