/**
 * Where a snapshot may be read and written, and what may be written: the rules `ccmacro test`, the Testing view and
 * Update Snapshot share, so a pull request cannot make ccmacro write (or read) outside the tree it runs on, and every
 * snapshot written is one the next run can read. The hosts say what is at a path (lstat) and write atomically.
 */
import { MAX_FILE_BYTES } from '../common/decode';
import { problem } from '../common/problem';
import { pathRefusal, type FileTree, type PathKindOf } from '../common/tree';
import type { SnapshotProblem } from './render';

/** The largest snapshot ccmacro writes: the largest file it reads, so a snapshot it writes always reads back. */
export const MAX_SNAPSHOT_BYTES = MAX_FILE_BYTES;

/** How a host names a path in a message (relative to the working folder or workspace). */
export type ShowPath = (p: string) => string;

function atSnapshot(snapshotPath: string, code: string, message: string): SnapshotProblem {
  return { problem: problem(code, 'error', message, { start: 0, end: 0 }), path: snapshotPath, text: '' };
}

/**
 * Why the snapshot file may be neither read nor written, located at it, or undefined when it may: it must be inside
 * the tree, reached through no symbolic link (neither it nor a folder between the tree's root and it is one), and a
 * regular file when it exists. Checked before the snapshot is read, and again before it is written. `tree`
 * undefined: no tree holds it (a macro outside every workspace folder).
 */
export async function snapshotPathProblem(
  snapshotPath: string,
  tree: FileTree | undefined,
  kindOf: PathKindOf,
  shown: ShowPath,
): Promise<SnapshotProblem | undefined> {
  const name = shown(snapshotPath);
  const refused = tree ? await pathRefusal(tree.root, snapshotPath, kindOf) : ({ kind: 'outside' } as const);
  if (!refused) return undefined;
  if (refused.kind === 'outside')
    return atSnapshot(
      snapshotPath,
      'snapshot/outside',
      `${name} is outside ${tree?.name ?? 'every workspace folder'}, and ccmacro reads and writes snapshots only inside the folder tree it works on: test the macro from the folder that holds it`,
    );
  if (refused.kind === 'link')
    return atSnapshot(
      snapshotPath,
      'snapshot/link',
      refused.at === snapshotPath
        ? `${name} is a symbolic link, and ccmacro never reads or writes a snapshot through a link (it could lead anywhere on this machine): delete the link, then update the snapshot to write a real file`
        : `The folder ${shown(refused.at)} is a symbolic link, and ccmacro never reads or writes a snapshot through a link (it could lead anywhere on this machine), so ${name} is left alone: test the macro where it really is`,
    );
  return atSnapshot(
    snapshotPath,
    'snapshot/not-a-file',
    `${name} is ${refused.what === 'folder' ? 'a folder' : 'not a regular file'}, so no snapshot can be read or written there: remove it, then update the snapshot`,
  );
}

/** The snapshot is open in an editor with unsaved changes (the editor's Update Snapshot does not overwrite them). */
export function snapshotUnsavedProblem(snapshotPath: string, shown: ShowPath): SnapshotProblem {
  return atSnapshot(
    snapshotPath,
    'snapshot/unsaved',
    `${shown(snapshotPath)} has unsaved changes, so the snapshot is not written over them: save or revert them, then run the test again`,
  );
}

/**
 * The snapshot text is over MAX_SNAPSHOT_BYTES (as UTF-8): a problem located at the snapshot saying it is not written
 * (the next run could not read it), or undefined when it may be written.
 */
export function snapshotSizeProblem(snapshotPath: string, text: string, shown: ShowPath): SnapshotProblem | undefined {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= MAX_SNAPSHOT_BYTES) return undefined;
  return atSnapshot(
    snapshotPath,
    'snapshot/too-large',
    `${shown(snapshotPath)} would be ${bytes.toLocaleString('en-US')} bytes, over the ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MB ccmacro reads, so it is not written (a snapshot that is there stays as it was): test the macro with fewer or smaller sample items`,
  );
}

/**
 * Writing the snapshot failed (no permission, a name or path too long, a full disk): a problem at the snapshot, so
 * that macro fails with the reason and the run goes on with the others.
 */
export function snapshotWriteProblem(snapshotPath: string, error: unknown, shown: ShowPath): SnapshotProblem {
  const code = (error as { code?: unknown })?.code;
  const reason =
    typeof code === 'string' && WRITE_ERRORS[code]
      ? `${WRITE_ERRORS[code]} (${code})`
      : error instanceof Error
        ? error.message.replace(/^[A-Z]+: /, '').replace(/,.*$/, '')
        : String(error);
  return atSnapshot(
    snapshotPath,
    'snapshot/cannot-write',
    `${shown(snapshotPath)} cannot be written: ${reason}. A snapshot that is there stays as it was`,
  );
}

const WRITE_ERRORS: Record<string, string> = {
  EACCES: 'no permission to write in its folder',
  EPERM: 'the operation is not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENAMETOOLONG: 'its name or path is too long for the file system',
  ENOENT: 'its folder no longer exists',
  ENOTDIR: 'a part of its path is not a folder',
  EISDIR: 'it is a folder',
};
