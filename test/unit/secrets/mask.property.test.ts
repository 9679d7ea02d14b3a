import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as fc from 'fast-check';
import { parseMacro } from '../../../src/core/macro/parse';
import { createMasker, MIN_SEARCH_LENGTH } from '../../../src/core/secrets/mask';
import { EnvSecretResolver } from '../../../src/core/secrets/resolve';
import { formatExchangeLog } from '../../../src/core/send/log';
import { prepareRequest } from '../../../src/core/send/prepare';
import { Sender } from '../../../src/core/send/send';

/**
 * Property: a random secret (any length, any characters) in a URL path, a URL query and a header, echoed back by a
 * real server in every common encoding (also in Latin-1, Windows-1252 and UTF-16 bytes, and as UTF-8 bytes in a
 * header), never appears in the exchange log in any of those encodings.
 *
 * Secrets under MIN_SEARCH_LENGTH characters are hidden by position in the request only (they are not searched for:
 * `plain` must not mask `text/plain`), so for them only the request lines are checked. An encoding shorter than 3
 * characters (`a` for a URL secret of seven tabs and an `a`: URL parsing drops tabs) cannot be told from ordinary
 * text and is not checked, and neither is an encoding that also occurs in the log's own text (the same exchange sent
 * with a neutral secret of the same length).
 */

const uEscape = (s: string) => [...s].map(c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
const utf16Escape = (s: string) =>
  Array.from({ length: s.length }, (_, i) => `\\u${s.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const codePoints = (s: string) => [...s].length;

/** The echo server: everything it got, in many spellings, each standing alone on its line. */
function echo(req: http.IncomingMessage, res: http.ServerResponse): void {
  const h = String(req.headers['x-secret'] ?? '');
  const url = req.url ?? '';
  const lines = [
    `Cannot POST ${url}`,
    `header: ${h}`,
    `json: ${JSON.stringify({ h, url })}`,
    `slashes: ${JSON.stringify(h).replace(/\//g, '\\/')}`,
    `u: ${utf16Escape(h)}`,
    `u-url: ${utf16Escape(url)}`,
    `b64: ${b64(h)}`,
    `basic: ${b64(`user:${h}`)}`,
    `html: ${[...h].map(c => `&#${c.codePointAt(0)};`).join('')}`,
  ];
  res.sendDate = false;
  // A header value is written as Latin-1: `x-echo-utf8` carries the UTF-8 bytes of the value.
  res.writeHead(400, {
    'content-type': 'text/plain; charset=utf-8',
    'x-echo': h,
    'x-echo-utf8': Buffer.from(h, 'utf8').toString('latin1'),
  });
  // The header value (Latin-1 text) echoed in the encodings a server may answer in.
  const inCp1252 = cp1252(h);
  res.end(
    Buffer.concat([
      Buffer.from(lines.join('\n') + '\nlatin1: '),
      Buffer.from(h, 'latin1'),
      ...(inCp1252 ? [Buffer.from('\ncp1252: '), inCp1252] : []),
      Buffer.from('\nutf16le: '),
      Buffer.from(h, 'utf16le'),
      Buffer.from('\nutf16be: '),
      Buffer.from(h, 'utf16le').swap16(),
      Buffer.from('\n'),
    ]),
  );
}

/** Windows-1252 as WHATWG's decoder reads it, turned around; undefined for text it cannot hold. */
function cp1252(s: string): Buffer | undefined {
  const high = new TextDecoder('windows-1252').decode(Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i));
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (high.includes(ch)) out.push(0x80 + high.indexOf(ch));
    else if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) out.push(c);
    else return undefined;
  }
  return Buffer.from(out);
}

const anyChar = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.constantFrom(
    '/',
    '?',
    '#',
    '%',
    '+',
    ' ',
    '\u00a0',
    '&',
    '=',
    '{',
    "'",
    '"',
    '\\',
    '.',
    '\t',
    '\n',
    '\r',
    '\x1b',
    '\u2028',
  ),
  fc.constantFrom('a', 'b', 'Z', '0', '7', '-', '_', '~', 'é', '€', '😀'),
);
// Half of the runs long enough to be searched for (MIN_SEARCH_LENGTH and more), the rest shorter.
const secret = fc
  .oneof(
    fc.array(anyChar, { minLength: 1, maxLength: 24 }),
    fc.array(anyChar, { minLength: MIN_SEARCH_LENGTH, maxLength: 24 }),
  )
  .map(a => a.join(''));
/** Header values: Latin-1 printable text and tabs only (ccmacro refuses anything else in a header). */
const headerSafe = (s: string) => s.replace(/[^\t\x20-\x7e\xa0-\xff]/g, 'k');

/** The log without what changes from one send to the next (time, timings). */
const normalise = (log: string) =>
  log
    .replace(/^── .* UTC ──/m, '── TIME ──')
    .replace(/\(\d+(?:\.\d+)? (?:ms|s) total, first byte after \d+(?:\.\d+)? (?:ms|s)\)/, '(TIMING)');

function encodings(s: string, where: 'url' | 'header'): string[] {
  const out = [s, JSON.stringify(s).slice(1, -1), uEscape(s), utf16Escape(s), b64(s)];
  try {
    out.push(encodeURIComponent(s));
  } catch {
    /* lone surrogate */
  }
  if (where === 'url') {
    const p = new URL(`http://h/p/${s}/end`).pathname;
    if (p.startsWith('/p/') && p.endsWith('/end')) out.push(p.slice(3, -4));
    if (!s.includes('#')) out.push(new URL(`http://h/?q=${s}`).search.slice(3));
  } else {
    out.push(s.trim());
    // What ccmacro reads of the other encodings: bodies as UTF-8, header values as Latin-1. A non-ASCII byte at
    // either end may join the neighbouring byte, so the inner part is what must not show.
    const inner = (b: Buffer) => (b.length > 2 ? b.subarray(1, -1) : Buffer.alloc(0)).toString('utf8');
    out.push(
      inner(Buffer.from(s, 'latin1')),
      inner(Buffer.from(s, 'utf16le')),
      inner(Buffer.from(s, 'utf16le').swap16()),
    );
    out.push(Buffer.from(s, 'utf8').toString('latin1'));
    const w = cp1252(s);
    if (w) out.push(inner(w));
    // Inside base64("user:" + s): the characters whose bits all come from s ("user:" is 5 bytes).
    const basic = b64(`user:${s}`);
    const middle = basic.slice(Math.ceil(40 / 6), Math.floor((8 * (5 + Buffer.byteLength(s))) / 6));
    if (middle.length >= 4 && [...s].length >= MIN_SEARCH_LENGTH) out.push(middle);
  }
  return [...new Set(out)].filter(e => e.length > 0);
}

describe('no encoding of a secret in the log (property, real loopback server)', function () {
  this.timeout(120_000);
  const sender = new Sender();
  let server: http.Server;
  let base = '';
  before(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => echo(req, res));
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await sender.close();
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  });

  async function logFor(urlSecret: string, headerSecret: string): Promise<string> {
    const parsed = parseMacro(
      JSON.stringify({
        name: 'property',
        request: {
          method: 'POST',
          url: `${base}/p/\${secret:U}/end?q=\${secret:U}`,
          headers: { 'X-Secret': '${secret:H}' },
          body: { text: 'x' },
        },
      }),
    );
    const ready = await prepareRequest(
      parsed,
      {},
      new EnvSecretResolver({ CCMACRO_SECRET_U: urlSecret, CCMACRO_SECRET_H: headerSecret }),
    );
    assert.ok(ready.ok, JSON.stringify(ready));
    const exchange = await sender.send(ready.request, { timeoutMs: 5000 });
    assert.equal(exchange.error, undefined, exchange.error?.message);
    return normalise(
      formatExchangeLog(exchange, { macroName: 'property', mask: createMasker({ secretValues: ready.secretValues }) }),
    );
  }

  it('in the URL path and query, in a header, and echoed in the body and a response header', async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(secret, async raw => {
        const u = raw;
        const h = headerSafe(raw);
        const neutral = ['Ж', 'Щ', 'Ю'].find(c => !raw.includes(c))!;
        const neutralLatin1 = ['Þ', 'Ø', 'Æ'].find(c => !h.includes(c))!;
        const log = await logFor(u, h);
        const frame = await logFor(neutral.repeat([...u].length), neutralLatin1.repeat(h.length));
        for (const [value, where] of [
          [u, 'url'],
          [h, 'header'],
        ] as const) {
          if (codePoints(value) < MIN_SEARCH_LENGTH) continue; // masked by position only (checked below)
          for (const e of encodings(value, where)) {
            if (frame.includes(e) || codePoints(e) < 3) continue; // the log's own text, or too short to tell
            checked++;
            assert.ok(
              !log.includes(e),
              `the ${where} secret ${JSON.stringify(value)} shows as ${JSON.stringify(e)}:\n${log}`,
            );
          }
        }
        // Wherever the request carries it, it is masked, whatever its length.
        assert.match(log, /^X-Secret: ••••$/m);
        // (From the path's start, when URL parsing moved text around: more, never less.)
        assert.match(log, /^POST http:\/\/127\.0\.0\.1:\d+\S*••••\S*$/m);
      }),
      { numRuns: Number(process.env.PROP_RUNS ?? 150) },
    );
    assert.ok(checked > 1000, `only ${checked} encodings were checked`);
  });
});
