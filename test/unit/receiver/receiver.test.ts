import * as assert from 'node:assert/strict';
import { formatReceivedRequest, startReceiver, type Receiver } from '../../../src/core/receiver/receiver';

async function post(url: string, body: string, contentType = 'application/json') {
  const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': contentType } });
  return { status: res.status, body: await res.text() };
}

describe('the local test receiver', () => {
  let r: Receiver;
  beforeEach(async () => {
    r = await startReceiver();
  });
  afterEach(async () => r.close());

  it('listens on 127.0.0.1, records requests and answers 200 ok', async () => {
    assert.match(r.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const seen: string[] = [];
    r.onRequest(x => seen.push(x.path));
    const res = await post(`${r.url}/anything?x=1`, 'plain text');
    assert.deepEqual(res, { status: 200, body: 'ok' });
    assert.equal(r.requests.length, 1);
    assert.equal(r.requests[0].method, 'POST');
    assert.equal(r.requests[0].path, '/anything?x=1');
    assert.equal(r.requests[0].bodyText, 'plain text');
    assert.ok(r.requests[0].headers.some(h => h.name.toLowerCase() === 'content-type'));
    assert.deepEqual(seen, ['/anything?x=1']);
  });

  it('checks /slack/ paths like Slack and answers its error bodies', async () => {
    const u = `${r.url}/slack/test`;
    assert.deepEqual(await post(u, '{"text": "hi"}'), { status: 200, body: 'ok' });
    assert.deepEqual(await post(u, '{"text": "hi",}'), { status: 400, body: 'invalid_payload' });
    assert.deepEqual(await post(u, '[1]'), { status: 400, body: 'invalid_payload' });
    assert.deepEqual(await post(u, '{"username": "bot"}'), { status: 400, body: 'no_text' });
    assert.deepEqual(await post(u, '{"text": "   "}'), { status: 400, body: 'no_text' });
    assert.deepEqual(
      await post(u, JSON.stringify({ blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x' } }] })),
      { status: 200, body: 'ok' },
    );
    const many = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    assert.deepEqual(await post(u, JSON.stringify({ text: 'x', blocks: many })), {
      status: 400,
      body: 'invalid_blocks',
    });
    assert.deepEqual(
      await post(
        u,
        JSON.stringify({ blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'y'.repeat(3001) } }] }),
      ),
      { status: 400, body: 'invalid_blocks' },
    );
    assert.deepEqual(await post(u, JSON.stringify({ blocks: 'nope' })), { status: 400, body: 'invalid_blocks_format' });
    assert.deepEqual(
      await post(u, 'payload=' + encodeURIComponent('{"text":"form"}'), 'application/x-www-form-urlencoded'),
      { status: 200, body: 'ok' },
    );
    const long = await post(u, JSON.stringify({ text: 'z'.repeat(40001) }));
    assert.deepEqual(long, { status: 200, body: 'ok' });
    assert.match(r.requests.at(-1)!.response.note ?? '', /cut the text to 40,000/);
    // Outside /slack/ nothing is checked.
    assert.deepEqual(await post(`${r.url}/other`, 'not json'), { status: 200, body: 'ok' });
  });

  it('prints a request with its JSON body pretty and credentials masked', async () => {
    await fetch(`${r.url}/slack/x`, {
      method: 'POST',
      body: '{"text":"hi","n":1}',
      headers: { authorization: 'Bearer verysecrettoken', 'content-type': 'application/json' },
    });
    const out = formatReceivedRequest(r.requests[0]);
    assert.match(out, /POST \/slack\/x → answered 200 ok/);
    assert.match(out, /\{\n {2}"text": "hi",\n {2}"n": 1\n\}/);
    assert.match(out, /authorization: Bearer ••••/i);
    assert.ok(!out.includes('verysecrettoken'));
  });

  it('refuses other methods under /slack/ as Slack does', async () => {
    const res = await fetch(`${r.url}/slack/test`, { method: 'GET' });
    assert.deepEqual({ status: res.status, body: await res.text() }, { status: 405, body: 'invalid_method' });
  });
});
