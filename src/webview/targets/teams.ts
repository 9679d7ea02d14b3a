/**
 * The Teams tab: the message's Adaptive Cards drawn by Microsoft's renderer (the separate script dist/webview/teams.js,
 * src/webview/targets/teams/renderer.ts, loaded the first time the tab is shown) with a Teams-like theme, from the view
 * model src/core/targets/teams/cardView.ts makes.
 */
import type { TargetTabReport } from '../../core/preview/messages';
import type { TeamsCardView } from '../../core/targets/teams/cardView';
import { el } from '../dom';
import type { DrawContext, TargetDrawing } from './drawing';
import type { TeamsRenderer, TeamsRendererHost } from './teams/api';

let renderer: Promise<TeamsRenderer> | undefined;
/** Why the card could not be drawn (the renderer failed to load or threw), for the probe. */
let drawError: string | undefined;
/** The last draw asked for: a renderer that loads late draws only the newest. */
let latest = 0;

function loadRenderer(ctx: DrawContext): Promise<TeamsRenderer> {
  return (renderer ??= ctx.loadScript('teams.js').then(() => {
    const r = (window as Window & TeamsRendererHost).ccmacroTeamsRenderer;
    if (!r) throw new Error('the Teams renderer did not start');
    return r;
  }));
}

function drawTeams(view: TeamsCardView | undefined, root: HTMLElement, ctx: DrawContext): void {
  const cards = el('div', 'teams-cards');
  const notes = el('ul', 'teams-notes');
  notes.replaceChildren(...(view?.notes ?? []).map(n => el('li', undefined, n)));
  root.replaceChildren(
    el(
      'p',
      'teams-note',
      "Drawn with Microsoft's Adaptive Cards renderer and a Teams-like theme. Teams itself may draw the card differently (fonts, spacing, its mobile apps). Links and buttons do nothing here; images are not loaded.",
    ),
    cards,
    notes,
  );
  if (!view) {
    cards.replaceChildren(el('div', 'notice', 'Nothing to draw until the request renders (see Problems).'));
    return;
  }
  const mine = ++latest;
  loadRenderer(ctx)
    .then(r => {
      if (mine !== latest) return; // a newer model is on its way
      r.render(view, ctx.theme(), cards);
      drawError = undefined;
    })
    .catch((e: unknown) => {
      drawError = e instanceof Error ? e.message : String(e);
      cards.replaceChildren(el('div', 'notice', `The card cannot be drawn here: ${drawError}.`));
    });
}

function reportTeams(root: HTMLElement): TargetTabReport {
  const cards = root.querySelector('.teams-cards') ?? root;
  const frame = cards.querySelector('.teams-card');
  const theme = frame?.classList.contains('teams-light') ? 'light' : frame ? 'dark' : undefined;
  return {
    // The card area only: the static note above it is not the card.
    text: cards.textContent ?? '',
    highlightCount: cards.querySelectorAll('.value').length,
    linkCount: cards.getElementsByTagName('a').length,
    emphasis: Array.from(cards.querySelectorAll('strong, em')).map(e => e.textContent ?? ''),
    values: Array.from(cards.querySelectorAll<HTMLElement>('.value'))
      .slice(0, 50)
      .map(e => ({ tag: e.dataset.tag ?? '', start: Number(e.dataset.start), end: Number(e.dataset.end) })),
    ...(theme ? { theme } : {}),
    ...(drawError ? { error: drawError } : {}),
  };
}

export const teamsDrawing: TargetDrawing<TeamsCardView> = { draw: drawTeams, lazy: true, report: reportTeams };
