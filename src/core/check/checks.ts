import type { NamedCheck } from './types';
import { schemaCheckEntry } from './schema';
import { semanticChecks } from './semantic';
import { tagCheck } from './tags';
import { secretCheck } from './secrets';
import { varCheck } from './environments';
import { typedValueCheck } from './typedValues';
import { returnValuesCheck } from './returnValues';
import { targetProblems } from './target';
import { targetRenderProblems } from './targetRender';
import { renderProblems } from './renderSamples';

/**
 * Every family of checks, in the order they run. Each lives in its own module; add one line here.
 * (Type-only import of NamedCheck keeps this free of a runtime cycle with validate.ts.)
 */
export const ALL_CHECKS: NamedCheck[] = [
  schemaCheckEntry,
  ...semanticChecks,
  tagCheck,
  secretCheck,
  varCheck,
  typedValueCheck,
  returnValuesCheck,
  // What a macro posts to (check/target.ts: what the macro says about its target, against its URL and the request
  // line the target's service takes) and the target's payload check over the renders the render check makes
  // (check/targetRender.ts: Slack's rules, the Teams card with Microsoft's Adaptive Cards library, …).
  { name: 'target', run: targetProblems },
  { name: 'target payload', run: targetRenderProblems },
  // Render the macro with every item of its samples, as the preview and a send do, and report what would stop them.
  { name: 'render with each sample item', run: renderProblems },
];
