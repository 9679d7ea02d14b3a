import { decodeFileBytes, fileReadError, type FileRead, type FileReadError } from '../../src/core/common/decode';
import { fail, ok } from '../../src/core/common/result';
import type { FileSystemLike } from '../../src/core/host';

/**
 * A FileSystemLike over a map of absolute path → text (or raw bytes, decoded as the real adapters decode them).
 * A path that only prefixes other paths is a folder; `failures` makes a path fail the way a disk can (EACCES, …).
 */
export class InMemoryFileSystem implements FileSystemLike {
  readonly files = new Map<string, string | Uint8Array>();
  readonly failures = new Map<string, FileReadError>();
  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [k, v] of Object.entries(files)) this.files.set(k, v);
  }
  async readFile(path: string): Promise<FileRead> {
    const failure = this.failures.get(path);
    if (failure) return fail(failure);
    const v = this.files.get(path);
    if (typeof v === 'string') return ok(v);
    if (v !== undefined) return decodeFileBytes(v);
    return fail(fileReadError(this.isFolder(path) ? 'folder' : 'missing'));
  }
  async exists(path: string): Promise<boolean> {
    return this.files.has(path) || this.failures.has(path) || this.isFolder(path);
  }
  private isFolder(path: string): boolean {
    const prefix = path.endsWith('/') ? path : path + '/';
    for (const k of this.files.keys()) if (k.startsWith(prefix)) return true;
    return false;
  }
}
