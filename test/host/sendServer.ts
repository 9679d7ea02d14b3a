/** A loopback HTTP server for the send host tests: records requests, answers by path. */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface TestServer {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

/**
 * /ok → 200 JSON `{"ok":true,"id":"EXT-42"}`; /gone → 410; /busy-once → 429 (Retry-After: 1) the
 * first time, then 200; anything else → 404.
 */
export async function startTestServer(): Promise<TestServer> {
  let busyAnswered = false;
  return startEchoServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path === '/ok' || (path === '/busy-once' && busyAnswered)) {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"id":"EXT-42"}');
    } else if (path === '/busy-once') {
      busyAnswered = true;
      res.writeHead(429, { 'retry-after': '1', 'content-type': 'text/plain' }).end('slow down');
    } else if (path === '/gone') {
      res.writeHead(410, { 'content-type': 'text/plain' }).end('gone');
    } else {
      res.writeHead(404).end('not found');
    }
  });
}

/** A loopback server that records requests and answers with `handler`. */
export async function startEchoServer(
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void,
): Promise<TestServer> {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      handler(req, res);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A macro posting ((Title)) to `url`, with a secret in a header and the query, and an env value in a header. */
export function localMacro(name: string, url: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      name,
      scope: 'feedback',
      request: {
        method: 'POST',
        url: `${url}?token=\${secret:LOCAL_TOKEN}`,
        headers: {
          'Content-Type': 'application/json',
          Authorization: 'Bearer ${secret:LOCAL_TOKEN}',
          'X-Build': '${env:CCMACRO_HOST_TEST_ENV}',
        },
        bodyFormat: 'json',
        body: { text: 'New issue: ((Title))' },
      },
      returnValues: { id: 'External ID' },
      samples: ['../samples/issue.sample.json'],
      ...extra,
    },
    null,
    2,
  );
}
