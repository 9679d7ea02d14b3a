import * as assert from 'node:assert/strict';
import { InMemoryKeyValueStore } from '../../fakes/keyValueStore';
import { InMemorySecretStore } from '../../fakes/secretStore';
import { SecretVault, vaultResolver, secretNameProblem } from '../../../src/core/secrets/vault';

describe('SecretVault', () => {
  it('stores under ccmacro.secret.<NAME> and indexes names only', async () => {
    const secrets = new InMemorySecretStore();
    const index = new InMemoryKeyValueStore();
    const vault = new SecretVault(secrets, index);
    await vault.set('SLACK_WEBHOOK_URL', 'https://hooks.slack.com/services/T/B/XYZ');
    await vault.set('API_TOKEN', 'tok');
    assert.equal(secrets.values.get('ccmacro.secret.SLACK_WEBHOOK_URL'), 'https://hooks.slack.com/services/T/B/XYZ');
    assert.deepEqual(vault.names(), ['API_TOKEN', 'SLACK_WEBHOOK_URL']);
    assert.ok(!JSON.stringify([...index.values]).includes('XYZ'), 'the index must not hold values');
    await vault.delete('API_TOKEN');
    assert.deepEqual(vault.names(), ['SLACK_WEBHOOK_URL']);
    assert.equal(await vault.get('API_TOKEN'), undefined);
  });

  it('rejects bad names', async () => {
    const vault = new SecretVault(new InMemorySecretStore(), new InMemoryKeyValueStore());
    await assert.rejects(vault.set('1BAD', 'x'), /letters, digits and _/);
    assert.equal(secretNameProblem('GOOD_1'), undefined);
    assert.match(secretNameProblem('')!, /Type a name/);
  });
});

describe('vaultResolver', () => {
  it('reads env placeholders from the given environment', async () => {
    const r = vaultResolver({
      vault: new SecretVault(new InMemorySecretStore(), new InMemoryKeyValueStore()),
      env: { HOME_URL: 'x' },
    });
    assert.equal(await r.get('env', 'HOME_URL'), 'x');
    assert.equal(await r.get('env', 'MISSING'), undefined);
  });

  it('asks once for an unknown secret, stores the answer and reuses it', async () => {
    const vault = new SecretVault(new InMemorySecretStore(), new InMemoryKeyValueStore());
    const asked: string[] = [];
    const r = vaultResolver({
      vault,
      env: {},
      askForSecret: async n => {
        asked.push(n);
        return 'v-' + n;
      },
    });
    const [a, b] = await Promise.all([r.get('secret', 'TOKEN'), r.get('secret', 'TOKEN')]);
    assert.equal(a, 'v-TOKEN');
    assert.equal(b, 'v-TOKEN');
    assert.deepEqual(asked, ['TOKEN']);
    assert.equal(await vault.get('TOKEN'), 'v-TOKEN');
    assert.deepEqual(vault.names(), ['TOKEN']);
  });

  it('does not ask for a stored secret, and stores nothing when the user cancels', async () => {
    const vault = new SecretVault(new InMemorySecretStore(), new InMemoryKeyValueStore());
    await vault.set('KNOWN', 'k');
    const asked: string[] = [];
    const r = vaultResolver({
      vault,
      env: {},
      askForSecret: async n => {
        asked.push(n);
        return undefined;
      },
    });
    assert.equal(await r.get('secret', 'KNOWN'), 'k');
    assert.equal(await r.get('secret', 'UNKNOWN'), undefined);
    assert.deepEqual(asked, ['UNKNOWN']);
    assert.deepEqual(vault.names(), ['KNOWN']);
  });

  it('uses the fallback for values neither stored nor given, without asking', async () => {
    const vault = new SecretVault(new InMemorySecretStore(), new InMemoryKeyValueStore());
    await vault.set('KNOWN', 'k');
    const r = vaultResolver({ vault, env: { E: 'e' }, fallback: (kind, name) => `test-${kind}-${name}` });
    assert.equal(await r.get('secret', 'KNOWN'), 'k');
    assert.equal(await r.get('secret', 'NEW'), 'test-secret-NEW');
    assert.equal(await r.get('env', 'E'), 'e');
    assert.equal(await r.get('env', 'NOPE'), 'test-env-NOPE');
    assert.deepEqual(vault.names(), ['KNOWN'], 'a stand-in is never stored');
  });
});
