import * as assert from 'node:assert/strict';
import { explainStatus, parseRetryAfter } from '../../../src/core/send/explain';
import { type Exchange } from '../../../src/core/send/types';
import { describeSendFailure } from '../../../src/core/send/errors';

function ex(status: number, body = '', headers: Array<{ name: string; value: string }> = []): Exchange {
  return {
    startedAt: new Date().toISOString(),
    durationMs: 1,
    request: { method: 'POST', url: 'https://hooks.slack.com/services/x', headers: [], bodyBytes: 0 },
    response: {
      status,
      statusText: '',
      headers,
      bodyText: body,
      bodyBytes: body.length,
      truncated: false,
      timings: { totalMs: 1, ttfbMs: 1 },
    },
    redirects: [],
  };
}

describe('explainStatus', () => {
  it('explains Slack error bodies', () => {
    for (const code of [
      'invalid_payload',
      'no_text',
      'no_service',
      'channel_not_found',
      'channel_is_archived',
      'action_prohibited',
      'rollup_error',
    ]) {
      const why = explainStatus(ex(code === 'no_service' ? 404 : code === 'rollup_error' ? 500 : 400, code));
      assert.ok(why?.startsWith(`Slack says "${code}"`), `${code}: ${why}`);
    }
    assert.match(explainStatus(ex(404, 'no_service'))!, /disabled, removed/);
  });

  it('explains common statuses', () => {
    assert.match(explainStatus(ex(401))!, /Authorization header/);
    assert.match(explainStatus(ex(403))!, /Authorization header \/ secret/);
    assert.match(explainStatus(ex(404))!, /URL path/);
    assert.match(explainStatus(ex(410))!, /stop sending/);
    assert.match(explainStatus(ex(413))!, /too large/);
    assert.match(explainStatus(ex(429, '', [{ name: 'Retry-After', value: '30' }]))!, /wait 30 seconds/);
    assert.match(explainStatus(ex(503))!, /receiver's side/);
    assert.match(
      explainStatus(ex(301, '', [{ name: 'location', value: 'https://new.example/' }]))!,
      /redirects to https:\/\/new\.example\//,
    );
    assert.equal(explainStatus(ex(200, 'ok')), undefined);
  });

  it('reads Retry-After as seconds or a date', () => {
    assert.equal(parseRetryAfter('2'), 2000);
    assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4_000), 6000);
    assert.equal(parseRetryAfter('soon'), undefined);
  });
});

describe('describeSendFailure', () => {
  const ctx = {
    url: 'https://hooks.slack.com/services/x',
    timeoutMs: 10000,
    connectTimeoutMs: 5000,
    timedOut: false,
    cancelled: false,
  };
  it('names a DNS failure', () => {
    const err = Object.assign(new Error('getaddrinfo ENOTFOUND hooks.slak.com'), { code: 'ENOTFOUND' });
    assert.deepEqual(describeSendFailure(err, { ...ctx, url: 'https://hooks.slak.com/x' }), {
      kind: 'dns',
      message: 'DNS lookup failed for hooks.slak.com: check the spelling of the host.',
    });
  });
  it('names the whole-exchange timeout and the setting to raise', () => {
    assert.equal(
      describeSendFailure(new Error('aborted'), { ...ctx, timedOut: true }).message,
      'Timed out after 10000 ms waiting for hooks.slack.com: the server did not answer in time; check the URL or raise the timeout (ccmacro.send.timeoutMs, or --timeout in the CLI).',
    );
  });
  it('names a connect timeout', () => {
    const err = Object.assign(new Error('Connect Timeout Error'), { code: 'UND_ERR_CONNECT_TIMEOUT' });
    assert.match(describeSendFailure(err, ctx).message, /^Could not connect to hooks\.slack\.com:443 within 5000 ms/);
  });
  it('finds codes in causes and aggregate errors', () => {
    const err = new TypeError('fetch failed', {
      cause: Object.assign(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]), {}),
    });
    assert.equal(describeSendFailure(err, ctx).kind, 'connect-refused');
  });
});
