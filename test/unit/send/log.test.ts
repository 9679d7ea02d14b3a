import * as assert from 'node:assert/strict';
import { createMasker } from '../../../src/core/secrets/mask';
import { formatExchangeLog } from '../../../src/core/send/log';
import { type Exchange } from '../../../src/core/send/types';

const base: Exchange = {
  startedAt: '2026-11-29T10:00:00.000Z',
  durationMs: 143,
  request: {
    method: 'POST',
    url: 'https://jira.example.com/rest/api/2/issue',
    headers: [{ name: 'Content-Type', value: 'application/json' }],
    bodyText: '{"fields":{"summary":"Crash"}}',
    bodyBytes: 30,
  },
  response: {
    status: 201,
    statusText: 'Created',
    httpVersion: '1.1',
    headers: [{ name: 'content-type', value: 'application/json' }],
    bodyText: '{"id":"10001","key":"BETA-7","self":"https://jira/10001","list":[{"x":1}]}',
    bodyBytes: 70,
    truncated: false,
    timings: { totalMs: 143.4, ttfbMs: 120.2 },
  },
  redirects: [],
};

describe('the exchange log', () => {
  it('has time, macro, sample, request, pretty body, status, timings, response and return values in order', () => {
    const log = formatExchangeLog(base, {
      macroName: 'Create Jira issue',
      sampleName: 'typical',
      returnValues: { key: 'Jira Key', 'list[0].x': 'X', missing: 'Nope' },
      mask: createMasker(),
    });
    const expected = [
      '── 2026-11-29 10:00:00 UTC ── Create Jira issue',
      'Sample: typical',
      '',
      'POST https://jira.example.com/rest/api/2/issue',
      'Content-Type: application/json',
      '',
      '{\n  "fields": {\n    "summary": "Crash"\n  }\n}',
      '',
      'HTTP/1.1 201 Created   (143 ms total, first byte after 120 ms)',
      'content-type: application/json',
      '',
    ].join('\n');
    assert.ok(log.startsWith(expected), log);
    assert.ok(
      log.includes(
        [
          'Return values (what Centercode would save):',
          '  Jira Key = BETA-7 (from key)',
          '  X = 1 (from list[0].x)',
          '  Nope: nothing saved (from missing) — The response has no "missing", so Centercode saves nothing in Nope. It has "id", "key", "self", "list".',
        ].join('\n'),
      ),
      log,
    );
  });

  it('states the full size of a truncated body and shows the failure sentence', () => {
    const ex: Exchange = {
      ...base,
      response: { ...base.response!, bodyText: 'x'.repeat(10), bodyBytes: 52_428_800, truncated: true },
      error: {
        kind: 'reset',
        message: 'jira.example.com closed the connection after 10 bytes of the response: the server crashed.',
      },
    };
    const log = formatExchangeLog(ex, { macroName: 'm' });
    assert.match(log, /… body truncated: showing the first 10 bytes of 52,428,800 bytes\./);
    assert.match(log, /✗ jira\.example\.com closed the connection/);
  });

  it('says return values are not read from a body too large to keep', () => {
    const ex: Exchange = { ...base, response: { ...base.response!, truncated: true } };
    const log = formatExchangeLog(ex, { macroName: 'm', returnValues: { key: 'Jira Key' } });
    assert.match(
      log,
      /Return values \(what Centercode would save\):\n {2}\(not read: the response body was too large to keep\)/,
    );
  });
});
