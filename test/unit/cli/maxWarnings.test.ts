import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../root';

const BIN = path.join(REPO_ROOT, 'bin', 'ccmacro.js');

function ccmacro(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH },
    encoding: 'utf8',
    timeout: 60000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Two warnings (a trigger listed twice, twice over) and no error.
const TWO_WARNINGS =
  '{\n  "name": "Warn",\n  "triggers": ["manual", "manual", "submit", "submit"],\n  "request": { "method": "POST", "url": "https://a.example/" }\n}\n';

describe('--max-warnings on validate and test (ESLint: exit 1 when warnings > N; -1 or none: no limit)', function () {
  this.timeout(120000);
  let tmp: string;
  before(() => {
    assert.ok(fs.existsSync(path.join(REPO_ROOT, 'dist/cli.js')), 'build first: node scripts/build.mjs');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-maxwarn-'));
    fs.mkdirSync(path.join(tmp, '.git'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('validate: warnings pass without a limit, at the limit and with -1; over it exit 1 with one line on stderr', () => {
    fs.writeFileSync(path.join(tmp, 'warn.ccmacro.json'), TWO_WARNINGS);
    const args = ['validate', 'warn.ccmacro.json'];
    const none = ccmacro(args, tmp);
    assert.equal(none.code, 0, none.stdout + none.stderr);
    assert.match(none.stdout, /1 file checked: 0 errors, 2 warnings/);
    for (const n of ['2', '-1']) {
      const r = ccmacro([...args, '--max-warnings', n], tmp);
      assert.equal(r.code, 0, `--max-warnings ${n}: ${r.stdout}${r.stderr}`);
      assert.equal(r.stderr, '');
    }
    for (const format of ['text', 'json', 'github', 'gitlab']) {
      const r = ccmacro([...args, '--max-warnings', '1', '--format', format], tmp);
      assert.equal(r.code, 1, `${format}: ${r.stdout}${r.stderr}`);
      assert.match(
        r.stderr,
        /^(1 file checked: 0 errors, 2 warnings\n)?ccmacro validate: 2 warnings, more than --max-warnings 1 allows: exit code 1\n$/,
      );
      if (format === 'json') assert.equal(JSON.parse(r.stdout).summary.warnings, 2, 'the report is unchanged');
    }
    const zero = ccmacro([...args, '--max-warnings=0'], tmp);
    assert.equal(zero.code, 1);
  });

  it('a --max-warnings that is not a whole number from -1 is a usage error (exit 2)', () => {
    for (const bad of ['x', '-2', '1.5', '']) {
      for (const command of ['validate', 'test']) {
        const r = ccmacro([command, `--max-warnings=${bad}`], tmp);
        assert.equal(r.code, 2, `${command} --max-warnings=${bad}: ${r.stdout}${r.stderr}`);
        assert.match(r.stderr, /--max-warnings needs a whole number from 0/);
      }
    }
  });

  it('test: an obsolete snapshot entry is a warning, counted against --max-warnings', () => {
    const dir = path.join(tmp, 'snap');
    fs.mkdirSync(path.join(dir, 'samples'), { recursive: true });
    for (const f of ['slack-escalate-blocker.ccmacro.json', 'slack-escalate-blocker.snap.http'])
      fs.copyFileSync(path.join(REPO_ROOT, 'examples', f), path.join(dir, f));
    const items = JSON.parse(
      fs.readFileSync(path.join(REPO_ROOT, 'examples/samples/slack-escalate-blocker.sample.json'), 'utf8'),
    ) as unknown[];
    // The last item gone: its entry in the snapshot is obsolete (reported, kept until --update).
    fs.writeFileSync(
      path.join(dir, 'samples/slack-escalate-blocker.sample.json'),
      JSON.stringify(items.slice(0, -1), null, 2),
    );
    const plain = ccmacro(['test', '--ci'], dir);
    assert.equal(plain.code, 1, 'under --ci an obsolete entry already fails');
    const local = ccmacro(['test'], dir);
    assert.equal(local.code, 0, local.stdout + local.stderr);
    assert.match(local.stdout, /1 obsolete/);
    const limited = ccmacro(['test', '--max-warnings', '0'], dir);
    assert.equal(limited.code, 1, limited.stdout + limited.stderr);
    assert.equal(limited.stderr, 'ccmacro test: 1 warning, more than --max-warnings 0 allows: exit code 1\n');
    assert.equal(ccmacro(['test', '--max-warnings', '1'], dir).code, 0);
  });
});
