import type { Node } from 'jsonc-parser';
import { urlComponent } from '../../render/encode';
import type { FieldEncoding } from '../../render/fields';

/**
 * Escaping sample values for Microsoft Teams Adaptive Cards (see docs/teams.md for the research behind it).
 *
 * Teams reads Markdown only in TextBlock.text, Fact.title and Fact.value (and, in Microsoft's own renderer, the
 * titles of toggles and expanded choice sets). Teams has two Markdown parsers: desktop and web behave like
 * CommonMark; iOS and Android use the Adaptive Cards "shared model" parser, which honours a backslash only before
 * `*` and `_` and decodes no HTML entities. So a value is made literal with what works in both:
 *  - `*` and `_` get a backslash (and a backslash before punctuation, a line break or the end is doubled), and so
 *    does a `[` the value does not close (it could pair with a `](` of the macro's own text);
 *  - every other construct is broken with U+2060 WORD JOINER, an invisible character neither parser treats as
 *    syntax: after `[`, between `]` and `(` of a link, between `]` and `:` of a link reference definition (and after
 *    a `]` that ends the value), after `<` (`<at>` mentions, autolinks, HTML), after an `&` that starts an entity,
 *    and at the start of a line that would begin a heading, list, quote or rule.
 *  So no value makes a link in any form: inline links and images need `](`; reference links need a definition, which
 *  needs `]:`, and a definition the macro's own text holds never matches a value's label, which starts with the word
 *  joiner (`[⁠a]`); autolinks need `<`.
 * Backticks and `~` are left alone: Teams documents neither code spans nor strikethrough.
 */

export const WORD_JOINER = '\u2060';

const MARKDOWN_SPECIAL = /[\\*_[\]<&#>+\-=.)\d\r\n\u2028\u2029]/;

/** A value as literal text inside a Teams Markdown field. */
export function escapeTeamsMarkdown(value: string): string {
  if (!MARKDOWN_SPECIAL.test(value)) return value;
  const WJ = WORD_JOINER;
  const s = value
    // A backslash before ASCII punctuation escapes it, before a line break makes a hard break, and at the end
    // it would escape the template's own text that follows: double it there.
    .replace(/\\(?=[!-/:-@[-`{-~]|[\r\n\u2028\u2029]|$)/g, '\\\\')
    .replace(/[*_]/g, c => '\\' + c);
  return (
    backslashOpenBrackets(s)
      .replace(/\[/g, '[' + WJ)
      // `](` makes an inline link, `]:` a reference definition (which a value's `[a]` elsewhere would then use).
      .replace(/\](?=[(:]|$)/g, ']' + WJ)
      .replace(/</g, '<' + WJ)
      .replace(/&(?=#?[A-Za-z0-9]+;|$)/g, '&' + WJ)
      // Block syntax counts only at the start of a line (and a value may start one, or end with a line break
      // before the template's own text).
      .replace(/(^|[\r\n\u2028\u2029])([ \t]*)(?=[#>+\-=]|\d+[.)])/g, '$1$2' + WJ)
      .replace(/([\r\n\u2028\u2029][ \t]*)$/, '$1' + WJ)
  );
}

/**
 * A `[` the value does not close could pair with a `](` in the macro's own text after it, making a link or image
 * of the value's tail: only a backslash stops that. Brackets the value closes itself are left alone, because the
 * mobile apps show a backslash before `[` as it is.
 */
function backslashOpenBrackets(s: string): string {
  if (s.indexOf('[') < 0) return s;
  const open: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '[') open.push(i);
    else if (s[i] === ']') open.pop();
  }
  let out = s;
  for (let k = open.length - 1; k >= 0; k--) out = out.slice(0, open[k]) + '\\' + out.slice(open[k]);
  return out;
}

/**
 * A value in an Adaptive Card URL field (Action.OpenUrl.url, Image.url, …). When the value is the whole URL (the
 * tag starts the field), only an absolute http(s) address passes, normalised; anything else (`javascript:`,
 * `data:`, a bare word) is percent-encoded so it cannot act as a scheme, and `ok` is false. A value inside a URL
 * the macro writes (`https://x.test/item/((ID))`) is percent-encoded like a URL component.
 */
export function teamsUrlValue(value: string, wholeUrl: boolean): { text: string; ok: boolean } {
  if (!wholeUrl) return { text: urlComponent(value), ok: true };
  const v = value.trim();
  if (/^https?:\/\//i.test(v)) {
    try {
      return { text: new URL(v).href, ok: true };
    } catch {
      /* not a URL: encoded below */
    }
  }
  return { text: urlComponent(value), ok: v === '' };
}

/** How Teams reads a string of the card: Markdown, a URL, or plain text (shown as is). */
type TeamsField = 'markdown' | 'url' | 'plain';

const URL_KEYS = new Set(['url', 'iconUrl', 'backgroundImage', 'contentUrl']);
/** Objects whose `text` Teams shows as plain text: RichTextBlock runs, and the `<at>` text of a mention entity. */
const PLAIN_TEXT_TYPES = new Set(['TextRun', 'mention']);

/**
 * The kind of field a JSON string node of the body is, from its property name and the object around it:
 * `text` (of a TextBlock, or of any element but a TextRun or a mention), `title`/`value` of a fact in `facts`,
 * `title` of an Input.Toggle or of a choice in `choices` are Markdown; `url`-like properties are URLs; everything
 * else (TextRun.text, action titles, labels, ids, …) is plain.
 */
export function teamsFieldOf(stringNode: Node): TeamsField {
  const prop = stringNode.parent;
  if (prop?.type !== 'property' || prop.children?.[1] !== stringNode) return 'plain';
  const key = prop.children?.[0]?.value;
  if (typeof key !== 'string') return 'plain';
  if (URL_KEYS.has(key)) return 'url';
  const obj = prop.parent;
  if (!obj) return 'plain';
  const type = typeOf(obj);
  // Only the objects known to show `text` as it is are plain; any other (or unknown) element's is Markdown.
  if (key === 'text') return type !== undefined && PLAIN_TEXT_TYPES.has(type) ? 'plain' : 'markdown';
  if (key === 'title' || key === 'value') {
    const list = arrayKeyOf(obj);
    if (list === 'facts') return 'markdown';
    if (key === 'title' && (list === 'choices' || type === 'Input.Toggle')) return 'markdown';
  }
  return 'plain';
}

/** The `type` of an object node when written literally; undefined when absent or filled in from a tag. */
function typeOf(obj: Node): string | undefined {
  let type: string | undefined;
  for (const p of obj.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k?.value === 'type')
      type = v?.type === 'string' && !/\(\(|\[\[/.test(String(v.value)) ? String(v.value) : undefined;
  }
  return type;
}

/** For an object that is an item of an array held by a property: that property's name (`facts`, `choices`). */
function arrayKeyOf(obj: Node): string | undefined {
  const arr = obj.parent;
  if (arr?.type !== 'array') return undefined;
  const prop = arr.parent;
  const key = prop?.type === 'property' ? prop.children?.[0]?.value : undefined;
  return typeof key === 'string' ? key : undefined;
}

/** Where the card sits in a Teams message (the conformance examples). */
const CARD = ['attachments', 0, 'content'] as const;

/** `tag`: as the project writes it (`((Link))`, `[[Link]]`). */
const WHOLE_URL_PROBLEM = (tag: string) =>
  `The value of ${tag} is not a web address (https://…), so Teams cannot open it; it is sent percent-encoded`;

/**
 * Values in a Teams card by the field they land in (teamsFieldOf): Markdown fields escaped for Markdown, a whole URL
 * field kept to http(s) addresses, a value inside a URL the macro writes percent-encoded, plain fields as they are.
 */
export const TEAMS_FIELDS: FieldEncoding<'markdown' | 'url' | 'url-part' | 'plain'> = {
  defaultKind: 'plain',
  kindOf: ({ node, opens }) => {
    const field = teamsFieldOf(node);
    return field === 'url' ? (opens ? 'url' : 'url-part') : field;
  },
  kinds: {
    markdown: {
      description:
        'card text Teams reads as Markdown (TextBlock.text, Fact.title and Fact.value, …): escaped so it shows as it is',
      encode: escapeTeamsMarkdown,
      example: {
        body: card([{ type: 'TextBlock', text: '((Value))', wrap: true }]),
        path: [...CARD, 'body', 0, 'text'],
      },
    },
    url: {
      description: 'a URL field the value starts (Action.OpenUrl.url, Image.url, …): only an http(s) address passes',
      encode: v => teamsUrlValue(v, true).text,
      refuse: (v, tag) =>
        teamsUrlValue(v, true).ok
          ? undefined
          : { code: 'render/teams-url-value', severity: 'warning', message: WHOLE_URL_PROBLEM(tag) },
      example: {
        body: card([{ type: 'TextBlock', text: 'x' }], [{ type: 'Action.OpenUrl', title: 'Open', url: '((Value))' }]),
        path: [...CARD, 'actions', 0, 'url'],
      },
    },
    'url-part': {
      description: 'a value inside a URL the macro writes (https://x.test/item/((ID))): percent-encoded',
      encode: v => teamsUrlValue(v, false).text,
      example: {
        body: card(
          [{ type: 'TextBlock', text: 'x' }],
          [{ type: 'Action.OpenUrl', title: 'Open', url: 'https://x.test/item/((Value))' }],
        ),
        path: [...CARD, 'actions', 0, 'url'],
      },
    },
    plain: {
      description: 'text Teams shows as it is (TextRun.text, action titles, ids, …): only JSON-escaped',
      encode: v => v,
      example: {
        body: card(
          [{ type: 'TextBlock', text: 'x' }],
          [{ type: 'Action.OpenUrl', title: '((Value))', url: 'https://x.test' }],
        ),
        path: [...CARD, 'actions', 0, 'title'],
      },
    },
  },
};

/** A Teams message with one card (the conformance examples). */
function card(body: unknown[], actions?: unknown[]): Record<string, unknown> {
  const content: Record<string, unknown> = { type: 'AdaptiveCard', version: '1.4', body };
  if (actions) content.actions = actions;
  return {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content }],
  };
}
