import { visible } from '../common/controlChars';
import type { Masker } from '../secrets/mask';
import { explainStatus } from './explain';
import type { WebhookLogEntry } from './history';
import { formatExchangeLog, type ExchangeMeta } from './log';
import { firstRequest, type Exchange } from './types';

/** Who sent what, with which sample item, to where: what a Webhook Log entry records besides the exchange. */
export interface WebhookLogMeta extends ExchangeMeta {
  target: 'real' | 'receiver';
  /** The macro file's URI, so the entry can be sent again. */
  file?: string;
  sample?: { id: string; index: number; count: number };
}

/**
 * The Webhook Log entry for one exchange: every text in it goes through `mask` and then `visible` (the view and its
 * tooltips show them), and its log text is the same exchange log the output channel shows.
 */
export function webhookLogEntry(exchange: Exchange, meta: WebhookLogMeta, mask: Masker): Omit<WebhookLogEntry, 'id'> {
  const logText = formatExchangeLog(exchange, { ...meta, mask });
  const sent = firstRequest(exchange);
  const entry: Omit<WebhookLogEntry, 'id'> = {
    startedAt: exchange.startedAt,
    macroName: visible(mask.text(meta.macroName)),
    target: meta.target,
    // What the macro sent (the first hop when redirects were followed; the log lists every hop).
    requestLine: visible(`${sent.method} ${mask.url(sent.url, sent.urlSecretRanges)}`),
    logText,
  };
  if (meta.sampleName) entry.sampleName = visible(mask.text(meta.sampleName));
  if (meta.environment !== undefined) entry.environment = visible(mask.text(meta.environment));
  if (meta.file) entry.file = meta.file;
  if (meta.sample) {
    entry.sampleId = meta.sample.id;
    if (meta.sample.count > 1 || meta.sample.index > 0) entry.sampleIndex = meta.sample.index;
  }
  const res = exchange.response;
  if (res) {
    entry.status = res.status;
    entry.statusText = visible(mask.text(res.statusText));
    entry.totalMs = Math.round(res.timings.totalMs);
  }
  if (exchange.error) {
    entry.errorKind = exchange.error.kind;
    entry.errorMessage = visible(mask.text(exchange.error.message));
  }
  return entry;
}

/** The explanation of an exchange's outcome, masked (for notifications next to the entry). */
export function maskedExplanation(exchange: Exchange, mask: Masker): string | undefined {
  const why = explainStatus(exchange);
  return why ? visible(mask.text(why)) : undefined;
}
