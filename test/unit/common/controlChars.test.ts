import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { runCli } from '../../../src/cli/main';
import { visible, visibleJson, visibleLine } from '../../../src/core/common/controlChars';
import { formatProblem, problem } from '../../../src/core/common/problem';
import { LineIndex } from '../../../src/core/common/text';
import { parseMacro } from '../../../src/core/macro/parse';
import { formatReceivedRequest } from '../../../src/core/receiver/receiver';
import { renderMacro } from '../../../src/core/targets/render';
import { createMasker } from '../../../src/core/secrets/mask';
import { formatBulkSummary } from '../../../src/core/send/bulk';
import { capLogText } from '../../../src/core/send/history';
import { summarizeEntry } from '../../../src/core/send/summary';
import { formatExchangeLog, formatRenderedRequest } from '../../../src/core/send/log';
import { maskedExplanation, webhookLogEntry } from '../../../src/core/send/logEntry';
import type { Exchange } from '../../../src/core/send/types';

/** What must never reach a terminal or a log view raw: C0 but newline and tab, DEL, C1, bidi and line separators. */

const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]/;

function assertVisible(text: string, where: string): void {
  const m = RAW.exec(text);
  assert.equal(
    m,
    null,
    `${where} shows U+${m?.[0].charCodeAt(0).toString(16).padStart(4, '0')} raw: ${JSON.stringify(text)}`,
  );
}

describe('visible: control characters shown, never acted on', () => {
  it('writes CR as \\r, other C0, DEL and C1 as \\xHH, bidi and line separators as \\uHHHH; keeps newline and tab', () => {
    assert.equal(visible('a\x1b]52;c;ZXZp\x07b'), 'a\\x1b]52;c;ZXZp\\x07b');
    assert.equal(visible('line\r\x1b[Kforged'), 'line\\r\\x1b[Kforged');
    assert.equal(
      visible('\0\x7f\x80\x9b\u202e\u2066\u2028\u2029\u200f\u061c'),
      '\\x00\\x7f\\x80\\x9b\\u202e\\u2066\\u2028\\u2029\\u200f\\u061c',
    );
    assert.equal(visible('tab\there\nnext é 😀 ‘’ • ─'), 'tab\there\nnext é 😀 ‘’ • ─');
    assert.equal(visible('a\u2060[b](c)\u200b\ufeff'), 'a\\u2060[b](c)\\u200b\\ufeff', 'zero-width characters');
    const plain = 'nothing to do';
    assert.equal(visible(plain), plain);
  });

  it('visibleLine keeps text on one line: a line feed shows as \\n too (file names, macro names, labels)', () => {
    assert.equal(visibleLine('a\n::error::x\r\x1b[2J\tb'), 'a\\n::error::x\\r\\x1b[2J\tb');
    assert.equal(visibleLine('plain'), 'plain');
    const p = problem('schema/enum', 'error', 'bad\nvalue', { start: 0, end: 1 });
    assert.equal(
      formatProblem('dir\n::error file=a::x.ccmacro.json', p, new LineIndex('x')),
      'dir\\n::error file=a::x.ccmacro.json:1:1: error: bad value [schema/enum]',
      'a problem is one line whatever its file is called',
    );
  });

  it('visibleJson keeps the JSON value and escapes what JSON.stringify leaves raw', () => {
    const v = { s: 'a\x9b\u2028\u202eb\x1b' };
    const json = visibleJson(JSON.stringify(v));
    assertVisible(json, 'visibleJson');
    assert.deepEqual(JSON.parse(json), v);
  });
});

// Property: random strings full of control characters, through every human-readable output.
const hostileUnit = fc.oneof(
  fc.integer({ min: 0, max: 0x1f }).map(c => String.fromCharCode(c)),
  fc.integer({ min: 0x7f, max: 0x9f }).map(c => String.fromCharCode(c)),
  fc.constantFrom('\u2028', '\u2029', '\u202a', '\u202e', '\u2066', '\u2069', '\u200e', '\u200f', '\u061c'),
  fc.constantFrom('\x1b]52;c;ZXZpbA==\x07', '\x1b]8;;http://evil\x07', '\x1b[2J', '\r\x1b[K', '\x9b31m'),
  fc.string({ unit: 'binary', maxLength: 3 }),
  fc.constantFrom('{', '}', '"', '\\', '[', ']', ':', ','),
);
const hostile = fc.array(hostileUnit, { maxLength: 24 }).map(parts => parts.join(''));

function exchangeWith(s: string, variant: { truncated: boolean; json: boolean }): Exchange {
  const body = variant.json ? JSON.stringify({ v: s, w: [s] }) : s;
  return {
    startedAt: '2026-11-29T10:00:00.000Z',
    durationMs: 12,
    request: {
      method: 'POST',
      url: `https://example.test/${s}?q=${s}`,
      headers: [
        { name: 'X-Value', value: s },
        { name: 'Content-Type', value: variant.json ? 'application/json' : 'text/plain' },
      ],
      bodyText: body,
      bodyBytes: Buffer.byteLength(body),
    },
    response: {
      status: 418,
      statusText: s,
      headers: [
        { name: 'x-echo', value: s },
        { name: 'content-type', value: variant.json ? 'application/json' : 'text/plain' },
        { name: 'location', value: s },
      ],
      bodyText: body,
      bodyBytes: Buffer.byteLength(body) + (variant.truncated ? 1000 : 0),
      truncated: variant.truncated,
      timings: { totalMs: 12, ttfbMs: 5 },
    },
    redirects: [{ status: 302, location: s }],
    error: { kind: 'other', message: `failed: ${s}` },
  };
}

describe('no raw control character in any human-readable output (property)', () => {
  const RUNS = { numRuns: 300 };

  it('the exchange log, the Webhook Log entry and its cut, and the status summary', () => {
    fc.assert(
      fc.property(hostile, fc.boolean(), fc.boolean(), hostile, (s, truncated, json, secret) => {
        const ex = exchangeWith(s, { truncated, json });
        const mask = createMasker({ secretValues: [secret] });
        const meta = { macroName: `macro ${s}`, sampleName: `sample ${s}`, returnValues: { v: 'V', w: 'W' } };
        assertVisible(formatExchangeLog(ex, { ...meta, mask }), 'the exchange log');
        const entry = webhookLogEntry(ex, { ...meta, target: 'real' }, mask);
        for (const [k, v] of Object.entries(entry)) if (typeof v === 'string') assertVisible(v, `entry.${k}`);
        assertVisible(capLogText(entry.logText, 50), 'the capped log');
        assertVisible(summarizeEntry(entry).text, 'the status summary');
        assertVisible(maskedExplanation(ex, mask) ?? '', 'the explanation');
      }),
      RUNS,
    );
  });

  it('ccmacro receive output', () => {
    fc.assert(
      fc.property(hostile, fc.boolean(), (s, cut) => {
        const out = formatReceivedRequest({
          time: '2026-11-29T10:00:00.000Z',
          method: `POST${s}`,
          path: `/${s}`,
          headers: [{ name: 'x-evil', value: s }],
          bodyText: cut ? s : `{"a":${JSON.stringify(s)}}`,
          bodyBytes: Buffer.byteLength(s) + (cut ? 10 : 100),
          response: { status: 400, body: s, note: s },
        });
        assertVisible(out, 'the receiver output');
      }),
      RUNS,
    );
  });

  it('problem lines, bulk summaries and render --format request', () => {
    fc.assert(
      fc.property(hostile, s => {
        const text = `{"name": ${JSON.stringify(s)}}`;
        assertVisible(
          formatProblem(
            `file ${s}.json`,
            problem('x/y', 'error', `bad "${s}"`, { start: 0, end: 3 }),
            new LineIndex(text),
          ),
          'a problem line',
        );
        assertVisible(
          formatBulkSummary([
            { index: 0, label: s, status: 500, statusText: s, error: s, durationMs: 3, attempts: 1 },
            { index: 1, label: s, error: s, durationMs: 0, attempts: 0 },
          ]),
          'the bulk summary',
        );
        const macro = JSON.stringify({
          name: s,
          request: {
            method: 'POST',
            url: 'https://example.test/((Title))?q=((Title))',
            headers: { 'X-Title': 'a' },
            bodyFormat: 'text',
            body: `${s}((Title))`,
          },
        });
        const r = renderMacro(parseMacro(macro), { sample: { Title: s } });
        if (r.request) assertVisible(formatRenderedRequest(r.request, createMasker()), 'render --format request');
      }),
      RUNS,
    );
  });

  it('every line the CLI writes to stderr', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, async s => {
        let err = '';
        const io = { stdout: () => undefined, stderr: (t: string) => (err += t), cwd: '/nonexistent', env: {} };
        await runCli(['render', `missing ${s}.ccmacro.json`], io);
        await runCli(['send', 'x.ccmacro.json', '--url', `ftp://${s}`], io);
        await runCli([`bogus${s}`], io);
        assert.ok(err.length > 0);
        assertVisible(err, 'stderr');
      }),
      { numRuns: 100 },
    );
  });
});
