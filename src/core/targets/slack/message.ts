/**
 * A Slack incoming-webhook payload read into a neutral tree the preview draws roughly as Slack
 * would. Nodes hold plain text only: the webview builds DOM from them with textContent, so
 * nothing in a payload is ever interpreted as HTML. Links carry their URL for display (hover),
 * never as a live href.
 */
import { pushAll } from '../../common/arrays';
import { isObject } from '../../common/objects';

export type SlackInline =
  | { kind: 'text'; text: string }
  | { kind: 'bold' | 'italic' | 'strike'; children: SlackInline[] }
  | { kind: 'code'; text: string }
  | { kind: 'pre'; text: string }
  | { kind: 'link'; url: string; label: string }
  /** text is what Slack shows, e.g. "@channel", "@U024BE7LH", "#general". */
  | { kind: 'mention'; text: string; target: 'user' | 'channel' | 'broadcast' | 'usergroup' }
  | { kind: 'lineBreak' };

export type SlackRichText = SlackInline[];

export type SlackContextElement = { kind: 'text'; rich: SlackRichText } | { kind: 'image'; alt: string };

export type SlackBlock =
  | { kind: 'section'; text?: SlackRichText; fields: SlackRichText[]; accessory?: SlackAccessory }
  | { kind: 'header'; text: string }
  | { kind: 'context'; elements: SlackContextElement[] }
  | { kind: 'divider' }
  | { kind: 'image'; alt: string; title?: string; url?: string }
  | { kind: 'actions'; buttons: SlackButton[] }
  | { kind: 'unsupported'; type: string };

export type SlackAccessory =
  { kind: 'image'; alt: string } | { kind: 'button'; button: SlackButton } | { kind: 'other'; type: string };

export interface SlackButton {
  text: string;
  url?: string;
  style?: 'primary' | 'danger';
}

export interface SlackAttachment {
  color?: string;
  pretext?: SlackRichText;
  title?: string;
  titleLink?: string;
  text?: SlackRichText;
  fields: Array<{ title: string; value: SlackRichText }>;
  blocks: SlackBlock[];
  footer?: string;
}

export interface SlackMessage {
  /** The top-level `text`: the message itself, or the notification fallback when blocks exist. */
  text?: SlackRichText;
  /** True when `text` is only the notification fallback (Slack shows the blocks instead). */
  textIsFallback: boolean;
  blocks: SlackBlock[];
  attachments: SlackAttachment[];
  username?: string;
  /** Plain-words notes about what could not be drawn, e.g. the payload is not an object. */
  notes: string[];
}

// ---------------------------------------------------------------------------------------------
// mrkdwn

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/** Slack escapes only these three; anything else stays as written. */
function decodeSlackEntities(s: string): string {
  return s.indexOf('&') < 0 ? s : s.replace(/&(amp|lt|gt);/g, m => ENTITIES[m]);
}

/** A few common Slack emoji shortcodes; others stay as written (Slack has thousands, plus custom ones). */
const EMOJI: Record<string, string> = {
  rotating_light: '🚨',
  warning: '⚠️',
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  x: '❌',
  bug: '🐛',
  fire: '🔥',
  tada: '🎉',
  rocket: '🚀',
  eyes: '👀',
  memo: '📝',
  bell: '🔔',
  star: '⭐',
  bulb: '💡',
  wave: '👋',
  thumbsup: '👍',
  '+1': '👍',
  thumbsdown: '👎',
  '-1': '👎',
  point_right: '👉',
  red_circle: '🔴',
  large_green_circle: '🟢',
  large_yellow_circle: '🟡',
  exclamation: '❗',
  question: '❓',
  sos: '🆘',
  link: '🔗',
  calendar: '📅',
  speech_balloon: '💬',
  smile: '😄',
  no_entry: '⛔',
};

function replaceEmoji(s: string): string {
  return s.indexOf(':') < 0 ? s : s.replace(/:([a-z0-9_+-]+):/g, (m, name: string) => EMOJI[name] ?? m);
}

const FORMAT_CHARS: Record<string, 'bold' | 'italic' | 'strike'> = { '*': 'bold', _: 'italic', '~': 'strike' };

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}]/u.test(c);
}

/** Parse Slack mrkdwn into inline nodes. Never throws; text that is not markup stays text. */
export function parseMrkdwn(input: string): SlackRichText {
  const out: SlackRichText = [];
  // ```pre``` first: its content is literal (no other markup inside).
  let from = 0;
  for (;;) {
    const open = input.indexOf('```', from);
    const close = open < 0 ? -1 : input.indexOf('```', open + 3);
    if (open < 0 || close < 0) {
      pushAll(out, parseInline(input.slice(from), new Set()));
      break;
    }
    pushAll(out, parseInline(input.slice(from, open), new Set()));
    let body = input.slice(open + 3, close);
    if (body.startsWith('\n')) body = body.slice(1);
    out.push({ kind: 'pre', text: decodeSlackEntities(body) });
    from = close + 3;
  }
  return mergeText(out);
}

function mergeText(nodes: SlackRichText): SlackRichText {
  const out: SlackRichText = [];
  for (const n of nodes) {
    const last = out[out.length - 1];
    if (n.kind === 'text' && last?.kind === 'text') last.text += n.text;
    else if (n.kind !== 'text' || n.text) out.push(n);
  }
  return out;
}

/**
 * Where markup starting at each position of one string ends, worked out once from right to left: asking "where does
 * this `<` or `*` close?" by scanning ahead from every opener was quadratic (a 90 KB description of unclosed `_a *b ~c`
 * froze the preview for 17 seconds). Both answers are the ones a scan to the end of the line would give.
 */
class InlineIndex {
  /** For a `<` or `` ` `` at p: the index just past its span on the same line, or -1 when it does not close. */
  private readonly spanEnds: Int32Array;
  /** Per format character: for a scan starting at p, the first closer it reaches (spans skipped), or -1. */
  private readonly closers = new Map<string, Int32Array>();

  constructor(private readonly s: string) {
    const n = s.length;
    this.spanEnds = new Int32Array(n).fill(-1);
    // The next `>`, `` ` `` and line break at or after each position, carried from right to left.
    let nextGt = -1;
    let nextTick = -1;
    let nextBreak = -1;
    for (let p = n - 1; p >= 0; p--) {
      const c = s[p];
      if (c === '<' || c === '`') {
        const close = c === '<' ? nextGt : nextTick;
        // The first of the closing character and a line break after p; an empty span (`<>`) is not one.
        if (close >= 0 && (nextBreak < 0 || close < nextBreak) && close > p + 1) this.spanEnds[p] = close + 1;
      }
      if (c === '>') nextGt = p;
      else if (c === '`') nextTick = p;
      else if (c === '\n') nextBreak = p;
    }
  }

  spanEnd(i: number): number {
    return this.spanEnds[i];
  }

  /** Where a `*`/`_`/`~` opened at i closes (index of the closing char), or -1. */
  closer(i: number): number {
    const ch = this.s[i];
    let from = this.closers.get(ch);
    if (!from) this.closers.set(ch, (from = this.closersOf(ch)));
    // The character right after the opener never closes it (`**` is not bold).
    return this.s[i + 1] === ch ? from[i + 2] : from[i + 1];
  }

  private closersOf(ch: string): Int32Array {
    const s = this.s;
    const n = s.length;
    const from = new Int32Array(n + 1);
    from[n] = -1;
    for (let p = n - 1; p >= 0; p--) {
      const c = s[p];
      const e = this.spanEnds[p];
      if (c === '\n') from[p] = -1;
      else if ((c === '<' || c === '`') && e > 0) from[p] = e < n ? from[e] : -1;
      else if (c === ch && p > 0 && !/\s/.test(s[p - 1]) && !isWordChar(s[p + 1])) from[p] = p;
      else from[p] = from[p + 1];
    }
    return from;
  }
}

function parseInline(s: string, active: Set<string>): SlackRichText {
  const out: SlackRichText = [];
  const index = new InlineIndex(s);
  let text = '';
  const flush = () => {
    if (text) out.push({ kind: 'text', text: replaceEmoji(decodeSlackEntities(text)) });
    text = '';
  };
  const special = /[\n`<*_~]/g;
  for (let i = 0; i < s.length; i++) {
    // Copy a run of plain characters at once: only these six can start markup.
    special.lastIndex = i;
    const next = special.exec(s);
    const stop = next ? next.index : s.length;
    if (stop > i) {
      text += s.slice(i, stop);
      i = stop - 1;
      continue;
    }
    const c = s[i];
    if (c === '\n') {
      flush();
      out.push({ kind: 'lineBreak' });
      continue;
    }
    if (c === '`') {
      const e = index.spanEnd(i);
      if (e > 0) {
        flush();
        out.push({ kind: 'code', text: decodeSlackEntities(s.slice(i + 1, e - 1)) });
        i = e - 1;
        continue;
      }
    }
    if (c === '<') {
      const e = index.spanEnd(i);
      const node = e > 0 ? parseAngle(s.slice(i + 1, e - 1)) : undefined;
      if (node) {
        flush();
        out.push(node);
        i = e - 1;
        continue;
      }
    }
    const fmt = FORMAT_CHARS[c];
    if (fmt && !active.has(c) && !isWordChar(s[i - 1]) && s[i + 1] !== undefined && !/\s/.test(s[i + 1])) {
      const close = index.closer(i);
      if (close > 0) {
        flush();
        const inner = new Set(active);
        inner.add(c);
        // Each level parses disjoint pieces, and there are at most three levels (*, _, ~): linear in all.
        out.push({ kind: fmt, children: mergeText(parseInline(s.slice(i + 1, close), inner)) });
        i = close;
        continue;
      }
    }
    text += c;
  }
  flush();
  return out;
}

/** The inside of `<…>`: a link, a mention, a special command, or undefined when it is none of them. */
function parseAngle(inner: string): SlackInline | undefined {
  const bar = inner.indexOf('|');
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? undefined : decodeSlackEntities(inner.slice(bar + 1));
  if (target.startsWith('@')) {
    return { kind: 'mention', target: 'user', text: label ? (label.startsWith('@') ? label : '@' + label) : target };
  }
  if (target.startsWith('#')) {
    return { kind: 'mention', target: 'channel', text: label ? (label.startsWith('#') ? label : '#' + label) : target };
  }
  if (target.startsWith('!')) {
    const cmd = target.slice(1);
    if (cmd === 'channel' || cmd === 'here' || cmd === 'everyone')
      return { kind: 'mention', target: 'broadcast', text: '@' + cmd };
    if (cmd.startsWith('subteam^')) {
      return {
        kind: 'mention',
        target: 'usergroup',
        text: label ? (label.startsWith('@') ? label : '@' + label) : '@' + cmd.slice(8),
      };
    }
    if (cmd.startsWith('date^')) return { kind: 'text', text: label ?? cmd };
    return label !== undefined ? { kind: 'text', text: label } : undefined;
  }
  if (/^(https?:\/\/|mailto:|tel:)/i.test(target) && !/\s/.test(target)) {
    const url = decodeSlackEntities(target);
    return { kind: 'link', url, label: label || url };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// payload and blocks

type Json = unknown;

function str(v: Json): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/**
 * A Slack text object ({type: 'plain_text' | 'mrkdwn', text}) as rich text. Slack treats `&`, `<`, `>` as control
 * characters in every text object and shows `&amp;`, `&lt;`, `&gt;` as the characters: in mrkdwn after reading the
 * markup, in plain_text (which has no markup) as they are. So plain_text `&lt;/script&gt;` shows `</script>`, as text.
 */
function textObject(v: Json): SlackRichText | undefined {
  if (typeof v === 'string') return parseMrkdwn(v);
  if (!isObject(v)) return undefined;
  const t = str(v.text);
  if (t === undefined) return undefined;
  if (v.type === 'plain_text') return t ? [{ kind: 'text', text: plainTextShown(t, v.emoji !== false) }] : [];
  return parseMrkdwn(t);
}

/** What Slack shows for plain_text: the three entities decoded, emoji shortcodes drawn unless `emoji` is false. */
function plainTextShown(t: string, emoji: boolean): string {
  const decoded = decodeSlackEntities(t);
  return emoji ? replaceEmoji(decoded) : decoded;
}

function plainText(v: Json): string {
  if (typeof v === 'string') return decodeSlackEntities(v);
  if (isObject(v) && typeof v.text === 'string') return plainTextShown(v.text, v.emoji !== false);
  return '';
}

function button(v: Record<string, Json>): SlackButton {
  const style = v.style === 'primary' || v.style === 'danger' ? v.style : undefined;
  const b: SlackButton = { text: plainText(v.text) };
  if (typeof v.url === 'string') b.url = v.url;
  if (style) b.style = style;
  return b;
}

function accessory(v: Json): SlackAccessory | undefined {
  if (!isObject(v)) return undefined;
  if (v.type === 'image') return { kind: 'image', alt: str(v.alt_text) ?? '' };
  if (v.type === 'button') return { kind: 'button', button: button(v) };
  return { kind: 'other', type: str(v.type) ?? 'unknown' };
}

function parseBlock(v: Json): SlackBlock {
  if (!isObject(v)) return { kind: 'unsupported', type: typeof v };
  switch (v.type) {
    case 'section': {
      const block: SlackBlock = { kind: 'section', fields: [] };
      const text = textObject(v.text);
      if (text) block.text = text;
      if (Array.isArray(v.fields)) for (const f of v.fields) block.fields.push(textObject(f) ?? []);
      const acc = accessory(v.accessory);
      if (acc) block.accessory = acc;
      return block;
    }
    case 'header':
      return { kind: 'header', text: plainText(v.text) };
    case 'divider':
      return { kind: 'divider' };
    case 'context': {
      const elements: SlackContextElement[] = [];
      for (const e of Array.isArray(v.elements) ? v.elements : []) {
        if (isObject(e) && e.type === 'image') elements.push({ kind: 'image', alt: str(e.alt_text) ?? '' });
        else elements.push({ kind: 'text', rich: textObject(e) ?? [] });
      }
      return { kind: 'context', elements };
    }
    case 'image': {
      const block: SlackBlock = { kind: 'image', alt: str(v.alt_text) ?? '' };
      const title = v.title !== undefined ? plainText(v.title) : undefined;
      if (title) block.title = title;
      if (typeof v.image_url === 'string') block.url = v.image_url;
      return block;
    }
    case 'actions': {
      const buttons: SlackButton[] = [];
      for (const e of Array.isArray(v.elements) ? v.elements : []) {
        if (isObject(e) && e.type === 'button') buttons.push(button(e));
      }
      return { kind: 'actions', buttons };
    }
    default:
      return { kind: 'unsupported', type: str(v.type) ?? 'unknown' };
  }
}

function parseAttachment(v: Json): SlackAttachment {
  const a: SlackAttachment = { fields: [], blocks: [] };
  if (!isObject(v)) return a;
  if (typeof v.color === 'string') a.color = v.color;
  if (typeof v.pretext === 'string') a.pretext = parseMrkdwn(v.pretext);
  if (typeof v.title === 'string') a.title = decodeSlackEntities(v.title);
  if (typeof v.title_link === 'string') a.titleLink = v.title_link;
  if (typeof v.text === 'string') a.text = parseMrkdwn(v.text);
  if (typeof v.footer === 'string') a.footer = decodeSlackEntities(v.footer);
  for (const f of Array.isArray(v.fields) ? v.fields : []) {
    if (isObject(f))
      a.fields.push({ title: decodeSlackEntities(str(f.title) ?? ''), value: parseMrkdwn(str(f.value) ?? '') });
  }
  for (const b of Array.isArray(v.blocks) ? v.blocks : []) a.blocks.push(parseBlock(b));
  return a;
}

/** Read a parsed JSON payload. Anything unexpected becomes a note, never an exception. */
export function parseSlackPayload(payload: Json): SlackMessage {
  const msg: SlackMessage = { textIsFallback: false, blocks: [], attachments: [], notes: [] };
  if (!isObject(payload)) {
    msg.notes.push('The body is not a JSON object, so Slack would reject it.');
    return msg;
  }
  if (typeof payload.text === 'string') msg.text = parseMrkdwn(payload.text);
  if (Array.isArray(payload.blocks)) for (const b of payload.blocks) msg.blocks.push(parseBlock(b));
  if (Array.isArray(payload.attachments)) for (const a of payload.attachments) msg.attachments.push(parseAttachment(a));
  if (typeof payload.username === 'string') msg.username = payload.username;
  msg.textIsFallback = msg.text !== undefined && msg.blocks.length > 0;
  if (msg.text === undefined && msg.blocks.length === 0 && msg.attachments.length === 0) {
    msg.notes.push('The payload has neither "text" nor "blocks": Slack would reject it.');
  }
  return msg;
}

/** The text a person would read, for tests and for the accessibility of the preview. */
export function richTextToPlain(rich: SlackRichText): string {
  return rich
    .map(n => {
      switch (n.kind) {
        case 'text':
        case 'code':
        case 'pre':
        case 'mention':
          return n.text;
        case 'link':
          return n.label;
        case 'lineBreak':
          return '\n';
        default:
          return richTextToPlain(n.children);
      }
    })
    .join('');
}
