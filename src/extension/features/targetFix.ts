import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import { macroDocument } from '../workspace';

/**
 * The quick fix for the deprecated `"slack": true|false`, on its hint (or on a conflict with `"target"`). The core
 * computes the edit from the current text (the diagnostic may be a keystroke old): one undoable edit.
 */
export function registerTargetFix(services: ExtensionServices): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(
    { language: 'ccmacro' },
    {
      async provideCodeActions(doc, _range, context) {
        const diagnostics = context.diagnostics.filter(
          d => d.source === 'ccmacro' && (d.code === 'macro/slack-deprecated' || d.code === 'macro/target-conflict'),
        );
        if (!diagnostics.length) return [];
        const fix = await services.core.targetFlagFix(macroDocument(doc));
        if (!fix) return [];
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        for (const e of fix.edits)
          action.edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText);
        action.diagnostics = diagnostics;
        action.isPreferred = true;
        return [action];
      },
    },
    { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
  );
}
