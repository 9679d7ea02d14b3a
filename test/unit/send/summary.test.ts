import * as assert from 'node:assert/strict';
import { summarizeExchange, formatClock, receiverTargetUrl } from '../../../src/core/send/summary';

describe('summarizeExchange', () => {
  it('summarizes responses by status class', () => {
    assert.deepEqual(summarizeExchange({ response: { status: 200, statusText: 'OK', timings: { totalMs: 142.6 } } }), {
      kind: 'pass',
      text: '200 OK · 143 ms',
    });
    assert.equal(
      summarizeExchange({ response: { status: 301, statusText: 'Moved Permanently', timings: { totalMs: 3 } } }).kind,
      'warning',
    );
    assert.deepEqual(
      summarizeExchange({ response: { status: 400, statusText: 'Bad Request', timings: { totalMs: 12000 } } }),
      { kind: 'error', text: '400 Bad Request · 12.0 s' },
    );
  });

  it('summarizes failures', () => {
    assert.deepEqual(summarizeExchange({ error: { kind: 'timeout', message: 'm' } }), {
      kind: 'error',
      text: 'Timed out',
    });
    assert.deepEqual(summarizeExchange({ error: { kind: 'aborted', message: 'm' } }), {
      kind: 'warning',
      text: 'Cancelled',
    });
    assert.deepEqual(summarizeExchange({ error: { kind: 'connection-refused', message: 'm' } }), {
      kind: 'error',
      text: 'Failed',
    });
  });
});

describe('formatClock', () => {
  it('shows HH:MM today and the date otherwise', () => {
    const now = new Date(2026, 10, 29, 12, 30);
    assert.equal(formatClock(new Date(2026, 10, 29, 9, 5).toISOString(), now), '09:05');
    assert.equal(formatClock(new Date(2026, 10, 28, 9, 5).toISOString(), now), '2026-11-28 09:05');
    assert.equal(formatClock('nope', now), '');
  });
});

describe('receiverTargetUrl', () => {
  it('sends Slack macros to /slack/<name> (dropping the secret path)', () => {
    assert.equal(
      receiverTargetUrl(
        'http://127.0.0.1:5000/',
        'https://hooks.slack.com/services/T/B/SECRET',
        'New Bug → Slack!',
        true,
      ),
      'http://127.0.0.1:5000/slack/new-bug-slack',
    );
  });
  it('keeps path and query for other macros', () => {
    assert.equal(
      receiverTargetUrl('http://127.0.0.1:5000', 'https://jira.example.com/rest/api/2/issue?x=1', 'Jira', false),
      'http://127.0.0.1:5000/rest/api/2/issue?x=1',
    );
    assert.equal(receiverTargetUrl('http://127.0.0.1:5000', 'not a url', '', false), 'http://127.0.0.1:5000/macro');
  });
});
