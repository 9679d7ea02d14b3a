import * as assert from 'node:assert/strict';
import { summarizeExchange, formatClock, isSuccess } from '../../../src/core/send/summary';
import { receiverTargetUrl } from '../../../src/core/receiver/target';

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
    assert.deepEqual(summarizeExchange({ error: { kind: 'timeout' } }), { kind: 'error', text: 'Timed out' });
    assert.deepEqual(summarizeExchange({ error: { kind: 'aborted' } }), { kind: 'warning', text: 'Cancelled' });
    assert.deepEqual(summarizeExchange({ error: { kind: 'connect-refused' } }), {
      kind: 'error',
      text: 'Connection refused',
    });
    assert.deepEqual(summarizeExchange({ error: { kind: 'other' } }), { kind: 'error', text: 'Failed' });
    assert.deepEqual(summarizeExchange({}), { kind: 'error', text: 'No response' });
  });

  it('a response whose body broke off is a failure that still shows the status', () => {
    const broken = {
      response: { status: 200, statusText: 'OK', timings: { totalMs: 5 } },
      error: { kind: 'reset' as const },
    };
    assert.deepEqual(summarizeExchange(broken), { kind: 'error', text: '200 OK · Connection closed' });
    assert.equal(isSuccess(broken), false);
    assert.equal(isSuccess({ response: { status: 204 } }), true);
    assert.equal(isSuccess({ response: { status: 302 } }), false);
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
        'slack',
      ),
      'http://127.0.0.1:5000/slack/new-bug-slack',
    );
  });
  it('keeps path and query for other macros', () => {
    assert.equal(
      receiverTargetUrl('http://127.0.0.1:5000', 'https://jira.example.com/rest/api/2/issue?x=1', 'Jira', 'generic'),
      'http://127.0.0.1:5000/rest/api/2/issue?x=1',
    );
    assert.equal(receiverTargetUrl('http://127.0.0.1:5000', 'not a url', '', 'generic'), 'http://127.0.0.1:5000/macro');
  });
});
