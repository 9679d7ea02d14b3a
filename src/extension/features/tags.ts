import * as path from 'node:path';
import * as vscode from 'vscode';
import { PROJECT_CATALOG_DIR, PROJECT_CATALOG_FILE, type TagCatalog } from '../../core/tags/catalog';
import { completeAt, jsonStringContent, type TagCompletionItem } from '../../core/tags/completion';
import { currentDefinitionRange, definitionAt } from '../../core/tags/definition';
import { hoverAt } from '../../core/tags/hover';
import { unterminatedTagFixes } from '../../core/tags/fixes';
import { analyzeMacro, tagAt, type MacroAnalysis } from '../../core/tags/locate';
import { scanPlaceholders } from '../../core/tags/scanner';
import { suggestTagName } from '../../core/tags/suggest';
import { macroScope } from '../../core/macro/model';
import { LineIndex } from '../../core/common/text';
import { corePath, uriForPath, workspaceFileSystem, workspaceSampleReach } from '../workspace';
import type { SampleChoice } from '../sampleSelection';
import type { ExtensionServices } from '../services';
import { diagnosticCode } from './diagnostics';
import { onDidChangeTagInputs } from '../tagInputs';

const SELECTOR: vscode.DocumentSelector = { language: 'ccmacro' };

/**
 * Tag completion, hover, go-to-definition and quick fixes for `((tags))` in ccmacro documents.
 * All smarts are in src/core/tags; this file adapts documents, offsets and edits to VS Code.
 * (Tags are coloured by the TextMate injection grammar; unknown tags are faded by the
 * `tag/unknown` diagnostic's Unnecessary tag, see features/diagnostics.ts.)
 */
export function registerTags(services: ExtensionServices): vscode.Disposable[] {
  const service = new TagService(services);
  const bump = () => service.invalidate();
  return [
    onDidChangeTagInputs(services.context)(bump),
    vscode.workspace.onDidChangeConfiguration(e => e.affectsConfiguration('ccmacro.tags') && bump()),
    services.samples.onDidChange(bump),
    vscode.workspace.onDidCloseTextDocument(d => service.forget(d)),
    vscode.languages.registerCompletionItemProvider(SELECTOR, new TagCompletionProvider(service), '(', '{', '$'),
    vscode.languages.registerHoverProvider(SELECTOR, new TagHoverProvider(service)),
    vscode.languages.registerDefinitionProvider(SELECTOR, new TagDefinitionProvider(service)),
    vscode.languages.registerCodeActionsProvider(SELECTOR, new TagCodeActionProvider(service), {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
  ];
}

interface TagContext {
  analysis: MacroAnalysis;
  catalog: TagCatalog;
  macroPath: string;
}

/** Parses each document version once and re-resolves catalogs only after a JSON file or setting changed. */
class TagService {
  constructor(private readonly services: ExtensionServices) {}
  private generation = 0;
  private readonly cache = new Map<string, { version: number; generation: number; ctx: Promise<TagContext> }>();
  private placeholderNames: { at: number; names: Promise<{ secrets: string[]; env: string[] }> } | undefined;

  invalidate(): void {
    this.generation++;
    this.placeholderNames = undefined;
  }

  forget(doc: vscode.TextDocument): void {
    this.cache.delete(doc.uri.toString());
  }

  contextFor(doc: vscode.TextDocument): Promise<TagContext> {
    const key = doc.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === doc.version && hit.generation === this.generation) return hit.ctx;
    const ctx = this.resolve(doc);
    this.cache.set(key, { version: doc.version, generation: this.generation, ctx });
    ctx.catch(() => this.cache.delete(key));
    return ctx;
  }

  private async resolve(doc: vscode.TextDocument): Promise<TagContext> {
    const analysis = analyzeMacro(doc.getText());
    const macroPath = corePath(doc.uri);
    const samples = analysis.parsed.macro?.samples;
    const catalog = await this.services.core.catalogs.resolve({
      macroPath,
      builtinCatalog: vscode.workspace
        .getConfiguration('ccmacro', doc.uri)
        .get<boolean>('tags.useBuiltinCatalog', true),
      samples: Array.isArray(samples) ? samples : [],
      activeSample: sampleForTags(this.services.samples.get(doc.uri)),
      // Catalogs only from the workspace folder (as diagnostics read them), samples as diagnostics read them.
      sampleReach: workspaceSampleReach(doc.uri, 'warn'),
    });
    return { analysis, catalog, macroPath };
  }

  /** ${secret:…} / ${env:…} names used in the workspace's macros (names only, never values). */
  knownPlaceholderNames(): Promise<{ secrets: string[]; env: string[] }> {
    if (this.placeholderNames && Date.now() - this.placeholderNames.at < 10_000) return this.placeholderNames.names;
    const names = (async () => {
      const secrets = new Set<string>();
      const env = new Set<string>();
      const uris = await vscode.workspace.findFiles('**/*.ccmacro.json', '**/node_modules/**', 500);
      for (const uri of uris) {
        const read = await workspaceFileSystem.readFile(corePath(uri));
        for (const p of scanPlaceholders(read.ok ? read.value : '')) (p.kind === 'secret' ? secrets : env).add(p.name);
      }
      return { secrets: [...secrets], env: [...env] };
    })();
    this.placeholderNames = { at: Date.now(), names };
    return names;
  }
}

class TagCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly service: TagService) {}

  async provideCompletionItems(
    doc: vscode.TextDocument,
    position: vscode.Position,
  ): Promise<vscode.CompletionItem[] | undefined> {
    const { analysis, catalog, macroPath } = await this.service.contextFor(doc);
    const offset = doc.offsetAt(position);
    // Placeholder names need a workspace scan: only when the cursor follows `${`.
    const wantsNames = doc
      .getText(new vscode.Range(position.with({ character: Math.max(0, position.character - 40) }), position))
      .includes('${');
    const names = wantsNames ? await this.service.knownPlaceholderNames() : undefined;
    const items = completeAt(analysis, offset, catalog, {
      macroDir: path.dirname(macroPath),
      knownSecrets: names?.secrets,
      knownEnv: names?.env,
    });
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

  private readonly pending = new WeakMap<vscode.CompletionItem, TagCompletionItem>();
}

function toCompletionItem(doc: vscode.TextDocument, i: TagCompletionItem): vscode.CompletionItem {
  const item = new vscode.CompletionItem(
    i.label,
    i.kind === 'tag' ? vscode.CompletionItemKind.Variable : vscode.CompletionItemKind.Constant,
  );
  item.insertText = i.isSnippet ? new vscode.SnippetString(i.insertText) : i.insertText;
  // One range for both insert and replace modes, so an existing `))` after the cursor is always replaced.
  item.range = new vscode.Range(doc.positionAt(i.range.start), doc.positionAt(i.range.end));
  item.filterText = i.filterText;
  item.sortText = i.sortText;
  item.detail = i.detail;
  // Placeholder items are few and cheap; tag documentation waits for resolveCompletionItem.
  if (i.kind !== 'tag') item.documentation = new vscode.MarkdownString(i.documentation);
  return item;
}

class TagHoverProvider implements vscode.HoverProvider {
  constructor(private readonly service: TagService) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const { analysis, catalog, macroPath } = await this.service.contextFor(doc);
    const h = hoverAt(analysis, doc.offsetAt(position), catalog, path.dirname(macroPath));
    if (!h) return undefined;
    return new vscode.Hover(
      new vscode.MarkdownString(h.markdown),
      new vscode.Range(doc.positionAt(h.range.start), doc.positionAt(h.range.end)),
    );
  }
}

class TagDefinitionProvider implements vscode.DefinitionProvider {
  constructor(private readonly service: TagService) {}

  async provideDefinition(
    doc: vscode.TextDocument,
    position: vscode.Position,
  ): Promise<vscode.LocationLink[] | undefined> {
    const { analysis, catalog } = await this.service.contextFor(doc);
    const d = definitionAt(analysis, doc.offsetAt(position), catalog);
    if (!d) return undefined;
    const origin = new vscode.Range(doc.positionAt(d.tagRange.start), doc.positionAt(d.tagRange.end));
    const links: vscode.LocationLink[] = [];
    for (const loc of d.locations) {
      const read = await workspaceFileSystem.readFile(loc.path);
      if (!read.ok) continue;
      const text = read.value;
      const lines = new LineIndex(text);
      const current = currentDefinitionRange(loc, text);
      const range = toRange(lines, current.start, current.end);
      links.push({
        originSelectionRange: origin,
        targetUri: uriForPath(loc.path, doc.uri),
        targetRange: range,
        targetSelectionRange: range,
      });
    }
    return links;
  }
}

class TagCodeActionProvider implements vscode.CodeActionProvider {
  constructor(private readonly service: TagService) {}

  async provideCodeActions(
    doc: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    const unknown = context.diagnostics.filter(d => d.source === 'ccmacro' && diagnosticCode(d) === 'tag/unknown');
    const unterminated = context.diagnostics.filter(
      d => d.source === 'ccmacro' && diagnosticCode(d) === 'tag/unterminated',
    );
    if (!unknown.length && !unterminated.length) return [];
    const { analysis, catalog } = await this.service.contextFor(doc);
    const scope = macroScope(analysis.parsed.macro);
    const actions: vscode.CodeAction[] = [];
    for (const diag of unterminated) {
      for (const f of unterminatedTagFixes(analysis, doc.offsetAt(diag.range.start) + 1)) {
        const fix = new vscode.CodeAction(f.title, vscode.CodeActionKind.QuickFix);
        fix.edit = new vscode.WorkspaceEdit();
        fix.edit.replace(doc.uri, new vscode.Range(doc.positionAt(f.start), doc.positionAt(f.end)), f.newText);
        fix.diagnostics = [diag];
        actions.push(fix);
      }
    }
    for (const diag of unknown) {
      // Re-read the tag from the current text (the diagnostic may be a keystroke old).
      const hit = tagAt(analysis, doc.offsetAt(diag.range.start) + 2);
      if (!hit || hit.token.kind !== 'tag' || !hit.nameRange || catalog.tags.has(hit.token.name)) continue;
      const name = hit.token.name;
      const suggestion = suggestTagName(name, catalog, scope);
      if (suggestion !== undefined) {
        const fix = new vscode.CodeAction(`Change to ((${suggestion}))`, vscode.CodeActionKind.QuickFix);
        fix.edit = new vscode.WorkspaceEdit();
        fix.edit.replace(
          doc.uri,
          new vscode.Range(doc.positionAt(hit.nameRange.start), doc.positionAt(hit.nameRange.end)),
          jsonStringContent(suggestion),
        );
        fix.diagnostics = [diag];
        fix.isPreferred = true;
        actions.push(fix);
      }
      const target = catalogTarget(doc, catalog);
      const read = await workspaceFileSystem.readFile(target);
      // A catalog that exists but cannot be read (not UTF-8, …) is never overwritten.
      if (!read.ok && read.error.kind !== 'missing') continue;
      const existing = read.ok ? read.value : undefined;
      const add = new vscode.CodeAction(
        `Add ((${name})) to ${displayPath(doc, target)}`,
        vscode.CodeActionKind.QuickFix,
      );
      add.edit = new vscode.WorkspaceEdit();
      const uri = uriForPath(target, doc.uri);
      // jsonc-parser's editing code loads with the first quick fix, not at activation (a lazy chunk).
      const { addTagToCatalogEdits } = await import('../../core/tags/catalogEdit');
      const edits = addTagToCatalogEdits(existing, name, scope);
      if (edits.length === 0) continue;
      if (existing === undefined) {
        add.edit.createFile(uri, { ignoreIfExists: true });
        add.edit.insert(uri, new vscode.Position(0, 0), edits.map(e => e.content).join(''));
      } else {
        const lines = new LineIndex(existing);
        for (const e of edits) add.edit.replace(uri, toRange(lines, e.offset, e.offset + e.length), e.content);
      }
      add.diagnostics = [diag];
      actions.push(add);
    }
    return actions;
  }
}

/**
 * Where "Add to tags.json" writes: the nearest project catalog that already exists inside the
 * workspace folder, else `.ccmacro/tags.json` at the workspace folder's root (the macro's folder outside a workspace).
 */
function catalogTarget(doc: vscode.TextDocument, catalog: TagCatalog): string {
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
  const root = folder ? corePath(folder.uri) : path.dirname(corePath(doc.uri));
  const inside = catalog.catalogPaths.filter(
    p => p === path.join(root, PROJECT_CATALOG_DIR, PROJECT_CATALOG_FILE) || p.startsWith(root + path.sep),
  );
  return inside.length ? inside[inside.length - 1] : path.join(root, PROJECT_CATALOG_DIR, PROJECT_CATALOG_FILE);
}

function displayPath(doc: vscode.TextDocument, p: string): string {
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
  return folder ? path.relative(corePath(folder.uri), p).split(path.sep).join('/') : p;
}

function toRange(lines: LineIndex, start: number, end: number): vscode.Range {
  const s = lines.positionAt(start);
  const e = lines.positionAt(end);
  return new vscode.Range(s.line, s.character, e.line, e.character);
}

/** The picked sample item as the tag catalog takes it (a sample file's path or "builtin:ID"). */
function sampleForTags(choice: SampleChoice | undefined): { path: string; index: number } | undefined {
  return choice && { path: choice.id, index: choice.index };
}
