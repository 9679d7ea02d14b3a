import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { parseTree, findNodeAtLocation } from 'jsonc-parser';
import { teamsMarkdown } from '../../../src/webview/targets/teams/markdown';
import { escapeTeamsMarkdown, teamsFieldOf, teamsUrlValue, WORD_JOINER } from '../../../src/core/targets/teams/escape';

type Markdown = ReturnType<typeof MarkdownIt>;
type Token = ReturnType<Markdown['parse']>[number];

// Teams desktop and web read card Markdown like CommonMark: the strictest model of what a value could turn into.
const commonmark = new MarkdownIt('commonmark', { html: true, linkify: false });
// What the preview draws with (src/webview/targets/teams/renderer.ts): Teams' documented subset.
const teamsSubset = teamsMarkdown();

/** Every token, inline children included. */
function flat(tokens: Token[]): Token[] {
  return tokens.flatMap(t => [t, ...flat(t.children ?? [])]);
}

/** Markup a value must never produce. Code spans and indented code are left out on purpose: Teams documents
 *  neither, and the escaping leaves backticks alone (docs/teams.md). */
const FORBIDDEN = new Set([
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

/** The text a reader sees, with the invisible word joiners removed and whitespace runs collapsed. */
function shownText(md: Markdown, src: string): string {
  const out: string[] = [];
  for (const t of flat(md.parse(src, {}))) {
    if (t.type === 'text') out.push(t.content);
    else if (t.type === 'softbreak' || t.type === 'hardbreak' || t.type === 'paragraph_close') out.push(' ');
  }
  return normal(out.join(''));
}
const normal = (s: string) =>
  s
    .replace(/\u2060/g, '')
    .replace(/\s+/g, ' ')
    .trim();

const RUNS = { numRuns: 1000 };
const piece = fc.constantFrom(
  '*',
  '**',
  '_',
  '__',
  '[',
  ']',
  '](',
  '(',
  ')',
  '<',
  '>',
  '</',
  'at>',
  '<at>',
  '&',
  '&amp;',
  '&#42;',
  '&#x2a;',
  ';',
  '#',
  '# ',
  '-',
  '- ',
  '+ ',
  '1. ',
  '2) ',
  '=',
  '===',
  '---',
  '!',
  '![',
  '\\',
  '\\\\',
  '\n',
  '\n\n',
  ' ',
  '  \n',
  'a',
  'word',
  'https://evil.test',
  'mailto:x@y.z',
  // Link reference definitions and the references that use them (issue 15 G3), and autolinks.
  ']:',
  ': ',
  '[a]',
  '[a]:',
  '[a]: https://evil.test',
  '[a]: https://evil.test\n',
  '\n[a]',
  '][',
  '[]',
  '"t"',
  '<https://evil.test>',
  '<x@y.z>',
  '   ',
  '😀',
  'é',
);
const markdownish = fc.array(piece, { maxLength: 16 }).map(a => a.join(''));
// Authored text around the value: at the start of the field, after words, inside the author's own bold.
const context = fc.constantFrom(
  ['', ''],
  ['Value: ', ''],
  ['**', '**'],
  ['_', '_'],
  ['x ', ' y'],
  ['[', '](https://ok.test)'],
  ['', '(https://ok.test)'],
  ['', '#42;'],
  ['', '- item'],
  // The author's own definitions: a value's [a] must not pick one up.
  ['', '\n\n[a]: https://ok.test'],
  ['[a]: https://ok.test\n\n', ''],
);

describe('Teams Markdown escaping', () => {
  it('keeps plain text as it is', () => {
    for (const s of ['', 'Crash on save', 'Zoë 山田 🔥', 'a.b, c; d: e?']) assert.equal(escapeTeamsMarkdown(s), s);
  });

  it('backslashes emphasis and breaks links, mentions, HTML, entities and line-start blocks with a word joiner', () => {
    const WJ = WORD_JOINER;
    assert.equal(escapeTeamsMarkdown('**bold** _it_'), '\\*\\*bold\\*\\* \\_it\\_');
    assert.equal(escapeTeamsMarkdown('[click me](https://evil.test)'), `[${WJ}click me]${WJ}(https://evil.test)`);
    assert.equal(escapeTeamsMarkdown('<at>everyone</at>'), `<${WJ}at>everyone<${WJ}/at>`);
    assert.equal(escapeTeamsMarkdown('&#42;x&amp;'), `&${WJ}#42;x&${WJ}amp;`);
    assert.equal(escapeTeamsMarkdown('# h\n- item\n1. one\n  > q'), `${WJ}# h\n${WJ}- item\n${WJ}1. one\n  ${WJ}> q`);
    // A backslash stays a backslash: doubled only where it would escape what follows.
    assert.equal(escapeTeamsMarkdown('C:\\Users\\new'), 'C:\\Users\\new');
    assert.equal(escapeTeamsMarkdown('a\\*b'), 'a\\\\\\*b');
    assert.equal(escapeTeamsMarkdown('ends with \\'), 'ends with \\\\');
    // Left alone: Teams documents no code spans or strikethrough.
    assert.equal(escapeTeamsMarkdown('`code` ~~x~~'), '`code` ~~x~~');
    // A "[" the value leaves open gets a backslash: the macro's own "](" after it could otherwise close it.
    assert.equal(escapeTeamsMarkdown('![ [iOS] ok'), `!\\[${WJ} [${WJ}iOS] ok`);
    // What ends the value could start syntax with the macro's text that follows.
    assert.equal(escapeTeamsMarkdown('[x]'), `[${WJ}x]${WJ}`);
    assert.equal(escapeTeamsMarkdown('a &'), `a &${WJ}`);
    assert.equal(escapeTeamsMarkdown('line\n'), `line\n${WJ}`);
  });

  it('makes no link of a reference definition and its reference, nor of an autolink (issue 15 G3)', () => {
    const WJ = WORD_JOINER;
    const links = (src: string) => flat(commonmark.parse(src, {})).filter(t => t.type === 'link_open').length;
    for (const v of [
      '[a]: https://evil.test\n[a]',
      '[a]: https://evil.test\n\n[x][a] [a][] [a]',
      '   [A]:\n  <https://evil.test> "t"\n[a]',
      '<https://evil.test> <x@y.z> <mailto:x@y.z>',
    ]) {
      assert.ok(links(v) > 0, `the test value ${JSON.stringify(v)} is a link unescaped`);
      assert.equal(links(escapeTeamsMarkdown(v)), 0, JSON.stringify(escapeTeamsMarkdown(v)));
      assert.equal(shownText(teamsSubset, escapeTeamsMarkdown(v)), normal(v), 'shown as written');
    }
    assert.equal(escapeTeamsMarkdown('[a]: https://evil.test\n[a]'), `[${WJ}a]${WJ}: https://evil.test\n[${WJ}a]${WJ}`);
  });

  it('property: whatever the value, CommonMark makes no link, emphasis, HTML, heading, list, quote or rule of it', () => {
    const count = (src: string) => {
      const n = new Map<string, number>();
      for (const t of flat(commonmark.parse(src, {})))
        if (FORBIDDEN.has(t.type)) n.set(t.type, (n.get(t.type) ?? 0) + 1);
      return n;
    };
    fc.assert(
      fc.property(markdownish, context, (v, [before, after]) => {
        // The author's own markup may stay or (around an empty value) vanish; the value adds none.
        const made = count(before + escapeTeamsMarkdown(v) + after);
        const [x, empty] = [count(before + 'x' + after), count(before + after)];
        for (const [type, n] of made)
          assert.ok(
            n <= Math.max(x.get(type) ?? 0, empty.get(type) ?? 0),
            `${type} from ${JSON.stringify(v)} in ${JSON.stringify(before + '…' + after)}`,
          );
      }),
      RUNS,
    );
  });

  it('property: a reader sees exactly the value (Teams’ Markdown subset, as the preview draws it)', () => {
    fc.assert(
      fc.property(markdownish, v => {
        assert.equal(shownText(teamsSubset, escapeTeamsMarkdown(v)), normal(v), JSON.stringify(v));
      }),
      RUNS,
    );
  });

  it('property: the mobile apps’ parser has nothing to act on (only \\* \\_ escapes, no "](", no "<" before a name)', () => {
    fc.assert(
      fc.property(markdownish, v => {
        const e = escapeTeamsMarkdown(v);
        assert.ok(!e.includes(']('), e);
        assert.ok(!/<[A-Za-z/!?]/.test(e), e);
        assert.ok(!/(^|[^\\])(\\\\)*[*_]/.test(e), `an unescaped * or _ in ${JSON.stringify(e)}`);
        assert.ok(!/(^|\n)[ \t]*([-+#>=]|\d+[.)])/.test(e), `a line-start block in ${JSON.stringify(e)}`);
      }),
      RUNS,
    );
  });
});

describe('Teams URL values', () => {
  it('passes a whole http(s) address (normalised) and neutralises anything else', () => {
    assert.deepEqual(teamsUrlValue('https://x.test/a b?q=1', true), { text: 'https://x.test/a%20b?q=1', ok: true });
    assert.deepEqual(teamsUrlValue(' HTTP://X.test ', true), { text: 'http://x.test/', ok: true });
    assert.deepEqual(teamsUrlValue('javascript:alert(1)', true), { text: 'javascript%3Aalert%281%29', ok: false });
    assert.deepEqual(teamsUrlValue('data:text/html,<b>', true), { text: 'data%3Atext%2Fhtml%2C%3Cb%3E', ok: false });
    assert.deepEqual(teamsUrlValue('', true), { text: '', ok: true });
  });
  it('encodes a value inside an authored address as a URL component', () => {
    assert.deepEqual(teamsUrlValue('a/b?c=d#e', false), { text: 'a%2Fb%3Fc%3Dd%23e', ok: true });
  });
  it('property: the result never has a scheme other than http(s)', () => {
    fc.assert(
      fc.property(fc.string(), v => {
        const { text } = teamsUrlValue(v, true);
        const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text)?.[1];
        assert.ok(scheme === undefined || /^https?$/i.test(scheme), text);
      }),
      RUNS,
    );
  });
});

describe('Teams card fields', () => {
  const card = {
    body: [
      { type: 'TextBlock', text: 't' },
      { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'r' }] },
      { type: 'FactSet', facts: [{ title: 'ft', value: 'fv' }] },
      { type: 'Input.Toggle', id: 'i', title: 'tt' },
      { type: 'Input.ChoiceSet', id: 'c', choices: [{ title: 'ct', value: 'cv' }], placeholder: 'p' },
      { type: 'Image', url: 'u', altText: 'a' },
      { type: '((Kind))', text: 'k' },
    ],
    actions: [{ type: 'Action.OpenUrl', title: 'at', url: 'au', iconUrl: 'ai' }],
    msteams: { entities: [{ type: 'mention', text: '<at>x</at>' }] },
  };
  const root = parseTree(JSON.stringify(card))!;
  const field = (...path: Array<string | number>) => teamsFieldOf(findNodeAtLocation(root, path)!);

  it('Markdown: TextBlock text, fact titles and values, toggle and choice titles, text of an element typed by a tag', () => {
    assert.equal(field('body', 0, 'text'), 'markdown');
    assert.equal(field('body', 2, 'facts', 0, 'title'), 'markdown');
    assert.equal(field('body', 2, 'facts', 0, 'value'), 'markdown');
    assert.equal(field('body', 3, 'title'), 'markdown');
    assert.equal(field('body', 4, 'choices', 0, 'title'), 'markdown');
    assert.equal(field('body', 6, 'text'), 'markdown');
  });
  it('URLs: url, iconUrl', () => {
    assert.equal(field('body', 5, 'url'), 'url');
    assert.equal(field('actions', 0, 'url'), 'url');
    assert.equal(field('actions', 0, 'iconUrl'), 'url');
  });
  it('plain: TextRun text, action titles, choice values, placeholders, alt text, ids, mention text', () => {
    assert.equal(field('body', 1, 'inlines', 0, 'text'), 'plain');
    assert.equal(field('actions', 0, 'title'), 'plain');
    assert.equal(field('body', 4, 'choices', 0, 'value'), 'plain');
    assert.equal(field('body', 4, 'placeholder'), 'plain');
    assert.equal(field('body', 5, 'altText'), 'plain');
    assert.equal(field('body', 3, 'id'), 'plain');
    assert.equal(field('msteams', 'entities', 0, 'text'), 'plain');
  });
});
