import * as vscode from 'vscode';

/** Which sample item supplies values (hover, completion) for a macro: a sample file path and an item index. */
export interface ActiveSample {
  path: string;
  index: number;
}

const chosen = new Map<string, ActiveSample>();
const changed = new vscode.EventEmitter<vscode.Uri>();

/** Fires with the macro's URI when its active sample changes. */
export const onDidChangeActiveSample = changed.event;

/** The sample chosen for a macro, or undefined for the default (first item of the first `samples` file). */
export function getActiveSample(macro: vscode.Uri): ActiveSample | undefined {
  return chosen.get(macro.toString());
}

/** Choose the sample for a macro (e.g. from the preview's picker); undefined goes back to the default. */
export function setActiveSample(macro: vscode.Uri, sample: ActiveSample | undefined): void {
  const key = macro.toString();
  const prev = chosen.get(key);
  if (prev?.path === sample?.path && prev?.index === sample?.index) return;
  if (sample) chosen.set(key, sample);
  else chosen.delete(key);
  changed.fire(macro);
}
