import * as vscode from 'vscode';
import type { CcmacroService } from '../../core';
import type { CentercodeInput } from '../../core/centercode/form';
import type { CentercodeFormUi } from '../../core/centercode/askForm';
import { MACRO_FILE_SUFFIX } from '../../core/macro/fileName';
import { corePath, freeMacroUri } from '../workspace';

/** Arguments that skip the questions (tests, other commands). */
export interface NewFromCentercodeArgs extends Partial<CentercodeInput> {
  /** Where to create the file; default: macros/ (or the folder root) of the first workspace folder. */
  target?: string | vscode.Uri;
}

/**
 * "New Macro from Centercode Body…": asks for the body (the clipboard's text is offered first),
 * URL, method, headers and a name, then creates the `.ccmacro.json` through an undoable
 * WorkspaceEdit and opens it. Returns the new file's URI as a string.
 */
export async function newMacroFromCentercode(
  core: CcmacroService,
  args?: NewFromCentercodeArgs,
): Promise<string | undefined> {
  const input =
    args && typeof args === 'object' && typeof args.body === 'string' && typeof args.url === 'string'
      ? (args as CentercodeInput)
      : await askForForm(core);
  if (!input) return undefined;
  const given = args?.target
    ? typeof args.target === 'string'
      ? vscode.Uri.parse(args.target)
      : args.target
    : undefined;
  const folder = given ? undefined : await defaultMacroFolder();
  // The body's tags are read, and the file written, in the syntax of the project the file goes to.
  const where = given ?? (folder && vscode.Uri.joinPath(folder, `new${MACRO_FILE_SUFFIX}`));
  const made = await core.fromCentercodeForm(where ? { ...input, path: corePath(where) } : input);
  const name = JSON.parse(made.text).name as string;
  const target = given ?? (folder && (await freeMacroUri(folder, name)));

  let doc: vscode.TextDocument;
  if (target) {
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(target, { contents: new TextEncoder().encode(made.text), ignoreIfExists: false });
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(`ccmacro could not create ${target.path}.`);
      return undefined;
    }
    doc = await vscode.workspace.openTextDocument(target);
  } else {
    doc = await vscode.workspace.openTextDocument({ language: 'ccmacro', content: made.text });
  }
  await vscode.window.showTextDocument(doc, { preview: false });
  const notes = made.notes.length ? ` ${made.notes.join(' ')}` : '';
  void vscode.window.showInformationMessage(`Created the macro "${name}".${notes}`);
  return doc.uri.toString();
}

/** The questions, asked with VS Code's clipboard, quick pick and input box (the flow itself is in core). */
function askForForm(core: CcmacroService): Promise<CentercodeInput | undefined> {
  return core.askCentercodeForm(formUi);
}

/** VS Code's clipboard, quick pick and input box as the core's question flows take them. */
export const formUi: CentercodeFormUi = {
  readClipboard: () => vscode.env.clipboard.readText(),
  pick: async (items, options) => (await vscode.window.showQuickPick(items, options))?.id,
  input: options =>
    vscode.window.showInputBox({
      title: options.title,
      prompt: options.prompt,
      placeHolder: options.placeHolder,
      ignoreFocusOut: true,
      validateInput: options.validate,
    }),
};

/** Where a new imported macro goes: a free name in macros/ of the first workspace folder, else in its root. */
export async function defaultMacroUri(name: string): Promise<vscode.Uri | undefined> {
  const dir = await defaultMacroFolder();
  return dir && freeMacroUri(dir, name);
}

/** macros/ of the first workspace folder, else its root; undefined without a folder. */
async function defaultMacroFolder(): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return undefined;
  const macros = vscode.Uri.joinPath(folder.uri, 'macros');
  try {
    if ((await vscode.workspace.fs.stat(macros)).type === vscode.FileType.Directory) return macros;
  } catch {
    /* no macros/ folder: use the root */
  }
  return folder.uri;
}
