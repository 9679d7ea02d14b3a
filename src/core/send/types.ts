/**
 * The shapes the sender works with. Plain data only (no undici types), so the extension,
 * the CLI and the history view can use them without loading the HTTP client.
 */

import type { OffsetRange } from '../common/text';
import type { HttpHeader } from '../render/types';

/** A header of a request ready to go on the wire. */
export interface OutgoingHeader extends HttpHeader {
  /**
   * Where values of ${secret:}/${env:} placeholders sit in `value`. Such a header never goes to another origin on a
   * redirect, and logs hide those ranges by position (whatever the value's length).
   */
  secretRanges?: OffsetRange[];
}

/** A request ready to go on the wire: placeholders already resolved. */
export interface OutgoingRequest {
  method: string;
  url: string;
  /** Where values of ${secret:}/${env:} placeholders sit in `url` (hidden there by position in logs). */
  urlSecretRanges?: OffsetRange[];
  headers: OutgoingHeader[];
  /** Text is sent as UTF-8. */
  body?: string | Uint8Array;
}

/** The request aimed at another URL: the old URL's secret ranges no longer apply. */
export function withUrl<T extends OutgoingRequest>(request: T, url: string): T {
  const { urlSecretRanges: _dropped, ...rest } = request;
  return { ...rest, url } as T;
}

/** Proxy settings: VS Code's http.proxy / http.proxyStrictSSL / http.noProxy, or the CLI's HTTPS_PROXY / NO_PROXY. */
export interface ProxySettings {
  /** e.g. http://proxy.corp:3128 (user:pass@ allowed; masked in logs). */
  url: string;
  /** Verify the proxy's own certificate when it is https. Default true. */
  strictSSL?: boolean;
  /** Hosts that bypass the proxy: `example.com` (and its subdomains), `.example.com`, `host:port`, `*`. */
  noProxy?: string[];
}

/** The longest delay Node's timers accept (2^31 − 1 ms, about 24.8 days): a longer timeout would fire at once. */
export const MAX_TIMEOUT_MS = 2_147_483_647;

export interface SendOptions {
  /** Whole exchange, from connect to the last body byte. Default 10000. */
  timeoutMs?: number;
  /** Just the TCP/TLS connect. Default 5000. */
  connectTimeoutMs?: number;
  /**
   * Default false: a 3xx is shown with its Location. When true, at most 5 hops; a hop to another origin drops every
   * header that carries a placeholder value (`secretRanges`) and every credential header (isSensitiveHeader).
   */
  followRedirects?: boolean;
  /** Response bytes kept (decoded) for the log; the rest is counted, not held. Default 256 KiB. */
  maxLogBytes?: number;
  /** Give up (error kind 'too-large') past this many response bytes on the wire. Default 1 GiB. */
  maxResponseBytes?: number;
  /** Cancels the send (error kind 'aborted'). */
  signal?: AbortSignal;
  proxy?: ProxySettings;
  /** Extra PEM CA certificate(s), trusted in addition to Node's default roots. */
  ca?: string;
  /** Default true. */
  rejectUnauthorized?: boolean;
}

/** The request as it went out (the last hop when redirects were followed). Not masked: mask before showing. */
export interface SentRequest {
  method: string;
  url: string;
  /** Where placeholder values sit in `url` (absent after a redirect to a new URL). */
  urlSecretRanges?: OffsetRange[];
  headers: OutgoingHeader[];
  /** The body as UTF-8 text (undefined when there is none). */
  bodyText?: string;
  bodyBytes: number;
}

interface ResponseTimings {
  /** From the start of the send to the last body byte. */
  totalMs: number;
  /** From the start of the send to the response headers (of the final hop). */
  ttfbMs: number;
}

export interface ReceivedResponse {
  status: number;
  statusText: string;
  httpVersion?: string;
  headers: HttpHeader[];
  /** Decoded (gzip/deflate/br) body text, at most maxLogBytes of it. */
  bodyText: string;
  /** The full size of the body as it came over the wire, including what was not kept. */
  bodyBytes: number;
  /** Content-Encoding that was decoded for display, e.g. 'gzip'. */
  contentEncoding?: string;
  /** True when bodyText holds only the first maxLogBytes (decoded) of the body. */
  truncated: boolean;
  timings: ResponseTimings;
}

export type SendErrorKind =
  | 'timeout'
  | 'connect-refused'
  | 'dns'
  | 'tls'
  | 'proxy'
  | 'reset'
  | 'too-large'
  | 'aborted'
  | 'invalid-request'
  | 'other';

export interface SendError {
  kind: SendErrorKind;
  /** One sentence: what happened and what to check. Not masked: mask before showing. */
  message: string;
}

export interface Redirect {
  status: number;
  location: string;
  /**
   * The request this redirect answered (set by the sender): the first one is what the macro sent, with its body, so
   * the log can show every hop. Absent in exchanges built by hand.
   */
  request?: SentRequest;
  /**
   * Set when following redirects was on but this one was not followed, saying why ("ccmacro follows at most 5
   * redirects"); the 3xx is then the response. Absent: the redirect was followed.
   */
  notFollowed?: string;
}

/** One send, start to finish. `response` may be present with `error` when the body broke off mid-way. */
export interface Exchange {
  /** ISO 8601 time the send started. */
  startedAt: string;
  request: SentRequest;
  response?: ReceivedResponse;
  redirects: Redirect[];
  error?: SendError;
  /** Wall time of the whole send in ms (also set on failures). */
  durationMs: number;
}

/** The request the macro sent: the first hop when redirects were followed, else the only one. */
export function firstRequest(exchange: Exchange): SentRequest {
  return exchange.redirects.find(r => r.request)?.request ?? exchange.request;
}
