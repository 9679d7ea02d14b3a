import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { visible } from '../common/controlChars';
import { defaultMasker, type Masker } from '../secrets/mask';
import type { HttpHeader } from '../render/types';
import { pushAll } from '../common/arrays';
import { TARGETS } from '../targets';
import type { ReceiverAnswer } from '../targets/types';
import { reindentJson } from '../common/jsonDepth';

/** One request the test receiver got, and what it answered. */
export interface ReceivedRequest {
  /** ISO 8601 arrival time. */
  time: string;
  method: string;
  /** Path and query, e.g. "/slack/escalate?x=1". */
  path: string;
  headers: HttpHeader[];
  bodyText: string;
  /** Full body size; bodies beyond MAX_RECORDED_BODY are counted, not kept. */
  bodyBytes: number;
  response: ReceiverAnswer;
}

export type { ReceiverAnswer };

export interface ReceiverOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the receiver is for this machine only. */
  host?: string;
  /** Requests kept in `requests` (oldest dropped). Default 200. */
  keep?: number;
}

export interface Receiver {
  /** e.g. "http://127.0.0.1:53124" (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly requests: readonly ReceivedRequest[];
  /** Called for each request after it is answered. Returns an unsubscribe function. */
  onRequest(listener: (r: ReceivedRequest) => void): () => void;
  close(): Promise<void>;
}

const MAX_RECORDED_BODY = 1024 * 1024;

/**
 * A local HTTP server that records every request and answers 200 `ok`, so a macro can be tried without the service
 * or a network. Paths under /<target id>/ are answered by that target (Target.receiver in src/core/targets/<id>/):
 * checked as the service checks them, with its answers (Slack's error bodies under /slack/, a Teams Workflow's 202
 * or the card's problems under /teams/).
 */
export function startReceiver(options: ReceiverOptions = {}): Promise<Receiver> {
  const keep = options.keep ?? 200;
  const requests: ReceivedRequest[] = [];
  const listeners = new Set<(r: ReceivedRequest) => void>();
  const keepRecord = (record: ReceivedRequest) => {
    requests.push(record);
    if (requests.length > keep) requests.shift();
    for (const l of listeners) {
      try {
        l(record);
      } catch {
        /* a listener's failure must not take the receiver down */
      }
    }
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_RECORDED_BODY) chunks.push(c);
    });
    // A failure while answering (the client gone mid-answer) ends this request, never the receiver.
    req.on('end', () => {
      answerRequest(req, res, Buffer.concat(chunks).toString('utf8'), size).then(keepRecord, () => res.destroy());
    });
    req.on('error', () => res.destroy());
  });
  return listen(server, options.host ?? '127.0.0.1', options.port ?? 0, requests, listeners);
}

/** Answer one request (as the target under whose path it is, else 200 `ok`) and describe the exchange. */
async function answerRequest(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  bodyText: string,
  bodyBytes: number,
): Promise<ReceivedRequest> {
  const path = req.url ?? '/';
  const method = req.method ?? 'GET';
  const headers: HttpHeader[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    headers.push({ name: req.rawHeaders[i], value: req.rawHeaders[i + 1] });
  let answer: ReceiverAnswer;
  try {
    answer = await answerAs(method, path, headers, bodyText, bodyBytes);
  } catch (e) {
    answer = { status: 500, body: `ccmacro's receiver could not check the request: ${(e as Error).message}` };
  }
  // A 204 (Jira's answer to an update) has no body, so no content type.
  res.writeHead(answer.status, {
    ...(answer.status === 204 ? {} : { 'content-type': answer.contentType ?? 'text/plain; charset=utf-8' }),
    'content-length': Buffer.byteLength(answer.body),
  });
  res.end(answer.body);
  return { time: new Date().toISOString(), method, path, headers, bodyText, bodyBytes, response: answer };
}

function listen(
  server: http.Server,
  host: string,
  port: number,
  requests: readonly ReceivedRequest[],
  listeners: Set<(r: ReceivedRequest) => void>,
): Promise<Receiver> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const bound = (server.address() as AddressInfo).port;
      const hostInUrl = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${hostInUrl}:${bound}`,
        port: bound,
        requests,
        onRequest(listener) {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
        close: () =>
          new Promise<void>(done => {
            listeners.clear();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** Where the receiver answers like a service: "Slack checks under http://127.0.0.1:8787/slack/…, …". */
export function receiverTargetPaths(url: string): string {
  return TARGETS.filter(t => t.receiver)
    .map(t => `${t.name} checks under ${url}/${t.id}/…`)
    .join(', ');
}

/** What the receiver checks under each target's path, one paragraph per target (`ccmacro receive --help`). */
export function receiverTargetsHelp(): string[] {
  return TARGETS.flatMap(t => (t.receiver ? [`Paths under /${t.id}/ are checked ${t.receiver.describe}`] : []));
}

/** The answer of the target whose path the request is under (`/<id>`, `/<id>/…`, `/<id>?…`), else 200 `ok`. */
function answerAs(
  method: string,
  path: string,
  headers: HttpHeader[],
  bodyText: string,
  bodyBytes: number,
): Promise<ReceiverAnswer> {
  for (const t of TARGETS) {
    const prefix = `/${t.id}`;
    if (!t.receiver || !(path === prefix || path.startsWith(prefix + '/') || path.startsWith(prefix + '?'))) continue;
    const contentType = headerOf(headers, 'content-type');
    const rest = path.slice(prefix.length);
    return t.receiver.answer({
      method,
      path: rest,
      headers,
      bodyText,
      bodyBytes,
      ...(contentType ? { contentType } : {}),
    });
  }
  return Promise.resolve({ status: 200, body: 'ok' });
}

/**
 * A received request as people read it: request line, headers, then the body (pretty when JSON). Credentials are
 * masked (a body cut at MAX_RECORDED_BODY through `mask.cutText`), and every control character is shown visibly: a
 * request can carry `ESC ] 52` or `CR ESC [K` meant for the terminal of whoever runs `ccmacro receive`.
 */
export function formatReceivedRequest(r: ReceivedRequest, mask: Masker = defaultMasker): string {
  // A one-line answer (Slack's `ok`, `no_text`) stays on the first line; a longer one (Teams' problems) follows it.
  const answer = r.response.body.trimEnd();
  const oneLine = !answer.includes('\n');
  const lines = [
    `── ${r.time.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')} ── ${mask.text(r.method)} ${mask.url(r.path)} → answered ${r.response.status}${oneLine && answer ? ' ' + mask.text(answer) : ''}`,
  ];
  if (!oneLine)
    pushAll(
      lines,
      mask
        .text(answer)
        .split('\n')
        .map(l => '  ' + l),
    );
  if (r.response.note) lines.push(`(${r.response.note})`);
  for (const h of mask.headers(r.headers)) lines.push(`${h.name}: ${h.value}`);
  if (r.bodyText) {
    lines.push('');
    let body = r.bodyText;
    const t = body.trim();
    if (t.startsWith('{') || t.startsWith('[')) body = reindentJson(t) ?? body; // not JSON, or nested too deeply: as is
    const cut = r.bodyBytes > Buffer.byteLength(r.bodyText);
    lines.push(cut ? mask.cutText(r.bodyText) : mask.text(body));
    if (cut)
      lines.push(
        `… (${r.bodyBytes.toLocaleString('en-US')} bytes in all; the first ${Buffer.byteLength(r.bodyText).toLocaleString('en-US')} shown)`,
      );
  }
  return visible(lines.join('\n') + '\n');
}

function headerOf(headers: HttpHeader[], name: string): string | undefined {
  const n = name.toLowerCase();
  return headers.find(h => h.name.toLowerCase() === n)?.value;
}
