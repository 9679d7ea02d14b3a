import { editDistance } from '../common/editDistance';
import type { MacroScope } from '../macro/model';
import { tagFitsScope, TagLayer, type TagCatalog, type TagDefinition } from './catalog';

/**
 * How many known names one suggestion compares by edit distance at most. Every catalog people write (the built-in one,
 * a project's, a sample's keys) is far smaller within a name's length window, so they all get the closest name; a
 * catalog of tens of thousands of names of one length (a generated sample) gets the closest among the first ones.
 */
const SUGGESTION_BUDGET = 5000;

/** The names of one catalog layer: lower-cased, and by length (a name this much longer cannot be close). */
interface NameIndex {
  lower: Map<string, string>;
  byLength: Map<number, Array<{ name: string; lower: string }>>;
}

/** Built once per layer: the layers the built-in catalog, External Data and project catalogs make are shared. */
const indexes = new WeakMap<object, NameIndex>();

function indexOf(names: ReadonlyMap<string, TagDefinition>, own: Iterable<string>): NameIndex {
  let ix = indexes.get(names);
  if (!ix) {
    ix = { lower: new Map(), byLength: new Map() };
    for (const name of own) {
      const l = name.toLowerCase();
      if (!ix.lower.has(l)) ix.lower.set(l, name);
      let list = ix.byLength.get(l.length);
      if (!list) ix.byLength.set(l.length, (list = []));
      list.push({ name, lower: l });
    }
    indexes.set(names, ix);
  }
  return ix;
}

/** The index of each layer of the catalog, the bottom one first (a plain map is one layer). */
function layerIndexes(catalog: TagCatalog): NameIndex[] {
  const tags = catalog.tags;
  if (tags instanceof TagLayer) return tags.layers().map(l => indexOf(l.own, l.own.keys()));
  return [indexOf(tags, tags.keys())];
}

/**
 * The known tag an unknown name most likely meant: a case-insensitive exact match first, then the
 * closest name by edit distance (insertions, deletions, substitutions, swaps of neighbours), allowed
 * up to a third of the name's length (at least 1), preferring tags that fit the macro's scope. Only names within that
 * many characters of the name's length are compared, at most SUGGESTION_BUDGET of them.
 */
export function suggestTagName(name: string, catalog: TagCatalog, scope?: MacroScope): string | undefined {
  const layers = layerIndexes(catalog);
  const lower = name.toLowerCase().replace(/\s+/g, ' ');
  for (const ix of layers) {
    const exact = ix.lower.get(lower);
    if (exact !== undefined) return exact;
  }
  const max = Math.max(1, Math.floor(lower.length / 3));
  let best: string | undefined;
  let bestScore = Infinity;
  let budget = SUGGESTION_BUDGET;
  for (const ix of layers) {
    for (let len = lower.length - max; len <= lower.length + max; len++) {
      for (const cand of ix.byLength.get(len) ?? []) {
        if (budget-- <= 0) return best;
        const d = editDistance(lower, cand.lower, max);
        if (d > max) continue;
        const fits = !scope || tagFitsScope(catalog.tags.get(cand.name)!, scope);
        const score = d * 2 + (fits ? 0 : 1);
        if (score < bestScore) {
          bestScore = score;
          best = cand.name;
        }
      }
    }
  }
  return best;
}
