import * as assert from 'node:assert/strict';
import { parseMacro } from '../../../src/core/macro/parse';
import { formatReceivedRequest } from '../../../src/core/receiver/receiver';
import { createMasker, MASK } from '../../../src/core/secrets/mask';
import { EnvSecretResolver } from '../../../src/core/secrets/resolve';
import { capLogText } from '../../../src/core/send/history';
import { formatExchangeLog } from '../../../src/core/send/log';
import { webhookLogEntry } from '../../../src/core/send/logEntry';
import { prepareRequest } from '../../../src/core/send/prepare';
import { DEFAULT_MAX_LOG_BYTES, Sender } from '../../../src/core/send/send';
import type { SendOptions } from '../../../src/core/send/types';
import { startServer, type TestServer } from './servers';

/**
 * Secrets end to end: a macro with ${secret:}/${env:} placeholders is prepared as `ccmacro send` and the editor do,
 * sent to real loopback servers, and the exchange log is checked for every form the secret can take.
 */
const sender = new Sender();

async function prepare(request: Record<string, unknown>, env: Record<string, string>) {
  const parsed = parseMacro(JSON.stringify({ name: 'Secrets', request }));
  const ready = await prepareRequest(parsed, { Title: 'hello' }, new EnvSecretResolver(env));
  assert.ok(ready.ok, JSON.stringify(ready));
  return ready;
}

async function sendAndLog(request: Record<string, unknown>, env: Record<string, string>, options: SendOptions = {}) {
  const ready = await prepare(request, env);
  const exchange = await sender.send(ready.request, options);
  const log = formatExchangeLog(exchange, {
    macroName: 'Secrets',
    mask: createMasker({ secretValues: ready.secretValues }),
  });
  return { ready, exchange, log };
}

describe('secrets on the wire and in the log', () => {
  const servers: TestServer[] = [];
  const serve = async (s: Promise<TestServer>) => {
    const server = await s;
    servers.push(server);
    return server;
  };
  afterEach(async () => {
    await sender.close();
    await Promise.all(servers.splice(0).map(s => s.close()));
  });

  describe('redirects to another origin', () => {
    it('drop every header holding a ${secret:}/${env:} value and every credential header', async () => {
      const other = await serve(startServer((_req, res) => res.end('arrived')));
      const first = await serve(
        startServer((_req, res) => res.writeHead(307, { location: `${other.url}/landing` }).end()),
      );
      const { exchange, log } = await sendAndLog(
        {
          method: 'POST',
          url: `${first.url}/start`,
          headers: {
            'X-Api-Key': '${secret:APIKEY}',
            // Not a credential by its name: it goes only because a placeholder filled it.
            'X-Tenant': 'tenant ${env:TENANT}',
            // Credentials by name, written literally.
            'X-Auth-Token': 'literal-auth-token-1',
            'X-Signature': 'sig-literal-2',
            'X-Trace': 'trace-kept',
          },
          body: { text: '((Title))' },
        },
        { CCMACRO_SECRET_APIKEY: 'key-SECRET-4242', TENANT: 'ten-ENV-777' },
        { followRedirects: true },
      );
      assert.equal(exchange.error, undefined, exchange.error?.message);
      assert.equal(exchange.response?.bodyText, 'arrived');
      const h1 = first.seen[0].headers;
      assert.equal(h1['x-api-key'], 'key-SECRET-4242', 'the first origin gets everything');
      assert.equal(h1['x-tenant'], 'tenant ten-ENV-777');
      const h2 = other.seen[0].headers;
      assert.equal(h2['x-api-key'], undefined, 'a ${secret:} header stays behind');
      assert.equal(h2['x-tenant'], undefined, 'an ${env:} header stays behind, whatever its name');
      assert.equal(h2['x-auth-token'], undefined);
      assert.equal(h2['x-signature'], undefined);
      assert.equal(h2['x-trace'], 'trace-kept');
      assert.deepEqual(JSON.parse(other.seen[0].body), { text: 'hello' }, '307 keeps the body');
      for (const s of ['key-SECRET-4242', 'ten-ENV-777', 'literal-auth-token-1', 'sig-literal-2'])
        assert.ok(!log.includes(s), `the log shows ${s}:\n${log}`);
    });

    it('keep them on the same origin', async () => {
      const s = await serve(
        startServer((req, res) =>
          req.url === '/start' ? res.writeHead(307, { location: '/next' }).end() : res.end('done'),
        ),
      );
      await sendAndLog(
        {
          method: 'POST',
          url: `${s.url}/start`,
          headers: { 'X-Api-Key': '${secret:APIKEY}', 'X-Tenant': '${env:TENANT}' },
          body: { text: 'x' },
        },
        { CCMACRO_SECRET_APIKEY: 'key-SECRET-4242', TENANT: 'ten-ENV-777' },
        { followRedirects: true },
      );
      assert.equal(s.seen[1].url, '/next');
      assert.equal(s.seen[1].headers['x-api-key'], 'key-SECRET-4242');
      assert.equal(s.seen[1].headers['x-tenant'], 'ten-ENV-777');
    });
  });

  it('prepareRequest records where each placeholder value landed', async () => {
    const ready = await prepare(
      {
        method: 'POST',
        url: 'https://example.test/${secret:A}/x?k=${env:B}',
        headers: { 'X-One': 'a ${secret:A} b ${env:B}', 'X-Plain': 'plain', 'X-Empty': '${env:EMPTY}' },
        body: { text: 'x' },
      },
      { CCMACRO_SECRET_A: 'ab', B: 'c', EMPTY: '' },
    );
    const r = ready.request;
    assert.equal(r.url, 'https://example.test/ab/x?k=c');
    assert.deepEqual(r.urlSecretRanges, [
      { start: 21, end: 23 },
      { start: 28, end: 29 },
    ]);
    assert.deepEqual(r.headers[0], {
      name: 'X-One',
      value: 'a ab b c',
      secretRanges: [
        { start: 2, end: 4 },
        { start: 7, end: 8 },
      ],
    });
    assert.equal(r.headers[1].secretRanges, undefined);
    assert.deepEqual(r.headers[2].secretRanges, [{ start: 0, end: 0 }], 'an empty value still came from a placeholder');
  });

  describe('every form a secret takes in the log', () => {
    it('a secret under 8 characters is masked where the request carries it, not searched for elsewhere, with a caveat', async () => {
      const s = await serve(
        startServer((req, res) =>
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ path: req.url, team: req.headers['x-team'], word: 'q7x' })),
        ),
      );
      const { log } = await sendAndLog(
        {
          method: 'POST',
          url: `${s.url}/hook/\${secret:K}/in`,
          headers: { 'X-Team': '${env:T}' },
          body: { text: 'x' },
        },
        { CCMACRO_SECRET_K: 'q7', T: 'z' },
      );
      assert.equal(s.seen[0].url, '/hook/q7/in');
      assert.match(log, new RegExp(`^POST ${s.url}/hook/${MASK}/in$`, 'm'), log);
      assert.match(log, new RegExp(`^X-Team: ${MASK}$`, 'm'));
      assert.match(log, /"word": "q7x"/, 'other text is left alone');
      assert.match(log, /2 secret or environment values used here are shorter than 8 characters/);
    });

    it('the WHATWG-serialised URL form, and the path and query of a secret that is a whole URL', async () => {
      const hookToken = '7f3a9b2c1d0e';
      const s = await serve(
        startServer((req, res) =>
          res.writeHead(404, { 'content-type': 'text/html' }).end(`<pre>Cannot POST ${req.url}</pre>`),
        ),
      );
      const odd = "a{b'c d|e`f";
      const { log } = await sendAndLog(
        {
          method: 'POST',
          url: '${secret:HOOK}',
          headers: { 'X-Odd': 'x' },
          body: { text: 'x' },
        },
        { CCMACRO_SECRET_HOOK: `${s.url}/hooks/${hookToken}?sig=${encodeURIComponent(odd)}` },
      );
      assert.ok(s.seen[0].url.startsWith(`/hooks/${hookToken}`), s.seen[0].url);
      assert.ok(!log.includes(hookToken), log);
      assert.match(log, new RegExp(`^POST ${s.url}/${MASK}$`, 'm'), 'the origin stays in view');

      // A secret in the path and the query, as `new URL` writes them on the wire (in the path { → %7B and ` → %60,
      // in the query ' → %27; space → %20 in both).
      const { log: log2 } = await sendAndLog(
        { method: 'POST', url: `${s.url}/p/\${secret:ODD}/q?v=\${secret:ODD}`, body: { text: 'x' } },
        { CCMACRO_SECRET_ODD: odd },
      );
      const wire = s.seen[1].url;
      const inPath = new URL(`http://h/${odd}`).pathname.slice(1);
      const inQuery = new URL(`http://h/?${odd}`).search.slice(1);
      assert.equal(wire, `/p/${inPath}/q?v=${inQuery}`);
      assert.ok(inPath.includes('%7B') && inQuery.includes('%27') && inQuery.includes('%20'), wire);
      assert.ok(log2.includes(`Cannot POST /p/${MASK}/q?v=${MASK}`), log2);
    });

    it('\\u-escaped (any content type, also with \\/), base64 and Basic user:password echoes', async () => {
      // Latin-1, so it can go in a header.
      const secret = 'pa/ss-wörd-§1';
      const user = Buffer.from(`alice:${secret}`).toString('base64');
      const escaped = [...secret].map(c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
      const body = [
        `all escaped: ${escaped}`,
        `json with slash: ${JSON.stringify(secret).slice(1, -1).replace(/\//g, '\\/')}`,
        `base64: ${Buffer.from(secret).toString('base64')}`,
        `basic: ${user}`,
        `percent: ${encodeURIComponent(secret)}`,
        `html: ${[...secret].map(c => `&#${c.codePointAt(0)};`).join('')}`,
      ].join('\n');
      const s = await serve(startServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(body)));
      const { log } = await sendAndLog(
        { method: 'POST', url: `${s.url}/e`, headers: { 'X-Key': '${secret:PW}' }, body: { text: 'x' } },
        { CCMACRO_SECRET_PW: secret },
      );
      const lines = log.split('\n');
      for (const label of ['all escaped', 'json with slash', 'base64', 'percent', 'html']) {
        const line = lines.find(l => l.startsWith(`${label}: `));
        assert.equal(line, `${label}: ${MASK}`, log);
      }
      const basic = lines.find(l => l.startsWith('basic: '))!;
      assert.ok(basic.includes(MASK), basic);
      // Only the bits of "alice:" (and at most one character's partial bits on each side) remain.
      assert.ok(basic.length < `basic: ${user}`.length - 8, basic);
      assert.ok(!log.includes(secret) && !log.includes(escaped), log);
    });
  });

  describe('issue 15 G2: the encodings a response can use, the log header, short values', () => {
    it('a secret with a non-ASCII character echoed in Latin-1, windows-1252, UTF-16 and as UTF-8 bytes in a header', async () => {
      const inHeader = 'tenantVALUEx9ümlaut';
      const inUrl = 'euroVALUEx9€uro';
      const s = await serve(
        startServer((req, res) => {
          // What arrived: the header as Latin-1 (how HTTP carries it), the path percent-encoded UTF-8.
          const t = String(req.headers['x-tenant'] ?? '');
          const u = decodeURIComponent((req.url ?? '').slice(1));
          res.setHeader('content-type', 'text/plain');
          // A header value is written as Latin-1 bytes: these are the UTF-8 bytes of each secret.
          res.setHeader('x-echo-utf8', Buffer.from(t, 'utf8').toString('latin1'));
          res.setHeader('x-echo-url', Buffer.from(u, 'utf8').toString('latin1'));
          res.end(
            Buffer.concat([
              Buffer.from('latin1: '),
              Buffer.from(t, 'latin1'),
              Buffer.from('\ncp1252: '),
              Buffer.from(u.replace('€', '\x80'), 'latin1'),
              Buffer.from('\nutf16le: '),
              Buffer.from(t, 'utf16le'),
              Buffer.from('\nutf16be: '),
              Buffer.from(t, 'utf16le').swap16(),
              Buffer.from('\n'),
            ]),
          );
        }),
      );
      const { log } = await sendAndLog(
        {
          method: 'POST',
          url: `${s.url}/\${secret:U}`,
          headers: { 'X-Tenant': '${secret:T}' },
          body: { text: 'x' },
        },
        { CCMACRO_SECRET_T: inHeader, CCMACRO_SECRET_U: inUrl },
      );
      for (const piece of ['tenantVALUE', 'mlaut', 'euroVALUE', 'uro\n', 't\\x00e\\x00n\\x00a', 'x\\x009']) {
        assert.ok(!new RegExp(piece).test(log), `the log shows ${piece}:\n${log}`);
      }
      for (const label of ['latin1', 'cp1252', 'utf16le', 'utf16be', 'x-echo-utf8', 'x-echo-url']) {
        assert.match(log, new RegExp(`^${label}: .*${MASK}`, 'm'), log);
      }
    });

    it('a secret written in the macro name is masked in the log header and the Webhook Log entry', async () => {
      const secret = 'NameHeldSecret-42';
      const s = await serve(startServer((_req, res) => res.end('ok')));
      const ready = await prepare(
        { method: 'POST', url: `${s.url}/\${secret:K}`, body: { text: 'x' } },
        { CCMACRO_SECRET_K: secret },
      );
      const exchange = await sender.send(ready.request);
      const mask = createMasker({ secretValues: ready.secretValues });
      const meta = { macroName: `Post to ${secret}`, sampleName: `sample ${secret}` };
      const log = formatExchangeLog(exchange, { ...meta, mask });
      assert.ok(!log.includes(secret), log);
      assert.match(log, new RegExp(`^── .* ── Post to ${MASK}$`, 'm'));
      const entry = webhookLogEntry(exchange, { ...meta, target: 'real' }, mask);
      assert.ok(!JSON.stringify(entry).includes(secret), JSON.stringify(entry));
    });

    it('a short ${env:} value (plain) is masked where the request carries it, and nowhere else', async () => {
      const s = await serve(
        startServer((req, res) =>
          res.writeHead(200, { 'content-type': 'text/plain' }).end(`explained: ${req.headers['x-format']}`),
        ),
      );
      const { log } = await sendAndLog(
        {
          method: 'POST',
          url: `${s.url}/p?f=\${env:F}`,
          headers: { 'X-Format': '${env:F}' },
          bodyFormat: 'text',
          body: 'x',
        },
        { F: 'plain' },
      );
      assert.match(log, /^content-type: text\/plain$/m, 'unrelated text is not masked');
      assert.match(log, new RegExp(`^POST ${s.url}/p\\?f=${MASK}$`, 'm'));
      assert.match(log, new RegExp(`^X-Format: ${MASK}$`, 'm'));
      assert.match(log, /shorter than 8 characters/);
    });
  });

  describe('cutting never shows the start of a secret', () => {
    const secret = 'CUT-secret-0123456789';
    for (const [label, spelled] of [
      ['as is', secret],
      ['\\u-escaped', [...secret].map(c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')],
    ] as const) {
      it(`at the ${DEFAULT_MAX_LOG_BYTES / 1024} KB log cut (${label})`, async () => {
        for (const before of [1, 5, 11, 19]) {
          // The cut falls `before` characters into the secret.
          const body = 'x'.repeat(DEFAULT_MAX_LOG_BYTES - before) + spelled + 'y'.repeat(1000);
          const s = await serve(startServer((_req, res) => res.end(body)));
          const { exchange, log } = await sendAndLog(
            { method: 'POST', url: `${s.url}/big`, headers: { 'X-K': '${secret:S}' }, body: { text: 'x' } },
            { CCMACRO_SECRET_S: secret },
          );
          assert.equal(exchange.response?.truncated, true);
          const end = log.slice(log.indexOf('xxxx'), log.indexOf('… body truncated')).trimEnd().slice(-40);
          assert.ok(end.endsWith(`x${MASK}`), `cut ${before} characters into it: …${end}`);
        }
      });
    }

    it('in the receiver output, cut at 1 MB', () => {
      const text = 'x'.repeat(1000) + secret.slice(0, 7);
      const out = formatReceivedRequest(
        {
          time: '2026-11-29T10:00:00.000Z',
          method: 'POST',
          path: '/x',
          headers: [],
          bodyText: text,
          bodyBytes: 2_000_000,
          response: { status: 200, body: 'ok' },
        },
        createMasker({ secretValues: [secret] }),
      );
      assert.ok(!out.includes(secret.slice(0, 7)), out.slice(-200));
      assert.ok(out.includes(`x${MASK}\n`), out.slice(-200));
    });

    it('in the 64 KB Webhook Log cut (the log text is masked before it is cut)', () => {
      const log = formatExchangeLog(
        {
          startedAt: '2026-11-29T10:00:00.000Z',
          durationMs: 1,
          request: { method: 'POST', url: 'https://example.test/', headers: [], bodyBytes: 0 },
          response: {
            status: 200,
            statusText: 'OK',
            headers: [{ name: 'content-type', value: 'text/plain' }],
            bodyText: 'x'.repeat(70_000) + secret,
            bodyBytes: 70_021,
            truncated: false,
            timings: { totalMs: 1, ttfbMs: 1 },
          },
          redirects: [],
        },
        { macroName: 'm', mask: createMasker({ secretValues: [secret] }) },
      );
      const at = log.indexOf(MASK);
      for (const limit of [at + 1, at + 2, at + 3, at + 4]) {
        const capped = capLogText(log, limit);
        assert.ok(!capped.includes(secret.slice(0, 2)), capped.slice(limit - 20, limit + 5));
      }
    });
  });
});
