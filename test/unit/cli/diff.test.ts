import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../root';

const BIN = path.join(REPO_ROOT, 'bin/ccmacro.js');

describe('ccmacro diff (process, real git)', function () {
  this.timeout(60000);
  let dir = '';
  let env: Record<string, string> = {};

  const git = (...args: string[]) => {
    const r = spawnSync('git', args, { cwd: dir, env, encoding: 'utf8' });
    assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  const ccmacro = (args: string[], cwd = dir) => {
    const r = spawnSync(process.execPath, [BIN, 'diff', ...args], { cwd, env, encoding: 'utf8' });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const edit = (rel: string, from: string, to: string) => {
    const file = path.join(dir, rel);
    const text = fs.readFileSync(file, 'utf8');
    assert.ok(text.includes(from), `${rel} holds ${from}`);
    fs.writeFileSync(file, text.split(from).join(to));
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-diff-'));
    // A repository of its own: no global git config, a fixed identity.
    env = {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.test',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.test',
    };
    fs.cpSync(path.join(REPO_ROOT, 'examples'), path.join(dir, 'examples'), {
      recursive: true,
      filter: src => !src.endsWith('.snap.http'),
    });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'examples');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('says nothing changed when nothing was edited', () => {
    const r = ccmacro([]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, 'No macro sends anything different between HEAD and the working tree.\n');
  });

  it('shows the rendered before and after of just the macro whose requests change', () => {
    edit('examples/slack-escalate-blocker.ccmacro.json', ':rotating_light: Blocker:', ':rotating_light: ESCALATED:');
    // A comment-only edit changes the file but not what it sends.
    edit('examples/jira-create-issue.ccmacro.json', '// Creates a Jira Cloud issue', '// Creates a Jira issue');
    const r = ccmacro([]);
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.out,
      /^Escalate blocker to Slack — examples\/slack-escalate-blocker\.ccmacro\.json: 3 of 3 sample items change$/m,
    );
    assert.match(r.out, /^--- a\/examples\/slack-escalate-blocker\.ccmacro\.json \(HEAD, rendered\)$/m);
    assert.match(r.out, /^\+\+\+ b\/examples\/slack-escalate-blocker\.ccmacro\.json \(working tree, rendered\)$/m);
    for (const title of [
      'App crashes when exporting a report to PDF',
      'Login loops back to the sign-in page on Safari 17',
    ]) {
      assert.ok(r.out.includes(`-        "text": ":rotating_light: Blocker: ${title}"`), title);
      assert.ok(r.out.includes(`+        "text": ":rotating_light: ESCALATED: ${title}"`), title);
    }
    assert.match(
      r.out,
      /^@@ -\d+,\d+ \+\d+,\d+ @@ ### samples\/slack-escalate-blocker\.sample\.json \[1\] Login loops/m,
    );
    assert.equal((r.out.match(/^-[^-]/gm) ?? []).length, 3, 'one changed line per sample item');
    assert.ok(!r.out.includes('Create Jira issue —'), 'the Jira macro sends the same');
    assert.match(r.out, /^Changed, but sending the same requests: examples\/jira-create-issue\.ccmacro\.json$/m);
    // Run from a subfolder, paths are shown from there; a PATH limits the comparison.
    const sub = ccmacro(['slack-escalate-blocker.ccmacro.json'], path.join(dir, 'examples'));
    assert.match(sub.out, /^Escalate blocker to Slack — slack-escalate-blocker\.ccmacro\.json: 3 of 3/m);
    assert.ok(!sub.out.includes('jira'));
  });

  it('renders both versions with the same (working tree) sample items', () => {
    edit(
      'examples/samples/slack-escalate-blocker.sample.json',
      'App crashes when exporting',
      'App freezes when exporting',
    );
    assert.match(ccmacro([]).out, /^No macro sends anything different/, 'a sample edit alone changes no macro');
    edit('examples/slack-escalate-blocker.ccmacro.json', '"style": "danger"', '"style": "primary"');
    const r = ccmacro([]);
    assert.match(r.out, /^\+ {10}"style": "primary"$/m);
    assert.ok(!/^[-+].*App (crashes|freezes)/m.test(r.out), 'the sample change is on both sides, so not in the diff');
    assert.match(
      r.out,
      /^@@ .* ### samples\/slack-escalate-blocker\.sample\.json \[0\] App freezes/m,
      'rendered with the new sample',
    );
  });

  it('shows added and removed macros whole, and compares with any revision', () => {
    fs.copyFileSync(
      path.join(dir, 'examples/welcome-new-tester.ccmacro.json'),
      path.join(dir, 'examples/welcome-copy.ccmacro.json'),
    );
    fs.rmSync(path.join(dir, 'examples/salesforce-create-case.ccmacro.json'));
    const r = ccmacro([]);
    assert.match(r.out, /^Welcome new tester — examples\/welcome-copy\.ccmacro\.json: new macro, 1 sample item$/m);
    assert.match(r.out, /^--- \/dev\/null$/m);
    assert.match(r.out, /^\+POST https:\/\/onboarding\.yourcompany\.com\/api\/testers\/welcome$/m);
    assert.match(
      r.out,
      /^Create Salesforce case — examples\/salesforce-create-case\.ccmacro\.json: removed macro, 1 sample item$/m,
    );
    assert.match(r.out, /^\+\+\+ \/dev\/null$/m);
    assert.match(r.out, /^-Authorization: Bearer \$\{secret:SALESFORCE_ACCESS_TOKEN\}$/m);

    git('add', '-A');
    git('commit', '-qm', 'copy');
    assert.match(ccmacro([]).out, /^No macro sends anything different/);
    const since = ccmacro(['HEAD~1']);
    assert.equal(since.code, 0, since.err);
    assert.match(since.out, /welcome-copy\.ccmacro\.json: new macro/);
  });

  it('--format markdown prints a block to paste into a pull-request comment', () => {
    edit('examples/slack-escalate-blocker.ccmacro.json', '"Blocker #((Feedback ID))', '"Blocker ``#((Feedback ID))');
    const r = ccmacro(['--format', 'markdown']);
    assert.equal(r.code, 0, r.err);
    assert.ok(r.out.startsWith('#### What the changed macros send\n'));
    assert.match(
      r.out,
      /^\*\*`Escalate blocker to Slack`\*\* \(`examples\/slack-escalate-blocker\.ccmacro\.json`\): 3 of 3 sample items change$/m,
    );
    assert.match(r.out, /^```diff$/m, 'a fence longer than any backtick run inside');
    assert.match(r.out, /^\+ {2}"text": "Blocker ``#10432/m);
  });

  it('says clearly when it cannot compare: outside a repository, an unknown revision, an unborn branch', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-norepo-'));
    try {
      const r = ccmacro([], outside);
      assert.equal(r.code, 2);
      assert.match(r.err, /^ccmacro diff: .* is not inside a git repository/);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
    const bad = ccmacro(['no-such-rev']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /"no-such-rev" is neither a git revision nor a file or folder/);
    fs.rmSync(path.join(dir, '.git'), { recursive: true, force: true });
    git('init', '-q');
    const unborn = ccmacro([]);
    assert.equal(unborn.code, 2);
    assert.match(unborn.err, /the repository has no commit yet/);
  });

  it('in a shallow clone (a pull request as actions/checkout fetches it) says so, and how to fetch the revision', () => {
    // The pull request: one commit on main's tip, published where actions/checkout fetches it from.
    git('branch', '-M', 'main');
    git('checkout', '-q', '-b', 'feature');
    edit('examples/slack-escalate-blocker.ccmacro.json', ':rotating_light: Blocker:', ':rotating_light: ESCALATED:');
    git('commit', '-qam', 'escalate');
    git('update-ref', 'refs/pull/1/merge', 'feature');
    // What actions/checkout@v4 runs for a pull_request event (fetch-depth 1): only the merge commit, no origin/main.
    const origin = dir;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-diff-shallow-'));
    try {
      git('init', '-q');
      git('remote', 'add', 'origin', `file://${origin}`);
      git('fetch', '-q', '--no-tags', '--depth=1', 'origin', '+refs/pull/1/merge:refs/remotes/pull/1/merge');
      git('checkout', '-q', '--detach', 'refs/remotes/pull/1/merge');

      const r = ccmacro(['origin/main']);
      assert.equal(r.code, 2);
      assert.equal(r.out, '');
      assert.match(r.err, /^ccmacro diff: "origin\/main" is not in this clone: it is a shallow clone/);
      const fetch = /run "(git fetch [^"]+)"/.exec(r.err);
      assert.ok(fetch, r.err);
      assert.equal(fetch[1], 'git fetch --no-tags --depth=1 origin main');
      // Doing what it says is enough.
      git(...fetch[1].split(' ').slice(1));
      const after = ccmacro(['origin/main']);
      assert.equal(after.code, 0, after.err);
      assert.match(after.out, /^Escalate blocker to Slack — examples\/slack-escalate-blocker\.ccmacro\.json: 3 of 3/m);

      // A revision that is not a remote's branch: fetch the history.
      const old = ccmacro(['HEAD~1']);
      assert.equal(old.code, 2);
      assert.match(old.err, /"HEAD~1" is not in this clone: it is a shallow clone, .* run "git fetch --unshallow"/);
    } finally {
      fs.rmSync(origin, { recursive: true, force: true });
    }
  });
});
