import type { TagSyntax } from '../project/tagSyntax';
import { usableErrors, type ParsedMacro } from '../macro/parse';
import { hasErrors, problem, sortProblems, type Problem } from '../common/problem';
import { bodyTooLarge, compileMacro, MAX_BODY_BYTES, type CompiledMacro } from './compile';
import { formComponent, hasLoneSurrogate, urlComponent, xmlEscape } from './encode';
import type { RenderTarget } from './fields';
import { TemplateFill } from './fill';
import type { RenderedRequest, RenderOptions, RenderResult, Substitution } from './types';
import { pushAll } from '../common/arrays';
import { headerValue } from '../common/headers';

const DEFAULT_CONTENT_TYPE = {
  json: 'application/json; charset=utf-8',
  form: 'application/x-www-form-urlencoded',
  text: 'text/plain; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
} as const;

const HEADER_FORBIDDEN = /[\r\n\0]/;
// What HTTP clients (undici, Node) accept in a header value: tab, printable ASCII and Latin-1.
const HEADER_UNSENDABLE = /[^\t\x20-\x7e\x80-\xff]/u;
const utf8 = new TextEncoder();
const asIs = (s: string) => s;
const utf8Length = (s: string) => Buffer.byteLength(s, 'utf8');

/**
 * Render a macro against one sample item, with `target`'s escaping for values in a JSON body (src/core/targets
 * picks the macro's target: targets/render.ts). Synchronous and pure; never throws for bad input.
 */
export function renderFor(target: RenderTarget, parsed: ParsedMacro, options: RenderOptions): RenderResult {
  // A file with a JSON error, nesting too deep or a key written twice is never rendered (nor sent).
  const unusable = usableErrors(parsed);
  if (unusable.length > 0) return { substitutions: [], problems: unusable, target: target.id };
  const c = compileMacro(parsed);
  const fill = new TemplateFill(
    options.sample ?? {},
    !!options.allowMissing,
    target.fields,
    options.vars,
    MAX_BODY_BYTES,
    parsed.tagSyntax,
  );
  pushAll(fill.problems, c.problems);
  const url = c.url ? renderUrl(fill, c.url) : '';
  const headers = c.headers.map((h, index) => renderHeader(fill, h, index));
  let bodyText = c.body ? fill.fill(c.body, 'body', BODY_ENCODERS[c.format]) : undefined;
  if (c.bodyNode && (fill.bodyOverLimit || (bodyText !== undefined && utf8Length(bodyText) > MAX_BODY_BYTES))) {
    fill.problems.push(bodyTooLarge(c.bodyNode, "once this sample item's values are filled in"));
    bodyText = undefined;
  }
  const { problems, substitutions } = fill;
  const vars =
    options.vars && options.vars !== 'keep'
      ? { environment: options.vars.environment, substitutions: fill.varSubstitutions }
      : undefined;
  if (hasErrors(problems)) return { substitutions, problems: sortProblems(problems), target: target.id, vars };
  const request = buildRequest(c, url, headers, bodyText);
  // Always set (even empty): resolvePlaceholders must never rescan text that holds sample values.
  request.placeholders = fill.placeholders;
  return { request, substitutions, problems: sortProblems(problems), target: target.id, vars };
}

/**
 * How each body format writes a plain value. A JSON string writes it for the kind of field it is (the target's
 * escaping, then JSON string escaping); XML holes are written for their context (text, attribute, CDATA).
 */
const BODY_ENCODERS: Record<CompiledMacro['format'], (v: string) => string> = {
  json: asIs,
  form: formComponent,
  xml: xmlEscape,
  text: asIs,
};

function renderUrl(fill: TemplateFill, template: NonNullable<CompiledMacro['url']>): string {
  const first = fill.substitutions.length;
  const url = fill.fill(template, 'url', urlComponent);
  pushAll(fill.problems, dotSegmentProblems(url, fill.substitutions.slice(first), fill.syntax));
  fill.locatePlaceholders(template.placeholders, 'url');
  return url;
}

/**
 * One header as sent. A value that would break the header (a line break or NUL could inject another one) or that
 * no HTTP client can send is refused at the tag that brought it.
 */
function renderHeader(
  fill: TemplateFill,
  h: CompiledMacro['headers'][number],
  index: number,
): RenderedRequest['headers'][number] {
  const first = fill.substitutions.length;
  const value = fill.fill(h, 'header', asIs, index);
  const subs = fill.substitutions.slice(first);
  // A broken character from a value is reported as such (render/lone-surrogate), not again as a header character.
  if (!subs.some(s => hasLoneSurrogate(s.value))) {
    const p = headerValueProblem(h.name, value, subs, h.range, fill.syntax);
    if (p) fill.problems.push(p);
  }
  fill.locatePlaceholders(h.placeholders, 'header', index);
  return { name: h.name, value };
}

function headerValueProblem(
  name: string,
  value: string,
  subs: readonly Substitution[],
  range: { start: number; end: number },
  syntax: TagSyntax,
): Problem | undefined {
  const forbidden = HEADER_FORBIDDEN.test(value);
  if (!forbidden && !HEADER_UNSENDABLE.test(value)) return undefined;
  const pattern = forbidden ? HEADER_FORBIDDEN : HEADER_UNSENDABLE;
  const bad = subs.find(s => pattern.test(s.value));
  const what = bad ? `the value of ${syntax.wrap(bad.tag)}` : 'this header value';
  const at = bad ? bad.source : range;
  const data = bad ? { tag: bad.tag } : undefined;
  if (forbidden)
    return problem(
      'render/header-injection',
      'error',
      `The ${name} header would contain a line break or NUL character (from ${what}). That could inject extra headers, so ccmacro will not send it`,
      at,
      data,
    );
  const ch = HEADER_UNSENDABLE.exec(bad ? bad.value : value)![0];
  const code = 'U+' + ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return problem(
    'render/header-bad-character',
    'error',
    `The ${name} header would contain the character ${JSON.stringify(ch)} (${code}, from ${what}). Header values can only hold Latin-1 text without control characters; put this value in the body instead`,
    at,
    data,
  );
}

/** The request as sent: a default Content-Type when the macro sets none, and the body's bytes made on first read. */
function buildRequest(
  c: CompiledMacro,
  url: string,
  headers: RenderedRequest['headers'],
  bodyText: string | undefined,
): RenderedRequest {
  const request: RenderedRequest = { method: c.method, url, headers };
  if (bodyText === undefined) return request;
  const authored = headerValue(headers, 'content-type');
  request.contentType = authored ?? DEFAULT_CONTENT_TYPE[c.format];
  if (authored === undefined) headers.push({ name: 'Content-Type', value: request.contentType });
  request.bodyText = bodyText;
  // The bytes are made on first read (sending), not on every preview render.
  let bytes: Uint8Array | undefined;
  Object.defineProperty(request, 'body', {
    enumerable: true,
    configurable: true,
    get: () => (bytes ??= utf8.encode(bodyText)),
    set: (v: Uint8Array) => {
      bytes = v;
    },
  });
  return request;
}

/**
 * A path segment that is exactly `.` or `..` (also written `%2e`) made with a tag's value: URL parsers remove it and
 * the segment before it (`/projects/../tickets` goes to `/tickets`), so the request would go somewhere the macro does
 * not say. Refused at the tag; a dot segment the author wrote is their choice (the exchange log shows the URL as sent).
 */
function dotSegmentProblems(url: string, subs: readonly Substitution[], syntax: TagSyntax): Problem[] {
  if (subs.length === 0 || url.indexOf('.') < 0) return [];
  // The path: after "scheme://authority" (when written literally), up to the query or fragment.
  const end = url.search(/[?#]/) < 0 ? url.length : url.search(/[?#]/);
  const scheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/.exec(url);
  let start = scheme ? scheme[0].length : 0;
  const out: Problem[] = [];
  while (start <= end) {
    let stop = url.indexOf('/', start);
    if (stop < 0 || stop > end) stop = end;
    const segment = url.slice(start, stop).replace(/%2e/gi, '.');
    if (segment === '.' || segment === '..') {
      const sub = subs.find(s => s.target.start < stop && s.target.end > start);
      if (sub)
        out.push(
          problem(
            'render/url-dot-segment',
            'error',
            `The value of ${syntax.wrap(sub.tag)} makes the URL path segment "${segment}", which URL parsers remove together with the segment before it, so the request would go to another address. ccmacro will not send it: fix the value in the sample`,
            sub.source,
            { tag: sub.tag },
          ),
        );
    }
    start = stop + 1;
  }
  return out;
}
