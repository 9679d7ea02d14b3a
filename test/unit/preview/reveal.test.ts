import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { isWebviewToHost } from '../../../src/core/preview/messages';
import { revealTarget } from '../../../src/core/preview/reveal';
import { revealConsent } from '../../../src/core/samples/reach';
import type { SampleReach } from '../../../src/core/samples/reach';

describe('messages from the preview webview: the host trusts what it checked', () => {
  it('accepts each message type only with every field of the right kind', () => {
    const good: unknown[] = [
      { type: 'ready' },
      { type: 'reveal', start: 0, end: 9 },
      { type: 'reveal', start: 3, end: 3, path: '/ws/macros/s.sample.json' },
      { type: 'selectSample', key: 'builtin:feedback#0' },
      { type: 'setLocked', locked: true },
      { type: 'command', command: 'copyAsCurl' },
      { type: 'command', command: 'copyForCentercode' },
      { type: 'probeResult', id: 1, report: {} },
    ];
    for (const m of good) assert.equal(isWebviewToHost(m), true, JSON.stringify(m));
    const bad: unknown[] = [
      null,
      'reveal',
      { type: 'reveal' },
      { type: 'reveal', start: '0', end: 1 },
      { type: 'reveal', start: 5, end: 1 },
      { type: 'reveal', start: -1, end: 1 },
      { type: 'reveal', start: 0.5, end: 1 },
      { type: 'reveal', start: 0, end: Infinity },
      { type: 'reveal', start: 0, end: 1, path: 42 },
      { type: 'reveal', start: 0, end: 1, path: '' },
      { type: 'selectSample', key: { id: 'x' } },
      { type: 'setLocked', locked: 'yes' },
      { type: 'command', command: 'workbench.action.terminal.new' },
      { type: 'command' },
      { type: 'probeResult', id: '1', report: {} },
      { type: 'toString' },
      { type: 'constructor' },
      { type: '__proto__' },
      { type: 'openFile', path: '/etc/passwd' },
    ];
    for (const m of bad) assert.equal(isWebviewToHost(m), false, JSON.stringify(m));
  });

  it('a reveal opens only the macro or a sample file its "samples" names', () => {
    const dir = path.resolve('/ws/macros');
    const macroPath = path.join(dir, 'm.ccmacro.json');
    const text = JSON.stringify({ name: 'M', request: {}, samples: ['s.sample.json', '../shared/t.sample.json'] });
    assert.equal(revealTarget(text, macroPath, undefined), macroPath);
    assert.equal(revealTarget(text, macroPath, path.join(dir, 's.sample.json')), path.join(dir, 's.sample.json'));
    assert.equal(
      revealTarget(text, macroPath, path.resolve('/ws/shared/t.sample.json')),
      path.resolve('/ws/shared/t.sample.json'),
    );
    for (const other of [
      path.resolve('/etc/passwd'),
      path.join(dir, 'other.sample.json'),
      path.join(dir, 'm.ccmacro.json.bak'),
      's.sample.json',
      `${dir}/../macros/s.sample.json`,
      'builtin:feedback',
    ])
      assert.equal(revealTarget(text, macroPath, other), undefined, other);
    // A sample no longer listed cannot be opened from a problem link the preview still shows.
    const without = JSON.stringify({ name: 'M', request: {} });
    assert.equal(revealTarget(without, macroPath, path.join(dir, 's.sample.json')), undefined);
  });
});

describe('revealing a sample outside the tree: the editor asks first (review 15: 15)', () => {
  const reach = (outside: 'refuse' | 'warn' | 'allow', links: Record<string, string> = {}): SampleReach => ({
    tree: { root: path.resolve('/ws'), name: 'the workspace folder' },
    outside,
    realPath: p => Promise.resolve(links[p] ?? p),
  });
  it('opens a sample inside the workspace folder; asks for one outside it, by path or through a link', async () => {
    const inside = path.resolve('/ws/macros/s.sample.json');
    const outside = path.resolve('/home/me/.aws/credentials.json');
    const linked = path.resolve('/ws/macros/l.sample.json');
    const links = { [linked]: outside };
    assert.equal(await revealConsent(inside, reach('warn', links)), 'open');
    assert.equal(await revealConsent(outside, reach('warn', links)), 'ask');
    assert.equal(await revealConsent(linked, reach('warn', links)), 'ask');
    // The user setting ccmacro.samples.allowOutsideWorkspace: opened without asking.
    assert.equal(await revealConsent(outside, reach('allow', links)), 'open');
    // A macro in no workspace folder has no tree: nothing to be outside of.
    assert.equal(await revealConsent(outside, undefined), 'open');
  });
});
