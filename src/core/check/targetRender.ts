import type { Problem } from '../common/problem';
import { describeSampleItem } from '../samples/describe';
import { pushAll } from '../common/arrays';
import { checkTargetPayload } from '../targets/check';
import { longestValueProblems, problemKey, withoutLimit } from './longestValues';
import { sampleRenders } from './renderSamples';
import type { CheckContext } from './types';

/** Items of the default sample the payload is checked with, at most (a long sample list is spot-checked). */
const MAX_ITEMS = 20;

/**
 * What the macro's target would refuse or show differently: the body of each item of the macro's default sample (its first `samples` file, else the built-in one),
 * as a send renders it, checked by the target's payload check (targets/check.ts: Slack's rules, the Teams card with
 * Microsoft's Adaptive Cards library, …), together with the render's own value findings for the target (a Teams value
 * that is not a web address). It reads the renders the render check makes (sampleRenders, check/renderSamples.ts):
 * one render per item per validation. An item a send would refuse has nothing to check; the render check reports
 * why. A problem only some items cause names the first one. Editor and `ccmacro validate` both run it; `ccmacro
 * render`, the preview and `ccmacro test` report the same findings for the items they render.
 */
export async function targetRenderProblems(ctx: CheckContext): Promise<Problem[]> {
  const { parsed } = ctx;
  const { samples, renders } = await sampleRenders(ctx);
  const sample = samples[0]?.source;
  if (!sample) return [];
  const found = new Map<string, { problem: Problem; items: number[] }>();
  let checked = 0;
  for (const { sample: from, index, result } of renders) {
    if (from.source !== sample || index >= MAX_ITEMS || !result.ok) continue;
    checked++;
    const own = result.warnings.filter(p => p.code.startsWith(`render/${result.target}-`));
    const payload = await checkTargetPayload(parsed, result);
    for (const p of [...own, ...payload]) {
      const key = `${p.code}|${p.range.start}|${p.range.end}|${p.message}`;
      const hit = found.get(key);
      if (hit) hit.items.push(index);
      else found.set(key, { problem: p, items: [index] });
    }
  }
  const out: Problem[] = [];
  for (const { problem, items: where } of found.values()) {
    const shown = withoutLimit(problem);
    if (where.length === checked || checked <= 1) out.push(shown);
    else out.push({ ...shown, message: `${problem.message} (with sample ${describeSampleItem(sample, where[0])})` });
  }
  // The same limits with every tag at its longest value (check/longestValues.ts).
  const already = new Set([...found.values()].map(f => problemKey(f.problem)));
  pushAll(out, await longestValueProblems(ctx, renders, already));
  return out;
}
