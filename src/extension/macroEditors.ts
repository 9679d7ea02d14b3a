import * as vscode from 'vscode';
import { MACRO_FILE_GLOB, MACRO_FILE_SUFFIX } from '../core/macro/fileName';

/** A ccmacro document: by language id, or by file name before the language is set. */
export function isMacroDocument(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return !!doc && (doc.languageId === 'ccmacro' || doc.fileName.endsWith(MACRO_FILE_SUFFIX));
}

let lastMacro: vscode.Uri | undefined;

/** Remembers the last macro editor that had focus, so commands run from the Output panel still find it. */
export function trackMacroEditors(): vscode.Disposable {
  const note = (e: vscode.TextEditor | undefined) => {
    if (isMacroDocument(e?.document)) lastMacro = e.document.uri;
  };
  note(vscode.window.activeTextEditor);
  return vscode.window.onDidChangeActiveTextEditor(note);
}

/**
 * The macro a command acts on: the URI a CodeLens, menu, the Webhook Log or a test passed; else the active macro
 * editor; else the last macro editor that was active and is still visible or open; else the only visible one;
 * and only then asks, listing the workspace's macros. Undefined when there is none or the user cancels (the
 * caller says NO_MACRO_MESSAGE).
 */
export async function macroDocumentFor(arg: unknown): Promise<vscode.TextDocument | undefined> {
  if (arg instanceof vscode.Uri) return vscode.workspace.openTextDocument(arg);
  if (typeof arg === 'string' && arg) return vscode.workspace.openTextDocument(vscode.Uri.parse(arg));
  const active = vscode.window.activeTextEditor?.document;
  if (isMacroDocument(active)) return active;
  const visible = vscode.window.visibleTextEditors.map(e => e.document).filter(isMacroDocument);
  const last = lastMacro?.toString();
  const remembered = last
    ? (visible.find(d => d.uri.toString() === last) ??
      vscode.workspace.textDocuments.find(d => !d.isClosed && d.uri.toString() === last))
    : undefined;
  if (remembered) return remembered;
  if (visible.length === 1) return visible[0];
  return askForMacro();
}

async function askForMacro(): Promise<vscode.TextDocument | undefined> {
  const files = await vscode.workspace.findFiles(MACRO_FILE_GLOB, '**/node_modules/**', 200);
  if (files.length === 0) return undefined;
  const items = files
    .map(uri => ({ label: vscode.workspace.asRelativePath(uri, false), uri }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Which macro?', matchOnDescription: true });
  return picked ? vscode.workspace.openTextDocument(picked.uri) : undefined;
}

/** The one sentence every macro command says when there is no macro to act on. */
export const NO_MACRO_MESSAGE = `Open a *${MACRO_FILE_SUFFIX} file first: this command acts on the macro in the active editor.`;
