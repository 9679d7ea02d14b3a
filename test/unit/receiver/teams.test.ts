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
