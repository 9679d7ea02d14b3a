import * as assert from 'node:assert/strict';
import { InMemoryKeyValueStore } from '../../fakes/keyValueStore';
import { KnownHosts, isLoopbackHost } from '../../../src/core/send/knownHosts';
import { hostAndPortOf } from '../../../src/core/common/urlHost';

describe('KnownHosts', () => {
  it('asks for a host never sent to, and not after it is remembered', async () => {
    const hosts = new KnownHosts(new InMemoryKeyValueStore());
    const url = 'https://hooks.slack.com/services/T0/B0/secret';
    assert.equal(hosts.hostNeedingConfirmation(url), 'hooks.slack.com');
    await hosts.remember(url);
    assert.equal(hosts.hostNeedingConfirmation('https://HOOKS.slack.com/other'), undefined);
  });

  it('tells ports apart and ignores default ports', async () => {
    const hosts = new KnownHosts(new InMemoryKeyValueStore());
    await hosts.remember('https://example.com:443/a');
    assert.equal(hosts.hostNeedingConfirmation('https://example.com/b'), undefined);
    assert.equal(hosts.hostNeedingConfirmation('https://example.com:8443/b'), 'example.com:8443');
  });

  it('never asks for loopback', () => {
    const hosts = new KnownHosts(new InMemoryKeyValueStore());
    for (const u of ['http://127.0.0.1:5000/x', 'http://localhost/x', 'http://[::1]:80/', 'http://127.1.2.3/']) {
      assert.equal(hosts.hostNeedingConfirmation(u), undefined, u);
    }
    assert.equal(isLoopbackHost('127.0.0.1.evil.com'), false);
    assert.equal(isLoopbackHost('localhost.evil.com'), false);
  });

  it('remembers per store (per workspace)', async () => {
    const a = new KnownHosts(new InMemoryKeyValueStore());
    const b = new KnownHosts(new InMemoryKeyValueStore());
    await a.remember('https://example.com/');
    assert.equal(b.hostNeedingConfirmation('https://example.com/'), 'example.com');
  });

  it('returns undefined for a URL that does not parse', () => {
    assert.equal(hostAndPortOf('not a url'), undefined);
    assert.equal(new KnownHosts(new InMemoryKeyValueStore()).hostNeedingConfirmation('::'), undefined);
  });
});
