import type { TagCatalog } from './catalog';
import { tagAt, type MacroAnalysis } from './locate';
import { LineIndex, type OffsetRange, type Position } from '../common/text';
import type { FileSystemLike } from '../host';
import { parseMacro } from '../macro/parse';
import { returnValueEntries } from '../macro/returnValues';

interface TagDefinitionLocation {
  /** Absolute path of the project catalog, sample file or macro. */
  path: string;
  /** The catalog entry, or the key in the sample file. */
  range: OffsetRange;
  /** A project catalog entry, a sample key, or the `returnValues` entry of the macro that saves it (external data). */
  kind: 'project' | 'sample' | 'returnValue';
  /** For a returnValue location: the response field of the entry (see currentDefinitionRange). */
  field?: string;
}

/**
 * The location's range in the file's current text: a `returnValues` entry is found again by its field, as the
 * macro that saves the tag may have been edited since it was read; other locations are as given.
 */
export function currentDefinitionRange(location: TagDefinitionLocation, text: string): OffsetRange {
  if (location.kind !== 'returnValue' || location.field === undefined) return location.range;
  const entry = returnValueEntries(parseMacro(text)).find(e => e.field === location.field);
  return entry ? entry.nameRange : location.range;
}

/** Where the tag under the cursor is defined in files of the project (built-in tags have no file to open). */
export function definitionAt(
  analysis: MacroAnalysis,
  offset: number,
  catalog: TagCatalog,
): { tagRange: OffsetRange; locations: TagDefinitionLocation[] } | undefined {
  const hit = tagAt(analysis, offset);
  if (!hit || hit.token.kind !== 'tag') return undefined;
  const def = catalog.tags.get(hit.token.name);
  if (!def) return undefined;
  const locations: TagDefinitionLocation[] = [];
  for (const s of def.sources) {
    if (s.kind === 'builtin') continue;
    const range = { start: s.offset, end: s.offset + s.length };
    locations.push(
      s.kind === 'returnValue'
        ? { path: s.path, range, kind: s.kind, field: s.field }
        : { path: s.path, range, kind: s.kind },
    );
  }
  return locations.length ? { tagRange: hit.range, locations } : undefined;
}

/** A definition as the editor opens it: the file, and the range in its current text as lines and characters. */
export interface TagDefinitionTarget {
  path: string;
  start: Position;
  end: Position;
}

/** Each location read again through `fs` (a file that cannot be read is left out), in line/character terms. */
export async function definitionTargets(
  locations: readonly TagDefinitionLocation[],
  fs: FileSystemLike,
): Promise<TagDefinitionTarget[]> {
  const out: TagDefinitionTarget[] = [];
  for (const loc of locations) {
    const read = await fs.readFile(loc.path);
    if (!read.ok) continue;
    const lines = new LineIndex(read.value);
    const range = currentDefinitionRange(loc, read.value);
    out.push({ path: loc.path, start: lines.positionAt(range.start), end: lines.positionAt(range.end) });
  }
  return out;
}
