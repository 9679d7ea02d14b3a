import { macroTarget } from '../macro/target';
import type { NamedCheck } from './types';

/**
 * The checks about what a macro posts to. Their code loads on first use (lazy chunks in the extension), for the
 * macros that need it: the `"target"` / version-1 `"slack"` check (check/target.ts) for a macro that writes either,
 * and the Teams card check (check/teamsRender.ts: Microsoft's Adaptive Cards library, run over the renders the render
 * check makes) for a Teams macro.
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
    name: 'Teams card',
    run: async ctx =>
      macroTarget(ctx.parsed) === 'teams' ? (await import('./teamsRender')).teamsCardProblems(ctx) : [],
  },
];
