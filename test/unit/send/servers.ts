import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { REPO_ROOT } from '../../root';

/** Repository root (tests run from out/test/unit/send). */
export const ROOT = REPO_ROOT;
export const TLS_DIR = path.join(ROOT, 'test/fixtures/tls');

export interface TestServer {
  url: string;
  port: number;
  /** Every request's method, url and headers, in arrival order. */
  seen: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string; bytes: Buffer }>;
  close(): Promise<void>;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

function track(server: http.Server | https.Server, scheme: 'http' | 'https', handler: Handler): Promise<TestServer> {
  const seen: TestServer['seen'] = [];
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      const bytes = Buffer.concat(chunks);
      const body = bytes.toString('utf8');
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, bytes });
      handler(req, res, body);
    });
  });
  return new Promise(resolve => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `${scheme}://127.0.0.1:${port}`,
        port,
        seen,
        close: () =>
          new Promise<void>(done => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** A plain HTTP server on 127.0.0.1 with a free port. */
export function startServer(handler: Handler): Promise<TestServer> {
  return track(http.createServer(), 'http', handler);
}

/** An HTTPS server with the committed self-signed test certificate. */
export function startTlsServer(handler: Handler): Promise<TestServer> {
  const server = https.createServer({
    key: fs.readFileSync(path.join(TLS_DIR, 'key.pem')),
    cert: fs.readFileSync(path.join(TLS_DIR, 'cert.pem')),
  });
  return track(server, 'https', handler);
}

export function testCa(): string {
  return fs.readFileSync(path.join(TLS_DIR, 'cert.pem'), 'utf8');
}

/**
 * A tiny HTTP proxy: CONNECT tunnels (https targets) and absolute-form forwarding (http targets).
 * Only 127.0.0.1 targets are allowed. Records what it was asked for; `requireAuth` answers 407.
 */
export function startProxy(
  options: { requireAuth?: string } = {},
): Promise<TestServer & { connects: string[]; forwards: string[] }> {
  const connects: string[] = [];
  const forwards: string[] = [];
  const authorized = (h: http.IncomingHttpHeaders) =>
    !options.requireAuth || h['proxy-authorization'] === options.requireAuth;
  const server = http.createServer((req, res) => {
    if (!authorized(req.headers)) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"' }).end();
      return;
    }
    const target = new URL(req.url ?? '');
    forwards.push(req.url ?? '');
    if (target.hostname !== '127.0.0.1') {
      res.writeHead(403).end('loopback only');
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const up = http.request(
      { host: '127.0.0.1', port: target.port, path: target.pathname + target.search, method: req.method, headers },
      upRes => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  server.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    connects.push(req.url ?? '');
    if (!authorized(req.headers)) {
      socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n');
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    if (host !== '127.0.0.1') {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const up = net.connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) up.write(head);
      up.pipe(socket);
      socket.pipe(up);
    });
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
  });
  const sockets = new Set<net.Socket>();
  server.on('connection', s => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise(resolve => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        seen: [],
        connects,
        forwards,
        close: () =>
          new Promise<void>(done => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
