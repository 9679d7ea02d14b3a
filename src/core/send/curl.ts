import { keyNodeOf, nodeAtPath, nodeRange } from '../common/jsonPath';
import { problem, type Problem } from '../common/problem';
import { fail, ok, type Result } from '../common/result';
import type { ParsedMacro } from '../macro/parse';
import { HTTP_TOKEN } from '../render/compile';
import type { PlaceholderSite, RenderedRequest, Substitution } from '../render/types';
import { placeholderSites, secretEnvName } from '../secrets/resolve';

interface CurlOptions {
  /** 'env-ref': placeholders become shell variable references ("$CCMACRO_SECRET_X", "$X"), never values. */
  secretStyle: 'env-ref';
}

/** Characters a pasted command must not carry raw: C0 controls (tab and newline too), DEL, C1, and what `visible` shows. */
const ANSI_C_NEEDED = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

/**
 * Shell quoting, exact for any text except NUL: POSIX single quotes; the characters a pasted command must not carry
 * raw (control characters, tab and newline included, and the bidi/line-separator characters that would make the
 * command look different from what it runs) are written as ANSI-C quoted escapes `$'\x1b'` (bash, zsh), glued to the
 * single-quoted runs around them: `'a'$'\x1b''b'` is one word holding exactly a, ESC, b.
 */
export function shellQuote(s: string): string {
  if (s === '') return "''";
  if (/^[A-Za-z0-9_\-.,/:=@%+]+$/.test(s)) return s;
  if (!ANSI_C_NEEDED.test(s)) return singleQuote(s);
  let out = '';
  let plain = '';
  let special = '';
  const flush = () => {
    if (plain) out += singleQuote(plain);
    if (special) out += `$'${special}'`;
    plain = special = '';
  };
  for (const ch of s) {
    if (ANSI_C_NEEDED.test(ch)) {
      if (plain) flush();
      // Bytes, not \u: exact whatever the shell's locale.
      special +=
        ANSI_C_SHORT[ch] ?? [...Buffer.from(ch, 'utf8')].map(b => `\\x${b.toString(16).padStart(2, '0')}`).join('');
    } else {
      if (special) flush();
      plain += ch;
    }
  }
  flush();
  return out;
}

const ANSI_C_SHORT: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r' };

function singleQuote(s: string): string {
  return "'" + s.replace(/'/g, `'\\''`) + "'";
}

/** What a cURL command cannot carry literally, and where it is in the request. */
interface CurlRefusal {
  part: 'method' | 'url' | 'header' | 'body';
  headerIndex?: number;
  /** For the body: where the character is in bodyText. */
  offset?: number;
  message: string;
}

/**
 * A body longer than this (in bytes) goes to curl on standard input (`printf %s '…' | curl … --data-binary @-`):
 * Linux refuses one command-line argument of 128 KiB or more, and printf is built into the shell, so it has no such
 * limit.
 */
const CURL_STDIN_BODY_BYTES = 100_000;

/**
 * A runnable cURL command for the request (POSIX shell; a value with control characters is written `$'…'`, see
 * shellQuote). Every value reaches curl literally: the body is `--data-raw` (never `--data-binary`, which reads a
 * file for a value starting with `@`), or standard input when it is long; the method, URL and header names are checked
 * so that curl reads none of them as anything else (`--url @file` and `--header @file` read files). Placeholders the
 * author wrote are turned into environment-variable references so the command never carries a secret value.
 * Refused (with the reason) for what no command can carry literally: a NUL in the body, a method or header name that
 * is not an HTTP token, a URL that does not start with http:// or https:// (or a placeholder).
 */
export function toCurl(
  request: RenderedRequest,
  _options: CurlOptions = { secretStyle: 'env-ref' },
): Result<string, CurlRefusal> {
  const sites = placeholderSites(request);
  const refused = curlRefusal(request, sites);
  if (refused) return fail(refused);
  // A text with placeholders becomes quoted literal pieces glued to "$VAR" references.
  // `shift`: where the site's text starts inside `text` (a header is written "Name: value").
  const quoteWithRefs = (text: string, part: 'url' | 'header', headerIndex?: number, shift = 0): string => {
    const list = sites
      .filter(s => s.part === part && (part === 'url' || s.headerIndex === headerIndex))
      .map(s => ({ ...s, start: s.start + shift, end: s.end + shift }))
      .sort((a, b) => a.start - b.start);
    if (list.length === 0) return shellQuote(text);
    let out = '';
    let from = 0;
    for (const p of list) {
      if (p.start > from) out += shellQuote(text.slice(from, p.start));
      out += `"\${${p.kind === 'secret' ? secretEnvName(p.name) : p.name}}"`;
      from = p.end;
    }
    if (from < text.length) out += shellQuote(text.slice(from));
    return out;
  };
  const args: string[] = ['curl'];
  if (/[[\]{}]/.test(request.url.replace(/\$\{(secret|env):[A-Za-z_][A-Za-z0-9_]*\}/g, ''))) args.push('--globoff');
  args.push('--request', shellQuote(request.method));
  args.push('--url', quoteWithRefs(request.url, 'url'));
  request.headers.forEach((h, i) => {
    // curl drops a header written "Name:" (or with only spaces after the colon); "Name;" sends it empty.
    const blank = h.value.trim() === '' && !sites.some(s => s.part === 'header' && s.headerIndex === i);
    args.push(
      '--header',
      blank ? shellQuote(`${h.name};`) : quoteWithRefs(`${h.name}: ${h.value}`, 'header', i, h.name.length + 2),
    );
  });
  let stdin = '';
  if (request.bodyText !== undefined) {
    if (Buffer.byteLength(request.bodyText, 'utf8') > CURL_STDIN_BODY_BYTES) {
      // `%s` prints its argument as it is; `@-` is curl's "read standard input", which is this pipe.
      stdin = `printf %s ${shellQuote(request.bodyText)} |\n`;
      args.push('--data-binary', '@-');
    } else {
      args.push('--data-raw', shellQuote(request.bodyText));
    }
  }
  // One option per line reads best and pastes fine into any POSIX shell.
  const lines: string[] = [];
  let cur = args[0];
  for (let i = 1; i < args.length; i++) {
    if (args[i].startsWith('--')) {
      lines.push(cur);
      cur = '  ' + args[i];
    } else {
      cur += ' ' + args[i];
    }
  }
  lines.push(cur);
  return ok(envNotice(request, sites) + stdin + lines.join(' \\\n') + '\n');
}

/**
 * `${env:NAME}` becomes `"${NAME}"`, which the shell fills in from the environment of whoever runs the command: a
 * macro from someone else could name any variable (AWS_SECRET_ACCESS_KEY). So a command that reads one says so on its
 * first line, a comment naming every variable and the host their values go to, before anything runs.
 */
function envNotice(request: RenderedRequest, sites: PlaceholderSite[]): string {
  const names = [...new Set(sites.filter(p => p.kind === 'env').map(p => p.name))];
  if (names.length === 0) return '';
  let host = "the macro's URL";
  try {
    if (!sites.some(p => p.part === 'url' && p.start < request.url.indexOf('//') + 2 + 1))
      host = new URL(request.url).host.replace(/[^A-Za-z0-9.:[\]-]/g, '');
  } catch {
    // a URL that is not one yet: named as the macro's URL
  }
  return `# Reads the environment variable${names.length === 1 ? '' : 's'} ${names.map(n => '$' + n).join(', ')} (\${env:…} in the macro) and sends ${names.length === 1 ? 'its value' : 'their values'} to ${host}: check before you run it.\n`;
}

/** `tag`: the tag whose value brought the NUL, as the project writes it (`((Title))`, `[[Title]]`). */
function nulMessage(tag?: string): string {
  return `The body holds a NUL character${tag ? ` (from the value of ${tag})` : ''}, which no shell command can carry, so there is no cURL command for this request: send it with ccmacro, or save the body with \`ccmacro render --format body > body.bin\` and send it with \`curl --data-binary @body.bin\``;
}

function curlRefusal(request: RenderedRequest, sites: PlaceholderSite[]): CurlRefusal | undefined {
  if (!HTTP_TOKEN.test(request.method))
    return {
      part: 'method',
      message: `The method ${JSON.stringify(request.method)} is not an HTTP method name (letters, such as POST), so there is no cURL command for this request`,
    };
  const urlStartsWithPlaceholder = sites.some(s => s.part === 'url' && s.start === 0);
  if (!urlStartsWithPlaceholder && !/^https?:\/\//i.test(request.url))
    return {
      part: 'url',
      message:
        'The URL does not start with https:// (or http://), so there is no cURL command for this request (curl would read a URL starting with @ as a file name)',
    };
  const badHeader = request.headers.findIndex(h => !HTTP_TOKEN.test(h.name));
  if (badHeader >= 0)
    return {
      part: 'header',
      headerIndex: badHeader,
      message: `The header name ${JSON.stringify(request.headers[badHeader].name)} is not a valid header name (letters, digits and -), so there is no cURL command for this request (curl would read a header starting with @ as a file name)`,
    };
  // Linux refuses one argument of 128 KiB or more ("Argument list too long"): only the body can move to standard input.
  const long = (text: string) => Buffer.byteLength(text, 'utf8') > CURL_STDIN_BODY_BYTES;
  const tooLong = (what: string, text: string) =>
    `${what} is ${Buffer.byteLength(text, 'utf8').toLocaleString('en-US')} bytes long, more than one command-line argument can carry (a shell refuses 128 KiB: "Argument list too long"), so there is no cURL command for this request: send it with ccmacro`;
  if (long(request.url)) return { part: 'url', message: tooLong('The URL', request.url) };
  const longHeader = request.headers.findIndex(h => long(`${h.name}: ${h.value}`));
  if (longHeader >= 0)
    return {
      part: 'header',
      headerIndex: longHeader,
      message: tooLong(`The header ${request.headers[longHeader].name}`, request.headers[longHeader].value),
    };
  const nul = request.bodyText?.indexOf('\0') ?? -1;
  if (nul >= 0) return { part: 'body', offset: nul, message: nulMessage() };
  return undefined;
}

/**
 * A refusal as a problem of the macro file (`render/curl-refused`): at the tag whose value brought the character into
 * the body, else at the field (method, URL, header name, body) it is in.
 */
export function curlRefusalProblem(
  refusal: CurlRefusal,
  parsed: ParsedMacro,
  request: RenderedRequest,
  substitutions: readonly Substitution[],
): Problem {
  if (refusal.part === 'body' && refusal.offset !== undefined) {
    const at = refusal.offset;
    const from = substitutions.find(s => s.target.part === 'body' && s.target.start <= at && at < s.target.end);
    if (from)
      return problem('render/curl-refused', 'error', nulMessage(parsed.tagSyntax.wrap(from.tag)), from.source, {
        tag: from.tag,
      });
  }
  const path =
    refusal.part === 'header'
      ? ['request', 'headers', request.headers[refusal.headerIndex ?? 0]?.name ?? '']
      : ['request', refusal.part];
  const node = nodeAtPath(parsed.root, path);
  const at = node
    ? refusal.part === 'header'
      ? (keyNodeOf(node) ?? node)
      : node
    : nodeAtPath(parsed.root, ['request']);
  return problem('render/curl-refused', 'error', refusal.message, at ? nodeRange(at) : { start: 0, end: 0 });
}
