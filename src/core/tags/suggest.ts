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

/** Optimal-string-alignment distance, giving up (returning max + 1) once every path exceeds max. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m];
}
