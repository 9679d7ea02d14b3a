import * as assert from 'node:assert/strict';
import { startReceiver, type Receiver } from '../../../src/core/receiver/receiver';
import { receiverTargetUrl } from '../../../src/core/receiver/target';

async function send(url: string, method: string, body: unknown) {
  const res = await fetch(url, {
    method,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type'), text };
}

const doc = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

describe('the local test receiver: /jira/…', () => {
  let r: Receiver;
  before(async () => {
    r = await startReceiver();
  });
  after(async () => r.close());

  it("aims a Jira macro at /jira + its REST path, so the operation is the macro's own", () => {
    assert.equal(
      receiverTargetUrl(r.url, 'https://x.atlassian.net/rest/api/3/issue/BETA-7?notifyUsers=false', 'Update', 'jira'),
      `${r.url}/jira/rest/api/3/issue/BETA-7?notifyUsers=false`,
    );
    assert.equal(receiverTargetUrl(r.url, 'https://x.test/hook', 'My macro', 'jira'), `${r.url}/jira/my-macro`);
  });

  it('a good create gets 201 {id, key, self} with a key of the project; the same request, the same key', async () => {
    const body = {
      fields: { project: { key: 'BETA' }, issuetype: { name: 'Bug' }, summary: 'Crash', description: doc('x') },
    };
    const a = await send(`${r.url}/jira/rest/api/3/issue`, 'POST', body);
    assert.equal(a.status, 201);
    assert.match(a.contentType ?? '', /^application\/json/);
    const created = JSON.parse(a.text) as { id: string; key: string; self: string };
    assert.match(created.key, /^BETA-\d+$/);
    assert.match(created.id, /^\d+$/);
    assert.equal(created.self, `http://127.0.0.1/jira/rest/api/3/issue/${created.id}`);
    assert.equal((await send(`${r.url}/jira/rest/api/3/issue`, 'POST', body)).text, a.text);
  });

  it('an update gets 204, a comment 201, a transition 204', async () => {
    assert.deepEqual(await send(`${r.url}/jira/rest/api/3/issue/BETA-7`, 'PUT', { fields: { summary: 'New' } }), {
      status: 204,
      contentType: null,
      text: '',
    });
    const c = await send(`${r.url}/jira/rest/api/3/issue/BETA-7/comment`, 'POST', { body: doc('hi') });
    assert.equal(c.status, 201);
    const t = await send(`${r.url}/jira/rest/api/2/issue/BETA-7/transitions`, 'POST', { transition: { id: '31' } });
    assert.equal(t.status, 204);
  });

  it('what Jira would refuse gets 400 {"errorMessages": [], "errors": {field: message}}', async () => {
    const bad = await send(`${r.url}/jira/rest/api/3/issue`, 'POST', {
      fields: { project: { key: 'BETA' }, summary: 'two\nlines', description: 'plain' },
    });
    assert.equal(bad.status, 400);
    const answer = JSON.parse(bad.text) as { errorMessages: string[]; errors: Record<string, string> };
    assert.deepEqual(answer.errorMessages, []);
    assert.deepEqual(Object.keys(answer.errors).sort(), ['description', 'issuetype', 'summary']);
    assert.match(answer.errors.summary, /line break/);
    assert.match(answer.errors.description, /Atlassian document/);
    const empty = await send(`${r.url}/jira/rest/api/3/issue/BETA-7`, 'PUT', {});
    assert.equal(empty.status, 400);
    assert.match((JSON.parse(empty.text) as { errorMessages: string[] }).errorMessages[0], /sets nothing/);
    const notJson = await send(`${r.url}/jira/rest/api/3/issue`, 'POST', '{"fields":');
    assert.equal(notJson.status, 400);
    assert.equal((await send(`${r.url}/jira/rest/api/3/issue/BETA-7`, 'DELETE', '')).status, 405);
  });
});
