import * as assert from 'node:assert/strict';
import { toCurl } from '../../../src/core/send/curl';
import { parseMacro } from '../../../src/core/macro/parse';
import { renderMacro } from '../../../src/core/targets/render';
import type { RenderedRequest } from '../../../src/core/render/types';
import { EnvSecretResolver, resolvePlaceholders } from '../../../src/core/secrets/resolve';
import { createMasker, MASK } from '../../../src/core/secrets/mask';
import { formatExchangeLog } from '../../../src/core/send/log';
import { webhookLogEntry } from '../../../src/core/send/logEntry';
import { type Exchange } from '../../../src/core/send/types';

/** The command toCurl prints (the test fails when it refuses). */
function curlText(request: RenderedRequest): string {
  const cmd = toCurl(request);
  assert.ok(cmd.ok, cmd.ok ? '' : cmd.error.message);
  return cmd.value;
}

// Every kind of secret the issue names, each with a distinctive value that must never show.
const SLACK_PATH = 'T0001AAAA/B0002BBBB/xoxSecretPathValue1234';
const SLACK_URL = `https://hooks.slack.com/services/${SLACK_PATH}`;
const SECRET_VALUE = 'pl4ceholder-secret-VALUE';
const ENV_VALUE = 'env-derived-VALUE-987';
const BEARER = 'literalBearerToken12345';
const COOKIE = 'session=cookieSecretABC';
const PROXY_AUTH = 'cHJveHk6cGFzc3dvcmQ=';
const API_KEY = 'apikeyHeaderValue777';
const QUERY_TOKEN = 'queryTokenValue555';
const SET_COOKIE = 'sid=serverSetCookie999';
const ALL = [
  SLACK_PATH,
  SECRET_VALUE,
  ENV_VALUE,
  BEARER,
  COOKIE,
  'cookieSecretABC',
  PROXY_AUTH,
  API_KEY,
  QUERY_TOKEN,
  'serverSetCookie999',
];

function assertNoSecret(text: string, where: string) {
  for (const s of ALL) assert.ok(!text.includes(s), `${where} shows the secret ${s}:\n${text}`);
}

function exchange(): Exchange {
  return {
    startedAt: '2026-11-29T10:00:00.000Z',
    durationMs: 120,
    request: {
      method: 'POST',
      url: `${SLACK_URL}?token=${QUERY_TOKEN}&x=1`,
      headers: [
        { name: 'Authorization', value: `Bearer ${BEARER}` },
        { name: 'Cookie', value: COOKIE },
        { name: 'Proxy-Authorization', value: `Basic ${PROXY_AUTH}` },
        { name: 'X-Api-Key', value: API_KEY },
        { name: 'X-Tenant', value: SECRET_VALUE },
        { name: 'Content-Type', value: 'application/json' },
      ],
      bodyText: JSON.stringify({ text: `env is ${ENV_VALUE}`, echo: SLACK_URL }),
      bodyBytes: 10,
    },
    response: {
      status: 403,
      statusText: 'Forbidden',
      headers: [
        { name: 'set-cookie', value: SET_COOKIE },
        { name: 'x-echo', value: SECRET_VALUE },
      ],
      bodyText: JSON.stringify({ ok: false, seen: `Bearer ${BEARER}`, again: encodeURIComponent(SECRET_VALUE + '/x') }),
      bodyBytes: 100,
      truncated: false,
      timings: { totalMs: 120, ttfbMs: 100 },
    },
    redirects: [{ status: 302, location: `${SLACK_URL}?token=${QUERY_TOKEN}` }],
    error: { kind: 'other', message: `Sending to ${SLACK_URL} failed with ${SECRET_VALUE}` },
  };
}

describe('masking', () => {
  const mask = createMasker({ secretValues: [SECRET_VALUE, ENV_VALUE] });

  it('hides every secret kind in the exchange log', () => {
    const log = formatExchangeLog(exchange(), { macroName: 'm', sampleName: 's', mask });
    assertNoSecret(log, 'the log');
    assert.match(
      log,
      /POST https:\/\/hooks\.slack\.com\/services\/•••• ?\?token=••••&x=1|POST https:\/\/hooks\.slack\.com\/services\/••••/,
    );
    assert.match(log, /^Authorization: Bearer ••••$/m);
    assert.match(log, /^Cookie: ••••$/m);
    assert.match(log, /^Proxy-Authorization: Basic ••••$/m);
    assert.match(log, /^X-Api-Key: ••••$/m);
    assert.match(log, /^set-cookie: ••••$/m);
    assert.match(log, /^Content-Type: application\/json$/m, 'ordinary headers stay readable');
  });

  it('hides every secret kind in the Webhook Log entry, including its JSON form', () => {
    const entry = webhookLogEntry(
      exchange(),
      {
        macroName: 'm',
        returnValues: { seen: 'Seen' },
        target: 'real',
        sample: { id: '/w/s.sample.json', index: 0, count: 1 },
      },
      mask,
    );
    assertNoSecret(JSON.stringify(entry), 'the Webhook Log entry');
    assert.ok(
      entry.logText.includes('Return values (what Centercode would save):'),
      'the entry carries the whole exchange log',
    );
    assert.equal(entry.status, 403);
    assert.equal(entry.requestLine.startsWith('POST https://hooks.slack.com/services/'), true);
  });

  it('hides secrets in cURL output: placeholders become env references, literals are masked', async () => {
    const text = JSON.stringify({
      name: 'curl',
      request: {
        method: 'POST',
        url: '${secret:SLACK_WEBHOOK_URL}',
        headers: { Authorization: `Bearer ${BEARER}`, 'X-Tenant': '${env:TENANT}', Cookie: COOKIE },
        body: { text: '((Title))' },
      },
    });
    const rendered = renderMacro(parseMacro(text), { sample: { Title: 'hi' } });
    assert.ok(rendered.request, JSON.stringify(rendered.problems));
    const curl = curlText(rendered.request!);
    assert.ok(
      !curl.includes(SLACK_PATH) && !curl.includes(ENV_VALUE),
      'unresolved cURL never holds placeholder values',
    );
    assert.match(curl, /CCMACRO_SECRET_SLACK_WEBHOOK_URL/);
    // Whatever ends up in a cURL text, the masker hides it.
    const resolved = await resolvePlaceholders(
      rendered.request!,
      new EnvSecretResolver({ CCMACRO_SECRET_SLACK_WEBHOOK_URL: SLACK_URL, TENANT: ENV_VALUE }),
    );
    const m = createMasker({ secretValues: resolved.secretValues });
    assertNoSecret(m.text(curlText(resolved.request)), 'masked cURL of the resolved request');
    assertNoSecret(m.text(curl), 'masked cURL');
  });

  it('keeps the host of a Slack webhook and of a secret URL in view', () => {
    assert.equal(createMasker().url(SLACK_URL), `https://hooks.slack.com/services/${MASK}`);
    const m = createMasker({ secretValues: ['https://example.com/hook/abc123'] });
    assert.equal(m.text('POST https://example.com/hook/abc123 now'), `POST https://example.com/${MASK} now`);
  });

  it('masks token-like query parameters and user:password in URLs, and leaves others', () => {
    const m = createMasker();
    assert.equal(
      m.url('https://u:pa55word@api.example.com/x?api_key=1234&page=2&access_token=abc&sig=zz&keep=me'),
      `https://u:${MASK}@api.example.com/x?api_key=${MASK}&page=2&access_token=${MASK}&sig=${MASK}&keep=me`,
    );
  });

  it('masks well-known key shapes and Bearer tokens in free text', () => {
    const m = createMasker();
    const out = m.text(
      'got xoxb-123456789012-abcdefghijkl and ghp_abcdefghijklmnopqrstuvwxyz0123 and AKIAABCDEFGHIJKLMNOP and Bearer abcdefgh123',
    );
    assert.equal(out, `got ${MASK} and ${MASK} and ${MASK} and Bearer ${MASK}`);
  });

  it('masks secrets URL- and JSON-encoded', () => {
    const v = 'a "quoted"/secret value';
    const m = createMasker({ secretValues: [v] });
    assert.equal(m.text(`q=${encodeURIComponent(v)}`), `q=${MASK}`);
    assert.equal(m.text(JSON.stringify({ v })), `{"v":"${MASK}"}`);
  });

  it('does not search for values under 8 characters (plain must not mask text/plain): by position only, with a caveat', () => {
    const m = createMasker({ secretValues: ['plain', 'a'] });
    assert.equal(m.text('content-type: text/plain'), 'content-type: text/plain');
    assert.equal(m.text('{"k":"a"} a-b banana'), '{"k":"a"} a-b banana');
    assert.equal(m.headerValue('X-Format', 'plain', [{ start: 0, end: 5 }]), MASK);
    assert.equal(m.caveats.length, 1);
    assert.match(m.caveats[0], /2 secret or environment values used here are shorter than 8 characters/);
    assert.deepEqual(createMasker({ secretValues: ['12345678'] }).caveats, []);
    assert.equal(createMasker({ secretValues: ['12345678'] }).text('id 12345678.'), `id ${MASK}.`);
  });

  it('masks by position whatever the length, keeping the origin of a whole secret URL in view', () => {
    const m = createMasker({ secretValues: ['x', 'https://hooks.example.com/T1/B2/c3'] });
    assert.equal(m.url('https://e.test/x1/x?k=x', [{ start: 15, end: 16 }]), `https://e.test/${MASK}1/x?k=x`);
    assert.equal(m.headerValue('X-Team', 'tax', [{ start: 1, end: 2 }]), `t${MASK}x`);
    assert.deepEqual(m.headers([{ name: 'X-A', value: 'ab', secretRanges: [{ start: 0, end: 2 }] }]), [
      { name: 'X-A', value: MASK },
    ]);
    const url = 'https://hooks.example.com/T1/B2/c3';
    assert.equal(m.url(url, [{ start: 0, end: url.length }]), `https://hooks.example.com/${MASK}`);
  });

  it('masks a secret however its characters are escaped, also mixed, and trimmed as HTTP trims headers', () => {
    const v = "  key{'v' é/1  ";
    const m = createMasker({ secretValues: [v] });
    const spellings = [
      v,
      v.trim(),
      encodeURIComponent(v),
      new URL(`http://h/${v}`).pathname.slice(1),
      new URL(`http://h/?${v}`).search.slice(1),
      new URLSearchParams([['', v]]).toString().slice(1),
      JSON.stringify(v).slice(1, -1).replace(/\//g, '\\/'),
      [...v].map(c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
      [...v].map((c, i) => (i % 2 ? `%${Buffer.from(c)[0].toString(16)}` : c)).join(''),
      [...v].map(c => `&#x${c.charCodeAt(0).toString(16)};`).join(''),
      Buffer.from(v).toString('base64'),
      Buffer.from(v).toString('base64url'),
    ];
    for (const s of spellings) assert.equal(m.text(`[${s}]`), `[${MASK}]`, s);
  });

  it('masks a whitespace-padded secret as it sits inside a URL and as HTTP received it', () => {
    // In the middle of a path `new URL` keeps the space a value ends with (only the URL's own ends are trimmed).
    const padded = createMasker({ secretValues: ['tok3n-val \n'] });
    assert.equal(padded.text('Cannot POST /p/tok3n-val%20/end'), `Cannot POST /p/${MASK}/end`);
    assert.equal(createMasker({ secretValues: ['abcdefgh\t '] }).text('GET /p/abcdefgh%20/end'), `GET /p/${MASK}/end`);
    // HTTP drops only spaces and tabs around a header value: a no-break space stays (trim() would drop it too).
    assert.equal(
      createMasker({ secretValues: ['\t\u00a0secret-nbsp'] }).text('x-echo: \u00a0secret-nbsp'),
      `x-echo: ${MASK}`,
    );
    // What the server got, echoed in base64 (a Basic credential).
    const m = createMasker({ secretValues: ['  tok3n-value '] });
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    assert.equal(m.text(`b64: ${b64('tok3n-value')}`), `b64: ${MASK}`);
    assert.ok(!m.text(`basic: ${b64('user:tok3n-value')}`).includes(b64('tok3n-value').slice(0, 8)));
  });

  it('masks a secret that holds escape-like text (%0a, \\) where only some of its characters were escaped', () => {
    // JSON escapes the quote and leaves the %0a the secret holds: decoding both at once would not give it back.
    const m = createMasker({ secretValues: ['a"%0ak-secret'] });
    assert.equal(m.text(JSON.stringify({ h: 'a"%0ak-secret' })), `{"h":"${MASK}"}`);
    // The query form of a secret (`new URL` drops the tab and encodes NUL: `/%00\.`), JSON-escaped in an echo.
    const q = createMasker({ secretValues: ['/\t\u0000\\.secret'] });
    assert.equal(q.text(JSON.stringify({ url: '/p/end?q=/%00\\.secret' })), `{"url":"/p/end?q=${MASK}"}`);
    // The same with HTML character references for the quote only.
    assert.equal(m.text('<p>a&quot;%0ak-secret</p>'), `<p>${MASK}</p>`);
  });

  it('cutText hides the start of a secret, a cut escape and a cut credential at the end', () => {
    const m = createMasker({ secretValues: ['s3cret-value-42'] });
    assert.equal(m.cutText('body … s3cr'), `body … ${MASK}`);
    assert.equal(m.cutText('body … %73%33%6'), `body … ${MASK}`);
    assert.equal(m.cutText('body … \\u0073\\u00'), `body … ${MASK}`);
    assert.equal(m.cutText('auth: Bearer abc'), `auth: Bearer ${MASK}`);
    assert.equal(m.cutText('see ghp_abc'), `see ${MASK}`);
    assert.equal(m.cutText('see https://u:pas'), `see https://u:${MASK}`);
    assert.equal(m.cutText('nothing secret at the end'), 'nothing secret at the end');
    assert.equal(m.text('body … s3cr'), 'body … s3cr', 'text that was not cut keeps its end');
  });
});
