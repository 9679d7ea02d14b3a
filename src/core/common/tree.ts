import * as path from 'node:path';

/**
 * The folder tree a run works in — the repository (its git root), else the folder it was given; in the editor, the
 * workspace folder. ccmacro runs on other people's files: it writes only inside this tree and never through a
 * symbolic link, and reads a file a macro names (a sample) outside it only when the user says so.
 */
export interface FileTree {
  /** Absolute path of the tree's top folder. */
  root: string;
  /** How messages name it: "the repository", "the folder given", "the workspace folder". */
  name: string;
}

/** What is at a path, without following a symbolic link (lstat); undefined when nothing is there. */
export type PathKind = 'file' | 'folder' | 'link' | 'other';
export type PathKindOf = (p: string) => Promise<PathKind | undefined>;

/** Is `p` the tree's root or inside it, by its path (`..` and absolute paths resolved, links not followed)? */
export function isInsideTree(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..' + path.sep) && rel !== '..' && !path.isAbsolute(rel));
}

/**
 * The first path below `root` on the way to `target` (target included) that is a symbolic link, or undefined when
 * there is none (a missing part ends the walk: nothing below it exists). `target` must be inside the tree.
 */
export async function linkOnTheWay(root: string, target: string, kindOf: PathKindOf): Promise<string | undefined> {
  const parts = path.relative(root, target).split(path.sep).filter(Boolean);
  let at = root;
  for (const part of parts) {
    at = path.join(at, part);
    const kind = await kindOf(at);
    if (kind === undefined) return undefined;
    if (kind === 'link') return at;
  }
  return undefined;
}

/** Why a path may be neither read nor written as a file of the tree (see pathRefusal). */
type PathRefusal =
  | { kind: 'outside' }
  /** `at` is the link: the path itself, or a folder on the way to it. */
  | { kind: 'link'; at: string }
  | { kind: 'not-a-file'; what: 'folder' | 'other' };

/**
 * The one rule for files ccmacro writes (snapshots, imported macros): the path must be inside the tree, reached
 * through no symbolic link (neither it nor a folder between the tree's root and it is one), and a regular file when it
 * exists. Undefined when the path may be written; else why not, for the caller to word.
 */
export async function pathRefusal(root: string, target: string, kindOf: PathKindOf): Promise<PathRefusal | undefined> {
  if (!isInsideTree(root, target)) return { kind: 'outside' };
  const link = await linkOnTheWay(root, target, kindOf);
  if (link !== undefined) return { kind: 'link', at: link };
  const kind = await kindOf(target);
  if (kind !== undefined && kind !== 'file')
    return { kind: 'not-a-file', what: kind === 'folder' ? 'folder' : 'other' };
  return undefined;
}

/**
 * The name of the temporary file an atomic write puts beside its target before renaming it over: the same length
 * whatever the target is called (`random` is 12 hex digits), so a file whose name is as long as the file system allows
 * can be written too (`.NAME.<random>.tmp` was 18 bytes longer than NAME: ENAMETOOLONG).
 */
export function atomicTempName(random: string): string {
  return `.ccmacro-${random}.tmp`;
}
