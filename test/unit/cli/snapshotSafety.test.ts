import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../root';

/**
 * `ccmacro test` on someone else's pull request: snapshots tell every change apart and their keys read back for any
 * sample name (issue 15 D), nothing is written outside the tree or through a link, samples outside it are not read
 * without the user's say-so, and what `--update` writes the next run can read (issue 15 A).
 */

const BIN = path.join(REPO_ROOT, 'bin/ccmacro.js');

function ccmacro(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A text-body macro that sends ((Title)) as written, with its sample items. */
function textMacro(dir: string, name: string, items: unknown[], sample = `${name}.sample.json`): string {
  const file = path.join(dir, `${name}.ccmacro.json`);
  fs.writeFileSync(
    file,
    JSON.stringify(
      {
        name,
        request: {
          method: 'POST',
          url: 'https://x.test/hook',
          headers: { 'Content-Type': 'text/plain' },
          bodyFormat: 'text',
          body: '((Title))',
        },
        samples: [sample],
      },
      null,
      2,
    ),
  );
  fs.writeFileSync(path.join(dir, sample), JSON.stringify(items));
  return file;
}

describe('ccmacro test on a pull request: snapshots (process)', function () {
  this.timeout(120000);
  let dir = '';
  beforeEach(() => {
    assert.ok(fs.existsSync(path.join(REPO_ROOT, 'dist/cli.js')), 'build first: node scripts/build.mjs');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-safety-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('D1: a value that switches between a character and the text of its escape fails --ci', () => {
    const pairs: Array<[string, string]> = [
      ['line\r', 'line\\r'],
      ['ends\n', 'ends\u240a'],
      ['joined\u2060', 'joined\\u2060'],
    ];
    for (const [before, after] of pairs) {
      textMacro(dir, 'm', [{ Title: before }]);
      assert.equal(ccmacro(['test', '--update'], dir).code, 0);
      assert.equal(ccmacro(['test', '--ci'], dir).code, 0);
      textMacro(dir, 'm', [{ Title: after }]);
      const r = ccmacro(['test', '--ci'], dir);
      assert.equal(r.code, 1, `${JSON.stringify(before)} → ${JSON.stringify(after)} must fail:\n${r.out}${r.err}`);
      assert.match(r.out, /the request differs from its snapshot/);
    }
  });

  it('D2: a sample file named "beta [2] bugs.sample.json" passes --ci after --update', () => {
    textMacro(dir, 'm', [{ Title: 'one' }, { Title: 'two [x] ### y' }], 'beta [2] bugs.sample.json');
    const w = ccmacro(['test', '--update'], dir);
    assert.equal(w.code, 0, w.out + w.err);
    const ci = ccmacro(['test', '--ci'], dir);
    assert.equal(ci.code, 0, ci.out + ci.err);
    assert.match(ci.out, /Snapshots: 2 passed, 0 failed \(1 macro\)/);
    assert.ok(!/obsolete|no snapshot/.test(ci.out), ci.out);
  });
});
