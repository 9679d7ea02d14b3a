import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../root';

// `npm run demo` as a newcomer runs it: one short screen that shows tags becoming values, the receiver's 200 and
// 400 with the reason, and a snapshot test noticing a change, without touching the repository.
describe('npm run demo (scripts/demo.mjs)', function () {
  this.timeout(120_000);

  it('shows tags → values, the receiver 200 and 400 with why, and a snapshot test noticing a change, on one screen', () => {
    const snapshot = path.join(REPO_ROOT, 'examples/slack-escalate-blocker.snap.http');
    const before = fs.readFileSync(snapshot, 'utf8');
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts/demo.mjs')], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const out = r.stdout;
    const expectLines = [
      // 1. tags → values
      /^ {3}"Blocker #\(\(Feedback ID\)\): \(\(Title\)\)"$/m,
      /^ {5}→ "Blocker #10432: App crashes when exporting a report to PDF"$/m,
      /^ {5}→ "\*Submitted by:\*\\nDana Whitfield"$/m,
      // 2. the receiver: 200, then 400 invalid_blocks with ccmacro's explanation and the located error
      /^ {5}← 200 OK: /m,
      /^ {5}← 400 Bad Request invalid_blocks$/m,
      /^ {5}ⓘ Slack says "invalid_blocks": .*3,000 characters/m,
      /slack-escalate-blocker\.ccmacro\.json:\d+:\d+: error: Section 3 has [\d,]+ characters .*\[render\/slack-section-too-long\]$/m,
      // 3. the snapshot test: passes, notices the edit with its diff, passes again after --update
      /^ {3}\$ ccmacro test +→ Snapshots: 3 passed, 0 failed \(1 macro\)$/m,
      /^ {5}- {2}"text": "Blocker #10432: App crashes when exporting a report to PDF",$/m,
      /^ {5}\+ {2}"text": "Blocker: App crashes when exporting a report to PDF",$/m,
      /^ {3}Snapshots: 0 passed, 3 failed \(1 macro\)$/m,
      /--update .*then: Snapshots: 3 passed, 0 failed/m,
      /^Done\./m,
    ];
    for (const re of expectLines) assert.match(out, re);
    assert.ok(
      out.trim().split('\n').length <= 40,
      `short enough for one screen or two: ${out.split('\n').length} lines`,
    );
    assert.doesNotMatch(out, /\x1b\[/, 'no colour with NO_COLOR (and when not a terminal)');
    assert.equal(fs.readFileSync(snapshot, 'utf8'), before, 'the repository is never written');
  });

  it("the README's first command runs it", () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const block = /## Try it from source[\s\S]*?```sh\n([^\n]*)/.exec(readme);
    assert.ok(block, 'a ```sh block under "Try it from source"');
    assert.match(block[1], /^npm ci && npm run demo\b/);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    assert.equal(pkg.scripts.demo, 'node scripts/demo.mjs');
  });
});
