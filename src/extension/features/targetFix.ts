import * as vscode from 'vscode';

/**
 * The quick fix for the deprecated `"slack": true|false`, on its hint (or on a conflict with `"target"`). Only the
 * registration is here; the fix loads on first use (targetFix/index.ts).
 */
export function registerTargetFix(): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(
    { language: 'ccmacro' },
    {
      async provideCodeActions(doc, _range, context) {
        const diagnostics = context.diagnostics.filter(
          d => d.source === 'ccmacro' && (d.code === 'macro/slack-deprecated' || d.code === 'macro/target-conflict'),
        );
        return diagnostics.length ? (await import('../targetFix/index')).targetFixActions(doc, diagnostics) : [];
      },
    },
    { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
  );
}
