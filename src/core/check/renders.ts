import type { NamedCheck } from './types';

/**
 * Render the macro with every item of its samples, as the preview and a send do, and report what would stop them
 * (check/renderSamples.ts). Loaded on first use: the renderer stays off the extension's activation path.
 */
export const renderCheck: NamedCheck = {
  name: 'render with each sample item',
  run: async ctx => (await import('./renderSamples')).renderProblems(ctx),
};
