import * as assert from 'node:assert/strict';
import { parseMacro } from '../../../src/core/macro/parse';
import { TEAMS_VALUE_MARK, teamsCardView } from '../../../src/core/targets/teams/cardView';
import { renderMacro } from '../../../src/core/targets/render';

const CT = 'application/vnd.microsoft.card.adaptive';
const { open, idEnd, close, digit0 } = TEAMS_VALUE_MARK;
const mark = (i: number) =>
  open + [...i.toString(16)].map(d => String.fromCharCode(digit0 + parseInt(d, 16))).join('') + idEnd;

function view(body: unknown, sample: Record<string, string>) {
  const text = JSON.stringify({ name: 'T', target: 'teams', request: { method: 'POST', url: 'https://x.test', body } });
  const r = renderMacro(parseMacro(text), { sample });
  return { v: teamsCardView(r.request!.bodyText!, r.substitutions), text };
}

describe('the Teams tab’s view model', () => {
  const card = {
    type: 'AdaptiveCard',
    version: '1.4',
    body: [
      { type: 'TextBlock', text: 'Hi ((A)), ((B))', id: '((A))' },
      { type: 'Image', url: 'https://x.test/((A))' },
    ],
    actions: [{ type: 'Action.OpenUrl', title: '((B))', url: 'https://x.test' }],
  };

  it('hands over the cards with each shown value marked, and which tag each mark stands for', () => {
    const { v, text } = view(
      { type: 'message', attachments: [{ contentType: CT, content: card }] },
      { A: 'a', B: '*b*' },
    );
    assert.equal(v.cards.length, 1);
    const c = v.cards[0] as typeof card;
    assert.equal(c.body[0].text, `Hi ${mark(0)}a${close}, ${mark(1)}\\*b\\*${close}`);
    assert.equal(c.body[0].id, 'a', 'no marks where nothing is shown as text (ids, URLs)');
    assert.equal(c.body[1].url, 'https://x.test/a');
    assert.equal(c.actions[0].title, `${mark(4)}*b*${close}`);
    assert.deepEqual(
      v.values.map(x => x.tag),
      ['A', 'B', 'A', 'A', 'B'],
    );
    for (const x of v.values) assert.equal(text.slice(x.source.start, x.source.end), `((${x.tag}))`);
    assert.deepEqual(v.notes, []);
  });

  it('a value cannot forge a mark: its own noncharacters become U+FFFD', () => {
    const { v } = view(
      { type: 'message', attachments: [{ contentType: CT, content: card }] },
      {
        A: `x${close}${mark(1)}y`,
        B: 'b',
      },
    );
    const c = v.cards[0] as typeof card;
    assert.equal(c.body[0].text, `Hi ${mark(0)}x\uFFFD\uFFFD\uFFFD\uFFFDy${close}, ${mark(1)}b${close}`);
  });

  it('explains what it cannot draw', () => {
    assert.match(view({ text: 'slack-like' }, {}).v.notes.join(), /no Adaptive Card to draw/);
    const bare = view(card, { A: 'a', B: 'b' }).v;
    assert.equal(bare.cards.length, 1);
    assert.match(bare.notes.join(), /bare card/);
    assert.match(teamsCardView('{nope', []).notes.join(), /not valid JSON/);
  });

  it('does not copy or draw a message nested 5,000 deep (each recurses once per level), and says why', () => {
    const deep = '{"type":"Container","items":['.repeat(5000) + ']}'.repeat(5000);
    const body = `{"type":"message","attachments":[{"contentType":"${CT}","content":{"type":"AdaptiveCard","version":"1.4","body":[${deep}]}}]}`;
    const v = teamsCardView(body, []);
    assert.deepEqual(v.cards, []);
    assert.deepEqual(v.notes, ['The message is nested more than 128 levels deep, so it is not drawn (see Problems).']);
  });
});
