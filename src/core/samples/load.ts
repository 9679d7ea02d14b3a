import * as path from 'node:path';
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { FileSystemLike } from '../fs';
import type { ParsedMacro } from '../macro/parse';
import { macroScope } from '../macro/model';
import { problem, type Problem } from '../common/problem';
import type { SampleItem, SampleValue } from '../render/types';
import { BUILTIN_SAMPLES, type BuiltinSample } from './builtin';

export { BUILTIN_SAMPLES, type BuiltinSample };

/**
 * Sample feedback: a JSON file (comments allowed) holding one object of tag name → value, or an array of
 * such objects (several feedback items, like a Centercode filter result). A `$schema` key is ignored.
 * Problems have ranges into the sample file's text.
 */
export function parseSampleFile(text: string, _path?: string): { items: SampleItem[]; problems: Problem[] } {
  const errors: ParseError[] = [];
  const body = text.startsWith('\uFEFF') ? ' ' + text.slice(1) : text;
  const root = parseTree(body, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  const problems: Problem[] = errors.map(e =>
    problem(`sample/syntax`, 'error', `The sample file is not valid JSON here (${printParseErrorCode(e.error)})`, { start: e.offset, end: e.offset + Math.max(1, e.length) }),
  );
  const items: SampleItem[] = [];
  if (!root) {
    if (problems.length === 0) problems.push(problem('sample/empty', 'error', 'The sample file is empty: write an object of tag names to values, e.g. { "Title": "Crash on launch" }', { start: 0, end: 0 }));
    return { items, problems };
  }
  const readItem = (n: Node): void => {
    if (n.type !== 'object') {
      problems.push(problem('sample/not-object', 'error', 'Each sample item must be an object of tag names to values, e.g. { "Title": "Crash on launch" }', range(n)));
      return;
    }
    const item: SampleItem = {};
    for (const prop of n.children ?? []) {
      const [k, v] = prop.children ?? [];
      if (!k || !v) continue;
      const name = String(k.value);
      if (name === '$schema') continue;
      const value = readValue(v);
      if (value === undefined) {
        problems.push(problem('sample/bad-value', 'warning', `The value of "${name}" must be text, a number, true/false, null or a list; objects are not tag values, so it is ignored`, range(v)));
        continue;
      }
      item[name] = value;
    }
    items.push(item);
  };
  if (root.type === 'array') {
    for (const c of root.children ?? []) readItem(c);
    if (items.length === 0 && problems.length === 0) problems.push(problem('sample/no-items', 'error', 'The sample list is empty: add at least one feedback item', range(root)));
  } else {
    readItem(root);
  }
  return { items, problems };
}

function range(n: Node): { start: number; end: number } {
  return { start: n.offset, end: n.offset + n.length };
}

function readValue(n: Node): SampleValue | undefined {
  switch (n.type) {
    case 'string':
    case 'number':
    case 'boolean':
      return n.value as SampleValue;
    case 'null':
      return null;
    case 'array': {
      const out: SampleValue[] = [];
      for (const c of n.children ?? []) {
        const v = readValue(c);
        if (v === undefined) return undefined;
        out.push(v);
      }
      return out;
    }
    default:
      return undefined;
  }
}

export interface LoadedSample {
  /** For display: "hostile (built-in)" or the file name. */
  name: string;
  /** The spec that picked it: "builtin:ID" or the absolute path of the sample file. */
  id: string;
  /** The sample file's absolute path and text (undefined for built-ins), for locating problems. */
  path?: string;
  text?: string;
  items: SampleItem[];
  /** The item at the requested index; undefined when there is none (a problem says why). */
  item?: SampleItem;
  index: number;
  /** Problems with ranges into `text` (range 0..0 for a built-in or a missing file). */
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
  for (const s of macroSamplePaths(parsed)) out.push({ id: path.resolve(dir, s), label: path.basename(s), description: s });
  const scope = macroScope(parsed.macro);
  for (const b of BUILTIN_SAMPLES) if (b.scope === scope || b.scope === 'both') out.push({ id: `builtin:${b.id}`, label: b.label, description: b.description });
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
export async function loadSampleForMacro(parsed: ParsedMacro, dir: string, fs: FileSystemLike, options: { sample?: string; index?: number } = {}): Promise<LoadedSample> {
  const index = options.index ?? 0;
  const spec = options.sample ?? macroSamplePaths(parsed)[0] ?? `builtin:${macroScope(parsed.macro) === 'user' ? 'user' : 'feedback'}`;
  const finish = (s: Omit<LoadedSample, 'item' | 'index'>): LoadedSample => {
    const out: LoadedSample = { ...s, index };
    if (s.items.length > 0 && index >= 0 && index < s.items.length) out.item = s.items[index];
    else if (s.items.length > 0) {
      out.problems = [...s.problems, problem('sample/index', 'error', `The sample has ${s.items.length} item${s.items.length === 1 ? '' : 's'}; there is no item number ${index} (items are numbered from 0)`, { start: 0, end: 0 })];
    }
    return out;
  };
  if (spec.startsWith('builtin:')) {
    const id = spec.slice('builtin:'.length);
    const b = BUILTIN_SAMPLES.find(x => x.id === id);
    if (!b) {
      return finish({ name: spec, id: spec, items: [], problems: [problem('sample/unknown-builtin', 'error', `There is no built-in sample "${id}". Built-in samples: ${BUILTIN_SAMPLES.map(x => 'builtin:' + x.id).join(', ')}`, { start: 0, end: 0 })] });
    }
    return finish({ name: `${b.label} (built-in)`, id: spec, items: b.items, problems: [] });
  }
  const file = path.resolve(dir, spec);
  const text = await fs.readFile(file);
  if (text === undefined) {
    return finish({ name: path.basename(file), id: file, path: file, items: [], problems: [problem('sample/not-found', 'error', `The sample file ${spec} does not exist`, { start: 0, end: 0 })] });
  }
  const { items, problems } = parseSampleFile(text, file);
  return finish({ name: path.basename(file), id: file, path: file, text, items, problems });
}
