import * as assert from 'node:assert/strict';
import { targetView } from './views';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseMacro } from '../../../src/core/macro/parse';
import { buildPreviewModel } from '../../../src/core/preview/model';
import { parseSlackPayload, richTextToPlain } from '../../../src/core/targets/slack/message';
import { renderMacro } from '../../../src/core/targets/render';
import { BUILTIN_SAMPLES } from '../../../src/core/samples/builtin';
import { valueText } from '../../../src/core/samples/describe';
import { REPO_ROOT } from '../../root';

const hostile = BUILTIN_SAMPLES.find(s => s.id === 'hostile')!.items[0];
const title = valueText(hostile.Title);

/**
 * Slack documents `&`, `<`, `>` as control characters in every text object (plain_text and mrkdwn) and the message
 * `text`: they are sent as `&amp;` `&lt;` `&gt;` and Slack shows the characters. Web-address fields are not text
 * objects and are sent as they are.
 */
describe('Slack escaping per field, and the preview draws what Slack shows (hostile sample)', () => {
  const text = fs.readFileSync(path.join(REPO_ROOT, 'examples/slack-escalate-blocker.ccmacro.json'), 'utf8');
  const parsed = parseMacro(text);
  const r = renderMacro(parsed, { sample: hostile });
  const body = JSON.parse(r.request!.bodyText!);

  it('sends &, <, > escaped in plain_text and mrkdwn text objects and the message text alike', () => {
    assert.equal(r.target, 'slack');
    assert.equal(body.blocks[0].text.type, 'plain_text');
    assert.ok(title.includes('</script>'));
    const escaped = title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    assert.equal(body.blocks[0].text.text, `:rotating_light: Blocker: ${escaped}`);
    assert.equal(body.blocks[1].fields[0].text, `*Severity:*\n${valueText(hostile.Severity).replace(/&/g, '&amp;')}`);
    assert.ok(body.text.endsWith(escaped));
  });

  it('sends a web-address field (a button url) exactly as the value, since Slack does not decode it', () => {
    assert.equal(body.blocks[3].elements[0].url, valueText(hostile['Feedback URL']));
  });

  it('the preview shows </script> in the plain_text header, as text, and < in mrkdwn fields', () => {
    const model = buildPreviewModel({
      seq: 1,
      documentUri: 'file:///x.ccmacro.json',
      fileName: 'x.ccmacro.json',
      documentText: parsed.text,
      render: r,
      problems: r.problems,
      samples: [],
      locked: false,
    });
    const [header, fields] = targetView(model, 'slack')!.blocks;
    assert.equal(header.kind, 'header');
    // :rotating_light: is drawn as its emoji; the title is exactly the sample value, `</script>` included.
    assert.equal(header.kind === 'header' && header.text, `🚨 Blocker: ${title}`);
    assert.equal(
      fields.kind === 'section' && richTextToPlain(fields.fields[0]),
      `Severity:\n${valueText(hostile.Severity)}`,
    );
  });

  it('plain_text decodes exactly the three entities once, and nothing in it becomes markup', () => {
    const msg = parseSlackPayload({
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'a &lt;b&gt; &amp; c &amp;lt; &#39; *x* <!here>' } },
        {
          type: 'section',
          text: { type: 'plain_text', text: '&lt;/script&gt;', emoji: false },
          fields: [{ type: 'plain_text', text: '&lt;https://evil.test|click&gt;' }],
        },
        { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Go &gt;' } }] },
      ],
    });
    const [header, section, actions] = msg.blocks;
    assert.deepEqual(header, { kind: 'header', text: 'a <b> & c &lt; &#39; *x* <!here>' });
    assert.deepEqual(section.kind === 'section' && section.text, [{ kind: 'text', text: '</script>' }]);
    assert.deepEqual(section.kind === 'section' && section.fields[0], [
      { kind: 'text', text: '<https://evil.test|click>' },
    ]);
    assert.equal(actions.kind === 'actions' && actions.buttons[0].text, 'Go >');
  });
});
