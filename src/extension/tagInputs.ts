import * as vscode from 'vscode';
import { MACRO_FILE_SUFFIX } from '../core/macro/fileName';

/**
 * What tag knowledge depends on besides the macro itself: tag catalogs (`.ccmacro/tags.json`) and sample files,
 * changed on disk or in an editor, and every macro's `returnValues` names (external data, see
 * features/externalData.ts, which says so through `notify`). One watcher serves every feature; it is made in
 * activate() and lives on ExtensionServices.
 */
export class TagInputs implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  private watcher: vscode.Disposable[] | undefined;

  /** Fires when a JSON file other than a macro changes, or `notify` says tag knowledge changed. */
  get onDidChange(): vscode.Event<void> {
    this.watcher ??= this.watch();
    return this.emitter.event;
  }

  /** Tag knowledge changed in a way no file event reports (a macro's returnValues, read from an editor). */
  notify(): void {
    this.emitter.fire();
  }

  private watch(): vscode.Disposable[] {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.json');
    const onDisk = (uri: vscode.Uri) => {
      if (!uri.path.endsWith(MACRO_FILE_SUFFIX)) this.emitter.fire();
    };
    return [
      watcher,
      watcher.onDidChange(onDisk),
      watcher.onDidCreate(onDisk),
      watcher.onDidDelete(onDisk),
      vscode.workspace.onDidChangeTextDocument(e => {
        if (e.contentChanges.length && e.document.languageId !== 'ccmacro' && e.document.uri.path.endsWith('.json'))
          this.emitter.fire();
      }),
    ];
  }

  dispose(): void {
    for (const d of this.watcher ?? []) d.dispose();
    this.watcher = undefined;
    this.emitter.dispose();
  }
}
