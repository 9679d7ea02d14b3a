import { promises as fsp } from 'node:fs';
import type { FileSystemLike } from '../core/host';

/** The real disk as a FileSystemLike: missing files and folders read as undefined, never throw. */
export const nodeFileSystem: FileSystemLike = {
  async readFile(path: string): Promise<string | undefined> {
    try {
      return await fsp.readFile(path, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return undefined;
      throw e;
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
