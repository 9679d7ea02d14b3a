import type { MacroScope } from '../macro/model';
import { macroScope } from '../macro/model';
import { decodeStringNode } from '../macro/sites';
import type { OffsetRange } from '../common/text';
import { tagFitsScope, type TagCatalog } from './catalog';
import { describeTag, tagDetail } from './describe';
import { siteAt, valueIndexAt, type MacroAnalysis } from './locate';
import { scanTags } from './scanner';
import type { TagSyntax } from '../project/tagSyntax';

export interface TagCompletionItem {
  label: string;
  kind: 'tag' | 'placeholder';
  /** Plain text, or a snippet when isSnippet. Already escaped for a JSON string. */
  insertText: string;
  isSnippet?: boolean;
  /** Document range the insert replaces (from `((` or `${` through any existing name and closing). */
  range: OffsetRange;
  /** What the editor filters against: the range's text up to the cursor must fuzzy-match it. */
  filterText: string;
  sortText: string;
  detail: string;
  /** Markdown; for tags built on first read (see BaseItem). */
  readonly documentation: string;
}

interface CompletionOptions {
  /** Folder of the macro, for relative paths in documentation. */
  macroDir?: string;
  /** Names used as ${secret:NAME} / ${env:NAME} elsewhere in the workspace. */
  knownSecrets?: readonly string[];
  knownEnv?: readonly string[];
}

/**
 * The per-tag part of an item. Its markdown documentation is built on first read only: VS Code asks
 * for it (resolveCompletionItem) for the one item in focus, so a 2,000-tag catalog stays cheap.
 */
class BaseItem {
  readonly kind = 'tag' as const;
  readonly label: string;
  readonly insertText: string;
  readonly sortText: string;
  readonly detail: string;
  private doc: string | undefined;
  constructor(
    readonly name: string,
    private readonly describe: () => string,
    sortText: string,
    detail: string,
    syntax: TagSyntax,
  ) {
    this.label = name;
    this.insertText = syntax.wrap(jsonStringContent(name));
    this.sortText = sortText;
    this.detail = detail;
  }
  get documentation(): string {
    return (this.doc ??= this.describe());
  }
}

/** A tag item at one cursor: shares its BaseItem (and so its lazily built documentation). */
class TagItem implements TagCompletionItem {
  constructor(
    private readonly base: BaseItem,
    readonly range: OffsetRange,
    readonly filterText: string,
  ) {}
  get label() {
    return this.base.label;
  }
  get kind() {
    return this.base.kind;
  }
  get insertText() {
    return this.base.insertText;
  }
  get sortText() {
    return this.base.sortText;
  }
  get detail() {
    return this.base.detail;
  }
  get documentation() {
    return this.base.documentation;
  }
}

const baseItems = new WeakMap<TagCatalog, Map<string, BaseItem[]>>();

/** The per-tag part of each item, built once per catalog and scope (only ranges change per keystroke). */
function tagBaseItems(
  catalog: TagCatalog,
  scope: MacroScope,
  macroDir: string | undefined,
  syntax: TagSyntax,
): BaseItem[] {
  let byScope = baseItems.get(catalog);
  if (!byScope) baseItems.set(catalog, (byScope = new Map()));
  const key = scope + '\0' + syntax.id + '\0' + (macroDir ?? '');
  let items = byScope.get(key);
  if (!items) {
    items = [];
    for (const def of catalog.tags.values()) {
      if (!tagFitsScope(def, scope)) continue;
      // Tags with a value in the active sample first, then the rest, each alphabetically.
      const sortText = (catalog.sampleValues.has(def.name) ? '0' : '1') + def.name.toLowerCase();
      items.push(new BaseItem(def.name, () => describeTag(def, catalog, macroDir), sortText, tagDetail(def), syntax));
    }
    byScope.set(key, items);
  }
  return items;
}

/**
 * Completion at a cursor: tags after `((` (also mid-name, `((Sub|`), `${secret:…}` / `${env:…}` after `${`.
 * Returns undefined when the cursor is not in a place where either is allowed.
 */
export function completeAt(
  analysis: MacroAnalysis,
  offset: number,
  catalog: TagCatalog,
  options: CompletionOptions = {},
): TagCompletionItem[] | undefined {
  const site = siteAt(analysis, offset);
  if (!site || !site.tagsAllowed) return undefined;
  const text = analysis.parsed.text;
  const decoded = decodeStringNode(text, site.node);
  const v = decoded.value;
  const idx = valueIndexAt(decoded, offset);
  const so = decoded.sourceOffsets;

  const syntax = analysis.parsed.tagSyntax;
  const tagOpen = openTagBefore(v, idx, syntax);
  if (tagOpen) {
    const end = tagReplaceEnd(v, idx, syntax);
    const range = { start: so[tagOpen.start], end: so[end] };
    // The text between `((` and the name (spaces the author typed) stays part of the filter.
    let nameStart = tagOpen.nameStart;
    while (nameStart < idx && (v[nameStart] === ' ' || v[nameStart] === '\t')) nameStart++;
    const lead = text.slice(range.start, so[nameStart]);
    return tagBaseItems(catalog, macroScope(analysis.parsed.macro), options.macroDir, syntax).map(
      b => new TagItem(b, range, lead + b.name),
    );
  }
  if (site.placeholdersAllowed) return completePlaceholder(v, idx, so, options);
  return undefined;
}

/** An open `((` (`[[`) whose name reaches the cursor (same rules as the scanner: escapes, runs of `(`). */
function openTagBefore(v: string, idx: number, syntax: TagSyntax): { start: number; nameStart: number } | undefined {
  const open = v.lastIndexOf(syntax.open, idx - 2);
  if (open < 0 || idx < 2) return undefined;
  // Scan only from a little before the candidate so long values stay cheap; back up over a run of `(` and its escape.
  let from = open;
  while (from > 0 && v.charCodeAt(from - 1) === syntax.openCode) from--;
  if (from > 0) from--;
  const tokens = scanTags(v.slice(from, idx), syntax);
  const last = tokens[tokens.length - 1];
  if (!last || last.kind !== 'unterminated' || last.end !== idx - from) return undefined;
  const typed = v.slice(from + last.nameStart, idx);
  if (typed.includes(syntax.open[0]) || typed.includes(syntax.close[0])) return undefined;
  return { start: from + last.start, nameStart: from + last.nameStart };
}

/** Through the rest of the name and its `))` when they follow, so accepting never doubles parentheses. */
function tagReplaceEnd(v: string, idx: number, syntax: TagSyntax): number {
  let j = idx;
  while (j < v.length) {
    const c = v.charCodeAt(j);
    if (c === syntax.openCode || c === syntax.closeCode || c < 32) break;
    j++;
  }
  if (v.startsWith(syntax.close, j)) return j + 2;
  if (v.charCodeAt(j) === syntax.closeCode) return j + 1;
  // No closing after the name: replace only the word the cursor is in.
  j = idx;
  while (j < v.length && /[\p{L}\p{N}_-]/u.test(v[j])) j++;
  return j;
}

function completePlaceholder(
  v: string,
  idx: number,
  so: Int32Array,
  options: CompletionOptions,
): TagCompletionItem[] | undefined {
  const open = v.lastIndexOf('${', idx - 2);
  if (open < 0 || idx < 2) return undefined;
  const typed = v.slice(open + 2, idx);
  if (!/^[A-Za-z0-9_:]*$/.test(typed)) return undefined;
  let end = idx;
  while (end < v.length && /[A-Za-z0-9_:]/.test(v[end])) end++;
  if (v[end] === '}') end++;
  const range = { start: so[open], end: so[end] };
  const items: TagCompletionItem[] = [];
  const kinds: Array<{ kind: 'secret' | 'env'; names: readonly string[]; doc: string }> = [
    {
      kind: 'secret',
      names: options.knownSecrets ?? [],
      doc: 'A secret kept out of the file: in VS Code from its secret storage, in the CLI from the environment variable `CCMACRO_SECRET_NAME`. Filled in at send time, only in the URL and header values.',
    },
    {
      kind: 'env',
      names: options.knownEnv ?? [],
      doc: "An environment variable, read at send time (in VS Code from the extension host's environment). Filled in only in the URL and header values.",
    },
  ];
  for (const k of kinds) {
    items.push({
      label: `\${${k.kind}:…}`,
      kind: 'placeholder',
      insertText: `\\\${${k.kind}:\${1:NAME}}`,
      isSnippet: true,
      range,
      filterText: `\${${k.kind}:`,
      sortText: `1${k.kind}`,
      detail: `${k.kind === 'secret' ? 'secret' : 'environment variable'} placeholder`,
      documentation: k.doc,
    });
    for (const name of [...new Set(k.names)].sort()) {
      items.push({
        label: `\${${k.kind}:${name}}`,
        kind: 'placeholder',
        insertText: `\${${k.kind}:${name}}`,
        range,
        filterText: `\${${k.kind}:${name}}`,
        sortText: `0${k.kind}:${name}`,
        detail: `${k.kind === 'secret' ? 'secret' : 'environment variable'} used in this workspace`,
        documentation: k.doc,
      });
    }
  }
  return items;
}

/** The content of a JSON string literal holding s (without the quotes). */
export function jsonStringContent(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}
