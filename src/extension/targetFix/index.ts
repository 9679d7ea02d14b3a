/**
 * The quick fixes targets offer for their problems (Slack's version-1 `"slack": true|false`), loaded on first use (a
 * separate bundle, dist/lazy/targetFix.js; features/targetFix.ts registers the provider at activation).
 */
import * as vscode from 'vscode';
import { parseMacro } from '../../core/macro/parse';
import { FIXABLE_CODES, targetFix } from '../../core/targets';

/** The core computes the edit from the current text (the diagnostic may be a keystroke old): one undoable edit. */
export function targetFixActions(
  doc: vscode.TextDocument,
  ccmacroDiagnostics: vscode.Diagnostic[],
): vscode.CodeAction[] {
  const diagnostics = ccmacroDiagnostics.filter(d => typeof d.code === 'string' && FIXABLE_CODES.has(d.code));
  if (!diagnostics.length) return [];
  const fix = targetFix(parseMacro(doc.getText()), diagnostics[0].code as string);
  if (!fix) return [];
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits)
    action.edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText);
  action.diagnostics = diagnostics;
  action.isPreferred = true;
  return [action];
}
