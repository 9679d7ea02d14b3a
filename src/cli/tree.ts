import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { isInsideTree, type FileTree, type PathKind, type PathKindOf } from '../core/common/tree';
import type { SampleReach } from '../core/samples/reach';

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
 * Where a macro in `tree` may read its samples: inside the tree (links resolved on this disk), anywhere when the user
 * passed --allow-outside-samples.
 */
export function sampleReach(tree: FileTree, allowOutside: boolean): SampleReach {
  return {
    tree,
    outside: allowOutside ? 'allow' : 'refuse',
    realPath: p => fsp.realpath(p).catch(() => undefined),
  };
}

/** The help line of --allow-outside-samples (test, diff, validate). */
export const ALLOW_OUTSIDE_SAMPLES_HELP = `  --allow-outside-samples
                read sample files outside the repository (else the folder given) too; without
                it a macro's sample path that leads outside (.., an absolute path, a link) is
                an error [sample/outside]`;

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
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
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
