import * as assert from 'node:assert/strict';
import { InMemoryKeyValueStore } from '../../fakes/keyValueStore';
import { WebhookLog, LOG_TEXT_LIMIT, type WebhookLogEntry } from '../../../src/core/send/history';

function entry(n: number, extra: Partial<WebhookLogEntry> = {}): Omit<WebhookLogEntry, 'id'> {
  return {
    startedAt: new Date(1_700_000_000_000 + n * 1000).toISOString(),
    macroName: `m${n}`,
    target: 'real',
    requestLine: 'POST https://x.test/',
    status: 200,
    statusText: 'OK',
    totalMs: 5,
    logText: `log ${n}`,
    ...extra,
  };
}

describe('WebhookLog', () => {
  it('keeps entries newest first with unique ids', async () => {
    const log = new WebhookLog(new InMemoryKeyValueStore());
    const a = await log.add(entry(1));
    const b = await log.add(entry(2));
    assert.deepEqual(
      log.entries().map(e => e.macroName),
      ['m2', 'm1'],
    );
    assert.notEqual(a.id, b.id);
    assert.equal(log.get(a.id)?.macroName, 'm1');
  });

  it('keeps only the last 50 entries', async () => {
    const log = new WebhookLog(new InMemoryKeyValueStore());
    for (let i = 1; i <= 55; i++) await log.add(entry(i));
    const names = log.entries().map(e => e.macroName);
    assert.equal(names.length, 50);
    assert.equal(names[0], 'm55');
    assert.equal(names[49], 'm6');
  });

  it('persists through the store and survives a new instance', async () => {
    const store = new InMemoryKeyValueStore();
    await new WebhookLog(store).add(entry(1));
    assert.equal(new WebhookLog(store).entries().length, 1);
  });

  it('clears', async () => {
    const log = new WebhookLog(new InMemoryKeyValueStore());
    await log.add(entry(1));
    await log.clear();
    assert.deepEqual(log.entries(), []);
  });

  it('caps a huge log text', async () => {
    const log = new WebhookLog(new InMemoryKeyValueStore());
    const e = await log.add(entry(1, { logText: 'x'.repeat(LOG_TEXT_LIMIT * 3) }));
    assert.ok(e.logText.length < LOG_TEXT_LIMIT + 200);
    assert.match(e.logText, /log cut at 64 KB/);
  });

  it('treats a corrupt stored value as empty', () => {
    const store = new InMemoryKeyValueStore();
    store.values.set('ccmacro.webhookLog', 'garbage');
    assert.deepEqual(new WebhookLog(store).entries(), []);
  });
});
