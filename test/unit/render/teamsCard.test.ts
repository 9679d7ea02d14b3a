import * as assert from 'node:assert/strict';
import { parseMacro } from '../../../src/core/macro/parse';
import { renderMacro } from '../../../src/core/targets/render';
import { checkTeamsMessage, type TeamsFinding } from '../../../src/core/targets/teams/message';
import { checkTargetPayload } from '../../../src/core/targets/check';
import { LineIndex } from '../../../src/core/common/text';

const CT = 'application/vnd.microsoft.card.adaptive';
const message = (card: unknown) => ({ type: 'message', attachments: [{ contentType: CT, content: card }] });
const card = (body: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'AdaptiveCard',
  version: '1.4',
  body,
  ...extra,
});
const check = (payload: unknown) => checkTeamsMessage(typeof payload === 'string' ? payload : JSON.stringify(payload));
const brief = (f: TeamsFinding[]) => f.map(x => `${x.severity} ${x.code} ${x.path.join('.')}`);
const C = 'attachments.0.content';

describe('Teams message checks (Microsoft’s adaptivecards library)', () => {
  it('a correct message has no findings', async () => {
    const ok = card(
      [
        { type: 'TextBlock', text: '**Hi**', wrap: true, size: 'Large' },
        { type: 'FactSet', facts: [{ title: 'a', value: 'b' }] },
        {
          type: 'ColumnSet',
          columns: [{ type: 'Column', width: 'auto', items: [{ type: 'Image', url: 'https://x.test/i.png' }] }],
        },
        { type: 'Container', style: 'emphasis', items: [{ type: 'TextBlock', text: 'x' }] },
      ],
      { actions: [{ type: 'Action.OpenUrl', title: 'Open', url: 'https://x.test' }], msteams: { width: 'Full' } },
    );
    assert.deepEqual(await check(message(ok)), []);
  });

  it('reports each library problem at the JSON path of the element and property it is about', async () => {
    const f = await check(
      message(
        card(
          [
            { type: 'TextBlock', text: 'ok' },
            { type: 'TextBlok', text: 'typo' },
            { type: 'TextBlock', text: 'x', size: 'Huge' },
            { type: 'Container', items: [{ type: 'Nope', fallback: { type: 'Nada' } }] },
            { type: 'ColumnSet', columns: [{ type: 'Column', width: 'wide', items: [] }] },
            { type: 'Input.ChoiceSet', id: 'dup' },
            { type: 'Input.Text', id: 'dup' },
            { type: 'FactSet', facts: [{ title: 'a', value: 'b' }], spacing: 'Enormous' },
          ],
          { actions: [{ type: 'Action.OpenUrl', title: 'x' }, { type: 'Action.Opn' }] },
        ),
      ),
    );
    assert.deepEqual(brief(f), [
      `warning render/teams-unknown-element-type ${C}.body.1.type`,
      `warning render/teams-invalid-property-value ${C}.body.2.size`,
      `warning render/teams-unknown-element-type ${C}.body.3.items.0.type`,
      `warning render/teams-unknown-element-type ${C}.body.3.items.0.fallback.type`,
      `warning render/teams-invalid-property-value ${C}.body.4.columns.0.width`,
      `warning render/teams-invalid-property-value ${C}.body.7.spacing`,
      `warning render/teams-unknown-action-type ${C}.actions.1.type`,
      `error render/teams-collection-cant-be-empty ${C}.body.5.choices`,
      `error render/teams-duplicate-id ${C}.body.6.id`,
      `error render/teams-property-cant-be-null ${C}.actions.0.url`,
    ]);
    assert.match(f[0].message, /^Unknown element type "TextBlok"\. .*Did you mean "TextBlock"\?$/);
    assert.equal(f[1].message, 'Invalid value "Huge" for property "size".');
  });

  it('checks the card version Teams renders (1.5 at most; 1.4 is what Workflows post reliably)', async () => {
    const v = async (version: unknown) => {
      const c: Record<string, unknown> = card([{ type: 'TextBlock', text: 'x' }]);
      if (version === undefined) delete c.version;
      else c.version = version;
      return brief(await check(message(c)));
    };
    assert.deepEqual(await v('1.4'), []);
    assert.deepEqual(await v('1.2'), []);
    assert.deepEqual(await v('1.5'), [`warning render/teams-card-version ${C}.version`]);
    assert.deepEqual(await v('1.6'), [`error render/teams-card-version ${C}.version`]);
    assert.deepEqual(await v(undefined), [`error render/teams-card-version ${C}`]);
    assert.deepEqual(await v('latest'), [`error render/teams-card-version ${C}.version`]);
  });

  it('reports features newer than the card’s version, saying which version they need', async () => {
    const f = await check(
      message(
        card(
          [
            { type: 'Table', columns: [{ width: 1 }], rows: [] },
            { type: 'TextBlock', text: 'x', style: 'heading' },
          ],
          { version: '1.3' },
        ),
      ),
    );
    assert.deepEqual(brief(f), [
      `warning render/teams-unknown-element-type ${C}.body.0.type`,
      `warning render/teams-unsupported-property ${C}.body.1.style`,
    ]);
    assert.match(f[0].message, /^Table needs card version 1\.5 or later; this card is parsed as version 1\.3/);
  });

  it('checks the message envelope a Teams Workflow reads', async () => {
    assert.deepEqual(brief(await check('{"type": "message",')), ['error render/teams-not-json ']);
    assert.deepEqual(brief(await check([1])), ['error render/teams-envelope ']);
    assert.deepEqual(brief(await check({ '@type': 'MessageCard', text: 'x' })), [
      'error render/teams-message-card @type',
    ]);
    assert.deepEqual(brief(await check(card([{ type: 'TextBlock', text: 'x' }]))), [
      'error render/teams-bare-card type',
    ]);
    assert.deepEqual(brief(await check({ type: 'note', attachments: [] })), [
      'error render/teams-envelope type',
      'error render/teams-envelope attachments',
    ]);
    assert.deepEqual(
      brief(await check({ type: 'message', attachments: [{ contentType: 'text/plain', content: 'x' }] })),
      ['error render/teams-envelope attachments.0.contentType', 'error render/teams-envelope attachments.0.content'],
    );
    // Every attachment's card is checked.
    const two = {
      type: 'message',
      attachments: [message(card([])).attachments[0], { contentType: CT, content: card([{ type: 'X' }]) }],
    };
    assert.deepEqual(brief(await check(two)), [
      'warning render/teams-unknown-element-type attachments.1.content.body.0.type',
    ]);
  });

  it('enforces Teams’ 28 KB limit on the message as sent (UTF-8 bytes), warning from 24 KB', async () => {
    const sized = (bytes: number) => {
      const base = JSON.stringify(message(card([{ type: 'TextBlock', text: '' }])));
      return base.replace('"text":""', `"text":"${'é'.repeat(Math.ceil((bytes - base.length) / 2))}"`);
    };
    assert.deepEqual(brief(await check(sized(20_000))), []);
    assert.deepEqual(brief(await check(sized(26_000))), ['warning render/teams-near-size-limit ']);
    const big = await check(sized(28_100));
    assert.deepEqual(brief(big), ['error render/teams-too-large ']);
    assert.match(big[0].message, /28\.1 KB once filled in; Teams takes at most 28 KB/);
  });

  it('knows what Teams ignores although the library accepts it', async () => {
    const f = await check(
      message(
        card([{ type: 'Media', sources: [{ mimeType: 'video/mp4', url: 'https://x.test/v.mp4' }] }], {
          actions: [
            { type: 'Action.Submit', title: 'a' },
            ...Array.from({ length: 6 }, (_, i) => ({ type: 'Action.OpenUrl', title: `o${i}`, url: 'https://x.test' })),
          ],
        }),
      ),
    );
    assert.deepEqual(brief(f), [
      `warning render/teams-too-many-actions ${C}.actions`,
      `warning render/teams-media-not-supported ${C}.body.0.type`,
      `warning render/teams-action-not-supported ${C}.actions.0.type`,
    ]);
    assert.equal(f[0].message, 'Maximum number of actions exceeded (6).');
  });

  it('writes control characters from values visibly in its messages', async () => {
    const [f] = await check(message(card([{ type: 'TextBlock', text: 'x', size: 'Hu\u001b[2Jge' }])));
    assert.equal(f.message, 'Invalid value "Hu\\x1b[2Jge" for property "size".');
  });
});

describe('Teams checks located in the macro', () => {
  const macro = `{
  "name": "Card",
  "target": "teams",
  "request": {
    "method": "POST",
    "url": "https://x.test/hook",
    "body": {
      "type": "message",
      "attachments": [{
        "contentType": "application/vnd.microsoft.card.adaptive",
        "content": {
          "type": "AdaptiveCard", "version": "1.4",
          "body": [
            { "type": "TextBlok", "text": "((Title))" },
            { "type": "TextBlock", "text": "((Title))", "size": "((Size))" },
            { "type": "Container", "items": "((Items)):json" },
            { "type": "Input.ChoiceSet", "id": "c" }
          ]
        }
      }]
    }
  }
}`;
  it('puts each problem on the element in the body, even when a value or a typed JSON value caused it', async () => {
    const parsed = parseMacro(macro);
    const r = renderMacro(parsed, { sample: { Title: 'T', Size: 'Huge', Items: '[{"type": "Bogus"}]' } });
    const lines = new LineIndex(macro);
    const at = (await checkTargetPayload(parsed, r)).map(p => {
      const pos = lines.positionAt(p.range.start);
      return `${pos.line + 1}:${pos.character + 1} ${p.code} ${macro.slice(p.range.start, p.range.end)}`;
    });
    assert.deepEqual(at, [
      '14:23 render/teams-unknown-element-type "TextBlok"',
      '15:65 render/teams-invalid-property-value "((Size))"',
      '16:45 render/teams-unknown-element-type "((Items)):json"',
      '17:23 render/teams-collection-cant-be-empty "Input.ChoiceSet"',
    ]);
  });

  it('checks nothing for other targets', async () => {
    const parsed = parseMacro(macro.replace('"target": "teams"', '"target": "generic"'));
    const r = renderMacro(parsed, { sample: { Title: 'T', Size: 'Huge', Items: '[]' } });
    assert.deepEqual(await checkTargetPayload(parsed, r), []);
  });
});
