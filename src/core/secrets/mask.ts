import type { OffsetRange } from '../common/text';
import type { HttpHeader } from '../render/types';
import { isSensitiveHeader } from './sensitiveHeader';
import { pushAll } from '../common/arrays';

/** What a masked value is replaced with, everywhere. */
export const MASK = '••••';

/**
 * Values shorter than this (in characters) are not searched for anywhere: an `${env:FORMAT}` of `plain` would turn
 * `content-type: text/plain` into `text/••••`, and a value this short is not a secret a search could protect. They are
 * hidden by position where the request carries them (the URL and header values, see `secretRanges`), and the log says
 * that they are not looked for elsewhere (see `caveats`). 8 is the shortest password NIST SP 800-63B allows.
 */
export const MIN_SEARCH_LENGTH = 8;

/**
 * A spelling of a (long enough) secret shorter than this, such as the query of a secret URL that ends in `?a`, is not
 * searched for: one or two characters cannot be told from ordinary text (`/` would mask every URL).
 */
const MIN_FORM_LENGTH = 3;

/** A header with, optionally, where values that came from ${secret:}/${env:} placeholders sit in its value. */
export interface MaskableHeader extends HttpHeader {
  secretRanges?: readonly OffsetRange[];
}

/**
 * Hides secrets in anything shown or stored: the log, the history, error messages, cURL text.
 * Masking is applied to the text that is shown, so a secret is hidden however it got there
 * (a resolved ${secret:}, a literal token, an echo in the response body).
 */
export interface Masker {
  /** Free text: bodies, error messages, whole log entries. */
  text(s: string): string;
  /**
   * Text that was cut short at its end (a truncated body): as `text`, and a trailing part that could be the start of
   * a secret or a credential (in any of its forms, or an escape sequence cut in half) is hidden too, so a cut never
   * shows the first characters of a secret.
   */
  cutText(s: string): string;
  /** A URL: Slack webhook path, token-like query parameters, user:password@; `secretRanges` are hidden by position. */
  url(u: string, secretRanges?: readonly OffsetRange[]): string;
  /** One header value, by its header name (Authorization keeps its scheme: `Bearer ••••`). */
  headerValue(name: string, value: string, secretRanges?: readonly OffsetRange[]): string;
  /** Header values masked by name, by search, and by their `secretRanges`. */
  headers(headers: readonly MaskableHeader[]): HttpHeader[];
  /** Plain sentences saying what this masker cannot promise (a secret too short to be searched for). */
  readonly caveats: readonly string[];
}

interface MaskerOptions {
  /** Values that came from ${secret:…} / ${env:…}: hidden wherever they appear, in every form they take. */
  secretValues?: readonly string[];
}

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

/** At the end of a cut text: the start of a credential the patterns above would have hidden had it gone on. */
const CUT_AUTH_SCHEME = /\b(Bearer|Basic|Token|Digest)(\s+)[A-Za-z0-9._~+/=•-]+$/;
const CUT_KEY = /\b(?:xox[abposr]-|xapp-|gh[pousr]_|github_pat_|[sr]k_(?:live|test)_|AKIA|glpat-|sk-)[A-Za-z0-9_•-]*$/;
const CUT_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/"'<>]*:)[^\s@/"'<>]+$/i;
/** An escape sequence cut in half at the end (`%4`, `\u00`, `&#x2`): it could be the next character of a secret. */
const CUT_ESCAPE = /(?:%[0-9A-Fa-f]?|\\(?:u[0-9A-Fa-f]{0,3}|x[0-9A-Fa-f]?)?|&#?[xX]?[0-9A-Za-z]{0,7})$/;

const REPEATED_MASK = new RegExp(`(?:${MASK}){2,}`, 'g');

/** One spelling of a secret to look for. */
interface Form {
  text: string;
  /** What the match becomes (a secret URL keeps its origin in view). */
  replacement: string;
}

/** A part of the text to hide, [start, end) in UTF-16 code units. */
interface Span {
  start: number;
  end: number;
  replacement: string;
}

export function createMasker(options: MaskerOptions = {}): Masker {
  const values = [...new Set((options.secretValues ?? []).filter(v => typeof v === 'string' && v.length > 0))];
  const forms = secretForms(values);
  // A form holding escape-like text is also looked for where only one kind of escape is undone.
  const byKind = forms.some(f => ESCAPE_LIKE.test(f.text));
  const shortCount = values.filter(v => codePoints(v) < MIN_SEARCH_LENGTH).length;
  const caveats =
    shortCount > 0
      ? [
          `${shortCount === 1 ? 'A secret or environment value' : `${shortCount} secret or environment values`} used here ${shortCount === 1 ? 'is' : 'are'} shorter than ${MIN_SEARCH_LENGTH} characters: hidden in the URL and headers where the request carries ${shortCount === 1 ? 'it' : 'them'}, but not looked for anywhere else (a server that echoes ${shortCount === 1 ? 'it' : 'them'} back shows ${shortCount === 1 ? 'it' : 'them'} in this log). Use longer secrets.`,
        ]
      : [];

  const mask = (s: string, positional: readonly OffsetRange[] | undefined, cut: boolean): string => {
    if (!s) return s;
    let body = s;
    let tail = '';
    if (cut) {
      // Hide an escape cut in half, and look for secret starts in what comes before it.
      const escape = CUT_ESCAPE.exec(s)?.[0] ?? '';
      if (escape) {
        body = s.slice(0, s.length - escape.length);
        tail = MASK;
      }
    }
    const spans: Span[] = [];
    for (const r of positional ?? []) {
      const start = Math.max(0, r.start);
      const end = Math.min(body.length, r.end);
      if (end > start) spans.push({ start, end, replacement: replacementFor(body.slice(start, end)) });
    }
    if (forms.length > 0) findSpans(body, forms, byKind, cut, spans);
    let out = applyPatterns(replaceSpans(body, spans));
    if (cut) {
      out = out.replace(CUT_AUTH_SCHEME, `$1$2${MASK}`).replace(CUT_KEY, MASK).replace(CUT_USERINFO, `$1${MASK}`);
    }
    // Masks side by side (a span next to a pattern match) read as one.
    return (tail && out.endsWith(MASK) ? out : out + tail).replace(REPEATED_MASK, MASK);
  };

  const headerValue = (name: string, value: string, ranges?: readonly OffsetRange[]): string => {
    if (isSensitiveHeader(name)) {
      const scheme = /^\s*(Bearer|Basic|Token|Digest|Negotiate|NTLM|AWS4-HMAC-SHA256)\s+/i.exec(value);
      return scheme ? `${scheme[1]} ${MASK}` : value ? MASK : value;
    }
    return mask(value, ranges, false);
  };

  return {
    text: s => mask(s, undefined, false),
    cutText: s => mask(s, undefined, true),
    url: (u, ranges) => mask(u, ranges, false),
    headerValue,
    headers: hs => hs.map(h => ({ name: h.name, value: headerValue(h.name, h.value, h.secretRanges) })),
    caveats,
  };
}

/** A masker that only applies the built-in patterns (no known secret values). */
export const defaultMasker: Masker = createMasker();

export { isSensitiveHeader };

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

function applyPatterns(s: string): string {
  return s
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
}

/** A secret URL keeps its origin in view ("https://hooks.slack.com/••••"): where it went is not secret. */
function replacementFor(value: string): string {
  const origin = /^(https?:\/\/[^/\s?#@]+)[/?#]./i.exec(value)?.[1];
  return origin ? `${origin}/${MASK}` : MASK;
}

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Each secret in the forms it may take in output. Percent-, JSON-, `\x`- and HTML-escaped spellings (mixed in any
 * way) are found by searching decoded views of the text (see `views`), so forms only need what decoding cannot undo:
 * - the secret as is, and without the spaces around it (HTTP trims header values);
 * - how WHATWG URL parsing serialises it in a path, a query, a fragment, userinfo and a host (it also drops tabs and
 *   newlines, turns `\` into `/` and resolves dot segments), and as `application/x-www-form-urlencoded`;
 * - when the secret is itself a URL: its normalised form, its path and query, every path suffix from a `/`, and each
 *   query value (a 404 page saying `Cannot POST /hooks/7f3a…` shows only the path);
 * - base64 and base64url of its UTF-8 bytes at each of the three alignments, so it is found inside a longer base64
 *   text such as `Basic base64(user:password)`;
 * - the text its bytes become in every encoding a response can use, read the way ccmacro reads a response (see
 *   `encodingForms`).
 * Values shorter than MIN_SEARCH_LENGTH are not searched for at all (they are masked by position); forms shorter than
 * MIN_FORM_LENGTH are left out.
 */
function secretForms(values: readonly string[]): Form[] {
  const forms = new Map<string, Form>();
  const add = (text: string, replacement: string = MASK) => {
    if (codePoints(text) < MIN_FORM_LENGTH || forms.has(text)) return;
    forms.set(text, { text, replacement });
  };
  for (const v of values) {
    if (codePoints(v) < MIN_SEARCH_LENGTH) continue;
    add(v, replacementFor(v));
    // HTTP drops the spaces and tabs around a header value (only those: a no-break space stays, though trim() drops
    // it), and a server may echo what it got in base64 (a Basic credential).
    const received = v.replace(/^[ \t]+|[ \t]+$/g, '');
    add(v.trim());
    add(received);
    for (const f of urlForms(v)) add(f);
    const whole = wholeUrl(v);
    if (whole) {
      add(whole.href, replacementFor(whole.href));
      for (const f of whole.parts) add(f);
    }
    for (const f of base64Forms(v)) add(f);
    if (received && received !== v) for (const f of base64Forms(received)) add(f);
    for (const f of encodingForms(v)) add(f);
    if (received && received !== v) for (const f of encodingForms(received)) add(f);
  }
  // Longest first, so a secret containing another is hidden whole.
  return [...forms.values()].sort((a, b) => b.text.length - a.text.length);
}

/** Windows-1252's characters for the bytes 0x80–0x9F (the five it leaves undefined stay C1 controls, as WHATWG reads them). */
const CP1252_HIGH =
  '\u20ac\x81\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\x8d\u017d\x8f\x90\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\x9d\u017e\u0178';

/** The value in Windows-1252, or undefined when it holds a character that encoding has not. */
function cp1252Bytes(v: string): Buffer | undefined {
  const out: number[] = [];
  for (const ch of v) {
    const c = ch.codePointAt(0)!;
    const high = CP1252_HIGH.indexOf(ch);
    if (high >= 0) out.push(0x80 + high);
    else if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) out.push(c);
    else return undefined;
  }
  return Buffer.from(out);
}

/**
 * What the value becomes when a server echoes it in another encoding and ccmacro reads it its own way: a response body
 * is read as UTF-8 (invalid bytes become U+FFFD), a header value as Latin-1 (one character per byte). So the forms are
 * its Latin-1, Windows-1252, UTF-16LE and UTF-16BE bytes read as UTF-8, and its UTF-8 and Windows-1252 bytes read as
 * Latin-1. A byte at either end that is not ASCII may join a neighbouring byte into one character: each bytes-as-UTF-8
 * form is also listed without it, so all but that one character is still hidden.
 */
function encodingForms(v: string): string[] {
  const out: string[] = [];
  const asUtf8 = (bytes: Buffer) => {
    out.push(bytes.toString('utf8'));
    if (bytes.length > 1 && bytes[0] >= 0x80) out.push(bytes.subarray(1).toString('utf8'));
    if (bytes.length > 1 && bytes[bytes.length - 1] >= 0x80) out.push(bytes.subarray(0, -1).toString('utf8'));
  };
  const utf16le = Buffer.from(v, 'utf16le');
  asUtf8(utf16le);
  asUtf8(Buffer.from(utf16le).swap16());
  if (/^[\x00-\x7f]*$/.test(v)) return out;
  out.push(Buffer.from(v, 'utf8').toString('latin1'));
  if (/^[\x00-\xff]*$/.test(v)) asUtf8(Buffer.from(v, 'latin1'));
  const cp1252 = cp1252Bytes(v);
  if (cp1252) {
    asUtf8(cp1252);
    out.push(cp1252.toString('latin1'));
  }
  return out.filter(f => f !== v);
}

/** How `new URL` writes the value in each place of a URL it can go. */
function urlForms(v: string): string[] {
  const out: string[] = [];
  const tryUrl = (s: string): URL | undefined => {
    try {
      return new URL(s);
    } catch {
      return undefined;
    }
  };
  // Each place twice: at the end of the URL, where `new URL` strips the spaces and control characters that end the
  // value, and followed by more of the URL (a marker, cut off again), where it keeps them (`/p/%20/end`).
  for (const end of ['', MIDDLE]) {
    const inPath = tryUrl(`http://h/${v}${end}`);
    if (inPath)
      pushAll(out, [inPath.pathname.slice(1), inPath.search.slice(1), inPath.hash.slice(1)].map(cutMarker(end)));
    const inQuery = tryUrl(`http://h/?${v}${end}`);
    if (inQuery) pushAll(out, [inQuery.search.slice(1), inQuery.hash.slice(1)].map(cutMarker(end)));
    const inFragment = tryUrl(`http://h/#${v}${end}`);
    if (inFragment) out.push(cutMarker(end)(inFragment.hash.slice(1)));
  }
  const user = new URL('http://h/');
  try {
    user.username = v;
    user.password = v;
    out.push(user.username, user.password);
  } catch {
    /* not allowed there */
  }
  const host = tryUrl(`http://${v}/`);
  if (host && host.pathname === '/' && !host.search && !host.hash) out.push(host.host);
  try {
    out.push(new URLSearchParams([['', v]]).toString().slice(1));
  } catch {
    /* a lone surrogate cannot be form-encoded */
  }
  return out.filter(f => f && f !== v);
}

/** A letter `new URL` writes as is in a path, query and fragment: it ends whichever part the value ends in. */
const MIDDLE = 'Z';
/** A URL part with the marker that followed the value cut off (the marker is in the last part only). */
const cutMarker =
  (marker: string) =>
  (part: string): string =>
    marker && part.endsWith(marker) ? part.slice(0, -marker.length) : marker ? '' : part;

/** A secret that is a whole http(s) URL: its normalised form and the parts a server may echo on their own. */
function wholeUrl(v: string): { href: string; parts: string[] } | undefined {
  if (!/^https?:\/\/[^/\s]/i.test(v)) return undefined;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    return undefined;
  }
  const parts: string[] = [];
  const path = u.pathname === '/' ? '' : u.pathname;
  const rest = path + u.search;
  for (const tail of [rest, path]) {
    for (let i = 0; i < tail.length; i++) if (tail[i] === '/') parts.push(tail.slice(i), tail.slice(i + 1));
  }
  if (u.search.length > 1) {
    parts.push(u.search.slice(1));
    for (const [, value] of u.searchParams) parts.push(value);
  }
  return { href: u.href, parts: parts.filter(p => p && p !== '/') };
}

/** The base64 (and base64url) spellings of the value's UTF-8 bytes at each alignment inside a longer base64 text. */
function base64Forms(v: string): string[] {
  const bytes = Buffer.from(v, 'utf8');
  const out: string[] = [];
  const both = (s: string) => out.push(s, s.replace(/\+/g, '-').replace(/\//g, '_'));
  const full = bytes.toString('base64');
  both(full);
  both(full.replace(/=+$/, ''));
  for (let o = 0; o < 3; o++) {
    const b64 = Buffer.concat([Buffer.alloc(o), bytes]).toString('base64');
    // Characters whose 6 bits all come from the value's bytes.
    const from = Math.ceil((8 * o) / 6);
    const to = Math.floor((8 * (o + bytes.length)) / 6);
    const fragment = b64.slice(from, to);
    if (fragment.length >= 4) both(fragment);
  }
  return out;
}

/**
 * A view of the text with escapes decoded, and where each of its code units came from in the text. Decoding handles
 * percent-encoding (UTF-8), JSON/JavaScript escapes (`\uXXXX`, `\xHH`, `\"`, `\/`, `\n` …) and HTML character
 * references, each wherever it appears, so a secret is found however its characters were escaped (also mixed).
 */
interface View {
  text: string;
  /** Source [start, end) of each code unit of `text`. */
  start: Int32Array;
  end: Int32Array;
}

function identityView(s: string): View {
  const start = new Int32Array(s.length);
  const end = new Int32Array(s.length);
  for (let i = 0; i < s.length; i++) {
    start[i] = i;
    end[i] = i + 1;
  }
  return { text: s, start, end };
}

const HTML_NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const JSON_SHORT: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  "'": "'",
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
};

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Which escapes a decoding pass undoes: percent-encoding, backslash (JSON/JavaScript) escapes, HTML references. */
interface Escapes {
  percent: boolean;
  backslash: boolean;
  html: boolean;
}
const ALL_ESCAPES: Escapes = { percent: true, backslash: true, html: true };

/** One decoding pass over `v` (itself a view of the original text). */
function decodeView(v: View, plusIsSpace: boolean, kinds: Escapes = ALL_ESCAPES): View {
  const s = v.text;
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const emit = (chars: string, from: number, to: number) => {
    text += chars;
    for (let k = 0; k < chars.length; k++) {
      starts.push(v.start[from]);
      ends.push(v.end[to - 1]);
    }
  };
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 37 /* % */ && kinds.percent) {
      const decoded = percentChar(s, i);
      if (decoded) {
        emit(decoded.char, i, decoded.next);
        i = decoded.next;
        continue;
      }
    } else if (c === 92 /* \ */ && kinds.backslash) {
      const n = s[i + 1];
      if (n === 'u' && isHex4(s, i + 2)) {
        emit(String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16)), i, i + 6);
        i += 6;
        continue;
      }
      if (n === 'x' && isHex(s.charCodeAt(i + 2)) && isHex(s.charCodeAt(i + 3))) {
        emit(String.fromCharCode(parseInt(s.slice(i + 2, i + 4), 16)), i, i + 4);
        i += 4;
        continue;
      }
      if (n !== undefined && JSON_SHORT[n] !== undefined) {
        emit(JSON_SHORT[n], i, i + 2);
        i += 2;
        continue;
      }
    } else if (c === 38 /* & */ && kinds.html) {
      const m = /^&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|(amp|lt|gt|quot|apos|nbsp));/.exec(s.slice(i, i + 12));
      if (m) {
        const cp = m[1] ? parseInt(m[1], 10) : m[2] ? parseInt(m[2], 16) : -1;
        const char = cp >= 0 ? (cp <= 0x10ffff ? String.fromCodePoint(cp) : '') : HTML_NAMED[m[3]];
        if (char) {
          emit(char, i, i + m[0].length);
          i += m[0].length;
          continue;
        }
      }
    } else if (c === 43 /* + */ && plusIsSpace && kinds.percent) {
      emit(' ', i, i + 1);
      i++;
      continue;
    }
    emit(s[i], i, i + 1);
    i++;
  }
  return { text, start: Int32Array.from(starts), end: Int32Array.from(ends) };
}

function isHex4(s: string, at: number): boolean {
  for (let k = 0; k < 4; k++) if (!isHex(s.charCodeAt(at + k))) return false;
  return true;
}

/** A percent-encoded UTF-8 character starting at `i` (`%E2%82%AC` → €), or undefined. */
function percentChar(s: string, i: number): { char: string; next: number } | undefined {
  const byteAt = (at: number) =>
    s.charCodeAt(at) === 37 && isHex(s.charCodeAt(at + 1)) && isHex(s.charCodeAt(at + 2))
      ? parseInt(s.slice(at + 1, at + 3), 16)
      : -1;
  const lead = byteAt(i);
  if (lead < 0) return undefined;
  const len =
    lead < 0x80
      ? 1
      : lead >= 0xc2 && lead < 0xe0
        ? 2
        : lead >= 0xe0 && lead < 0xf0
          ? 3
          : lead >= 0xf0 && lead < 0xf5
            ? 4
            : 0;
  if (len === 0) return undefined;
  const bytes = [lead];
  for (let k = 1; k < len; k++) {
    const b = byteAt(i + 3 * k);
    if (b < 0x80 || b > 0xbf) return undefined;
    bytes.push(b);
  }
  const char = Buffer.from(bytes).toString('utf8');
  return char.includes('\ufffd') && !(lead === 0xef && bytes[1] === 0xbf && bytes[2] === 0xbd)
    ? undefined
    : { char, next: i + 3 * len };
}

/**
 * The text itself, then its decoded views (once and twice decoded, `+` as space and as itself). With `byKind` (a form
 * holds `%`, `\\` or `&` itself, which decoding every kind of escape at once would change), also one view per kind
 * of escape: a secret `a"%0a` shown JSON-escaped (`a\\"%0a`) is found where only the backslash escape is undone.
 */
function views(s: string, byKind: boolean): View[] {
  const base = identityView(s);
  const out = [base];
  if (!/[%\\&+]/.test(s)) return out;
  for (const plus of [true, false]) {
    if (!plus && !s.includes('+')) continue;
    const once = decodeView(base, plus);
    if (once.text === s) continue;
    out.push(once);
    if (/[%\\&+]/.test(once.text)) {
      const twice = decodeView(once, plus);
      if (twice.text !== once.text) out.push(twice);
    }
  }
  if (byKind) {
    const kinds: Array<[RegExp, Escapes]> = [
      [/[%+]/, { percent: true, backslash: false, html: false }],
      [/\\/, { percent: false, backslash: true, html: false }],
      [/&/, { percent: false, backslash: false, html: true }],
    ];
    const seen = new Set(out.map(v => v.text));
    for (const [marker, only] of kinds) {
      if (!marker.test(s)) continue;
      for (const plus of only.percent && s.includes('+') ? [true, false] : [false]) {
        const view = decodeView(base, plus, only);
        if (!seen.has(view.text)) {
          seen.add(view.text);
          out.push(view);
        }
      }
    }
  }
  return out;
}

/** Text that decoding would change: a form holding it is looked for in views that decode one kind of escape only. */
const ESCAPE_LIKE = /%[0-9A-Fa-f]{2}|\\|&#?[0-9A-Za-z]+;/;

/**
 * Every place a form occurs in any view (`byKind`: also in the views that undo one kind of escape); with `cut`, also a
 * trailing start of a form. Appends to `spans`.
 */
function findSpans(s: string, forms: readonly Form[], byKind: boolean, cut: boolean, spans: Span[]): void {
  for (const view of views(s, byKind)) {
    const t = view.text;
    const toSource = (from: number, to: number, replacement: string): Span => ({
      start: view.start[from],
      end: to > from ? view.end[to - 1] : view.start[from],
      replacement,
    });
    for (const f of forms) {
      let at = t.indexOf(f.text);
      while (at >= 0) {
        const to = at + f.text.length;
        spans.push(toSource(at, to, f.replacement));
        at = t.indexOf(f.text, at + 1);
      }
      if (cut) {
        // The text ends with the first characters of this form: hide them to the end.
        const first = f.text[0];
        for (let k = Math.min(f.text.length - 1, t.length); k >= 1; k--) {
          const from = t.length - k;
          if (t[from] !== first || !f.text.startsWith(t.slice(from))) continue;
          spans.push({ start: view.start[from], end: s.length, replacement: MASK });
          break;
        }
      }
    }
  }
}

/** Replace the spans (merged where they overlap) in `s`. */
function replaceSpans(s: string, spans: Span[]): string {
  if (spans.length === 0) return s;
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let from = 0;
  let cur: Span | undefined;
  const flush = () => {
    if (!cur) return;
    out += s.slice(from, cur.start) + cur.replacement;
    from = cur.end;
  };
  for (const sp of spans) {
    if (sp.end <= sp.start) continue;
    if (cur && sp.start <= cur.end) {
      if (sp.end > cur.end) cur = { start: cur.start, end: sp.end, replacement: MASK };
      continue;
    }
    flush();
    cur = { ...sp };
  }
  flush();
  return out + s.slice(from);
}
