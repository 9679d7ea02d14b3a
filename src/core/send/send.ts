import type * as UndiciModule from 'undici';
import { EventEmitter } from 'node:events';
import * as http from 'node:http';
import * as tls from 'node:tls';
import type { Dispatcher } from 'undici';
import { BoundedBody } from './body';
import { describeSendFailure, hostOf } from './errors';
import { proxyFor } from './proxy';
import { isSensitiveHeader } from '../secrets/sensitiveHeader';
import type { HttpHeader } from '../render/types';
import type { OffsetRange } from '../common/text';
import type { Exchange, OutgoingRequest, ProxySettings, SendOptions, SentRequest } from './types';

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_MAX_LOG_BYTES = 256 * 1024;
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024 * 1024;
const MAX_REDIRECTS = 5;

type Undici = typeof UndiciModule;

/**
 * The abort handle given to undici. An EventEmitter rather than an AbortController: undici accepts
 * either, and EventTarget listeners cost a measurable share of a loopback send.
 */
class SendAbort extends EventEmitter {
  aborted = false;
  reason: unknown;
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.emit('abort');
  }
}

function dispatcherFor(
  dispatchers: Map<string, Dispatcher>,
  undici: Undici,
  url: string,
  o: Required<Pick<SendOptions, 'connectTimeoutMs' | 'rejectUnauthorized'>> & { ca?: string; proxy?: ProxySettings },
): Dispatcher {
  const proxy = proxyFor(url, o.proxy);
  const isHttp = url.charCodeAt(4) === 58; // "http:" rather than "https:"
  const key = `${o.connectTimeoutMs}|${o.rejectUnauthorized}|${proxy ? `${proxy.url}|${proxy.strictSSL ?? true}|${isHttp}` : ''}|${o.ca ?? ''}`;
  let d = dispatchers.get(key);
  if (d) return d;
  const { Agent, ProxyAgent } = undici;
  const requestTls = {
    timeout: o.connectTimeoutMs,
    rejectUnauthorized: o.rejectUnauthorized,
    ...(o.ca ? { ca: [...tls.rootCertificates, o.ca] } : {}),
  };
  if (proxy) {
    try {
      new URL(proxy.url);
    } catch {
      throw Object.assign(new Error('bad proxy URL'), { code: 'CCMACRO_BAD_PROXY' });
    }
  }
  d = proxy
    ? new ProxyAgent({
        uri: proxy.url,
        requestTls,
        proxyTls: { timeout: o.connectTimeoutMs, rejectUnauthorized: proxy.strictSSL !== false },
        // Plain-http targets are forwarded (many proxies only allow CONNECT to port 443).
        proxyTunnel: !isHttp,
        connectTimeout: o.connectTimeoutMs,
      })
    : new Agent({ connect: requestTls });
  dispatchers.set(key, d);
  return d;
}

/**
 * Sends requests and records each whole exchange. Keeps its connections alive between sends (one dispatcher per
 * distinct connection setup) until close(); the ccmacro service owns one. undici loads on the first send, so
 * activating the extension never pays for the HTTP client.
 */
export class Sender {
  private readonly dispatchers = new Map<string, Dispatcher>();
  private undici: Undici | undefined;

  /** Never throws for network trouble: every failure becomes `exchange.error` with one sentence of what to check. */
  async send(req: OutgoingRequest, opts: SendOptions = {}): Promise<Exchange> {
    // Load the client first so its one-time start-up cost is not counted as network time.
    this.undici ??= await import('undici').catch(() => undefined);
    return sendWith(this.dispatchers, this.undici, req, opts);
  }

  /** Close the kept-alive connections (CLI exit, deactivation, tests). */
  async close(): Promise<void> {
    const all = [...this.dispatchers.values()];
    this.dispatchers.clear();
    await Promise.all(all.map(d => d.close().catch(() => undefined)));
  }
}

async function sendWith(
  dispatchers: Map<string, Dispatcher>,
  undici: Undici | undefined,
  req: OutgoingRequest,
  opts: SendOptions,
): Promise<Exchange> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const connectTimeoutMs = opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const maxLogBytes = opts.maxLogBytes ?? DEFAULT_MAX_LOG_BYTES;
  const maxResponseBytes = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const startedAt = new Date();
  const t0 = performance.now();
  const bodyBytes =
    req.body === undefined ? undefined : typeof req.body === 'string' ? Buffer.from(req.body, 'utf8') : req.body;

  let current: SentRequest = {
    method: req.method.toUpperCase(),
    // The URL as it goes on the wire (WHATWG-parsed), with the secret positions moved to match.
    ...wireUrl(req.url, req.urlSecretRanges),
    // Each header keeps its secretRanges: the redirect rule and the log's masking need them.
    headers: req.headers.map(h => ({ ...h })),
    bodyText:
      bodyBytes === undefined
        ? undefined
        : typeof req.body === 'string'
          ? req.body
          : Buffer.from(bodyBytes).toString('utf8'),
    bodyBytes: bodyBytes?.byteLength ?? 0,
  };
  let currentBody = bodyBytes;
  const exchange: Exchange = { startedAt: startedAt.toISOString(), request: current, redirects: [], durationMs: 0 };

  const abort = new SendAbort();
  let timedOut = false;
  let cancelled = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort(new Error('timeout'));
  }, timeoutMs);
  const onCancel = () => {
    cancelled = true;
    abort.abort(new Error('cancelled'));
  };
  if (opts.signal?.aborted) onCancel();
  else opts.signal?.addEventListener('abort', onCancel, { once: true });

  let received: number | undefined;
  let activeBody: BoundedBody | undefined;
  try {
    if (!undici) throw new Error('the HTTP client (undici) could not be loaded');
    for (let hop = 0; ; hop++) {
      if (abort.aborted) throw abort.reason;
      if (!/^https?:\/\/[^/]/i.test(current.url))
        throw Object.assign(new TypeError('Invalid URL'), { code: 'ERR_INVALID_URL' });
      const dispatcher = dispatcherFor(dispatchers, undici, current.url, {
        connectTimeoutMs,
        rejectUnauthorized: opts.rejectUnauthorized !== false,
        ca: opts.ca,
        proxy: opts.proxy,
      });
      received = undefined;
      let next: ReturnType<typeof redirectTarget>;
      let body: BoundedBody | undefined;
      const hopRequest = current;
      await dispatchHop(
        dispatcher,
        hopRequest,
        currentBody,
        { timeoutMs, abort },
        {
          start: (status, statusText, rawHeaders) => {
            const headers = toHeaderList(rawHeaders);
            const location = rawHeaders.location;
            const isRedirect = status >= 300 && status < 400 && typeof location === 'string' && location !== '';
            next =
              opts.followRedirects && isRedirect && hop < MAX_REDIRECTS
                ? redirectTarget(hopRequest, currentBody, status, location)
                : undefined;
            if (next) {
              exchange.redirects.push({ status, location: location as string, request: hopRequest });
              return undefined; // the redirect's own body is not kept
            }
            // Following is on but this one cannot be followed: the 3xx is the response, listed with the reason.
            if (isRedirect && opts.followRedirects)
              exchange.redirects.push({
                status,
                location: location as string,
                request: hopRequest,
                notFollowed:
                  hop >= MAX_REDIRECTS
                    ? `ccmacro follows at most ${MAX_REDIRECTS} redirects`
                    : 'the Location is not an http:// or https:// address',
              });
            body = activeBody = new BoundedBody(headerOf(headers, 'content-encoding'), maxLogBytes);
            received = 0;
            exchange.response = {
              status,
              statusText: statusText || http.STATUS_CODES[status] || '',
              httpVersion: '1.1',
              headers,
              bodyText: '',
              bodyBytes: 0,
              truncated: false,
              timings: { totalMs: 0, ttfbMs: performance.now() - t0 },
            };
            return body;
          },
          tooLarge: bytes => {
            received = bytes;
            return bytes > maxResponseBytes;
          },
        },
      ).finally(() => {
        if (body) received = body.wireBytes;
      });
      if (next) {
        current = next.request;
        currentBody = next.body;
        exchange.request = current;
        continue;
      }
      await finishBody(exchange, body);
      break;
    }
  } catch (err) {
    const status = exchange.response?.status;
    if (
      (err as { code?: string })?.code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH' &&
      (status === 204 || status === 304)
    ) {
      // A 204 or 304 has no body, whatever Content-Length says (for a 304 it is the size of what was not sent, which
      // HTTP allows): the exchange is complete. undici reports the mismatch as an error; it is not one.
      activeBody?.dispose();
      const res = exchange.response!;
      res.bodyText = '';
      res.bodyBytes = 0;
      res.timings.totalMs = performance.now() - t0;
      exchange.durationMs = performance.now() - t0;
      return exchange; // (the finally below still clears the timer)
    }
    if ((err as { code?: string })?.code === 'CCMACRO_TOO_LARGE') {
      exchange.error = {
        kind: 'too-large',
        message: `Response from ${hostOf(current.url)} is larger than ${maxResponseBytes.toLocaleString('en-US')} bytes; stopped reading it. The first ${maxLogBytes.toLocaleString('en-US')} bytes are shown.`,
      };
    } else {
      exchange.error = describeSendFailure(err, {
        url: current.url,
        timeoutMs,
        connectTimeoutMs,
        proxyUrl: proxyFor(current.url, opts.proxy)?.url,
        timedOut,
        cancelled,
        receivedBytes: received,
      });
    }
    if (exchange.response) {
      // Show what arrived before the failure.
      if (activeBody) {
        exchange.response.bodyText = activeBody.text();
        exchange.response.bodyBytes = activeBody.wireBytes;
        exchange.response.contentEncoding = activeBody.encoding;
        activeBody.dispose();
      }
      exchange.response.truncated = true;
      exchange.response.timings.totalMs = performance.now() - t0;
    }
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onCancel);
  }
  exchange.durationMs = performance.now() - t0;
  return exchange;

  async function finishBody(ex: Exchange, body: BoundedBody | undefined): Promise<void> {
    const res = ex.response;
    if (!res || !body) return;
    try {
      res.bodyText = await body.finish();
    } finally {
      body.dispose();
      res.bodyBytes = body.wireBytes;
      res.truncated = body.truncated;
      res.contentEncoding = body.encoding;
      res.timings.totalMs = performance.now() - t0;
    }
  }
}

interface HopCallbacks {
  /** Response headers arrived. Return the collector for the body, or undefined to discard it. */
  start(
    status: number,
    statusText: string,
    headers: Record<string, string | string[] | undefined>,
  ): BoundedBody | undefined;
  /** Called with the running byte count; return true to stop reading (too large). */
  tooLarge(bytes: number): boolean;
}

/**
 * One request/response on undici's dispatch API: no intermediate streams, back-pressure straight
 * to the socket, and the abort handle in hand from the start. Resolves at the end of the body.
 */
function dispatchHop(
  dispatcher: Dispatcher,
  req: SentRequest,
  body: Uint8Array | undefined,
  o: { timeoutMs: number; abort: SendAbort },
  cb: HopCallbacks,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const url = new URL(req.url);
    let controller: Dispatcher.DispatchController | undefined;
    let sink: BoundedBody | undefined;
    let bytes = 0;
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      o.abort.off('abort', onAbort);
      reject(err);
    };
    const onAbort = () => {
      controller?.abort(o.abort.reason as Error);
      // Settle now even if undici has not reached the request yet (still connecting).
      fail(o.abort.reason);
    };
    o.abort.once('abort', onAbort);
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(c) {
        controller = c;
        if (o.abort.aborted) c.abort(o.abort.reason as Error);
      },
      onResponseStart(_c, status, headers, statusMessage) {
        if (status < 200) return; // 1xx informational
        sink = cb.start(status, statusMessage ?? '', headers);
      },
      onResponseData(c, chunk) {
        bytes += chunk.length;
        if (cb.tooLarge(bytes)) {
          const err = Object.assign(new Error('response too large'), { code: 'CCMACRO_TOO_LARGE' });
          if (sink) sink.wireBytes += chunk.length;
          c.abort(err);
          fail(err);
          return;
        }
        if (sink && !sink.write(chunk)) {
          c.pause();
          void sink.drained().then(() => c.resume());
        }
      },
      onResponseEnd() {
        if (settled) return;
        settled = true;
        o.abort.off('abort', onAbort);
        resolve();
      },
      onResponseError(_c, err) {
        fail(err);
      },
    };
    try {
      dispatcher.dispatch(
        {
          origin: url.origin,
          path: url.pathname + url.search,
          method: req.method as Dispatcher.HttpMethod,
          headers: req.headers.flatMap(h => [h.name, h.value]),
          body:
            body && body.byteLength > 0 ? Buffer.from(body.buffer, body.byteOffset, body.byteLength) : body ? '' : null,
          headersTimeout: o.timeoutMs,
          bodyTimeout: o.timeoutMs,
        },
        handler,
      );
    } catch (err) {
      fail(err);
    }
  });
}

/**
 * The next hop of a redirect. When the origin changes, every header that carries a ${secret:}/${env:} value and every
 * header the masker treats as a credential (one list: isSensitiveHeader) stays behind.
 */
function redirectTarget(
  from: SentRequest,
  body: Uint8Array | undefined,
  status: number,
  location: string,
): { request: SentRequest; body: Uint8Array | undefined } | undefined {
  let target: URL;
  try {
    target = new URL(location, from.url);
  } catch {
    return undefined;
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return undefined;
  const sameOrigin = target.origin === new URL(from.url).origin;
  // 303, and 301/302 after a POST, turn into a GET without a body (what browsers and curl -L do).
  const toGet = status === 303 || ((status === 301 || status === 302) && from.method === 'POST');
  const headers = from.headers.filter(h => {
    const n = h.name.toLowerCase();
    if (!sameOrigin && (h.secretRanges !== undefined || isSensitiveHeader(h.name))) return false;
    if (n === 'host') return false;
    if (toGet && (n === 'content-type' || n === 'content-length')) return false;
    return true;
  });
  return {
    request: {
      method: toGet ? (from.method === 'HEAD' ? 'HEAD' : 'GET') : from.method,
      url: target.href,
      headers,
      bodyText: toGet ? undefined : from.bodyText,
      bodyBytes: toGet ? 0 : from.bodyBytes,
    },
    body: toGet ? undefined : body,
  };
}

/**
 * The URL exactly as it goes on the wire, so the exchange log shows what was sent: undici reads it with WHATWG URL
 * parsing, which removes dot segments (`/a/../b` is `/b`), lower-cases the host and percent-encodes what must be.
 * Text that is not a URL stays as it is (the send then fails on it).
 *
 * `urlSecretRanges` (where placeholder values sit, for masking by position) are carried over: unchanged when parsing
 * changes nothing; otherwise ranges inside the unchanged start of the URL stay, and everything from the first change
 * (or the path's start, when dot segments or backslashes could move text around) to the end is one masked range if
 * any secret lies there. That may hide more than the secret in the log, never less.
 */
export function wireUrl(
  url: string,
  urlSecretRanges?: readonly OffsetRange[],
): { url: string; urlSecretRanges?: OffsetRange[] } {
  let href: string;
  try {
    href = new URL(url).href;
  } catch {
    return urlSecretRanges ? { url, urlSecretRanges: [...urlSecretRanges] } : { url };
  }
  if (!urlSecretRanges) return { url: href };
  if (href === url) return { url: href, urlSecretRanges: [...urlSecretRanges] };
  let same = 0;
  while (same < url.length && same < href.length && url[same] === href[same]) same++;
  const beforeQuery = url.split(/[?#]/, 1)[0];
  if (/\\|\/(?:\.|%2e){1,2}(?:\/|$)/i.test(beforeQuery)) {
    const pathStart = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#\\]*/.exec(url)?.[0].length ?? 0;
    same = Math.min(same, pathStart);
  }
  const kept = urlSecretRanges.filter(r => r.end <= same);
  const moved = urlSecretRanges.filter(r => r.end > same && r.end > r.start);
  if (moved.length === 0) return { url: href, urlSecretRanges: kept };
  const from = moved.reduce((m, r) => Math.min(m, r.start), same);
  return { url: href, urlSecretRanges: [...kept, { start: from, end: href.length }] };
}

function toHeaderList(headers: Record<string, string | string[] | undefined>): HttpHeader[] {
  const out: HttpHeader[] = [];
  for (const [name, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const x of v) out.push({ name, value: x });
    else out.push({ name, value: v });
  }
  return out;
}

function headerOf(headers: HttpHeader[], name: string): string | undefined {
  return headers.find(h => h.name === name)?.value;
}
