import * as path from 'node:path';
import type { FileSystemLike } from '../host';
import type { ParsedMacro } from '../macro/parse';
import { macroScope } from '../macro/model';
import { problem, type Problem } from '../common/problem';
import type { OffsetRange } from '../common/text';
import type { SampleItem, SampleResponse } from './types';
import { parseSampleFile } from './parse';
import { BUILTIN_SAMPLES } from './builtin';

export interface LoadedSample {
  /** For display: "hostile (built-in)" or the file name. */
  name: string;
  /** The spec that picked it: "builtin:ID" or the absolute path of the sample file. */
  id: string;
  /** The sample file's absolute path and text (undefined for built-ins), for locating problems. */
  path?: string;
  text?: string;
  /** Every item in the order written; undefined where the file's element is not an object (a problem says why). */
  items: ReadonlyArray<SampleItem | undefined>;
  /** Each item's `$response` (the target system's answer the author expects), where it has one. */
  responses: ReadonlyArray<SampleResponse | undefined>;
  /** The item at the requested index; undefined when there is none (a problem says why). */
  item?: SampleItem;
  /** The chosen item's `$response`. */
  response?: SampleResponse;
  index: number;
  /** The file's own problems and those of the chosen item, ranges into `text` (0..0 for a built-in or a missing file). */
  problems: Problem[];
}

export interface SampleChoice {
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
 * Pick and load the sample for a macro: `options.sample` ("builtin:ID" or a path, relative paths against `dir`),
 * else the macro's first `samples` entry, else the built-in typical sample of the macro's scope.
 */
export async function loadSampleForMacro(
  parsed: ParsedMacro,
  dir: string,
  fs: FileSystemLike,
  options: { sample?: string; index?: number } = {},
): Promise<LoadedSample> {
  const index = options.index ?? 0;
  const spec =
    options.sample ??
    macroSamplePaths(parsed)[0] ??
    `builtin:${macroScope(parsed.macro) === 'user' ? 'user' : 'feedback'}`;
  const finish = (
    s: Omit<LoadedSample, 'item' | 'index' | 'responses' | 'response'> & Partial<Pick<LoadedSample, 'responses'>>,
  ): LoadedSample => {
    const out: LoadedSample = { ...s, responses: s.responses ?? [], index };
    const count = s.items.length;
    if (count === 0) return out;
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      out.problems = [
        ...s.problems,
        problem(
          'sample/index',
          'error',
          `The sample has ${count} item${count === 1 ? '' : 's'}, numbered from 0 to ${count - 1}; there is no item ${index}`,
          { start: 0, end: 0 },
        ),
      ];
    } else {
      out.item = s.items[index];
      const response = out.responses[index];
      if (response) out.response = response;
    }
    return out;
  };
  if (spec.startsWith('builtin:')) {
    const id = spec.slice('builtin:'.length);
    const b = BUILTIN_SAMPLES.find(x => x.id === id);
    if (!b) {
      return finish({
        name: spec,
        id: spec,
        items: [],
        problems: [
          problem(
            'sample/unknown-builtin',
            'error',
            `There is no built-in sample "${id}". Built-in samples: ${BUILTIN_SAMPLES.map(x => 'builtin:' + x.id).join(', ')}`,
            { start: 0, end: 0 },
          ),
        ],
      });
    }
    return finish({ name: `${b.label} (built-in)`, id: spec, items: b.items, problems: [] });
  }
  const file = path.resolve(dir, spec);
  const text = await fs.readFile(file);
  if (text === undefined) {
    return finish({
      name: path.basename(file),
      id: file,
      path: file,
      items: [],
      problems: [problem('sample/not-found', 'error', `The sample file ${spec} does not exist`, { start: 0, end: 0 })],
    });
  }
  const sampleFile = parseSampleFile(text);
  const chosen = sampleFile.items[index];
  // Problems inside another item do not concern this one; the file's own (syntax, empty) always do.
  const problems = sampleFile.problems.filter(
    p => !sampleFile.items.some((it, i) => i !== index && within(p.range, it.range)),
  );
  if (chosen && !chosen.item) {
    const i = problems.findIndex(p => p.code === 'sample/not-object' && within(p.range, chosen.range));
    if (i >= 0)
      problems[i] = {
        ...problems[i],
        message: `Item ${index} of the sample is not an object of tag names to values, e.g. { "Title": "Crash on launch" }`,
      };
  }
  return finish({
    name: path.basename(file),
    id: file,
    path: file,
    text,
    items: sampleFile.items.map(it => it.item),
    responses: sampleFile.items.map(it => it.response),
    problems,
  });
}

function within(r: OffsetRange, outer: OffsetRange): boolean {
  return r.start >= outer.start && r.end <= outer.end;
}
