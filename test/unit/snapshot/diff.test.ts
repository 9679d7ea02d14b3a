import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { unifiedDiff } from '../../../src/core/snapshot/diff';

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
});
