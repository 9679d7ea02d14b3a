import type { OffsetRange } from '../common/text';
import { nodeAtPath } from '../common/jsonPath';
import type { ParsedMacro } from './parse';

/** One `returnValues` entry as written: response field path → Centercode external-data name. */
export interface ReturnValueEntry {
  /** Path into the JSON response, e.g. "key" or "data.items[0].id". */
  field: string;
  /** The external-data field Centercode saves the value in, e.g. "Jira Key". */
  name: string;
  /** The whole entry (`"key": "Jira Key"`), where problems about it point. */
  range: OffsetRange;
  /** The name's string literal (quotes included): where "go to definition" of the tag lands. */
  nameRange: OffsetRange;
}

/**
 * The macro's `returnValues` entries in the order written, with where each sits in the text. Entries whose
 * name is not text (the schema check reports them) are left out; a repeated field counts once, as its last entry.
 */
export function returnValueEntries(parsed: ParsedMacro): ReturnValueEntry[] {
  const node = nodeAtPath(parsed.root, ['returnValues']);
  if (node?.type !== 'object') return [];
  const byField = new Map<string, ReturnValueEntry>();
  for (const prop of node.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (!k || !v || v.type !== 'string' || typeof k.value !== 'string') continue;
    const name = String(v.value).trim();
    if (!name) continue;
    byField.delete(k.value);
    byField.set(k.value, {
      field: k.value,
      name,
      range: { start: prop.offset, end: prop.offset + prop.length },
      nameRange: { start: v.offset, end: v.offset + v.length },
    });
  }
  return [...byField.values()];
}
