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
 * real server in every common encoding, never appears in the exchange log in any of those encodings.
 *
 * Short secrets (under MIN_SEARCH_LENGTH characters) are hidden by position in the request and wherever they stand
 * alone; inside other text they cannot be told apart. So a short secret's encodings, and any encoding shorter than
 * MIN_SEARCH_LENGTH (`0=` for a URL secret `0<TAB>=`), are checked only where they stand alone (`==` ending a base64
 * text is not the secret `==`), and an encoding that also occurs in the log's own text (the same exchange sent with a
 * neutral secret of the same length) is not checked.
 */

const uEscape = (s: string) => [...s].map(c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
const utf16Escape = (s: string) =>
  Array.from({ length: s.length }, (_, i) => `\\u${s.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const codePoints = (s: string) => [...s].length;

/** `e` occurs in `log` with no letter or digit right before or after it (how the masker looks for short spellings). */
function standsAloneIn(log: string, e: string): boolean {
  const wordChar = /[\p{L}\p{N}]/u;
  for (let at = log.indexOf(e); at >= 0; at = log.indexOf(e, at + 1)) {
    const before = Array.from(log.slice(Math.max(0, at - 2), at)).pop() ?? '';
    const after = Array.from(log.slice(at + e.length, at + e.length + 2))[0] ?? '';
    if (!wordChar.test(before) && !wordChar.test(after)) return true;
  }
  return false;
}

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
  res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', 'x-echo': h });
  res.end(lines.join('\n'));
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
const secret = fc.array(anyChar, { minLength: 1, maxLength: 24 }).map(a => a.join(''));
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
          const short = codePoints(value) < MIN_SEARCH_LENGTH;
          for (const e of encodings(value, where)) {
            if (frame.includes(e)) continue; // the log's own text (only ever for short or very common values)
            checked++;
            const shows = short || codePoints(e) < MIN_SEARCH_LENGTH ? standsAloneIn(log, e) : log.includes(e);
            assert.ok(!shows, `the ${where} secret ${JSON.stringify(value)} shows as ${JSON.stringify(e)}:\n${log}`);
          }
        }
        // Wherever the request carries it, it is masked, whatever its length.
        assert.match(log, /^X-Secret: ••••$/m);
      }),
      { numRuns: Number(process.env.PROP_RUNS ?? 150) },
    );
    assert.ok(checked > 1000, `only ${checked} encodings were checked`);
  });
});
