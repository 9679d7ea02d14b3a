import * as vscode from 'vscode';
import { parseMacro } from '../../core/macro/parse';
import { slackFlagFix } from '../../core/macro/targetFix';

const SELECTOR: vscode.DocumentSelector = { language: 'ccmacro' };

/** The quick fix for the deprecated `"slack": true|false`: the core computes the edit, applied as one undoable edit. */
export function registerTargetFix(): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(SELECTOR, new TargetFixProvider(), {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  });
}

class TargetFixProvider implements vscode.CodeActionProvider {
  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext) {
    const diags = context.diagnostics.filter(
      d => d.source === 'ccmacro' && (d.code === 'macro/slack-deprecated' || d.code === 'macro/target-conflict'),
    );
    if (!diags.length) return [];
    // Computed from the current text (the diagnostic may be a keystroke old).
    const fix = slackFlagFix(parseMacro(doc.getText()));
    if (!fix) return [];
    const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    for (const e of fix.edits)
      action.edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText);
    action.diagnostics = diags;
    action.isPreferred = true;
    return [action];
  }
}
