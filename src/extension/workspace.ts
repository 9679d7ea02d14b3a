import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MacroDocument } from '../core';
import type { FileSystemLike } from '../core/host';
import { corePathOf, isLocalUri, pathTargetOf, type LocalFiles } from '../core/common/uriPath';
import {
  decodeFileBytes,
  fileReadError,
  fileReadErrorFromCode,
  MAX_FILE_BYTES,
  type FileRead,
  type FileReadError,
} from '../core/common/decode';
import { fail, ok } from '../core/common/result';
import { atomicTempName, type FileTree, type PathKind, type PathKindOf } from '../core/common/tree';
import type { SampleReach } from '../core/samples/reach';
import { newMacroFileName } from '../core/macro/fileName';

/**
 * The window's remote authority, when the window is remote (then the extension host runs on that machine, and its
 * `vscode-remote:` URIs are this machine's files). A window has one; VS Code's API names only the remote's kind
 * (env.remoteName), so the authority is read off the first `vscode-remote:` URI seen: a workspace folder, a document.
 */
let remote: string | undefined;
function remoteAuthority(seen?: vscode.Uri): string | undefined {
  if (!vscode.env.remoteName) return undefined;
  if (seen?.scheme === 'vscode-remote') return (remote ??= seen.authority);
  return (remote ??= vscode.workspace.workspaceFolders?.find(f => f.uri.scheme === 'vscode-remote')?.uri.authority);
}

/** The extension host's own files, for the one URI ↔ path mapping (src/core/common/uriPath.ts). */
function localFiles(uri?: vscode.Uri): LocalFiles {
  return { remoteAuthority: remoteAuthority(uri), fsPath: () => uri?.fsPath ?? '' };
}

/** A URI as the core names it: see src/core/common/uriPath.ts. */
export function corePath(uri: vscode.Uri): string {
  return corePathOf(uri, localFiles(uri));
}

/** A core path as the URI it was made from (see corePath). */
export function uriForPath(p: string): vscode.Uri {
  const target = pathTargetOf(p);
  if (!target.local) return vscode.Uri.from(target.uri);
  const file = vscode.Uri.file(target.path);
  const authority = remoteAuthority();
  return authority !== undefined ? file.with({ scheme: 'vscode-remote', authority }) : file;
}

/** A document as the core's methods take it. */
export function macroDocument(doc: vscode.TextDocument): MacroDocument {
  return { path: corePath(doc.uri), text: doc.getText(), version: doc.version };
}

/** How a message names a file: relative to its workspace folder ("macros/escalate.ccmacro.json"). */
export function workspaceRelativePath(uriOrPath: vscode.Uri | string): string {
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
    return readFromDisk(p);
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

/**
 * workspaceFileSystem for a file ccmacro itself writes (a snapshot): an open document's text counts only when it has
 * unsaved changes; otherwise the disk, which ccmacro's own write may have changed before the editor reloads it.
 */
export const unsavedOrDiskFileSystem: FileSystemLike = {
  async readFile(p: string): Promise<FileRead> {
    const open = openDocument(p);
    return open?.isDirty ? ok(open.getText()) : readFromDisk(p);
  },
  exists: p => workspaceFileSystem.exists(p),
};

async function readFromDisk(p: string): Promise<FileRead> {
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
}

/** An open document of the path that has unsaved changes. */
export function unsavedDocument(p: string): vscode.TextDocument | undefined {
  const open = openDocument(p);
  return open?.isDirty ? open : undefined;
}

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

async function uriExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** The tree a file belongs to in the editor: its workspace folder (undefined when it is in none). */
export function workspaceTree(uri: vscode.Uri): FileTree | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder ? { root: corePath(folder.uri), name: 'the workspace folder' } : undefined;
}

/**
 * Where the editor reads a macro's samples from: its workspace folder. Outside it, a sample is read with a warning
 * (`warn`: diagnostics, the preview) or not at all (`refuse`: the Testing view, as `ccmacro test`), unless the user
 * setting `ccmacro.samples.allowOutsideWorkspace` allows it. Undefined for a macro in no workspace folder.
 */
export function workspaceSampleReach(macroUri: vscode.Uri, whenOutside: 'refuse' | 'warn'): SampleReach | undefined {
  const tree = workspaceTree(macroUri);
  if (!tree) return undefined;
  const allowed = vscode.workspace
    .getConfiguration('ccmacro', macroUri)
    .get<boolean>('samples.allowOutsideWorkspace', false);
  // Links are resolved where the extension host sees the files as local paths (a local or remote folder).
  const local = isLocalUri(macroUri, localFiles(macroUri));
  return {
    tree,
    outside: allowed ? 'allow' : whenOutside,
    ...(local ? { realPath: (p: string) => fsp.realpath(p).catch(() => undefined) } : {}),
  };
}

/** What is at a core path, without following a symbolic link at its end (vscode.workspace.fs.stat flags links). */
export const workspacePathKind: PathKindOf = async (p: string): Promise<PathKind | undefined> => {
  try {
    const { type } = await vscode.workspace.fs.stat(uriForPath(p));
    if (type & vscode.FileType.SymbolicLink) return 'link';
    return type & vscode.FileType.File ? 'file' : type & vscode.FileType.Directory ? 'folder' : 'other';
  } catch (e) {
    const code = (e as { code?: string })?.code;
    return code === 'FileNotFound' || code === 'FileNotADirectory' ? undefined : 'other';
  }
};

/**
 * Write `text` to `uri` atomically: a new temporary file in the same folder, renamed over `uri` (a rename replaces a
 * link, never writes through it). Open editors of the file reload it, as after any change on disk.
 */
export async function writeFileAtomically(uri: vscode.Uri, text: string): Promise<void> {
  const temp = uri.with({
    path: path.posix.join(path.posix.dirname(uri.path), atomicTempName(randomBytes(6).toString('hex'))),
  });
  try {
    await vscode.workspace.fs.writeFile(temp, new TextEncoder().encode(text));
    await vscode.workspace.fs.rename(temp, uri, { overwrite: true });
  } catch (e) {
    await Promise.resolve(vscode.workspace.fs.delete(temp)).catch(() => undefined);
    throw e;
  }
}
