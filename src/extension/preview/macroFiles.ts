import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FileSystemLike } from '../../core/fs';
import { workspaceFs } from '../workspaceFs';

/** A ccmacro document: by language id, or by file name before the language is set. */
export function isMacroDocument(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return !!doc && (doc.languageId === 'ccmacro' || doc.fileName.endsWith('.ccmacro.json'));
}

/** The macro a command acts on: the URI a CodeLens, menu or test passed, else the active ccmacro editor. */
export async function macroDocumentFor(arg: unknown): Promise<vscode.TextDocument | undefined> {
  if (arg instanceof vscode.Uri) return vscode.workspace.openTextDocument(arg);
  if (typeof arg === 'string' && arg) return vscode.workspace.openTextDocument(vscode.Uri.parse(arg));
  const doc = vscode.window.activeTextEditor?.document;
  return isMacroDocument(doc) ? doc : undefined;
}

/** The core's absolute path for a document URI (file: on a desktop, vscode-remote: in code-server). */
export function corePath(uri: vscode.Uri): string {
  return uri.scheme === 'untitled' ? uri.path : uri.fsPath;
}

/** Open documents first (unsaved sample edits count), then the disk. */
export function macroFs(): FileSystemLike {
  return workspaceFs;
}

/** A core path back as a URI on the macro's scheme (file: on a desktop, vscode-remote: in code-server). */
export function uriForPath(macroUri: vscode.Uri, p: string): vscode.Uri {
  return macroUri.scheme === 'file' || macroUri.scheme === 'untitled' ? vscode.Uri.file(p) : macroUri.with({ path: p.replace(/\\/g, '/'), query: '', fragment: '' });
}

export function baseName(uri: vscode.Uri): string {
  return path.posix.basename(uri.path);
}
