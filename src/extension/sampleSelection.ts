import * as vscode from 'vscode';

/** A sample item the user picked for a macro: the sample's id (a file path or "builtin:ID") and the item index. */
export interface SampleChoice {
  id: string;
  index: number;
}

/**
 * The sample item the user picked for each macro (in the preview's picker). The preview, Copy as cURL, Send, bulk
 * send, hover and completion all read it, so they use the same item; a macro nobody picked for uses its own
 * default (the first item of its first `samples` file, else the built-in sample of its scope), never another
 * macro's choice.
 */
export class SampleSelection implements vscode.Disposable {
  private readonly chosen = new Map<string, SampleChoice>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires with the macro's URI when its choice changes. */
  readonly onDidChange = this.changed.event;

  get(macro: vscode.Uri): SampleChoice | undefined {
    return this.chosen.get(macro.toString());
  }

  /** Choose the sample for a macro; undefined goes back to its default. */
  set(macro: vscode.Uri, choice: SampleChoice | undefined): void {
    const key = macro.toString();
    const prev = this.chosen.get(key);
    if (prev?.id === choice?.id && prev?.index === choice?.index) return;
    if (choice) this.chosen.set(key, choice);
    else this.chosen.delete(key);
    this.changed.fire(macro);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
