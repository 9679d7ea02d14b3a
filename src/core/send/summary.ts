import type { WebhookLogEntry } from './history';
import type { SendErrorKind } from './types';

/** The parts of an exchange (or a Webhook Log entry) that a one-line summary needs. */
interface ExchangeOutcome {
  response?: { status: number; statusText?: string; timings?: { totalMs?: number } };
  error?: { kind: SendErrorKind };
}

export type OutcomeKind = 'pass' | 'warning' | 'error';

export interface ExchangeSummary {
  kind: OutcomeKind;
  /** "200 OK · 143 ms", "Timed out", "Connection refused", "200 OK · Connection closed". */
  text: string;
}

const FAILURE: Record<SendErrorKind, string> = {
  timeout: 'Timed out',
  'connect-refused': 'Connection refused',
  dns: 'Host not found',
  tls: 'Certificate not trusted',
  proxy: 'Proxy failed',
  reset: 'Connection closed',
  'too-large': 'Response too large',
  aborted: 'Cancelled',
  'invalid-request': 'Request not valid',
  other: 'Failed',
};

/**
 * The one-line result of a send, for the status bar, the Webhook Log, bulk summaries and the CLI:
 * 2xx passes; 3xx (a redirect not followed) is worth a look; a cancelled send is a warning; everything else failed.
 */
export function summarizeExchange(x: ExchangeOutcome): ExchangeSummary {
  const r = x.response;
  if (r) {
    const statusLine = `${r.status}${r.statusText ? ' ' + r.statusText : ''}`;
    if (x.error) return { kind: 'error', text: `${statusLine} · ${FAILURE[x.error.kind]}` };
    const kind: OutcomeKind = isSuccessStatus(r.status)
      ? 'pass'
      : r.status >= 300 && r.status < 400
        ? 'warning'
        : 'error';
    const ms = r.timings?.totalMs;
    return { kind, text: ms === undefined ? statusLine : `${statusLine} · ${formatMs(ms)}` };
  }
  if (!x.error) return { kind: 'error', text: 'No response' };
  return { kind: x.error.kind === 'aborted' ? 'warning' : 'error', text: FAILURE[x.error.kind] };
}

export function isSuccessStatus(status: number): boolean {
  return status >= 200 && status < 300;
}

/** Did the send work: a 2xx answer that arrived whole. */
export function isSuccess(x: ExchangeOutcome): boolean {
  return !x.error && !!x.response && isSuccessStatus(x.response.status);
}

export function formatMs(ms: number): string {
  return ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** "12:03" in local time for today, else "2026-11-30 12:03", for lists. */
export function formatClock(iso: string, now = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  const sameDay = d.toDateString() === now.toDateString();
  return sameDay
    ? hm
    : `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')} ${hm}`;
}

/** The one-line result of a stored entry, worded as for a fresh send. */
export function summarizeEntry(e: Omit<WebhookLogEntry, 'id'>): ExchangeSummary {
  return summarizeExchange({
    ...(e.status !== undefined
      ? { response: { status: e.status, statusText: e.statusText, timings: { totalMs: e.totalMs } } }
      : {}),
    ...(e.errorKind ? { error: { kind: e.errorKind } } : e.errorMessage ? { error: { kind: 'other' as const } } : {}),
  });
}
