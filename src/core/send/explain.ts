import { headerValue } from '../common/headers';
import type { Exchange } from './types';
import { TARGETS } from '../targets';

/**
 * What the response means for the person who wrote the macro, or undefined when it is
 * self-explanatory (a plain 2xx). Network failures carry their own sentence in exchange.error.
 */
export function explainStatus(exchange: Exchange): string | undefined {
  const res = exchange.response;
  if (!res || exchange.error) return undefined;
  // A target's own words first (Slack's error codes, a Teams Workflow's 202), whatever the macro's target.
  for (const target of TARGETS) {
    const said = target.explainAnswer?.({ status: res.status, bodyText: res.bodyText, url: exchange.request.url });
    if (said) return said;
  }
  const s = res.status;
  if (s >= 200 && s < 300) return undefined;
  if (s >= 300 && s < 400) {
    const loc = headerValue(res.headers, 'location');
    // Following was on, and this redirect could not be followed: say why, not "turn following on".
    const last = exchange.redirects[exchange.redirects.length - 1];
    if (loc && last?.notFollowed) return `The server redirects to ${loc}, which was not followed: ${last.notFollowed}.`;
    return loc
      ? `The server redirects to ${loc}. Redirects are not followed by default; update the macro's URL, or follow them (ccmacro.send.followRedirects, --follow-redirects).`
      : 'The server answered with a redirect but no Location header.';
  }
  if (s === 400)
    return "The server rejected the request as malformed (400): check the body format and required fields against the receiver's documentation.";
  if (s === 401)
    return 'Not authenticated (401): check the Authorization header and that the secret it uses (${secret:…}) holds a valid, unexpired token.';
  if (s === 403)
    return "Forbidden (403): the credentials were accepted but may not do this; check the Authorization header / secret and the token's permissions.";
  if (s === 404) return 'Not found (404): check the URL path; for a webhook, it may have been deleted.';
  if (s === 405)
    return 'Method not allowed (405): the endpoint does not accept this HTTP method; check "method" in the macro.';
  if (s === 408) return 'The server timed out waiting for the request (408): try again.';
  if (s === 410) return 'The endpoint is gone for good (410): stop sending to it and remove or update the macro.';
  if (s === 413)
    return 'The request body is too large for the server (413): shorten it, e.g. long tag values such as descriptions.';
  if (s === 415) return 'Unsupported media type (415): check the Content-Type header and the body format.';
  if (s === 422)
    return 'The server understood the body but rejected its content (422): see the response body for which field.';
  if (s === 429) {
    const retry = headerValue(res.headers, 'retry-after');
    return `Rate limited (429): too many requests${retry ? `; the server asks to wait ${describeRetryAfter(retry)} before trying again` : ''}. Slack allows about one message per second per webhook.`;
  }
  if (s >= 500)
    return `The server failed (${s}): the problem is on the receiver's side, not in the macro; try again later${s === 502 || s === 503 || s === 504 ? ' (it may be down or overloaded)' : ''}.`;
  if (s >= 400) return `The server refused the request (${s}): see the response body for the reason.`;
  return undefined;
}

/** Retry-After is seconds or an HTTP date. Returns ms to wait, or undefined when unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

function describeRetryAfter(value: string): string {
  const ms = parseRetryAfter(value);
  if (ms === undefined) return `"${value}"`;
  const s = Math.ceil(ms / 1000);
  return `${s} second${s === 1 ? '' : 's'}`;
}
