/** An in-memory file system for host tests: a FileSystemProvider under its own scheme, like a virtual workspace's. */
import * as vscode from 'vscode';

type Entry = { type: vscode.FileType.File; data: Uint8Array; mtime: number } | { type: vscode.FileType.Directory };

export class MemFs implements vscode.FileSystemProvider {
  private readonly entries = new Map<string, Entry>([['/', { type: vscode.FileType.Directory }]]);
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  /** Every path read through readFile, so a test can tell which file system served what. */
  readonly reads: string[] = [];

  constructor(readonly scheme: string) {}

  uri(p: string): vscode.Uri {
    return vscode.Uri.from({ scheme: this.scheme, path: p });
  }

  /** Writes `text` at `p`, creating its folders. */
  put(p: string, text: string): vscode.Uri {
    const parts = p.split('/').filter(Boolean);
    for (let i = 1; i < parts.length; i++)
      this.entries.set(`/${parts.slice(0, i).join('/')}`, { type: vscode.FileType.Directory });
    this.entries.set(`/${parts.join('/')}`, {
      type: vscode.FileType.File,
      data: new TextEncoder().encode(text),
      mtime: Date.now(),
    });
    return this.uri(p);
  }

  private entry(uri: vscode.Uri): Entry {
    const e = this.entries.get(uri.path);
    if (!e) throw vscode.FileSystemError.FileNotFound(uri);
    return e;
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const e = this.entry(uri);
    return e.type === vscode.FileType.File
      ? { type: e.type, ctime: e.mtime, mtime: e.mtime, size: e.data.byteLength }
      : { type: e.type, ctime: 0, mtime: 0, size: 0 };
  }

  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] {
    const dir = uri.path.endsWith('/') ? uri.path : `${uri.path}/`;
    return [...this.entries]
      .filter(([p]) => p !== dir && p.startsWith(dir) && !p.slice(dir.length).includes('/'))
      .map(([p, e]) => [p.slice(dir.length), e.type]);
  }

  readFile(uri: vscode.Uri): Uint8Array {
    const e = this.entry(uri);
    if (e.type !== vscode.FileType.File) throw vscode.FileSystemError.FileIsADirectory(uri);
    this.reads.push(uri.path);
    return e.data;
  }

  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    this.put(uri.path, new TextDecoder().decode(content));
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  createDirectory(uri: vscode.Uri): void {
    this.entries.set(uri.path, { type: vscode.FileType.Directory });
  }

  delete(uri: vscode.Uri): void {
    this.entries.delete(uri.path);
    this.changed.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions('rename is not supported by the test file system');
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
}
