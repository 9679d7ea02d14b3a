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

/** A text-body macro that sends ((Title)) (or another tag) as written, with its sample items. */
function textMacro(dir: string, name: string, items: unknown[], sample = `${name}.sample.json`, tag = 'Title'): string {
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
          body: `((${tag}))`,
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

  /** A repository (a folder with .git) and a folder next to it, outside it. */
  function repoAndOutside(): { repo: string; outside: string } {
    const repo = path.join(dir, 'repo');
    const outside = path.join(dir, 'outside');
    fs.mkdirSync(path.join(repo, '.git'), { recursive: true });
    fs.mkdirSync(outside);
    return { repo, outside };
  }

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

  it('A1: a snapshot that is a link to a missing or an existing file outside is neither written nor read', () => {
    const { repo, outside } = repoAndOutside();
    textMacro(repo, 'a', [{ Title: 'ssh-ed25519 AAAA attacker' }]);
    fs.symlinkSync('../outside/authorized_keys', path.join(repo, 'a.snap.http'));
    textMacro(repo, 'b', [{ Title: 'overwritten' }]);
    fs.writeFileSync(path.join(outside, 'notes.txt'), 'mine\n');
    fs.symlinkSync(path.join(outside, 'notes.txt'), path.join(repo, 'b.snap.http'));

    for (const args of [['test'], ['test', '--update'], ['test', '--ci']]) {
      const r = ccmacro(args, repo);
      assert.equal(r.code, 1, `${args.join(' ')}: ${r.out}${r.err}`);
      assert.ok(!fs.existsSync(path.join(outside, 'authorized_keys')), `${args.join(' ')} created the link's target`);
      assert.equal(
        fs.readFileSync(path.join(outside, 'notes.txt'), 'utf8'),
        'mine\n',
        `${args.join(' ')} wrote through`,
      );
      assert.match(
        r.out,
        /a\.snap\.http:1:1: error: a\.snap\.http is a symbolic link, and ccmacro never reads or writes a snapshot through a link .* \[snapshot\/link\]/,
      );
      assert.match(r.out, /b\.snap\.http:1:1: error: b\.snap\.http is a symbolic link/);
      assert.ok(!r.out.includes('mine'), 'the file behind the link is not read');
    }
    assert.ok(fs.lstatSync(path.join(repo, 'a.snap.http')).isSymbolicLink(), 'the link is left as it was');

    const gh = ccmacro(['test', '--reporter', 'github'], repo);
    assert.match(gh.out, /^::error file=a\.snap\.http,line=1,col=1,.*title=ccmacro snapshot\/link::/m);
  });

  it('A1: a macro in a linked folder gets no snapshot through that folder', () => {
    const { repo, outside } = repoAndOutside();
    textMacro(outside, 'm', [{ Title: 'x' }]);
    fs.symlinkSync(outside, path.join(repo, 'shared'));
    for (const target of ['shared', 'shared/m.ccmacro.json']) {
      // The macro leads out of the repository: not read at all without the user's say-so.
      const refused = ccmacro(['test', '--update', target], repo);
      assert.equal(refused.code, 1, refused.out + refused.err);
      assert.match(refused.out, /^shared\/m\.ccmacro\.json:1:1: error: .*outside the repository.*\[file\/outside\]$/m);
      // With it, the macro is read, and still no snapshot goes through the link.
      const r = ccmacro(['test', '--update', '--allow-outside', target], repo);
      assert.equal(r.code, 1, r.out + r.err);
      assert.match(
        r.out,
        /The folder shared is a symbolic link, .* so shared\/m\.snap\.http is left alone: .*\[snapshot\/link\]/,
      );
      assert.deepEqual(fs.readdirSync(outside).sort(), ['m.ccmacro.json', 'm.sample.json']);
    }
  });

  it('A1: snapshots are written atomically: a new file renamed into place, never written into the old one', () => {
    textMacro(dir, 'm', [{ Title: 'new text' }]);
    // A hard link shares the old file's bytes: writing into that file would change the other name too.
    const other = path.join(dir, 'other-name.txt');
    fs.writeFileSync(other, 'kept\n');
    fs.linkSync(other, path.join(dir, 'm.snap.http'));
    const r = ccmacro(['test', '--update'], dir);
    assert.equal(r.code, 0, r.out + r.err);
    assert.equal(fs.readFileSync(other, 'utf8'), 'kept\n');
    assert.match(fs.readFileSync(path.join(dir, 'm.snap.http'), 'utf8'), /^new text$/m);
    assert.deepEqual(
      fs.readdirSync(dir).filter(f => f.endsWith('.tmp')),
      [],
      'no temporary file left',
    );
  });

  it('A3: --update writes a snapshot of exactly 10 MB, which the next run reads; one byte more is refused', () => {
    const MAX = 10 * 1024 * 1024;
    const short = (r: { out: string; err: string }) => (r.out + r.err).slice(0, 3000);
    const big = (body: string) => textMacro(dir, 'm', [{ Title: 'big', Body: body }], 'm.sample.json', 'Body');
    big('x');
    assert.equal(ccmacro(['test', '--update'], dir).code, 0);
    const overhead = fs.statSync(path.join(dir, 'm.snap.http')).size - 1;
    big('a'.repeat(MAX - overhead));
    const exact = ccmacro(['test', '--update'], dir);
    assert.equal(exact.code, 0, short(exact));
    assert.equal(fs.statSync(path.join(dir, 'm.snap.http')).size, MAX);
    const again = ccmacro(['test', '--ci'], dir);
    assert.equal(again.code, 0, short(again));

    big('b'.repeat(MAX - overhead + 1));
    const over = ccmacro(['test', '--update'], dir);
    assert.equal(over.code, 1, short(over));
    assert.match(
      over.out,
      /m\.snap\.http:1:1: error: m\.snap\.http would be 10,485,761 bytes, over the 10 MB ccmacro reads, so it is not written .*\[snapshot\/too-large\]/,
    );
    assert.equal(fs.statSync(path.join(dir, 'm.snap.http')).size, MAX, 'the old snapshot is kept');
    // --update was just run: the report says why it was not written, never to run --update again.
    assert.doesNotMatch(over.out, /ccmacro test --update/);
    assert.match(over.out, /^Snapshots listed above as failed were not written: see why next to each\.$/m);
    const next = ccmacro(['test', '--ci'], dir);
    assert.equal(next.code, 1, 'the next run still reads the snapshot and reports the change');
    assert.match(next.out, /the request differs from its snapshot/);
  });

  it('A3: --update repairs a snapshot it cannot read as text (over 10 MB, not UTF-8)', () => {
    textMacro(dir, 'm', [{ Title: 'x' }]);
    for (const junk of [Buffer.alloc(11 * 1024 * 1024, 0x61), Buffer.from([0x23, 0xff, 0xfe, 0x0a])]) {
      fs.writeFileSync(path.join(dir, 'm.snap.http'), junk);
      assert.equal(ccmacro(['test', '--ci'], dir).code, 2, 'without --update it is an I/O error, as before');
      const r = ccmacro(['test', '--update'], dir);
      assert.equal(r.code, 0, r.out + r.err);
      assert.equal(ccmacro(['test', '--ci'], dir).code, 0);
    }
  });

  describe('A2: samples outside the repository', () => {
    let repo = '';
    let secretFile = '';
    const gitEnv = () => ({
      HOME: dir,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.test',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.test',
    });
    const git = (...args: string[]) => {
      const r = spawnSync('git', args, { cwd: repo, env: { PATH: process.env.PATH, ...gitEnv() }, encoding: 'utf8' });
      assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
    };
    /** A macro in the repository whose sample is `spec`, the line and column of that entry. */
    const hostile = (spec: string) => {
      const text = [
        '{',
        '  "name": "Innocent",',
        '  "request": { "method": "POST", "url": "https://x.test/hook", "bodyFormat": "text", "body": "((Title))" },',
        `  "samples": [${JSON.stringify(spec)}]`,
        '}',
        '',
      ].join('\n');
      fs.writeFileSync(path.join(repo, 'macros', 'm.ccmacro.json'), text);
      return `m.ccmacro.json:4:15`;
    };

    beforeEach(() => {
      repo = path.join(dir, 'repo');
      fs.mkdirSync(path.join(repo, 'macros'), { recursive: true });
      secretFile = path.join(dir, 'secret.json');
      fs.writeFileSync(secretFile, JSON.stringify([{ Title: 'TOPSECRET-do-not-copy' }]));
      git('init', '-q');
    });

    it('test, validate and diff refuse a sample path that leads outside, at its samples entry', () => {
      const macros = path.join(repo, 'macros');
      for (const spec of ['../../secret.json', secretFile]) {
        const at = hostile(spec);
        const validate = ccmacro(['validate'], macros);
        assert.equal(validate.code, 1, validate.out + validate.err);
        assert.match(
          validate.out,
          new RegExp(
            `^${at.replace(/\./g, '\\.')}: error: The sample file ".*" is outside the repository, so ccmacro does not read it .*--allow-outside .*\\[sample/outside\\]$`,
            'm',
          ),
        );
        const test = ccmacro(['test'], macros);
        assert.equal(test.code, 1, test.out + test.err);
        assert.match(
          test.out,
          new RegExp(`${at.replace(/\./g, '\\.')}: error: The sample file .* \\[sample/outside\\]`),
        );
        for (const out of [validate.out, test.out]) assert.ok(!out.includes('TOPSECRET'), out);
        const snap = path.join(macros, 'm.snap.http');
        assert.ok(!fs.existsSync(snap) || !fs.readFileSync(snap, 'utf8').includes('TOPSECRET'));
      }

      // diff: the working tree's macro is rendered with the sample refused, both sides alike.
      git('add', '-A');
      git('commit', '-qm', 'macro');
      fs.writeFileSync(
        path.join(macros, 'm.ccmacro.json'),
        fs.readFileSync(path.join(macros, 'm.ccmacro.json'), 'utf8').replace('"((Title))"', '"Seen: ((Title))"'),
      );
      const diff = ccmacro(['diff'], macros, gitEnv());
      assert.equal(diff.code, 1, diff.out + diff.err);
      assert.ok(!(diff.out + diff.err).includes('TOPSECRET'), diff.out);
      assert.match(diff.err, /^m\.ccmacro\.json:4:15: error: The sample file .* \[sample\/outside\]$/m);
      const allowed = ccmacro(['diff', '--allow-outside-samples'], macros, gitEnv());
      assert.equal(allowed.code, 0, allowed.err);
      assert.match(allowed.out, /^\+Seen: TOPSECRET-do-not-copy$/m);
    });

    it('a sample that is a link out of the repository is outside too', () => {
      fs.symlinkSync(secretFile, path.join(repo, 'macros', 'linked.sample.json'));
      hostile('linked.sample.json');
      const r = ccmacro(['validate'], path.join(repo, 'macros'));
      assert.equal(r.code, 1, r.out);
      assert.match(r.out, /The sample file "linked\.sample\.json" is outside the repository.*\[sample\/outside\]/);
      const t = ccmacro(['test', '--update'], path.join(repo, 'macros'));
      assert.equal(t.code, 1, t.out);
      assert.ok(!t.out.includes('TOPSECRET'));
    });

    it('--allow-outside-samples reads them: the user said so', () => {
      hostile('../../secret.json');
      const macros = path.join(repo, 'macros');
      assert.equal(ccmacro(['validate', '--allow-outside-samples'], macros).code, 0);
      const t = ccmacro(['test', '--allow-outside-samples'], macros);
      assert.equal(t.code, 0, t.out);
      assert.match(fs.readFileSync(path.join(macros, 'm.snap.http'), 'utf8'), /^TOPSECRET-do-not-copy$/m);
      // Inside the repository (git root, here above the folder given) is never "outside".
      fs.copyFileSync(secretFile, path.join(repo, 'inside.json'));
      hostile('../inside.json');
      assert.equal(ccmacro(['validate'], macros).code, 0);
    });

    it('without a repository, the folder given is the tree', () => {
      fs.rmSync(path.join(repo, '.git'), { recursive: true });
      fs.copyFileSync(secretFile, path.join(repo, 'inside.json'));
      hostile('../inside.json');
      const r = ccmacro(['validate'], repo);
      assert.equal(r.code, 0, r.out);
      const below = ccmacro(['validate', 'macros'], repo);
      assert.equal(below.code, 1, below.out);
      assert.match(below.out, /is outside the folder given, so ccmacro does not read it/);
    });
  });
});
