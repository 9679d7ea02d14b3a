import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { atomicTempName, isInsideTree, type FileTree, type PathKind, type PathKindOf } from '../core/common/tree';
import type { FileRead } from '../core/common/decode';
import { fail } from '../core/common/result';
import { outsideRefusal, type SampleReach } from '../core/samples/reach';
import { nodeFileSystem } from './nodeFs';

/**
 * The CLI's side of "never outside the tree, never through a link": which tree a file belongs to, what is at a path
 * (without following links), and atomic writes.
 */

/** What is at a path, without following a symbolic link at its end. */
export const nodePathKind: PathKindOf = async (p: string): Promise<PathKind | undefined> => {
  try {
    const s = await fsp.lstat(p);
    return s.isSymbolicLink() ? 'link' : s.isFile() ? 'file' : s.isDirectory() ? 'folder' : 'other';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? undefined : 'other';
  }
};

/**
 * The trees of one run: for each file, its git repository (the nearest folder at or above it that holds `.git`,
 * looked up by path, never through a link), else the folder the user gave that holds it.
 */
export class Trees {
  private readonly byDir = new Map<string, FileTree>();
  /** `targets`: the paths the user gave, absolute. */
  constructor(private readonly targets: readonly string[]) {}

  async of(file: string): Promise<FileTree> {
    const dir = path.dirname(file);
    let tree = this.byDir.get(dir);
    if (!tree) {
      const repo = await gitTop(dir);
      tree = repo ? { root: repo, name: 'the repository' } : { root: this.given(file), name: 'the folder given' };
      this.byDir.set(dir, tree);
    }
    return tree;
  }

  /** The folder the user gave that holds `file` (a file given stands for its folder). */
  private given(file: string): string {
    for (const t of this.targets) {
      const folder = t === file ? path.dirname(t) : t;
      if (isInsideTree(folder, file)) return folder;
    }
    return path.dirname(file);
  }
}

async function gitTop(dir: string): Promise<string | undefined> {
  for (let d = dir; ; d = path.dirname(d)) {
    if ((await nodePathKind(path.join(d, '.git'))) !== undefined) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

/**
 * Where a run may read files in `tree` (the macro files, their samples and tag catalogs): inside the tree (links
 * resolved on this disk), anywhere when the user passed --allow-outside (or its older name --allow-outside-samples).
 */
export function sampleReach(tree: FileTree, allowOutside: boolean): SampleReach {
  return {
    tree,
    outside: allowOutside ? 'allow' : 'refuse',
    realPath: p => fsp.realpath(p).catch(() => undefined),
  };
}

/** The options that allow reading outside the tree, for node:util parseArgs (--allow-outside-samples: its old name). */
export const ALLOW_OUTSIDE_OPTIONS = {
  'allow-outside': { type: 'boolean' },
  'allow-outside-samples': { type: 'boolean' },
} as const;

/** Did the user allow reading outside the tree? */
export function allowsOutside(values: { 'allow-outside'?: boolean; 'allow-outside-samples'?: boolean }): boolean {
  return !!values['allow-outside'] || !!values['allow-outside-samples'];
}

/** The help line of --allow-outside (validate, test, diff, render, send). */
export const ALLOW_OUTSIDE_HELP = `  --allow-outside
                read files outside the repository (else the folder given) too: macro files,
                samples and .ccmacro/tags.json catalogs that lead outside (.., an absolute path,
                a symbolic link), and catalogs in folders above it; without it such a macro file
                or catalog is an error [file/outside], such a sample one [sample/outside]
                (--allow-outside-samples is its older name)`;

/** A macro file (or catalog) of the run, read only when it lies inside the reach's tree or the reach allows outside. */
export async function readInTree(file: string, reach: SampleReach): Promise<FileRead> {
  const refusal = await outsideRefusal(file, reach);
  return refusal ? fail(refusal) : nodeFileSystem.readFile(file);
}

/**
 * Write `text` to `file` atomically: into a new temporary file in the same folder (created exclusively, so never
 * through a link), then renamed over `file` (a rename replaces a link, never writes through it). A reader sees the
 * old file or the new one, never half of one.
 */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  const temp = await writeTempFile(file, text);
  try {
    await fsp.rename(temp, file);
  } catch (e) {
    await fsp.rm(temp, { force: true });
    throw e;
  }
}

/**
 * The first half of writeFileAtomically: `text` in a new temporary file beside `file` (created exclusively, so never
 * through a link), whose path is returned; renaming it to `file` is the second half. Several files written this way
 * and renamed only when all are written appear together or not at all (but for a failing rename).
 */
export async function writeTempFile(file: string, text: string): Promise<string> {
  const temp = path.join(path.dirname(file), atomicTempName(randomBytes(6).toString('hex')));
  const handle = await fsp.open(temp, 'wx', 0o666);
  try {
    try {
      await handle.writeFile(text, 'utf8');
    } finally {
      await handle.close();
    }
  } catch (e) {
    await fsp.rm(temp, { force: true });
    throw e;
  }
  return temp;
}
