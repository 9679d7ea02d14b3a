import type { Problem } from '../common/problem';
import { describeSampleItem } from '../samples/describe';
import { loadSampleForMacro } from '../samples/load';
import { renderMacro } from '../render/render';
import { checkTeamsRender } from '../render/teamsCard';
import type { CheckContext } from './types';

/** Items of the default sample the card is checked with, at most (a long sample list is spot-checked). */
const MAX_ITEMS = 20;

/**
 * The card check for Teams macros (loaded by check/targetChecks.ts for Teams macros only, a lazy chunk in the extension):
 * the body rendered with each item of the macro's default sample (its first
 * `samples` file, else the built-in one), exactly as the preview and a send render it, then checked with
 * Microsoft's Adaptive Cards library (render/teamsCard.ts). A problem only some items cause names the first one.
 * Editor and `ccmacro validate` both run it (the preview reports the same problems for the item it shows).
 */
export async function teamsCardProblems(ctx: CheckContext): Promise<Problem[]> {
  const { parsed } = ctx;
  const sample = await loadSampleForMacro(parsed, ctx.dir, ctx.env.fs);
  const items = sample.items.slice(0, MAX_ITEMS);
  const found = new Map<string, { problem: Problem; items: number[] }>();
  let checked = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!item) continue; // the sample's own problem says why
    // Missing values are the tag check's business; the card's shape does not depend on them.
    const result = renderMacro(parsed, { sample: item, allowMissing: true });
    if (!result.request) continue; // render errors are reported by the render itself (preview, send)
    checked++;
    // The render's own Teams warnings (a value that is not a web address) and the card check.
    const teamsRender = result.problems.filter(p => p.code.startsWith('render/teams-'));
    for (const p of [...teamsRender, ...(await checkTeamsRender(parsed, result))]) {
      const key = `${p.code}|${p.range.start}|${p.range.end}|${p.message}`;
      const hit = found.get(key);
      if (hit) hit.items.push(i);
      else found.set(key, { problem: p, items: [i] });
    }
  }
  const out: Problem[] = [];
  for (const { problem, items: where } of found.values()) {
    if (where.length === checked || checked <= 1) out.push(problem);
    else out.push({ ...problem, message: `${problem.message} (with sample ${describeSampleItem(sample, where[0])})` });
  }
  return out;
}
