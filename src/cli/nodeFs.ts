import { promises as fsp } from 'node:fs';
import {
  danglingLinkError,
  decodeFileBytes,
  fileReadError,
  fileReadErrorFromCode,
  MAX_FILE_BYTES,
  type FileRead,
} from '../core/common/decode';
import { fail } from '../core/common/result';
import type { FileSystemLike } from '../core/host';

/**
 * The real disk as a FileSystemLike. A path is looked at before it is read: folders, devices (/dev/zero), pipes and
 * files over MAX_FILE_BYTES are refused unread; every failure is a FileReadError, never a throw.
 */
export const nodeFileSystem: FileSystemLike = {
  async readFile(path: string): Promise<FileRead> {
    try {
      const stat = await fsp.stat(path);
      if (stat.isDirectory()) return fail(fileReadError('folder'));
      if (!stat.isFile()) return fail(fileReadError('not-a-file'));
      if (stat.size > MAX_FILE_BYTES) return fail(fileReadError('too-large', stat.size));
      return decodeFileBytes(await readAtMost(path, MAX_FILE_BYTES + 1));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (
        code === 'ENOENT' &&
        (await fsp.lstat(path).then(
          s => s.isSymbolicLink(),
          () => false,
        ))
      )
        return fail(danglingLinkError());
      return fail(fileReadErrorFromCode(code));
    }
  },
  async exists(path: string): Promise<boolean> {
    try {
      await fsp.stat(path);
      return true;
    } catch {
      return false;
    }
  },
};

/** At most `limit` bytes of a file (a file that grows after stat cannot make us read without end). */
async function readAtMost(path: string, limit: number): Promise<Uint8Array> {
  const fh = await fsp.open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(64 * 1024, limit - total));
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      chunks.push(buf.subarray(0, bytesRead));
      total += bytesRead;
      if (total >= limit) break;
    }
    return Buffer.concat(chunks, total);
  } finally {
    await fh.close();
  }
}
