import * as vscode from 'vscode';

/**
 * The quick fixes targets offer for their problems (Slack's deprecated `"slack": true|false`, on its hint or a
 * conflict with `"target"`). Only the registration is here; the fixes, and which codes they fix, load on first use
 * (targetFix/index.ts) when a ccmacro diagnostic is under the cursor.
 */
export function registerTargetFix(): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(
    { language: 'ccmacro' },
    {
      async provideCodeActions(doc, _range, context) {
        const diagnostics = context.diagnostics.filter(d => d.source === 'ccmacro' && typeof d.code === 'string');
        return diagnostics.length ? (await import('../targetFix/index')).targetFixActions(doc, diagnostics) : [];
      },
    },
    { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
  );
}
