import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CcmacroService } from '../../core';
import type { MacroTemplateKind } from '../../core/targets';
import { slugify } from '../../core/common/slug';
import { MACRO_FILE_SUFFIX } from '../../core/macro/fileName';
import { corePath, freeMacroUri } from '../workspace';

/** Arguments that skip the prompts (tests, other commands, keybindings). */
export interface NewMacroArgs {
  template?: MacroTemplateKind;
  name?: string;
  /** Folder for the new file: a Uri, or an absolute path on the extension host's machine. */
  folder?: vscode.Uri | string;
}

/** Creates the macro through an undoable workspace edit, opens it, and returns its Uri (undefined when cancelled). */
export async function newMacro(core: CcmacroService, args: NewMacroArgs): Promise<vscode.Uri | undefined> {
  const template = args.template ?? (await pickTemplate(core));
  if (!template) return undefined;
  const name = args.name?.trim() || (await askName());
  if (!name) return undefined;
  const target = await targetFile(args.folder, name);
  if (!target) return undefined;

  const edit = new vscode.WorkspaceEdit();
  edit.createFile(target, { ignoreIfExists: false, overwrite: false });
  edit.insert(target, new vscode.Position(0, 0), await core.macroTemplate(template, name, corePath(target)));
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`ccmacro could not create ${vscode.workspace.asRelativePath(target)}.`);
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(target);
  await doc.save();
  // Pinned, not a preview tab: the user is about to edit it.
  await vscode.window.showTextDocument(doc, { preview: false });
  return target;
}

async function pickTemplate(core: CcmacroService): Promise<MacroTemplateKind | undefined> {
  const picked = await vscode.window.showQuickPick(
    (await core.macroTemplates()).map(t => ({ label: t.label, description: t.description, template: t.kind })),
    { title: 'New Webhook Macro', placeHolder: 'What should the macro send?' },
  );
  return picked?.template;
}

async function askName(): Promise<string | undefined> {
  const name = await vscode.window.showInputBox({
    title: 'New Webhook Macro',
    prompt: 'Name of the macro, as it appears in Centercode',
    placeHolder: 'Escalate blocker to Slack',
    validateInput: v => (v.trim() ? undefined : 'Enter a name for the macro.'),
  });
  return name?.trim() || undefined;
}

/** The new file's Uri: in the given folder, the active macro's folder, the first workspace folder, or one the user picks. */
async function targetFile(folderArg: vscode.Uri | string | undefined, name: string): Promise<vscode.Uri | undefined> {
  let folder = await asFolder(folderArg);
  const active = vscode.window.activeTextEditor?.document;
  if (!folder && active?.languageId === 'ccmacro' && !active.isUntitled) folder = vscode.Uri.joinPath(active.uri, '..');
  folder ??= vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) {
    const chosen = await vscode.window.showSaveDialog({
      title: 'Save the new macro',
      defaultUri: vscode.Uri.file(path.join(os.homedir(), `${slugify(name, 'macro')}${MACRO_FILE_SUFFIX}`)),
      filters: { 'Webhook macro': [MACRO_FILE_SUFFIX.slice(1)] },
    });
    if (!chosen) return undefined;
    return chosen.path.endsWith(MACRO_FILE_SUFFIX)
      ? chosen
      : chosen.with({ path: chosen.path.replace(/(\.json)?$/, MACRO_FILE_SUFFIX) });
  }
  return freeMacroUri(folder, name);
}

async function asFolder(arg: vscode.Uri | string | undefined): Promise<vscode.Uri | undefined> {
  if (!arg) return undefined;
  // A bare path gets the workspace's scheme and authority (vscode-remote://… in a remote window).
  const base = vscode.workspace.workspaceFolders?.[0]?.uri;
  let uri: vscode.Uri;
  if (typeof arg !== 'string') uri = arg;
  else if (!/^([a-zA-Z]:)?[\\/]/.test(arg) && base) uri = vscode.Uri.joinPath(base, arg);
  else uri = !base || base.scheme === 'file' ? vscode.Uri.file(arg) : base.with({ path: arg });
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    return stat.type & vscode.FileType.Directory ? uri : vscode.Uri.joinPath(uri, '..');
  } catch {
    return uri; // not there yet: createFile makes the folders
  }
}
