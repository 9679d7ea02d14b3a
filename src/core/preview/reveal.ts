import * as path from 'node:path';
import { parseMacro } from '../macro/parse';
import { sampleChoices } from '../samples/load';
import { outsideRefusal, type SampleReach } from '../samples/reach';

/**
 * The file a `reveal` message from the preview may open: the macro itself when the message names no file, or one of
 * the sample files the macro's `"samples"` names (as the preview posts their paths, resolved against the macro's
 * folder). Anything else — another file in the workspace, `/etc/passwd`, a path that merely resolves to a sample —
 * is undefined: the host opens nothing. `macroText` is the macro as it is now, so a sample removed from `"samples"`
 * can no longer be opened from a stale problem link.
 */
export function revealTarget(macroText: string, macroPath: string, requested: string | undefined): string | undefined {
  if (requested === undefined) return macroPath;
  const samples = sampleChoices(parseMacro(macroText), path.dirname(macroPath))
    .map(c => c.id)
    .filter(id => !id.startsWith('builtin:'));
  return samples.includes(requested) ? requested : undefined;
}

/**
 * Whether the preview may open a sample file it was asked to reveal (see revealTarget) straight away: `open` inside
 * the macro's tree (or when the user allowed reading outside it), `ask` when it lies outside, by its path or through a
 * symbolic link — the one rule for reading outside the tree (samples/reach.ts), so the editor asks before it opens such
 * a file on a click in a preview of someone else's macro.
 */
export async function revealConsent(target: string, reach: SampleReach | undefined): Promise<'open' | 'ask'> {
  return (await outsideRefusal(target, reach)) ? 'ask' : 'open';
}
