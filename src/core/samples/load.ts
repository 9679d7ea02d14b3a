import * as path from 'node:path';
import type { FileSystemLike } from '../host';
import type { ParsedMacro } from '../macro/parse';
import { macroScope } from '../macro/model';
import { problem, type Problem } from '../common/problem';
import type { OffsetRange } from '../common/text';
import type { SampleItem, SampleResponse } from './types';
import { parseSampleFile, type ParsedSampleFile } from './parse';
import { BUILTIN_SAMPLES } from './builtin';
import { outsideSampleProblem, refusesSample, type SampleReach } from './reach';
import { pushAll } from '../common/arrays';

/** One sample with the item a macro renders with picked out. */
export interface LoadedSample extends Omit<SampleSource, 'fileProblems' | 'itemProblems'> {
  /** The item at the requested index; undefined when there is none (a problem says why). */
  item?: SampleItem;
  /** The chosen item's `$response`. */
  response?: SampleResponse;
  index: number;
  /** The file's own problems and those of the chosen item, ranges into `text` (0..0 for a built-in or a missing file). */
  problems: Problem[];
}

interface SampleChoice {
  /** Pass as `sample` to loadSampleForMacro. */
  id: string;
  label: string;
  description: string;
}

/** The samples a picker offers for a macro: its own `samples` first, then the built-ins of its scope and the hostile one. */
export function sampleChoices(parsed: ParsedMacro, dir: string): SampleChoice[] {
  const out: SampleChoice[] = [];
  for (const s of macroSamplePaths(parsed))
    out.push({ id: path.resolve(dir, s), label: path.basename(s), description: s });
  const scope = macroScope(parsed.macro);
  for (const b of BUILTIN_SAMPLES)
    if (b.scope === scope || b.scope === 'both')
      out.push({ id: `builtin:${b.id}`, label: b.label, description: b.description });
  return out;
}

function macroSamplePaths(parsed: ParsedMacro): string[] {
  const s = parsed.macro?.samples;
  return Array.isArray(s) ? s.filter((x): x is string => typeof x === 'string' && x.length > 0) : [];
}

/**
 * The sample a macro uses when nobody picked one: `sample` if given ("builtin:ID" or a path), else the macro's first
 * `samples` entry, else the built-in typical sample of the macro's scope.
 */
function defaultSampleSpec(parsed: ParsedMacro): string {
  return macroSamplePaths(parsed)[0] ?? `builtin:${macroScope(parsed.macro) === 'user' ? 'user' : 'feedback'}`;
}

/**
 * Every sample `ccmacro validate` and the editor render a macro with: each of its own `samples`, else the built-in
 * typical sample of its scope (never the hostile one). `entry` is the index of the `samples` element it came from.
 */
export function macroSampleSpecs(parsed: ParsedMacro): Array<{ spec: string; entry?: number }> {
  const s = parsed.macro?.samples;
  const own: Array<{ spec: string; entry?: number }> = [];
  if (Array.isArray(s))
    s.forEach((x, entry) => {
      if (typeof x === 'string' && x.length > 0) own.push({ spec: x, entry });
    });
  return own.length ? own : [{ spec: defaultSampleSpec(parsed) }];
}

/**
 * The most sample files one macro is rendered with. Each may be 10 MB and is held while its items render, so a
 * macro naming thousands could fill the memory of whoever runs ccmacro on it; nobody keeps that many samples for one
 * macro. `validate` reports the entries past it (`samples/too-many`, an error) and nothing reads them.
 */
export const MAX_SAMPLE_FILES = 100;

/** What a `samples` entry names, for telling two entries apart: `builtin:ID` as written, a path resolved. */
function sampleFileKey(spec: string, dir: string): string {
  return spec.startsWith('builtin:') ? spec : path.resolve(dir, spec);
}

/** The sample entries a macro is rendered with, and those left out: a file named again, and those past the limit. */
interface DistinctSamples<T extends { spec: string }> {
  kept: T[];
  /** An entry naming the same file (or built-in) as an earlier one: `first` is that one. */
  repeated: Array<{ entry: T; first: T }>;
  /** Entries past MAX_SAMPLE_FILES distinct files. */
  overLimit: T[];
}

/** Each file once (by where it is, so `x/../s.json` is `s.json`), at most MAX_SAMPLE_FILES of them, in order. */
export function distinctSamples<T extends { spec: string }>(entries: readonly T[], dir: string): DistinctSamples<T> {
  const out: DistinctSamples<T> = { kept: [], repeated: [], overLimit: [] };
  const seen = new Map<string, T>();
  for (const e of entries) {
    const key = sampleFileKey(e.spec, dir);
    const first = seen.get(key);
    if (first) out.repeated.push({ entry: e, first });
    else if (out.kept.length >= MAX_SAMPLE_FILES) out.overLimit.push(e);
    else {
      seen.set(key, e);
      out.kept.push(e);
    }
  }
  return out;
}

/** A whole sample: every item as written, with the problems of the file and of each item apart. */
export interface SampleSource {
  /** For display: "Typical feedback (built-in)" or the file name. */
  name: string;
  /** The spec that picked it: "builtin:ID" or the absolute path of the sample file. */
  id: string;
  /** The sample file's absolute path and text (undefined for built-ins), for locating problems. */
  path?: string;
  text?: string;
  /** Every item in the order written; undefined where the item cannot be used (its problems say why). */
  items: ReadonlyArray<SampleItem | undefined>;
  /** Each item's `$response` (the target system's answer the author expects), where it has one. */
  responses: ReadonlyArray<SampleResponse | undefined>;
  /** Problems of the file as a whole (it cannot be read, a syntax error outside any item, an empty list). */
  fileProblems: Problem[];
  /** itemProblems[i]: the problems inside item i (ranges into `text`). */
  itemProblems: Problem[][];
}

/**
 * Read one sample: "builtin:ID" or a file path (relative paths against `dir`). Never throws: a file that cannot be
 * read (missing, a folder, not UTF-8, …) is a file problem. `parse` lets a caller cache parsed files. `reach`: a file
 * outside its tree is not read when the reach refuses it (a `sample/outside` file problem).
 */
export async function readSample(
  spec: string,
  dir: string,
  fs: FileSystemLike,
  parse: (path: string, text: string) => ParsedSampleFile = (_p, t) => parseSampleFile(t),
  reach?: SampleReach,
): Promise<SampleSource> {
  const nowhere = { start: 0, end: 0 };
  if (spec.startsWith('builtin:')) {
    const id = spec.slice('builtin:'.length);
    const b = BUILTIN_SAMPLES.find(x => x.id === id);
    if (!b)
      return {
        name: spec,
        id: spec,
        items: [],
        responses: [],
        itemProblems: [],
        fileProblems: [
          problem(
            'sample/unknown-builtin',
            'error',
            `There is no built-in sample "${id}". Built-in samples: ${BUILTIN_SAMPLES.map(x => 'builtin:' + x.id).join(', ')}`,
            nowhere,
          ),
        ],
      };
    return {
      name: `${b.label} (built-in)`,
      id: spec,
      items: b.items,
      responses: [],
      itemProblems: b.items.map(() => []),
      fileProblems: [],
    };
  }
  const file = path.resolve(dir, spec);
  // A file whose items cannot be listed: the problem says why.
  const unread = (p: Problem): SampleSource => ({
    name: path.basename(file),
    id: file,
    path: file,
    items: [],
    responses: [],
    itemProblems: [],
    fileProblems: [p],
  });
  if (await refusesSample(file, reach)) return unread(outsideSampleProblem(spec, reach!, nowhere));
  const read = await fs.readFile(file);
  if (!read.ok)
    return unread(
      read.error.kind === 'missing'
        ? problem('sample/not-found', 'error', `The sample file ${spec} does not exist`, nowhere)
        : problem(
            'sample/cannot-read',
            'error',
            `The sample file ${spec} cannot be read: ${read.error.message}`,
            nowhere,
          ),
    );
  const text = read.value;
  const parsedFile = parse(file, text);
  const itemProblems: Problem[][] = parsedFile.items.map(() => []);
  const fileProblems: Problem[] = [];
  for (const p of parsedFile.problems) {
    const i = itemHolding(parsedFile.items, p.range);
    if (i >= 0) itemProblems[i].push(p);
    else fileProblems.push(p);
  }
  parsedFile.items.forEach((it, i) => {
    if (it.item) return;
    // Say which item, by the number --sample-index and the preview's list use.
    itemProblems[i] = itemProblems[i].map(p =>
      p.code === 'sample/not-object'
        ? {
            ...p,
            message: `Item ${i} of the sample is not an object of tag names to values, e.g. { "Title": "Crash on launch" }`,
          }
        : p,
    );
  });
  return {
    name: path.basename(file),
    id: file,
    path: file,
    text,
    items: parsedFile.items.map(it => it.item),
    responses: parsedFile.items.map(it => it.response),
    fileProblems,
    itemProblems,
  };
}

/**
 * Pick and load the sample for a macro: `options.sample` ("builtin:ID" or a path, relative paths against `dir`),
 * else the macro's first `samples` entry, else the built-in typical sample of the macro's scope.
 */
export async function loadSampleForMacro(
  parsed: ParsedMacro,
  dir: string,
  fs: FileSystemLike,
  options: { sample?: string; index?: number; reach?: SampleReach } = {},
): Promise<LoadedSample> {
  const index = options.index ?? 0;
  const spec = options.sample ?? defaultSampleSpec(parsed);
  return pickSampleItem(await readSample(spec, dir, fs, undefined, options.reach), index);
}

/** One item of a sample, with the problems that concern it: the file's own, and those inside that item. */
export function pickSampleItem(source: SampleSource, index: number): LoadedSample {
  const { fileProblems, itemProblems, ...rest } = source;
  const out: LoadedSample = { ...rest, index, problems: [...fileProblems] };
  const count = source.items.length;
  if (count === 0) return out;
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    out.problems.push(
      problem(
        'sample/index',
        'error',
        `The sample has ${count} item${count === 1 ? '' : 's'}, numbered from 0 to ${count - 1}; there is no item ${index}`,
        { start: 0, end: 0 },
      ),
    );
  } else {
    pushAll(out.problems, itemProblems[index]);
    out.item = source.items[index];
    const response = source.responses[index];
    if (response) out.response = response;
  }
  return out;
}

function within(r: OffsetRange, outer: OffsetRange): boolean {
  return r.start >= outer.start && r.end <= outer.end;
}

/** The item whose range holds `r`, or -1: the last item starting at or before it (items are in order, apart). */
function itemHolding(items: ReadonlyArray<{ range: OffsetRange }>, r: OffsetRange): number {
  let lo = 0;
  let hi = items.length - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].range.start <= r.start) {
      last = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return last >= 0 && within(r, items[last].range) ? last : -1;
}
