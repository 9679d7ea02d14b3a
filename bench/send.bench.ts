/**
 * The sender: latency of one send to a loopback receiver through sendRequest against a bare
 * undici.request of the same bytes, and peak / retained memory of a send whose response is 50 MB.
 */
import { execFile } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { request } from 'undici';
import { startReceiver } from '../src/core/receiver/receiver';
import { Sender, DEFAULT_MAX_LOG_BYTES } from '../src/core/send/send';
import { line } from './util';

// One sender for this file, as the service would hold it.
const sender = new Sender();
const sendRequest: Sender['send'] = (request, options) => sender.send(request, options);
const closeSendConnections = () => sender.close();

const execFileP = promisify(execFile);

export async function run(report: (line: string) => void): Promise<void> {
  await latency(report);
  await memory(report);
}

async function latency(report: (line: string) => void) {
  const receiver = await startReceiver({ keep: 1 });
  const url = `${receiver.url}/slack/bench`;
  const body = JSON.stringify({
    text: 'Blocker #10432: App crashes when exporting a report to PDF',
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(800) } }],
  });
  const headers = [{ name: 'Content-Type', value: 'application/json' }];
  const viaSender = () => sendRequest({ method: 'POST', url, headers, body });
  const bare = async () => {
    const res = await request(url, { method: 'POST', headers: ['Content-Type', 'application/json'], body });
    await res.body.text();
  };
  // Interleave the two, one call each in turn, so load on the machine hits both alike.
  const a: number[] = [];
  const b: number[] = [];
  const time = async (fn: () => Promise<unknown>, into: number[]) => {
    const t0 = process.hrtime.bigint();
    await fn();
    into.push(Number(process.hrtime.bigint() - t0) / 1e6);
  };
  for (let i = 0; i < 50; i++) {
    await bare();
    await viaSender();
  }
  for (let i = 0; i < 1000; i++) {
    if (i % 2) {
      await time(bare, b);
      await time(viaSender, a);
    } else {
      await time(viaSender, a);
      await time(bare, b);
    }
  }
  const median = (xs: number[]) => xs.sort((x, y) => x - y)[xs.length >> 1];
  report(
    line('send 1 KB JSON to loopback receiver (sendRequest)', median(a), 'bare undici.request', median(b), {
      maxRatio: 1.2,
    }),
  );
  await closeSendConnections();
  await receiver.close();
}

async function memory(report: (line: string) => void) {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const server = http.createServer((req, res) => {
    const total = Number(/\/size\/(\d+)/.exec(req.url ?? '')?.[1] ?? 0);
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(total) });
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        const n = Math.min(chunk.length, total - sent);
        sent += n;
        if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const probeJs = path.join(__dirname, 'sendMemoryProbe.js');
  const MB = 1024 * 1024;
  const probe = async (size: number, mode: string) => {
    const { stdout } = await execFileP(
      process.execPath,
      ['--expose-gc', probeJs, `${base}/size/${size}`, mode, `${base}/size/1024`],
      { timeout: 120_000 },
    );
    return JSON.parse(stdout) as {
      bodyBytes: number;
      peakRss: number;
      peakArrayBuffers: number;
      retainedArrayBuffers: number;
      retainedHeap: number;
      keptChars: number;
    };
  };
  const send50 = await probe(50 * MB, 'send');
  const send5 = await probe(5 * MB, 'send');
  const stream50 = await probe(50 * MB, 'bare-stream');
  const buffer50 = await probe(50 * MB, 'bare-buffer');
  server.close();
  server.closeAllConnections();

  const mb = (n: number) => `${(n / MB).toFixed(1)} MB`;
  const retained = (r: typeof send50) => Math.max(0, r.retainedArrayBuffers + r.retainedHeap);
  report(`peak memory growth, 50 MB response (rss / array buffers):`);
  report(
    `  sendRequest                      ${mb(send50.peakRss).padStart(9)} / ${mb(send50.peakArrayBuffers).padStart(9)}   held after: ${mb(retained(send50))}`,
  );
  report(
    `  sendRequest, 5 MB response       ${mb(send5.peakRss).padStart(9)} / ${mb(send5.peakArrayBuffers).padStart(9)}   held after: ${mb(retained(send5))}`,
  );
  report(
    `  bare undici, chunks dropped      ${mb(stream50.peakRss).padStart(9)} / ${mb(stream50.peakArrayBuffers).padStart(9)}   held after: ${mb(retained(stream50))}`,
  );
  report(
    `  bare undici, body.arrayBuffer()  ${mb(buffer50.peakRss).padStart(9)} / ${mb(buffer50.peakArrayBuffers).padStart(9)}   held after: ${mb(retained(buffer50))}`,
  );
  // Bounded by the log limit: what the send keeps is about maxLogBytes (plus slack for the heap's own
  // noise), not the response; the transient peak is the garbage any streaming reader makes.
  const heldLimit = 2 * DEFAULT_MAX_LOG_BYTES + 1 * MB;
  const held = retained(send50);
  const verdict =
    held <= heldLimit && send50.keptChars <= DEFAULT_MAX_LOG_BYTES
      ? `met for what is held (${mb(held)} ≤ ${mb(heldLimit)} after a 50 MB response)`
      : `MISSED (holds ${mb(held)} after a 50 MB response, limit ${mb(heldLimit)})`;
  const peakNote = `the transient peak is socket-read garbage awaiting GC: ${(send50.peakRss / Math.max(1, stream50.peakRss)).toFixed(2)}x a bare streaming read, ${(send50.peakRss / Math.max(1, buffer50.peakRss)).toFixed(2)}x buffering the body`;
  report(
    `  target: bounded by the log limit (${DEFAULT_MAX_LOG_BYTES / 1024} KB), not the response size: ${verdict}; ${peakNote}`,
  );
}
