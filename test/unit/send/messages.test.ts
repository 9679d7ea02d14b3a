import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { parseMacro } from '../../../src/core/macro/parse';
import { explainStatus } from '../../../src/core/send/explain';
import { formatExchangeLog } from '../../../src/core/send/log';
import { prepareRequest } from '../../../src/core/send/prepare';
import { Sender } from '../../../src/core/send/send';
import { EnvSecretResolver } from '../../../src/core/secrets/resolve';
import { startServer, type TestServer } from './servers';

/** A server that answers every request with exactly these bytes (then ends or destroys the socket). */
async function rawServer(
  answer: (n: number) => string,
  destroy = false,
): Promise<{ url: string; close(): Promise<void> }> {
  let n = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer(s => {
    sockets.add(s);
    s.once('data', () => {
      const bytes = answer(n++);
      if (destroy) s.write(bytes, () => s.destroy());
      else s.end(bytes);
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>(r => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** Issue 8, E4: messages that were wrong. */
describe('E4: send messages say what happened', () => {
  const sender = new Sender();
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await sender.close();
    await Promise.all(closers.splice(0).map(c => c()));
  });
  const log = (ex: Awaited<ReturnType<Sender['send']>>) => formatExchangeLog(ex, { macroName: 'm' });

  for (const [status, head] of [
    [204, 'HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\nhello'],
    [304, 'HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n'],
  ] as const) {
    it(`a ${status} with Content-Length 5 is a complete exchange with no body, not "Response body length does not match"`, async () => {
      const s = await rawServer(() => head);
      closers.push(s.close);
      const ex = await sender.send({ method: 'POST', url: `${s.url}/x`, headers: [], body: 'x' });
      assert.equal(ex.error, undefined, ex.error?.message);
      assert.equal(ex.response?.status, status);
      assert.equal(ex.response?.bodyText, '');
      assert.doesNotMatch(log(ex), /does not match|✗/);
    });
  }

  it('a body cut short is said to have ended early, never "the first 5 bytes of 5 bytes"', async () => {
    const s = await rawServer(() => 'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nhello', true);
    closers.push(s.close);
    const ex = await sender.send({ method: 'POST', url: `${s.url}/x`, headers: [], body: 'x' });
    assert.ok(ex.error);
    const text = log(ex);
    assert.doesNotMatch(text, /first 5 bytes of 5 bytes/);
    assert.match(text, /… the body ended early: 5 bytes arrived before the failure below, all shown above\./);
  });

  describe('redirects', () => {
    let server: TestServer;
    before(async () => {
      server = await startServer((req, res) => {
        const n = Number(/\/hop\/(\d+)/.exec(req.url ?? '')?.[1] ?? 0);
        if (req.url?.startsWith('/ftp')) res.writeHead(302, { location: 'ftp://files.example.test/x' }).end();
        else res.writeHead(302, { location: `/hop/${n + 1}` }).end();
      });
    });
    after(() => server.close());

    it('marks only the hops that were followed "(followed)", and names why the last was not', async () => {
      const ex = await sender.send(
        { method: 'GET', url: `${server.url}/hop/0`, headers: [] },
        { followRedirects: true },
      );
      const text = log(ex);
      assert.equal((text.match(/\(followed\)/g) ?? []).length, 5);
      assert.match(text, /↪ 302 redirect to \/hop\/6 \(not followed: ccmacro follows at most 5 redirects\)/);
      const why = explainStatus(ex)!;
      assert.match(why, /was not followed: ccmacro follows at most 5 redirects/);
      assert.doesNotMatch(why, /follow-redirects|followRedirects/, 'following was on: do not suggest turning it on');
    });

    it('a Location that is not http(s) is not followed, and the log says so', async () => {
      const ex = await sender.send({ method: 'GET', url: `${server.url}/ftp`, headers: [] }, { followRedirects: true });
      assert.match(log(ex), /\(not followed: the Location is not an http:\/\/ or https:\/\/ address\)/);
      assert.doesNotMatch(log(ex), /\(followed\)/);
    });

    it('with following off there is no redirect line, and the hint names the setting', async () => {
      const ex = await sender.send({ method: 'GET', url: `${server.url}/hop/0`, headers: [] });
      assert.doesNotMatch(log(ex), /↪/);
      assert.match(explainStatus(ex)!, /--follow-redirects/);
    });
  });

  it('a secret that is set but cannot go in a header is render/unusable-secret, not render/unset-secret', async () => {
    const parsed = parseMacro(
      JSON.stringify({
        name: 'S',
        request: { method: 'GET', url: 'https://x.test/', headers: { 'X-K': '${secret:K}' } },
      }),
    );
    const unusable = await prepareRequest(parsed, {}, new EnvSecretResolver({ CCMACRO_SECRET_K: 'a\nb' }));
    assert.deepEqual(!unusable.ok ? unusable.problems.map(p => p.code) : [], ['render/unusable-secret']);
    assert.match(!unusable.ok ? unusable.problems[0].message : '', /is set, but holds a line break/);
    const unset = await prepareRequest(parsed, {}, new EnvSecretResolver({}));
    assert.deepEqual(!unset.ok ? unset.problems.map(p => p.code) : [], ['render/unset-secret']);
  });

  it('a proxy whose name does not resolve is named as the proxy', async function () {
    this.timeout(30000);
    const ex = await sender.send(
      { method: 'POST', url: 'http://target.example.test/x', headers: [] },
      { proxy: { url: 'http://no-such-proxy.invalid:3128' }, timeoutMs: 20000 },
    );
    assert.equal(ex.error?.kind, 'proxy');
    assert.match(
      ex.error!.message,
      /^DNS lookup failed for the proxy no-such-proxy\.invalid, so nothing was sent to target\.example\.test/,
    );
  });
});
