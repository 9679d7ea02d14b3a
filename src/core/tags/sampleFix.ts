import * as path from 'node:path';
import { modify, parseTree, type Node } from 'jsonc-parser';
import type { FileSystemLike } from '../host';
import { LineIndex } from '../common/text';
import { slugify } from '../common/slug';
import { macroScope } from '../macro/model';
import type { ParsedMacro } from '../macro/parse';
import { BUILTIN_SAMPLES } from '../samples/builtin';
import type { TagDefinition } from './catalog';
import type { FileEdit } from './quickFixes';

/** The fix for a known tag no sample item has (`render/missing-tag`): give it a value in the macro's sample. */
interface SampleFix {
  title: string;
  /** Edits of the macro's text (offsets): the new `samples` entry when a sample file is created. */
  edits?: Array<{ start: number; end: number; newText: string }>;
  fileEdit: FileEdit;
}

const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };

/** The value a new sample entry gets: the catalog's example, else a placeholder that says what it stands for. */
function exampleValue(name: string, def: TagDefinition | undefined): string {
  return def?.example ?? `Example ${name}`;
}

/**
 * A known tag (an External Data tag another macro saves, a catalog tag) that the macro's sample items lack stops
 * the preview and a send (`render/missing-tag`). The fix adds it, with an example value, to every item of the
 * macro's first sample file that lacks it; a macro without a sample file gets one, `samples/<macro>.sample.json`
 * next to it, holding the built-in typical sample of its scope (what it was checked with) plus the tag, and a
 * `samples` entry naming it. Undefined when the sample file cannot be read or edited (it is not JSON objects, or it
 * lies outside the macro's folder tree), or the new file's name is taken.
 */
export async function addTagToSampleFix(
  parsed: ParsedMacro,
  macroPath: string,
  name: string,
  def: TagDefinition | undefined,
  fs: FileSystemLike,
): Promise<SampleFix | undefined> {
  const dir = path.dirname(macroPath);
  const value = exampleValue(name, def);
  const own = Array.isArray(parsed.macro?.samples)
    ? parsed.macro.samples.find((s): s is string => typeof s === 'string' && s.length > 0)
    : undefined;
  if (own !== undefined) {
    if (own.startsWith('builtin:')) return undefined;
    const file = path.resolve(dir, own);
    const rel = path.relative(dir, file);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    const read = await fs.readFile(file);
    if (!read.ok) return undefined;
    const text = read.value;
    const root = parseTree(text);
    const items: Array<Array<string | number>> = [];
    const lacks = (n: Node | undefined) =>
      n?.type === 'object' && !n.children?.some(p => p.children?.[0]?.value === name);
    if (root?.type === 'object') {
      if (lacks(root)) items.push([]);
    } else if (root?.type === 'array') {
      root.children?.forEach((item, i) => {
        if (lacks(item)) items.push([i]);
      });
    } else return undefined;
    if (items.length === 0) return undefined;
    // One item at a time, each edit applied before the next is computed, then the whole change as one edit.
    let next = text;
    for (const at of items) {
      const edits = modify(next, [...at, name], value, FORMAT);
      for (const e of [...edits].sort((a, b) => b.offset - a.offset))
        next = next.slice(0, e.offset) + e.content + next.slice(e.offset + e.length);
    }
    const lines = new LineIndex(text);
    return {
      title: `Add ((${name})) to ${own} with an example value`,
      fileEdit: {
        path: file,
        edits: [{ start: lines.positionAt(0), end: lines.positionAt(text.length), newText: next }],
      },
    };
  }

  // No sample file: the built-in typical sample it was checked with, plus the tag, in a new file.
  const scope = macroScope(parsed.macro);
  const builtin = BUILTIN_SAMPLES.find(s => s.id === (scope === 'user' ? 'user' : 'feedback'));
  const base = path.basename(macroPath).replace(/\.ccmacro\.json$/i, '');
  const rel = `samples/${slugify(base, 'macro')}.sample.json`;
  const file = path.join(dir, rel);
  if ((await fs.readFile(file)).ok) return undefined;
  const content = JSON.stringify({ ...(builtin?.items[0] ?? {}), [name]: value }, null, 2) + '\n';
  const macroText = parsed.text;
  const edits = modify(macroText, ['samples'], [rel], FORMAT).map(e => ({
    start: e.offset,
    end: e.offset + e.length,
    newText: e.content,
  }));
  return {
    title: `Create ${rel} (the built-in sample with ((${name}))) and use it`,
    edits,
    fileEdit: { path: file, create: content },
  };
}
