/**
 * Moving a macro between its file and Centercode's webhook form, both ways.
 * "Copy for Centercode" gives the form's fields (method, URL, headers as `Name: value` lines,
 * body text with ((tags)) kept); "New macro from Centercode body…" turns those fields back into
 * a `.ccmacro.json` file. Secrets never travel in either direction: placeholders stay placeholders,
 * and credentials pasted from a form are replaced by `${secret:…}` placeholders.
 */
import { MAX_JSON_DEPTH, tooDeepOffset } from '../common/jsonDepth';
import type { ParsedMacro } from '../macro/parse';
import { bodyFormat, FORMAT_VERSION, type BodyFormat, type HttpMethod } from '../macro/model';
import { scanTags } from '../tags/scanner';
import { DEFAULT_TAG_SYNTAX, otherTagSyntax, type TagSyntax } from '../project/tagSyntax';
import { parseTypedTag } from '../render/segments';
import { defaultMasker, isSensitiveHeader } from '../secrets/mask';
import { hostOf } from '../common/urlHost';

export interface CentercodeForm {
  method: string;
  url: string;
  /** One `Name: value` line per header. */
  headers: string;
  /** The body field's text, with ((tags)) as written. */
  body: string;
  /** `${var:NAME}` names the chosen environment gives no value (left as written). */
  unresolvedVars?: string[];
}

/**
 * The form fields for a parsed macro (fields it does not have are empty strings). Centercode has no environments:
 * with `vars` (one environment's values), each `${var:NAME}` is written as its value, literally and once (a value
 * is never read again); one without a value stays as written and is listed in `unresolvedVars`.
 */
export function toCentercodeForm(parsed: ParsedMacro, vars?: (name: string) => string | undefined): CentercodeForm {
  const unresolved = new Set<string>();
  const fill = (s: string) =>
    vars
      ? s.replace(/\$\{var:([A-Za-z_][A-Za-z0-9_]*)\}/g, (m, name: string) => {
          const v = vars(name);
          if (v === undefined) unresolved.add(name);
          return v ?? m;
        })
      : s;
  const request = parsed.macro?.request;
  const method = typeof request?.method === 'string' ? request.method : 'POST';
  const url = typeof request?.url === 'string' ? fill(request.url) : '';
  const headerLines: string[] = [];
  if (request?.headers && typeof request.headers === 'object') {
    for (const [name, value] of Object.entries(request.headers)) headerLines.push(`${name}: ${fill(String(value))}`);
  }
  let body = '';
  if (request && request.body !== undefined) {
    const format = bodyFormat(parsed.macro);
    const syntax = parsed.tagSyntax;
    if (format === 'json') body = centercodeJson(request.body, '', syntax, fill);
    else if (format === 'form') body = formText(request.body, syntax, fill);
    else body = typeof request.body === 'string' ? fill(request.body) : JSON.stringify(request.body);
  }
  const form: CentercodeForm = { method, url, headers: headerLines.join('\n'), body };
  if (unresolved.size) form.unresolvedVars = [...unresolved];
  return form;
}

/** All fields as one text, for pasting into a note or a ticket. */
export function centercodeFormText(form: CentercodeForm): string {
  const parts = [`Method: ${form.method}`, `URL: ${form.url}`];
  if (form.headers) parts.push('Headers:', form.headers);
  if (form.body) parts.push('Body:', form.body);
  return parts.join('\n') + '\n';
}

/** JSON as Centercode's body field wants it: typed tags ("((Count)):number") are written bare: ((Count)). */
function centercodeJson(v: unknown, indent: string, syntax: TagSyntax, fill: (s: string) => string): string {
  if (typeof v === 'string') {
    const typed = parseTypedTag(v, syntax);
    return typed ? syntax.wrap(typed.name) : JSON.stringify(fill(v));
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const inner = indent + '  ';
    return `[\n${v.map(x => inner + centercodeJson(x, inner, syntax, fill)).join(',\n')}\n${indent}]`;
  }
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    const inner = indent + '  ';
    return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${centercodeJson(x, inner, syntax, fill)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(v ?? null);
}

/** `a=1&b=((Title))`: literal text percent-encoded, tags kept so Centercode can fill them. */
function formText(body: unknown, syntax: TagSyntax, fill: (s: string) => string): string {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return typeof body === 'string' ? fill(body) : '';
  return Object.entries(body as Record<string, unknown>)
    .map(
      ([k, v]) =>
        `${encodeURIComponent(k)}=${encodeKeepingTags(typeof v === 'string' ? fill(v) : JSON.stringify(v), syntax)}`,
    )
    .join('&');
}

function encodeKeepingTags(value: string, syntax: TagSyntax): string {
  let out = '';
  let from = 0;
  for (const t of scanTags(value, syntax)) {
    if (t.kind !== 'tag') continue;
    out += encodeURIComponent(value.slice(from, t.start)) + value.slice(t.start, t.end);
    from = t.end;
  }
  return out + encodeURIComponent(value.slice(from));
}

// ---------------------------------------------------------------------------------------------

export interface CentercodeInput {
  body: string;
  url: string;
  method?: string;
  /** `Name: value` lines. */
  headers?: string;
  name?: string;
  /** The project's tag syntax (the body's tags are read in it); default parentheses. */
  tagSyntax?: TagSyntax;
  /** Where the new macro goes: the service reads the tag syntax of its project when `tagSyntax` is not given. */
  path?: string;
}

export interface NewMacroText {
  /** The `.ccmacro.json` file text. */
  text: string;
  /** Things the author should know, in plain words (e.g. which secret to store). */
  notes: string[];
  /** Secret names the file now refers to, e.g. SLACK_WEBHOOK_URL. */
  secrets: string[];
  /**
   * The value pasted for each of `secrets` (same order), for the editor to offer to store with the user's consent,
   * as "Move to secret storage" does: never written to a file or a log.
   */
  secretValues: Array<{ name: string; value: string; what: string }>;
}

const METHODS: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export function fromCentercodeForm(input: CentercodeInput): NewMacroText {
  const notes: string[] = [];
  const secrets: string[] = [];
  const secretValues: NewMacroText['secretValues'] = [];
  const bodyText = input.body.replace(/^\uFEFF/, '').trim();
  const syntax = input.tagSyntax ?? DEFAULT_TAG_SYNTAX;
  const other = otherTagSyntax(syntax);
  const pasted = [input.url, input.headers ?? '', bodyText].join('\n');
  if (!pasted.includes(syntax.open) && scanTags(pasted, other).some(t => t.kind === 'tag'))
    notes.push(
      `The pasted text writes its tags ${other.wrap('Name')}, but this project's tags are written ${syntax.wrap('Name')}: ccmacro will warn about them. Convert the file (its quick fix) or set "tagSyntax": "${other.id}" in .ccmacro/config.json.`,
    );

  let method = (input.method ?? '').trim().toUpperCase();
  if (!method) method = bodyText ? 'POST' : 'GET';
  if (!METHODS.includes(method as HttpMethod)) {
    notes.push(`"${input.method}" is not a method Centercode offers; the macro uses POST.`);
    method = 'POST';
  }

  let url = input.url.trim();
  if (/^(https?:\/\/)?hooks\.slack(-gov)?\.com\//i.test(url)) {
    // Stored as an address that works, also when it was pasted without its scheme.
    secretValues.push({
      name: 'SLACK_WEBHOOK_URL',
      value: /^https?:\/\//i.test(url) ? url : `https://${url}`,
      what: 'the Slack webhook URL',
    });
    url = '${secret:SLACK_WEBHOOK_URL}';
    secrets.push('SLACK_WEBHOOK_URL');
    notes.push(
      'The Slack webhook URL is a secret, so the file refers to ${secret:SLACK_WEBHOOK_URL} instead; store the URL under that name.',
    );
  } else if (url && defaultMasker.url(url) !== url) {
    notes.push(
      'The URL seems to hold a credential (a token or password); consider moving it to a ${secret:…} placeholder.',
    );
  }

  const headers: Record<string, string> = {};
  for (const raw of (input.headers ?? '').split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) {
      notes.push(`Skipped the header line "${line.slice(0, 60)}": a header line is "Name: value".`);
      continue;
    }
    const name = line.slice(0, colon).trim();
    let value = line.slice(colon + 1).trim();
    if (isSensitiveHeader(name) && value && !/\$\{(secret|env):/.test(value)) {
      const secretName =
        name
          .toUpperCase()
          .replace(/[^A-Z0-9]+/g, '_')
          .replace(/^_+|_+$/g, '') || 'TOKEN';
      const scheme = /^(Bearer|Basic|Token|Digest|Bot)\s+/i.exec(value);
      secretValues.push({
        name: secretName,
        value: scheme ? value.slice(scheme[0].length) : value,
        what: `the ${name} header's value`,
      });
      value = `${scheme ? scheme[0] : ''}\${secret:${secretName}}`;
      secrets.push(secretName);
      notes.push(
        `The ${name} header value is a secret, so the file refers to \${secret:${secretName}}; store the value under that name.`,
      );
    }
    headers[name] = value;
  }

  const request: Record<string, unknown> = { method, url };
  if (Object.keys(headers).length) request.headers = headers;
  if (bodyText) {
    const { format, value } = readBody(bodyText, notes, syntax);
    if (format !== 'json') request.bodyFormat = format;
    request.body = value;
  }
  const name = input.name?.trim() || defaultMacroName(input.url);
  const macro = { version: FORMAT_VERSION, name, request };
  return { text: JSON.stringify(macro, null, 2) + '\n', notes, secrets, secretValues };
}

/** The name a new macro gets when the user gives none: "Webhook to hooks.slack.com". */
export function defaultMacroName(url: string): string {
  const host = hostOf(url.trim());
  return host ? `Webhook to ${host}` : 'New webhook macro';
}

function readBody(text: string, notes: string[], syntax: TagSyntax): { format: BodyFormat; value: unknown } {
  const bare: string[] = [];
  const quoted = quoteBareTags(text, bare, syntax);
  // Writing the macro (JSON.stringify) recurses once per level, and ccmacro refuses macros nested this deep anyway.
  if (tooDeepOffset(quoted) >= 0) {
    notes.push(
      `The body nests objects and lists more than ${MAX_JSON_DEPTH} levels deep, so it was kept as plain text.`,
    );
    return { format: 'text', value: text };
  }
  try {
    const value = JSON.parse(quoted);
    if (value !== null && typeof value === 'object') {
      for (const name of bare) {
        notes.push(
          `${syntax.wrap(name)} was written without quotes, so it became "${syntax.wrap(name)}:json" (its value inserted as JSON). Use :number or :boolean if you know its type.`,
        );
      }
      return { format: 'json', value };
    }
  } catch {
    /* not JSON */
  }
  // Tags are kept whole (`a=((First Name))` is a form body, as Copy for Centercode writes it): the shape is read with
  // each tag masked, and only the text between tags is percent-decoded.
  const tags = scanTags(text, syntax).filter(t => t.kind === 'tag');
  let masked = text;
  if (tags.length) {
    const parts: string[] = [];
    let at = 0;
    for (const t of tags) {
      parts.push(text.slice(at, t.start), 'x'.repeat(t.end - t.start));
      at = t.end;
    }
    parts.push(text.slice(at));
    masked = parts.join('');
  }
  if (/^[^\s=&]+=[^&\s]*(&[^\s=&]+=[^&\s]*)*$/.test(masked)) {
    const value: Record<string, string> = {};
    let from = 0;
    for (const pair of masked.split('&')) {
      const eq = from + pair.indexOf('=');
      const end = from + pair.length;
      value[decodeKeepingTags(text, from, eq, tags)] = decodeKeepingTags(text, eq + 1, end, tags);
      from = end + 1;
    }
    return { format: 'form', value };
  }
  if (text.startsWith('<')) return { format: 'xml', value: text };
  if (/^[[{]/.test(text)) notes.push('The body looks like JSON but does not parse, so it was kept as plain text.');
  return { format: 'text', value: text };
}

/** text[start, end) percent-decoded, except the tags in it (the form's tags, in order), kept as written. */
function decodeKeepingTags(
  text: string,
  start: number,
  end: number,
  tags: ReadonlyArray<{ start: number; end: number }>,
): string {
  let out = '';
  let at = start;
  for (const t of tags) {
    if (t.end <= start || t.start >= end) continue;
    out += decodeFormPart(text.slice(at, t.start)) + text.slice(t.start, t.end);
    at = t.end;
  }
  return out + decodeFormPart(text.slice(at, end));
}

function decodeFormPart(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/**
 * Outside JSON strings, `((Name))` becomes `"((Name)):json"` so the text parses. In a brackets project `[[Name]]`
 * does, unless what is between the brackets is a JSON value itself (`[[1]]`, `[[true]]` are nested arrays).
 */
function quoteBareTags(text: string, bare: string[], syntax: TagSyntax): string {
  let out = '';
  let inString = false;
  // The next `))`, searched again only once the scan has passed it (searching the rest for each `((` is quadratic).
  let closeAt = -2;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
      continue;
    }
    if (c === syntax.open[0] && text.startsWith(syntax.open, i)) {
      if (closeAt !== -1 && closeAt < i + 2) closeAt = text.indexOf(syntax.close, i + 2);
      const close = closeAt;
      const name = close > 0 ? text.slice(i + 2, close).trim() : '';
      const delimiter = name.includes(syntax.open[0]) || name.includes(syntax.close[0]);
      if (name && !/[\n"]/.test(name) && !delimiter && (syntax.id === 'parentheses' || !isJsonValue(name))) {
        bare.push(name);
        out += JSON.stringify(`${syntax.wrap(name)}:json`);
        i = close + 1;
        continue;
      }
    }
    out += c;
  }
  return out;
}

/** A JSON number, true, false or null: not a tag name when bare between `[[` and `]]`. */
function isJsonValue(s: string): boolean {
  return /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)$/.test(s);
}

/** "A: 1; B: 2" → "A: 1\nB: 2", keeping `;` inside values such as "application/json; charset=utf-8". */
export function splitHeaderLine(s: string): string {
  return s.split(/;\s*(?=[A-Za-z0-9!#$%&'*+.^_`|~-]+\s*:)/).join('\n');
}
