import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import { formatExchangeLog } from '../../../src/core/send/log';
import { Sender } from '../../../src/core/send/send';
import { ROOT, startProxy, startServer, startTlsServer, testCa, type TestServer } from './servers';

// One sender for this file, as the service would hold it.
const sender = new Sender();
const sendRequest: Sender['send'] = (request, options) => sender.send(request, options);
const closeSendConnections = () => sender.close();

const execFileP = promisify(execFile);

describe('sendRequest against local servers', () => {
  const servers: TestServer[] = [];
  const serve = async (s: Promise<TestServer>) => {
    const server = await s;
    servers.push(server);
    return server;
  };
  afterEach(async () => {
    await closeSendConnections();
    await Promise.all(servers.splice(0).map(s => s.close()));
  });

  it('sends method, headers and body and records the response', async () => {
    const s = await serve(
      startServer((req, res, body) =>
        res
          .writeHead(201, 'Created Here', {
            'content-type': 'application/json',
            'x-echo': String(req.headers['x-test']),
          })
          .end(JSON.stringify({ got: body, method: req.method })),
      ),
    );
    const ex = await sendRequest({
      method: 'post',
      url: `${s.url}/hook?a=1`,
      headers: [
        { name: 'X-Test', value: 'yes' },
        { name: 'Content-Type', value: 'application/json' },
      ],
      body: '{"text":"héllo"}',
    });
    assert.equal(ex.error, undefined);
    assert.equal(ex.response?.status, 201);
    assert.equal(ex.response?.statusText, 'Created Here');
    assert.equal(ex.request.method, 'POST');
    assert.equal(ex.request.bodyBytes, Buffer.byteLength('{"text":"héllo"}'));
    assert.deepEqual(JSON.parse(ex.response!.bodyText), { got: '{"text":"héllo"}', method: 'POST' });
    assert.equal(ex.response?.headers.find(h => h.name === 'x-echo')?.value, 'yes');
    assert.equal(s.seen[0].url, '/hook?a=1');
    assert.ok(ex.response!.timings.ttfbMs <= ex.response!.timings.totalMs);
    assert.ok(ex.durationMs >= ex.response!.timings.totalMs - 1);
  });

  it('sends Uint8Array bodies byte for byte', async () => {
    const s = await serve(startServer((_req, res, body) => res.end(body)));
    const bytes = new TextEncoder().encode('{"emoji":"😀"}');
    const ex = await sendRequest({ method: 'PUT', url: s.url, headers: [], body: bytes });
    assert.equal(ex.response?.bodyText, '{"emoji":"😀"}');
  });

  it('times out a slow response with one sentence naming the host and the setting', async () => {
    const s = await serve(startServer((_req, res) => setTimeout(() => res.end('late'), 2000)));
    const t0 = Date.now();
    const ex = await sendRequest({ method: 'GET', url: s.url, headers: [] }, { timeoutMs: 300 });
    assert.ok(Date.now() - t0 < 1500, 'gave up near the timeout');
    assert.equal(ex.error?.kind, 'timeout');
    assert.match(ex.error!.message, /^Timed out after 300 ms waiting for 127\.0\.0\.1.*timeout/);
    assert.equal(ex.response, undefined);
  });

  it('times out a body that stalls after the headers, keeping what arrived', async () => {
    const s = await serve(
      startServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('first part');
      }),
    );
    const ex = await sendRequest({ method: 'GET', url: s.url, headers: [] }, { timeoutMs: 300 });
    assert.equal(ex.error?.kind, 'timeout');
    assert.equal(ex.response?.status, 200);
    assert.equal(ex.response?.bodyText, 'first part');
  });

  it('reports a server that closes the connection mid-response', async () => {
    const s = await serve(
      startServer((req, res) => {
        res.writeHead(200, { 'content-length': '1000' });
        res.write('partial');
        setTimeout(() => req.socket.destroy(), 20);
      }),
    );
    const ex = await sendRequest({ method: 'GET', url: s.url, headers: [] });
    assert.equal(ex.error?.kind, 'reset');
    assert.match(ex.error!.message, /127\.0\.0\.1 closed the connection after 7 bytes/);
    assert.equal(ex.response?.bodyText, 'partial');
  });

  it('reports a refused connection naming host and port', async () => {
    const s = await startServer((_q, r) => r.end());
    const port = s.port;
    await s.close();
    const ex = await sendRequest({ method: 'GET', url: `http://127.0.0.1:${port}/x`, headers: [] });
    assert.equal(ex.error?.kind, 'connect-refused');
    assert.equal(
      ex.error?.message,
      `Connection refused by 127.0.0.1:${port}: nothing is listening there; check the URL and port, and that the server is running.`,
    );
  });

  it('refuses requests that cannot be sent with a plain sentence, never a throw', async () => {
    const bad = async (req: { url: string; headers?: Array<{ name: string; value: string }> }, opts = {}) =>
      (await sendRequest({ method: 'POST', headers: [], ...req }, opts)).error;
    assert.deepEqual(await bad({ url: '••••' }), {
      kind: 'invalid-request',
      message:
        'The URL is not a valid http:// or https:// address: check request.url (and the secret or tags it uses).',
    });
    assert.equal((await bad({ url: 'ftp://127.0.0.1/x' }))?.kind, 'invalid-request');
    assert.match(
      (await bad({ url: 'http://127.0.0.1:9/', headers: [{ name: 'X-Bad', value: 'a\r\nInjected: 1' }] }))!.message,
      /^The X-Bad header holds a character that cannot be sent/,
    );
    assert.equal((await bad({ url: 'http://127.0.0.1:9/' }, { proxy: { url: 'not a url' } }))?.kind, 'proxy');
  });

  it('can be cancelled with an AbortSignal', async () => {
    const s = await serve(startServer((_req, res) => setTimeout(() => res.end('late'), 2000)));
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const ex = await sendRequest({ method: 'GET', url: s.url, headers: [] }, { signal: ac.signal });
    assert.equal(ex.error?.kind, 'aborted');
    assert.match(ex.error!.message, /cancelled/);
  });

  it('reports 500 as a response, not an error', async () => {
    const s = await serve(startServer((_req, res) => res.writeHead(500).end('boom')));
    const ex = await sendRequest({ method: 'POST', url: s.url, headers: [], body: 'x' });
    assert.equal(ex.error, undefined);
    assert.equal(ex.response?.status, 500);
    assert.equal(ex.response?.statusText, 'Internal Server Error');
    assert.equal(ex.response?.bodyText, 'boom');
  });

  describe('redirects', () => {
    it('does not follow a 301 by default and keeps its Location', async () => {
      const s = await serve(startServer((_req, res) => res.writeHead(301, { location: '/moved' }).end()));
      const ex = await sendRequest({ method: 'GET', url: s.url, headers: [] });
      assert.equal(ex.response?.status, 301);
      assert.equal(ex.response?.headers.find(h => h.name === 'location')?.value, '/moved');
      assert.deepEqual(ex.redirects, []);
      assert.equal(s.seen.length, 1);
    });

    it('follows to another origin without Authorization, Cookie or Proxy-Authorization', async () => {
      const target = await serve(startServer((_req, res) => res.end('arrived')));
      const first = await serve(
        startServer((_req, res) => res.writeHead(307, { location: `${target.url}/landing` }).end()),
      );
      const ex = await sendRequest(
        {
          method: 'POST',
          url: `${first.url}/start`,
          headers: [
            { name: 'Authorization', value: 'Bearer s3cret-token' },
            { name: 'Cookie', value: 'sid=1' },
            { name: 'Proxy-Authorization', value: 'Basic eDp5' },
            { name: 'X-Keep', value: 'kept' },
          ],
          body: 'payload',
        },
        { followRedirects: true },
      );
      assert.equal(ex.response?.bodyText, 'arrived');
      assert.deepEqual(
        ex.redirects.map(r => [r.status, r.location, r.request?.method, r.request?.url, r.request?.bodyText]),
        [[307, `${target.url}/landing`, 'POST', `${first.url}/start`, 'payload']],
        'the redirect keeps the request it answered',
      );
      assert.equal(first.seen[0].headers.authorization, 'Bearer s3cret-token');
      const h = target.seen[0].headers;
      assert.equal(h.authorization, undefined);
      assert.equal(h.cookie, undefined);
      assert.equal(h['proxy-authorization'], undefined);
      assert.equal(h['x-keep'], 'kept');
      assert.equal(target.seen[0].method, 'POST', '307 keeps the method');
      assert.equal(target.seen[0].body, 'payload');
      assert.equal(ex.request.url, `${target.url}/landing`);
    });

    it('keeps Authorization on the same origin and turns a POST 301 into a GET', async () => {
      const s = await serve(
        startServer((req, res) =>
          req.url === '/old' ? res.writeHead(301, { location: '/new' }).end() : res.end('new'),
        ),
      );
      const ex = await sendRequest(
        {
          method: 'POST',
          url: `${s.url}/old`,
          headers: [{ name: 'Authorization', value: 'Bearer t0ken-value' }],
          body: 'x',
        },
        { followRedirects: true },
      );
      assert.equal(ex.response?.bodyText, 'new');
      assert.equal(s.seen[1].headers.authorization, 'Bearer t0ken-value');
      assert.equal(s.seen[1].method, 'GET');
    });

    it('stops after 5 hops', async () => {
      let n = 0;
      const s = await serve(startServer((_req, res) => res.writeHead(302, { location: `/hop${++n}` }).end()));
      const ex = await sendRequest({ method: 'GET', url: s.url, headers: [] }, { followRedirects: true });
      assert.equal(ex.response?.status, 302);
      assert.equal(s.seen.length, 6);
    });
  });

  describe('compressed responses', () => {
    const text = JSON.stringify({ message: 'décodé '.repeat(200) });
    for (const [enc, compress] of [
      ['gzip', zlib.gzipSync],
      ['br', zlib.brotliCompressSync],
      ['deflate', zlib.deflateSync],
    ] as const) {
      it(`decodes ${enc} for display`, async () => {
        const packed = compress(Buffer.from(text));
        const s = await serve(
          startServer((_req, res) =>
            res.writeHead(200, { 'content-encoding': enc, 'content-type': 'application/json' }).end(packed),
          ),
        );
        const ex = await sendRequest({ method: 'GET', url: s.url, headers: [] });
        assert.equal(ex.response?.bodyText, text);
        assert.equal(ex.response?.contentEncoding, enc);
        assert.equal(ex.response?.bodyBytes, packed.length);
        assert.equal(ex.response?.truncated, false);
      });
    }

    it('keeps only maxLogBytes of a large gzip body', async () => {
      const big = Buffer.alloc(5 * 1024 * 1024, 'a');
      const packed = zlib.gzipSync(big);
      const s = await serve(startServer((_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(packed)));
      const ex = await sendRequest({ method: 'GET', url: s.url, headers: [] }, { maxLogBytes: 1000 });
      assert.equal(ex.response?.bodyText, 'a'.repeat(1000));
      assert.equal(ex.response?.truncated, true);
      assert.equal(ex.response?.bodyBytes, packed.length);
    });

    it("shows a gzip bomb's NULs in the log as \\x00, never raw", async () => {
      const packed = zlib.gzipSync(Buffer.alloc(8 * 1024 * 1024));
      const s = await serve(
        startServer((_req, res) =>
          res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/plain' }).end(packed),
        ),
      );
      const ex = await sendRequest({ method: 'GET', url: s.url, headers: [] }, { maxLogBytes: 4096 });
      assert.equal(ex.response?.bodyText, '\0'.repeat(4096));
      const log = formatExchangeLog(ex, { macroName: 'bomb' });
      assert.ok(!log.includes('\0'), 'a raw NUL reached the log');
      assert.ok(log.includes('\\x00'.repeat(4096)), 'each NUL is shown');
      // Shown and received bytes are in different units (decompressed vs on the wire): the note says which is which.
      assert.match(
        log,
        /… body truncated: showing the first 4,096 bytes of it once decompressed \([\d,]+ bytes gzip-compressed arrived\)/,
      );
    });
  });

  it('counts a 50 MB streamed response without holding it', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const total = 50 * 1024 * 1024;
    const s = await serve(
      startServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(total) });
        let sent = 0;
        const pump = () => {
          while (sent < total) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        pump();
      }),
    );
    // Measured in a child process so this process's server buffers do not count.
    const probe = path.join(ROOT, 'out/bench/sendMemoryProbe.js');
    const { stdout } = await execFileP(process.execPath, ['--expose-gc', probe, s.url], { timeout: 60_000 });
    const r = JSON.parse(stdout) as {
      status: number;
      bodyBytes: number;
      keptChars: number;
      retainedArrayBuffers: number;
      retainedHeap: number;
    };
    assert.equal(r.status, 200);
    assert.equal(r.bodyBytes, total);
    assert.equal(r.keptChars, 256 * 1024);
    // What stays held after the send is the log limit, not the response.
    assert.ok(
      r.retainedArrayBuffers + r.retainedHeap < 8 * 1024 * 1024,
      `retained ${r.retainedArrayBuffers + r.retainedHeap} bytes`,
    );
  });

  it('stops reading past maxResponseBytes with a too-large error', async () => {
    const s = await serve(startServer((_req, res) => res.end(Buffer.alloc(300 * 1024, 'y'))));
    const ex = await sendRequest({ method: 'GET', url: s.url, headers: [] }, { maxResponseBytes: 100 * 1024 });
    assert.equal(ex.error?.kind, 'too-large');
    assert.match(ex.error!.message, /larger than 102,400 bytes/);
    assert.equal(ex.response?.status, 200);
  });

  describe('TLS', () => {
    it('refuses a self-signed certificate, then trusts it with ca', async () => {
      const s = await serve(startTlsServer((_req, res) => res.end('secure ok')));
      const bad = await sendRequest({ method: 'GET', url: s.url, headers: [] });
      assert.equal(bad.error?.kind, 'tls');
      assert.match(
        bad.error!.message,
        /^TLS certificate for 127\.0\.0\.1 not trusted \(self-signed certificate\): .*--ca/,
      );
      const good = await sendRequest({ method: 'GET', url: s.url, headers: [] }, { ca: testCa() });
      assert.equal(good.error, undefined);
      assert.equal(good.response?.bodyText, 'secure ok');
    });

    it('can skip verification when rejectUnauthorized is false', async () => {
      const s = await serve(startTlsServer((_req, res) => res.end('ok')));
      const ex = await sendRequest({ method: 'GET', url: s.url, headers: [] }, { rejectUnauthorized: false });
      assert.equal(ex.response?.status, 200);
    });
  });

  describe('proxy', () => {
    it('forwards http requests through an HTTP proxy', async () => {
      const target = await serve(startServer((req, res) => res.end(`via ${req.headers.host}`)));
      const proxy = await startProxy();
      servers.push(proxy);
      const ex = await sendRequest(
        { method: 'GET', url: `${target.url}/p`, headers: [] },
        { proxy: { url: proxy.url } },
      );
      assert.equal(ex.error, undefined, ex.error?.message);
      assert.equal(ex.response?.bodyText, `via 127.0.0.1:${target.port}`);
      assert.deepEqual(proxy.forwards, [`${target.url}/p`]);
    });

    it('tunnels https through CONNECT', async () => {
      const target = await serve(startTlsServer((_req, res) => res.end('tunnelled')));
      const proxy = await startProxy();
      servers.push(proxy);
      const ex = await sendRequest(
        { method: 'GET', url: target.url, headers: [] },
        { proxy: { url: proxy.url }, ca: testCa() },
      );
      assert.equal(ex.error, undefined, ex.error?.message);
      assert.equal(ex.response?.bodyText, 'tunnelled');
      assert.deepEqual(proxy.connects, [`127.0.0.1:${target.port}`]);
    });

    it('skips the proxy for noProxy hosts', async () => {
      const target = await serve(startServer((_req, res) => res.end('direct')));
      const proxy = await startProxy();
      servers.push(proxy);
      const ex = await sendRequest(
        { method: 'GET', url: target.url, headers: [] },
        { proxy: { url: proxy.url, noProxy: ['127.0.0.1'] } },
      );
      assert.equal(ex.response?.bodyText, 'direct');
      assert.deepEqual(proxy.forwards, []);
    });

    it('explains a proxy that wants credentials (407), and passes user:pass from the proxy URL', async () => {
      const target = await serve(startTlsServer((_req, res) => res.end('ok')));
      const proxy = await startProxy({ requireAuth: `Basic ${Buffer.from('me:pw').toString('base64')}` });
      servers.push(proxy);
      const bad = await sendRequest(
        { method: 'GET', url: target.url, headers: [] },
        { proxy: { url: proxy.url }, ca: testCa() },
      );
      assert.equal(bad.error?.kind, 'proxy');
      assert.match(
        bad.error!.message,
        /^Proxy 127\.0\.0\.1:\d+ refused the connection to 127\.0\.0\.1:\d+ \(status 407\): it wants credentials/,
      );
      const good = await sendRequest(
        { method: 'GET', url: target.url, headers: [] },
        { proxy: { url: proxy.url.replace('http://', 'http://me:pw@') }, ca: testCa() },
      );
      assert.equal(good.response?.bodyText, 'ok', good.error?.message);
    });

    it('names the proxy when nothing listens there', async () => {
      const target = await serve(startServer((_req, res) => res.end('x')));
      const dead = await startServer((_q, r) => r.end());
      await dead.close();
      const ex = await sendRequest({ method: 'GET', url: target.url, headers: [] }, { proxy: { url: dead.url } });
      assert.equal(ex.error?.kind, 'proxy');
      assert.match(ex.error!.message, new RegExp(`^Connection refused by the proxy 127\\.0\\.0\\.1:${dead.port}`));
    });
  });
});
