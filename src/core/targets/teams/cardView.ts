import { DEFAULT_TAG_SYNTAX, type TagSyntax } from '../../project/tagSyntax';
/**
 * The Teams tab's view model: the cards of a rendered Teams message, with every substituted value marked so the
 * webview can highlight it and lead back to its tag after Microsoft's renderer has drawn the card.
 */
import { MAX_JSON_DEPTH, valueTooDeepPath } from '../../common/jsonDepth';
import { isObject } from '../../common/objects';
import type { Substitution } from '../../render/types';

/**
 * A Teams message's cards, for the webview to draw with Microsoft's Adaptive Cards renderer. Each substituted value
 * in a shown text is wrapped in markers (TEAMS_VALUE_MARK): `open`, the value's index in `values` written with the
 * `digit0` + 0…15 characters, `idEnd`, the value as it appears, `close`. Unicode noncharacters are used, which the
 * body never holds (a value's own are replaced with U+FFFD in the preview only).
 */
export interface TeamsCardView {
  /** The Adaptive Cards to draw (the content of each attachment), with value markers in their texts. */
  cards: unknown[];
  /** The tag behind each marked value (`written` as the project writes it, for the hover), and where it is in the macro. */
  values: Array<{ tag: string; written: string; source: { start: number; end: number } }>;
  /** Why there is nothing (or not everything) to draw. */
  notes: string[];
}

export const TEAMS_VALUE_MARK = { open: '\uFDD0', idEnd: '\uFDD1', close: '\uFDD2', digit0: 0xfde0 } as const;
/** The markers as a type: the webview takes only types from the core and holds values the compiler checks are these. */
export type TeamsValueMark = typeof TEAMS_VALUE_MARK;

const MARK_CHARS = /[\uFDD0-\uFDEF]/g;

/** Properties whose text the card shows as text; markers are removed from every other string (ids, URLs, …). */
const SHOWN = new Set(['text', 'title', 'value', 'label', 'errorMessage', 'placeholder']);

export function teamsCardView(
  bodyText: string,
  substitutions: ReadonlyArray<Pick<Substitution, 'tag' | 'source' | 'target' | 'typed'>>,
  tagSyntax: TagSyntax = DEFAULT_TAG_SYNTAX,
): TeamsCardView {
  const values: TeamsCardView['values'] = [];
  // The body's own noncharacters (only a sample value can hold them) must not pass for markers.
  const clean = bodyText.replace(MARK_CHARS, '\uFFFD');
  const parts: string[] = [];
  let pos = 0;
  const subs = substitutions
    .filter(s => s.target.part === 'body' && !s.typed)
    .sort((a, b) => a.target.start - b.target.start);
  for (const s of subs) {
    if (s.target.start < pos || s.target.end > clean.length) continue;
    parts.push(clean.slice(pos, s.target.start), markOpen(values.length), clean.slice(s.target.start, s.target.end));
    parts.push(TEAMS_VALUE_MARK.close);
    values.push({ tag: s.tag, written: tagSyntax.wrap(s.tag), source: { start: s.source.start, end: s.source.end } });
    pos = s.target.end;
  }
  parts.push(clean.slice(pos));

  let payload: unknown;
  try {
    payload = JSON.parse(parts.join(''));
  } catch {
    return { cards: [], values: [], notes: ['The body is not valid JSON, so Teams cannot show it.'] };
  }
  // Copying (unmarkHidden) and drawing a card recurse once per level: a message nested deeper is not drawn.
  if (valueTooDeepPath(payload))
    return {
      cards: [],
      values: [],
      notes: [`The message is nested more than ${MAX_JSON_DEPTH} levels deep, so it is not drawn (see Problems).`],
    };
  const notes: string[] = [];
  const cards: unknown[] = [];
  if (isObject(payload) && payload.type === 'AdaptiveCard') {
    cards.push(payload);
    notes.push('The body is a bare card: a Teams Workflow needs it inside a "message" (see Problems).');
  } else if (isObject(payload) && Array.isArray(payload.attachments)) {
    for (const a of payload.attachments) {
      if (isObject(a) && isObject(a.content) && a.content.type === 'AdaptiveCard') cards.push(a.content);
    }
    if (payload.attachments.length > 1) notes.push('A Teams Workflow posts each attachment as a card of its own.');
  }
  if (cards.length === 0)
    notes.push('There is no Adaptive Card to draw: the body is not a Teams message with a card (see Problems).');
  return { cards: cards.map(c => unmarkHidden(c, undefined)), values, notes };
}

function markOpen(index: number): string {
  let id = '';
  for (const d of index.toString(16)) id += String.fromCharCode(TEAMS_VALUE_MARK.digit0 + parseInt(d, 16));
  return TEAMS_VALUE_MARK.open + id + TEAMS_VALUE_MARK.idEnd;
}

/** A copy of the JSON with markers kept only in the texts the card shows. */
function unmarkHidden(node: unknown, key: string | undefined): unknown {
  if (typeof node === 'string') return key !== undefined && SHOWN.has(key) ? node : node.replace(MARK_CHARS, '');
  if (Array.isArray(node)) return node.map(v => unmarkHidden(v, undefined));
  if (isObject(node)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = unmarkHidden(v, k);
    return out;
  }
  return node;
}
