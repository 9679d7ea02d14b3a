/**
 * Run as a child process (`node --expose-gc out/bench/sendMemoryProbe.js URL`): sends one GET through
 * sendRequest while sampling memory, and prints JSON with the peak and the retained growth. A separate
 * process keeps the server's buffers and the caller's heap out of the numbers.
 */
import { Sender } from '../src/core/send/send';

// One sender for this file, as the service would hold it.
const sender = new Sender();
const sendRequest: Sender['send'] = (request, options) => sender.send(request, options);
const closeSendConnections = () => sender.close();

async function probe(url: string, mode: string, warmUrl?: string) {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  // Load the client and compile its parser first, so only the send itself is measured.
  if (warmUrl)
    await (mode === 'send' ? sendRequest({ method: 'GET', url: warmUrl, headers: [] }) : bare(warmUrl, 'bare-stream'));
  else await import('undici');
  gc();
  await new Promise(r => setTimeout(r, 20));
  gc();
  const base = process.memoryUsage();
  let peakRss = 0;
  let peakArrayBuffers = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss - base.rss);
    peakArrayBuffers = Math.max(peakArrayBuffers, m.arrayBuffers - base.arrayBuffers);
  };
  const timer = setInterval(sample, 2);
  const ex =
    mode === 'send'
      ? await sendRequest({ method: 'GET', url, headers: [] }, { timeoutMs: 60_000 })
      : await bare(url, mode);
  clearInterval(timer);
  sample();
  // Freed buffers are returned after finalisation: collect a few times with turns in between.
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise(r => setTimeout(r, 20));
  }
  const after = process.memoryUsage();
  const result = {
    status: ex.response?.status,
    error: ex.error?.message,
    bodyBytes: ex.response?.bodyBytes,
    keptChars: ex.response?.bodyText.length,
    peakRss,
    peakArrayBuffers,
    retainedArrayBuffers: after.arrayBuffers - base.arrayBuffers,
    retainedHeap: after.heapUsed - base.heapUsed,
  };
  await closeSendConnections();
  process.stdout.write(JSON.stringify(result) + '\n');
}

/** Baselines: undici.request reading and dropping every chunk ('bare-stream'), or holding the whole body ('bare-buffer'). */
async function bare(url: string, mode: string) {
  const { request } = await import('undici');
  const res = await request(url);
  let bytes = 0;
  let held: ArrayBuffer | undefined;
  if (mode === 'bare-buffer') {
    held = await res.body.arrayBuffer();
    bytes = held.byteLength;
  } else {
    for await (const c of res.body) bytes += (c as Buffer).length;
  }
  return {
    response: { status: res.statusCode, bodyBytes: bytes, bodyText: held ? 'held' : '' },
    error: undefined,
    held,
  };
}

if (require.main === module) {
  probe(process.argv[2], process.argv[3] ?? 'send', process.argv[4]).catch(e => {
    process.stderr.write(String(e) + '\n');
    process.exitCode = 1;
  });
}
