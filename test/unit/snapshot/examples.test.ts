import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { updatingGolden } from '../../golden';
import { REPO_ROOT } from '../../root';

// The examples' request snapshots are committed: a change to an example (or to how ccmacro renders) that
// changes what it sends fails here until the snapshots are updated (`npm run test:update-golden`, as for every
// golden file, runs `ccmacro test --update examples`) and the diff reviewed.
describe('the examples match their committed request snapshots', function () {
  this.timeout(60000);
  it('ccmacro test --ci examples passes', () => {
    assert.ok(fs.existsSync(path.join(REPO_ROOT, 'dist/cli.js')), 'build first: node scripts/build.mjs');
    const mode = updatingGolden() ? '--update' : '--ci';
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin/ccmacro.js'), 'test', mode, 'examples'], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH },
      encoding: 'utf8',
    });
    assert.equal(
      r.status,
      0,
      `${r.stdout}${r.stderr}\nIf the change is meant: node bin/ccmacro.js test --update examples`,
    );
    assert.match(r.stdout, /Snapshots: \d+ passed, 0 failed/);
    const macros = fs.readdirSync(path.join(REPO_ROOT, 'examples')).filter(f => f.endsWith('.ccmacro.json'));
    for (const m of macros)
      assert.ok(fs.existsSync(path.join(REPO_ROOT, 'examples', m.replace('.ccmacro.json', '.snap.http'))), m);
  });
});
