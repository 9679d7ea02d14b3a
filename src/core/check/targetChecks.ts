import { macroTarget } from '../targets/recognise';
import type { NamedCheck } from './types';

/**
 * The checks about what a macro posts to. Their code loads on first use (lazy chunks in the extension), for the
 * macros that need it: the `"target"` / version-1 `"slack"` check (check/target.ts) for a macro that writes either,
 * and the payload check (check/targetRender.ts: Slack's rules, and for Teams Microsoft's Adaptive Cards library, run
 * over the renders the render check makes) for a Slack or Teams macro.
 */
export const targetChecks: NamedCheck[] = [
  {
    name: 'target',
    run: async ctx =>
      ctx.parsed.macro?.slack === undefined && ctx.parsed.macro?.target === undefined
        ? []
        : (await import('./target')).targetCheck(ctx),
  },
  {
    name: 'Slack and Teams payload',
    run: async ctx =>
      macroTarget(ctx.parsed) === 'generic' ? [] : (await import('./targetRender')).targetRenderProblems(ctx),
  },
];
