import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  parseMrkdwn,
  parseSlackPayload,
  richTextToPlain,
  type SlackBlock,
} from '../../../src/core/targets/slack/message';

describe('slack message preview: mrkdwn', () => {
  it('reads *bold*, _italic_ and ~strike~', () => {
    assert.deepEqual(parseMrkdwn('a *b* _c_ ~d~'), [
      { kind: 'text', text: 'a ' },
      { kind: 'bold', children: [{ kind: 'text', text: 'b' }] },
      { kind: 'text', text: ' ' },
      { kind: 'italic', children: [{ kind: 'text', text: 'c' }] },
      { kind: 'text', text: ' ' },
      { kind: 'strike', children: [{ kind: 'text', text: 'd' }] },
    ]);
  });

  it('nests formatting and leaves unmatched or mid-word markers as text', () => {
    assert.deepEqual(parseMrkdwn('*bold _and italic_*'), [
      {
        kind: 'bold',
        children: [
          { kind: 'text', text: 'bold ' },
          { kind: 'italic', children: [{ kind: 'text', text: 'and italic' }] },
        ],
      },
    ]);
    assert.deepEqual(parseMrkdwn('2*3*4 and * alone and snake_case_name'), [
      { kind: 'text', text: '2*3*4 and * alone and snake_case_name' },
    ]);
    assert.deepEqual(parseMrkdwn('*not\nbold*'), [
      { kind: 'text', text: '*not' },
      { kind: 'lineBreak' },
      { kind: 'text', text: 'bold*' },
    ]);
  });

  it('keeps `code` literal', () => {
    assert.deepEqual(parseMrkdwn('run `*x* <@U1>` now'), [
      { kind: 'text', text: 'run ' },
      { kind: 'code', text: '*x* <@U1>' },
      { kind: 'text', text: ' now' },
    ]);
  });

  it('reads ```pre``` blocks across lines', () => {
    assert.deepEqual(parseMrkdwn('before```\nline 1\n*line* 2```after'), [
      { kind: 'text', text: 'before' },
      { kind: 'pre', text: 'line 1\n*line* 2' },
      { kind: 'text', text: 'after' },
    ]);
  });

  it('reads links with and without labels, and does not end italics inside a URL', () => {
    assert.deepEqual(parseMrkdwn('<https://x.test/a?b=1&amp;c=2|the *label*> <mailto:a@b.test>'), [
      { kind: 'link', url: 'https://x.test/a?b=1&c=2', label: 'the *label*' },
      { kind: 'text', text: ' ' },
      { kind: 'link', url: 'mailto:a@b.test', label: 'mailto:a@b.test' },
    ]);
    assert.deepEqual(parseMrkdwn('_see <https://a.test/x_y_z|docs>_'), [
      {
        kind: 'italic',
        children: [
          { kind: 'text', text: 'see ' },
          { kind: 'link', url: 'https://a.test/x_y_z', label: 'docs' },
        ],
      },
    ]);
  });

  it('reads user, channel, broadcast and user-group mentions', () => {
    const nodes = parseMrkdwn('<@U024BE7LH> <@U1|bob> <#C1|general> <!channel> <!here> <!everyone> <!subteam^S1|@qa>');
    assert.deepEqual(
      nodes.filter(n => n.kind === 'mention'),
      [
        { kind: 'mention', target: 'user', text: '@U024BE7LH' },
        { kind: 'mention', target: 'user', text: '@bob' },
        { kind: 'mention', target: 'channel', text: '#general' },
        { kind: 'mention', target: 'broadcast', text: '@channel' },
        { kind: 'mention', target: 'broadcast', text: '@here' },
        { kind: 'mention', target: 'broadcast', text: '@everyone' },
        { kind: 'mention', target: 'usergroup', text: '@qa' },
      ],
    );
  });

  it('decodes &amp; &lt; &gt; after markup, so escaped text cannot ping or link', () => {
    assert.deepEqual(parseMrkdwn('&lt;!channel&gt; &amp;lt; &lt;https://evil.test|click&gt;'), [
      { kind: 'text', text: '<!channel> &lt; <https://evil.test|click>' },
    ]);
  });

  it('never throws, and text without markup characters reads back unchanged', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), s => void parseMrkdwn(s)));
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }).filter(s => !/[*_~`<&:]/.test(s)),
        s => richTextToPlain(parseMrkdwn(s)) === s,
      ),
    );
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('*', '_', '~', '`', '<', '>', '|', '@', '!', '\n', ' ', 'a', '&amp;', 'http://x'), {
          maxLength: 40,
        }),
        parts => void parseMrkdwn(parts.join('')),
      ),
    );
  });

  it('reads 360 KB of markup that never closes in linear time (scanning ahead from each opener took minutes)', () => {
    // 40,000 each of `_`, `*` and `~` that never close, and `<` without `>`: each opener used to scan to the end of
    // the line for its closer, 217 s for this text; a linear parse takes well under a second.
    const unclosed = '_a *b ~c '.repeat(40_000);
    assert.equal(richTextToPlain(parseMrkdwn(unclosed)), unclosed);
    const angles = '<a '.repeat(120_000);
    assert.equal(richTextToPlain(parseMrkdwn(angles)), angles);
    // Closed markup far apart still reads as markup.
    const far = '*bold ' + 'x '.repeat(100_000) + 'end*';
    assert.deepEqual(
      parseMrkdwn(far).map(n => n.kind),
      ['bold'],
    );
  });

  it('shows common emoji shortcodes as emoji, outside code only', () => {
    assert.deepEqual(parseMrkdwn(':rotating_light: Blocker :not_an_emoji: `:fire:`'), [
      { kind: 'text', text: '🚨 Blocker :not_an_emoji: ' },
      { kind: 'code', text: ':fire:' },
    ]);
  });

  it('keeps HTML-looking text as text', () => {
    assert.deepEqual(parseMrkdwn('<img src=x onerror=alert(1)>'), [
      { kind: 'text', text: '<img src=x onerror=alert(1)>' },
    ]);
  });
});

describe('slack message preview: payload and blocks', () => {
  it('uses text as the message when there are no blocks', () => {
    const m = parseSlackPayload({ text: 'Hello *world*', username: 'ccbot' });
    assert.equal(m.textIsFallback, false);
    assert.equal(richTextToPlain(m.text!), 'Hello world');
    assert.equal(m.username, 'ccbot');
    assert.deepEqual(m.notes, []);
  });

  it('reads section (text, fields, image and button accessories), header, context, divider, image, actions', () => {
    const m = parseSlackPayload({
      text: 'fallback',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'New *bug*' } },
        {
          type: 'section',
          text: { type: 'mrkdwn', text: '*Title*' },
          fields: [
            { type: 'mrkdwn', text: '*Severity*\nHigh' },
            { type: 'plain_text', text: '_plain_' },
          ],
          accessory: { type: 'image', image_url: 'https://x.test/a.png', alt_text: 'logo' },
        },
        {
          type: 'section',
          text: { type: 'plain_text', text: 'b' },
          accessory: { type: 'button', text: { type: 'plain_text', text: 'Open' }, url: 'https://x.test' },
        },
        {
          type: 'context',
          elements: [
            { type: 'mrkdwn', text: 'by <@U1>' },
            { type: 'image', image_url: 'https://x.test/u.png', alt_text: 'avatar' },
          ],
        },
        { type: 'divider' },
        {
          type: 'image',
          image_url: 'https://x.test/s.png',
          alt_text: 'screenshot',
          title: { type: 'plain_text', text: 'Shot' },
        },
        {
          type: 'actions',
          elements: [
            { type: 'button', text: { type: 'plain_text', text: 'Ack' }, style: 'primary', value: 'a' },
            { type: 'static_select' },
          ],
        },
        { type: 'video' },
      ],
    });
    assert.equal(m.textIsFallback, true);
    const kinds = m.blocks.map(b => b.kind);
    assert.deepEqual(kinds, ['header', 'section', 'section', 'context', 'divider', 'image', 'actions', 'unsupported']);
    assert.deepEqual(m.blocks[0], { kind: 'header', text: 'New *bug*' });
    assert.deepEqual(
      parseSlackPayload({ blocks: [{ type: 'header', text: { type: 'plain_text', text: ':fire: hot' } }] }).blocks[0],
      { kind: 'header', text: '🔥 hot' },
    );
    const s = m.blocks[1] as Extract<SlackBlock, { kind: 'section' }>;
    assert.deepEqual(s.text, [{ kind: 'bold', children: [{ kind: 'text', text: 'Title' }] }]);
    assert.equal(s.fields.length, 2);
    assert.equal(richTextToPlain(s.fields[0]), 'Severity\nHigh');
    assert.deepEqual(s.fields[1], [{ kind: 'text', text: '_plain_' }], 'plain_text is never read as mrkdwn');
    assert.deepEqual(s.accessory, { kind: 'image', alt: 'logo' });
    assert.deepEqual((m.blocks[2] as Extract<SlackBlock, { kind: 'section' }>).accessory, {
      kind: 'button',
      button: { text: 'Open', url: 'https://x.test' },
    });
    assert.deepEqual(m.blocks[3], {
      kind: 'context',
      elements: [
        {
          kind: 'text',
          rich: [
            { kind: 'text', text: 'by ' },
            { kind: 'mention', target: 'user', text: '@U1' },
          ],
        },
        { kind: 'image', alt: 'avatar' },
      ],
    });
    assert.deepEqual(m.blocks[5], { kind: 'image', alt: 'screenshot', title: 'Shot', url: 'https://x.test/s.png' });
    assert.deepEqual(m.blocks[6], { kind: 'actions', buttons: [{ text: 'Ack', style: 'primary' }] });
    assert.deepEqual(m.blocks[7], { kind: 'unsupported', type: 'video' });
  });

  it('reads legacy attachments', () => {
    const m = parseSlackPayload({
      attachments: [{ color: '#36a64f', title: 'T', text: '*x*', fields: [{ title: 'F', value: 'v' }], footer: 'ft' }],
    });
    assert.equal(m.attachments.length, 1);
    assert.equal(m.attachments[0].color, '#36a64f');
    assert.equal(richTextToPlain(m.attachments[0].text!), 'x');
    assert.equal(m.attachments[0].fields[0].title, 'F');
    assert.deepEqual(m.notes, []);
  });

  it('notes payloads Slack would reject instead of throwing', () => {
    assert.match(parseSlackPayload([1, 2]).notes[0], /not a JSON object/);
    assert.match(parseSlackPayload({ channel: 'x' }).notes[0], /neither "text" nor "blocks"/);
    assert.deepEqual(parseSlackPayload({ blocks: [null, 3, { type: 'section', text: 7, fields: 'x' }] }).blocks, [
      { kind: 'unsupported', type: 'object' },
      { kind: 'unsupported', type: 'number' },
      { kind: 'section', fields: [] },
    ]);
  });
});
