/** The parts of a sent exchange that a one-line summary needs (structurally a subset of send's Exchange). */
export interface ExchangeOutcome {
  response?: { status: number; statusText?: string; timings?: { totalMs?: number } };
  error?: { kind: string; message: string };
}

export type OutcomeKind = 'pass' | 'warning' | 'error';

export interface ExchangeSummary {
  kind: OutcomeKind;
  /** "200 OK · 143 ms", "Timed out", "Cancelled", "Failed". */
  text: string;
}

/** 2xx passes; 3xx (a redirect not followed) is worth a look; everything else failed. */
export function summarizeExchange(x: ExchangeOutcome): ExchangeSummary {
  const r = x.response;
  if (r) {
    const kind: OutcomeKind =
      r.status >= 200 && r.status < 300 ? 'pass' : r.status >= 300 && r.status < 400 ? 'warning' : 'error';
    const statusLine = `${r.status}${r.statusText ? ' ' + r.statusText : ''}`;
    const ms = r.timings?.totalMs;
    return { kind, text: ms === undefined ? statusLine : `${statusLine} · ${formatMs(ms)}` };
  }
  const errorKind = x.error?.kind ?? '';
  if (/abort|cancel/i.test(errorKind)) return { kind: 'warning', text: 'Cancelled' };
  if (/timeout/i.test(errorKind)) return { kind: 'error', text: 'Timed out' };
  return { kind: 'error', text: 'Failed' };
}

export function formatMs(ms: number): string {
  return ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** "12:03" in local time, for lists. */
export function formatClock(iso: string, now = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  const sameDay = d.toDateString() === now.toDateString();
  return sameDay
    ? hm
    : `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')} ${hm}`;
}

/**
 * Where "Send to Local Test Receiver" aims a macro: Slack macros go to /slack/<name> so the
 * receiver checks the body as Slack would; others keep their path and query.
 */
export function receiverTargetUrl(
  receiverUrl: string,
  originalUrl: string,
  macroName: string,
  isSlack: boolean,
): string {
  const base = receiverUrl.replace(/\/+$/, '');
  const slug =
    (macroName || 'macro')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'macro';
  if (isSlack) return `${base}/slack/${slug}`;
  try {
    const u = new URL(originalUrl);
    return `${base}${u.pathname}${u.search}`;
  } catch {
    return `${base}/${slug}`;
  }
}
