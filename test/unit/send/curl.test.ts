import * as assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import * as fc from 'fast-check';
import { parseMacro } from '../../../src/core/macro/parse';
import { renderMacro } from '../../../src/core/render/render';
import { shellQuote, toCurl } from '../../../src/core/send/curl';
import { startServer, type TestServer } from './servers';

const RAW = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

/** The bytes bash makes of a quoted word. */
function bashBytes(quoted: string): Buffer {
  return execFileSync('bash', ['-c', `printf %s ${quoted}`]);
}

function hasCurl(): boolean {
  try {
    execFileSync('curl', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('cURL commands with control characters', () => {
  it("quotes control characters $'…' so the command carries none raw and bash gets the exact bytes", () => {
    for (const s of [
      'a\x1b]52;c;ZXZpbA==\x07b',
      "it's\r\x1b[K forged",
      'tab\tand\nnewline',
      '\x9b2J \u202eevil\u2066 \u2028',
      "'\x1b'",
      '!x\x07$HOME `id` $(id) \\',
    ]) {
      const q = shellQuote(s);
      assert.equal(RAW.exec(q), null, `raw control character in ${JSON.stringify(q)}`);
      assert.ok(bashBytes(q).equals(Buffer.from(s, 'utf8')), `${JSON.stringify(s)} → ${q}`);
    }
    assert.equal(shellQuote('a\x1bb'), "'a'$'\\x1b''b'");
    assert.equal(shellQuote("plain it's"), "'plain it'\\''s'", 'text without control characters keeps POSIX quoting');
  });

  it('round-trips any text without NUL through bash (property)', () => {
    fc.assert(
      fc.property(
        fc
          .string({
            unit: fc.oneof(
              fc.integer({ min: 1, max: 0xa0 }).map(c => String.fromCharCode(c)),
              fc.string(),
            ),
          })
          .map(s => s.replace(/[\ud800-\udfff]/g, 'x')),
        s => {
          const q = shellQuote(s);
          assert.equal(RAW.exec(q), null, q);
          assert.ok(bashBytes(q).equals(Buffer.from(s, 'utf8')), `${JSON.stringify(s)} → ${q}`);
        },
      ),
      { numRuns: 60 },
    );
  });

  describe('run with curl against a local server', function () {
    let server: TestServer | undefined;
    afterEach(async () => server?.close());

    it('sends exactly the rendered header and body bytes', async function () {
      if (!hasCurl()) this.skip();
      server = await startServer((_req, res) => res.end('ok'));
      const sample = { Title: 'T\x1b]0;title\x07 \x9b \u202e it\'s "q" \\', Body: 'line1\r\nline2\x1b[2J\ttab' };
      const r = renderMacro(
        parseMacro(
          JSON.stringify({
            name: 'curl',
            request: {
              method: 'POST',
              url: `${server.url}/c?t=((Title))`,
              headers: { 'X-Note': 'tab\there' },
              bodyFormat: 'text',
              body: '((Title))|((Body))',
            },
          }),
        ),
        { sample },
      );
      assert.ok(r.request, JSON.stringify(r.problems));
      const cmd = toCurl(r.request);
      assert.equal(RAW.exec(cmd.replace(/ \\\n/g, ' ').trimEnd()), null, cmd);
      const out = await new Promise<string>((resolve, reject) =>
        execFile(
          'bash',
          ['-c', `${cmd.trimEnd()} --silent --show-error --noproxy '*'`],
          { env: { PATH: process.env.PATH } },
          (err, stdout, stderr) => (err ? reject(new Error(stderr || String(err))) : resolve(stdout)),
        ),
      );
      assert.equal(out, 'ok');
      const seen = server.seen[0];
      assert.equal(seen.body, r.request.bodyText, 'the body is exact');
      assert.equal(seen.headers['x-note'], 'tab\there');
      assert.equal(`${server.url}${seen.url}`, r.request.url);
    });
  });
});
