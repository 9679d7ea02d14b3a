import { editDistance } from '../common/editDistance';
import type { MacroScope } from '../macro/model';
import { tagFitsScope, type TagCatalog } from './catalog';

/** Lower-cased names by catalog, built once per catalog object. */
const indexes = new WeakMap<
  TagCatalog,
  { lower: Map<string, string>; names: Array<{ name: string; lower: string }> }
>();

function indexOf(catalog: TagCatalog) {
  let ix = indexes.get(catalog);
  if (!ix) {
    const lower = new Map<string, string>();
    const names: Array<{ name: string; lower: string }> = [];
    for (const name of catalog.tags.keys()) {
      const l = name.toLowerCase();
      if (!lower.has(l)) lower.set(l, name);
      names.push({ name, lower: l });
    }
    ix = { lower, names };
    indexes.set(catalog, ix);
  }
  return ix;
}

/**
 * The known tag an unknown name most likely meant: a case-insensitive exact match first, then the
 * closest name by edit distance (insertions, deletions, substitutions, swaps of neighbours), allowed
 * up to a third of the name's length (at least 1), preferring tags that fit the macro's scope.
 */
export function suggestTagName(name: string, catalog: TagCatalog, scope?: MacroScope): string | undefined {
  const ix = indexOf(catalog);
  const lower = name.toLowerCase().replace(/\s+/g, ' ');
  const exact = ix.lower.get(lower);
  if (exact !== undefined) return exact;
  const max = Math.max(1, Math.floor(lower.length / 3));
  let best: string | undefined;
  let bestScore = Infinity;
  for (const cand of ix.names) {
    if (Math.abs(cand.lower.length - lower.length) > max) continue;
    const d = editDistance(lower, cand.lower, max);
    if (d > max) continue;
    const fits = !scope || tagFitsScope(catalog.tags.get(cand.name)!, scope);
    const score = d * 2 + (fits ? 0 : 1);
    if (score < bestScore) {
      bestScore = score;
      best = cand.name;
    }
  }
  return best;
}
