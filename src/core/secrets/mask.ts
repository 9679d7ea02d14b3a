import type { HttpHeader } from '../render/types';

/** What a masked value is replaced with, everywhere. */
export const MASK = '••••';

/**
 * Hides secrets in anything shown or stored: the log, the history, error messages, cURL text.
 * Masking is applied to the text that is shown, so a secret is hidden however it got there
 * (a resolved ${secret:}, a literal token, an echo in the response body).
 */
export interface Masker {
  /** Free text: bodies, error messages, whole log entries. */
  text(s: string): string;
  /** A URL: Slack webhook path, token-like query parameters, user:password@. */
  url(u: string): string;
  /** One header value, by its header name (Authorization keeps its scheme: `Bearer ••••`). */
  headerValue(name: string, value: string): string;
  headers(headers: readonly HttpHeader[]): HttpHeader[];
}

export interface MaskerOptions {
  /** Values that came from ${secret:…} / ${env:…}: hidden wherever they appear (also URL- and JSON-encoded). */
  secretValues?: readonly string[];
}

/** Header names whose whole value is a credential. */
const SENSITIVE_HEADER =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|apikey|x-auth-token|x-access-token|private-token|x-csrf-token|x-xsrf-token)$|token|secret|passw|api[-_]?key|signature|credential|session/i;

/** Query parameter names whose value is a credential. */
const SENSITIVE_PARAM = String.raw`(?:[\w.-]*(?:token|secret|passw|api[_-]?key|apikey|signature|credential)[\w.-]*|key|sig|auth|password|client_secret)`;
const QUERY_PARAM = new RegExp(String.raw`([?&;]${SENSITIVE_PARAM}=)([^&#\s"'<>\\]+)`, 'gi');

/** Incoming webhook URLs: the path is the secret. Keep the host so people can see where it went. */
const SLACK_WEBHOOK = /((?:https?:\/\/)?hooks\.slack(?:-gov)?\.com\/(?:services|workflows|triggers))\/[^\s"'<>\\)]+/gi;
/** Other webhook URLs whose path is the credential (Discord, Teams/Office 365, Google Chat keys are in the query). */
const DISCORD_WEBHOOK = /((?:https?:\/\/)?(?:discord|discordapp)\.com\/api\/webhooks)\/[^\s"'<>\\)]+/gi;
const USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/"'<>]*:)([^\s@/"'<>]+)(@)/gi;
/** "Authorization: …" written out in free text (cURL commands, raw dumps, error messages). */
const HEADER_LINE =
  /\b(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|x-auth-token|x-access-token|private-token)(\s*:[ \t]*)(?:(Bearer|Basic|Token|Digest)[ \t]+)?([^\r\n'"]+)/gi;
const AUTH_SCHEME = /\b(Bearer|Basic|Token|Digest)(\s+)[A-Za-z0-9._~+/=-]{6,}/g;
/** Well-known key shapes (Slack, GitHub, Stripe, AWS, GitLab, OpenAI-style). */
const KEY_PATTERNS =
  /\b(?:xox[abposr]-[A-Za-z0-9-]{8,}|xapp-[A-Za-z0-9-]{8,}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|[sr]k_(?:live|test)_[A-Za-z0-9]{10,}|AKIA[0-9A-Z]{16}|glpat-[A-Za-z0-9_-]{16,}|sk-[A-Za-z0-9_-]{20,})/g;

export function createMasker(options: MaskerOptions = {}): Masker {
  const literals = secretForms(options.secretValues ?? []);

  const text = (s: string): string => {
    if (!s) return s;
    let out = s;
    for (const [v, replacement] of literals) if (out.includes(v)) out = out.split(v).join(replacement);
    out = out
      .replace(SLACK_WEBHOOK, `$1/${MASK}`)
      .replace(DISCORD_WEBHOOK, `$1/${MASK}`)
      .replace(USERINFO, `$1${MASK}$3`)
      .replace(QUERY_PARAM, `$1${MASK}`)
      .replace(
        HEADER_LINE,
        (_m, name: string, sep: string, scheme: string | undefined) =>
          `${name}${sep}${scheme ? scheme + ' ' : ''}${MASK}`,
      )
      .replace(AUTH_SCHEME, `$1$2${MASK}`)
      .replace(KEY_PATTERNS, MASK);
    return out;
  };

  const headerValue = (name: string, value: string): string => {
    if (SENSITIVE_HEADER.test(name)) {
      const scheme = /^\s*(Bearer|Basic|Token|Digest|Negotiate|NTLM|AWS4-HMAC-SHA256)\s+/i.exec(value);
      return scheme ? `${scheme[1]} ${MASK}` : value ? MASK : value;
    }
    return text(value);
  };

  return {
    text,
    url: text,
    headerValue,
    headers: hs => hs.map(h => ({ name: h.name, value: headerValue(h.name, h.value) })),
  };
}

/** A masker that only applies the built-in patterns (no known secret values). */
export const defaultMasker: Masker = createMasker();

/**
 * Each secret in the forms it may take in output: as is, URL-encoded, JSON-escaped, base64 (Basic auth).
 * Longest first, so a secret containing another is hidden whole. Values under 3 characters are
 * skipped: masking every "a" would make the log unreadable without protecting anything.
 */
function secretForms(values: readonly string[]): Array<[string, string]> {
  const forms = new Map<string, string>();
  const add = (form: string, replacement: string) => {
    if (form.length >= 3 && !forms.has(form)) forms.set(form, replacement);
  };
  for (const v of values) {
    if (typeof v !== 'string' || v.length < 3) continue;
    // A secret URL keeps its origin in view ("https://hooks.slack.com/••••"): where it went is not secret.
    const origin = /^(https?:\/\/[^/\s?#@]+)[/?#]./i.exec(v)?.[1];
    const replacement = origin ? `${origin}/${MASK}` : MASK;
    add(v, replacement);
    add(encodeURIComponent(v), MASK);
    add(encodeURI(v), replacement);
    add(JSON.stringify(v).slice(1, -1), replacement);
    add(encodeURIComponent(v).replace(/%20/g, '+'), MASK);
  }
  return [...forms].sort((a, b) => b[0].length - a[0].length);
}

export function isSensitiveHeader(name: string): boolean {
  return SENSITIVE_HEADER.test(name);
}

/**
 * How a run of literal text in a header value is masked when the value is shown in pieces (around placeholders
 * or substituted values): for a credential header everything the author wrote is hidden, except an auth scheme
 * word; other headers go through the usual patterns. `first`: the run starts the value.
 */
export function headerRunMasker(name: string): (run: string, first: boolean) => string {
  if (!isSensitiveHeader(name)) return run => defaultMasker.headerValue(name, run);
  return (run, first) => {
    const scheme = first ? /^\s*(Bearer|Basic|Token|Digest|Negotiate|NTLM|Bot)(\s+|$)/i.exec(run) : null;
    if (scheme) return run.length > scheme[0].length ? `${scheme[1]} ${MASK}` : `${scheme[1]} `;
    return run.trim() ? MASK : run;
  };
}
