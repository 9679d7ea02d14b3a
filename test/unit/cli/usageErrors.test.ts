import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../root';

/**
 * Review of issue 15, finding 13: a usage error quotes the argument it refuses, and that argument is the caller's
 * text (in CI, maybe a file name from a pull request). A line feed in it shows as `\n`, so the error stays one line and
 * cannot forge a problem line (`x.ccmacro.json:1:1: error: …`) for a problem matcher, or a CI command.
 */

const BIN = path.join(REPO_ROOT, 'bin/ccmacro.js');
const FORGED = 'x\nevil.ccmacro.json:1:1: error: forged [x/y]\n::error::forged';

describe('usage errors show the arguments they quote on one line (process)', function () {
  this.timeout(120000);
  let dir = '';
  before(() => {
    assert.ok(fs.existsSync(path.join(REPO_ROOT, 'dist/cli.js')), 'build first: node scripts/build.mjs');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-usage-'));
    const git = spawnSync('git', ['init', '-q'], { cwd: dir, encoding: 'utf8' });
    assert.equal(git.status, 0, git.stderr);
    fs.writeFileSync(
      path.join(dir, 'm.ccmacro.json'),
      JSON.stringify({ name: 'M', request: { method: 'POST', url: 'https://x.test/', body: 'x' } }),
    );
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const cases: Array<[string, string[]]> = [
    ['a missing file', ['validate', FORGED]],
    ['validate --format', ['validate', '--format', FORGED]],
    ['test --reporter', ['test', '--reporter', FORGED]],
    ['render --format', ['render', 'm.ccmacro.json', '--format', FORGED]],
    ['render --sample-index', ['render', 'm.ccmacro.json', '--sample-index', FORGED]],
    ['render --sample', ['render', 'm.ccmacro.json', '--sample', FORGED]],
    ['send --url', ['send', 'm.ccmacro.json', '--url', FORGED]],
    ['send --timeout', ['send', 'm.ccmacro.json', '--timeout', FORGED]],
    ['send --ca', ['send', 'm.ccmacro.json', '--ca', FORGED]],
    ['an unknown option', ['validate', `--${FORGED}`]],
    ['an unknown command', [FORGED]],
    ['diff REV', ['diff', FORGED]],
  ];
  for (const [what, args] of cases) {
    it(`${what}: one line, the line feed shown as \\n`, () => {
      const r = spawnSync(process.execPath, [BIN, ...args], {
        cwd: dir,
        env: { PATH: process.env.PATH, HOME: dir, GIT_CONFIG_NOSYSTEM: '1' },
        encoding: 'utf8',
      });
      assert.equal(r.status, 2, r.stdout + r.stderr);
      const lines = r.stderr.split('\n');
      assert.equal(lines.length, 2, `one line and its end: ${JSON.stringify(r.stderr)}`);
      assert.match(lines[0], /^ccmacro( [a-z]+)?: /);
      assert.ok(lines[0].includes('x\\nevil.ccmacro.json:1:1: error: forged [x/y]\\n'), lines[0]);
      assert.equal(lines[1], '');
    });
  }
});
