import * as assert from 'node:assert/strict';
import { createCcmacroService } from '../../../src/core';
import { cancellationOf, isCancellationError, type CancellationToken } from '../../../src/core/host';
import type { FileRead } from '../../../src/core/common/decode';
import { InMemoryFileSystem } from '../../fakes/fileSystem';

// Long work takes a CancellationToken: the editor cancels a stale check when the next keystroke comes, the preview a
// stale render. A cancelled method rejects with a CancellationError (never a partial result) and stops its work.

const ITEMS = 2000;
const text = JSON.stringify({
  name: 'Many items',
  samples: ['s.sample.json'],
  request: { method: 'POST', url: 'https://x.test/', body: { t: '((Title)) ((N))' } },
});
const sample = JSON.stringify(Array.from({ length: ITEMS }, (_, i) => ({ Title: `item ${i}`, N: i })));
const doc = { path: '/w/m.ccmacro.json', text };

/** Files that count every read, and cancel `controller` at the read of `at` (after it is answered). */
class CountingFs extends InMemoryFileSystem {
  reads = 0;
  constructor(
    private readonly controller?: AbortController,
    private readonly at?: string,
  ) {
    super({ '/w/s.sample.json': sample });
  }
  override async readFile(p: string): Promise<FileRead> {
    this.reads++;
    const read = await super.readFile(p);
    if (p === this.at) this.controller?.abort();
    return read;
  }
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => assert.fail('resolved, but the token was cancelled'),
    (e: unknown) => e,
  );
}

describe('cancelling the service’s long work', () => {
  it('validate with a token cancelled before it starts rejects at once and reads nothing', async () => {
    const fs = new CountingFs();
    const controller = new AbortController();
    controller.abort();
    const e = await rejection(createCcmacroService({ fs }).validate(doc, {}, cancellationOf(controller.signal)));
    assert.ok(isCancellationError(e), String(e));
    assert.equal(fs.reads, 0);
  });

  it('validate cancelled while it works stops: no later check runs, and it rejects', async () => {
    const full = new CountingFs();
    const done = await createCcmacroService({ fs: full }).validate(doc);
    assert.deepEqual(
      done.problems.filter(p => p.severity === 'error'),
      [],
    );
    // Cancelled when the tag check has read the sample: the render checks after it must not run.
    const controller = new AbortController();
    const fs = new CountingFs(controller, '/w/s.sample.json');
    const token: CancellationToken = cancellationOf(controller.signal);
    const e = await rejection(createCcmacroService({ fs }).validate(doc, {}, token));
    assert.ok(isCancellationError(e), String(e));
    assert.ok(fs.reads < full.reads, `read ${fs.reads} files; a whole check reads ${full.reads}`);
  });

  it('the render check stops between sample items', async () => {
    // A token that counts how often it is asked: once before each check, once per sample item rendered, once at the end.
    const counting = (cancelAfter: number) => {
      const t = {
        asked: 0,
        get isCancellationRequested() {
          return ++t.asked > cancelAfter;
        },
        onCancellationRequested: () => ({ dispose() {} }),
      };
      return t;
    };
    const all = counting(Infinity);
    await createCcmacroService({ fs: new CountingFs() }).validate(doc, {}, all);
    assert.ok(all.asked > ITEMS, `asked ${all.asked} times: once per item at least`);
    // Cancelled 10 items into the render loop (the last check): it stops at the next item.
    const loopStart = all.asked - ITEMS - 1;
    const token = counting(loopStart + 10);
    const e = await rejection(createCcmacroService({ fs: new CountingFs() }).validate(doc, {}, token));
    assert.ok(isCancellationError(e));
    assert.equal(token.asked, loopStart + 11, 'asked again after it said cancelled');
  });

  it('preview, renderWithSample and testSnapshot reject when cancelled', async () => {
    const service = createCcmacroService({ fs: new CountingFs() });
    const controller = new AbortController();
    controller.abort();
    const token = cancellationOf(controller.signal);
    const options = { documentUri: 'file:///w/m.ccmacro.json', locked: false, seq: 1 };
    for (const p of [
      service.preview(doc, options, token),
      service.renderWithSample(doc, undefined, token),
      service.testSnapshot(doc, {}, token),
    ])
      assert.ok(isCancellationError(await rejection(p)));
    // Without a token the same calls work.
    assert.equal((await service.preview(doc, options)).selectedSample, '/w/s.sample.json#0');
  });
});
