import { macroScope } from '../macro/model';
import type { OffsetRange } from '../common/text';
import { tagFitsScope, type TagCatalog } from './catalog';
import { describeTag, tagDetail } from './describe';
import { tagAt, type MacroAnalysis } from './locate';
import { suggestTagName } from './suggest';

export interface TagHover {
  /** Markdown. */
  markdown: string;
  range: OffsetRange;
}

/** Hover on a tag: what it holds, its type, where it is defined and its value in the active sample. */
export function hoverAt(
  analysis: MacroAnalysis,
  offset: number,
  catalog: TagCatalog,
  macroDir?: string,
): TagHover | undefined {
  const hit = tagAt(analysis, offset);
  if (!hit || hit.token.kind !== 'tag') return undefined;
  const name = hit.token.name;
  const def = catalog.tags.get(name);
  const scope = macroScope(analysis.parsed.macro);
  const w = analysis.parsed.tagSyntax.wrap;
  if (!def) {
    const suggestion = suggestTagName(name, catalog, scope);
    const markdown =
      `**${w(name)}** — unknown tag\n\n` +
      (suggestion !== undefined
        ? `Did you mean **${w(suggestion)}**?`
        : "Not in the tag catalog, the macro's sample or another macro's `returnValues`. If your project has this field, add it to `.ccmacro/tags.json`.");
    return { markdown, range: hit.range };
  }
  let head = `**${w(name)}** — ${tagDetail(def)}`;
  if (!tagFitsScope(def, scope)) head += ` (not filled in in this ${scope} macro)`;
  return { markdown: head + '\n\n' + describeTag(def, catalog, macroDir), range: hit.range };
}
