import * as http from 'node:http';
import * as tls from 'node:tls';
import type { Dispatcher } from 'undici';
import { BoundedBody } from './body';
import { describeSendFailure } from './errors';
import { proxyFor } from './proxy';
import type { Exchange, HttpHeader, OutgoingRequest, ProxySettings, ReceivedResponse, SendOptions, SentRequest } from './types';

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_MAX_LOG_BYTES = 256 * 1024;
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024 * 1024;
const MAX_REDIRECTS = 5;
/** Never carried to another origin when following a redirect. */
const ORIGIN_BOUND_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

type Undici = typeof import('undici');
let undiciModule: Promise<Undici> | undefined;
/** Loaded on the first send, so activating the extension never pays for the HTTP client. */
function loadUndici(): Promise<Undici> {
  return (undiciModule ??= import('undici'));
}

// Dispatchers are reused across sends (keep-alive), one per distinct connection setup.
const dispatchers = new Map<string, Dispatcher>();

async function dispatcherFor(url: string, o: Required<Pick<SendOptions, 'connectTimeoutMs' | 'rejectUnauthorized'>> & { ca?: string; proxy?: ProxySettings }): Promise<Dispatcher> {
  const proxy = proxyFor(url, o.proxy);
  const isHttp = /^http:/i.test(url);
  const key = JSON.stringify([o.connectTimeoutMs, o.rejectUnauthorized, o.ca ?? '', proxy?.url ?? '', proxy?.strictSSL ?? true, proxy ? isHttp : '']);
  let d = dispatchers.get(key);
  if (d) return d;
  const { Agent, ProxyAgent } = await loadUndici();
  const requestTls = {
    timeout: o.connectTimeoutMs,
    rejectUnauthorized: o.rejectUnauthorized,
    ...(o.ca ? { ca: [...tls.rootCertificates, o.ca] } : {}),
  };
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

/** Close the kept-alive connections (CLI exit, tests). */
export async function closeSendConnections(): Promise<void> {
  const all = [...dispatchers.values()];
  dispatchers.clear();
  await Promise.all(all.map(d => d.close().catch(() => undefined)));
}

/**
 * Sends one request and records the whole exchange. Never throws for network trouble: every
 * failure becomes `exchange.error` with one sentence saying what happened and what to check.
 */
export async function sendRequest(req: OutgoingRequest, opts: SendOptions = {}): Promise<Exchange> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const connectTimeoutMs = opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const maxLogBytes = opts.maxLogBytes ?? DEFAULT_MAX_LOG_BYTES;
  const maxResponseBytes = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  // Load the client first so its one-time start-up cost is not counted as network time.
  const undici = await loadUndici().catch(() => undefined);
  const startedAt = new Date();
  const t0 = performance.now();
  const bodyBytes = req.body === undefined ? undefined : typeof req.body === 'string' ? Buffer.from(req.body, 'utf8') : req.body;

  let current: SentRequest = {
    method: req.method.toUpperCase(),
    url: req.url,
    headers: req.headers.map(h => ({ name: h.name, value: h.value })),
    bodyText: bodyBytes === undefined ? undefined : typeof req.body === 'string' ? req.body : Buffer.from(bodyBytes).toString('utf8'),
    bodyBytes: bodyBytes?.byteLength ?? 0,
  };
  let currentBody = bodyBytes;
  const exchange: Exchange = { startedAt: startedAt.toISOString(), request: current, redirects: [], durationMs: 0 };

  const controller = new AbortController();
  let timedOut = false;
  let cancelled = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('timeout'));
  }, timeoutMs);
  const onCancel = () => {
    cancelled = true;
    controller.abort(new Error('cancelled'));
  };
  if (opts.signal?.aborted) onCancel();
  else opts.signal?.addEventListener('abort', onCancel, { once: true });

  let received: number | undefined;
  try {
    if (!undici) throw new Error('the HTTP client (undici) could not be loaded');
    const { request } = undici;
    for (let hop = 0; ; hop++) {
      if (controller.signal.aborted) throw new Error('aborted');
      const dispatcher = await dispatcherFor(current.url, { connectTimeoutMs, rejectUnauthorized: opts.rejectUnauthorized !== false, ca: opts.ca, proxy: opts.proxy });
      received = undefined;
      const res = await request(current.url, {
        method: current.method as Dispatcher.HttpMethod,
        headers: current.headers.flatMap(h => [h.name, h.value]),
        body: currentBody && currentBody.byteLength > 0 ? currentBody : currentBody ? '' : undefined,
        dispatcher,
        signal: controller.signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const ttfbMs = performance.now() - t0;
      const headers = toHeaderList(res.headers);
      const location = res.headers.location;
      const next = opts.followRedirects && res.statusCode >= 300 && res.statusCode < 400 && location && hop < MAX_REDIRECTS
        ? redirectTarget(current, currentBody, res.statusCode, String(location))
        : undefined;
      if (next) {
        exchange.redirects.push({ status: res.statusCode, location: String(location) });
        await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
        current = next.request;
        currentBody = next.body;
        exchange.request = current;
        continue;
      }
      if (res.statusCode >= 300 && res.statusCode < 400 && location && opts.followRedirects) {
        // Too many hops: report the last 3xx as is.
        exchange.redirects.push({ status: res.statusCode, location: String(location) });
      }
      const body = new BoundedBody(headerOf(headers, 'content-encoding'), maxLogBytes);
      const response: ReceivedResponse = {
        status: res.statusCode,
        statusText: res.statusText || http.STATUS_CODES[res.statusCode] || '',
        httpVersion: '1.1',
        headers,
        bodyText: '',
        bodyBytes: 0,
        truncated: false,
        timings: { totalMs: 0, ttfbMs },
      };
      exchange.response = response;
      received = 0;
      try {
        for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
          await body.push(chunk);
          received = body.wireBytes;
          if (body.wireBytes > maxResponseBytes) {
            res.body.destroy();
            exchange.error = {
              kind: 'too-large',
              message: `Response from ${new URL(current.url).hostname} is larger than ${maxResponseBytes.toLocaleString('en-US')} bytes; stopped reading it. The first ${maxLogBytes.toLocaleString('en-US')} bytes are shown.`,
            };
            break;
          }
        }
        response.bodyText = exchange.error ? body.text() : await body.finish();
      } finally {
        body.dispose();
        response.bodyBytes = body.wireBytes;
        response.truncated = body.truncated || !!exchange.error;
        response.contentEncoding = body.encoding;
        if (!response.bodyText) response.bodyText = body.text();
        response.timings.totalMs = performance.now() - t0;
      }
      break;
    }
  } catch (err) {
    exchange.error = describeSendFailure(err, {
      url: current.url,
      timeoutMs,
      connectTimeoutMs,
      proxyUrl: proxyFor(current.url, opts.proxy)?.url,
      timedOut,
      cancelled,
      receivedBytes: received,
    });
    if (exchange.response) exchange.response.timings.totalMs = performance.now() - t0;
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onCancel);
  }
  exchange.durationMs = performance.now() - t0;
  return exchange;
}

/** The next hop of a redirect, with origin-bound credentials dropped when the origin changes. */
function redirectTarget(from: SentRequest, body: Uint8Array | undefined, status: number, location: string): { request: SentRequest; body: Uint8Array | undefined } | undefined {
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
    if (!sameOrigin && ORIGIN_BOUND_HEADERS.has(n)) return false;
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
