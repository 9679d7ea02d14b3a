import { usableErrors, type ParsedMacro } from '../macro/parse';
import { hasErrors, problem, sortProblems, type Problem } from '../common/problem';
import { bodyTooLarge, compileMacro, MAX_BODY_BYTES } from './compile';
import {
  characterName,
  formComponent,
  hasLoneSurrogate,
  jsonStringContent,
  loneSurrogateName,
  slackEscape,
  urlComponent,
  xmlAttributeEscape,
  xmlBadCharacter,
  xmlCdataEscape,
  xmlEscape,
} from './encode';
import type { ChunkPlaceholder, FlatHole, FlatTemplate, HoleContext } from './flat';
import { checkSlackPayload } from './slack';
import { macroTarget } from '../macro/target';
import { escapeTeamsMarkdown, teamsFieldOf, teamsUrlValue } from './teamsEscape';
import { isSampleValue, type SampleItem, type SampleValue } from '../samples/types';
import type { PlaceholderSite, RenderedRequest, RenderOptions, RenderResult, Substitution } from './types';
import { convertTyped } from './values';
import { valueText } from '../samples/describe';
import { pushAll } from '../common/arrays';

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

/** Render a macro against one sample item. Synchronous and pure; never throws for bad input. */
export function renderMacro(parsed: ParsedMacro, options: RenderOptions): RenderResult {
  const problems: Problem[] = [];
  const substitutions: Substitution[] = [];
  // A file with a JSON error, nesting too deep or a key written twice is never rendered (nor sent).
  const unusable = usableErrors(parsed);
  if (unusable.length > 0) {
    return { substitutions, problems: unusable, target: options.target ?? 'generic' };
  }
  const c = compileMacro(parsed);
  pushAll(problems, c.problems);
  const target = options.target ?? macroTarget(parsed);
  const sample = options.sample ?? {};

  // Only sample values fill tags: anything else an item built in code holds (an object, a function) is left out.
  const valueOf = (name: string): SampleValue | undefined => {
    if (!Object.prototype.hasOwnProperty.call(sample, name)) return undefined;
    const v: unknown = (sample as SampleItem)[name];
    return isSampleValue(v) ? v : undefined;
  };
  const reportMissing = (h: FlatHole) =>
    problems.push(
      problem(
        'render/missing-tag',
        'error',
        `The sample has no value for ((${h.name})). Add "${h.name}" to the sample, or render with missing tags left empty`,
        h.source,
        { tag: h.name },
      ),
    );

  // Values no request can carry, and values that cannot go where their tag is: refused at the tag that brought them
  // (once per tag and template), never sent as something else.
  const refuse = (code: string, h: FlatHole, message: string) =>
    problems.push(problem(code, 'error', message, h.source, { tag: h.name }));
  const checkValue = (plain: string, h: FlatHole): void => {
    if (hasLoneSurrogate(plain)) {
      refuse(
        'render/lone-surrogate',
        h,
        `The value of ((${h.name})) holds ${loneSurrogateName(plain)}, half of a character (a surrogate pair) without its other half: no request can carry it, so ccmacro will not send it. Fix the value in the sample`,
      );
      return;
    }
    if (h.ctx === 'xml-markup') {
      refuse(
        'render/xml-tag-position',
        h,
        `((${h.name})) sits inside XML markup (a tag or attribute name, a comment, a processing instruction or an unquoted attribute value), where no value can be written safely: put it in element text or a quoted attribute value`,
      );
      return;
    }
    if (h.ctx?.startsWith('xml-')) {
      const bad = xmlBadCharacter(plain);
      if (bad !== undefined)
        refuse(
          'render/xml-bad-character',
          h,
          `The value of ((${h.name})) holds the control character ${characterName(bad)}, which XML cannot hold in any form (not even as &#…;), so the body would not be XML. Remove it from the value`,
        );
    }
  };
  const contextEncoders: Record<HoleContext, (v: string) => string> = {
    'xml-text': xmlEscape,
    'xml-attr': xmlAttributeEscape,
    'xml-cdata': xmlCdataEscape,
    'xml-markup': xmlEscape,
    'json-url-field': jsonStringContent,
  };

  // Fills one template. `encode` turns the plain value into output text, unless the hole's context says otherwise;
  // `encodeHole`, when given, picks the encoder per tag occurrence instead (Teams escapes by field).
  // chunkStarts: where each literal chunk of the last filled template starts in its output.
  let chunkStarts: number[] = [];
  let bodyOverLimit = false;
  const fill = (
    f: FlatTemplate,
    part: Substitution['target']['part'],
    encode: (v: string) => string,
    headerIndex?: number,
    encodeHole?: (h: FlatHole) => (v: string) => string,
  ): string => {
    // Output pieces joined once at the end (one flat string); `len` is the output length so far.
    const parts: string[] = [f.chunks[0]];
    let len = f.chunks[0].length;
    // A body stops growing past MAX_BODY_BYTES (a character is at least one byte): the render is refused below.
    const limit = part === 'body' ? MAX_BODY_BYTES : Infinity;
    const track = part !== 'body';
    // Per distinct tag name: the sample value, its text and its encoded text, computed once.
    const n = f.names.length;
    const values: Array<SampleValue | undefined> = new Array(n);
    const plains: Array<string | undefined> = new Array(n);
    const encoded: Array<string | undefined> = new Array(n);
    const checked: boolean[] = new Array(n).fill(false);
    for (let k = 0; k < n; k++) {
      const v = valueOf(f.names[k]);
      values[k] = v === undefined && options.allowMissing ? '' : v;
    }
    chunkStarts = [0];
    for (let i = 0; i < f.holes.length; i++) {
      const h = f.holes[i];
      const k = h.nameIndex;
      const v = values[k];
      if (v === undefined) {
        reportMissing(h);
      } else {
        let text: string;
        let plain: string;
        if (h.typed) {
          const conv = convertTyped(v, h.typed);
          if (!conv.ok) {
            problems.push(
              problem(
                'render/typed-value',
                'error',
                `((${h.name})):${h.typed} needs a ${h.typed === 'json' ? 'JSON' : h.typed} value, but ${conv.error}`,
                h.source,
                { tag: h.name },
              ),
            );
            text = 'null';
          } else {
            if (conv.value.empty)
              problems.push(
                problem(
                  'render/typed-empty',
                  'warning',
                  `((${h.name})) is empty in the sample, so ((${h.name})):${h.typed} is sent as null`,
                  h.source,
                  { tag: h.name },
                ),
              );
            text = conv.value.text;
            if (h.indent && text.indexOf('\n') >= 0) text = text.replace(/\n/g, '\n' + h.indent);
          }
          plain = valueText(v);
        } else {
          // A tag used many times is checked and encoded once per template (per context for XML and Slack URLs).
          plain = plains[k] ??= valueText(v);
          if (h.ctx !== undefined) checkValue(plain, h);
          else if (!checked[k]) {
            checked[k] = true;
            checkValue(plain, h);
          }
          text = encodeHole
            ? encodeHole(h)(plain)
            : h.ctx !== undefined
              ? contextEncoders[h.ctx](plain)
              : (encoded[k] ??= encode(plain));
        }
        const start = len;
        parts.push(text);
        len += text.length;
        const sub: Substitution = {
          tag: h.name,
          source: h.source,
          target: headerIndex === undefined ? { part, start, end: len } : { part, headerIndex, start, end: len },
          value: plain,
        };
        if (h.typed) sub.typed = h.typed;
        substitutions.push(sub);
      }
      if (track) chunkStarts.push(len);
      const chunk = f.chunks[i + 1];
      parts.push(chunk);
      len += chunk.length;
      if (len > limit) {
        bodyOverLimit = true;
        return '';
      }
    }
    return parts.join('');
  };

  const placeholders: PlaceholderSite[] = [];
  // Placeholders sit in literal chunks; their output offset is where fill() put that chunk.
  const locatePlaceholders = (list: ChunkPlaceholder[], part: 'url' | 'header', headerIndex?: number) => {
    for (const p of list) {
      const site: PlaceholderSite = {
        part,
        start: chunkStarts[p.chunk] + p.start,
        end: chunkStarts[p.chunk] + p.end,
        kind: p.kind,
        name: p.name,
      };
      if (headerIndex !== undefined) site.headerIndex = headerIndex;
      placeholders.push(site);
    }
  };

  let url = '';
  if (c.url) {
    const first = substitutions.length;
    url = fill(c.url, 'url', urlComponent);
    pushAll(problems, dotSegmentProblems(url, substitutions.slice(first)));
    locatePlaceholders(c.url.placeholders, 'url');
  }

  const headers: RenderedRequest['headers'] = [];
  c.headers.forEach((h, index) => {
    const first = substitutions.length;
    const value = fill(h, 'header', s => s, index);
    headers.push({ name: h.name, value });
    // A broken character from a value is reported as such (render/lone-surrogate), not again as a header character.
    const broken = substitutions.slice(first).some(s => hasLoneSurrogate(s.value));
    if (broken) {
      locatePlaceholders(h.placeholders, 'header', index);
      return;
    }
    if (HEADER_FORBIDDEN.test(value)) {
      const bad = substitutions.slice(first).find(s => HEADER_FORBIDDEN.test(s.value));
      const what = bad ? `the value of ((${bad.tag}))` : 'this header value';
      problems.push(
        problem(
          'render/header-injection',
          'error',
          `The ${h.name} header would contain a line break or NUL character (from ${what}). That could inject extra headers, so ccmacro will not send it`,
          bad ? bad.source : h.range,
          bad ? { tag: bad.tag } : undefined,
        ),
      );
    } else if (HEADER_UNSENDABLE.test(value)) {
      const bad = substitutions.slice(first).find(s => HEADER_UNSENDABLE.test(s.value));
      const ch = HEADER_UNSENDABLE.exec(bad ? bad.value : value)![0];
      const code = 'U+' + ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      const what = bad ? `the value of ((${bad.tag}))` : 'this header value';
      problems.push(
        problem(
          'render/header-bad-character',
          'error',
          `The ${h.name} header would contain the character ${JSON.stringify(ch)} (${code}, from ${what}). Header values can only hold Latin-1 text without control characters; put this value in the body instead`,
          bad ? bad.source : h.range,
          bad ? { tag: bad.tag } : undefined,
        ),
      );
    }
    locatePlaceholders(h.placeholders, 'header', index);
  });

  let bodyText: string | undefined;
  if (c.body) {
    switch (c.format) {
      case 'json':
        bodyText =
          target === 'teams'
            ? fill(c.body, 'body', jsonStringContent, undefined, teamsEncoder(problems))
            : fill(c.body, 'body', target === 'slack' ? v => jsonStringContent(slackEscape(v)) : jsonStringContent);
        break;
      case 'form':
        bodyText = fill(c.body, 'body', formComponent);
        break;
      case 'xml':
        // Each hole has its XML context (text, attribute, CDATA); this encoder is never used.
        bodyText = fill(c.body, 'body', xmlEscape);
        break;
      default:
        bodyText = fill(c.body, 'body', s => s);
    }
  }

  if (c.bodyNode && (bodyOverLimit || (bodyText !== undefined && Buffer.byteLength(bodyText) > MAX_BODY_BYTES))) {
    problems.push(bodyTooLarge(c.bodyNode, "once this sample item's values are filled in"));
    bodyText = undefined;
  }

  if (target === 'slack' && bodyText !== undefined && c.format === 'json' && c.bodyNode && !hasErrors(problems)) {
    pushAll(problems, checkSlackPayload(bodyText, c.bodyNode));
  }

  if (hasErrors(problems)) return { substitutions, problems: sortProblems(problems), target };

  const request: RenderedRequest = { method: c.method, url, headers };
  if (bodyText !== undefined) {
    const authored = headers.find(h => h.name.toLowerCase() === 'content-type');
    request.contentType = authored ? authored.value : DEFAULT_CONTENT_TYPE[c.format];
    if (!authored) headers.push({ name: 'Content-Type', value: request.contentType });
    request.bodyText = bodyText;
    // The bytes are made on first read (sending), not on every preview render.
    const text = bodyText;
    let bytes: Uint8Array | undefined;
    Object.defineProperty(request, 'body', {
      enumerable: true,
      configurable: true,
      get: () => (bytes ??= utf8.encode(text)),
      set: (v: Uint8Array) => {
        bytes = v;
      },
    });
  }
  // Always set (even empty): resolvePlaceholders must never rescan text that holds sample values.
  request.placeholders = placeholders;
  return { request, substitutions, problems: sortProblems(problems), target };
}

const teamsMarkdown = (v: string) => jsonStringContent(escapeTeamsMarkdown(v));

/**
 * Teams: each value is escaped for the card field it lands in (see teamsEscape.ts): Markdown fields get Markdown
 * escaping, URL fields URL rules, plain fields only JSON string escaping. A value that should be a whole web
 * address but is not one is reported where its tag is written.
 */
function teamsEncoder(problems: Problem[]): (h: FlatHole) => (v: string) => string {
  return h => {
    const field = h.node ? teamsFieldOf(h.node) : 'plain';
    if (field === 'markdown') return teamsMarkdown;
    if (field === 'plain' || !h.node) return jsonStringContent;
    const whole = h.source.start === h.node.offset + 1;
    return v => {
      const u = teamsUrlValue(v, whole);
      if (!u.ok)
        problems.push(
          problem(
            'render/teams-url-value',
            'warning',
            `The value of ((${h.name})) is not a web address (https://…), so Teams cannot open it; it is sent percent-encoded`,
            h.source,
            { tag: h.name },
          ),
        );
      return jsonStringContent(u.text);
    };
  };
}

/**
 * A path segment that is exactly `.` or `..` (also written `%2e`) made with a tag's value: URL parsers remove it and
 * the segment before it (`/projects/../tickets` goes to `/tickets`), so the request would go somewhere the macro does
 * not say. Refused at the tag; a dot segment the author wrote is their choice (the exchange log shows the URL as sent).
 */
function dotSegmentProblems(url: string, subs: readonly Substitution[]): Problem[] {
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
            `The value of ((${sub.tag})) makes the URL path segment "${segment}", which URL parsers remove together with the segment before it, so the request would go to another address. ccmacro will not send it: fix the value in the sample`,
            sub.source,
            { tag: sub.tag },
          ),
        );
    }
    start = stop + 1;
  }
  return out;
}
