import * as assert from 'node:assert/strict';
import { formatReceivedRequest, startReceiver, type Receiver } from '../../../src/core/receiver/receiver';
import { receiverTargetUrl } from '../../../src/core/receiver/target';

const CT = 'application/vnd.microsoft.card.adaptive';
const message = (body: unknown[], version = '1.4') =>
  JSON.stringify({
    type: 'message',
    attachments: [{ contentType: CT, content: { type: 'AdaptiveCard', version, body } }],
  });

async function post(url: string, body: string, method = 'POST') {
  const res = await fetch(url, { method, body: method === 'GET' ? undefined : body });
  return { status: res.status, body: await res.text() };
}

describe('the local test receiver under /teams/', () => {
  let r: Receiver;
  beforeEach(async () => {
    r = await startReceiver();
  });
  afterEach(async () => r.close());

  it('answers a good card 202, as a Teams Workflow does, and says failures only show in the run history', async () => {
    const res = await post(`${r.url}/teams/x`, message([{ type: 'TextBlock', text: 'hi' }]));
    assert.deepEqual(res, { status: 202, body: '' });
    assert.match(r.requests[0].response.note!, /answers 202 to every request.*run history/);
    const log = formatReceivedRequest(r.requests[0]);
    assert.match(log, /POST \/teams\/x → answered 202\n/);
  });

  it('refuses a broken card or envelope with 400 and the problems in the body, saying it is stricter than Teams', async () => {
    const bad = await post(
      `${r.url}/teams/x`,
      message([
        { type: 'TextBlok', text: 'hi' },
        { type: 'Input.ChoiceSet', id: 'c' },
      ]),
    );
    assert.equal(bad.status, 400);
    assert.match(bad.body, /^Teams would not show this message:\n/);
    assert.match(
      bad.body,
      /- attachments\[0\]\.content\.body\[1\]\.choices: An Input\.ChoiceSet must have at least one choice defined\. \[render\/teams-collection-cant-be-empty\]/,
    );
    assert.match(bad.body, /body\[0\]\.type: Unknown element type "TextBlok"/, 'warnings are listed too');
    assert.match(r.requests[0].response.note!, /stricter and answers 400 now/);
    const log = formatReceivedRequest(r.requests[0]);
    assert.match(log, /POST \/teams\/x → answered 400\n {2}Teams would not show this message:\n {2}- attachments/);

    assert.equal((await post(`${r.url}/teams/x`, '{"text": "a Slack message"}')).status, 400);
    assert.match((await post(`${r.url}/teams`, '{"@type": "MessageCard"}')).body, /MessageCard/);
    assert.equal((await post(`${r.url}/teams/x`, message([], '1.6'))).status, 400);
    assert.equal((await post(`${r.url}/teams/x`, '', 'GET')).status, 405);
    // Warnings alone pass, listed in the note.
    const warned = await post(`${r.url}/teams/x`, message([{ type: 'TextBlok', text: 'hi' }]));
    assert.equal(warned.status, 202);
    assert.match(r.requests.at(-1)!.response.note!, /Teams may show the card differently:\n- .*TextBlok/);
    // Elsewhere nothing is checked.
    assert.deepEqual(await post(`${r.url}/teamsish`, 'x'), { status: 200, body: 'ok' });
  });

  it('answers a card nested 3,000 containers deep 400 with why and where, not 500 "Maximum call stack size exceeded"', async () => {
    // Written as text: JSON.stringify itself overflows the stack on it.
    const card =
      '{"type":"Container","items":['.repeat(3000) + '{"type":"TextBlock","text":"deep"}' + ']}'.repeat(3000);
    const res = await post(`${r.url}/teams/x`, message([]).replace('"body":[]', `"body":[${card}]`));
    assert.equal(res.status, 400, res.body);
    assert.doesNotMatch(res.body, /call stack/);
    // The path names the first level too many: 128 levels are message, attachments, the card, its body and then
    // Containers and their items lists.
    const deepest = 'attachments[0].content.body[0]' + '.items[0]'.repeat(61) + '.items';
    assert.match(
      res.body,
      new RegExp(
        `^- ${deepest.replace(/[.[\]]/g, '\\$&')}: The message is nested more than 128 levels deep here .*\\[render/teams-too-deep\\]$`,
        'm',
      ),
    );
    // Printed as it came (pretty printing it would recurse and grow with the square of its depth).
    const log = formatReceivedRequest(r.requests[0]);
    assert.ok(log.includes('{"type":"message","attachments":[{'), 'the body is shown as sent');
  });

  it('"Send to Local Test Receiver" aims Teams macros at /teams/<name>', () => {
    assert.equal(
      receiverTargetUrl(
        'http://127.0.0.1:5000',
        'https://x.logic.azure.com/workflows/1?sig=S',
        'Post to Teams',
        'teams',
      ),
      'http://127.0.0.1:5000/teams/post-to-teams',
    );
  });
});
