import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../root';

/**
 * Review of issue 15, finding 7: a pull request that commits a macro file or a `.ccmacro/tags.json` as a symbolic link
 * to a file of the reviewer's machine gets nothing of it printed, snapshotted or sent: validate, test, diff, render
 * and send refuse it, located, unless the user passes --allow-outside; catalogs above the repository are not read.
 */

const BIN = path.join(REPO_ROOT, 'bin/ccmacro.js');

describe('reading outside the tree: macro files and tag catalogs (process)', function () {
  this.timeout(120000);
  let dir = '';
  let repo = '';
  const gitEnv = () => ({
    HOME: dir,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.test',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.test',
  });
  const ccmacro = (args: string[], cwd = repo) => {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      cwd,
      env: { PATH: process.env.PATH, ...gitEnv() },
      encoding: 'utf8',
    });
    return { code: r.status, out: r.stdout, err: r.stderr, all: r.stdout + r.stderr };
  };
  const git = (...args: string[]) => {
    const r = spawnSync('git', args, { cwd: repo, env: { PATH: process.env.PATH, ...gitEnv() }, encoding: 'utf8' });
    assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
  };
  const macro = (url: string) =>
    JSON.stringify({
      name: 'Private',
      request: { method: 'POST', url, bodyFormat: 'text', body: 'PRIVATE-BODY ((Title))' },
    });

  beforeEach(() => {
    assert.ok(fs.existsSync(path.join(REPO_ROOT, 'dist/cli.js')), 'build first: node scripts/build.mjs');
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-outside-')));
    repo = path.join(dir, 'repo');
    fs.mkdirSync(path.join(dir, 'private'));
    fs.writeFileSync(path.join(dir, 'private', 'prod.ccmacro.json'), macro('https://private.test/PRIVATE-URL'));
    fs.mkdirSync(repo);
    git('init', '-q');
    fs.writeFileSync(path.join(repo, 'ok.ccmacro.json'), macro('https://x.test/hook'));
    git('add', '-A');
    git('commit', '-qm', 'base');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a macro file that is a link out of the repository is refused by validate, test, diff, render and send', () => {
    fs.symlinkSync(path.join(dir, 'private', 'prod.ccmacro.json'), path.join(repo, 'evil.ccmacro.json'));
    const refused =
      /^evil\.ccmacro\.json:1:1: error: cannot read this file: it is outside the repository .*--allow-outside.*\[file\/outside\]$/m;

    const v = ccmacro(['validate']);
    assert.equal(v.code, 1, v.all);
    assert.match(v.out, refused);
    const t = ccmacro(['test', '--update']);
    assert.equal(t.code, 1, t.all);
    assert.match(t.out, /evil\.ccmacro\.json.*it is outside the repository/);
    assert.ok(!fs.existsSync(path.join(repo, 'evil.snap.http')), 'no snapshot of the private macro');
    git('add', '-A');
    git('commit', '-qm', 'pr');
    fs.rmSync(path.join(repo, 'evil.ccmacro.json'));
    fs.symlinkSync(path.join(dir, 'private', 'prod.ccmacro.json'), path.join(repo, 'evil.ccmacro.json'));
    fs.writeFileSync(path.join(dir, 'private', 'prod.ccmacro.json'), macro('https://private.test/PRIVATE-URL2'));
    const d = ccmacro(['diff', 'HEAD~1', '--format', 'markdown']);
    assert.match(d.all, /evil\.ccmacro\.json.*it is outside the repository/);
    const r = ccmacro(['render', 'evil.ccmacro.json', '--format', 'curl']);
    assert.equal(r.code, 1, r.all);
    assert.match(r.err, refused);
    const s = ccmacro(['send', 'evil.ccmacro.json', '--url', 'http://127.0.0.1:9/']);
    assert.equal(s.code, 1, s.all);
    assert.match(s.err, refused);
    for (const out of [v.all, t.all, d.all, r.all, s.all]) assert.ok(!/PRIVATE/.test(out), out);

    // The user's say-so reads it.
    const allowed = ccmacro(['render', 'evil.ccmacro.json', '--allow-outside']);
    assert.equal(allowed.code, 0, allowed.all);
    assert.match(allowed.out, /^PRIVATE-BODY /);
    assert.equal(ccmacro(['validate', '--allow-outside']).code, 0);
  });

  it('a link to a macro inside the repository is read', () => {
    fs.symlinkSync(path.join(repo, 'ok.ccmacro.json'), path.join(repo, 'alias.ccmacro.json'));
    const v = ccmacro(['validate']);
    assert.equal(v.code, 0, v.all);
  });

  it('a .ccmacro/tags.json that is a link out is refused at its path; one above the repository is not read', () => {
    const secret = path.join(dir, 'private', 'secret.json');
    fs.writeFileSync(secret, JSON.stringify({ aws_secret_access_key: 'x' }));
    fs.mkdirSync(path.join(repo, '.ccmacro'));
    fs.symlinkSync(secret, path.join(repo, '.ccmacro', 'tags.json'));
    // A broken catalog above the repository: were it read, validate would report it.
    fs.mkdirSync(path.join(dir, '.ccmacro'));
    fs.writeFileSync(path.join(dir, '.ccmacro', 'tags.json'), '{ broken');
    const v = ccmacro(['validate']);
    assert.equal(v.code, 1, v.all);
    assert.match(
      v.out,
      /^\.ccmacro\/tags\.json:1:1: error: cannot read this file: it is outside the repository .*\[file\/outside\]$/m,
    );
    assert.ok(!/aws_secret_access_key|broken|\.\.\/\.ccmacro/.test(v.all), v.all);
    assert.match(v.out, /1 file and 1 tag catalog checked: 1 error/);
  });

  it('environments files: one that is a link out (or in a .ccmacro folder that is one) is refused; one above the repository is not read', () => {
    fs.writeFileSync(
      path.join(dir, 'private', 'environments.json'),
      JSON.stringify({ staging: { BASE: 'https://private.test/PRIVATE-ENV' } }),
    );
    fs.writeFileSync(
      path.join(repo, 'env.ccmacro.json'),
      JSON.stringify({
        name: 'Env',
        request: { method: 'POST', url: '${var:BASE}/hook', bodyFormat: 'text', body: '((Title))' },
      }),
    );
    // Above the repository: were it read, render would send to PRIVATE-ENV.
    fs.mkdirSync(path.join(dir, '.ccmacro'));
    fs.copyFileSync(path.join(dir, 'private', 'environments.json'), path.join(dir, '.ccmacro', 'environments.json'));
    const above = ccmacro(['render', 'env.ccmacro.json', '--env', 'staging', '--format', 'request']);
    assert.equal(above.code, 2, above.all);
    assert.match(above.err, /there is no environment "staging": no \.ccmacro\/environments\.json was found/);
    const v0 = ccmacro(['validate']);
    assert.match(v0.out, /\[var\/no-environment\]/);

    // The file a link out of the repository.
    fs.mkdirSync(path.join(repo, '.ccmacro'));
    fs.symlinkSync(path.join(dir, 'private', 'environments.json'), path.join(repo, '.ccmacro', 'environments.json'));
    const refused =
      /^\.ccmacro\/environments\.json:1:1: error: This environments file cannot be read: it is outside the repository .*--allow-outside.*\[file\/outside\]$/m;
    const v = ccmacro(['validate']);
    assert.equal(v.code, 1, v.all);
    assert.match(v.out, refused);
    const r = ccmacro(['render', 'env.ccmacro.json', '--env', 'staging', '--format', 'curl']);
    assert.equal(r.code, 2, r.all);
    assert.match(r.err, /there is no environment "staging" .*it is outside the repository/);
    const t = ccmacro(['test', '--env', 'staging']);
    assert.equal(t.code, 2, t.all);
    const s = ccmacro(['send', 'env.ccmacro.json', '--env', 'staging']);
    assert.equal(s.code, 2, s.all);

    // The .ccmacro folder a link out of the repository.
    fs.rmSync(path.join(repo, '.ccmacro'), { recursive: true });
    fs.symlinkSync(path.join(dir, 'private'), path.join(repo, '.ccmacro'));
    const vd = ccmacro(['validate', '--env', 'staging']);
    assert.equal(vd.code, 2, vd.all);
    assert.match(vd.err, /it is outside the repository/);
    for (const out of [above.all, v0.all, v.all, r.all, t.all, s.all, vd.all]) assert.ok(!/PRIVATE/.test(out), out);

    // The user's say-so reads it.
    const allowed = ccmacro([
      'render',
      'env.ccmacro.json',
      '--env',
      'staging',
      '--format',
      'request',
      '--allow-outside',
    ]);
    assert.equal(allowed.code, 0, allowed.all);
    assert.match(allowed.out, /^POST https:\/\/private\.test\/PRIVATE-ENV\/hook/);
  });
});
