import type { NamedCheck } from './types';

/**
 * The checks about what a macro posts to. Their code, with the target registry, loads on first use (lazy chunks in
 * the extension): what the macro says about its target and the request line its service takes (check/target.ts),
 * and the target's payload check over the renders the render check makes (check/targetRender.ts).
 */
export const targetChecks: NamedCheck[] = [
  { name: 'target', run: async ctx => (await import('./target')).targetProblems(ctx) },
  { name: 'target payload', run: async ctx => (await import('./targetRender')).targetRenderProblems(ctx) },
];
