/**
 * The Teams tab's renderer (bundled on its own as dist/webview/teams.js): draws a Teams message's Adaptive Cards
 * with Microsoft's `adaptivecards` renderer, a Teams-like host config and Teams' subset of Markdown, under the
 * preview's strict Content Security Policy (the renderer sets styles through the DOM, never inline style text).
 * Values arrive marked (see TeamsCardView) and leave as highlighted spans that lead back to their tags; links and
 * buttons do nothing; images are not loaded.
 */
import {
  AdaptiveCard,
  CardObjectRegistry,
  GlobalRegistry,
  HostConfig,
  SerializationContext,
  Table,
  Versions,
  type Action,
  type CardElement,
} from 'adaptivecards';
import { el } from '../../dom';
import { teamsMarkdown } from './markdown';
import type { TeamsCardView, TeamsValueMark } from '../../../core/targets/teams/cardView';
import type { TeamsRendererHost } from './api';
import { teamsHostConfig, type TeamsTheme } from './hostConfig';

/** The value markers the host writes (TEAMS_VALUE_MARK in core/targets/teams/cardView.ts; the type makes them equal). */
const TEAMS_VALUE_MARK: TeamsValueMark = { open: '\uFDD0', idEnd: '\uFDD1', close: '\uFDD2', digit0: 0xfde0 };

const MARKS = /[\uFDD0-\uFDEF]/g;
const HAS_MARK = /[\uFDD0-\uFDEF]/;

const markdown = teamsMarkdown();

AdaptiveCard.onProcessMarkdown = (text, result) => {
  // A value marked inside a link's address would only garble the address: unmark it there.
  result.outputHtml = markdown.render(text.replace(/\]\([^)]*\)/g, m => m.replace(MARKS, '')));
  result.didProcess = true;
};

function registries(): { elements: CardObjectRegistry<CardElement>; actions: CardObjectRegistry<Action> } {
  const elements = new CardObjectRegistry<CardElement>();
  GlobalRegistry.populateWithDefaultElements(elements);
  // Table registers itself as an import side effect, which a tree-shaken bundle loses.
  if (!elements.findByName('Table')) elements.register('Table', Table, Versions.v1_5);
  const actions = new CardObjectRegistry<Action>();
  GlobalRegistry.populateWithDefaultActions(actions);
  return { elements, actions };
}

function tooNew(card: unknown): string | undefined {
  const v = (card as { version?: unknown } | null)?.version;
  const m = typeof v === 'string' ? /^(\d+)\.(\d+)$/.exec(v.trim()) : null;
  if (!m) return undefined;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > 1 || (major === 1 && minor > 5) ? String(v) : undefined;
}

function render(view: TeamsCardView, theme: TeamsTheme, root: HTMLElement): void {
  root.replaceChildren();
  const hostConfig = new HostConfig(teamsHostConfig(theme));
  for (const json of view.cards) {
    const frame = el('div', `teams-card teams-${theme}`);
    const version = tooNew(json);
    if (version) {
      // What Teams shows for a card newer than it renders.
      frame.appendChild(el('div', 'teams-card-error', "We're sorry, this card couldn't be displayed"));
      frame.title = `Teams renders card versions up to 1.5; this card says ${version}`;
      root.appendChild(frame);
      continue;
    }
    const card = new AdaptiveCard();
    card.hostConfig = hostConfig;
    card.onAnchorClicked = () => true; // shown, not followed
    card.onExecuteAction = () => undefined;
    const ctx = new SerializationContext(Versions.v1_5);
    const { elements, actions } = registries();
    ctx.setElementRegistry(elements);
    ctx.setActionRegistry(actions);
    card.parse(json, ctx);
    const drawn = card.render();
    if (drawn) frame.appendChild(drawn);
    root.appendChild(frame);
  }
  replaceImages(root);
  markValues(root, view.values);
}

/** Images are not loaded in the preview (the page may not fetch them): a placeholder with the alt text instead. */
function replaceImages(root: HTMLElement): void {
  for (const img of Array.from(root.getElementsByTagName('img'))) {
    const alt = img.alt.replace(MARKS, '');
    const p = el('span', 'teams-image', alt ? `🖼 ${alt}` : '🖼 image');
    p.title = 'Images are not loaded in the preview';
    img.replaceWith(p);
  }
}

const MARKER = new RegExp(
  `${TEAMS_VALUE_MARK.open}([\\uFDE0-\\uFDEF]+)${TEAMS_VALUE_MARK.idEnd}|${TEAMS_VALUE_MARK.close}`,
  'g',
);

/** Turn marked values into highlighted spans (a value split by Markdown gets one span per piece); strip the rest. */
function markValues(root: HTMLElement, values: TeamsCardView['values']): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (HAS_MARK.test(n.nodeValue ?? '')) texts.push(n as Text);
  let current = -1;
  for (const t of texts) {
    const s = t.nodeValue ?? '';
    const parent = t.parentElement;
    // Text that cannot hold elements (a drop-down option) just loses its markers.
    const plainOnly = !parent || /^(OPTION|TEXTAREA|TITLE|STYLE|SCRIPT)$/.test(parent.tagName);
    const frag = document.createDocumentFragment();
    let pos = 0;
    const emit = (text: string) => {
      if (!text) return;
      const v = current >= 0 ? values[current] : undefined;
      if (!v || plainOnly) {
        frag.appendChild(document.createTextNode(text));
        return;
      }
      const span = el('span', 'value teams-value', text);
      span.title = v.written;
      span.dataset.tag = v.tag;
      span.dataset.start = String(v.source.start);
      span.dataset.end = String(v.source.end);
      span.tabIndex = 0;
      frag.appendChild(span);
    };
    MARKER.lastIndex = 0;
    for (let m = MARKER.exec(s); m; m = MARKER.exec(s)) {
      emit(s.slice(pos, m.index).replace(MARKS, ''));
      current = m[1] === undefined ? -1 : decodeIndex(m[1]);
      pos = m.index + m[0].length;
    }
    emit(s.slice(pos).replace(MARKS, ''));
    t.replaceWith(frag);
  }
  // Markers that went into attributes (tooltips, labels) or input values.
  for (const e of Array.from(root.querySelectorAll('*'))) {
    for (const a of Array.from(e.attributes))
      if (HAS_MARK.test(a.value)) e.setAttribute(a.name, a.value.replace(MARKS, ''));
    if ((e instanceof HTMLInputElement || e instanceof HTMLTextAreaElement) && HAS_MARK.test(e.value))
      e.value = e.value.replace(MARKS, '');
  }
}

function decodeIndex(digits: string): number {
  let n = 0;
  for (const c of digits) n = n * 16 + (c.charCodeAt(0) - TEAMS_VALUE_MARK.digit0);
  return n;
}

(window as Window & TeamsRendererHost).ccmacroTeamsRenderer = { render };
