import { parseMacro, type ParsedMacro } from '../macro/parse';
import { collectStringSites, decodeStringNode, type DecodedString, type StringSite } from '../macro/sites';
import type { OffsetRange } from '../common/text';
import { scanTags, type TagToken } from './scanner';
import type { TagSyntax } from '../project/tagSyntax';

/** A parsed macro with its string sites: what completion, hover and definition look things up in. */
export interface MacroAnalysis {
  readonly parsed: ParsedMacro;
  /** In document order. */
  readonly sites: readonly StringSite[];
}

/** Parse a macro's text for completion, hover and definition (callers cache it per document version). */
export function analyzeMacro(text: string, tagSyntax?: TagSyntax): MacroAnalysis {
  return analysisOf(parseMacro(text, tagSyntax));
}

const byParsed = new WeakMap<ParsedMacro, MacroAnalysis>();

/** The analysis of an already parsed macro (the validate pipeline parses once for every check). */
export function analysisOf(parsed: ParsedMacro): MacroAnalysis {
  let a = byParsed.get(parsed);
  if (!a) byParsed.set(parsed, (a = { parsed, sites: collectStringSites(parsed) }));
  return a;
}

/** The string site whose literal holds the offset (a cursor between its quotes). Binary search. */
export function siteAt(analysis: MacroAnalysis, offset: number): StringSite | undefined {
  const sites = analysis.sites;
  let lo = 0;
  let hi = sites.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const n = sites[mid].node;
    if (offset <= n.offset) hi = mid - 1;
    else if (offset >= n.offset + n.length) {
      // A string cut short (no closing quote) still holds a cursor at its very end.
      if (offset === n.offset + n.length && !closedString(analysis.parsed.text, n.offset, n.length)) return sites[mid];
      lo = mid + 1;
    } else return sites[mid];
  }
  return undefined;
}

function closedString(text: string, offset: number, length: number): boolean {
  return length >= 2 && text.charCodeAt(offset + length - 1) === 34;
}

/** Index into the decoded value of a cursor at a document offset: the count of value chars before it. */
export function valueIndexAt(decoded: DecodedString, offset: number): number {
  const so = decoded.sourceOffsets;
  let lo = 0;
  let hi = so.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (so[mid] >= offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Document range of a value range. */
export function documentRange(decoded: DecodedString, start: number, end: number): OffsetRange {
  const so = decoded.sourceOffsets;
  const last = so.length - 1;
  return { start: so[Math.min(start, last)], end: so[Math.min(end, last)] };
}

interface TagAtOffset {
  site: StringSite;
  decoded: DecodedString;
  token: TagToken;
  /** The whole token in the document. */
  range: OffsetRange;
  /** The name in the document (for tags and invalid names). */
  nameRange?: OffsetRange;
}

/** The tag token under the cursor (touching either end counts), in any string site. */
export function tagAt(analysis: MacroAnalysis, offset: number): TagAtOffset | undefined {
  const site = siteAt(analysis, offset);
  if (!site) return undefined;
  const decoded = decodeStringNode(analysis.parsed.text, site.node);
  for (const token of scanTags(decoded.value, analysis.parsed.tagSyntax)) {
    const range = documentRange(decoded, token.start, token.end);
    if (offset < range.start || offset > range.end) continue;
    const nameRange =
      token.kind === 'tag' || token.kind === 'invalid'
        ? documentRange(decoded, token.nameStart, token.nameEnd)
        : undefined;
    return { site, decoded, token, range, nameRange };
  }
  return undefined;
}
