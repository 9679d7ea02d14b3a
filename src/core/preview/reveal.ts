import * as path from 'node:path';
import { parseMacro } from '../macro/parse';
import { sampleChoices } from '../samples/load';

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
