import * as vscode from 'vscode';
import type { CcmacroService } from '../../core';
import type { CentercodeInput } from '../../core/centercode/form';
import type { CentercodeFormUi } from '../../core/centercode/askForm';
import { MACRO_FILE_SUFFIX } from '../../core/macro/fileName';
import { createdMacroMessage, offerToStoreSecrets, renameSecrets } from '../send/secretCommands';
import { corePath, freeMacroUri } from '../workspace';

/** Arguments that skip the questions (tests, other commands). */
export interface NewFromCentercodeArgs extends Partial<CentercodeInput> {
  /** Where to create the file; default: macros/ (or the folder root) of the first workspace folder. */
  target?: string | vscode.Uri;
  /**
   * Store each credential moved out of the file under its suggested name ('store') or none ('skip') instead of
   * asking. Called with the form's fields and without this, nothing is asked or stored.
   */
  secrets?: 'store' | 'skip';
}

/** What the command did: the new file, and the secrets stored in VS Code's secret storage (names). */
export interface NewFromCentercodeResult {
  uri: string;
  stored: string[];
  secrets: string[];
}

/**
 * "New Macro from Centercode Body…": asks for the body (the clipboard's text is offered first),
 * URL, method, headers and a name; offers to store each credential it moved out of the file (the Slack webhook URL,
 * an Authorization header's token) in VS Code's secret storage, with the question "Move to secret storage" asks;
 * then creates the `.ccmacro.json` through an undoable WorkspaceEdit and opens it. Returns the new file's URI as a
 * string, or with `secrets` given, what it did.
 */
export async function newMacroFromCentercode(
  core: CcmacroService,
  args?: NewFromCentercodeArgs,
): Promise<string | NewFromCentercodeResult | undefined> {
  const given = !!args && typeof args === 'object' && typeof args.body === 'string' && typeof args.url === 'string';
  const input = given ? (args as CentercodeInput) : await askForForm(core);
  if (!input) return undefined;
  const chosen = args?.target
    ? typeof args.target === 'string'
      ? vscode.Uri.parse(args.target)
      : args.target
    : undefined;
  const folder = chosen ? undefined : await defaultMacroFolder();
  // The body's tags are read, and the file written, in the syntax of the project the file goes to.
  const where = chosen ?? (folder && vscode.Uri.joinPath(folder, `new${MACRO_FILE_SUFFIX}`));
  const made = await core.fromCentercodeForm(where ? { ...input, path: corePath(where) } : input);
  const { stored, rename } = await offerToStoreSecrets(
    core,
    made.secretValues,
    args?.secrets ?? (given ? 'skip' : undefined),
  );
  made.text = renameSecrets(made.text, rename);
  const name = JSON.parse(made.text).name as string;
  const target = chosen ?? (folder && (await freeMacroUri(folder, name)));

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
  const finalNames = made.secrets.map(s => rename.get(s) ?? s);
  const unset = finalNames.filter(n => !stored.includes(n));
  // A note saying "store the value under that name" only for what is still to be stored.
  const storedAs = made.secrets.filter(s => stored.includes(rename.get(s) ?? s));
  const notes = made.notes.filter(n => !storedAs.some(s => n.includes(`\${secret:${s}}`)));
  void vscode.window.showInformationMessage(createdMacroMessage(`Created the macro "${name}".`, stored, unset, notes));
  return args?.secrets ? { uri: doc.uri.toString(), stored, secrets: finalNames } : doc.uri.toString();
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
