import * as assert from 'node:assert/strict';
import { InMemoryFileSystem } from '../../fakes/fileSystem';
import { parseMacro } from '../../../src/core/macro/parse';
import { findLiteralSecretProblems, findLiteralSecrets } from '../../../src/core/check/secrets';
import { createCcmacroService } from '../../../src/core';

function macro(request: object): string {
  return JSON.stringify({ name: 'x', request: { method: 'POST', ...request } }, null, 2);
}

function literals(text: string) {
  return findLiteralSecretProblems(parseMacro(text)).map(p => ({
    text: text.slice(p.range.start, p.range.end),
    name: p.data?.suggestedName,
  }));
}

describe('secret/literal check', () => {
  it('flags a literal Slack webhook URL, with the whole URL as the range', () => {
    const url = 'https://hooks.slack.com/services/T0001/B0002/abcdefABCDEF123456';
    const text = macro({ url });
    const [p] = findLiteralSecretProblems(parseMacro(text));
    assert.equal(p.code, 'secret/literal');
    assert.equal(p.severity, 'warning');
    assert.equal(text.slice(p.range.start, p.range.end), url);
    assert.deepEqual(p.data, {
      suggestedName: 'SLACK_WEBHOOK_URL',
      literalStart: p.range.start,
      literalEnd: p.range.end,
    });
    assert.match(p.message, /Slack webhook URL.*\$\{secret:SLACK_WEBHOOK_URL\}/);
    assert.ok(!p.message.includes('abcdefABCDEF123456'), 'the message does not repeat the secret');
  });

  it('a ${var:NAME} is not a literal: no warning, and no "move to secret storage" of the placeholder text', () => {
    for (const value of ['Bearer ${var:TOKEN}', 'Basic ${var:BASIC_AUTH}'])
      assert.deepEqual(literals(macro({ url: 'https://x.example/', headers: { Authorization: value } })), [], value);
    assert.deepEqual(literals(macro({ url: '${var:SLACK_URL}' })), []);
  });

  it('flags bearer and basic literals, not placeholders or tags', () => {
    assert.deepEqual(
      literals(macro({ url: 'https://x.example/', headers: { Authorization: 'Bearer abcdef0123456789' } })),
      [{ text: 'abcdef0123456789', name: 'API_TOKEN' }],
    );
    assert.deepEqual(literals(macro({ url: 'https://x.example/', headers: { Authorization: 'Basic dXNlcjpwYXNz' } })), [
      { text: 'dXNlcjpwYXNz', name: 'BASIC_AUTH' },
    ]);
    assert.deepEqual(
      literals(macro({ url: 'https://x.example/', headers: { Authorization: 'Bearer ${secret:TOKEN}' } })),
      [],
    );
    assert.deepEqual(
      literals(macro({ url: '${secret:SLACK_WEBHOOK_URL}', headers: { Authorization: 'Bearer ((API Token))' } })),
      [],
    );
  });

  it('flags API key shapes in headers and token-like query parameters', () => {
    assert.deepEqual(literals(macro({ url: 'https://x.example/', headers: { 'X-Api-Key': 'a1b2c3d4e5f6a7b8c9d0' } })), [
      { text: 'a1b2c3d4e5f6a7b8c9d0', name: 'API_KEY' },
    ]);
    assert.deepEqual(literals(macro({ url: 'https://x.example/?api_key=ZZZ123456789&page=2' })), [
      { text: 'ZZZ123456789', name: 'API_KEY' },
    ]);
    assert.deepEqual(
      literals(macro({ url: 'https://x.example/', headers: { 'X-Custom': 'xoxb-1234567890-abcdefghij' } })),
      [{ text: 'xoxb-1234567890-abcdefghij', name: 'SLACK_TOKEN' }],
    );
    assert.deepEqual(literals(macro({ url: 'https://x.example/?key=((Feedback ID))' })), []);
    assert.deepEqual(
      literals(macro({ url: 'https://x.example/', headers: { 'Content-Type': 'application/json' } })),
      [],
    );
  });

  it('maps the range through JSON escapes', () => {
    const text =
      '{"name":"x","request":{"method":"POST","url":"https:\\/\\/hooks.slack.com\\/services\\/T1\\/B2\\/c3c3c3c3"}}';
    const [p] = findLiteralSecretProblems(parseMacro(text));
    assert.equal(text.slice(p.range.start, p.range.end), 'https:\\/\\/hooks.slack.com\\/services\\/T1\\/B2\\/c3c3c3c3');
  });

  it('finds user:password in a URL and AWS keys', () => {
    assert.deepEqual(
      findLiteralSecrets('https://bob:hunter22@example.com/x').map(s => s.suggestedName),
      ['URL_PASSWORD'],
    );
    assert.deepEqual(
      findLiteralSecrets('https://example.com/?id=AKIAABCDEFGHIJKLMNOP').map(s => s.suggestedName),
      ['AWS_ACCESS_KEY_ID'],
    );
  });

  it('runs as part of validate', async () => {
    const text = macro({
      url: 'https://hooks.slack.com/services/T0001/B0002/abcdefABCDEF123456',
      body: { text: 'hi' },
    });
    const { problems } = await createCcmacroService({ fs: new InMemoryFileSystem() }).validate({
      path: '/w/x.ccmacro.json',
      text,
    });
    assert.ok(problems.some(p => p.code === 'secret/literal'));
  });
});
