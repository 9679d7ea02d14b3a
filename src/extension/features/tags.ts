import * as vscode from 'vscode';
import type { TagOptions } from '../../core';
import { MACRO_FILE_GLOB } from '../../core/macro/fileName';
import type { TagCompletionItem } from '../../core/tags/completion';
import type { TagQuickFix } from '../../core/tags/quickFixes';
import type { ExtensionServices } from '../services';
import { corePath, macroDocument, uriForPath, workspaceSampleReach } from '../workspace';
import { diagnosticCode } from './diagnostics';

const SELECTOR: vscode.DocumentSelector = { language: 'ccmacro' };
/** How long the workspace's ${secret:}/${env:} names are kept before the macros are scanned again. */
const PLACEHOLDER_NAMES_MS = 10_000;

/**
 * Tag completion, hover, go-to-definition and quick fixes for `((tags))` in ccmacro documents.
 * All smarts are the core service's (src/core/service/tags.ts); this file adapts documents, offsets and edits to
 * VS Code. (Tags are coloured by the TextMate injection grammar; unknown tags are faded by the
 * `tag/unknown` diagnostic's Unnecessary tag, see features/diagnostics.ts.)
 */
export function registerTags(services: ExtensionServices): vscode.Disposable[] {
  const bump = () => services.core.tagInputsChanged();
  return [
    services.tagInputs.onDidChange(bump),
    vscode.workspace.onDidChangeConfiguration(e => e.affectsConfiguration('ccmacro.tags') && bump()),
    services.samples.onDidChange(bump),
    vscode.languages.registerCompletionItemProvider(SELECTOR, new TagCompletionProvider(services), '(', '[', '{', '$'),
    vscode.languages.registerHoverProvider(SELECTOR, {
      async provideHover(doc, position, token) {
        const h = await services.core.hover(
          macroDocument(doc),
          doc.offsetAt(position),
          tagOptions(services, doc),
          token,
        );
        if (!h) return undefined;
        return new vscode.Hover(new vscode.MarkdownString(h.markdown), toRange(doc, h.range));
      },
    }),
    vscode.languages.registerDefinitionProvider(SELECTOR, {
      async provideDefinition(doc, position, token) {
        const d = await services.core.definition(
          macroDocument(doc),
          doc.offsetAt(position),
          tagOptions(services, doc),
          token,
        );
        if (!d) return undefined;
        const origin = toRange(doc, d.tagRange);
        return d.targets.map((t): vscode.LocationLink => {
          const range = new vscode.Range(t.start.line, t.start.character, t.end.line, t.end.character);
          return {
            originSelectionRange: origin,
            targetUri: uriForPath(t.path),
            targetRange: range,
            targetSelectionRange: range,
          };
        });
      },
    }),
    vscode.languages.registerCodeActionsProvider(SELECTOR, new TagCodeActionProvider(services), {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
  ];
}

/** The settings and the picked sample item a macro's tags are resolved with. */
function tagOptions(services: ExtensionServices, doc: vscode.TextDocument): TagOptions {
  const picked = services.samples.get(doc.uri);
  return {
    builtinCatalog: vscode.workspace.getConfiguration('ccmacro', doc.uri).get<boolean>('tags.useBuiltinCatalog', true),
    ...(picked ? { activeSample: { path: picked.id, index: picked.index } } : {}),
    // Catalogs only from the workspace folder (as diagnostics read them), samples as diagnostics read them.
    sampleReach: workspaceSampleReach(doc.uri, 'warn'),
  };
}

function toRange(doc: vscode.TextDocument, r: { start: number; end: number }): vscode.Range {
  return new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end));
}

class TagCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly services: ExtensionServices) {}
  private placeholderNames: { at: number; names: Promise<{ secrets: string[]; env: string[] }> } | undefined;
  private readonly pending = new WeakMap<vscode.CompletionItem, TagCompletionItem>();

  async provideCompletionItems(
    doc: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.CompletionItem[] | undefined> {
    // Placeholder names need a workspace scan: only when the cursor follows `${`.
    const wantsNames = doc
      .getText(new vscode.Range(position.with({ character: Math.max(0, position.character - 40) }), position))
      .includes('${');
    const names = wantsNames ? await this.knownPlaceholderNames() : undefined;
    const items = await this.services.core.completions(
      macroDocument(doc),
      doc.offsetAt(position),
      { ...tagOptions(this.services, doc), knownSecrets: names?.secrets, knownEnv: names?.env },
      token,
    );
    if (!items) return undefined;
    return items.map(i => {
      const item = toCompletionItem(doc, i);
      this.pending.set(item, i);
      return item;
    });
  }

  /** Documentation is built for the item in focus only (thousands of tags would otherwise cost every list). */
  resolveCompletionItem(item: vscode.CompletionItem): vscode.CompletionItem {
    const core = this.pending.get(item);
    if (core && !item.documentation) item.documentation = new vscode.MarkdownString(core.documentation);
    return item;
  }

  /** ${secret:…} / ${env:…} names used in the workspace's macros (names only, never values). */
  private knownPlaceholderNames(): Promise<{ secrets: string[]; env: string[] }> {
    const now = Date.now();
    if (this.placeholderNames && now - this.placeholderNames.at < PLACEHOLDER_NAMES_MS)
      return this.placeholderNames.names;
    const names = (async () => {
      const uris = await vscode.workspace.findFiles(MACRO_FILE_GLOB, '**/node_modules/**', 500);
      return this.services.core.placeholderNames(uris.map(corePath));
    })();
    this.placeholderNames = { at: now, names };
    return names;
  }
}

function toCompletionItem(doc: vscode.TextDocument, i: TagCompletionItem): vscode.CompletionItem {
  const item = new vscode.CompletionItem(
    i.label,
    i.kind === 'tag' ? vscode.CompletionItemKind.Variable : vscode.CompletionItemKind.Constant,
  );
  item.insertText = i.isSnippet ? new vscode.SnippetString(i.insertText) : i.insertText;
  // One range for both insert and replace modes, so an existing `))` after the cursor is always replaced.
  item.range = toRange(doc, i.range);
  item.filterText = i.filterText;
  item.sortText = i.sortText;
  item.detail = i.detail;
  // Placeholder items are few and cheap; tag documentation waits for resolveCompletionItem.
  if (i.kind !== 'tag') item.documentation = new vscode.MarkdownString(i.documentation);
  return item;
}

class TagCodeActionProvider implements vscode.CodeActionProvider {
  constructor(private readonly services: ExtensionServices) {}

  async provideCodeActions(
    doc: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeAction[]> {
    const withCode = (code: string) =>
      context.diagnostics.filter(d => d.source === 'ccmacro' && diagnosticCode(d) === code);
    const diagnostics = [
      ...withCode('tag/unterminated'),
      ...withCode('tag/unknown'),
      ...withCode('tag/other-syntax'),
      ...withCode('render/missing-tag'),
    ];
    if (!diagnostics.length) return [];
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    const fixes = await this.services.core.tagFixes(
      macroDocument(doc),
      diagnostics.map(d => ({ code: diagnosticCode(d)!, offset: doc.offsetAt(d.range.start) })),
      { ...tagOptions(this.services, doc), ...(folder ? { catalogRoot: corePath(folder.uri) } : {}) },
      token,
    );
    return fixes.map(f => toCodeAction(doc, f, diagnostics[f.problem]));
  }
}

function toCodeAction(doc: vscode.TextDocument, f: TagQuickFix, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction(f.title, vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  for (const e of f.edits ?? []) action.edit.replace(doc.uri, toRange(doc, e), e.newText);
  if (f.fileEdit) {
    const uri = uriForPath(f.fileEdit.path);
    if (f.fileEdit.create !== undefined) {
      action.edit.createFile(uri, { ignoreIfExists: true });
      action.edit.insert(uri, new vscode.Position(0, 0), f.fileEdit.create);
    }
    for (const e of f.fileEdit.edits ?? [])
      action.edit.replace(
        uri,
        new vscode.Range(e.start.line, e.start.character, e.end.line, e.end.character),
        e.newText,
      );
  }
  action.diagnostics = [diagnostic];
  if (f.preferred) action.isPreferred = true;
  return action;
}
