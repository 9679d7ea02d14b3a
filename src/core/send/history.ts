import type { KeyValueStore } from '../host';
import type { SendErrorKind } from './types';

/** One exchange as remembered in the "Webhook Log" history. Everything here is already masked. */
export interface WebhookLogEntry {
  id: string;
  /** When the exchange started (ISO 8601). */
  startedAt: string;
  macroName: string;
  sampleName?: string;
  /** The environment the send used (its `${var:NAME}` values), when one was active. */
  environment?: string;
  /** Which item of the sample was used (0-based), when the sample has several. */
  sampleIndex?: number;
  /** The sample that was used ("builtin:ID" or the sample file's path), to send again with the same one. */
  sampleId?: string;
  /** The macro file (a URI string) so the entry can be sent again. */
  file?: string;
  /** 'receiver' when it went to the local test receiver instead of the macro's URL. */
  target: 'real' | 'receiver';
  /** Masked request line, e.g. "POST https://hooks.slack.com/services/T000/B000/****". */
  requestLine: string;
  status?: number;
  statusText?: string;
  totalMs?: number;
  /** What failed when the exchange did not complete, and its one-sentence explanation. */
  errorKind?: SendErrorKind;
  errorMessage?: string;
  /** The formatted exchange log, masked, capped at LOG_TEXT_LIMIT characters. */
  logText: string;
}

export const WEBHOOK_LOG_LIMIT = 50;
/** Workspace state is not a blob store: 50 entries of at most 64 KB each stay small. */
export const LOG_TEXT_LIMIT = 64 * 1024;

const KEY = 'ccmacro.webhookLog';

/** The last exchanges of one workspace, newest first, at most `limit` of them. */
export class WebhookLog {
  private counter = 0;
  constructor(
    private readonly store: KeyValueStore,
    private readonly limit = WEBHOOK_LOG_LIMIT,
  ) {}

  entries(): WebhookLogEntry[] {
    const v = this.store.get<WebhookLogEntry[]>(KEY);
    return Array.isArray(v) ? v : [];
  }

  get(id: string): WebhookLogEntry | undefined {
    return this.entries().find(e => e.id === id);
  }

  async add(entry: Omit<WebhookLogEntry, 'id'>): Promise<WebhookLogEntry> {
    const stored: WebhookLogEntry = { ...entry, id: this.nextId(entry.startedAt), logText: capLogText(entry.logText) };
    const next = [stored, ...this.entries()].slice(0, this.limit);
    await this.store.update(KEY, next);
    return stored;
  }

  async clear(): Promise<void> {
    await this.store.update(KEY, []);
  }

  private nextId(startedAt: string): string {
    return `${Date.parse(startedAt) || Date.now()}-${(this.counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  }
}

/**
 * The log text cut to `limit` characters for the history. `text` is the masked exchange log (formatExchangeLog masks
 * before anything is cut), so a cut here can only split a `••••`, never reveal the start of a secret.
 */
export function capLogText(text: string, limit = LOG_TEXT_LIMIT): string {
  if (text.length <= limit) return text;
  // Never split a surrogate pair.
  const high = text.charCodeAt(limit - 1);
  const at = high >= 0xd800 && high <= 0xdbff ? limit - 1 : limit;
  return (
    text.slice(0, at) +
    `\n… (log cut at ${Math.round(limit / 1024)} KB for the history; the full text was in the ccmacro output channel)\n`
  );
}
