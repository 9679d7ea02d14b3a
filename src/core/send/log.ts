import { explainStatus } from './explain';
import { defaultMasker, type Masker } from '../secrets/mask';
import type { HttpHeader } from '../render/types';
import { headerValue, type Exchange } from './types';

export interface ExchangeMeta {
  macroName: string;
  /** The sample file (or built-in sample) used, e.g. "hostile (item 2)". */
  sampleName?: string;
  /** The macro's `returnValues`: response field path → Centercode external-data name. */
  returnValues?: Record<string, string>;
}

export interface ReturnValue {
  /** Dot path into the JSON response, e.g. "key" or "issues.0.id" (also "issues[0].id"). */
  field: string;
  /** The Centercode external-data name it maps to. */
  name: string;
  /** The value as text, or undefined when the field is not in the response. */
  value?: string;
}

/** Pulls the macro's return values out of a JSON response body. Non-JSON bodies give no values. */
export function extractReturnValues(bodyText: string, mapping: Record<string, string> | undefined): ReturnValue[] {
  const entries = Object.entries(mapping ?? {});
  if (entries.length === 0) return [];
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    json = undefined;
  }
  return entries.map(([field, name]) => {
    const v = json === undefined ? undefined : readPath(json, field);
    return { field, name, value: v === undefined ? undefined : typeof v === 'string' ? v : JSON.stringify(v) };
  });
}

function readPath(root: unknown, path: string): unknown {
  const parts = path
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\$\.?/, '')
    .split('.')
    .filter(Boolean);
  let cur: unknown = root;
  for (const p of parts) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

/**
 * One log entry for one send, like Centercode's Macro Webhook Log but complete: who, what went
 * out, what came back, how long it took, what it means. Everything passes through `mask`.
 */
export function formatExchangeLog(exchange: Exchange, meta: ExchangeMeta & { mask?: Masker }): string {
  const mask = meta.mask ?? defaultMasker;
  const out: string[] = [];
  const req = exchange.request;
  out.push(`── ${formatTime(exchange.startedAt)} ── ${meta.macroName || '(unnamed macro)'}`);
  if (meta.sampleName) out.push(`Sample: ${meta.sampleName}`);
  out.push('');
  out.push(`${req.method} ${mask.url(req.url)}`);
  for (const h of mask.headers(req.headers)) out.push(`${h.name}: ${h.value}`);
  if (req.bodyText !== undefined && req.bodyText !== '') {
    out.push('');
    out.push(prettyBody(req.bodyText, headerValue(req.headers, 'content-type'), mask));
  }
  for (const r of exchange.redirects) {
    out.push('');
    out.push(`↪ ${r.status} redirect to ${mask.url(r.location)} (followed)`);
  }
  const res = exchange.response;
  if (res) {
    out.push('');
    const timing = `${formatMs(res.timings.totalMs)} total, first byte after ${formatMs(res.timings.ttfbMs)}`;
    out.push(`HTTP/${res.httpVersion ?? '1.1'} ${res.status} ${res.statusText}   (${timing})`);
    for (const h of mask.headers(res.headers)) out.push(`${h.name}: ${h.value}`);
    out.push('');
    if (res.bodyBytes === 0) {
      out.push('(empty body)');
    } else {
      out.push(
        res.truncated
          ? mask.text(res.bodyText)
          : prettyBody(res.bodyText, headerValue(res.headers, 'content-type'), mask),
      );
      if (res.truncated) {
        out.push(
          `… body truncated: showing the first ${bytes(Buffer.byteLength(res.bodyText))} of ${bytes(res.bodyBytes)}${res.contentEncoding ? ` (${res.contentEncoding}-compressed size)` : ''}.`,
        );
      } else if (res.contentEncoding) {
        out.push(`(${res.contentEncoding}-compressed: ${bytes(res.bodyBytes)} on the wire)`);
      }
    }
    const rv = extractReturnValues(res.truncated ? '' : res.bodyText, meta.returnValues);
    if (rv.length > 0) {
      out.push('');
      out.push('Return values:');
      for (const v of rv)
        out.push(`  ${v.name} ← ${v.field} = ${v.value === undefined ? '(not in the response)' : mask.text(v.value)}`);
    }
  }
  if (exchange.error) {
    out.push('');
    out.push(`✗ ${mask.text(exchange.error.message)}`);
  }
  const why = explainStatus(exchange);
  if (why) {
    out.push('');
    out.push(`ⓘ ${mask.text(why)}`);
  }
  if (!res && !exchange.error) out.push('(no response)');
  return out.join('\n') + '\n';
}

/** Pretty JSON when it parses, otherwise the text as is. Masked before and after re-serialising. */
function prettyBody(text: string, contentType: string | undefined, mask: Masker): string {
  const masked = mask.text(text);
  const t = masked.trim();
  const looksJson = /json/i.test(contentType ?? '') || t.startsWith('{') || t.startsWith('[');
  if (looksJson) {
    try {
      return mask.text(JSON.stringify(JSON.parse(t), null, 2));
    } catch {
      /* not JSON after all: show as is */
    }
  }
  return masked;
}

/** A plain JSON record of one exchange, masked, for the history view. */
export interface HistoryEntry {
  startedAt: string;
  macroName: string;
  sampleName?: string;
  /** e.g. "POST https://hooks.slack.com/services/••••" */
  requestLine: string;
  status?: number;
  statusText?: string;
  totalMs?: number;
  ttfbMs?: number;
  errorKind?: string;
  errorMessage?: string;
  explanation?: string;
  request: { method: string; url: string; headers: HttpHeader[]; bodyText?: string };
  response?: {
    status: number;
    statusText: string;
    headers: HttpHeader[];
    bodyText: string;
    bodyBytes: number;
    truncated: boolean;
  };
  redirects: Array<{ status: number; location: string }>;
  returnValues: ReturnValue[];
  /** The whole formatted log entry (masked). */
  logText: string;
}

export function toHistoryEntry(exchange: Exchange, meta: ExchangeMeta, mask: Masker): HistoryEntry {
  const req = exchange.request;
  const res = exchange.response;
  const why = explainStatus(exchange);
  const entry: HistoryEntry = {
    startedAt: exchange.startedAt,
    macroName: meta.macroName,
    requestLine: `${req.method} ${mask.url(req.url)}`,
    request: {
      method: req.method,
      url: mask.url(req.url),
      headers: mask.headers(req.headers),
      ...(req.bodyText !== undefined ? { bodyText: mask.text(req.bodyText) } : {}),
    },
    redirects: exchange.redirects.map(r => ({ status: r.status, location: mask.url(r.location) })),
    returnValues: res
      ? extractReturnValues(res.truncated ? '' : res.bodyText, meta.returnValues).map(v =>
          v.value === undefined ? v : { ...v, value: mask.text(v.value) },
        )
      : [],
    logText: formatExchangeLog(exchange, { ...meta, mask }),
  };
  if (meta.sampleName) entry.sampleName = meta.sampleName;
  if (res) {
    entry.status = res.status;
    entry.statusText = res.statusText;
    entry.totalMs = Math.round(res.timings.totalMs);
    entry.ttfbMs = Math.round(res.timings.ttfbMs);
    entry.response = {
      status: res.status,
      statusText: res.statusText,
      headers: mask.headers(res.headers),
      bodyText: mask.text(res.bodyText),
      bodyBytes: res.bodyBytes,
      truncated: res.truncated,
    };
  }
  if (exchange.error) {
    entry.errorKind = exchange.error.kind;
    entry.errorMessage = mask.text(exchange.error.message);
  }
  if (why) entry.explanation = mask.text(why);
  return entry;
}

/** A one-line result for a status bar or a summary: "200 OK · 143 ms" or the failure kind. */
export function exchangeHeadline(exchange: Exchange): string {
  if (exchange.response && !exchange.error)
    return `${exchange.response.status} ${exchange.response.statusText} · ${formatMs(exchange.response.timings.totalMs)}`;
  if (exchange.response && exchange.error)
    return `${exchange.response.status} ${exchange.response.statusText} · ${exchange.error.kind}`;
  return exchange.error ? describeKind(exchange.error.kind) : 'no response';
}

function describeKind(kind: string): string {
  switch (kind) {
    case 'timeout':
      return 'Timed out';
    case 'connect-refused':
      return 'Connection refused';
    case 'dns':
      return 'Host not found';
    case 'tls':
      return 'Certificate not trusted';
    case 'proxy':
      return 'Proxy failed';
    case 'reset':
      return 'Connection closed';
    case 'too-large':
      return 'Response too large';
    case 'aborted':
      return 'Cancelled';
    default:
      return 'Failed';
  }
}

export function formatMs(ms: number): string {
  return ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

function bytes(n: number): string {
  return `${n.toLocaleString('en-US')} bytes`;
}

function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
}
