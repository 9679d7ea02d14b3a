import { hostOf } from '../common/urlHost';
import type { SendError } from './types';

interface FailureContext {
  url: string;
  timeoutMs: number;
  connectTimeoutMs: number;
  /** The proxy in use for this URL, if any. */
  proxyUrl?: string;
  /** Our whole-exchange timer fired. */
  timedOut: boolean;
  /** The caller cancelled. */
  cancelled: boolean;
  /** Bytes of response body received before the failure, when the response had started. */
  receivedBytes?: number;
}

const TLS_REASONS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unable to verify the first certificate',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'issuer certificate not found locally',
  UNABLE_TO_GET_ISSUER_CERT: 'issuer certificate not found',
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate is for a different host name',
  CERT_REVOKED: 'certificate revoked',
  CERT_UNTRUSTED: 'certificate not trusted',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the server did not answer with TLS (is it plain http?)',
};

/** What is known about one failure: the error's codes and messages (with its causes') and where it was going. */
interface Failure {
  ctx: FailureContext;
  codes: string[];
  messages: string[];
  has(code: string): boolean;
  /** The target's host name, and host:port. */
  host: string;
  where: string;
  /** The proxy's host:port, when one is in use. */
  proxy?: string;
}

/** Turns whatever undici / Node threw into one sentence naming what happened and what to check. */
export function describeSendFailure(err: unknown, ctx: FailureContext): SendError {
  const host = hostNamed(ctx.url);
  if (ctx.cancelled) return cancelled(host);
  if (ctx.timedOut) return timedOut(ctx, host);
  const codes = collectCodes(err);
  const f: Failure = {
    ctx,
    codes,
    messages: collectMessages(err),
    has: c => codes.includes(c),
    host,
    where: hostPort(ctx.url),
    proxy: ctx.proxyUrl ? hostPort(ctx.proxyUrl) : undefined,
  };
  for (const explain of EXPLANATIONS) {
    const e = explain(f);
    if (e) return e;
  }
  return { kind: 'other', message: `Sending to ${host} failed: ${f.messages[0] ?? String(err)}.` };
}

/** The explanations in the order they are tried: the first that recognises the failure names it. */
const EXPLANATIONS: ((f: Failure) => SendError | undefined)[] = [
  proxyRefused,
  connectTimeout,
  f => (f.has('UND_ERR_HEADERS_TIMEOUT') || f.has('UND_ERR_BODY_TIMEOUT') ? timedOut(f.ctx, f.host) : undefined),
  connectRefused,
  dnsFailure,
  tlsFailure,
  connectionDropped,
  invalidRequest,
  f => (f.has('UND_ERR_ABORTED') || f.has('ABORT_ERR') ? cancelled(f.host) : undefined),
];

const PROXY_SETTINGS = 'check the proxy settings (http.proxy, or HTTPS_PROXY in the CLI)';

function cancelled(host: string): SendError {
  return { kind: 'aborted', message: `Send to ${host} was cancelled.` };
}

function timedOut(ctx: FailureContext, host: string): SendError {
  const got = ctx.receivedBytes ? ` (${ctx.receivedBytes.toLocaleString('en-US')} bytes of the body had arrived)` : '';
  return {
    kind: 'timeout',
    message: `Timed out after ${ctx.timeoutMs} ms waiting for ${host}${got}: the server did not answer in time; check the URL or raise the timeout (ccmacro.send.timeoutMs, or --timeout in the CLI).`,
  };
}

function proxyRefused({ proxy, messages, where }: Failure): SendError | undefined {
  const proxyStatus = messages.map(m => /Proxy response \((\d+)\)/.exec(m)).find(Boolean);
  if (!proxy || !proxyStatus) return undefined;
  const status = Number(proxyStatus[1]);
  const hint =
    status === 407 ? 'it wants credentials; put them in the proxy URL (http://user:pass@host:port)' : PROXY_SETTINGS;
  return { kind: 'proxy', message: `Proxy ${proxy} refused the connection to ${where} (status ${status}): ${hint}.` };
}

function connectTimeout({ has, proxy, where, ctx }: Failure): SendError | undefined {
  if (!has('UND_ERR_CONNECT_TIMEOUT') && !has('ETIMEDOUT')) return undefined;
  if (proxy)
    return {
      kind: 'proxy',
      message: `Could not connect to the proxy ${proxy} within ${ctx.connectTimeoutMs} ms: ${PROXY_SETTINGS}.`,
    };
  return {
    kind: 'timeout',
    message: `Could not connect to ${where} within ${ctx.connectTimeoutMs} ms: the host did not answer; check the URL, your network, or a firewall.`,
  };
}

function connectRefused({ has, proxy, where }: Failure): SendError | undefined {
  if (!has('ECONNREFUSED')) return undefined;
  if (proxy)
    return {
      kind: 'proxy',
      message: `Connection refused by the proxy ${proxy}: nothing is listening there; ${PROXY_SETTINGS}.`,
    };
  return {
    kind: 'connect-refused',
    message: `Connection refused by ${where}: nothing is listening there; check the URL and port, and that the server is running.`,
  };
}

function dnsFailure({ has, proxy, host, ctx }: Failure): SendError | undefined {
  if (!has('ENOTFOUND') && !has('EAI_AGAIN') && !has('EAI_NONAME') && !has('EAI_FAIL')) return undefined;
  const network = has('EAI_AGAIN') ? ' and your network connection' : '';
  // Through a proxy ccmacro looks up only the proxy's name (the proxy looks up the target and answers with a status).
  if (proxy)
    return {
      kind: 'proxy',
      message: `DNS lookup failed for the proxy ${hostNamed(ctx.proxyUrl!)}, so nothing was sent to ${host}: ${PROXY_SETTINGS}${network}.`,
    };
  return { kind: 'dns', message: `DNS lookup failed for ${host}: check the spelling of the host${network}.` };
}

function tlsFailure({ codes, messages, host }: Failure): SendError | undefined {
  const tlsCode = codes.find(c => c in TLS_REASONS) ?? codes.find(c => /CERT|SSL|TLS/.test(c));
  if (!tlsCode) return undefined;
  const reason = TLS_REASONS[tlsCode] ?? messages[0] ?? tlsCode;
  const hint =
    tlsCode === 'ERR_SSL_WRONG_VERSION_NUMBER'
      ? 'check whether the URL should start with http://'
      : 'if it is an internal server, add its CA certificate (ccmacro.send.caFile, or --ca in the CLI)';
  return { kind: 'tls', message: `TLS certificate for ${host} not trusted (${reason}): ${hint}.` };
}

/** The connection closed early, or the body did not match its Content-Length. */
function connectionDropped({ has, messages, host, ctx }: Failure): SendError | undefined {
  if (
    has('ECONNRESET') ||
    has('EPIPE') ||
    has('UND_ERR_SOCKET') ||
    messages.some(m => /other side closed|socket hang up/i.test(m))
  ) {
    const mid =
      ctx.receivedBytes !== undefined
        ? ` after ${ctx.receivedBytes.toLocaleString('en-US')} bytes of the response`
        : ' before it answered';
    return {
      kind: 'reset',
      message: `${host} closed the connection${mid}: the server crashed or dropped the request; check its logs, or try again.`,
    };
  }
  if (!has('UND_ERR_RES_CONTENT_LENGTH_MISMATCH')) return undefined;
  const got = ctx.receivedBytes !== undefined ? ` (${ctx.receivedBytes.toLocaleString('en-US')} bytes arrived)` : '';
  return {
    kind: 'reset',
    message: `The response from ${host} does not match its Content-Length header${got}: the server ended the body early or sent more than it announced; check the server.`,
  };
}

/** What ccmacro could not send as given: the proxy setting, the URL, a header, the method. */
function invalidRequest({ has, messages }: Failure): SendError | undefined {
  if (has('CCMACRO_BAD_PROXY'))
    return {
      kind: 'proxy',
      message:
        'The proxy setting is not a valid URL: write it as http://host:port (http.proxy in VS Code, HTTPS_PROXY / HTTP_PROXY in the CLI).',
    };
  if (has('ERR_INVALID_URL') || messages.some(m => /Invalid URL/i.test(m)))
    return {
      kind: 'invalid-request',
      message:
        'The URL is not a valid http:// or https:// address: check request.url (and the secret or tags it uses).',
    };
  const badHeader = messages.map(m => /^invalid (.+) header$/i.exec(m)).find(Boolean);
  if (badHeader)
    return {
      kind: 'invalid-request',
      message: `The ${badHeader[1]} header holds a character that cannot be sent (a line break or control character): check its value.`,
    };
  if (!has('UND_ERR_INVALID_ARG') && !has('UND_ERR_NOT_SUPPORTED')) return undefined;
  const what = messages.some(m => /header key/i.test(m))
    ? 'a header name holds a space or another character names may not hold'
    : (messages[0] ?? 'invalid request');
  return {
    kind: 'invalid-request',
    message: `The request could not be sent: ${what}; check the method, URL and headers.`,
  };
}

function collectCodes(err: unknown, depth = 0, out: string[] = []): string[] {
  if (!err || typeof err !== 'object' || depth > 6) return out;
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown[] };
  if (typeof e.code === 'string') out.push(e.code);
  if (Array.isArray(e.errors)) for (const x of e.errors) collectCodes(x, depth + 1, out);
  collectCodes(e.cause, depth + 1, out);
  return out;
}

function collectMessages(err: unknown, depth = 0, out: string[] = []): string[] {
  if (!err || typeof err !== 'object' || depth > 6) return out;
  const e = err as { message?: unknown; cause?: unknown; errors?: unknown[] };
  if (typeof e.message === 'string' && e.message) out.push(e.message);
  if (Array.isArray(e.errors)) for (const x of e.errors) collectMessages(x, depth + 1, out);
  collectMessages(e.cause, depth + 1, out);
  return out;
}

/** The host a message names: the URL's host name, or the URL as written when it does not parse. */
export function hostNamed(url: string): string {
  return hostOf(url) ?? url;
}

function hostPort(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`;
  } catch {
    return url;
  }
}
