import { explainStatus } from './explain';
import { formatMs } from './summary';
import { visible } from '../common/controlChars';
import { reindentJson } from '../common/jsonDepth';
import { defaultMasker, type Masker } from '../secrets/mask';
import { maskPlaceholders } from '../secrets/resolve';
import type { RenderedRequest } from '../render/types';
import { headerValue } from '../common/headers';
import type { Exchange } from './types';
import { evaluateReturnValues, returnValueLine } from '../returns/evaluate';

export interface ExchangeMeta {
  macroName: string;
  /** The sample file (or built-in sample) used, e.g. "hostile (item 2)". */
  sampleName?: string;
  /** The environment whose `${var:NAME}` values were sent (.ccmacro/environments.json), when one was active. */
  environment?: string;
  /** The macro's `returnValues`: response field path → Centercode external-data name. */
  returnValues?: Record<string, string>;
}

/**
 * One log entry for one send, like Centercode's Macro Webhook Log but complete: who, what went
 * out, what came back, how long it took, what it means. Everything passes through `mask` (a body cut at
 * maxLogBytes through `mask.cutText`), then `visible`: no control character reaches a terminal or a log view.
 */
export function formatExchangeLog(exchange: Exchange, meta: ExchangeMeta & { mask?: Masker }): string {
  const mask = meta.mask ?? defaultMasker;
  const out: string[] = [];
  const req = exchange.request;
  // The header too: a macro name or a sample file name may hold a secret's value.
  out.push(`── ${formatTime(exchange.startedAt)} ── ${mask.text(meta.macroName) || '(unnamed macro)'}`);
  if (meta.sampleName) out.push(`Sample: ${mask.text(meta.sampleName)}`);
  if (meta.environment !== undefined) out.push(`Environment: ${mask.text(meta.environment)}`);
  out.push('');
  // Every hop, in order: each request (the body in full for the first, which the macro sent), then the redirect that
  // answered it. A redirect that was not followed ends the exchange: it is listed after the last request.
  const followed = exchange.redirects.filter(r => !r.notFollowed);
  const hops = followed.every(r => r.request) ? followed : [];
  const requests = [...hops.map(r => r.request!), req];
  const redirectLine = (r: Exchange['redirects'][number]) =>
    `↪ ${r.status} redirect to ${mask.url(r.location)} (${r.notFollowed ? `not followed: ${r.notFollowed}` : 'followed'})`;
  requests.forEach((hop, i) => {
    if (i > 0) out.push('', redirectLine(hops[i - 1]), '');
    out.push(`${hop.method} ${mask.url(hop.url, hop.urlSecretRanges)}`);
    for (const h of mask.headers(hop.headers)) out.push(`${h.name}: ${h.value}`);
    if (hop.bodyText === undefined || hop.bodyText === '') return;
    if (i === 0) out.push('', prettyBody(hop.bodyText, headerValue(hop.headers, 'content-type'), mask));
    else out.push('', `(the same body as above, ${bytes(hop.bodyBytes)})`);
  });
  for (const r of exchange.redirects) {
    if (hops.includes(r)) continue;
    out.push('');
    out.push(redirectLine(r));
  }
  const res = exchange.response;
  if (res) {
    out.push('');
    const timing = `${formatMs(res.timings.totalMs)} total, first byte after ${formatMs(res.timings.ttfbMs)}`;
    out.push(`HTTP/${res.httpVersion ?? '1.1'} ${res.status} ${mask.text(res.statusText)}   (${timing})`);
    for (const h of mask.headers(res.headers)) out.push(`${h.name}: ${h.value}`);
    out.push('');
    if (res.bodyBytes === 0) {
      out.push('(empty body)');
    } else {
      out.push(
        res.truncated
          ? mask.cutText(res.bodyText)
          : prettyBody(res.bodyText, headerValue(res.headers, 'content-type'), mask),
      );
      if (res.truncated) out.push(truncationNote(res, !!exchange.error));
      else if (res.contentEncoding) {
        out.push(`(${res.contentEncoding}-compressed: ${bytes(res.bodyBytes)} on the wire)`);
      }
    }
    const mapping = Object.entries(meta.returnValues ?? {}).map(([field, name]) => ({ field, name }));
    if (mapping.length > 0) {
      out.push('');
      out.push('Return values (what Centercode would save):');
      if (res.truncated) out.push('  (not read: the response body was too large to keep)');
      else for (const v of evaluateReturnValues(mapping, res.bodyText)) out.push(`  ${mask.text(returnValueLine(v))}`);
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
  for (const caveat of mask.caveats) {
    out.push('');
    out.push(`ⓘ ${caveat}`);
  }
  // Masked first (a secret may hold control characters), then every control character shown visibly.
  return visible(out.join('\n') + '\n');
}

/**
 * A rendered request as `ccmacro render --format request` prints it: method and URL, headers, a blank line, the body.
 * Placeholders show as ••••, credentials written literally are masked, control characters are shown visibly.
 */
export function formatRenderedRequest(request: RenderedRequest, mask: Masker): string {
  const masked = maskPlaceholders(request);
  let out = `${masked.method} ${mask.url(masked.url)}\n`;
  for (const h of mask.headers(masked.headers)) out += `${h.name}: ${h.value}\n`;
  out += '\n';
  if (masked.bodyText !== undefined) out += masked.bodyText.endsWith('\n') ? masked.bodyText : masked.bodyText + '\n';
  return visible(mask.text(out));
}

/** Pretty JSON when it parses, otherwise the text as is. Masked before and after re-serialising. */
function prettyBody(text: string, contentType: string | undefined, mask: Masker): string {
  const masked = mask.text(text);
  const t = masked.trim();
  const looksJson = /json/i.test(contentType ?? '') || t.startsWith('{') || t.startsWith('[');
  const pretty = looksJson ? reindentJson(t) : undefined; // not JSON after all, or nested too deeply: as is
  return pretty === undefined ? masked : mask.text(pretty);
}

/** Why the body shown is not the whole response: cut for the log, or the response itself ended early. */
function truncationNote(res: NonNullable<Exchange['response']>, failed: boolean): string {
  const shown = Buffer.byteLength(res.bodyText);
  if (res.contentEncoding)
    return `… body truncated: showing the first ${bytes(shown)} of it once decompressed (${bytes(res.bodyBytes)} ${res.contentEncoding}-compressed arrived).`;
  if (failed && shown >= res.bodyBytes)
    return `… the body ended early: ${bytes(res.bodyBytes)} arrived before the failure below, all shown above.`;
  return `… body truncated: showing the first ${bytes(shown)} of ${bytes(res.bodyBytes)}.`;
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
