/**
 * From a macro's text to the preview's view model: pick the sample (the picker's choice, else the
 * macro's default), render, and collect problems from the macro and the sample file.
 * Pure over a FileSystemLike, so the host only supplies open documents and the disk.
 */
import type { TagSyntax } from '../project/tagSyntax';
import * as path from 'node:path';
import type { FileSystemLike } from '../host';
import { parseMacro, type ParsedMacro } from '../macro/parse';
import { loadSampleForMacro, type LoadedSample } from '../samples/load';
import { sampleItemOptions } from '../samples/options';
import { renderMacro } from '../targets/render';
import { checkTargetPayload } from '../targets/check';
import type { RenderResult, VarValues } from '../render/types';
import type { Environments } from '../environments/environments';
import type { PreviewModel, PreviewReturnValues } from './messages';
import { returnValueEntries } from '../macro/returnValues';
import { evaluateReturnValues, returnValueProblems } from '../returns/evaluate';
import { defaultMasker } from '../secrets/mask';
import type { Problem } from '../common/problem';
import { buildPreviewModel, type ForeignProblems } from './model';

export { sampleKey, parseSampleKey } from '../samples/key';
import { parseSampleKey, sampleKey } from '../samples/key';
import { pushAll } from '../common/arrays';

export interface MacroRender {
  parsed: ParsedMacro;
  sample: LoadedSample;
  /** undefined when there is no sample item to render with (the sample's problems say why). */
  result?: RenderResult;
  /** The key of the sample item used. */
  sampleKey: string;
}

/** Render a macro with the sample item `key` (or the macro's default sample when key is unset or unknown). */
export async function renderWithSample(
  text: string,
  macroPath: string,
  fs: FileSystemLike,
  key?: string,
  parsedIn?: ParsedMacro | TagSyntax,
  vars?: VarValues,
): Promise<MacroRender> {
  const parsed = parsedIn && 'text' in parsedIn ? parsedIn : parseMacro(text, parsedIn);
  const dir = path.dirname(macroPath);
  const picked = key ? parseSampleKey(key) : undefined;
  const sample = await loadSampleForMacro(parsed, dir, fs, picked ? { sample: picked.id, index: picked.index } : {});
  const result = sample.item ? renderMacro(parsed, { sample: sample.item, vars }) : undefined;
  return { parsed, sample, result, sampleKey: sampleKey(sample.id, sample.index) };
}

interface PreviewInput {
  text: string;
  /** The macro's absolute path (sample paths resolve against its folder). */
  path: string;
  documentUri: string;
  fs: FileSystemLike;
  sampleKey?: string;
  locked: boolean;
  seq: number;
  /** The macro's tag syntax (its project's `.ccmacro/config.json`); default parentheses. */
  tagSyntax?: TagSyntax;
  /** The project's environments and the active one: `${var:NAME}` values, named in the preview. */
  environments?: Environments;
  environment?: string;
}

export async function renderPreview(input: PreviewInput): Promise<PreviewModel> {
  const parsed = parseMacro(input.text, input.tagSyntax);
  const samples = await sampleItemOptions(parsed, path.dirname(input.path), input.fs);
  // A key that is no longer offered (the sample file was removed from `samples`) falls back to the default.
  const key = input.sampleKey && samples.some(s => s.key === input.sampleKey) ? input.sampleKey : undefined;
  const envs = input.environments;
  const active = envs && input.environment !== undefined && envs.has(input.environment) ? input.environment : undefined;
  const vars = envs && active !== undefined ? envs.varValues(active) : undefined;
  const r = await renderWithSample(input.text, input.path, input.fs, key, parsed, vars);
  const foreign: ForeignProblems[] = [];
  if (r.sample.problems.length)
    foreign.push({ path: r.sample.path ?? r.sample.name, text: r.sample.text ?? '', problems: r.sample.problems });
  const problems = [...parsed.syntaxProblems, ...parsed.structureProblems, ...(r.result?.problems ?? [])];
  // The target's payload check, as validate runs it: listed, while the request is still shown.
  if (r.result) pushAll(problems, await checkTargetPayload(parsed, r.result));
  const returnValues = previewReturnValues(parsed, r.sample.item ? r.sample.response : undefined, problems);
  let notice: string | undefined;
  if (!parsed.root) notice = 'The file holds no macro yet.';
  else if (!r.sample.item)
    notice = 'There is no sample item to render with: pick another sample, or fix the sample file.';
  const name = parsed.macro?.name;
  return buildPreviewModel({
    seq: input.seq,
    documentUri: input.documentUri,
    fileName: path.basename(input.path),
    documentText: parsed.text,
    tagSyntax: parsed.tagSyntax,
    ...(typeof name === 'string' ? { macroName: name } : {}),
    ...(r.result ? { render: r.result } : {}),
    problems,
    foreignProblems: foreign,
    samples,
    selectedSample: r.sampleKey,
    locked: input.locked,
    ...(notice ? { notice } : {}),
    ...(returnValues ? { returnValues } : {}),
    ...(envs && active !== undefined
      ? { environment: { name: active, confirm: envs.confirm(active), files: envs.files().map(f => f.path) } }
      : {}),
  });
}

/**
 * What Centercode would save from the sample item's `$response` (undefined when the macro saves nothing). A
 * field the response does not hold is also a problem on the `returnValues` entry, added to `problems`.
 */
function previewReturnValues(
  parsed: ParsedMacro,
  response: LoadedSample['response'],
  problems: Problem[],
): PreviewReturnValues | undefined {
  const entries = returnValueEntries(parsed);
  if (entries.length === 0) return undefined;
  const at = (field: string) => entries.find(e => e.field === field)!.range;
  if (!response)
    return { entries: entries.map(e => ({ name: e.name, field: e.field, start: e.range.start, end: e.range.end })) };
  const results = evaluateReturnValues(entries, response.bodyText, "the sample's response");
  pushAll(problems, returnValueProblems(results, entries));
  return {
    source: `the sample's response${response.status !== undefined ? `, status ${response.status}` : ''}`,
    entries: results.map(r => ({
      name: r.name,
      field: r.field,
      ...(r.value !== undefined ? { value: defaultMasker.text(r.value) } : {}),
      ...(r.problem ? { problem: r.problem.message } : {}),
      start: at(r.field).start,
      end: at(r.field).end,
    })),
  };
}
