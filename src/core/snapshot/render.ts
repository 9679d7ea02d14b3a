/**
 * A macro rendered for its snapshot: every item of every sample it names, through the same render a send
 * uses (renderForSend), before any secret is read. Pure over a FileSystemLike, shared by `ccmacro test`,
 * `ccmacro diff` and the editor's Test Explorer.
 */
import type { TagSyntax } from '../project/tagSyntax';
import * as path from 'node:path';
import type { FileSystemLike } from '../host';
import { problem, type Problem } from '../common/problem';
import { macroDisplayName, macroScope } from '../macro/model';
import { parseMacro, type ParsedMacro } from '../macro/parse';
import { returnValueEntries } from '../macro/returnValues';
import { evaluateReturnValues, returnValueLine, returnValueProblems } from '../returns/evaluate';
import { sampleItemLabel } from '../samples/describe';
import type { LoadedSample } from '../samples/load';
import type { SampleItem } from '../samples/types';
import { distinctSamples, MAX_SAMPLE_FILES, pickSampleItem, readSample } from '../samples/load';
import type { SampleReach } from '../samples/reach';
import { nodeAtPath, nodeRange } from '../common/jsonPath';
import type { OffsetRange } from '../common/text';
import { parseSampleFile, type ParsedSampleFile } from '../samples/parse';
import type { RenderedRequest } from '../render/types';
import { defaultMasker, headerRunMasker } from '../secrets/mask';
import { renderForSend } from '../send/prepare';
import { checkTargetPayload } from '../targets/check';
import { formatSnapshotBlock, itemKey, snapshotPathFor, type SnapshotRequest } from './format';
import { pushAll } from '../common/arrays';

/** A problem with the file its range points into (undefined: no file to point at, e.g. a built-in sample). */
export interface SnapshotProblem {
  problem: Problem;
  path?: string;
  /** That file's text, for line numbers. */
  text?: string;
}

export interface SnapshotItem {
  /** `samples/blockers.sample.json [0]` (see itemKey). */
  key: string;
  /** The item's title or name. */
  label: string;
  /** The block for the snapshot file; undefined when the item does not render (problems say why). */
  block?: string;
  /** Why the item fails: render errors, a return value the sample's response does not hold, a broken item, a target check error. */
  problems: SnapshotProblem[];
  /** Render warnings and the target check's: the item still renders and passes. */
  warnings: SnapshotProblem[];
}

export interface MacroSnapshot {
  macroPath: string;
  macroName: string;
  snapshotPath: string;
  /** False when the macro does not parse (then nothing is known about its items). */
  macroParsed: boolean;
  items: SnapshotItem[];
  /** Problems that stop every item (the macro does not parse) or a whole sample (its file is missing or broken). */
  problems: SnapshotProblem[];
  /** Samples whose items could not be listed: their old snapshot items are kept, not called obsolete. */
  unreadSamples: string[];
}

export interface SnapshotOptions {
  /** Render against these samples instead of the macro's own (`ccmacro diff` renders both versions alike). */
  samples?: readonly string[];
  /** Read the samples through this file system instead (default: the one given). */
  sampleFs?: FileSystemLike;
  /** Where samples may be read from (see samples/reach.ts); a refused one is a problem at its `samples` entry. */
  sampleReach?: SampleReach;
  /** The macro's tag syntax (its project's `.ccmacro/config.json`); default parentheses. */
  tagSyntax?: TagSyntax;
}

/** The samples a macro is tested with: its `samples` entries as written, else the built-in typical one. */
export function snapshotSamples(parsed: ParsedMacro): string[] {
  const s = parsed.macro?.samples;
  const own = Array.isArray(s) ? s.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];
  if (own.length) return [...new Set(own)];
  return [`builtin:${macroScope(parsed.macro) === 'user' ? 'user' : 'feedback'}`];
}

/** Render every item of every sample of the macro into snapshot blocks. Never throws for bad input. */
export async function renderMacroSnapshot(
  text: string,
  macroPath: string,
  fs: FileSystemLike,
  options: SnapshotOptions = {},
): Promise<MacroSnapshot> {
  const parsed = parseMacro(text, options.tagSyntax);
  const out: MacroSnapshot = {
    macroPath,
    macroName: macroDisplayName(parsed.macro, macroPath),
    snapshotPath: snapshotPathFor(macroPath),
    macroParsed: true,
    items: [],
    problems: [],
    unreadSamples: [],
  };
  const inMacro = (p: Problem): SnapshotProblem => ({ problem: p, path: macroPath, text: parsed.text });
  const syntax = parsed.syntaxProblems.filter(p => p.severity === 'error');
  if (syntax.length || !parsed.macro) {
    out.macroParsed = false;
    pushAll(out.problems, syntax.map(inMacro));
    if (!syntax.length)
      out.problems.push(
        inMacro({
          code: 'snapshot/not-a-macro',
          severity: 'error',
          message: 'The file holds no macro object',
          range: { start: 0, end: 0 },
        }),
      );
    return out;
  }
  const dir = path.dirname(macroPath);
  const sampleFs = options.sampleFs ?? fs;
  // Each sample file is read and parsed once per render, however many entries name it (validate warns about them),
  // and at most MAX_SAMPLE_FILES of them (validate's samples/too-many, here a problem at the first one left out).
  const parsedFiles = new Map<string, { text: string; parsed: ParsedSampleFile }>();
  const parse = (file: string, text: string): ParsedSampleFile => {
    const hit = parsedFiles.get(file);
    if (hit && hit.text === text) return hit.parsed;
    const next = parseSampleFile(text);
    parsedFiles.set(file, { text, parsed: next });
    return next;
  };
  const { kept, overLimit } = distinctSamples(
    (options.samples ?? snapshotSamples(parsed)).map(spec => ({ spec })),
    dir,
  );
  if (overLimit.length)
    out.problems.push(
      inMacro(
        problem(
          'samples/too-many',
          'error',
          `A macro is tested with at most ${MAX_SAMPLE_FILES} sample files: ${overLimit.length === 1 ? 'this one is' : `this one and the ${overLimit.length - 1} after it are`} not read`,
          samplesEntryRange(parsed, overLimit[0].spec),
        ),
      ),
    );
  for (const { spec } of kept) {
    const source = await readSample(spec, dir, sampleFs, parse, options.sampleReach);
    const loaded = pickSampleItem(source, 0);
    const inSample = (p: Problem): SnapshotProblem =>
      // A sample outside the tree was not read, and one that is missing or cannot be read has nothing to point at in
      // it: the macro's `samples` entry is where to look (as validate reports them).
      p.code === 'sample/outside' ||
      ((p.code === 'sample/not-found' || p.code === 'sample/cannot-read' || p.code === 'sample/unknown-builtin') &&
        p.range.start === 0 &&
        p.range.end === 0)
        ? inMacro({ ...p, range: samplesEntryRange(parsed, spec) })
        : loaded.path
          ? { problem: p, path: loaded.path, text: loaded.text }
          : { problem: p };
    // Errors of the file as a whole (not found, not JSON anywhere in it, empty): its items cannot be listed.
    const fileErrors = (
      loaded.path && loaded.text !== undefined ? parse(loaded.path, loaded.text).problems : loaded.problems
    ).filter(p => p.severity === 'error' && p.code !== 'sample/not-object');
    if (loaded.items.length === 0 || fileErrors.length > 0) {
      out.unreadSamples.push(spec);
      pushAll(out.problems, fileErrors.map(inSample));
      continue;
    }
    const shownSpec = spec.startsWith('builtin:') ? spec : spec.replace(/\\/g, '/');
    for (let index = 0; index < loaded.items.length; index++) {
      const item = loaded.items[index];
      const label = sampleItemLabel(item, index).replace(/^\[\d+\]\s*/, '');
      const result: SnapshotItem = { key: itemKey(shownSpec, index), label, problems: [], warnings: [] };
      out.items.push(result);
      if (!item) {
        const loadedItem = pickSampleItem(source, index);
        pushAll(result.problems, loadedItem.problems.filter(p => p.severity === 'error').map(inSample));
        continue;
      }
      await snapshotItem(
        result,
        { parsed, item, response: loaded.responses[index], where: `${shownSpec} [${index}]` },
        inMacro,
      );
    }
  }
  return out;
}

/**
 * One sample item's snapshot block (the request as a send renders it, and what Centercode would save from the
 * sample's response), or why it fails: render errors, a target check error (as validate and the preview report
 * them), a return value the response does not hold.
 */
async function snapshotItem(
  result: SnapshotItem,
  of: { parsed: ParsedMacro; item: SampleItem; response: LoadedSample['responses'][number]; where: string },
  inMacro: (p: Problem) => SnapshotProblem,
): Promise<void> {
  const { parsed, response } = of;
  // ${var:NAME} kept by name, as secrets are: a snapshot is the same in every environment.
  const rendered = renderForSend(parsed, of.item, { vars: 'keep' });
  if (!rendered.ok) {
    pushAll(result.problems, rendered.problems.map(inMacro));
    return;
  }
  pushAll(result.warnings, rendered.warnings.map(inMacro));
  for (const p of await checkTargetPayload(parsed, rendered))
    (p.severity === 'error' ? result.problems : result.warnings).push(inMacro(p));
  const entries = returnValueEntries(parsed);
  let returnValues: { from: string; lines: string[] } | undefined;
  if (response && entries.length) {
    const results = evaluateReturnValues(entries, response.bodyText, `the response in ${of.where}`);
    pushAll(result.problems, returnValueProblems(results, entries).map(inMacro));
    returnValues = {
      from: `from the sample's response${response.status !== undefined ? `, status ${response.status}` : ''}`,
      lines: results.map(r => defaultMasker.text(returnValueLine(r))),
    };
  }
  result.block = formatSnapshotBlock({
    key: result.key,
    label: result.label,
    request: snapshotRequest(rendered.request),
    returnValues,
  });
}

/** The `samples` element that names `spec`, else the `samples` key, else the macro's start. */
function samplesEntryRange(parsed: ParsedMacro, spec: string): OffsetRange {
  const list = parsed.macro?.samples;
  const i = Array.isArray(list) ? list.indexOf(spec) : -1;
  const node = (i >= 0 ? nodeAtPath(parsed.root, ['samples', i]) : undefined) ?? nodeAtPath(parsed.root, ['samples']);
  return node ? nodeRange(node) : { start: 0, end: 0 };
}

/**
 * The request as the snapshot shows it: `${secret:NAME}` / `${env:NAME}` stay as written, credentials written
 * literally (an Authorization value, a Slack webhook path, a token parameter) are masked as the preview masks
 * them, the body as the exchange log masks it.
 */
function snapshotRequest(request: RenderedRequest): SnapshotRequest {
  const sites = request.placeholders ?? [];
  const maskAround = (text: string, list: typeof sites, maskRun: (run: string, first: boolean) => string) => {
    let out = '';
    let from = 0;
    for (const p of [...list].sort((a, b) => a.start - b.start)) {
      if (p.start > from) out += maskRun(text.slice(from, p.start), from === 0);
      out += text.slice(p.start, p.end);
      from = p.end;
    }
    if (from < text.length) out += maskRun(text.slice(from), from === 0);
    return out;
  };
  const out: SnapshotRequest = {
    method: request.method,
    url: maskAround(
      request.url,
      sites.filter(s => s.part === 'url'),
      run => defaultMasker.url(run),
    ),
    headers: request.headers.map((h, i) => ({
      name: h.name,
      value: maskAround(
        h.value,
        sites.filter(s => s.part === 'header' && s.headerIndex === i),
        headerRunMasker(h.name),
      ),
    })),
  };
  if (request.bodyText !== undefined) out.bodyText = defaultMasker.text(request.bodyText);
  return out;
}
