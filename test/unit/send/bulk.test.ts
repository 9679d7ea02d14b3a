import * as assert from 'node:assert/strict';
import { Sender } from '../../../src/core/send/send';
import { formatBulkSummary, sendBulk } from '../../../src/core/send/bulk';
import { startServer, type TestServer } from './servers';

// One sender for this file, as the service would hold it.
const sender = new Sender();
const sendRequest: Sender['send'] = (request, options) => sender.send(request, options);
const closeSendConnections = () => sender.close();

describe('sendBulk', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await closeSendConnections();
    await server?.close();
  });

  it('honours 429 Retry-After: waits, retries that item, and reports each item', async () => {
    const arrivals: number[] = [];
    let calls = 0;
    server = await startServer((_req, res, body) => {
      arrivals.push(Date.now());
      calls++;
      // The second request is rate limited once, with Retry-After: 1.
      if (calls === 2) res.writeHead(429, { 'retry-after': '1' }).end('rate_limited');
      else if (body === 'item-3') res.writeHead(500).end('boom');
      else res.end('ok');
    });
    const items = ['item-1', 'item-2', 'item-3'];
    const progress: number[] = [];
    const rows = await sendBulk(
      items,
      item => sendRequest({ method: 'POST', url: server!.url, headers: [], body: item }),
      {
        ratePerSecond: 20,
        label: i => items[i],
        onProgress: done => progress.push(done),
      },
    );
    assert.deepEqual(
      rows.map(r => [r.label, r.status, r.attempts]),
      [
        ['item-1', 200, 1],
        ['item-2', 200, 2],
        ['item-3', 500, 1],
      ],
    );
    assert.ok(arrivals[2] - arrivals[1] >= 950, `waited ${arrivals[2] - arrivals[1]} ms for Retry-After`);
    assert.deepEqual(progress, [1, 2, 3]);
    const table = formatBulkSummary(rows);
    assert.match(table, /item-2\s+200 OK/);
    assert.match(table, /item-3\s+500 Internal Server Error/);
    assert.match(table, /2 of 3 succeeded\./);
  });

  it('paces sends at ratePerSecond', async () => {
    server = await startServer((_req, res) => res.end('ok'));
    const starts: number[] = [];
    await sendBulk(
      [1, 2, 3],
      () => {
        starts.push(performance.now());
        return sendRequest({ method: 'GET', url: server!.url, headers: [] });
      },
      { ratePerSecond: 5 },
    );
    assert.ok(
      starts[1] - starts[0] >= 195 && starts[2] - starts[1] >= 195,
      `starts ${starts.map(t => Math.round(t - starts[0])).join(', ')} ms at 5/s`,
    );
  });

  it('gives up on an item after the retries, and stops on cancel', async () => {
    server = await startServer((_req, res) => res.writeHead(429, { 'retry-after': '0' }).end('rate_limited'));
    const rows = await sendBulk(['a'], () => sendRequest({ method: 'GET', url: server!.url, headers: [] }), {
      ratePerSecond: 100,
      maxRetries: 2,
    });
    assert.equal(rows[0].status, 429);
    assert.equal(rows[0].attempts, 3);

    const ac = new AbortController();
    const rows2 = await sendBulk(
      ['a', 'b', 'c'],
      async () => {
        ac.abort();
        return sendRequest({ method: 'GET', url: server!.url, headers: [] });
      },
      { ratePerSecond: 100, signal: ac.signal },
    );
    assert.equal(rows2.length, 3);
    assert.match(rows2[2].error ?? '', /cancelled/);
  });
});
