/**
 * The little the core needs from a file system. The CLI passes real files; the extension passes
 * open editors first (unsaved text counts), then the disk; tests pass an in-memory map.
 * Paths are absolute, with forward or platform separators as node:path produces them.
 */
export interface FileSystemLike {
  /** The file's text, or undefined when it does not exist (or is a folder). */
  readFile(path: string): Promise<string | undefined>;
  exists(path: string): Promise<boolean>;
}

/** A FileSystemLike over a plain object: for tests and for embedded data. */
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
