import * as path from 'node:path';
import { parseMacro } from '../macro/parse';
import { sortProblems, type Problem } from '../common/problem';
import { LineIndex } from '../common/text';
import { ALL_CHECKS } from './checks';
import { foldUnknownMissingTags } from './renderSamples';
import type { CheckContext, CheckEnvironment, ValidateOptions, ValidationResult } from './types';
import { pushAll } from '../common/arrays';
import { throwIfCancelled } from '../common/cancellation';
import { isCancellationError, type CancellationToken } from '../host';

/**
 * Parse and check one macro's text. Never throws for bad input: everything wrong is a Problem. A cancelled `token`
 * stops it between checks (and between sample items) with a CancellationError.
 */
export async function validateMacroText(
  text: string,
  options: ValidateOptions,
  env: CheckEnvironment,
  token?: CancellationToken,
): Promise<ValidationResult> {
  // Nothing is read for a token cancelled before the work starts, not even the project config.
  throwIfCancelled(token);
  const tagSyntax =
    options.tagSyntax ??
    (await env.configs.forMacro(options.path, options.root ?? options.sampleReach?.tree.root)).tagSyntax;
  const parsed = parseMacro(text, tagSyntax);
  const lines = new LineIndex(parsed.text);
  // Structure problems (nesting too deep, a key written twice) are ccmacro's own: the editor shows them too.
  const problems: Problem[] = [...parsed.syntaxProblems, ...parsed.structureProblems];
  if (parsed.root) {
    const ctx: CheckContext = { parsed, options, env, dir: path.dirname(options.path), lines, shared: {}, token };
    for (const c of ALL_CHECKS) {
      throwIfCancelled(token);
      try {
        pushAll(problems, await c.run(ctx));
      } catch (e) {
        if (isCancellationError(e)) throw e;
        // Never a warning: a check that did not run cannot have passed, so the file fails (exit code 1).
        problems.push({
          code: 'internal',
          severity: 'error',
          message: `ccmacro could not run its "${c.name}" check, so this file is not fully checked: ${e instanceof Error ? e.message : String(e)}. Please report this.`,
          range: { start: 0, end: 0 },
        });
      }
    }
  }
  throwIfCancelled(token);
  return { parsed, problems: sortProblems(foldUnknownMissingTags(problems)), lines };
}
