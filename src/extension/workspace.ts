import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FileSystemLike } from '../core/host';
import {
  decodeFileBytes,
  fileReadError,
  fileReadErrorFromCode,
  MAX_FILE_BYTES,
  type FileRead,
  type FileReadError,
} from '../core/common/decode';
import { fail, ok } from '../core/common/result';
import { newMacroFileName } from '../core/macro/fileName';

/**
 * The one mapping between VS Code URIs and the core's absolute paths, and the one FileSystemLike the
 * extension hands the core. file: URIs map to their fsPath; any other scheme (vscode-remote:, vscode-vfs:, …)
 * to its path, and back onto that scheme.
 */
export function corePath(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.path;
}

/** A core path as a URI on the scheme of `like` (the macro being worked on), else of the first workspace folder. */
export function uriForPath(p: string, like?: vscode.Uri): vscode.Uri {
  const base = like && like.scheme !== 'untitled' ? like : vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!base || base.scheme === 'file') return vscode.Uri.file(p);
  return base.with({ path: p.replace(/\\/g, '/'), query: '', fragment: '' });
}

/** The folder of a document as a core path (relative sample paths resolve against it). */
export function coreDir(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? path.dirname(uri.fsPath) : path.posix.dirname(uri.path);
}

/** A workspace-relative path for messages ("macros/escalate.ccmacro.json"). */
export function displayPath(uriOrPath: vscode.Uri | string): string {
  const uri = typeof uriOrPath === 'string' ? uriForPath(uriOrPath) : uriOrPath;
  return vscode.workspace.asRelativePath(uri, false);
}

/**
 * Files as the core sees them from inside the editor: an open document's current text wins (unsaved edits to a
 * sample or tags.json count at once), otherwise the file through vscode.workspace.fs, looked at before it is read
 * and decoded by the core's decodeFileBytes, so the editor refuses exactly the files the CLI refuses.
 */
export const workspaceFileSystem: FileSystemLike = {
  async readFile(p: string): Promise<FileRead> {
    const open = openDocument(p);
    if (open) return ok(open.getText());
    const uri = uriForPath(p);
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type & vscode.FileType.Directory) return fail(fileReadError('folder'));
      if (!(stat.type & vscode.FileType.File)) return fail(fileReadError('not-a-file'));
      if (stat.size > MAX_FILE_BYTES) return fail(fileReadError('too-large', stat.size));
      return decodeFileBytes(await vscode.workspace.fs.readFile(uri));
    } catch (e) {
      return fail(readErrorOf(e));
    }
  },
  async exists(p: string): Promise<boolean> {
    if (openDocument(p)) return true;
    try {
      await vscode.workspace.fs.stat(uriForPath(p));
      return true;
    } catch {
      return false;
    }
  },
};

/** A vscode.FileSystemError (or a Node error from a file system provider) in the core's words. */
function readErrorOf(e: unknown): FileReadError {
  const code = (e as { code?: string })?.code;
  const message = e instanceof Error ? e.message : String(e);
  if (code === 'FileNotFound' || code === 'FileNotADirectory') return fileReadError('missing');
  if (code === 'FileIsADirectory') return fileReadError('folder');
  if (code === 'NoPermissions') return fileReadError('no-access');
  const errno = /\b(ENOENT|ENOTDIR|EISDIR|ELOOP|EACCES|EPERM)\b/.exec(message)?.[1] ?? code;
  return fileReadErrorFromCode(errno);
}

function openDocument(p: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find(d => d.uri.scheme !== 'untitled' && !d.isClosed && corePath(d.uri) === p);
}

/** A URI in `folder` for a new macro named `name` that no file uses yet ("escalate-2.ccmacro.json" when needed). */
export async function freeMacroUri(folder: vscode.Uri, name: string): Promise<vscode.Uri> {
  const fileName = await newMacroFileName(name, n => uriExists(vscode.Uri.joinPath(folder, n)));
  return vscode.Uri.joinPath(folder, fileName);
}

export async function uriExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
