import type * as UndiciModule from 'undici';
import { EventEmitter } from 'node:events';
import * as http from 'node:http';
import * as tls from 'node:tls';
import type { Dispatcher } from 'undici';
import { BoundedBody } from './body';
import { describeSendFailure, hostNamed } from './errors';
import { proxyFor } from './proxy';
import { isSensitiveHeader } from '../secrets/sensitiveHeader';
import type { HttpHeader } from '../render/types';
import type { OffsetRange } from '../common/text';
import type { Exchange, OutgoingRequest, ProxySettings, SendOptions, SentRequest } from './types';

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_MAX_LOG_BYTES = 256 * 1024;
const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024 * 1024;
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
  const run = new SendRun(dispatchers, undici, req, opts);
  const disarm = run.arm();
  try {
    await run.hops();
  } catch (err) {
    run.failed(err);
  } finally {
    disarm();
  }
  run.exchange.durationMs = performance.now() - run.t0;
  return run.exchange;
}

type Redirect = NonNullable<ReturnType<typeof redirectTarget>>;

/** The options of one send with their defaults filled in. */
function limitsOf(opts: SendOptions) {
  return {
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    connectTimeoutMs: opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    maxLogBytes: opts.maxLogBytes ?? DEFAULT_MAX_LOG_BYTES,
    maxResponseBytes: opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
  };
}

/** The request as the first hop sends it, and its body's bytes. */
function firstRequest(req: OutgoingRequest): { request: SentRequest; body: Uint8Array | undefined } {
  const body =
    req.body === undefined ? undefined : typeof req.body === 'string' ? Buffer.from(req.body, 'utf8') : req.body;
  const request: SentRequest = {
    method: req.method.toUpperCase(),
    // The URL as it goes on the wire (WHATWG-parsed), with the secret positions moved to match.
    ...wireUrl(req.url, req.urlSecretRanges),
    // Each header keeps its secretRanges: the redirect rule and the log's masking need them.
    headers: req.headers.map(h => ({ ...h })),
    bodyText:
      body === undefined ? undefined : typeof req.body === 'string' ? req.body : Buffer.from(body).toString('utf8'),
    bodyBytes: body?.byteLength ?? 0,
  };
  return { request, body };
}

/**
 * One send in progress: the exchange it records, the hop on the wire (following redirects), and why it stopped
 * (the whole-exchange timer, the caller's cancel, too large a response, or what undici threw).
 */
class SendRun {
  readonly t0: number;
  readonly exchange: Exchange;
  private readonly limits: ReturnType<typeof limitsOf>;
  private readonly abort = new SendAbort();
  private current: SentRequest;
  private currentBody: Uint8Array | undefined;
  private timedOut = false;
  private cancelled = false;
  /** Response body bytes received on the current hop, once its response started. */
  private received: number | undefined;
  /** The body collector of the response being read. */
  private activeBody: BoundedBody | undefined;

  constructor(
    private readonly dispatchers: Map<string, Dispatcher>,
    private readonly undici: Undici | undefined,
    req: OutgoingRequest,
    private readonly opts: SendOptions,
  ) {
    this.limits = limitsOf(opts);
    const startedAt = new Date();
    this.t0 = performance.now();
    const first = firstRequest(req);
    this.current = first.request;
    this.currentBody = first.body;
    this.exchange = { startedAt: startedAt.toISOString(), request: this.current, redirects: [], durationMs: 0 };
  }

  /** Starts the whole-exchange timer and listens for the caller's cancel; returns what stops both. */
  arm(): () => void {
    const timer = setTimeout(() => {
      this.timedOut = true;
      this.abort.abort(new Error('timeout'));
    }, this.limits.timeoutMs);
    const signal = this.opts.signal;
    const onCancel = () => {
      this.cancelled = true;
      this.abort.abort(new Error('cancelled'));
    };
    if (signal?.aborted) onCancel();
    else signal?.addEventListener('abort', onCancel, { once: true });
    return () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCancel);
    };
  }

  /** Sends hop after hop until a response that is not a redirect to follow has been read whole. */
  async hops(): Promise<void> {
    if (!this.undici) throw new Error('the HTTP client (undici) could not be loaded');
    for (let hop = 0; ; hop++) {
      if (this.abort.aborted) throw this.abort.reason;
      if (!/^https?:\/\/[^/]/i.test(this.current.url))
        throw Object.assign(new TypeError('Invalid URL'), { code: 'ERR_INVALID_URL' });
      const dispatcher = dispatcherFor(this.dispatchers, this.undici, this.current.url, {
        connectTimeoutMs: this.limits.connectTimeoutMs,
        rejectUnauthorized: this.opts.rejectUnauthorized !== false,
        ca: this.opts.ca,
        proxy: this.opts.proxy,
      });
      const { next, body } = await this.hop(dispatcher, hop);
      if (!next) return this.finishBody(body);
      this.current = next.request;
      this.currentBody = next.body;
      this.exchange.request = this.current;
    }
  }

  /** One request and its response: the redirect to follow next, or the body collector of the response. */
  private async hop(dispatcher: Dispatcher, hop: number): Promise<{ next?: Redirect; body?: BoundedBody }> {
    this.received = undefined;
    const hopRequest = this.current;
    const out: { next?: Redirect; body?: BoundedBody } = {};
    const callbacks: HopCallbacks = {
      start: (status, statusText, rawHeaders) => {
        const location = rawHeaders.location;
        const isRedirect = status >= 300 && status < 400 && typeof location === 'string' && location !== '';
        out.next =
          this.opts.followRedirects && isRedirect && hop < MAX_REDIRECTS
            ? redirectTarget(hopRequest, this.currentBody, status, location as string)
            : undefined;
        if (out.next) {
          this.exchange.redirects.push({ status, location: location as string, request: hopRequest });
          return undefined; // the redirect's own body is not kept
        }
        // Following is on but this one cannot be followed: the 3xx is the response, listed with the reason.
        if (isRedirect && this.opts.followRedirects)
          this.exchange.redirects.push({
            status,
            location: location as string,
            request: hopRequest,
            notFollowed:
              hop >= MAX_REDIRECTS
                ? `ccmacro follows at most ${MAX_REDIRECTS} redirects`
                : 'the Location is not an http:// or https:// address',
          });
        return (out.body = this.startResponse(status, statusText, toHeaderList(rawHeaders)));
      },
      tooLarge: bytes => {
        this.received = bytes;
        return bytes > this.limits.maxResponseBytes;
      },
    };
    const abort = this.abort;
    await dispatchHop(
      dispatcher,
      hopRequest,
      this.currentBody,
      { timeoutMs: this.limits.timeoutMs, abort },
      callbacks,
    ).finally(() => {
      if (out.body) this.received = out.body.wireBytes;
    });
    return out;
  }

  /** The response's status and headers arrived: record them and return the collector for its body. */
  private startResponse(status: number, statusText: string, headers: HttpHeader[]): BoundedBody {
    const body = (this.activeBody = new BoundedBody(headerOf(headers, 'content-encoding'), this.limits.maxLogBytes));
    this.received = 0;
    this.exchange.response = {
      status,
      statusText: statusText || http.STATUS_CODES[status] || '',
      httpVersion: '1.1',
      headers,
      bodyText: '',
      bodyBytes: 0,
      truncated: false,
      timings: { totalMs: 0, ttfbMs: performance.now() - this.t0 },
    };
    return body;
  }

  private async finishBody(body: BoundedBody | undefined): Promise<void> {
    const res = this.exchange.response;
    if (!res || !body) return;
    try {
      res.bodyText = await body.finish();
    } finally {
      body.dispose();
      res.bodyBytes = body.wireBytes;
      res.truncated = body.truncated;
      res.contentEncoding = body.encoding;
      res.timings.totalMs = performance.now() - this.t0;
    }
  }

  /** The send stopped on `err`: record why in one sentence, and keep what arrived before it. */
  failed(err: unknown): void {
    const code = (err as { code?: string })?.code;
    const res = this.exchange.response;
    if (code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH' && res && (res.status === 204 || res.status === 304)) {
      // A 204 or 304 has no body, whatever Content-Length says (for a 304 it is the size of what was not sent, which
      // HTTP allows): the exchange is complete. undici reports the mismatch as an error; it is not one.
      this.activeBody?.dispose();
      res.bodyText = '';
      res.bodyBytes = 0;
      res.timings.totalMs = performance.now() - this.t0;
      return;
    }
    const { maxLogBytes, maxResponseBytes } = this.limits;
    this.exchange.error =
      code === 'CCMACRO_TOO_LARGE'
        ? {
            kind: 'too-large',
            message: `Response from ${hostNamed(this.current.url)} is larger than ${maxResponseBytes.toLocaleString('en-US')} bytes; stopped reading it. The first ${maxLogBytes.toLocaleString('en-US')} bytes are shown.`,
          }
        : describeSendFailure(err, {
            url: this.current.url,
            timeoutMs: this.limits.timeoutMs,
            connectTimeoutMs: this.limits.connectTimeoutMs,
            proxyUrl: proxyFor(this.current.url, this.opts.proxy)?.url,
            timedOut: this.timedOut,
            cancelled: this.cancelled,
            receivedBytes: this.received,
          });
    if (!res) return;
    // Show what arrived before the failure.
    if (this.activeBody) {
      res.bodyText = this.activeBody.text();
      res.bodyBytes = this.activeBody.wireBytes;
      res.contentEncoding = this.activeBody.encoding;
      this.activeBody.dispose();
    }
    res.truncated = true;
    res.timings.totalMs = performance.now() - this.t0;
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
