/**
 * A cURL command read as the request curl would send, without running it or reading any file it names: the options
 * browsers' "Copy as cURL" and API documentation use are mapped (see docs/import.md), options that only change how
 * curl runs are left out with a note, and every option that would change the request in a way a macro cannot say
 * (a multipart form, a file upload, a body or config read from a file) is refused by name at its position.
 */
import { fail, ok, type Result } from '../common/result';
import { excerpt, splitShellCommand, type ShellError, type ShellWord } from './shellWords';

/** Where a header of the parsed request came from, for the notes and the credential rules. */
export type HeaderOrigin =
  'header' | 'user' | 'cookie' | 'user-agent' | 'referer' | 'json' | 'oauth2-bearer' | 'default';

export interface CurlHeader {
  name: string;
  value: string;
  origin: HeaderOrigin;
  /** The source offset of the option that gave it. */
  at: number;
  /** Shell variables in the value ("${env:NAME}" in `value`). */
  hasVariables: boolean;
}

export interface CurlRequest {
  method: string;
  url: string;
  /** In the order curl sends them (the -H headers as written, then the ones other options make). */
  headers: CurlHeader[];
  /** The body text, exactly as curl sends it; undefined without data options. */
  body?: string;
  /** Where the body's first data option is (for messages). */
  bodyAt?: number;
  /** Plain sentences: options left out, and why. */
  notes: string[];
  dialect: 'bash' | 'cmd';
}

export type CurlError = ShellError;

/** What an option does, for the table below. */
type OptionKind =
  | 'method'
  | 'header'
  | 'data'
  | 'data-raw'
  | 'data-urlencode'
  | 'json'
  | 'user'
  | 'url'
  | 'get'
  | 'cookie'
  | 'user-agent'
  | 'referer'
  | 'oauth2-bearer'
  | 'ignore'
  | 'ignore-value'
  | 'refuse'
  | 'refuse-value';

interface OptionSpec {
  kind: OptionKind;
  /** For ignore/refuse: why, in plain words. */
  why?: string;
}

const RUNS_ONLY = 'they change how curl runs or shows the answer, not the request';

const LONG: Record<string, OptionSpec> = {};
const SHORT: Record<string, OptionSpec> = {};
function def(names: string, kind: OptionKind, why?: string) {
  const spec: OptionSpec = { kind, why };
  for (const n of names.split(' ')) {
    if (n.startsWith('--')) LONG[n] = spec;
    else SHORT[n.slice(1)] = spec;
  }
}
def('-X --request', 'method');
def('-H --header', 'header');
def('-d --data --data-ascii --data-binary', 'data');
def('--data-raw', 'data-raw');
def('--data-urlencode', 'data-urlencode');
def('--json', 'json');
def('-u --user', 'user');
def('--url', 'url');
def('-G --get', 'get');
def('-b --cookie', 'cookie');
def('-A --user-agent', 'user-agent');
def('-e --referer', 'referer');
def('--oauth2-bearer', 'oauth2-bearer');
def(
  '-s --silent -S --show-error -v --verbose -i --include -f --fail --fail-with-body --fail-early -# --progress-bar -N --no-buffer --no-progress-meter -q --disable --trace-time --styled-output --no-styled-output -g --globoff --path-as-is --raw --tr-encoding --tcp-nodelay --tcp-fastopen --http0.9 -0 --http1.0 --http1.1 --http2 --http2-prior-knowledge --http3 --http3-only -4 --ipv4 -6 --ipv6 -R --remote-time -O --remote-name --remote-name-all -J --remote-header-name --create-dirs --xattr --no-keepalive --no-sessionid --no-alpn --no-npn --ssl-no-revoke --ssl-revoke-best-effort --ssl-allow-beast -Z --parallel --parallel-immediate -l --list-only -B --use-ascii --crlf --suppress-connect-headers --ignore-content-length --styled-output --disallow-username-in-url',
  'ignore',
  RUNS_ONLY,
);
def('--compressed', 'ignore', 'the sender decides on compression, and the answer is read as it comes');
def('-L --location --location-trusted', 'ignore', 'whether redirects are followed is not part of the request');
def('-k --insecure', 'ignore', 'ccmacro always checks the server certificate');
def(
  '-o --output -D --dump-header -w --write-out -m --max-time --connect-timeout --retry --retry-delay --retry-max-time --max-redirs --limit-rate --speed-limit -y --speed-time -Y --stderr --trace --trace-ascii --trace-config --keepalive-time --expect100-timeout --happy-eyeballs-timeout-ms --max-filesize -c --cookie-jar --etag-save --output-dir --rate --parallel-max --retry-all-errors --dns-servers --interface --local-port',
  'ignore-value',
  RUNS_ONLY,
);
def('--cacert --capath --crlfile --pinnedpubkey', 'ignore-value', 'ccmacro checks certificates with its own settings');
def('-x --proxy --proxy-user -U --noproxy --preproxy', 'ignore-value', 'ccmacro uses its own proxy settings');
def(
  '-F --form --form-string',
  'refuse-value',
  'it sends a multipart form (a file upload); a macro sends one body: JSON, a form, text or XML',
);
def('-T --upload-file', 'refuse-value', 'it uploads a local file, and ccmacro never reads files a command names');
def('-K --config', 'refuse-value', 'it reads more options from a file, and ccmacro never reads files a command names');
def('-I --head', 'refuse', 'it sends a HEAD request; a macro sends GET, POST, PUT, PATCH or DELETE');
def('-: --next', 'refuse', 'it starts a second request; import one request at a time');
def(
  '-E --cert --key --cert-type --key-type --pass',
  'refuse-value',
  'it signs in with a client certificate, which a macro cannot send',
);
def(
  '--digest --ntlm --ntlm-wb --negotiate --anyauth --basic',
  'refuse',
  'it picks a sign-in scheme curl negotiates with the server; write the Authorization header instead',
);
def(
  '--aws-sigv4 --delegation --sasl-authzid --login-options',
  'refuse-value',
  'it signs the request in a way only curl computes; write the Authorization header instead',
);
def(
  '-r --range -z --time-cond -C --continue-at',
  'refuse-value',
  'it adds a header curl computes; write the header instead',
);
def(
  '--resolve --connect-to --unix-socket --abstract-unix-socket',
  'refuse-value',
  'it sends the request somewhere other than its URL says',
);
def(
  '--variable --expand-url --expand-data --expand-header --expand-json',
  'refuse-value',
  'it fills in curl variables, which only curl knows',
);
def('--request-target', 'refuse-value', 'it sends another request target than the URL');
def(
  '-Q --quote -t --telnet-option --mail-from --mail-rcpt --mail-auth',
  'refuse-value',
  'it is for other protocols than HTTP',
);

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Parse a cURL command. Errors are located in `text` (offsets). */
export function parseCurl(text: string): Result<CurlRequest, CurlError> {
  const lead = /^(\uFEFF?\s*)([^\s'"^]+)/.exec(text);
  if (lead && /^(invoke-restmethod|invoke-webrequest|irm|iwr|\$session)$/i.test(lead[2]))
    return fail({
      code: 'import/not-curl',
      message: `${lead[2]} is a PowerShell command, not cURL: in the browser, use "Copy as cURL (bash)" or "(cmd)"`,
      start: lead[1].length,
      end: lead[1].length + lead[2].length,
    });
  const split = splitShellCommand(text.replace(/^\uFEFF/, ''));
  if (!split.ok) return split;
  const { words, dialect } = split.value;
  const notes = [...split.value.notes];
  let start = 0;
  // A prompt pasted with the command: "$ curl …", "> curl …".
  if (words[0] && (words[0].value === '$' || words[0].value === '>') && words.length > 1) start = 1;
  const first = words[start];
  if (!first)
    return fail({
      code: 'import/not-curl',
      message: 'There is no command here: paste a cURL command',
      start: 0,
      end: 0,
    });
  const program = first.value.replace(/^.*[\\/]/, '').toLowerCase();
  if (program !== 'curl' && program !== 'curl.exe') {
    const powershell = /^(invoke-restmethod|invoke-webrequest|irm|iwr|\$session)$/i.test(first.value);
    return fail({
      code: 'import/not-curl',
      message: powershell
        ? `${first.value} is a PowerShell command, not cURL: in the browser, use "Copy as cURL (bash)" or "(cmd)"`
        : `"${excerpt(first.value, 0)}" is not curl: paste a command that starts with curl`,
      start: first.start,
      end: first.end,
    });
  }

  let method: { value: string; at: number } | undefined;
  const urls: ShellWord[] = [];
  const headers: CurlHeader[] = [];
  const data: Array<{ text: string; json: boolean; at: number; variables: boolean }> = [];
  let get = false;
  let user: ShellWord | undefined;
  let userAt = 0;
  let bearer: ShellWord | undefined;
  const cookies: ShellWord[] = [];
  let agent: ShellWord | undefined;
  let referer: ShellWord | undefined;
  const ignored = new Map<string, string>();
  let optionsEnded = false;

  const located = (code: string, message: string, w: { start: number; end: number }): Result<never, CurlError> =>
    fail({ code, message, start: w.start, end: w.end });

  for (let i = start + 1; i < words.length; i++) {
    const word = words[i];
    const v = word.value;
    if (optionsEnded || !v.startsWith('-') || v === '-') {
      urls.push(word);
      continue;
    }
    if (v === '--') {
      optionsEnded = true;
      continue;
    }
    // The option and its value: "--long value", "-X value", "-XPOST", and bundles of flags "-sSL", "-sXPOST".
    const uses: Array<{ spec: OptionSpec; name: string; value?: ShellWord }> = [];
    if (v.startsWith('--')) {
      const spec = LONG[v] ?? (v.startsWith('--no-') ? LONG['--' + v.slice(5)] : undefined);
      if (!spec)
        return located(
          'import/unknown-option',
          `ccmacro does not know the curl option ${v}${v.includes('=') ? ' (curl takes an option\'s value as the next word, not after "=")' : ''}, so it cannot say what the request would be: remove it if it does not change what is sent`,
          word,
        );
      uses.push({ spec, name: v });
    } else {
      for (let k = 1; k < v.length; k++) {
        const letter = v[k];
        const spec = SHORT[letter];
        if (!spec)
          return located(
            'import/unknown-option',
            `ccmacro does not know the curl option -${letter}${v.length > 2 ? ` (in ${v})` : ''}, so it cannot say what the request would be: remove it if it does not change what is sent`,
            word,
          );
        if (takesValue(spec.kind) && k + 1 < v.length) {
          uses.push({
            spec,
            name: '-' + letter,
            value: { value: v.slice(k + 1), start: word.start, end: word.end, variables: shiftVariables(word, k + 1) },
          });
          break;
        }
        uses.push({ spec, name: '-' + letter });
      }
    }
    for (const use of uses) {
      const { spec, name } = use;
      let value = use.value;
      if (takesValue(spec.kind) && !value) {
        value = words[++i];
        if (!value)
          return located('import/missing-value', `${name} needs a value after it, and the command ends there`, word);
      }
      const at = { start: word.start, end: value ? value.end : word.end };
      const val = value?.value ?? '';
      switch (spec.kind) {
        case 'method':
          method = { value: val, at: word.start };
          break;
        case 'header': {
          if (val.startsWith('@'))
            return located(
              'import/file-option',
              `${name} ${excerpt(val, 0)} reads headers from a file, and ccmacro never reads files a command names: write each header with -H "Name: value"`,
              at,
            );
          const h = parseHeader(val, value!, word.start);
          if (!h.ok) return h;
          if (h.value) headers.push({ ...h.value, hasVariables: value!.variables.length > 0 });
          break;
        }
        case 'data':
        case 'json':
          if (val.startsWith('@'))
            return located(
              'import/file-option',
              `${name} ${excerpt(val, 0)} sends the contents of ${val === '@-' ? 'standard input' : `the file ${excerpt(val.slice(1), 0)}`}, and ccmacro never reads files a command names: put the body itself in the command (--data-raw '…')`,
              at,
            );
          data.push({ text: val, json: spec.kind === 'json', at: word.start, variables: value!.variables.length > 0 });
          break;
        case 'data-raw':
          data.push({ text: val, json: false, at: word.start, variables: value!.variables.length > 0 });
          break;
        case 'data-urlencode': {
          const enc = urlencodeData(val);
          if (!enc.ok) return located('import/file-option', `${name} ${excerpt(val, 0)} ${enc.error}`, at);
          data.push({ text: enc.value, json: false, at: word.start, variables: value!.variables.length > 0 });
          break;
        }
        case 'user':
          user = value;
          userAt = word.start;
          break;
        case 'oauth2-bearer':
          bearer = value;
          break;
        case 'url':
          urls.push(value!);
          break;
        case 'get':
          get = true;
          break;
        case 'cookie':
          if (!val.includes('='))
            return located(
              'import/file-option',
              `${name} ${excerpt(val, 0)} reads cookies from a file, and ccmacro never reads files a command names: write the cookies themselves (-b "name=value")`,
              at,
            );
          cookies.push(value!);
          break;
        case 'user-agent':
          agent = value;
          break;
        case 'referer':
          referer = value;
          break;
        case 'ignore':
        case 'ignore-value':
          if (!ignored.has(name)) ignored.set(name, spec.why ?? RUNS_ONLY);
          break;
        case 'refuse':
        case 'refuse-value':
          return located('import/unsupported-option', `ccmacro cannot import ${name}: ${spec.why}`, at);
      }
    }
  }

  // The URL.
  if (urls.length === 0)
    return fail({
      code: 'import/no-url',
      message: 'The command has no URL: curl needs one, and so does the macro',
      start: first.start,
      end: first.end,
    });
  if (urls.length > 1) {
    const looksLikeUrl = (w: ShellWord) => /:\/\/|^\$\{env:|^[\w-]+(\.[\w-]+)+/.test(w.value);
    const stray = urls.find(w => !looksLikeUrl(w));
    const url = urls.find(looksLikeUrl);
    if (stray && url)
      return located(
        'import/two-urls',
        `"${excerpt(stray.value, 0)}" is not an option, and the command already has a URL (${excerpt(url.value, 0)}): if it belongs to the value before it, quote that value`,
        stray,
      );
    return located(
      'import/two-urls',
      `A second URL, ${excerpt(urls[1].value, 0)}: a macro sends one request, so import one URL at a time`,
      urls[1],
    );
  }
  const urlWord = urls[0];
  let url = urlWord.value;
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(url)) {
    if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(url) && !/^[^:/]+:\d/.test(url))
      return located(
        'import/url',
        `${excerpt(url, 0)} is not a web address: a macro sends to http:// or https://`,
        urlWord,
      );
    if (url.startsWith('${env:')) {
      /* the whole URL is a shell variable: kept as ${env:NAME} */
    } else {
      url = 'http://' + url;
      notes.push(`The URL has no scheme, so curl uses http://, and so does the macro: ${excerpt(url, 0, 60)}`);
    }
  } else if (!/^https?:\/\//i.test(url)) {
    return located(
      'import/url',
      `${excerpt(url, 0)} is not a web address: a macro sends to http:// or https://`,
      urlWord,
    );
  }
  if (/^https?:\/\/$/i.test(url) || /[\s]/.test(url))
    return located('import/url', `"${excerpt(url, 0)}" is not a complete web address`, urlWord);

  // The body: data pieces are joined with "&" (--json pieces are appended as they are).
  let body: string | undefined;
  let bodyAt: number | undefined;
  const json = data.some(d => d.json);
  if (data.length > 0) {
    body = data[0].text;
    for (let k = 1; k < data.length; k++) body += (data[k].json ? '' : '&') + data[k].text;
    bodyAt = data[0].at;
    const withVars = data.find(d => d.variables);
    if (withVars)
      return fail({
        code: 'import/shell-variable',
        message:
          'The body uses a shell variable ($NAME), and a macro fills in secrets and variables only in the URL and headers: write the value itself (the body may use Centercode tags)',
        start: withVars.at,
        end: withVars.at + 1,
      });
  }
  if (get && body !== undefined) {
    url += (url.includes('?') ? '&' : '?') + body;
    body = undefined;
    bodyAt = undefined;
  }

  // The method: -X wins; else -G/GET, data POST, nothing GET.
  let m = body !== undefined ? 'POST' : 'GET';
  if (method) {
    const upper = method.value.toUpperCase();
    if (!METHODS.includes(upper))
      return fail({
        code: 'import/method',
        message: `The method ${excerpt(method.value, 0)} is not one a macro sends: Centercode sends GET, POST, PUT, PATCH or DELETE`,
        start: method.at,
        end: method.at + 2,
      });
    if (upper !== method.value)
      notes.push(`The method "${method.value}" is written ${upper} (methods are upper case).`);
    m = upper;
  }

  // Headers other options make. A header the command writes itself wins over one an option would add (as in curl).
  const written = new Set(headers.map(h => h.name.toLowerCase()));
  const has = (name: string) => written.has(name.toLowerCase());
  const derived = (name: string, value: string, origin: HeaderOrigin, at: number, vars = false) => {
    if (has(name)) return;
    written.add(name.toLowerCase());
    headers.push({ name, value, origin, at, hasVariables: vars });
  };
  if (agent) derived('User-Agent', agent.value, 'user-agent', agent.start, agent.variables.length > 0);
  if (referer) {
    const ref = referer.value.replace(/;auto$/, '');
    if (ref !== referer.value)
      notes.push('The ";auto" of -e (set the Referer on redirects) is left out: only the first request is the macro.');
    if (ref) derived('Referer', ref, 'referer', referer.start, referer.variables.length > 0);
  }
  if (cookies.length > 0)
    derived(
      'Cookie',
      cookies.map(c => c.value).join('; '),
      'cookie',
      cookies[0].start,
      cookies.some(c => c.variables.length > 0),
    );
  if (user) {
    if (user.variables.length > 0)
      return located(
        'import/shell-variable',
        '-u with a shell variable: curl encodes user:password itself, which ccmacro cannot do for a value it does not have. Write -H "Authorization: Basic $BASIC_AUTH" instead (BASIC_AUTH = base64 of user:password)',
        user,
      );
    const colon = user.value.indexOf(':');
    if (colon < 0)
      return located(
        'import/user',
        `-u ${excerpt(user.value, 0)} has no password, so curl would ask for one: write -u user:password`,
        user,
      );
    derived('Authorization', 'Basic ' + Buffer.from(user.value, 'utf8').toString('base64'), 'user', userAt);
  }
  if (bearer)
    derived('Authorization', 'Bearer ' + bearer.value, 'oauth2-bearer', bearer.start, bearer.variables.length > 0);
  if (json) {
    derived('Content-Type', 'application/json', 'json', bodyAt ?? 0);
    derived('Accept', 'application/json', 'json', bodyAt ?? 0);
  }
  if (body !== undefined) derived('Content-Type', 'application/x-www-form-urlencoded', 'default', bodyAt ?? 0);

  const byReason = new Map<string, string[]>();
  for (const [name, why] of ignored) byReason.set(why, [...(byReason.get(why) ?? []), name]);
  for (const [why, names] of byReason)
    notes.push(`${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} left out: ${why}.`);
  return ok({ method: m, url, headers, body, bodyAt, notes, dialect });
}

function takesValue(kind: OptionKind): boolean {
  return kind !== 'get' && kind !== 'ignore' && kind !== 'refuse';
}

function shiftVariables(word: ShellWord, from: number): ShellWord['variables'] {
  return word.variables.filter(x => x.start >= from).map(x => ({ ...x, start: x.start - from, end: x.end - from }));
}

/**
 * One -H value: "Name: value" adds a header; "Name:" (nothing after the colon) removes one curl would add itself, so
 * it sends nothing; "Name;" sends the header empty.
 */
function parseHeader(
  raw: string,
  at: { start: number; end: number },
  optionAt: number,
): Result<Omit<CurlHeader, 'hasVariables'> | undefined, CurlError> {
  const colon = raw.indexOf(':');
  const semi = raw.indexOf(';');
  if (colon < 0 && semi > 0 && raw.slice(semi + 1).trim() === '') {
    return ok({ name: raw.slice(0, semi).trim(), value: '', origin: 'header', at: optionAt });
  }
  if (colon <= 0)
    return fail({
      code: 'import/header',
      message: `The header ${JSON.stringify(excerpt(raw, 0))} has no "Name: value" form`,
      start: at.start,
      end: at.end,
    });
  const name = raw.slice(0, colon).trim();
  const value = raw
    .slice(colon + 1)
    .replace(/^[ \t]+/, '')
    .replace(/[ \t\r\n]+$/, '');
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
    return fail({
      code: 'import/header',
      message: `${JSON.stringify(excerpt(name, 0))} is not a header name (letters, digits and -)`,
      start: at.start,
      end: at.end,
    });
  if (value === '') return ok(undefined);
  return ok({ name, value, origin: 'header', at: optionAt });
}

/** --data-urlencode's forms: "content", "=content", "name=content"; "@file" and "name@file" read files (refused). */
function urlencodeData(raw: string): Result<string> {
  const eq = raw.indexOf('=');
  const atSign = raw.indexOf('@');
  if (atSign >= 0 && (eq < 0 || atSign < eq))
    return fail(
      'reads the file named after the @, and ccmacro never reads files a command names: write the value itself',
    );
  if (eq < 0) return ok(formEncode(raw));
  if (eq === 0) return ok(formEncode(raw.slice(1)));
  return ok(raw.slice(0, eq) + '=' + formEncode(raw.slice(eq + 1)));
}

/** As curl encodes --data-urlencode content: every byte but A-Z a-z 0-9 - . _ ~ as %XX (upper case). */
function formEncode(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}
