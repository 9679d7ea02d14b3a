import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { bypassesProxy } from '../../../src/core/send/proxy';
import {
  loadCaFile,
  resolveCaPath,
  sendOptionsFromSettings,
  type SendSettingsContext,
} from '../../../src/core/send/settings';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

function context(files: Record<string, string> = {}, env: Record<string, string> = {}): SendSettingsContext {
  return {
    targetUrl: 'https://api.example.com/hook',
    env,
    home: '/home/dana',
    baseDir: '/ws',
    readFile: async p => {
      if (p in files) return files[p];
      throw Object.assign(new Error('missing'), { code: 'ENOENT' });
    },
  };
}

describe('send settings (editor settings and CLI flags → send options)', () => {
  it('uses the defaults for missing or unusable numbers', async () => {
    const r = await sendOptionsFromSettings({ timeoutMs: -1, connectTimeoutMs: Number.NaN }, context());
    assert.ok(r.ok);
    assert.deepEqual(r.value, { timeoutMs: 10000, followRedirects: false });
  });

  it('maps http.proxy, http.proxyStrictSSL and http.noProxy, adding http:// to a bare host', async () => {
    const r = await sendOptionsFromSettings(
      { httpProxy: 'proxy.corp:3128', proxyStrictSSL: false, noProxy: ['.internal', 'localhost'] },
      context(),
    );
    assert.ok(r.ok);
    assert.equal(r.value.proxy?.url, 'http://proxy.corp:3128');
    assert.equal(r.value.proxy?.strictSSL, false);
    assert.deepEqual(r.value.proxy?.noProxy, ['.internal', 'localhost']);
  });

  it('falls back to HTTPS_PROXY / NO_PROXY from the environment when http.proxy is empty', async () => {
    const viaEnv = await sendOptionsFromSettings(
      { httpProxy: '' },
      context({}, { HTTPS_PROXY: 'http://env-proxy:8080' }),
    );
    assert.ok(viaEnv.ok);
    assert.equal(viaEnv.value.proxy?.url, 'http://env-proxy:8080');
    const bypassed = await sendOptionsFromSettings(
      {},
      context({}, { HTTPS_PROXY: 'http://env-proxy:8080', NO_PROXY: 'example.com' }),
    );
    assert.ok(bypassed.ok);
    assert.deepEqual(bypassed.value.proxy?.noProxy, ['example.com']);
    assert.ok(
      bypassesProxy('https://api.example.com/hook', bypassed.value.proxy?.noProxy),
      'NO_PROXY covers api.example.com',
    );
  });

  it('reads the CA file relative to the workspace folder, from ~ or ${workspaceFolder}', async () => {
    assert.equal(resolveCaPath('certs/ca.pem', '/home/dana', '/ws'), path.join('/ws', 'certs/ca.pem'));
    assert.equal(resolveCaPath('~/ca.pem', '/home/dana', '/ws'), '/home/dana/ca.pem');
    assert.equal(resolveCaPath('${workspaceFolder}/ca.pem', '/home/dana', '/ws'), '/ws/ca.pem');
    assert.equal(resolveCaPath('/etc/ca.pem', '/home/dana', '/ws'), '/etc/ca.pem');
    const r = await sendOptionsFromSettings(
      { caFile: 'certs/ca.pem' },
      context({ [path.join('/ws', 'certs/ca.pem')]: PEM }),
    );
    assert.ok(r.ok);
    assert.equal(r.value.ca, PEM);
  });

  it('refuses a CA file that is missing or not PEM, saying which setting and why', async () => {
    const missing = await sendOptionsFromSettings(
      { caFile: 'gone.pem', caFileSource: 'ccmacro.send.caFile' },
      context(),
    );
    assert.ok(!missing.ok);
    assert.equal(
      missing.error,
      `The CA file in ccmacro.send.caFile cannot be used: ${path.join('/ws', 'gone.pem')} does not exist.`,
    );
    const notPem = await loadCaFile('/ws/key.txt', async () => 'just text');
    assert.deepEqual(notPem, {
      ok: false,
      error: '/ws/key.txt is not a PEM certificate (it should contain "-----BEGIN CERTIFICATE-----")',
    });
  });
});
