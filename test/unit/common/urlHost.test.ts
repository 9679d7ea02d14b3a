import { strict as assert } from 'node:assert';
import { hostAndPortOf, hostOf, literalUrlHost } from '../../../src/core/common/urlHost';
import { KnownHosts } from '../../../src/core/send/knownHosts';
import { describeSendFailure } from '../../../src/core/send/errors';
import { targetFromUrl } from '../../../src/core/targets';
import { parseMacro } from '../../../src/core/macro/parse';
import { InMemoryKeyValueStore } from '../../fakes/keyValueStore';

/** What a URL only looks like is never its host: user info, a backslash, a path that names a service. */
const SPOOFS: Array<[url: string, host: string]> = [
  ['https://hooks.slack.com@evil.example/services/T0/B0/x', 'evil.example'],
  ['https://hooks.slack.com:pw@evil.example/services/T0/B0/x', 'evil.example'],
  ['https://dev.azure.com@evil.example/org/proj/_apis/wit/workitems/$Bug?api-version=7.1', 'evil.example'],
  ['https://evil.example\\@hooks.slack.com/services/T0/B0/x', 'evil.example'],
  ['https://evil.example/hooks.slack.com/services/T0/B0/x', 'evil.example'],
  ['https://evil.example/acme.atlassian.net/rest/api/3/issue', 'evil.example'],
  ['https://EVIL.example:8443/x', 'evil.example'],
];

describe('urlHost: one host for a URL, as the sender reaches it', () => {
  it('hostOf and hostAndPortOf read the host the WHATWG parser (undici) connects to', () => {
    for (const [url, host] of SPOOFS) assert.equal(hostOf(url), host, url);
    assert.equal(hostAndPortOf('https://EVIL.example:8443/x'), 'evil.example:8443');
    assert.equal(hostAndPortOf('https://example.com:443/x'), 'example.com');
    assert.equal(hostOf('http://[::1]:8080/'), '::1');
    assert.equal(hostAndPortOf('http://[::1]:8080/'), '[::1]:8080');
    assert.equal(hostOf('not a url'), undefined);
    assert.equal(hostAndPortOf('${var:BASE}/x'), undefined);
  });

  it('literalUrlHost: the real host, only when the macro writes it (no placeholder, no tag that could extend it)', () => {
    for (const [url, host] of SPOOFS) assert.equal(literalUrlHost(url), host, url);
    assert.equal(literalUrlHost('https://hooks.slack.com/((Path))'), 'hooks.slack.com');
    assert.equal(literalUrlHost('https://hooks.slack.com((Suffix))/x'), undefined);
    assert.equal(literalUrlHost('https://((Tenant)).atlassian.net/rest/api/3/issue'), undefined);
    assert.equal(literalUrlHost('https://${var:TENANT}.atlassian.net/rest/api/3/issue'), undefined);
    assert.equal(literalUrlHost('${secret:SLACK_URL}'), undefined);
    assert.equal(literalUrlHost(42), undefined);
  });

  it('a spoofed address is not recognised as the service it names', () => {
    const target = (url: string) =>
      targetFromUrl(parseMacro(JSON.stringify({ name: 'm', request: { method: 'POST', url, body: {} } })));
    assert.equal(target('https://hooks.slack.com/services/T0/B0/x'), 'slack');
    for (const [url] of SPOOFS.filter(([u]) => u.includes('slack'))) assert.equal(target(url), 'generic', url);
  });

  it('the known hosts, and the sender’s messages, name the real host', async () => {
    const known = new KnownHosts(new InMemoryKeyValueStore());
    assert.equal(known.hostNeedingConfirmation('https://hooks.slack.com@evil.example/x'), 'evil.example');
    await known.remember('https://hooks.slack.com/x');
    assert.equal(known.hostNeedingConfirmation('https://hooks.slack.com@evil.example/x'), 'evil.example');
    const failure = describeSendFailure(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }), {
      url: 'https://hooks.slack.com@evil.example/x',
      timeoutMs: 1000,
      connectTimeoutMs: 1000,
      timedOut: false,
      cancelled: false,
    });
    assert.match(failure.message, /evil\.example/);
    assert.doesNotMatch(failure.message, /hooks\.slack\.com/);
  });
});
