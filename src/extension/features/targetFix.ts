import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import { macroDocument } from '../workspace';

/**
 * The quick fixes targets offer for their problems (Slack's deprecated `"slack": true|false`, on its hint or a
 * conflict with `"target"`). The core finds the target that fixes the diagnostic's code and computes the edit from
 * the current text (the diagnostic may be a keystroke old): one undoable edit.
 */
export function registerTargetFix(services: ExtensionServices): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(
    { language: 'ccmacro' },
    {
      async provideCodeActions(doc, _range, context) {
        const diagnostics = context.diagnostics.filter(d => d.source === 'ccmacro' && typeof d.code === 'string');
        if (!diagnostics.length) return [];
        const fix = await services.core.targetFix(
          macroDocument(doc),
          diagnostics.map(d => d.code as string),
        );
        if (!fix) return [];
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        for (const e of fix.edits)
          action.edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText);
        action.diagnostics = diagnostics.filter(d => d.code === fix.code);
        action.isPreferred = true;
        return [action];
      },
    },
    { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
  );
}
