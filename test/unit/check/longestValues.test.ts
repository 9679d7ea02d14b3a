import * as assert from 'node:assert/strict';
import { InMemoryFileSystem } from '../../fakes/fileSystem';
import { check, macro } from '../macro/helpers';

const SAMPLE = '/proj/macros/samples/blockers.sample.json';

/** A file system with the macro's sample items and, optionally, a project catalog. */
function files(items: Array<Record<string, unknown>>, catalog?: unknown): InMemoryFileSystem {
  const fs = new InMemoryFileSystem();
  fs.files.set(SAMPLE, JSON.stringify(items));
  if (catalog) fs.files.set('/proj/.ccmacro/tags.json', JSON.stringify(catalog));
  return fs;
}

const slack = (blocks: unknown[]) =>
  macro(
    { target: 'slack', samples: ['samples/blockers.sample.json'] },
    { url: 'https://hooks.slack.com/services/T/B/X', body: { text: 'New blocker', blocks } },
  );

describe('limits checked with the longest values', () => {
  it('Slack: a section within 3,000 characters for every item, but over with the longest Title and the longest Description together, says which value', async () => {
    const text = slack([{ type: 'section', text: { type: 'mrkdwn', text: '((Title)): ((Description))' } }]);
    const fs = files([
      { Title: 'Short', Description: 'd'.repeat(2900) },
      { Title: 'T'.repeat(400), Description: 'short' },
      { Title: 'x', Description: 'y' },
      { Title: 'T'.repeat(3412 - 2900), Description: 'z' },
    ]);
    const p = await check(text, { fs, codes: 'render/slack-' });
    assert.equal(p.length, 1, JSON.stringify(p));
    assert.equal(p[0].code, 'render/slack-section-too-long');
    assert.equal(p[0].severity, 'error');
    assert.match(
      p[0].message,
      /\(with the longest \(\(Description\)\) in samples\/blockers\.sample\.json \[0\], 2,900 characters\)$/,
    );
    assert.equal(p[0].text, '"((Title)): ((Description))"');
  });

  it('no finding when every combination of the longest values stays within the limits', async () => {
    const text = slack([{ type: 'header', text: { type: 'plain_text', text: '((Title))' } }]);
    const fs = files([{ Title: 'a'.repeat(150) }, { Title: 'b' }]);
    assert.deepEqual(await check(text, { fs, codes: 'render/slack-' }), []);
  });

  it("a limit a sample item already breaks is reported once, as the items' check says it", async () => {
    const text = slack([{ type: 'header', text: { type: 'plain_text', text: '((Title))' } }]);
    const fs = files([{ Title: 'a'.repeat(151) }]);
    const p = await check(text, { fs, codes: 'render/slack-' });
    assert.deepEqual(
      p.map(x => x.code),
      ['render/slack-header-too-long'],
    );
    assert.doesNotMatch(p[0].message, /longest/);
  });

  it('a header over 150 characters and a field over 2,000 with a declared maxLength from .ccmacro/tags.json', async () => {
    const text = slack([
      { type: 'header', text: { type: 'plain_text', text: '((Title))' } },
      { type: 'section', fields: [{ type: 'mrkdwn', text: '((Region))' }] },
    ]);
    const fs = files([{ Title: 'Crash on start', Region: 'EMEA' }], {
      tags: [
        { name: 'Title', maxLength: 255 },
        { name: 'Region', maxLength: 2001 },
      ],
    });
    const p = await check(text, { fs, codes: 'render/slack-' });
    assert.deepEqual(
      p.map(x => [x.code, x.text]),
      [
        ['render/slack-header-too-long', '"((Title))"'],
        ['render/slack-field-too-long', '"((Region))"'],
      ],
    );
    assert.match(p[0].message, /\(with \(\(Title\)\) at its declared maxLength of 255 characters\)$/);
    assert.match(p[1].message, /\(with \(\(Region\)\) at its declared maxLength of 2,001 characters\)$/);
  });

  it("Slack's 40,000-character text is a warning with the longest value", async () => {
    const text = macro(
      { target: 'slack', samples: ['samples/blockers.sample.json'] },
      { url: 'https://hooks.slack.com/services/T/B/X', body: { text: '((Title)) ((Description))' } },
    );
    const fs = files([
      { Title: 't'.repeat(20000), Description: 'd' },
      { Title: 't', Description: 'd'.repeat(20000) },
    ]);
    const p = await check(text, { fs, codes: 'render/slack-' });
    assert.deepEqual(
      p.map(x => [x.code, x.severity]),
      [['render/slack-text-too-long', 'warning']],
    );
    assert.match(
      p[0].message,
      /with the longest \(\(Title\)\) in samples\/blockers\.sample\.json \[0\], 20,000 characters/,
    );
  });

  it('Teams: the 28 KB message limit with the longest Description (a size of the whole message names the longest value in it)', async () => {
    const text = macro(
      { target: 'teams', samples: ['samples/blockers.sample.json'] },
      {
        url: 'https://contoso.webhook.office.com/webhookb2/0/IncomingWebhook/1/2',
        body: {
          type: 'message',
          attachments: [
            {
              contentType: 'application/vnd.microsoft.card.adaptive',
              content: {
                type: 'AdaptiveCard',
                version: '1.4',
                body: [
                  { type: 'TextBlock', text: '((Title))', wrap: true },
                  { type: 'TextBlock', text: '((Description))', wrap: true },
                ],
              },
            },
          ],
        },
      },
    );
    const fs = files([
      { Title: 'T'.repeat(15000), Description: 'short' },
      { Title: 'short', Description: 'D'.repeat(16000) },
    ]);
    const p = await check(text, { fs, codes: 'render/teams-' });
    assert.deepEqual(
      p.map(x => [x.code, x.severity]),
      [['render/teams-too-large', 'error']],
    );
    assert.match(
      p[0].message,
      /with the longest \(\(Description\)\) in samples\/blockers\.sample\.json \[1\], 16,000 characters/,
    );
  });

  it('a maxLength that is not a whole number from 1 is a problem of the catalog and is not used', async () => {
    const { parseCatalogText } = await import('../../../src/core/tags/catalog');
    const parsed = parseCatalogText(
      JSON.stringify({
        tags: [
          { name: 'Title', maxLength: -1 },
          { name: 'Body', maxLength: 10 },
        ],
      }),
    );
    assert.deepEqual(
      parsed.entries.map(e => [e.name, e.maxLength]),
      [
        ['Title', undefined],
        ['Body', 10],
      ],
    );
    assert.match(parsed.problems[0].message, /"maxLength" is a whole number/);
  });
});
