import * as vscode from 'vscode';
import { pathRefusal } from '../../core/common/tree';
import type { CcmacroService } from '../../core';
import { createdMacroMessage, offerToStoreSecrets, renameSecrets } from '../send/secretCommands';
import { corePath, workspacePathKind, workspaceTree } from '../workspace';
import { defaultMacroUri, formUi } from './newFromCentercode';

/** Arguments that skip the questions (tests, other commands). */
export interface NewFromCurlArgs {
  command?: string;
  name?: string;
  /** Where to create the file; default: a free name in macros/ (or the root) of the first workspace folder. */
  target?: string | vscode.Uri;
  /** Store each secret under its suggested name ('store'), or none ('skip'), instead of asking. */
  secrets?: 'store' | 'skip';
}

export interface NewFromCurlResult {
  uri: string;
  /** The secrets stored in VS Code's secret storage (names). */
  stored: string[];
  /** The ${secret:NAME} placeholders of the new macro (names). */
  secrets: string[];
  notes: string[];
}

/**
 * "New Macro from cURL…": asks for the command (the clipboard's first) and a name, imports it (src/core/import),
 * offers to store each credential in VS Code's secret storage with the same question "Move to secret storage" asks
 * (the name, Escape to leave it for later), then creates the file through an undoable WorkspaceEdit and opens it.
 */
export async function newMacroFromCurl(
  core: CcmacroService,
  args: NewFromCurlArgs = {},
): Promise<NewFromCurlResult | undefined> {
  const answers =
    typeof args.command === 'string'
      ? { command: args.command, name: args.name ?? '' }
      : await core.askCurlCommand(formUi);
  if (!answers) return undefined;
  const made = await core.importCurl(answers.command, { name: answers.name });
  if (!made.ok) {
    const e = made.error;
    void vscode.window.showErrorMessage(
      `ccmacro cannot import this cURL command: ${await core.curlErrorText(answers.command, { ...e, start: e.range.start, end: e.range.end })}`,
    );
    return undefined;
  }
  const m = made.value;

  // The consent, one secret at a time: its name confirmed (or changed) stores it; Escape leaves it unset.
  const { stored, rename } = await offerToStoreSecrets(core, m.secrets, args.secrets);
  const text = renameSecrets(m.text, rename);

  const target = args.target
    ? typeof args.target === 'string'
      ? vscode.Uri.parse(args.target)
      : args.target
    : await defaultMacroUri(m.name);
  let doc: vscode.TextDocument;
  if (target) {
    // The rule every file ccmacro writes follows: inside the workspace folder, through no symbolic link.
    const tree = workspaceTree(target);
    const refused = tree
      ? await pathRefusal(tree.root, corePath(target), workspacePathKind)
      : { kind: 'outside' as const };
    if (refused) {
      void vscode.window.showErrorMessage(
        `ccmacro did not create ${vscode.workspace.asRelativePath(target)}: ${refused.kind === 'link' ? 'the way there goes through a symbolic link' : refused.kind === 'outside' ? 'it is outside the workspace folders' : 'something else is there'}.`,
      );
      return undefined;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(target, { contents: new TextEncoder().encode(text), ignoreIfExists: false, overwrite: false });
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(`ccmacro could not create ${vscode.workspace.asRelativePath(target)}.`);
      return undefined;
    }
    doc = await vscode.workspace.openTextDocument(target);
  } else {
    doc = await vscode.workspace.openTextDocument({ language: 'ccmacro', content: text });
  }
  await vscode.window.showTextDocument(doc, { preview: false });
  const finalNames = m.secrets.map(s => rename.get(s.name) ?? s.name);
  const unset = finalNames.filter(n => !stored.includes(n));
  if (args.command === undefined)
    void vscode.window.showInformationMessage(
      createdMacroMessage(`Created the macro "${m.name}" from the cURL command.`, stored, unset, m.notes),
    );
  return { uri: doc.uri.toString(), stored, secrets: finalNames, notes: m.notes };
}
