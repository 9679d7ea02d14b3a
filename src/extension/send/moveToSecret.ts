import * as vscode from 'vscode';
import type { CcmacroService } from '../../core';
import { askForSecretName, storedMessage } from './secretCommands';

/**
 * Stores the literal under a name the user confirms, then replaces it with ${secret:NAME} through
 * a WorkspaceEdit (so Undo brings the literal back; the stored secret stays).
 * A fifth argument (the name) skips the prompt, for tests.
 */
export async function moveToSecret(
  core: CcmacroService,
  uri: vscode.Uri,
  range: vscode.Range,
  expected: string,
  suggested?: string,
  nameArg?: string,
): Promise<boolean> {
  const doc = await vscode.workspace.openTextDocument(uri);
  if (doc.getText(range) !== expected) {
    void vscode.window.showWarningMessage('The file changed since this fix was offered. Try the quick fix again.');
    return false;
  }
  const text = doc.getText();
  const offsets = { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) };
  const probe = await core.planMoveToSecret(text, offsets, 'X');
  if (!probe.ok) {
    void vscode.window.showWarningMessage(probe.error);
    return false;
  }
  const name =
    nameArg ??
    (await askForSecretName(core, {
      title: 'ccmacro: Move to secret storage',
      value: suggested ?? (await core.suggestSecretName(probe.value.value)),
      forNewValue: true,
    }));
  if (!name) return false;
  const planned = await core.planMoveToSecret(text, offsets, name);
  if (!planned.ok) return false;
  const plan = planned.value;
  await core.secretVault().set(name, plan.value);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(
    uri,
    new vscode.Range(doc.positionAt(plan.edit.range.start), doc.positionAt(plan.edit.range.end)),
    plan.edit.newText,
  );
  const applied = await vscode.workspace.applyEdit(edit);
  if (!applied)
    void vscode.window.showWarningMessage(
      `Secret ${name} was stored, but the file could not be changed. Replace the value with \${secret:${name}} by hand.`,
    );
  else if (nameArg === undefined)
    void vscode.window.showInformationMessage(`${storedMessage(name)} (Undo brings the literal back.)`);
  return applied;
}
