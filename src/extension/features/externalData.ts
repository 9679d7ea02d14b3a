import * as vscode from 'vscode';
import { MACRO_FILE_GLOB, MACRO_FILE_SUFFIX } from '../../core/macro/fileName';
import type { ExtensionServices } from '../services';
import { corePath, workspaceFileSystem } from '../workspace';

const EXCLUDE = '**/node_modules/**';
/** Wait this long after the last keystroke in a macro before reading its returnValues again. */
const TYPING_DEBOUNCE_MS = 300;

/**
 * Feeds the core's external-data index (every macro's `returnValues` names, known as tags in every macro):
 * the workspace's macros are listed the first time a tag catalog is needed, then kept current from file
 * events and editors. The merge rules live in src/core/tags/externalData.ts.
 */
export function registerExternalData(services: ExtensionServices): vscode.Disposable[] {
  const { core, tagInputs } = services;
  // Only kept: nothing is listed or loaded until a catalog is needed.
  core.setMacroSource(async () => {
    const uris = await vscode.workspace.findFiles(MACRO_FILE_GLOB, EXCLUDE, 5000);
    const files = await Promise.all(
      uris.map(async uri => {
        const read = await workspaceFileSystem.readFile(corePath(uri));
        return { path: corePath(uri), text: read.ok ? read.value : undefined };
      }),
    );
    return files.filter((f): f is { path: string; text: string } => f.text !== undefined);
  });
  const update = async (uri: vscode.Uri, text: string | undefined) => {
    if (await core.updateMacro(corePath(uri), text)) tagInputs.notify();
  };
  const reread = async (uri: vscode.Uri) => {
    if (!uri.path.endsWith(MACRO_FILE_SUFFIX)) return;
    const read = await workspaceFileSystem.readFile(corePath(uri));
    await update(uri, read.ok ? read.value : undefined);
  };
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const watcher = vscode.workspace.createFileSystemWatcher(MACRO_FILE_GLOB);
  return [
    watcher,
    watcher.onDidCreate(reread),
    watcher.onDidChange(reread),
    watcher.onDidDelete(uri => update(uri, undefined)),
    // Typed but not saved yet: another macro's completion and checks see it at once, as with samples.
    vscode.workspace.onDidChangeTextDocument(e => {
      const doc = e.document;
      if (!e.contentChanges.length || doc.languageId !== 'ccmacro' || doc.uri.scheme === 'untitled') return;
      const key = doc.uri.toString();
      clearTimeout(timers.get(key));
      timers.set(
        key,
        setTimeout(() => {
          timers.delete(key);
          if (!doc.isClosed) void update(doc.uri, doc.getText());
        }, TYPING_DEBOUNCE_MS),
      );
    }),
    // Closed without saving: the file on disk counts again.
    vscode.workspace.onDidCloseTextDocument(doc => void reread(doc.uri)),
    new vscode.Disposable(() => timers.forEach(t => clearTimeout(t))),
  ];
}
