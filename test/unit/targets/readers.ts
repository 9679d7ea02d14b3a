import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { parseFragment } from 'parse5';
import { parseMrkdwn, type SlackRichText } from '../../../src/core/targets/slack/message';
import { teamsMarkdown } from '../../../src/webview/targets/teams/markdown';

/**
 * How each service reads a field of each kind, for the conformance suite: `check(fieldText, value)` fails unless the
 * value, escaped into the field, is read as the text it is (no link, mention, markup or other address made of it).
 * Keyed `<target id>/<field kind>`: a registered kind without a reader fails the suite, so a new target or kind comes
 * with its service's reading. Readers are independent of the escaping they check (Markdown is read by markdown-it).
 */
export const READERS: Record<string, { check(fieldText: string, value: string): void }> = {
  // Slack decodes &amp; &lt; &gt; in text objects and makes links and mentions of <…>; it has no escape for its
  // emphasis characters, so those stay as written (docs/slack.md).
  'slack/text': {
    check(text, value) {
      const made = slackActive(parseMrkdwn(text));
      assert.deepEqual(made, [], `Slack would make ${made.join(', ')} of ${JSON.stringify(value)}`);
      assert.equal(
        text.replace(/&(amp|lt|gt);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>' })[e]!),
        value,
      );
    },
  },
  // A web-address field is read as it is.
  'slack/url': { check: (text, value) => assert.equal(text, value) },
  'teams/markdown': {
    check(text, value) {
      const made = markdownActive(text);
      assert.deepEqual(made, [], `Teams would make ${made.join(', ')} of ${JSON.stringify(value)}`);
      // CommonMark turns NUL into U+FFFD; a single line break shows as a space.
      assert.equal(shownMarkdown(text), normal(value.replace(/\0/g, '\ufffd')));
    },
  },
  // A whole URL field: an http(s) address, or something no client can take for one of another scheme.
  'teams/url': {
    check(text, value) {
      if (/^https?:\/\//i.test(value.trim())) assert.equal(new URL(text).href, new URL(value.trim()).href);
      else assert.match(text, /^[A-Za-z0-9\-._~%]*$/, 'percent-encoded: no scheme, no markup');
    },
  },
  'teams/url-part': {
    check(text, value) {
      assert.match(text, /^[A-Za-z0-9\-._~%]*$/);
      assert.equal(decodeURIComponent(text), value);
    },
  },
  'teams/plain': { check: (text, value) => assert.equal(text, value) },
  'generic/plain': { check: (text, value) => assert.equal(text, value) },
  // ADF has no markup inside a text node: the text is the value.
  'jira/adf-text': { check: (text, value) => assert.equal(text, value) },
  // One line: Jira refuses a summary with a line break, so each run of them is one space.
  'jira/summary': {
    check(text, value) {
      assert.doesNotMatch(text, /[\r\n\u2028\u2029]/);
      assert.equal(text, value.replace(/[ \t]*[\r\n\u2028\u2029]+[ \t]*/g, ' '));
    },
  },
  // Azure DevOps shows an HTML field as HTML: read by parse5 (the WHATWG HTML parser browsers follow), the value
  // is text and line breaks, nothing else. HTML cannot hold NUL, which the parser drops.
  'azure-devops/html': {
    check(text, value) {
      const shown: string[] = [];
      for (const n of parseFragment(text).childNodes) {
        if (n.nodeName === '#text' && 'value' in n) shown.push(n.value);
        else if (n.nodeName === 'br') shown.push('\n');
        else assert.fail(`Azure DevOps would make <${n.nodeName}> of ${JSON.stringify(value)}`);
      }
      assert.equal(shown.join(''), value.replace(/\r\n?/g, '\n').replace(/\0/g, ''));
    },
  },
  // The title is one line of plain text: the value with each run of line breaks as one space; other fields as is.
  'azure-devops/title': {
    check(text, value) {
      assert.doesNotMatch(text, /[\r\n\u2028\u2029]/);
      assert.equal(text, value.replace(/[ \t]*[\r\n\u2028\u2029]+[ \t]*/g, ' '));
    },
  },
  'jira/wiki': { check: (text, value) => assert.equal(readWiki(text), value) },
  'jira/plain': { check: (text, value) => assert.equal(text, value) },
  'azure-devops/plain': { check: (text, value) => assert.equal(text, value) },
  'azure-devops/operation': { check: (text, value) => assert.equal(text, value) },
};

/**
 * Jira wiki markup as its renderer reads text (Atlassian's Text Formatting Notation; the jira-wiki-markup parser pandoc
 * uses): a backslash before punctuation is that character, `&#92;` a backslash. Any construct character left bare
 * (`*`, `_`, `[`, `{`, `|`, `!`, `#`, …), a heading or quote marker at a line start, a bare backslash or `&` would
 * be read as markup, an escape or an entity: the reading fails on it.
 */
function readWiki(text: string): string {
  assert.doesNotMatch(text, /(^|[\r\n])[ \t]*(h[1-6]|bq)\./, 'a heading or quote at a line start');
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      const next = text[i + 1] ?? '';
      assert.match(next, /[!-/:-@[-`{-~]/, `a backslash before ${JSON.stringify(next)} is no escape`);
      out += next;
      i++;
    } else if (text.startsWith('&#92;', i)) {
      out += '\\';
      i += 4;
    } else {
      assert.ok(!'*_+-^~?{}[]|!#:;()&'.includes(c), `${JSON.stringify(c)} at ${i} would be read as markup`);
      out += c;
    }
  }
  return out;
}

/** What a Slack reading makes beyond text: links and mentions. */
function slackActive(rich: SlackRichText): string[] {
  const out: string[] = [];
  for (const n of rich) {
    if (n.kind === 'link' || n.kind === 'mention') out.push(n.kind);
    if ('children' in n) out.push(...slackActive(n.children));
  }
  return out;
}

// Teams desktop and web read card Markdown like CommonMark: the strictest model of what a value could turn into.
const commonmark = new MarkdownIt('commonmark', { html: true, linkify: false });
// What Teams honours, and the preview draws with: the text a reader sees.
const teamsSubset = teamsMarkdown();
type Token = ReturnType<typeof commonmark.parse>[number];

/** Markup a value must never produce (code spans and indented code are left out: Teams documents neither). */
export const FORBIDDEN_MARKDOWN = new Set([
  'link_open',
  'image',
  'em_open',
  'strong_open',
  'html_inline',
  'html_block',
  'heading_open',
  'bullet_list_open',
  'ordered_list_open',
  'blockquote_open',
  'hr',
]);

/** Every token, inline children included. */
export function flatTokens(tokens: Token[]): Token[] {
  return tokens.flatMap(t => [t, ...flatTokens(t.children ?? [])]);
}

function markdownActive(src: string): string[] {
  return flatTokens(commonmark.parse(src, {}))
    .map(t => t.type)
    .filter(t => FORBIDDEN_MARKDOWN.has(t));
}

/** The text a reader sees, with the invisible word joiners removed and whitespace runs collapsed. */
function shownMarkdown(src: string): string {
  const out: string[] = [];
  for (const t of flatTokens(teamsSubset.parse(src, {}))) {
    if (t.type === 'text') out.push(t.content);
    else if (t.type === 'softbreak' || t.type === 'hardbreak' || t.type === 'paragraph_close') out.push(' ');
  }
  return normal(out.join(''));
}

function normal(s: string): string {
  return s
    .replace(/\u2060/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
