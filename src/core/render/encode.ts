/** Output encoders: each turns a plain value into the text that is safe where it lands. */

// Characters JSON.stringify would escape (plus surrogates, so lone halves go through it too).
const JSON_NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** The inside of a JSON string literal for `s` (no quotes). Parses back to exactly `s`. */
export function jsonStringContent(s: string): string {
  if (!JSON_NEEDS_ESCAPE.test(s)) return s;
  const q = JSON.stringify(s);
  return q.slice(1, q.length - 1);
}

const SLACK_SPECIAL = /[&<>]/;
/** Slack mrkdwn control characters in a value: `<!channel>` and `<http://x|forged>` become plain text. */
export function slackEscape(s: string): string {
  if (!SLACK_SPECIAL.test(s)) return s;
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const XML_SPECIAL = /[&<>"']/;
const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
export function xmlEscape(s: string): string {
  if (!XML_SPECIAL.test(s)) return s;
  return s.replace(/[&<>"']/g, c => XML_ENTITIES[c]);
}

/** Replace lone surrogate halves (which no URL or UTF-8 can carry) with U+FFFD. */
export function toWellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

export function hasLoneSurrogate(s: string): boolean {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}

/** A value in a URL path segment, query or fragment: everything but unreserved characters is escaped, `/` too. */
export function urlComponent(s: string): string {
  return encodeURIComponent(toWellFormed(s));
}

/** application/x-www-form-urlencoded, byte-for-byte as URLSearchParams writes it (space as +). */
export function formComponent(s: string): string {
  return encodeURIComponent(toWellFormed(s))
    .replace(/%20/g, '+')
    .replace(/[!'()~]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}
