import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import type { FileSystemLike } from '../core/fs';

/**
 * The core's view of files from inside the editor: an open document's current text wins (unsaved
 * edits to a sample or tags.json count at once), otherwise the file on disk.
 * The extension host runs where the files are (also in code-server / remote), so node:fs reaches them.
 */
export const workspaceFs: FileSystemLike = {
  async readFile(path: string): Promise<string | undefined> {
    const open = openDocument(path);
    if (open) return open.getText();
    try {
      return await fs.readFile(path, 'utf8');
    } catch {
      return undefined; // missing, a folder, or unreadable: the core reports it in its own words
    }
  },
  async exists(path: string): Promise<boolean> {
    if (openDocument(path)) return true;
    try {
      await fs.stat(path);
      return true;
    } catch {
      return false;
    }
  },
};

function openDocument(path: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find(d => d.uri.scheme !== 'untitled' && !d.isClosed && d.uri.fsPath === path);
}
