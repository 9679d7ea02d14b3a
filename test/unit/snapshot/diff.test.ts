import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { COARSE_NOTE, unifiedDiff } from '../../../src/core/snapshot/diff';

/**
 * Applies a unified diff to `old` as `patch` does, checking every context and removed line against it; throws when the
 * diff does not fit. The result is the text the diff says the new side is.
 */
function applyDiff(old: string, diff: string): string {
  const a = old === '' ? [] : old.replace(/\n$/, '').split('\n');
  const out: string[] = [];
  let at = 0;
  const lines = diff.replace(/\n$/, '').split('\n');
  let i = lines.findIndex(l => l.startsWith('@@'));
  if (i < 0) return old;
  for (; i < lines.length;) {
    const m = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(lines[i]);
    assert.ok(m, `not a hunk header: ${lines[i]}`);
    const oldCount = m[2] === undefined ? 1 : Number(m[2]);
    const oldStart = oldCount === 0 ? Number(m[1]) : Number(m[1]) - 1;
    assert.ok(oldStart >= at, 'hunks in order');
    while (at < oldStart) out.push(a[at++]);
    i++;
    let seenOld = 0;
    for (; i < lines.length && !lines[i].startsWith('@@'); i++) {
      const l = lines[i];
      const body = l.slice(1);
      if (l[0] === ' ' || l[0] === '-') {
        assert.equal(a[at], body, `line ${at + 1} of the old text`);
        at++;
        seenOld++;
        if (l[0] === ' ') out.push(body);
      } else if (l[0] === '+') out.push(body);
      else assert.fail(`not a diff line: ${l}`);
    }
    assert.equal(seenOld, oldCount, 'the hunk header counts its old lines');
  }
  while (at < a.length) out.push(a[at++]);
  return out.length ? out.join('\n') + '\n' : '';
}

const OLD = [
  '### s.json [0] A',
  'POST https://x.test',
  '',
  '{',
  '  "text": "Blocker: A",',
  '  "a": 1,',
  '  "b": 2,',
  '  "c": 3,',
  '  "d": 4',
  '}',
  '',
  '### s.json [1] B',
  'POST https://x.test',
  '',
  '{',
  '  "text": "Blocker: B"',
  '}',
  '',
].join('\n');

describe('unified diff of rendered requests', () => {
  it('is empty when nothing changed (also when only a final line feed differs)', () => {
    assert.equal(unifiedDiff(OLD, OLD, { oldLabel: 'a', newLabel: 'b' }), '');
    assert.equal(unifiedDiff('x', 'x\n', { oldLabel: 'a', newLabel: 'b' }), '');
  });

  it('prints ---/+++ and @@ hunks with 3 lines of context, each headed by its sample item', () => {
    const next = OLD.replace(/Blocker: /g, 'ESCALATED: ');
    const d = unifiedDiff(OLD, next, { oldLabel: 'a/m.ccmacro.json', newLabel: 'b/m.ccmacro.json' });
    assert.equal(
      d,
      [
        '--- a/m.ccmacro.json',
        '+++ b/m.ccmacro.json',
        '@@ -2,7 +2,7 @@ ### s.json [0] A',
        ' POST https://x.test',
        ' ',
        ' {',
        '-  "text": "Blocker: A",',
        '+  "text": "ESCALATED: A",',
        '   "a": 1,',
        '   "b": 2,',
        '   "c": 3,',
        '@@ -13,5 +13,5 @@ ### s.json [1] B',
        ' POST https://x.test',
        ' ',
        ' {',
        '-  "text": "Blocker: B"',
        '+  "text": "ESCALATED: B"',
        ' }',
        '',
      ].join('\n'),
    );
  });

  it('is a patch git applies', function () {
    this.timeout(20000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-diff-'));
    try {
      const next = OLD.replace('"b": 2', '"b": 20').replace('Blocker: B', 'Fixed: B') + 'tail\n';
      fs.writeFileSync(path.join(dir, 'm.txt'), OLD);
      fs.writeFileSync(
        path.join(dir, 'p.diff'),
        unifiedDiff(OLD, next, { oldLabel: 'a/m.txt', newLabel: 'b/m.txt', context: 3 }),
      );
      const r = spawnSync('git', ['apply', '--unidiff-zero', 'p.diff'], { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(fs.readFileSync(path.join(dir, 'm.txt'), 'utf8'), next);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is exact for any two texts, also when it aligns coarsely (applying it gives the new text)', () => {
    const line = fc.constantFrom('### s [0] A', '### s [1] B', 'a', 'b', 'c', '{', '}', '', 'x1', 'x2', 'x3');
    const text = fc.array(line, { maxLength: 40 }).map(l => (l.length ? l.join('\n') + '\n' : ''));
    fc.assert(
      fc.property(text, text, fc.constantFrom(undefined, 1, 10), (a, b, work) => {
        const d = unifiedDiff(a, b, { oldLabel: 'a', newLabel: 'b', work });
        if (a === b) return assert.equal(d, '');
        assert.equal(applyDiff(a, d), b);
        if (work === undefined) assert.ok(!d.startsWith(COARSE_NOTE), 'small texts are aligned exactly');
      }),
      { numRuns: 3000 },
    );
  });

  it('numbers an empty side as diff -u does (a new file is -0,0)', () => {
    const d = unifiedDiff('', 'x\ny\n', { oldLabel: '/dev/null', newLabel: 'b' });
    assert.equal(d, '--- /dev/null\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n');
    assert.equal(
      unifiedDiff('x\n', '', { oldLabel: 'a', newLabel: '/dev/null' }),
      '--- a\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n',
    );
  });

  it('takes time in proportion to the texts: 1 MB with every 10th line changed (quadratic: minutes)', () => {
    // Both sides come from the pull request. jsdiff's Myers alone is O(lines x changes); finding each hunk's
    // `###` line by searching upwards was O(lines x hunks).
    const n = 120_000;
    const old = ['### s.json [0] Big', 'POST https://x.test', '']
      .concat(Array.from({ length: n }, (_, i) => `L${String(i).padStart(8, '0')}`))
      .join('\n');
    const next = old.replace(/^L(\d{7})0$/gm, 'X$1');
    const d = unifiedDiff(old + '\n', next + '\n', { oldLabel: 'a', newLabel: 'b' });
    assert.ok(d.startsWith(COARSE_NOTE + '\n--- a\n'), 'says it aligned coarsely');
    assert.equal(applyDiff(old + '\n', d), next + '\n');
    // Unique lines are matched, so only the changed ones show: every 10th line, each under its item.
    assert.equal(d.split('\n').filter(l => l.startsWith('-')).length - 1, n / 10);
    assert.equal(d.split('\n').filter(l => l.startsWith('@@')).length, n / 10);
    assert.ok(
      d
        .split('\n')
        .filter(l => l.startsWith('@@'))
        .every(l => l.endsWith(' ### s.json [0] Big')),
    );
  });

  it('still shows every change when no line is unique (the stretch is replaced whole)', () => {
    // Two letters in a random order on each side: tens of thousands of changes, no line to anchor on.
    let seed = 1;
    const letter = () => ((seed = (seed * 48271) % 2147483647) & 1 ? 'a' : 'b');
    const old = Array.from({ length: 100_000 }, letter).join('\n') + '\n';
    const next = Array.from({ length: 100_000 }, letter).join('\n') + '\n';
    const d = unifiedDiff(old, next, { oldLabel: 'a', newLabel: 'b' });
    assert.ok(d.startsWith(COARSE_NOTE));
    assert.equal(applyDiff(old, d), next);
  });
});
