import * as vscode from 'vscode';
import { ENVIRONMENTS_DIR, ENVIRONMENTS_FILE, ENVIRONMENTS_LOCAL_FILE } from '../../core/environments/names';
import { gitignoreAddition, NEW_ENVIRONMENTS_TEXT } from '../../core/environments/newFile';
import type { Problem } from '../../core/common/problem';
import { visible } from '../../core/common/controlChars';
import type { ExtensionServices } from '../services';
import { registerTestHooks } from '../testHooks';
import { corePath, macroDocument, workspaceRelativePath, workspaceSampleReach } from '../workspace';

const SELECTOR: vscode.DocumentSelector = { language: 'ccmacro' };

/** Is this an environments file (committed or local)? */
function isEnvironmentsFile(uri: vscode.Uri): boolean {
  return uri.path.endsWith(`/${ENVIRONMENTS_FILE}`) || uri.path.endsWith(`/${ENVIRONMENTS_LOCAL_FILE}`);
}

/** The macro or environments file in an editor, whose environment the status bar shows. */
function environmentDocument(doc: vscode.TextDocument | undefined): vscode.Uri | undefined {
  if (!doc) return undefined;
  return doc.languageId === 'ccmacro' || doc.fileName.endsWith('.ccmacro.json') || isEnvironmentsFile(doc.uri)
    ? doc.uri
    : undefined;
}

/**
 * Environments in the editor: the active one in the status bar (click to switch), "ccmacro: Select Environment",
 * "ccmacro: New Environment File", completion and hover for `${var:…}`, and the environment files' own problems.
 * All cheap: the values come from the core's environment files (read once while unchanged).
 */
export function registerEnvironments(services: ExtensionServices): vscode.Disposable[] {
  const active = services.environments;
  const item = vscode.window.createStatusBarItem('ccmacro.environment', vscode.StatusBarAlignment.Left, 60);
  item.name = 'ccmacro: active environment';
  item.command = 'ccmacro.selectEnvironment';
  const fileProblems = vscode.languages.createDiagnosticCollection('ccmacro-environments');

  let shownFor: vscode.Uri | undefined;
  const update = async () => {
    const uri = environmentDocument(vscode.window.activeTextEditor?.document);
    shownFor = uri;
    if (!uri) {
      item.hide();
      return;
    }
    const { envs, name } = await active.forMacro(uri);
    if (shownFor !== uri) return;
    if (!envs || name === undefined) {
      item.text = '$(server-environment) No environment';
      item.tooltip = `ccmacro: no ${ENVIRONMENTS_FILE} with an environment in this folder or above. Click to create one.`;
      item.backgroundColor = undefined;
    } else {
      const confirm = envs.confirm(name);
      item.text = `$(server-environment) ${visible(name)}`;
      item.tooltip = `ccmacro: \${var:NAME} values come from the environment "${visible(name)}"${confirm ? ' (asks before the first send in a session)' : ''}. Click to switch.`;
      // An environment that asks before sending (production) stands out, so nobody sends there by mistake.
      item.backgroundColor = confirm ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    }
    item.show();
  };

  const checkFile = async (doc: vscode.TextDocument) => {
    if (!isEnvironmentsFile(doc.uri)) return;
    const version = doc.version;
    const problems = await services.core.environmentFileProblems(corePath(doc.uri), doc.getText());
    if (doc.isClosed || doc.version !== version) return;
    fileProblems.set(
      doc.uri,
      problems.map((p: Problem) => {
        const d = new vscode.Diagnostic(
          new vscode.Range(doc.positionAt(p.range.start), doc.positionAt(p.range.end)),
          p.message,
          p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
        );
        d.code = p.code;
        d.source = 'ccmacro';
        return d;
      }),
    );
  };
  setTimeout(() => vscode.workspace.textDocuments.forEach(d => void checkFile(d)), 0);
  setTimeout(() => void update(), 0);

  const select = async (arg?: unknown): Promise<string | undefined> => {
    const doc = vscode.window.activeTextEditor?.document;
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    // A file's environments are its folder's: for the workspace folder itself, a name inside it.
    const folder = environmentDocument(doc) ?? doc?.uri ?? (root && vscode.Uri.joinPath(root, '_'));
    const { envs, name: current } = folder ? await active.forMacro(folder) : {};
    // A name argument skips the question (keybindings, tests); it must be one the project has.
    if (typeof arg === 'string') {
      if (envs && !envs.has(arg)) {
        void vscode.window.showErrorMessage(
          `There is no environment "${visible(arg)}": the environments are ${envs.names().join(', ') || 'none'}.`,
        );
        return undefined;
      }
      await active.choose(arg);
      return arg;
    }
    if (!envs || envs.names().length === 0) {
      const choice = await vscode.window.showInformationMessage(
        `There is no ${ENVIRONMENTS_FILE} with an environment in this folder or above.`,
        'New Environment File',
      );
      if (choice) await vscode.commands.executeCommand('ccmacro.newEnvironmentFile');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      envs.names().map(n => ({
        label: n,
        description: [n === current ? 'active' : '', envs.confirm(n) ? 'asks before sending' : '']
          .filter(Boolean)
          .join(' · '),
      })),
      { title: 'ccmacro: Select Environment', placeHolder: `\${var:NAME} values come from (now: ${current})` },
    );
    if (!picked) return undefined;
    await active.choose(picked.label);
    return picked.label;
  };

  const newFile = async (arg?: unknown): Promise<string | undefined> => {
    const doc = vscode.window.activeTextEditor?.document;
    const folder =
      arg instanceof vscode.Uri
        ? arg
        : ((doc && vscode.workspace.getWorkspaceFolder(doc.uri)?.uri) ?? vscode.workspace.workspaceFolders?.[0]?.uri);
    if (!folder) {
      void vscode.window.showErrorMessage('Open a folder first: the environments file belongs to a project.');
      return undefined;
    }
    const file = vscode.Uri.joinPath(folder, ENVIRONMENTS_FILE);
    const ignore = vscode.Uri.joinPath(folder, '.gitignore');
    const exists = async (u: vscode.Uri) =>
      vscode.workspace.fs.stat(u).then(
        () => true,
        () => false,
      );
    const edit = new vscode.WorkspaceEdit();
    const hadFile = await exists(file);
    if (!hadFile) {
      edit.createFile(file, { ignoreIfExists: true, contents: new TextEncoder().encode(NEW_ENVIRONMENTS_TEXT) });
    }
    // The private overlay never enters git: one line in the folder's .gitignore, in the same undoable edit.
    let ignoreText: string | undefined;
    if (await exists(ignore)) ignoreText = (await vscode.workspace.openTextDocument(ignore)).getText();
    const addition = gitignoreAddition(ignoreText);
    if (addition !== undefined) {
      if (ignoreText === undefined)
        edit.createFile(ignore, { ignoreIfExists: true, contents: new TextEncoder().encode(addition) });
      else {
        const ignoreDoc = await vscode.workspace.openTextDocument(ignore);
        edit.insert(ignore, ignoreDoc.positionAt(ignoreDoc.getText().length), addition);
      }
    }
    if (edit.size > 0 && !(await vscode.workspace.applyEdit(edit, { isRefactoring: false }))) {
      void vscode.window.showErrorMessage(`ccmacro could not create ${ENVIRONMENTS_FILE}.`);
      return undefined;
    }
    if (ignoreText !== undefined && addition !== undefined) {
      // Saved so git sees it at once; Undo (in the .gitignore editor) takes the line away again.
      await (await vscode.workspace.openTextDocument(ignore)).save();
    }
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    if (!hadFile)
      void vscode.window.showInformationMessage(
        `Created ${workspaceRelativePath(file)}${addition !== undefined ? ` and added ${ENVIRONMENTS_LOCAL_FILE} to .gitignore` : ''}. Use \${var:NAME} in a macro; your own values go in ${ENVIRONMENTS_LOCAL_FILE}.`,
      );
    active.refresh();
    return file.toString();
  };

  return [
    item,
    fileProblems,
    vscode.window.onDidChangeActiveTextEditor(() => void update()),
    active.onDidChange(() => void update()),
    vscode.workspace.onDidOpenTextDocument(d => void checkFile(d)),
    vscode.workspace.onDidChangeTextDocument(e => {
      if (!isEnvironmentsFile(e.document.uri)) return;
      void checkFile(e.document);
      active.refresh();
    }),
    vscode.workspace.onDidCloseTextDocument(d => isEnvironmentsFile(d.uri) && fileProblems.delete(d.uri)),
    (() => {
      const w = vscode.workspace.createFileSystemWatcher(`**/${ENVIRONMENTS_DIR}/environments*.json`);
      const changed = () => active.refresh();
      return vscode.Disposable.from(w, w.onDidChange(changed), w.onDidCreate(changed), w.onDidDelete(changed));
    })(),
    vscode.commands.registerCommand('ccmacro.selectEnvironment', select),
    vscode.commands.registerCommand('ccmacro.newEnvironmentFile', newFile),
    vscode.languages.registerCompletionItemProvider(
      SELECTOR,
      {
        async provideCompletionItems(doc, position) {
          const before = doc.getText(
            new vscode.Range(position.with({ character: Math.max(0, position.character - 40) }), position),
          );
          if (!before.includes('${')) return undefined;
          const { name } = await active.forMacro(doc.uri);
          const items = await services.core.varCompletions(
            macroDocument(doc),
            doc.offsetAt(position),
            name,
            workspaceSampleReach(doc.uri, 'warn'),
          );
          return items?.map(i => {
            const c = new vscode.CompletionItem(i.insertText, vscode.CompletionItemKind.Constant);
            c.insertText = i.insertText;
            c.range = new vscode.Range(doc.positionAt(i.range.start), doc.positionAt(i.range.end));
            c.filterText = i.filterText;
            c.sortText = `0var:${i.name}`;
            c.detail = 'environment value';
            c.documentation = new vscode.MarkdownString(i.documentation);
            return c;
          });
        },
      },
      '{',
      '$',
      ':',
    ),
    vscode.languages.registerHoverProvider(SELECTOR, {
      async provideHover(doc, position) {
        const { name } = await active.forMacro(doc.uri);
        const h = await services.core.varHover(
          macroDocument(doc),
          doc.offsetAt(position),
          name,
          workspaceSampleReach(doc.uri, 'warn'),
        );
        if (!h) return undefined;
        return new vscode.Hover(
          new vscode.MarkdownString(h.markdown),
          new vscode.Range(doc.positionAt(h.range.start), doc.positionAt(h.range.end)),
        );
      },
    }),
    ...registerTestHooks(services.context, {
      environmentStatusText: () => (shownFor ? item.text : undefined),
      environmentStatusCommand: () => item.command,
      activeEnvironment: async (uri?: string) =>
        (await active.forMacro(uri ? vscode.Uri.parse(uri) : vscode.window.activeTextEditor!.document.uri)).name,
    }),
  ];
}
