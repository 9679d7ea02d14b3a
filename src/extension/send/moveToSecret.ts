import * as vscode from 'vscode';
import { parseMacro } from '../../core/macro/parse';
import { planMoveToSecret, suggestSecretName } from '../../core/secrets/moveToSecret';
import { findLiteralSecretProblems } from '../../core/check/secrets';
import type { SecretVault } from '../../core/secrets/vault';
import { askForSecretName } from './secretCommands';

const COMMAND = 'ccmacro.moveToSecretStorage';

function diagnosticCode(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : c === undefined ? undefined : String(c);
}

/** "Move to secret storage" on every `secret/literal` warning. */
class MoveToSecretActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(
    doc: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const diagnostics = context.diagnostics.filter(d => diagnosticCode(d) === 'secret/literal');
    if (diagnostics.length === 0) return [];
    // Diagnostics carry no data, so the check runs again (cheap) for its suggested names.
    const found = findLiteralSecretProblems(parseMacro(doc.getText()));
    return diagnostics.map(d => {
      const start = doc.offsetAt(d.range.start);
      const end = doc.offsetAt(d.range.end);
      const match = found.find(p => p.range.start === start && p.range.end === end);
      const suggested = typeof match?.data?.suggestedName === 'string' ? match.data.suggestedName : undefined;
      const action = new vscode.CodeAction('Move to secret storage', vscode.CodeActionKind.QuickFix);
      action.diagnostics = [d];
      action.isPreferred = true;
      action.command = {
        command: COMMAND,
        title: 'Move to secret storage',
        arguments: [doc.uri, d.range, doc.getText(d.range), suggested],
      };
      return action;
    });
  }
}

/**
 * Stores the literal under a name the user confirms, then replaces it with ${secret:NAME} through
 * a WorkspaceEdit (so Undo brings the literal back; the stored secret stays).
 * A fifth argument (the name) skips the prompt, for tests.
 */
async function moveToSecret(
  vault: SecretVault,
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
  const probe = planMoveToSecret(text, offsets, 'X');
  if ('error' in probe) {
    void vscode.window.showWarningMessage(probe.error);
    return false;
  }
  const name =
    nameArg ??
    (await askForSecretName(vault, {
      title: 'ccmacro: Move to secret storage',
      value: suggested ?? suggestSecretName(probe.value),
      forNewValue: true,
    }));
  if (!name) return false;
  const plan = planMoveToSecret(text, offsets, name);
  if ('error' in plan) return false;
  await vault.set(name, plan.value);
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
  return applied;
}

export function registerMoveToSecret(vault: SecretVault): vscode.Disposable[] {
  return [
    vscode.languages.registerCodeActionsProvider({ language: 'ccmacro' }, new MoveToSecretActions(), {
      providedCodeActionKinds: MoveToSecretActions.kinds,
    }),
    vscode.commands.registerCommand(
      COMMAND,
      (uri: vscode.Uri, range: vscode.Range, expected: string, suggested?: string, name?: string) =>
        moveToSecret(vault, uri, range, expected, suggested, name),
    ),
  ];
}
