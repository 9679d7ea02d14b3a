import * as assert from 'node:assert/strict';
import {
  centercodeFormText,
  fromCentercodeForm,
  splitHeaderLine,
  toCentercodeForm,
} from '../../../src/core/centercode/form';
import { parseMacro } from '../../../src/core/macro/parse';

/** jsonc-parser builds null-prototype objects; compare plain JSON. */
const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

const SLACK = `{
  // comments are fine in the file
  "name": "Escalate to Slack",
  "request": {
    "method": "POST",
    "url": "\${secret:SLACK_WEBHOOK_URL}",
    "headers": { "Content-Type": "application/json", "Authorization": "Bearer \${secret:TOKEN}" },
    "body": {
      "text": "New bug: ((Title)) by ((Submitter Name))",
      "id": "((Feedback ID)):number",
      "blocks": [{ "type": "section", "text": { "type": "mrkdwn", "text": "*((Title))*\\n\\"quoted\\"" } }]
    }
  }
}`;

describe('Copy for Centercode', () => {
  it('gives method, URL, header lines and the JSON body with tags kept and typed tags bare', () => {
    const form = toCentercodeForm(parseMacro(SLACK));
    assert.equal(form.method, 'POST');
    assert.equal(form.url, '${secret:SLACK_WEBHOOK_URL}');
    assert.equal(form.headers, 'Content-Type: application/json\nAuthorization: Bearer ${secret:TOKEN}');
    assert.match(form.body, /"text": "New bug: \(\(Title\)\) by \(\(Submitter Name\)\)"/);
    assert.match(form.body, /"id": \(\(Feedback ID\)\),/);
    assert.match(form.body, /"text": "\*\(\(Title\)\)\*\\n\\"quoted\\""/);
    assert.match(
      centercodeFormText(form),
      /^Method: POST\nURL: \$\{secret:SLACK_WEBHOOK_URL\}\nHeaders:\nContent-Type/,
    );
  });

  it('writes form bodies as a=b&c=((Tag)) and text bodies as written', () => {
    const form = toCentercodeForm(
      parseMacro(
        '{"name":"f","request":{"method":"POST","url":"https://x.test","bodyFormat":"form","body":{"a b":"x&y","t":"((Title)) ok"}}}',
      ),
    );
    assert.equal(form.body, 'a%20b=x%26y&t=((Title))%20ok');
    const text = toCentercodeForm(
      parseMacro(
        '{"name":"t","request":{"method":"PUT","url":"https://x.test","bodyFormat":"text","body":"Hi ((Name))"}}',
      ),
    );
    assert.equal(text.body, 'Hi ((Name))');
    assert.equal(text.headers, '');
  });

  it('does not throw on a macro without a request', () => {
    assert.deepEqual(toCentercodeForm(parseMacro('{"name":"x"}')), { method: 'POST', url: '', headers: '', body: '' });
    assert.deepEqual(toCentercodeForm(parseMacro('not json')), { method: 'POST', url: '', headers: '', body: '' });
  });
});

describe('New macro from Centercode body', () => {
  it('round-trips a macro through the form (typed tags come back as :json)', () => {
    const original = parseMacro(SLACK);
    const form = toCentercodeForm(original);
    const back = fromCentercodeForm({ ...form, name: 'Escalate to Slack' });
    const parsed = parseMacro(back.text);
    assert.deepEqual(parsed.syntaxProblems, []);
    const expected = structuredClone(original.macro!.request!) as { body: { id: string } };
    expected.body.id = '((Feedback ID)):json';
    assert.deepEqual(plain(parsed.macro!.request), plain(expected));
    assert.equal(parsed.macro!.name, 'Escalate to Slack');
    assert.equal(parsed.macro!.version, 1);
    assert.deepEqual(back.secrets, []);
    assert.equal(back.notes.length, 1);
    assert.match(back.notes[0], /\(\(Feedback ID\)\) was written without quotes/);
  });

  it('round-trips form and text bodies', () => {
    for (const src of [
      '{"name":"f","request":{"method":"POST","url":"https://x.test","bodyFormat":"form","body":{"a b":"x&y","t":"((Title)) ok"}}}',
      '{"name":"t","request":{"method":"PUT","url":"https://x.test","bodyFormat":"text","body":"Hi ((Name))"}}',
      '{"name":"x","request":{"method":"POST","url":"https://x.test","bodyFormat":"xml","body":"<a>((Name))</a>"}}',
    ]) {
      const original = parseMacro(src);
      const back = parseMacro(fromCentercodeForm({ ...toCentercodeForm(original), name: original.macro!.name }).text);
      assert.deepEqual(plain(back.macro!.request), plain(original.macro!.request), src);
    }
  });

  it('never writes a pasted Slack webhook URL or credential header into the file', () => {
    const r = fromCentercodeForm({
      body: '{"text":"((Title))"}',
      url: 'https://hooks.slack.com/services/T0/B0/SECRETPATH',
      method: 'post',
      headers: 'Content-Type: application/json\nAuthorization: Bearer abc.def.ghi\n\nnot a header line',
    });
    assert.ok(!r.text.includes('SECRETPATH'));
    assert.ok(!r.text.includes('abc.def.ghi'));
    const m = parseMacro(r.text).macro!;
    assert.equal(m.request!.url, '${secret:SLACK_WEBHOOK_URL}');
    assert.equal(m.request!.method, 'POST');
    assert.deepEqual(plain(m.request!.headers), {
      'Content-Type': 'application/json',
      Authorization: 'Bearer ${secret:AUTHORIZATION}',
    });
    assert.deepEqual(r.secrets, ['SLACK_WEBHOOK_URL', 'AUTHORIZATION']);
    assert.ok(r.notes.some(n => /Skipped the header line "not a header line"/.test(n)));
    // What the editor offers to store (with consent) so the first send does not ask again: the values as typed.
    assert.deepEqual(r.secretValues, [
      {
        name: 'SLACK_WEBHOOK_URL',
        value: 'https://hooks.slack.com/services/T0/B0/SECRETPATH',
        what: 'the Slack webhook URL',
      },
      { name: 'AUTHORIZATION', value: 'abc.def.ghi', what: "the Authorization header's value" },
    ]);
  });

  it('a Slack webhook URL typed without its scheme is stored as an address that works', () => {
    const r = fromCentercodeForm({ body: '', url: 'hooks.slack.com/services/T0/B0/X', method: 'POST' });
    assert.deepEqual(r.secretValues, [
      { name: 'SLACK_WEBHOOK_URL', value: 'https://hooks.slack.com/services/T0/B0/X', what: 'the Slack webhook URL' },
    ]);
    assert.deepEqual(fromCentercodeForm({ body: '', url: 'https://example.com/hook' }).secretValues, []);
  });

  it('chooses GET without a body, names the macro after the host, and keeps broken JSON as text with a note', () => {
    const get = parseMacro(
      fromCentercodeForm({ body: '', url: 'https://api.example.test/x?id=((Feedback ID))' }).text,
    ).macro!;
    assert.equal(get.request!.method, 'GET');
    assert.equal(get.name, 'Webhook to api.example.test');
    assert.equal(get.request!.body, undefined);
    const broken = fromCentercodeForm({ body: '{"a": ', url: 'https://x.test', method: 'TRACE' });
    const m = parseMacro(broken.text).macro!;
    assert.equal(m.request!.bodyFormat, 'text');
    assert.equal(m.request!.method, 'POST');
    assert.ok(broken.notes.some(n => /does not parse/.test(n)));
    assert.ok(broken.notes.some(n => /TRACE/.test(n)));
  });
});

describe('a pasted body that is hostile in size or depth', () => {
  it('a body nested 20,000 levels deep is kept as text with a note (writing it as JSON overflowed the stack)', () => {
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    const r = fromCentercodeForm({ body: deep, url: 'https://x.test' });
    assert.equal(parseMacro(r.text).macro!.request!.bodyFormat, 'text');
    assert.ok(
      r.notes.some(n => /more than 128 levels deep, so it was kept as plain text/.test(n)),
      r.notes.join(),
    );
  });

  it('8 MB of (( that never close is read in linear time (searching the rest for "))" at each took minutes)', () => {
    const body = '{"a": 1, ' + '((a '.repeat(2_000_000) + 'end';
    const r = fromCentercodeForm({ body, url: 'https://x.test' });
    assert.ok(parseMacro(r.text).macro!.request!.body === body, 'kept as text, exactly');
    // Bare tags are still found: the next "))" is remembered, not lost.
    const tags = fromCentercodeForm({
      body: '{"a": ((Title)), "b": "((x", "c": ((Feedback ID))}',
      url: 'https://x.test',
    });
    assert.deepEqual(
      { ...(parseMacro(tags.text).macro!.request!.body as object) },
      {
        a: '((Title)):json',
        b: '((x',
        c: '((Feedback ID)):json',
      },
    );
  });
});

describe('splitHeaderLine', () => {
  it('splits "A: 1; B: 2" into lines, keeping ";" inside values', () => {
    assert.equal(splitHeaderLine('A: 1; B: 2'), 'A: 1\nB: 2');
    assert.equal(
      splitHeaderLine('Content-Type: application/json; charset=utf-8; X-Team: QA'),
      'Content-Type: application/json; charset=utf-8\nX-Team: QA',
    );
    assert.equal(splitHeaderLine(''), '');
    assert.equal(splitHeaderLine('Authorization: Bearer ${secret:T}'), 'Authorization: Bearer ${secret:T}');
  });
});
