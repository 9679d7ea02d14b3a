import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../root';
import { packTarball } from './pack';

// docs/ci.md promises that its recipes run as written. This follows the page in a throwaway git repository: the
// tarball install of section 1, the `run:` steps of the GitHub workflow, the GitLab job's script and the
// pre-commit hook, each copied from the page.
const DOC = fs.readFileSync(path.join(REPO_ROOT, 'docs/ci.md'), 'utf8');

function recipe(name: string): string {
  const m = new RegExp(`<!-- recipe:${name} -->\\n\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``).exec(DOC);
  assert.ok(m, `docs/ci.md has a recipe:${name} block`);
  return m[1];
}

/** The workflow's steps as GitHub reads them: `uses`, `if` and `run` (inline, or a `|` block without its indent). */
function workflowSteps(yaml: string): Array<Partial<Record<'uses' | 'if' | 'run', string>>> {
  const steps: Array<Partial<Record<'uses' | 'if' | 'run', string>>> = [];
  const lines = yaml.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)(- )?(uses|if|run): ?(.*)$/.exec(lines[i]);
    if (!m) continue;
    if (m[2]) steps.push({});
    let value = m[4];
    if (value === '|') {
      const indent = ' '.repeat(m[1].length + (m[2] ? 2 : 0) + 2);
      const block: string[] = [];
      while (i + 1 < lines.length && lines[i + 1].startsWith(indent)) block.push(lines[++i].slice(indent.length));
      value = block.join('\n') + '\n';
    }
    steps[steps.length - 1][m[3] as 'uses' | 'if' | 'run'] = value;
  }
  return steps;
}

describe('docs/ci.md, followed in a throwaway git repository', function () {
  this.timeout(240_000);
  let repo: string;
  const sh = (script: string) => spawnSync('sh', ['-c', script], { cwd: repo, encoding: 'utf8' });
  const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
  const BROKEN = '{ "name": "Broken", "request": { "method": "post", "url": "https://x.example/" } }\n';

  before(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-ci-recipe-'));
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'ci@example.test');
    git('config', 'user.name', 'CI recipe');
    fs.writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ name: 'team-macros', private: true }, null, 2));
    fs.cpSync(path.join(REPO_ROOT, 'examples'), path.join(repo, 'macros'), { recursive: true });
    // Section 1, the tarball route: the file is copied into tools/ and installed from there.
    const tarball = packTarball();
    const version = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version;
    const install = recipe('install-tarball');
    assert.ok(install.includes(`ccmacro-${version}.tgz`), 'the page names the current version');
    fs.mkdirSync(path.join(repo, 'tools'));
    fs.copyFileSync(tarball, path.join(repo, 'tools', `ccmacro-${version}.tgz`));
    for (const line of install.split('\n').filter(l => l.startsWith('npm ') || l.startsWith('git '))) {
      const r = sh(line.replace(/^npm install /, 'npm install --offline --no-audit --no-fund '));
      assert.equal(r.status, 0, `${line}\n${r.stderr}`);
    }
    git('add', '.');
    assert.equal(git('commit', '-q', '-m', 'macros').status, 0);
  });

  after(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('the GitHub workflow: its run steps pass on good macros and annotate a broken one', () => {
    const steps = workflowSteps(recipe('github'))
      .filter(s => s.run && !s.if)
      .map(s => s.run!);
    assert.deepEqual(steps, ['npm ci', 'npx ccmacro validate --format github', 'npx ccmacro test --reporter github']);
    const ci = sh('npm ci --offline --no-audit --no-fund');
    assert.equal(ci.status, 0, ci.stderr);
    const ok = sh(steps[1]);
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    const snapshots = sh(`CI=true ${steps[2]}`);
    assert.equal(snapshots.status, 0, snapshots.stdout + snapshots.stderr);
    assert.match(snapshots.stdout, /Snapshots: \d+ passed, 0 failed/);
    fs.writeFileSync(path.join(repo, 'macros/broken.ccmacro.json'), BROKEN);
    try {
      const bad = sh(steps[1]);
      assert.equal(bad.status, 1);
      assert.match(
        bad.stdout,
        /^::error file=macros\/broken\.ccmacro\.json,line=1,col=\d+,.*title=ccmacro schema\/enum::/m,
      );
    } finally {
      fs.rmSync(path.join(repo, 'macros/broken.ccmacro.json'));
    }
  });

  it('the GitHub workflow on a pull request: the shallow checkout fetches the base branch and diff shows the change', () => {
    const step = workflowSteps(recipe('github')).find(s => s.if === "github.event_name == 'pull_request'");
    assert.ok(step?.run, 'a pull-request step');
    // The pull request, published as GitHub does (refs/pull/1/merge: here the branch itself, one commit on main).
    const macro = path.join(repo, 'macros/slack-escalate-blocker.ccmacro.json');
    const text = fs.readFileSync(macro, 'utf8');
    assert.equal(git('checkout', '-q', '-b', 'pr').status, 0);
    fs.writeFileSync(macro, text.replace(':rotating_light: Blocker:', ':rotating_light: ESCALATED:'));
    assert.equal(git('commit', '-qam', 'escalate').status, 0);
    assert.equal(git('update-ref', 'refs/pull/1/merge', 'pr').status, 0);
    assert.equal(git('checkout', '-q', 'main').status, 0);
    // Checked out as actions/checkout (v4 to v6) does for a pull_request event: depth 1, only the merge commit.
    const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-ci-recipe-pr-'));
    const inClone = (script: string, env: Record<string, string> = {}) =>
      spawnSync('sh', ['-c', script], { cwd: clone, encoding: 'utf8', env: { ...process.env, ...env } });
    try {
      for (const line of [
        'git init -q',
        `git remote add origin "file://${repo}"`,
        'git fetch -q --no-tags --depth=1 origin +refs/pull/1/merge:refs/remotes/pull/1/merge',
        'git checkout -q --detach refs/remotes/pull/1/merge',
        'npm ci --offline --no-audit --no-fund',
      ]) {
        const r = inClone(line);
        assert.equal(r.status, 0, `${line}\n${r.stderr}`);
      }
      const unfetched = inClone('npx ccmacro diff origin/main');
      assert.equal(unfetched.status, 2);
      assert.match(unfetched.stderr, /shallow clone.*run "git fetch --no-tags --depth=1 origin main"/);

      const summary = path.join(clone, 'summary.md');
      const r = inClone(step.run, { GITHUB_BASE_REF: 'main', GITHUB_STEP_SUMMARY: summary });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      const md = fs.readFileSync(summary, 'utf8');
      assert.match(md, /^#### What the changed macros send$/m);
      assert.match(
        md,
        /^\*\*`Escalate blocker to Slack`\*\* \(`macros\/slack-escalate-blocker\.ccmacro\.json`\): 3 of 3 sample items change$/m,
      );
      assert.match(md, /^\+ {8}"text": ":rotating_light: ESCALATED: /m);
    } finally {
      fs.rmSync(clone, { recursive: true, force: true });
      git('branch', '-qD', 'pr');
      git('update-ref', '-d', 'refs/pull/1/merge');
    }
  });

  it('the GitLab job: its script writes a Code Quality report and fails on errors', () => {
    const script = [...recipe('gitlab').matchAll(/^\s{4}- (.+)$/gm)].map(m => m[1]);
    assert.equal(script[0], 'npm ci');
    const report = script[1];
    const junit = sh(`CI=true ${script[2]}`);
    assert.equal(junit.status, 0, junit.stderr);
    assert.match(fs.readFileSync(path.join(repo, 'ccmacro-junit.xml'), 'utf8'), /<testsuites /);
    fs.rmSync(path.join(repo, 'ccmacro-junit.xml'));
    fs.writeFileSync(path.join(repo, 'macros/broken.ccmacro.json'), BROKEN);
    try {
      const r = sh(report);
      assert.equal(r.status, 1, 'the job fails');
      const issues = JSON.parse(fs.readFileSync(path.join(repo, 'gl-code-quality-report.json'), 'utf8'));
      assert.ok(issues.some((i: { location: { path: string } }) => i.location.path === 'macros/broken.ccmacro.json'));
    } finally {
      fs.rmSync(path.join(repo, 'macros/broken.ccmacro.json'));
      fs.rmSync(path.join(repo, 'gl-code-quality-report.json'), { force: true });
    }
  });

  it('the pre-commit hook stops a commit with a broken macro and lets a good one through', () => {
    fs.mkdirSync(path.join(repo, '.githooks'), { recursive: true });
    fs.writeFileSync(path.join(repo, '.githooks/pre-commit'), recipe('pre-commit'));
    for (const line of recipe('pre-commit-setup').trim().split('\n')) assert.equal(sh(line).status, 0, line);

    fs.writeFileSync(path.join(repo, 'macros/broken.ccmacro.json'), BROKEN);
    git('add', 'macros/broken.ccmacro.json');
    const refused = git('commit', '-m', 'a broken macro');
    assert.notEqual(refused.status, 0, 'the hook refused the commit');
    assert.match(refused.stdout + refused.stderr, /macros\/broken\.ccmacro\.json:1:\d+: error: .*\[schema\/enum\]/);

    fs.writeFileSync(path.join(repo, 'macros/broken.ccmacro.json'), BROKEN.replace('"post"', '"POST"'));
    git('add', 'macros/broken.ccmacro.json');
    const accepted = git('commit', '-q', '-m', 'a fixed macro');
    assert.equal(accepted.status, 0, accepted.stdout + accepted.stderr);

    // Any name: not ASCII (git quotes it unless -z), a space, a line break, a leading dash.
    for (const name of [
      'café ✓.ccmacro.json',
      'two words.ccmacro.json',
      'line\nbreak.ccmacro.json',
      '-dash.ccmacro.json',
    ]) {
      const rel = `macros/${name}`;
      fs.writeFileSync(path.join(repo, rel), BROKEN);
      git('add', '--', rel);
      const refusedName = git('commit', '-m', `broken ${name}`);
      assert.notEqual(refusedName.status, 0, `${name}: the hook refused the commit`);
      assert.match(refusedName.stdout + refusedName.stderr, /:1:\d+: error: .*\[schema\/enum\]/, name);
      fs.writeFileSync(path.join(repo, rel), BROKEN.replace('"post"', '"POST"'));
      git('add', '--', rel);
      const acceptedName = git('commit', '-q', '-m', `fixed ${name}`);
      assert.equal(acceptedName.status, 0, `${name}: ${acceptedName.stdout}${acceptedName.stderr}`);
    }
  });

  it('the pre-commit hook with its ccmacro test lines refuses a changed request until its snapshot is staged', () => {
    fs.writeFileSync(path.join(repo, '.githooks/pre-commit'), recipe('pre-commit') + recipe('pre-commit-test'));
    const macro = 'macros/slack-escalate-blocker.ccmacro.json';
    const text = fs.readFileSync(path.join(repo, macro), 'utf8');
    fs.writeFileSync(path.join(repo, macro), text.replace(':rotating_light: Blocker:', ':rotating_light: ESCALATED:'));
    git('add', macro);
    const refused = git('commit', '-m', 'escalate without its snapshot');
    assert.notEqual(refused.status, 0, 'the hook refused the commit');
    assert.match(refused.stdout + refused.stderr, /the request differs from its snapshot/);
    assert.equal(sh(`npx ccmacro test --update ${macro}`).status, 0);
    git('add', 'macros/slack-escalate-blocker.snap.http');
    const accepted = git('commit', '-q', '-m', 'escalate, with its snapshot');
    assert.equal(accepted.status, 0, accepted.stdout + accepted.stderr);
  });
});
