import * as vscode from 'vscode';

let shared: vscode.Event<void> | undefined;
let fire: (() => void) | undefined;

/** Say that tag knowledge changed in a way no file event reports (e.g. a macro's returnValues, read from an editor). */
export function notifyTagInputsChanged(): void {
  fire?.();
}

/**
 * Fires when a JSON file other than a macro changes, on disk or in an editor: tag catalogs
 * (`.ccmacro/tags.json`) and sample files, which tag knowledge and diagnostics depend on; and when a macro's
 * `returnValues` names change (external data, see features/externalData.ts).
 * One watcher serves every feature; it is created on first use and disposed with the extension.
 */
export function onDidChangeTagInputs(ctx: vscode.ExtensionContext): vscode.Event<void> {
  if (shared) return shared;
  const emitter = new vscode.EventEmitter<void>();
  fire = () => emitter.fire();
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.json');
  const onDisk = (uri: vscode.Uri) => {
    if (!uri.path.endsWith('.ccmacro.json')) emitter.fire();
  };
  ctx.subscriptions.push(
    emitter,
    watcher,
    watcher.onDidChange(onDisk),
    watcher.onDidCreate(onDisk),
    watcher.onDidDelete(onDisk),
    vscode.workspace.onDidChangeTextDocument(e => {
      if (e.contentChanges.length && e.document.languageId !== 'ccmacro' && e.document.uri.path.endsWith('.json'))
        emitter.fire();
    }),
    new vscode.Disposable(() => {
      shared = undefined;
      fire = undefined;
    }),
  );
  return (shared = emitter.event);
}
