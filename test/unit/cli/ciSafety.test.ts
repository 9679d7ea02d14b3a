import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { visible } from '../../../src/core/common/controlChars';
import { parseRunnerOutput, runnerLines, type RunnerCommand } from '../../fakes/githubRunner';
import { REPO_ROOT } from '../../root';

// A pull request written by someone hostile: macro names, file names and sample values that hold GitHub workflow
// commands (`::error …::`, `##[error]`, `::stop-commands::TOKEN`), a line break, an @mention and code fences. Every
// report ccmacro prints is read as the GitHub Actions runner reads a job's log (test/fakes/githubRunner.ts): the
// only commands in it may be ccmacro's own annotations, each at the file and line it means.

const BIN = path.join(REPO_ROOT, 'bin/ccmacro.js');

const FORGED_NAME =
  "Evil\n::error file=README.md,line=1::forged by a name\n##[error]forged legacy @octocat ``` `x` ##teamcity[buildStatus text='pwn']";
/** Each hostile macro file, by the name it has on disk. */
const FILES = {
  legacy: '##[warning]forged by a file name.ccmacro.json',
  command: '::notice file=README.md,line=3::forged by a file name.ccmacro.json',
  newline: 'nl\n::error file=README.md,line=4::forged by a file name.ccmacro.json',
  indented: '  ::warning::forged by an indented file name.ccmacro.json',
  // Not a command: a terminal's. OSC 0 sets the window title, BEL ends it.
  escape: 'esc\x1b]0;pwned title\x07\x1b[2J.ccmacro.json',
};
/** Lines of a sample value that land in a diff's context: ` ::stop-commands::…` would switch annotations off. */
const HOSTILE_VALUE = [
  'd',
  '::stop-commands::pwned1234',
  '  ::error file=README.md,line=2::forged by a value',
  '\u2003::warning::forged after an em space',
  'x ##[error]forged by a value, legacy form',
  '##vso[task.logissue type=error]forged for Azure',
  "##teamcity[setParameter name='env.X' value='y']",
  '```',
  '@octocat',
].join('\n');

function macro(
  name: string,
  options: { triggers?: string[]; samples?: string[]; extra?: Record<string, unknown> } = {},
): string {
  const m = {
    name,
    ...options.extra,
    ...(options.triggers ? { triggers: options.triggers } : {}),
    request: {
      method: 'POST',
      url: 'https://example.test/hook',
      headers: { 'Content-Type': 'text/plain' },
      bodyFormat: 'text',
      // The value above and below the line that changes: both ends of it are in the diff's context.
      body: 'Title: ((Title))\nAbove: ((Description))\nSigned: ops\nBelow: ((Description))\n',
    },
    samples: ['samples/hostile.sample.json', ...(options.samples ?? [])],
  };
  return JSON.stringify(m, null, 2);
}

describe('CI output under attack: read by the GitHub runner rules', function () {
  this.timeout(120000);
  let repo = '';
  let env: Record<string, string> = {};

  const run = (args: string[], cwd = repo) => {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8' });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const git = (...args: string[]) => {
    const r = spawnSync('git', args, { cwd: repo, env, encoding: 'utf8' });
    assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
  };
  /** The 1-based line of the macro's `"body"` key: where a changed body is annotated. */
  const bodyLine = (file: string) =>
    fs
      .readFileSync(path.join(repo, file), 'utf8')
      .split('\n')
      .findIndex(l => l.includes('"body"')) + 1;

  before(() => {
    assert.ok(fs.existsSync(path.join(REPO_ROOT, 'dist/cli.js')), 'build first: node scripts/build.mjs');
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-ci-safety-'));
    env = {
      PATH: process.env.PATH ?? '',
      HOME: repo,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.test',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.test',
    };
    fs.mkdirSync(path.join(repo, 'samples'));
    fs.writeFileSync(
      path.join(repo, 'samples/hostile.sample.json'),
      JSON.stringify({ Title: 'first\n::error::forged by a title', Description: HOSTILE_VALUE }, null, 2),
    );
    fs.writeFileSync(path.join(repo, FILES.legacy), macro(FORGED_NAME));
    fs.writeFileSync(path.join(repo, FILES.command), macro('::stop-commands::nameToken'));
    fs.writeFileSync(path.join(repo, FILES.newline), macro('##[group]forged group'));
    fs.writeFileSync(path.join(repo, FILES.escape), macro('escape\x1b[31m red'));
    // Problems for validate that quote hostile text: a duplicate trigger, and a sample file that is not there.
    fs.writeFileSync(
      path.join(repo, FILES.indented),
      macro('  ::add-mask::secret', {
        extra: { "##teamcity[message text='forged by a property name']": 1 },
        triggers: ['manual', 'manual'],
        samples: ['gone\n::error::forged by a sample path ##[error]x.sample.json'],
      }),
    );
    const w = run(['test', '--update']);
    assert.equal(w.code, 1, 'the macro with a missing sample fails to render: ' + w.out + w.err);
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'hostile macros');
    // The change under review: one line below the hostile value, so the diff's context shows it.
    for (const f of Object.values(FILES)) {
      const file = path.join(repo, f);
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('Signed: ops', 'Signed: dev'));
    }
  });
  after(() => fs.rmSync(repo, { recursive: true, force: true }));

  /** No line is a command, by the runner's rules for any command name, and no stop-commands token shows. */
  function assertNoCommands(output: string, where: string): void {
    const parsed = parseRunnerOutput(output, { anyName: true });
    assert.deepEqual(
      parsed.commands.map(c => runnerLines(output)[c.line]),
      [],
      `${where}: the runner would run these lines`,
    );
    assert.doesNotMatch(output, /::stop-commands/i, `${where} shows a stop-commands`);
    assert.doesNotMatch(output, /##vso\[/i, `${where} holds an Azure Pipelines command`);
    // TeamCity reads `##teamcity[` anywhere in a line; other services use the same `##<word>[` shape.
    assert.doesNotMatch(output, /##[\w-]*\[/, `${where} holds a ##<word>[ service message`);
  }

  /** ccmacro's own annotations, as the runner reads them; nothing else is a command and none is ignored. */
  function annotations(output: string, where: string): RunnerCommand[] {
    const parsed = parseRunnerOutput(output, { anyName: true });
    assert.equal(parsed.stopped, false, `${where}: commands are switched off`);
    assert.deepEqual(parsed.ignored, [], `${where}: commands were ignored`);
    const lines = runnerLines(output);
    for (const c of parsed.commands) {
      assert.ok(['error', 'warning', 'notice'].includes(c.name), `${where}: not an annotation: ${lines[c.line]}`);
      assert.equal(c.form, 'v2');
      assert.match(c.properties.title ?? '', /^ccmacro [a-z-]+\/[a-z-]+$/, `${where}: ${lines[c.line]}`);
    }
    // The lines around the annotations are data: none of them is a command, none shows a stop token.
    const rest = lines.filter((_, i) => !parsed.commands.some(c => c.line === i)).join('\n');
    assertNoCommands(rest, `${where} (data lines)`);
    return parsed.commands;
  }

  it('test --reporter github: its own annotations only, each at the changed body of its macro', () => {
    const r = run(['test', '--ci', '--reporter', 'github']);
    assert.equal(r.code, 1, r.err);
    const found = annotations(r.out, 'test --reporter github');
    assert.deepEqual(
      found.map(c => `${c.properties.file} ${c.properties.title}`).sort(),
      [
        // A control character is shown visibly even there: that annotation cannot be placed, the others are.
        ...Object.values(FILES).map(f => `${visible(f)} ccmacro snapshot/mismatch`),
        `${FILES.indented} ccmacro snapshot/render-error`,
      ].sort(),
      'an annotation per failure, at the exact path of its macro',
    );
    for (const c of found.filter(x => x.properties.title === 'ccmacro snapshot/mismatch')) {
      assert.equal(c.name, 'error');
      if (c.properties.file !== visible(FILES.escape))
        assert.equal(c.properties.line, String(bodyLine(c.properties.file)), c.properties.file);
      const [head, , ...diff] = c.data.split('\n');
      assert.match(head, /^samples\/hostile\.sample\.json \[0\] first .*: the request differs from its snapshot$/);
      assert.ok(diff.includes('-Signed: ops') && diff.includes('+Signed: dev'), c.data);
      assert.ok(diff.includes(' :\\:stop-commands::pwned1234'), 'the value shows, with its backslash: ' + c.data);
    }
    const broken = found.find(c => c.properties.title === 'ccmacro snapshot/render-error')!;
    assert.match(broken.data, /^the macro and its samples: a sample cannot be read\n/);
    assert.match(broken.data, /\[sample\/not-found\]$/);
  });

  it('test --reporter human and junit: not one command', () => {
    const human = run(['test', '--ci']);
    assert.equal(human.code, 1, human.err);
    assertNoCommands(human.out + human.err, 'test (human)');
    const junit = run(['test', '--ci', '--reporter', 'junit']);
    assert.equal(junit.code, 1, junit.err);
    assertNoCommands(junit.out + junit.err, 'test --reporter junit');
    // Escaped as XML's own character references: the document still says what happened.
    assert.ok(junit.out.includes('\n-Signed: ops\n+Signed: dev\n'), junit.out);
    assert.ok(junit.out.includes('\n &#58;:stop-commands::pwned1234\n'), junit.out);
  });

  it('validate --format github: one annotation per problem that --format json lists, at its place', () => {
    const json = run(['validate', '--format', 'json']);
    const expected = (
      JSON.parse(json.out) as {
        files: Array<{
          path: string;
          problems: Array<{ line: number; column: number; message: string; code: string }>;
        }>;
      }
    ).files.flatMap(f => f.problems.map(p => ({ ...p, path: f.path })));
    assert.ok(expected.length >= 2, json.out);
    const r = run(['validate', '--format', 'github']);
    assert.equal(r.code, json.code);
    const found = annotations(r.out, 'validate --format github');
    assert.deepEqual(
      found.map(c => ({
        file: c.properties.file,
        line: Number(c.properties.line),
        column: Number(c.properties.col),
        title: c.properties.title,
      })),
      expected.map(p => ({ file: p.path, line: p.line, column: p.column, title: `ccmacro ${p.code}` })),
    );
    for (const [i, c] of found.entries())
      assert.equal(c.data.replace(/\\(?=\[|::|:stop)/g, ''), visible(expected[i].message));
  });

  it('validate text, json and gitlab: not one command, and the JSON says the same as before', () => {
    for (const format of ['text', 'json', 'gitlab']) {
      const r = run(['validate', '--format', format]);
      assertNoCommands(r.out + r.err, `validate --format ${format}`);
    }
    const gitlab = JSON.parse(run(['validate', '--format', 'gitlab']).out) as Array<{
      description: string;
      location: { path: string };
    }>;
    assert.ok(gitlab.some(e => e.location.path === FILES.indented && e.description.includes('##[error]x.sample')));
  });

  it('diff (text and markdown): not one command; Markdown keeps every name in code and pings nobody', () => {
    const text = run(['diff']);
    assert.equal(text.code, 0, text.err);
    assertNoCommands(text.out + text.err, 'diff');
    const md = run(['diff', '--format', 'markdown']);
    assert.equal(md.code, 0, md.err);
    assertNoCommands(md.out + md.err, 'diff --format markdown');

    const tokens = new MarkdownIt().parse(md.out, {});
    const fences = tokens.filter(t => t.type === 'fence');
    assert.equal(fences.length, 5, 'one diff block per changed macro, none broken out of');
    for (const f of fences) {
      assert.equal(f.info, 'diff');
      assert.match(f.content, /^--- a\//);
      assert.match(f.content, /\n-Signed: ops\n\+Signed: dev\n Below: d\n :\\:stop-commands::pwned1234\n/);
      assert.ok(f.content.includes('\n ```\n @octocat\n'), 'a fence in a value stays in the block');
      assert.match(
        f.content,
        /\n {3}\\::error file=README\.md,line=2::forged by a value\n$/,
        'the block ends with the diff',
      );
    }
    // Outside code, GitHub links @name and #123 and renders markup: nothing from the macros is there.
    const prose = tokens
      .flatMap(t => t.children ?? [])
      .filter(t => t.type === 'text')
      .map(t => t.content)
      .join('\n');
    assert.doesNotMatch(prose, /@\w|Evil|forged/, prose);
    const code = tokens
      .flatMap(t => t.children ?? [])
      .filter(t => t.type === 'code_inline')
      .map(t => t.content);
    // On one line (a line break shows as \n), the legacy form broken by a backslash, the rest as it was.
    const shownName =
      "Evil\\n::error file=README.md,line=1::forged by a name\\n##\\[error]forged legacy @octocat ``` `x` ##teamcity\\[buildStatus text='pwn']";
    assert.ok(code.includes(shownName), code.join('\n'));
  });

  it('no raw control character from a file name reaches the terminal; a file name is one line', () => {
    const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]/;
    const outputs: Array<[string, string[]]> = [
      ['test (human)', ['test', '--ci']],
      ['test --reporter github', ['test', '--ci', '--reporter', 'github']],
      ['diff', ['diff']],
      ['diff --format markdown', ['diff', '--format', 'markdown']],
      ['validate', ['validate']],
    ];
    for (const [where, args] of outputs) {
      const r = run(args);
      const m = RAW.exec(r.out + r.err);
      assert.equal(m, null, `${where} prints U+${m?.[0].charCodeAt(0).toString(16).padStart(4, '0')} raw`);
    }
    const human = run(['test', '--ci']).out;
    for (const label of [
      '--- esc\\x1b]0;pwned title\\x07\\x1b[2J.snap.http (snapshot)',
      '--- nl\\n::error file=README.md',
    ]) {
      assert.ok(
        human.split('\n').some(l => l.startsWith(label)),
        `a label line starting ${label}:\n${human}`,
      );
    }
    const diff = run(['diff']).out;
    assert.ok(
      diff.includes('\n+++ b/esc\\x1b]0;pwned title\\x07\\x1b[2J.ccmacro.json (working tree, rendered)\n'),
      diff,
    );
    // validate text: a line break in a file name cannot start a line of its own.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-ci-safety-nl-'));
    try {
      const bad = '{\n  "name": "Bad",\n  "request": { "method": "post", "url": "https://a.example/" }\n}\n';
      fs.writeFileSync(path.join(dir, 'bad\n::error file=README.md::forged.ccmacro.json'), bad);
      const v = run(['validate'], dir);
      assert.equal(v.code, 1, v.err);
      assert.deepEqual(v.out.split('\n'), [
        'bad\\n::error file=README.md::forged.ccmacro.json:3:26: error: `request.method` must be one of GET, POST, PUT, PATCH or DELETE — did you mean "POST"? [schema/enum]',
        '1 file checked: 1 error, 0 warnings',
        '',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('error lines on stderr: not one command', () => {
    const r = run(['test', '--ci', 'gone\n::error::forged by an argument ##[error]x.ccmacro.json']);
    assert.equal(r.code, 2);
    assertNoCommands(r.out + r.err, 'test with a missing file');
  });
});
