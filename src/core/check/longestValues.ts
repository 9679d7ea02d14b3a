import * as path from 'node:path';
import { parseTree } from 'jsonc-parser';
import { nodeAtPath, type PathSegment } from '../common/jsonPath';
import type { Problem } from '../common/problem';
import { describeSampleItem, valueText } from '../samples/describe';
import type { SampleItem, SampleValue } from '../samples/types';
import type { TagCatalog } from '../tags/catalog';
import { checkTargetPayload } from '../targets/check';
import { renderMacro } from '../targets/render';
import type { SampleItemRender } from './renderSamples';
import { macroCatalog } from './tags';
import type { CheckContext } from './types';

/**
 * Limits checked with the longest values. The sample items show what a macro sends for them; Centercode sends whatever
 * its fields hold. So the target's length and size limits are also checked with one more item: every tag at the
 * longest value it takes across the macro's sample items, or at its declared `maxLength` (`.ccmacro/tags.json`) when
 * that is longer. A limit that only this item breaks is reported with the value that made it fail: "(with the longest
 * ((Title)) in samples/blockers.sample.json [3], 3,412 characters)".
 *
 * What a target does to take part: give each finding about a length or size limit its `limit` (the name in its
 * `limits`), as Slack's, Teams' and Jira's checks do. Nothing else: this check renders, runs the target's payload
 * check and keeps the findings that carry a `limit`.
 */

/** Where a tag's longest value comes from: a sample item, or the catalog's declared maximum. */
type LongestOrigin =
  /** `where`: the sample file (relative to the macro's folder) and the item, "samples/bugs.sample.json [3]". */
  { kind: 'sample'; where: string } | { kind: 'declared'; maxLength: number };

interface LongestValue {
  value: SampleValue;
  /** The value's length in characters (UTF-16 code units, as JavaScript and the services' limits count). */
  length: number;
  origin: LongestOrigin;
}

/**
 * The longest value of each tag across the rendered sample items (sample files named relative to `dir`), then raised
 * to a catalog's declared `maxLength` where that is longer: the value is the longest sample value repeated (a
 * realistic text, escaping included) up to that many characters, or `x`s when no sample has the tag.
 */
function longestValues(
  renders: readonly SampleItemRender[],
  dir: string,
  catalog?: Pick<TagCatalog, 'tags'>,
): Map<string, LongestValue> {
  const out = new Map<string, LongestValue>();
  const seen = new Set<string>();
  for (const r of renders) {
    const source = r.sample.source;
    const item = source.items[r.index];
    if (!item || seen.has(`${source.id}#${r.index}`)) continue;
    seen.add(`${source.id}#${r.index}`);
    const name = source.path ? path.relative(dir, source.path).split(path.sep).join('/') : source.name;
    const where = describeSampleItem({ name, items: source.items }, r.index);
    for (const [tag, value] of Object.entries(item)) {
      const length = valueText(value).length;
      const prev = out.get(tag);
      if (!prev || length > prev.length)
        out.set(tag, {
          value,
          length,
          origin: { kind: 'sample', where },
        });
    }
  }
  for (const [tag, def] of catalog?.tags ?? []) {
    const max = def.maxLength;
    const prev = out.get(tag);
    if (max === undefined || (prev && prev.length >= max)) continue;
    const seed = prev ? valueText(prev.value) : '';
    const value = seed ? seed.repeat(Math.ceil(max / seed.length)).slice(0, max) : 'x'.repeat(max);
    out.set(tag, { value, length: max, origin: { kind: 'declared', maxLength: max } });
  }
  return out;
}

const count = (n: number) => n.toLocaleString('en-US');

/** How a message names the value that made a limit fail (`tag` as the project writes it: `((Title))`, `[[Title]]`). */
function describeLongest(tag: string, v: LongestValue): string {
  return v.origin.kind === 'sample'
    ? `with the longest ${tag} in ${v.origin.where}, ${count(v.length)} characters`
    : `with ${tag} at its declared maxLength of ${count(v.length)} characters`;
}

/**
 * The limit problems the longest values cause that no sample item does (`already`: the keys of the problems the
 * items' check found, `code|start|end`). `base`: an item whose other values fill the tags no sample names.
 */
export async function longestValueProblems(
  ctx: CheckContext,
  renders: readonly SampleItemRender[],
  already: ReadonlySet<string>,
): Promise<Problem[]> {
  const base = renders.find(r => r.result.ok);
  const baseItem = base?.sample.source.items[base.index];
  if (!base || !baseItem) return [];
  const longest = longestValues(renders, ctx.dir, await macroCatalog(ctx));
  const item: SampleItem = { ...baseItem };
  let changed = false;
  for (const [tag, v] of longest)
    if (item[tag] !== v.value) {
      item[tag] = v.value;
      changed = true;
    }
  if (!changed) return [];
  const rendered = renderMacro(ctx.parsed, { sample: item });
  const bodyText = rendered.request?.bodyText;
  if (!rendered.request || bodyText === undefined || rendered.problems.some(p => p.severity === 'error')) return [];
  const found = await checkTargetPayload(ctx.parsed, rendered);
  const limits = found.filter(p => typeof p.data?.limit === 'string' && !already.has(problemKey(p)));
  if (limits.length === 0) return [];
  const body = parseTree(bodyText);
  return limits.map(p => {
    const at = Array.isArray(p.data?.path) ? (p.data.path as PathSegment[]) : [];
    const node = body ? nodeAtPath(body, at) : undefined;
    const start = node?.offset ?? 0;
    const end = node ? node.offset + node.length : bodyText.length;
    // The value that made it fail: the longest of the values that land inside the field the limit is about.
    let culprit: { tag: string; v: LongestValue } | undefined;
    for (const s of rendered.substitutions) {
      if (s.target.part !== 'body' || s.target.start < start || s.target.end > end) continue;
      const v = longest.get(s.tag);
      if (v && (!culprit || v.length > culprit.v.length)) culprit = { tag: s.tag, v };
    }
    const why = culprit
      ? describeLongest(ctx.parsed.tagSyntax.wrap(culprit.tag), culprit.v)
      : 'with the longest value of each tag';
    return { code: p.code, severity: p.severity, message: `${p.message} (${why})`, range: p.range };
  });
}

/** A problem without the limit facts findingProblems keeps for this check (they are not for the user). */
export function withoutLimit(p: Problem): Problem {
  if (typeof p.data?.limit !== 'string') return p;
  return { code: p.code, severity: p.severity, message: p.message, range: p.range };
}

export function problemKey(p: Problem): string {
  return `${p.code}|${p.range.start}|${p.range.end}`;
}
