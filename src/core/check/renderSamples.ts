import * as path from 'node:path';
import { nodeAtPath, nodeRange } from '../common/jsonPath';
import { problem, type Problem } from '../common/problem';
import { LineIndex, type OffsetRange } from '../common/text';
import { usableErrors } from '../macro/parse';
import { describeSampleItem } from '../samples/describe';
import { distinctSamples, macroSampleSpecs, readSample, type SampleSource } from '../samples/load';
import { renderForSend, type RenderedForSend } from '../send/prepare';
import { checkVars } from './environments';
import { throwIfCancelled } from '../common/cancellation';
import type { CheckContext } from './types';

/**
 * The render check. The macro is rendered with every item of every sample it uses, with the code a send uses (renderForSend), and whatever would
 * stop the preview or a send becomes a located error: so a clean `ccmacro validate` means every sample item renders.
 */

/** One sample the macro is checked with, and the `samples` element it came from (none for the built-in default). */
export interface CheckedSample {
  source: SampleSource;
  entry?: number;
}

/** One usable sample item, rendered exactly as a send renders it (placeholders not yet resolved). */
export interface SampleItemRender {
  sample: CheckedSample;
  index: number;
  result: RenderedForSend;
}

export interface SampleRenders {
  samples: CheckedSample[];
  renders: SampleItemRender[];
}

/**
 * Every sample the macro uses (its own `samples`, else the built-in typical sample of its scope; never the hostile
 * one) and each usable item rendered once per validation: checks about the rendered request share these.
 */
export function sampleRenders(ctx: CheckContext): Promise<SampleRenders> {
  return (ctx.shared.sampleRenders ??= renderAll(ctx)) as Promise<SampleRenders>;
}

async function renderAll(ctx: CheckContext): Promise<SampleRenders> {
  // Each file once, however many entries name it (the samples check reports the others, and entries past the limit).
  const { kept } = distinctSamples(macroSampleSpecs(ctx.parsed), ctx.dir);
  const samples: CheckedSample[] = await Promise.all(
    kept.map(async ({ spec, entry }) => ({
      source: await readSample(spec, ctx.dir, ctx.env.fs, ctx.env.sampleFiles.parse, ctx.options.sampleReach),
      entry,
    })),
  );
  const renders: SampleItemRender[] = [];
  const vars = await checkVars(ctx);
  const limit = ctx.options.sampleItemLimit ?? Infinity;
  for (const sample of samples) {
    const { items, itemProblems } = sample.source;
    for (let index = 0; index < items.length && index < limit; index++) {
      const item = items[index];
      // An item with an error of its own is not sent either; its problem is reported instead.
      if (!item || itemProblems[index].some(p => p.severity === 'error')) continue;
      throwIfCancelled(ctx.token);
      renders.push({ sample, index, result: renderForSend(ctx.parsed, item, { vars }) });
    }
  }
  return { samples, renders };
}

/**
 * Render problems every other check already reports, whatever the sample: no request or URL, a body of the wrong
 * shape (the schema and the request check say so, in the editor the JSON language server too).
 */
const REPORTED_ELSEWHERE = new Set([
  'render/no-request',
  'render/no-url',
  'render/body-not-text',
  'render/form-not-object',
  'render/form-nested',
  // The var check (check/environments.ts) says these once per placeholder, naming the environments.
  'var/no-environment',
  'var/unresolved',
  'var/unusable',
]);

/** A list of sample item names for a message: "bugs.sample.json [0], [2] and 3 more". */
function itemList(names: string[]): string {
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}

export async function renderProblems(ctx: CheckContext): Promise<Problem[]> {
  const { parsed } = ctx;
  if (!parsed.root || usableErrors(parsed).length > 0) return [];
  const { samples, renders } = await sampleRenders(ctx);
  const out: Problem[] = [];

  // A sample that cannot be used stops the preview and a send the same way: report it at its `samples` entry.
  for (const { source, entry } of samples) {
    const at: OffsetRange = entryRange(ctx, entry);
    const where = source.path ? path.relative(ctx.dir, source.path).split(path.sep).join('/') : source.name;
    const lines = source.text !== undefined ? new LineIndex(source.text) : undefined;
    const located = (p: Problem) => {
      if (!lines || (p.range.start === 0 && p.range.end === 0)) return '';
      const pos = lines.positionAt(p.range.start);
      return ` (line ${pos.line + 1}, column ${pos.character + 1})`;
    };
    for (const p of source.fileProblems) {
      // A missing file, and one outside the tree, are the samples check's own problems (samples/not-found, sample/outside).
      if (p.severity !== 'error' || p.code === 'sample/not-found' || p.code === 'sample/outside') continue;
      out.push(problem(p.code, 'error', `${where}${located(p)}: ${p.message}`, at));
    }
    source.itemProblems.forEach((list, i) => {
      for (const p of list) {
        if (p.severity !== 'error') continue;
        out.push(
          problem(
            p.code,
            'error',
            `Sample item ${describeSampleItem(source, i)}${located(p)} cannot be used: ${p.message}`,
            at,
          ),
        );
      }
    });
  }

  // The same render error from several items is one problem that names them.
  const found = new Map<string, { p: Problem; items: string[]; builtin: boolean }>();
  for (const r of renders) {
    if (r.result.ok) continue;
    for (const p of r.result.problems) {
      if (p.severity !== 'error' || REPORTED_ELSEWHERE.has(p.code)) continue;
      const key = `${p.code}|${p.range.start}|${p.range.end}|${p.message}`;
      const name = describeSampleItem(r.sample.source, r.index);
      const hit = found.get(key);
      if (hit) hit.items.push(name);
      else found.set(key, { p, items: [name], builtin: r.sample.entry === undefined });
    }
  }
  for (const { p, items, builtin } of found.values()) {
    const which = `${items.length === 1 ? 'sample item' : 'sample items'} ${itemList(items)}`;
    if (p.code === 'render/missing-tag' && typeof p.data?.tag === 'string') {
      const tag = p.data.tag;
      const fix = builtin
        ? `The macro has no "samples", so it is checked with ${items[0]}: list a sample file with "${tag}" in "samples", or correct the tag's name`
        : `Add "${tag}" to the sample, or correct the tag's name`;
      out.push({
        ...p,
        message: `${parsed.tagSyntax.wrap(tag)} has no value in ${which}, so the preview and a send with it stop here. ${fix}`,
      });
    } else {
      out.push({ ...p, message: `${p.message} (with ${which})` });
    }
  }
  return out;
}

/** The `samples` element a sample came from, else the macro's start (the built-in default has no entry). */
function entryRange(ctx: CheckContext, entry: number | undefined): OffsetRange {
  const node = entry !== undefined ? nodeAtPath(ctx.parsed.root, ['samples', entry]) : undefined;
  if (node) return nodeRange(node);
  const key = ctx.parsed.root ? { start: ctx.parsed.root.offset, end: ctx.parsed.root.offset + 1 } : undefined;
  return key ?? { start: 0, end: 0 };
}

/**
 * One typo, one problem: a tag that is unknown (`tag/unknown`, with its "did you mean" and quick fixes) and, for the
 * same reason, has no value in the samples (`render/missing-tag`) is reported once, as the unknown tag, with the
 * missing-tag error's severity and consequence, so `validate` still fails. The editor shows the same list.
 */
export function foldUnknownMissingTags(problems: Problem[]): Problem[] {
  const unknown = new Map<string, Problem>();
  for (const p of problems)
    if (p.code === 'tag/unknown' && typeof p.data?.tag === 'string') unknown.set(`${p.range.start}|${p.data.tag}`, p);
  if (unknown.size === 0) return problems;
  const folded = new Set<Problem>();
  const out = problems.filter(p => {
    if (p.code !== 'render/missing-tag' || typeof p.data?.tag !== 'string') return true;
    const u = unknown.get(`${p.range.start}|${p.data.tag}`);
    if (!u) return true;
    folded.add(u);
    return false;
  });
  return out.map(p => {
    if (!folded.has(p)) return p;
    const { unnecessary: _faded, ...rest } = p;
    return {
      ...rest,
      severity: 'error',
      message: `${p.message} No sample item has a value for it either, so the preview and a send with it stop here.`,
    };
  });
}
