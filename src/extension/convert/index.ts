import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatProblem, type Problem } from '../../core/common/problem';
import { LineIndex } from '../../core/common/text';
import { PROJECT_CONFIG_FILE, PROJECT_DIR } from '../../core/project/files';
import { isTagSyntaxId, tagSyntaxOf, TAG_SYNTAX_IDS, type TagSyntaxId } from '../../core/project/tagSyntax';
import type { ExtensionServices } from '../services';
import { corePath, uriForPath, workspaceFileSystem } from '../workspace';

/** Arguments that skip the questions (tests, other commands). */
export interface ConvertTagSyntaxArgs {
  syntax?: TagSyntaxId;
  /**
   * The folder whose macros to convert (its URI as a string or a Uri): a workspace folder or a folder in one (the
   * Explorer's context menu); default: the only workspace folder, else asked.
   */
  folder?: string | vscode.Uri;
}

/**
 * "ccmacro: Convert Tag Syntax…": every macro of a folder and the project setting that governs it
 * (`.ccmacro/config.json`, created at the workspace folder's root when there is none) to ((Tag)) or [[Tag]], as one
 * undoable WorkspaceEdit, as `ccmacro convert` does. When any macro cannot be converted without changing what it sends,
 * or a macro outside the folder uses the same setting (it would be left behind), nothing changes and the located
 * reasons are shown. Returns what it did, in words (for tests), or undefined when cancelled.
 */
export async function convertTagSyntaxCommand(
  services: ExtensionServices,
  args: ConvertTagSyntaxArgs = {},
): Promise<string | undefined> {
  const picked = await pickFolder(args.folder);
  if (!picked) return undefined;
  const { folder, scope } = picked;
  const root = corePath(folder.uri);
  const id = args.syntax ?? (await pickSyntax());
  if (!id || !isTagSyntaxId(id)) return undefined;
  const to = tagSyntaxOf(id);

  const uris = await vscode.workspace.findFiles(
    new vscode.RelativePattern(scope, '**/*.ccmacro.json'),
    '**/node_modules/**',
  );
  const edit = new vscode.WorkspaceEdit();
  const refusals: string[] = [];
  const configs = new Map<string, boolean>();
  let tags = 0;
  let files = 0;
  for (const uri of uris.sort((a, b) => a.toString().localeCompare(b.toString()))) {
    const file = corePath(uri);
    const config = await services.core.projectConfig(file);
    if (config.tagSyntax.id === to.id) continue;
    configs.set(config.path ?? path.join(root, PROJECT_DIR, PROJECT_CONFIG_FILE), config.path !== undefined);
    const read = await workspaceFileSystem.readFile(file);
    if (!read.ok) {
      refusals.push(`${vscode.workspace.asRelativePath(uri)}: cannot read this file: ${read.error.message}`);
      continue;
    }
    const converted = await services.core.convertTagSyntax({ path: file, text: read.value }, to.id);
    if (!converted.ok) {
      const lines = new LineIndex(read.value);
      for (const p of converted.error) refusals.push(located(uri, p, lines));
      continue;
    }
    if (converted.value.tags === 0) continue;
    files++;
    tags += converted.value.tags;
    const lines = new LineIndex(read.value);
    for (const e of converted.value.edits) edit.replace(uri, range(lines, e.start, e.end), e.newText);
  }
  // As `ccmacro convert`: every macro a changed setting governs changes with it (none is left in the old syntax).
  const inScope = new Set(uris.map(u => corePath(u)));
  for (const configPath of configs.keys()) {
    const projectDir = path.dirname(path.dirname(configPath));
    const governed = await vscode.workspace.findFiles(
      new vscode.RelativePattern(uriForPath(projectDir), '**/*.ccmacro.json'),
      '**/node_modules/**',
    );
    for (const uri of governed) {
      const file = corePath(uri);
      if (inScope.has(file)) continue;
      const config = await services.core.projectConfig(file);
      if ((config.path ?? path.join(root, PROJECT_DIR, PROJECT_CONFIG_FILE)) !== configPath) continue;
      refusals.push(
        `${vscode.workspace.asRelativePath(uri)}: this macro uses the same project setting (${vscode.workspace.asRelativePath(uriForPath(configPath))}), so it must be converted too: convert a folder that holds both [convert/left-out]`,
      );
    }
  }
  if (refusals.length) {
    services.log.error(`Convert Tag Syntax: nothing was converted.\n${refusals.join('\n')}`);
    void vscode.window.showErrorMessage(
      `No file was converted to ${to.wrap('Tag')}: ${refusals[0]}${refusals.length > 1 ? ` (and ${refusals.length - 1} more, see the ccmacro output)` : ''}`,
    );
    return `refused: ${refusals.join('\n')}`;
  }
  // The project setting, even when no macro needed a change (there was none, or none held a tag).
  if (configs.size === 0 && !(await services.core.projectConfig(path.join(root, 'x.ccmacro.json'))).path)
    if (to.id !== 'parentheses') configs.set(path.join(root, PROJECT_DIR, PROJECT_CONFIG_FILE), false);
  for (const [configPath, exists] of configs) {
    const uri = uriForPath(configPath);
    const read = exists ? await workspaceFileSystem.readFile(configPath) : undefined;
    const text = read?.ok ? read.value : undefined;
    const e = await services.core.tagSyntaxConfigEdit(text, to.id);
    if (text === undefined) {
      edit.createFile(uri, { ignoreIfExists: true });
      edit.insert(uri, new vscode.Position(0, 0), e.newText);
    } else {
      const lines = new LineIndex(text);
      edit.replace(uri, range(lines, e.start, e.end), e.newText);
    }
  }
  if (edit.size === 0) {
    const said = `Every macro in ${folder.name} already writes its tags ${to.wrap('Tag')}.`;
    void vscode.window.showInformationMessage(said);
    return said;
  }
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage('ccmacro could not convert the files (they may have changed meanwhile).');
    return undefined;
  }
  const said = `Converted ${tags} tag${tags === 1 ? '' : 's'} in ${files} macro${files === 1 ? '' : 's'} to ${to.wrap('Tag')}, and set "tagSyntax": "${to.id}" in ${[...configs.keys()].map(p => vscode.workspace.asRelativePath(uriForPath(p))).join(', ')}. Undo (Ctrl+Z in each file) or save.`;
  void vscode.window.showInformationMessage(said);
  return said;
}

function located(uri: vscode.Uri, p: Problem, lines: LineIndex): string {
  return formatProblem(vscode.workspace.asRelativePath(uri), p, lines);
}

function range(lines: LineIndex, start: number, end: number): vscode.Range {
  const s = lines.positionAt(start);
  const e = lines.positionAt(end);
  return new vscode.Range(s.line, s.character, e.line, e.character);
}

/** The workspace folder, and the folder in it whose macros are converted (the whole workspace folder by default). */
async function pickFolder(
  arg: ConvertTagSyntaxArgs['folder'],
): Promise<{ folder: vscode.WorkspaceFolder; scope: vscode.Uri } | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (arg !== undefined) {
    const scope = typeof arg === 'string' ? vscode.Uri.parse(arg) : arg;
    const folder = vscode.workspace.getWorkspaceFolder(scope);
    if (!folder) {
      void vscode.window.showErrorMessage('Convert Tag Syntax converts the macros of a folder in the workspace.');
      return undefined;
    }
    return { folder, scope };
  }
  if (folders.length === 0) {
    void vscode.window.showInformationMessage('Open a folder with ccmacro macros to convert their tag syntax.');
    return undefined;
  }
  const folder =
    folders.length === 1
      ? folders[0]
      : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Convert the macros of which folder?' });
  return folder && { folder, scope: folder.uri };
}

async function pickSyntax(): Promise<TagSyntaxId | undefined> {
  const items = TAG_SYNTAX_IDS.map(id => {
    const s = tagSyntaxOf(id);
    return {
      id,
      label: s.wrap('Tag'),
      description: id,
      detail:
        id === 'parentheses'
          ? "Centercode's Team and Legacy editions (their webhook guides); ccmacro's default"
          : "Centercode's newer platform, as reported (see docs/tags.md)",
    };
  });
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: 'Write the tags of every macro in this folder as…',
  });
  return picked?.id;
}
