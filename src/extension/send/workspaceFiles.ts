import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FileSystemLike } from '../../core/fs';

/**
 * A FileSystemLike for the core over the editor: open documents first (unsaved text counts), then
 * vscode.workspace.fs. Paths are the core's absolute paths; they map back onto the macro's URI scheme
 * (file: on a desktop, vscode-remote: in code-server).
 */
export class WorkspaceFiles implements FileSystemLike {
  constructor(private readonly base: vscode.Uri) {}

  /** The folder of `uri` as a core path. */
  static dirOf(uri: vscode.Uri): string {
    return uri.scheme === 'file' ? path.dirname(uri.fsPath) : path.posix.dirname(uri.path);
  }

  toUri(p: string): vscode.Uri {
    return this.base.scheme === 'file' ? vscode.Uri.file(p) : this.base.with({ path: p.replace(/\\/g, '/'), query: '', fragment: '' });
  }

  async readFile(p: string): Promise<string | undefined> {
    const uri = this.toUri(p);
    const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
    if (open) return open.getText();
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined;
    }
  }

  async exists(p: string): Promise<boolean> {
    try {
      await vscode.workspace.fs.stat(this.toUri(p));
      return true;
    } catch {
      return false;
    }
  }
}
