import * as path from 'node:path';
import type { CancellationToken, SecretResolver } from '../host';
import { abortSignalOf } from '../common/cancellation';
import type { Problem } from '../common/problem';
import type { Result } from '../common/result';
import { returnValueEntries } from '../macro/returnValues';
import type { ParsedMacro } from '../macro/parse';
import { evaluateReturnValues, returnValueProblems } from '../returns/evaluate';
import type { SampleItem } from '../samples/types';
import { createMasker, type Masker } from '../secrets/mask';
import {
  countSucceeded,
  formatBulkSummary,
  sendBulk,
  summarizeBulk,
  type BulkOptions,
  type BulkRow,
} from '../send/bulk';
import type { WebhookLogEntry } from '../send/history';
import { formatExchangeLog, type ExchangeMeta } from '../send/log';
import { maskedExplanation, webhookLogEntry, type WebhookLogMeta } from '../send/logEntry';
import {
  loadMacroForSend,
  prepareRequest,
  type MacroForSend,
  type PreparedRequest,
  type PrepareOptions,
  type SendSampleChoice,
} from '../send/prepare';
import { proxyFromEnv } from '../send/proxy';
import { loadCaFile, sendOptionsFromSettings, type SendSettings, type SendSettingsContext } from '../send/settings';
import { isSuccess, type ExchangeSummary } from '../send/summary';
import type { Exchange, OutgoingRequest, ProxySettings, SendOptions } from '../send/types';
import type { MacroDocument } from './context';
import type { ServiceState } from './state';

/** One send's Webhook Log entry, the answer's explanation and the URL as shown, all masked. */
export interface LoggedExchange {
  entry: Omit<WebhookLogEntry, 'id'>;
  explanation?: string;
  url: string;
}

/**
 * Test sends: a macro and its sample made ready, placeholders resolved, sent once or for each sample item, and the
 * exchange logged with every secret masked. (What the host keeps about sends is service/stores.ts.)
 */
export interface Sending {
  /** Parse the macro and load the sample item to send with, or the stage that stopped (syntax, sample). */
  loadForSend(doc: MacroDocument, choice?: SendSampleChoice): Promise<MacroForSend>;
  /** Render one sample item and resolve its placeholders: exactly what goes on the wire, or why not. */
  prepareRequest(
    parsed: ParsedMacro,
    item: SampleItem,
    resolver: SecretResolver,
    options?: PrepareOptions,
  ): Promise<PreparedRequest>;
  /**
   * Send a request with the service's one sender (connections kept alive). Never rejects for network trouble: a
   * failure is `exchange.error`; a cancelled token ends it as an `aborted` exchange.
   */
  send(request: OutgoingRequest, options?: SendOptions, token?: CancellationToken): Promise<Exchange>;
  /** One send per request, paced like Centercode's bulk trigger (Retry-After honoured); cancelled: the rest skipped. */
  sendBulk(
    requests: readonly OutgoingRequest[],
    options: SendOptions,
    bulk: Omit<BulkOptions, 'signal'>,
    token?: CancellationToken,
  ): Promise<BulkRow[]>;
  /** The bulk summary: a table (masked by `mask`), its one-line outcome, and how many items succeeded. */
  bulkSummary(
    rows: readonly BulkRow[],
    mask: (s: string) => string,
  ): Promise<{ table: string; summary: ExchangeSummary; succeeded: number }>;
  /** Hides these secret values, and credentials written literally, in any text shown. */
  masker(secretValues: readonly string[]): Promise<Masker>;
  /** The exchange log as `ccmacro send` prints it and the editor's log shows it, masked. */
  exchangeLog(exchange: Exchange, meta: ExchangeMeta, secretValues: readonly string[]): Promise<string>;
  /** The Webhook Log entry for an exchange, with the answer's explanation. */
  logEntry(exchange: Exchange, meta: WebhookLogMeta, secretValues: readonly string[]): Promise<LoggedExchange>;
  /** `returnValues` the (successful, whole) answer does not hold, as warnings at their entries, masked. */
  returnValueWarnings(parsed: ParsedMacro, exchange: Exchange, secretValues: readonly string[]): Promise<Problem[]>;
  /** Send options from settings (timeouts, redirects, CA file, proxy), or why they cannot be used. */
  sendOptions(settings: SendSettings, context: SendSettingsContext): Promise<Result<SendOptions>>;
  /** A PEM CA file's text (`--ca`), or why it cannot be used. */
  loadCaFile(file: string, readFile: (path: string) => Promise<string>): Promise<Result<string>>;
  /** The proxy from HTTPS_PROXY / HTTP_PROXY / NO_PROXY for a target URL. */
  proxyFromEnv(env: NodeJS.ProcessEnv, targetUrl: string): Promise<ProxySettings | undefined>;
}

export function sending(state: ServiceState): Sending {
  const masker = async (secretValues: readonly string[]) => createMasker({ secretValues: [...secretValues] });
  return {
    loadForSend: async (doc, choice) => loadMacroForSend(doc.text, path.dirname(doc.path), state.fs, choice),
    prepareRequest: (parsed, item, resolver, options) => prepareRequest(parsed, item, resolver, options),
    async send(request, options = {}, token) {
      const abort = abortSignalOf(token);
      try {
        return await state.sender().send(request, { ...options, ...(abort.signal ? { signal: abort.signal } : {}) });
      } finally {
        abort.dispose();
      }
    },
    async sendBulk(requests, options, bulk, token) {
      const sender = state.sender();
      const abort = abortSignalOf(token);
      try {
        return await sendBulk(requests, (r, _i, signal) => sender.send(r, { ...options, signal }), {
          ...bulk,
          ...(abort.signal ? { signal: abort.signal } : {}),
        });
      } finally {
        abort.dispose();
      }
    },
    bulkSummary: async (rows, maskText) => ({
      table: formatBulkSummary(rows, maskText),
      summary: summarizeBulk(rows),
      succeeded: countSucceeded(rows),
    }),
    masker,
    exchangeLog: async (exchange, meta, secretValues) =>
      formatExchangeLog(exchange, { ...meta, mask: await masker(secretValues) }),
    async logEntry(exchange, meta, secretValues) {
      const m = await masker(secretValues);
      const explanation = maskedExplanation(exchange, m);
      return {
        entry: webhookLogEntry(exchange, meta, m),
        ...(explanation ? { explanation } : {}),
        url: m.url(exchange.request.url, exchange.request.urlSecretRanges),
      };
    },
    async returnValueWarnings(parsed, exchange, secretValues) {
      const res = exchange.response;
      const entries = returnValueEntries(parsed);
      if (!res || res.truncated || !entries.length || !isSuccess(exchange)) return [];
      const m = await masker(secretValues);
      const saved = evaluateReturnValues(entries, res.bodyText);
      return returnValueProblems(saved, entries, 'warning').map(p => ({ ...p, message: m.text(p.message) }));
    },
    sendOptions: (settings, context) => sendOptionsFromSettings(settings, context),
    loadCaFile: (file, readFile) => loadCaFile(file, readFile),
    proxyFromEnv: async (env, url) => proxyFromEnv(env, url),
  };
}
