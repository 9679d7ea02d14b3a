import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { parseMacro } from '../../../src/core/macro/parse';
import { renderMacro } from '../../../src/core/targets/render';
import { macroTarget } from '../../../src/core/targets';
import { escapeTeamsMarkdown, WORD_JOINER } from '../../../src/core/targets/teams/escape';
import { urlComponent } from '../../../src/core/render/encode';
import type { SampleItem } from '../../../src/core/samples/types';

const WJ = WORD_JOINER;

/** A Teams Workflow message around `card`, with the extra root fields. */
function teamsMacro(
  card: Record<string, unknown>,
  root: Record<string, unknown> = { target: 'teams' },
  url = 'https://x.test/h',
) {
  return JSON.stringify({
    name: 'T',
    ...root,
    request: {
      method: 'POST',
      url,
      body: {
        type: 'message',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.adaptive',
            content: { type: 'AdaptiveCard', version: '1.4', ...card },
          },
        ],
      },
    },
  });
}

function render(text: string, sample: SampleItem) {
  const r = renderMacro(parseMacro(text), { sample });
  return { r, card: r.request ? JSON.parse(r.request.bodyText!).attachments[0].content : undefined };
}

describe('renderMacro: Teams', () => {
  const hostile = '**b** [x](https://evil.test) <at>all</at> _i_';
  const card = {
    body: [
      { type: 'TextBlock', text: 'Title: ((V))' },
      { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '((V))' }] },
      { type: 'FactSet', facts: [{ title: '((V))', value: '((V))' }] },
      { type: 'Image', url: '((U))', altText: '((V))' },
    ],
    actions: [
      { type: 'Action.OpenUrl', title: 'Open ((V))', url: '((U))' },
      { type: 'Action.OpenUrl', title: 'Search', url: 'https://x.test/search?q=((V))' },
    ],
  };

  it('escapes each value for the field it lands in: Markdown, URL or plain', () => {
    const { r, card: out } = render(teamsMacro(card), { V: hostile, U: 'https://ok.test/a b' });
    assert.equal(r.target, 'teams');
    assert.deepEqual(r.problems, []);
    const md = escapeTeamsMarkdown(hostile);
    assert.equal(out.body[0].text, `Title: ${md}`);
    assert.equal(out.body[1].inlines[0].text, hostile, 'TextRun is plain text: as is');
    assert.deepEqual(out.body[2].facts[0], { title: md, value: md });
    assert.equal(out.body[3].url, 'https://ok.test/a%20b');
    assert.equal(out.body[3].altText, hostile);
    assert.equal(out.actions[0].title, `Open ${hostile}`, 'action titles are plain text');
    assert.equal(out.actions[0].url, 'https://ok.test/a%20b');
    // Inside an authored address a value is a URL component, encoded as in any URL (' ( ) ! * too).
    assert.equal(out.actions[1].url, `https://x.test/search?q=${urlComponent(hostile)}`);
    assert.match(md, new RegExp(`\\[${WJ}x\\]${WJ}\\(`));
  });

  it('never lets a value that is not an http(s) address become a URL, and says so at the tag', () => {
    const text = teamsMacro(card);
    const { r, card: out } = render(text, { V: 'v', U: 'javascript:alert(1)' });
    assert.equal(out.actions[0].url, 'javascript%3Aalert%281%29');
    const p = r.problems.filter(x => x.code === 'render/teams-url-value');
    assert.equal(p.length, 2);
    assert.equal(p[0].severity, 'warning');
    assert.equal(text.slice(p[0].range.start, p[0].range.end), '((U))');
  });

  it('leaves the macro’s own Markdown alone', () => {
    const { card: out } = render(
      teamsMacro({ body: [{ type: 'TextBlock', text: '**New:** [((V))](https://ok.test)' }] }),
      {
        V: 'a_b',
      },
    );
    assert.equal(out.body[0].text, '**New:** [a\\_b](https://ok.test)');
  });

  it('keeps the rules of every render: a lone surrogate is refused in any field kind; URL parts encode as in any URL', () => {
    const fields = [
      { type: 'TextBlock', text: '((V))' },
      { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '((V))' }] },
      { type: 'Image', url: '((V))' },
      { type: 'Image', url: 'https://x.test/i/((V))' },
    ];
    for (const field of fields) {
      const { r } = render(teamsMacro({ body: [field] }), { V: 'x\ud800y' });
      assert.equal(r.request, undefined, JSON.stringify(field));
      const errors = r.problems.filter(p => p.severity === 'error').map(p => p.code);
      assert.deepEqual([...new Set(errors)], ['render/lone-surrogate'], JSON.stringify(field));
    }
    const { card: out } = render(teamsMacro({ body: [fields[3]] }), { V: "it's (a) b!*" });
    assert.equal(out.body[0].url, 'https://x.test/i/it%27s%20%28a%29%20b%21%2A');
  });

  it('property: every Teams body parses, and values reach plain fields exactly and Markdown fields escaped', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (v, w) => {
        const { r, card: out } = render(teamsMacro(card), { V: v, U: w });
        assert.ok(r.request, JSON.stringify(r.problems));
        assert.equal(out.body[1].inlines[0].text, v);
        assert.equal(out.body[3].altText, v);
        assert.equal(out.body[0].text, 'Title: ' + escapeTeamsMarkdown(v));
        assert.equal(out.body[2].facts[0].value, escapeTeamsMarkdown(v));
      }),
      { numRuns: 300 },
    );
  });
});

describe('the macro target', () => {
  const target = (text: string) => macroTarget(parseMacro(text));
  const body = { type: 'message', attachments: [] };
  const m = (root: Record<string, unknown>, url: string, b: unknown = body) =>
    JSON.stringify({ name: 'x', ...root, request: { method: 'POST', url, body: b } });

  it('is "target" when set, else the version-1 "slack" flag, else the URL', () => {
    assert.equal(target(m({ target: 'teams' }, '${secret:X}')), 'teams');
    assert.equal(target(m({ target: 'generic', slack: true }, 'https://hooks.slack.com/services/x')), 'generic');
    assert.equal(target(m({ slack: true }, '${secret:X}')), 'slack');
    assert.equal(target(m({ slack: false }, 'https://hooks.slack.com/services/x')), 'generic');
    assert.equal(target(m({ target: 'nonsense' }, 'https://hooks.slack.com/services/x')), 'slack');
    assert.equal(target(m({}, '${secret:X}')), 'generic');
  });

  it('reads Teams from a connector URL, or a Power Automate URL with a Teams message body', () => {
    assert.equal(target(m({}, 'https://contoso.webhook.office.com/webhookb2/a@b/IncomingWebhook/c/d')), 'teams');
    const flow =
      'https://default0123.45.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/abc/triggers/manual/paths/invoke?api-version=1&sig=${secret:SIG}';
    assert.equal(target(m({}, flow)), 'teams');
    assert.equal(target(m({}, flow, { id: '((Feedback ID))' })), 'generic', 'another kind of flow');
    assert.equal(
      target(m({}, 'https://prod-12.westus.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke')),
      'teams',
    );
    assert.equal(target(m({}, 'https://webhook.office.com.evil.test/x')), 'generic');
  });
});
