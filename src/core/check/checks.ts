import type { NamedCheck } from './types';
import { schemaCheckEntry } from './schema';
import { semanticChecks } from './semantic';
import { tagCheck } from './tags';
import { secretCheck } from './secrets';
import { typedValueCheck } from './typedValues';
import { returnValuesCheck } from './returnValues';
import { targetCheck } from './target';
import { targetRenderProblems } from './targetRender';
import { renderProblems } from './renderSamples';
import { macroTarget } from '../macro/target';

/**
 * Every family of checks, in the order they run. Each lives in its own module; add one line here.
 * (Type-only import of NamedCheck keeps this free of a runtime cycle with validate.ts.)
 */
export const ALL_CHECKS: NamedCheck[] = [
  schemaCheckEntry,
  ...semanticChecks,
  tagCheck,
  secretCheck,
  typedValueCheck,
  returnValuesCheck,
  // What a macro posts to: the `"target"` / version-1 `"slack"` check for a macro that writes either, and the
  // payload check (Slack's rules; for Teams, the card checked with Microsoft's Adaptive Cards library) for a Slack or
  // Teams macro, over the renders the render check makes.
  {
    name: 'target',
    run: ctx =>
      ctx.parsed.macro?.slack === undefined && ctx.parsed.macro?.target === undefined ? [] : targetCheck(ctx),
  },
  {
    name: 'Slack and Teams payload',
    run: ctx => (macroTarget(ctx.parsed) === 'generic' ? [] : targetRenderProblems(ctx)),
  },
  // Render the macro with every item of its samples, as the preview and a send do, and report what would stop them.
  { name: 'render with each sample item', run: renderProblems },
];
