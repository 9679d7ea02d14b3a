/**
 * The sender's public face. Importing this does NOT load undici: sendRequest loads it on first use.
 */
export * from './types';
export { sendRequest, closeSendConnections, DEFAULT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_MAX_LOG_BYTES } from './send';
export { proxyFromEnv, parseNoProxy, bypassesProxy, proxyFor } from './proxy';
export { explainStatus, parseRetryAfter } from './explain';
export { createMasker, defaultMasker, isSensitiveHeader, MASK, type Masker, type MaskerOptions } from './mask';
export { formatExchangeLog, toHistoryEntry, extractReturnValues, exchangeHeadline, formatMs, type ExchangeMeta, type HistoryEntry, type ReturnValue } from './log';
export { sendBulk, formatBulkSummary, type BulkRow, type BulkOptions } from './bulk';
export { startReceiver, checkSlackPayload, formatReceivedRequest, type Receiver, type ReceivedRequest, type ReceiverOptions, type ReceiverAnswer } from '../receiver';
