import type { TeamsCardView } from '../../../core/targets/teams/cardView';

/**
 * What the Teams renderer script (dist/webview/teams.js, loaded by the preview only when its Teams tab is shown)
 * puts on `window`. It holds Microsoft's Adaptive Cards renderer and markdown-it, which the preview itself
 * never needs for other macros.
 */
export interface TeamsRenderer {
  /** Draw the cards into `root` (replacing what is there); values become highlighted, clickable spans. */
  render(view: TeamsCardView, theme: 'light' | 'dark', root: HTMLElement): void;
}

export interface TeamsRendererHost {
  ccmacroTeamsRenderer?: TeamsRenderer;
}
