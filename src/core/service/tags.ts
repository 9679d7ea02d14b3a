import * as path from 'node:path';
import type { CancellationToken } from '../host';
import { throwIfCancelled } from '../common/cancellation';
import type { OffsetRange } from '../common/text';
import type { SampleReach } from '../samples/reach';
import type { TagCatalog } from '../tags/catalog';
import { completeAt, type TagCompletionItem } from '../tags/completion';
import { definitionAt, definitionTargets, type TagDefinitionTarget } from '../tags/definition';
import { hoverAt, type TagHover } from '../tags/hover';
import { analyzeMacro, type MacroAnalysis } from '../tags/locate';
import { tagQuickFixes, type TagFixOptions, type TagProblemAt, type TagQuickFix } from '../tags/quickFixes';
import { scanPlaceholders } from '../tags/scanner';
import type { MacroDocument } from './context';
import type { ServiceState } from './state';

/** Which tags a macro knows, besides its own samples: the editor's settings and picks. */
export interface TagOptions {
  /** Use the built-in tag catalog (setting `ccmacro.tags.useBuiltinCatalog`). Default true. */
  builtinCatalog?: boolean;
  /** The sample item whose values hover and completion show (a sample file's path or "builtin:ID", and the item). */
  activeSample?: { path: string; index: number };
  /** Where samples may be read from (see samples/reach.ts). */
  sampleReach?: SampleReach;
}

export interface CompletionRequest extends TagOptions {
  /** Names used as ${secret:NAME} / ${env:NAME} elsewhere (see placeholderNames). */
  knownSecrets?: readonly string[];
  knownEnv?: readonly string[];
}

/** `((tags))` in the editor: completion, hover, go to definition, quick fixes; and what makes a tag known. */
export interface TagFeatures {
  /** Tags after `((`, `${secret:…}`/`${env:…}` names after `${`; undefined where neither may be written. */
  completions(
    doc: MacroDocument,
    offset: number,
    options: CompletionRequest,
    token?: CancellationToken,
  ): Promise<TagCompletionItem[] | undefined>;
  /** What the tag under the cursor holds, its type, where it is defined and its value in the active sample. */
  hover(
    doc: MacroDocument,
    offset: number,
    options: TagOptions,
    token?: CancellationToken,
  ): Promise<TagHover | undefined>;
  /** Where the tag under the cursor is defined: project catalogs, sample files, other macros' `returnValues`. */
  definition(
    doc: MacroDocument,
    offset: number,
    options: TagOptions,
    token?: CancellationToken,
  ): Promise<{ tagRange: OffsetRange; targets: TagDefinitionTarget[] } | undefined>;
  /** Quick fixes for `tag/unknown`, `tag/unterminated` and `render/missing-tag` problems at these offsets. */
  tagFixes(
    doc: MacroDocument,
    problems: readonly TagProblemAt[],
    options: TagOptions & TagFixOptions,
    token?: CancellationToken,
  ): Promise<TagQuickFix[]>;
  /** The `${secret:NAME}` and `${env:NAME}` names these macros use (names only, never values). */
  placeholderNames(macroPaths: readonly string[]): Promise<{ secrets: string[]; env: string[] }>;
  /**
   * A macro's text changed (or it is gone: undefined): its `returnValues` names, tags in every macro, are read again.
   * True when the set of those tags changed.
   */
  updateMacro(path: string, text: string | undefined): Promise<boolean>;
}

interface TagContext {
  analysis: MacroAnalysis;
  catalog: TagCatalog;
}

export function tagFeatures(state: ServiceState): TagFeatures {
  const { ctx } = state;
  // Each document is analysed once per version, and its catalog resolved again only after a tag input changed.
  const cache = new Map<string, { key: string; made: Promise<TagContext> }>();
  const contextFor = async (doc: MacroDocument, options: TagOptions, token?: CancellationToken) => {
    const key = `${doc.version}|${ctx.generation}|${options.builtinCatalog !== false}|${options.activeSample?.path}|${options.activeSample?.index}`;
    let hit = doc.version === undefined ? undefined : cache.get(doc.path);
    if (!hit || hit.key !== key) {
      hit = { key, made: resolveContext(doc, options) };
      if (cache.size > 64) cache.clear();
      cache.set(doc.path, hit);
      hit.made.catch(() => cache.delete(doc.path));
    }
    const made = await hit.made;
    throwIfCancelled(token);
    return made;
  };
  const resolveContext = async (doc: MacroDocument, options: TagOptions): Promise<TagContext> => {
    const analysis = analyzeMacro(doc.text, await state.syntaxOf(doc.path));
    const samples = analysis.parsed.macro?.samples;
    const catalog = await state.env.catalogs.resolve({
      macroPath: doc.path,
      builtinCatalog: options.builtinCatalog,
      samples: Array.isArray(samples) ? samples : [],
      activeSample: options.activeSample,
      sampleReach: options.sampleReach,
    });
    return { analysis, catalog };
  };
  return {
    async completions(doc, offset, options, token) {
      const { analysis, catalog } = await contextFor(doc, options, token);
      return completeAt(analysis, offset, catalog, {
        macroDir: path.dirname(doc.path),
        knownSecrets: options.knownSecrets,
        knownEnv: options.knownEnv,
      });
    },
    async hover(doc, offset, options, token) {
      const { analysis, catalog } = await contextFor(doc, options, token);
      return hoverAt(analysis, offset, catalog, path.dirname(doc.path));
    },
    async definition(doc, offset, options, token) {
      const { analysis, catalog } = await contextFor(doc, options, token);
      const found = definitionAt(analysis, offset, catalog);
      if (!found) return undefined;
      return { tagRange: found.tagRange, targets: await definitionTargets(found.locations, ctx.fs) };
    },
    async tagFixes(doc, problems, options, token) {
      const { analysis, catalog } = await contextFor(doc, options, token);
      return tagQuickFixes(analysis, catalog, doc.path, problems, options, ctx.fs);
    },
    async placeholderNames(macroPaths) {
      const secrets = new Set<string>();
      const env = new Set<string>();
      for (const p of macroPaths) {
        const read = await ctx.fs.readFile(p);
        for (const found of scanPlaceholders(read.ok ? read.value : ''))
          (found.kind === 'secret' ? secrets : env).add(found.name);
      }
      return { secrets: [...secrets], env: [...env] };
    },
    async updateMacro(p, text) {
      const { externalData } = state.env.catalogs;
      return text === undefined ? externalData.deleteMacro(p) : externalData.setMacro(p, text);
    },
  };
}
