import type { FileSystemLike } from '../../src/core/host';

/** A FileSystemLike over a map of absolute path → text. */
export class InMemoryFileSystem implements FileSystemLike {
  readonly files = new Map<string, string>();
  constructor(files: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(files)) this.files.set(k, v);
  }
  async readFile(path: string): Promise<string | undefined> {
    return this.files.get(path);
  }
  async exists(path: string): Promise<boolean> {
    if (this.files.has(path)) return true;
    const prefix = path.endsWith('/') ? path : path + '/';
    for (const k of this.files.keys()) if (k.startsWith(prefix)) return true;
    return false;
  }
}
