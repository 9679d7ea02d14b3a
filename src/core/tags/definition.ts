import type { TagCatalog } from './catalog';
import { tagAt, type MacroAnalysis } from './locate';
import type { OffsetRange } from '../common/text';

export interface TagDefinitionLocation {
  /** Absolute path of the project catalog or sample file. */
  path: string;
  /** The catalog entry, or the key in the sample file. */
  range: OffsetRange;
  kind: 'project' | 'sample';
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
    locations.push({ path: s.path, range: { start: s.offset, end: s.offset + s.length }, kind: s.kind });
  }
  return locations.length ? { tagRange: hit.range, locations } : undefined;
}
