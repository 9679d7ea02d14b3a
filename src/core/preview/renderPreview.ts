/**
 * From a macro's text to the preview's view model: pick the sample (the picker's choice, else the
 * macro's default), render, and collect problems from the macro and the sample file.
 * Pure over a FileSystemLike, so the host only supplies open documents and the disk.
 */
import * as path from 'node:path';
import type { FileSystemLike } from '../host';
import { parseMacro, type ParsedMacro } from '../macro/parse';
import { BUILTIN_SAMPLES } from '../samples/builtin';
import { sampleItemLabel } from '../samples/describe';
import { loadSampleForMacro, sampleChoices, type LoadedSample } from '../samples/load';
import { parseSampleFile } from '../samples/parse';
import { renderMacro } from '../render/render';
import type { RenderResult } from '../render/types';
import type { PreviewModel, SampleOption } from './messages';
import { buildPreviewModel, type ForeignProblems } from './model';

export { sampleKey, parseSampleKey } from '../samples/key';
import { parseSampleKey, sampleKey } from '../samples/key';

/** Every item of every sample the macro can use: its own sample files, then the built-ins. */
export async function previewSampleOptions(
  parsed: ParsedMacro,
  dir: string,
  fs: FileSystemLike,
): Promise<SampleOption[]> {
  const out: SampleOption[] = [];
  for (const c of sampleChoices(parsed, dir)) {
    if (c.id.startsWith('builtin:')) {
      const b = BUILTIN_SAMPLES.find(x => `builtin:${x.id}` === c.id);
      const items = b?.items ?? [];
      items.forEach((item, i) =>
        out.push({
          key: sampleKey(c.id, i),
          label: items.length > 1 ? `${c.label} ${sampleItemLabel(item, i)}` : c.label,
          group: 'Built-in samples',
          description: c.description,
        }),
      );
      continue;
    }
    const text = await fs.readFile(c.id);
    const items = text === undefined ? [] : parseSampleFile(text).items.map(it => it.item);
    if (items.length === 0) {
      out.push({
        key: sampleKey(c.id, 0),
        label: text === undefined ? `${c.label} (not found)` : `${c.label} (no items)`,
        group: c.label,
        description: c.description,
      });
      continue;
    }
    items.forEach((item, i) =>
      out.push({
        key: sampleKey(c.id, i),
        label: sampleItemLabel(item, i),
        group: c.label,
        description: c.description,
      }),
    );
  }
  return out;
}

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
  parsedIn?: ParsedMacro,
): Promise<MacroRender> {
  const parsed = parsedIn ?? parseMacro(text);
  const dir = path.dirname(macroPath);
  const picked = key ? parseSampleKey(key) : undefined;
  const sample = await loadSampleForMacro(parsed, dir, fs, picked ? { sample: picked.id, index: picked.index } : {});
  const result = sample.item ? renderMacro(parsed, { sample: sample.item }) : undefined;
  return { parsed, sample, result, sampleKey: sampleKey(sample.id, sample.index) };
}

export interface PreviewInput {
  text: string;
  /** The macro's absolute path (sample paths resolve against its folder). */
  path: string;
  documentUri: string;
  fs: FileSystemLike;
  sampleKey?: string;
  locked: boolean;
  seq: number;
}

export async function renderPreview(input: PreviewInput): Promise<PreviewModel> {
  const parsed = parseMacro(input.text);
  const samples = await previewSampleOptions(parsed, path.dirname(input.path), input.fs);
  // A key that is no longer offered (the sample file was removed from `samples`) falls back to the default.
  const key = input.sampleKey && samples.some(s => s.key === input.sampleKey) ? input.sampleKey : undefined;
  const r = await renderWithSample(input.text, input.path, input.fs, key, parsed);
  const foreign: ForeignProblems[] = [];
  if (r.sample.problems.length)
    foreign.push({ path: r.sample.path ?? r.sample.name, text: r.sample.text ?? '', problems: r.sample.problems });
  const problems = [...parsed.syntaxProblems, ...(r.result?.problems ?? [])];
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
    ...(typeof name === 'string' ? { macroName: name } : {}),
    ...(r.result ? { render: r.result } : {}),
    problems,
    foreignProblems: foreign,
    samples,
    selectedSample: r.sampleKey,
    locked: input.locked,
    ...(notice ? { notice } : {}),
  });
}
