import type { Problem } from '../common/problem';
import { macroTarget } from '../macro/target';
import type { CheckContext, NamedCheck } from './types';

/**
 * Teams macros get their card checked (check/teamsRender.ts): rendered with the sample items and checked with
 * Microsoft's Adaptive Cards library. That code, the renderer and the library load only for a Teams macro.
 */
export async function teamsCardCheck(ctx: CheckContext): Promise<Problem[]> {
  if (macroTarget(ctx.parsed) !== 'teams') return [];
  const { teamsCardProblems } = await import('./teamsRender');
  return teamsCardProblems(ctx);
}

export const teamsCheck: NamedCheck = { name: 'Teams card', run: teamsCardCheck };
