import * as vscode from 'vscode';
import { splitHeaderLine, type CentercodeInput } from '../../core/centercode/form';
import { freeMacroUri } from '../workspace';

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
export async function newMacroFromCentercode(args?: NewFromCentercodeArgs): Promise<string | undefined> {
  const input =
    args && typeof args === 'object' && typeof args.body === 'string' && typeof args.url === 'string'
      ? (args as CentercodeInput)
      : await askForForm();
  if (!input) return undefined;
  const { fromCentercodeForm } = await import('../../core/centercode/form');
  const made = fromCentercodeForm(input);
  const name = JSON.parse(made.text).name as string;
  const target = args?.target
    ? typeof args.target === 'string'
      ? vscode.Uri.parse(args.target)
      : args.target
    : await defaultTarget(name);

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

async function askForForm(): Promise<CentercodeInput | undefined> {
  // Browser-hosted VS Code may refuse to read the clipboard: then the body is typed or pasted instead.
  const clip = (
    await vscode.env.clipboard.readText().then(
      t => t,
      () => '',
    )
  ).trim();
  let body: string | undefined;
  if (clip) {
    const lines = clip.split(/\r?\n/).length;
    const choice = await vscode.window.showQuickPick(
      [
        {
          label: 'Use the body on the clipboard',
          detail: `${clip.slice(0, 100).replace(/\s+/g, ' ')}${clip.length > 100 ? '…' : ''} (${lines} line${lines === 1 ? '' : 's'})`,
          id: 'clip',
        },
        { label: 'Type or paste the body', id: 'type' },
        { label: 'No body', id: 'none' },
      ],
      {
        title: 'New macro from Centercode (1/4): body',
        placeHolder: "Copy the Body field of Centercode's webhook form first",
      },
    );
    if (!choice) return undefined;
    body = choice.id === 'clip' ? clip : choice.id === 'none' ? '' : undefined;
  }
  if (body === undefined) {
    body = await vscode.window.showInputBox({
      title: 'New macro from Centercode (1/4): body',
      prompt: "Paste the Body field of Centercode's webhook form (empty for none)",
      ignoreFocusOut: true,
    });
    if (body === undefined) return undefined;
  }
  const url = await vscode.window.showInputBox({
    title: 'New macro from Centercode (2/4): URL',
    prompt: 'The webhook URL. A Slack webhook URL is stored as a secret, not in the file.',
    placeHolder: 'https://…',
    ignoreFocusOut: true,
    validateInput: v => (v.trim() ? undefined : 'The URL is required'),
  });
  if (url === undefined) return undefined;
  const method = await vscode.window.showQuickPick(['POST', 'PUT', 'PATCH', 'GET', 'DELETE'], {
    title: 'New macro from Centercode (3/4): method',
  });
  if (!method) return undefined;
  const headers = await vscode.window.showInputBox({
    title: 'New macro from Centercode (4/4): headers',
    prompt:
      'Optional. "Name: value", several separated by ";" before the next name, e.g. Content-Type: application/json; X-Team: QA',
    ignoreFocusOut: true,
  });
  if (headers === undefined) return undefined;
  return { body, url, method, headers: splitHeaderLine(headers) };
}

async function defaultTarget(name: string): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return undefined;
  const macros = vscode.Uri.joinPath(folder.uri, 'macros');
  let dir = folder.uri;
  try {
    if ((await vscode.workspace.fs.stat(macros)).type === vscode.FileType.Directory) dir = macros;
  } catch {
    /* no macros/ folder: use the root */
  }
  return freeMacroUri(dir, name);
}
