import { visible } from '../common/controlChars';
import { isSuccessStatus, type ExchangeSummary } from './summary';
import { parseRetryAfter } from './explain';
import { headerValue } from '../common/headers';
import type { Exchange } from './types';

export interface BulkRow {
  /** Position of the item in the sample (0-based). */
  index: number;
  label: string;
  status?: number;
  statusText?: string;
  /** The failure sentence (network error, or "skipped: cancelled"). Not masked. */
  error?: string;
  durationMs: number;
  /** 1 + the number of 429 retries. */
  attempts: number;
  /** The final exchange, for the log; undefined when the item was skipped. */
  exchange?: Exchange;
}

export interface BulkOptions {
  /** Sends started per second. Default 1 (Slack's limit for incoming webhooks). */
  ratePerSecond?: number;
  signal?: AbortSignal;
  /** After each item: rows so far and the total. */
  onProgress?: (done: number, total: number, row: BulkRow) => void;
  /** Retries of an item answered 429. Default 2. */
  maxRetries?: number;
  /** Longest Retry-After honoured; longer waits stop the run for that item. Default 60 s. */
  maxRetryAfterMs?: number;
  /** Label for the summary; default "item N". */
  label?: (index: number) => string;
  /** For tests: how to wait. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Sends one request per item, paced at `ratePerSecond`, like Centercode's bulk manual trigger.
 * A 429 waits for Retry-After (1 s when absent) and retries that item, at most `maxRetries` times.
 */
export async function sendBulk<T>(
  items: readonly T[],
  sendOne: (item: T, index: number, signal?: AbortSignal) => Promise<Exchange>,
  opts: BulkOptions = {},
): Promise<BulkRow[]> {
  const rate = opts.ratePerSecond && opts.ratePerSecond > 0 ? opts.ratePerSecond : 1;
  const interval = 1000 / rate;
  const maxRetries = opts.maxRetries ?? 2;
  const maxRetryAfterMs = opts.maxRetryAfterMs ?? 60_000;
  const sleep = opts.sleep ?? abortableSleep;
  const label = opts.label ?? ((i: number) => `item ${i + 1}`);
  const rows: BulkRow[] = [];
  let lastStart = -Infinity;

  const pace = async () => {
    const wait = lastStart + interval - performance.now();
    if (wait > 0) await sleep(wait, opts.signal);
    lastStart = performance.now();
  };

  for (let i = 0; i < items.length; i++) {
    if (opts.signal?.aborted) {
      rows.push({
        index: i,
        label: label(i),
        error: 'skipped: the bulk send was cancelled',
        durationMs: 0,
        attempts: 0,
      });
      continue;
    }
    let attempts = 0;
    let ex: Exchange | undefined;
    let waitNote = '';
    for (;;) {
      await pace().catch(() => undefined);
      if (opts.signal?.aborted) break;
      attempts++;
      ex = await sendOne(items[i], i, opts.signal);
      if (ex.response?.status !== 429 || attempts > maxRetries) break;
      const retryMs = parseRetryAfter(headerValue(ex.response.headers, 'retry-after')) ?? 1000;
      if (retryMs > maxRetryAfterMs) {
        waitNote = ` (asked to wait ${Math.ceil(retryMs / 1000)} s; not retried)`;
        break;
      }
      await sleep(retryMs, opts.signal).catch(() => undefined);
      if (opts.signal?.aborted) break;
      // The wait already spaced this retry out.
      lastStart = -Infinity;
    }
    const row: BulkRow = ex
      ? {
          index: i,
          label: label(i),
          ...(ex.response ? { status: ex.response.status, statusText: ex.response.statusText } : {}),
          ...(ex.error ? { error: ex.error.message } : waitNote ? { error: `rate limited${waitNote}` } : {}),
          durationMs: ex.durationMs,
          attempts,
          exchange: ex,
        }
      : { index: i, label: label(i), error: 'skipped: the bulk send was cancelled', durationMs: 0, attempts };
    rows.push(row);
    opts.onProgress?.(rows.length, items.length, row);
  }
  return rows;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('aborted'));
    const t = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(t);
      reject(new Error('aborted'));
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The summary as a text table: one row per item. `mask` hides secrets in reason phrases and error sentences; labels
 * (sample values) and what the server said are shown with control characters made visible.
 */
export function formatBulkSummary(rows: readonly BulkRow[], mask: (s: string) => string = s => s): string {
  const head = ['Item', 'Result', 'Time', 'Tries'];
  const body = rows.map(r =>
    [
      r.label,
      r.status !== undefined
        ? `${r.status} ${mask(r.statusText ?? '')}`.trim() + (r.error ? ` — ${mask(r.error)}` : '')
        : mask(r.error ?? 'no response'),
      r.attempts === 0 ? '-' : `${Math.round(r.durationMs)} ms`,
      String(r.attempts),
    ].map(visible),
  );
  const widths = head.map((h, c) =>
    Math.min(
      c === 1 ? 100 : 40,
      body.reduce((w, b) => Math.max(w, b[c].length), h.length),
    ),
  );
  const fmt = (cells: string[]) =>
    cells
      .map((s, c) => (c === cells.length - 1 ? s : s.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  const ok = countSucceeded(rows);
  return (
    [fmt(head), fmt(widths.map(w => '-'.repeat(w))), ...body.map(fmt), '', `${ok} of ${rows.length} succeeded.`].join(
      '\n',
    ) + '\n'
  );
}

/** How many items got a 2xx answer that arrived whole. */
export function countSucceeded(rows: readonly BulkRow[]): number {
  return rows.filter(r => !r.error && r.status !== undefined && isSuccessStatus(r.status)).length;
}

/** The bulk run as one status line: all passed, none passed, or some. */
export function summarizeBulk(rows: readonly BulkRow[]): ExchangeSummary {
  const ok = countSucceeded(rows);
  return { kind: ok === rows.length ? 'pass' : ok === 0 ? 'error' : 'warning', text: `Bulk ${ok}/${rows.length} OK` };
}
