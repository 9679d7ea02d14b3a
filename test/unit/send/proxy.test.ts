import * as assert from 'node:assert/strict';
import { bypassesProxy, parseNoProxy, proxyFromEnv, proxyFor } from '../../../src/core/send/proxy';

describe('proxy settings', () => {
  it('reads HTTPS_PROXY / HTTP_PROXY / NO_PROXY like curl', () => {
    const env = {
      HTTPS_PROXY: 'http://p.corp:3128',
      http_proxy: 'p2.corp:8080',
      NO_PROXY: 'internal.corp, .svc ,localhost:8080',
    };
    assert.deepEqual(proxyFromEnv(env, 'https://hooks.slack.com/x'), {
      url: 'http://p.corp:3128',
      noProxy: ['internal.corp', '.svc', 'localhost:8080'],
    });
    assert.equal(proxyFromEnv(env, 'http://example.com/')?.url, 'http://p2.corp:8080');
    assert.equal(proxyFromEnv({}, 'https://x'), undefined);
    assert.equal(proxyFromEnv({ ALL_PROXY: 'http://all:1' }, 'https://x')?.url, 'http://all:1');
  });

  it('matches NO_PROXY entries: domains and subdomains, leading dots, ports, *', () => {
    const list = parseNoProxy('internal.corp,.svc,localhost:8080,[::1]');
    assert.equal(bypassesProxy('https://internal.corp/x', list), true);
    assert.equal(bypassesProxy('https://jira.internal.corp/x', list), true);
    assert.equal(bypassesProxy('https://notinternal.corp/x', list), false);
    assert.equal(bypassesProxy('http://a.svc/', list), true);
    assert.equal(bypassesProxy('http://localhost:8080/', list), true);
    assert.equal(bypassesProxy('http://localhost:9090/', list), false);
    assert.equal(bypassesProxy('http://[::1]:5/', list), true);
    assert.equal(bypassesProxy('https://anything/', ['*']), true);
    assert.equal(proxyFor('https://hooks.slack.com/', { url: 'http://p:1', noProxy: ['slack.com'] }), undefined);
    assert.deepEqual(proxyFor('https://example.com/', { url: 'http://p:1', noProxy: ['slack.com'] }), {
      url: 'http://p:1',
      noProxy: ['slack.com'],
    });
  });
});
